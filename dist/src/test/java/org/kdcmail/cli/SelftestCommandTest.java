package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.cli.KdcmailCommandTest.Run;

class SelftestCommandTest {

  @Test
  void selftest_systemSourceJson_printsOnlyJsonAndPasses() throws Exception {
    Run run = Run.of("qrng", "selftest", "--source", "system", "--bytes", "20000", "--json");

    assertThat(run.status()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.at("/source/quantum").asBoolean()).isFalse();
    assertThat(json.at("/source/label").asText()).isEqualTo("system (not quantum)");
    assertThat(json.at("/health/repetition_count_cutoff").asInt()).isEqualTo(6);
    assertThat(json.at("/health/adaptive_proportion_cutoff").asInt()).isEqualTo(19);
    assertThat(json.at("/drbg/mechanism").asText()).isEqualTo("Hash_DRBG/SHA-512");
    assertThat(json.at("/raw_statistics/tests")).hasSizeGreaterThanOrEqualTo(10);
    assertThat(json.at("/drbg_statistics/sample_bytes").asLong()).isEqualTo(20_000);
  }

  @Test
  void selftest_fileOfZeros_failsLoudlyWithExitOne(@TempDir Path tmp) throws Exception {
    Path zeros = Files.write(tmp.resolve("zeros"), new byte[100_000]);

    Run run = Run.of("qrng", "selftest", "--source", "device:" + zeros, "--bytes", "20000");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .contains("Health tests    FAIL: repetition count test failed")
        .contains("Result: FAIL");
  }

  @Test
  void selftest_tooFewBytes_isAUsageError() {
    Run run = Run.of("qrng", "selftest", "--bytes", "100");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--bytes must be at least 20000");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void selftest_unknownSource_isAUsageErrorNamingTheForms() {
    Run run = Run.of("qrng", "selftest", "--source", "dev/qrandom0");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("device:PATH").contains("system");
  }

  @Test
  void selftest_missingDevice_saysWhichPath(@TempDir Path tmp) {
    Run run = Run.of("qrng", "selftest", "--source", "device:" + tmp.resolve("qrandom0"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("kdcmail: QRNG device not found: " + tmp.resolve("qrandom0"));
  }
}
