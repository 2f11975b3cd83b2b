package org.kdcmail.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code kdcmail.jar} as a separate process, as a user's shell would. */
class KdcmailJarIT {
  private static final Path JAR = Path.of("..", "dist", "target", "kdcmail.jar");

  record Result(int status, String out, String err) {}

  private static Result kdcmail(Path home, String... args) throws Exception {
    assertThat(JAR).as("the distribution jar, built by the package phase").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KDCMAIL_HOME", home.toString());
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("kdcmail " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void selftest_systemSourceTenMegabytes_passesWithJsonOnlyOnStandardOutput(@TempDir Path home)
      throws Exception {
    Result result =
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

    Result result = kdcmail(home, "qrng", "selftest", "--source", "device:" + zeros);

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.out()).contains("repetition count test failed").contains("Result: FAIL");
    assertThat(result.err()).contains("ALARM");
  }

  @Test
  void version_printsTheVersion(@TempDir Path home) throws Exception {
    Result result = kdcmail(home, "--version");

    assertThat(result.status()).isZero();
    assertThat(result.out()).startsWith("kdcmail 0.");
  }
}
