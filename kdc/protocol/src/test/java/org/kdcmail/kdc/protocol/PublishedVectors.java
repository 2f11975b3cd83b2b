package org.kdcmail.kdc.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks a deterministic protocol run against its published vectors: the {@code name = hex} lines
 * of a test resource, and the same lines in docs/protocol.md.
 */
public final class PublishedVectors {
  private PublishedVectors() {}

  /**
   * Asserts {@code actual} equals the vectors in {@code resource} (e.g. {@code
   * /vectors/session-v1.txt}); on a mismatch writes the actual run to {@code target/} to diff.
   */
  public static void assertMatchesResource(Map<String, String> actual, String resource)
      throws IOException {
    Map<String, String> expected = new LinkedHashMap<>();
    try (InputStream in = PublishedVectors.class.getResourceAsStream(resource)) {
      String file = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : file.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] kv = line.split(" = ", 2);
          expected.put(kv[0].trim(), kv[1].trim());
        }
      }
    }
    if (!expected.equals(actual)) {
      StringBuilder text = new StringBuilder();
      actual.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
      Files.createDirectories(Path.of("target"));
      String file = resource.substring(resource.lastIndexOf('/') + 1).replace(".txt", "");
      Files.writeString(Path.of("target", file + ".actual.txt"), text);
    }
    assertThat(actual).isEqualTo(expected);
  }

  /** Asserts docs/protocol.md holds every {@code name = value} line of {@code actual}. */
  public static void assertPublishedInProtocolDoc(Map<String, String> actual) throws IOException {
    Path doc = Path.of("../../docs/protocol.md");
    Assumptions.assumeTrue(Files.exists(doc), "docs not beside the module");
    String text = Files.readString(doc);
    actual.forEach((name, value) -> assertThat(text).contains(name + " = " + value));
  }
}
