package org.kdcmail.plugin.desktop;

import java.util.Objects;
import org.kdcmail.plugin.enroll.EnrollmentResult;

/** What a {@link SignUpHandler} made of a sign-up. */
public sealed interface SignUpResult {

  /** The KDC confirmed and the local store was written. */
  record Enrolled(EnrollmentResult result) implements SignUpResult {
    public Enrolled {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * Nothing was stored; the form shows {@code message} and stays open.
   *
   * @param message one line for the user, without secrets
   */
  record Failed(String message) implements SignUpResult {
    public Failed {
      Objects.requireNonNull(message, "message");
    }
  }
}
