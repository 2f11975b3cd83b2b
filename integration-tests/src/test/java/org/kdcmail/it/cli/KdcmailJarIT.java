package org.kdcmail.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code kdcmail.jar} as a separate process, as a user's shell would. */
class KdcmailJarIT {
  private static KdcmailProcess.Result kdcmail(Path home, String... args) throws Exception {
    return new KdcmailProcess(home).run("", args);
  }

  @Test
  void selftest_systemSourceTenMegabytes_passesWithJsonOnlyOnStandardOutput(@TempDir Path home)
      throws Exception {
    KdcmailProcess.Result result =
        kdcmail(home, "qrng", "selftest", "--source", "system", "--bytes", "10000000", "--json");

    assertThat(result.status()).as(result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.at("/raw_statistics/sample_bytes").asLong()).isEqualTo(10_000_000);
    assertThat(result.err()).contains("not quantum").contains("100%");
  }

  @Test
  void selftest_fileOfZerosAsDevice_failsLoudly(@TempDir Path home) throws Exception {
    Path zeros = Files.write(home.resolve("zeros.bin"), new byte[1 << 20]);

    KdcmailProcess.Result result = kdcmail(home, "qrng", "selftest", "--source", "device:" + zeros);

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.out()).contains("repetition count test failed").contains("Result: FAIL");
    assertThat(result.err()).contains("ALARM");
  }

  @Test
  void version_printsTheVersion(@TempDir Path home) throws Exception {
    KdcmailProcess.Result result = kdcmail(home, "--version");

    assertThat(result.status()).isZero();
    assertThat(result.out()).startsWith("kdcmail 0.");
  }
}
