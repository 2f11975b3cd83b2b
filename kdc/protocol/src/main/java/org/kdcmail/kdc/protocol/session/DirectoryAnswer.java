package org.kdcmail.kdc.protocol.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The KDC's verified answer to a directory lookup: for each address asked about, in request order,
 * whether it is enrolled and active. An address the KDC does not know, or whose account is
 * disabled, is {@code false}.
 *
 * @param enrolled address → enrolled and active, in request order (unmodifiable)
 */
public record DirectoryAnswer(Map<String, Boolean> enrolled) {
  public DirectoryAnswer {
    Objects.requireNonNull(enrolled, "enrolled");
    enrolled = Collections.unmodifiableMap(new LinkedHashMap<>(enrolled));
  }

  /** Whether {@code name} is enrolled and active; false for a name that was not asked about. */
  public boolean isEnrolled(String name) {
    return enrolled.getOrDefault(name, false);
  }
}
