package org.kdcmail.qrng.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.SourceKind;

class EntropySourceSpecTest {

  @TempDir Path dir;

  @Test
  void parse_system_opensNotQuantumSystemSource() {
    try (EntropySource source = EntropySourceSpec.parse("system").open()) {
      assertThat(source).isInstanceOf(SystemEntropySource.class);
      assertThat(source.descriptor().kind()).isEqualTo(SourceKind.SYSTEM);
    }
  }

  @Test
  void parse_devicePath_defaultsToH8() throws IOException {
    Path file = Files.write(dir.resolve("q"), new byte[16]);
    EntropySourceSpec spec = EntropySourceSpec.parse("device:" + file);

    assertThat(spec).isEqualTo(new EntropySourceSpec.DeviceSpec(file, 8.0));
    try (EntropySource source = spec.open()) {
      assertThat(source.descriptor().id()).isEqualTo("device:" + file);
      assertThat(source.descriptor().minEntropyPerSample()).isEqualTo(8.0);
    }
  }

  @Test
  void parse_deviceWithDeclaredH_usesIt() throws IOException {
    Path file = Files.write(dir.resolve("q"), new byte[16]);
    try (EntropySource source = EntropySourceSpec.parse("device:" + file + "?h=7.5").open()) {
      assertThat(source.descriptor().minEntropyPerSample()).isEqualTo(7.5);
    }
  }

  @Test
  void parse_missingDevice_parsesButOpenNamesThePath() {
    EntropySourceSpec spec = EntropySourceSpec.parse("device:/dev/qrandom-missing-42");
    assertThatThrownBy(spec::open)
        .hasMessageStartingWith("QRNG device not found: /dev/qrandom-missing-42");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "quantum", "System", " system", "file:/dev/qrandom0", "/dev/qrandom0"})
  void parse_unknownKind_rejectsListingTheForms(String spec) {
    assertThatThrownBy(() -> EntropySourceSpec.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown entropy source")
        .hasMessageContaining("'device:PATH'");
  }

  @Test
  void parse_deviceWithoutPath_rejects() {
    assertThatThrownBy(() -> EntropySourceSpec.parse("device:?h=8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no device path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h=0", "h=8.5", "h=-1", "h=abc", "h=", "h=NaN", "h=1e0"})
  void parse_badDeclaredH_rejects(String option) {
    assertThatThrownBy(() -> EntropySourceSpec.parse("device:/dev/qrandom0?" + option))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a number of bits per byte in (0, 8]");
  }

  @Test
  void parse_unknownOption_rejects() {
    assertThatThrownBy(() -> EntropySourceSpec.parse("device:/dev/qrandom0?timeout=5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option 'timeout=5'");
  }
}
