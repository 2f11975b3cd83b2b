package org.kdcmail.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code kdcmail.jar} as a separate process with its own home folder, as a user's
 * shell would: standard output and error captured to files, answers fed on standard input.
 */
final class KdcmailProcess {
  static final Path JAR = Path.of("..", "dist", "target", "kdcmail.jar");

  /** The outcome of a finished command. */
  record Result(int status, String out, String err) {}

  private final Path home;
  private final java.util.Map<String, String> environment;

  KdcmailProcess(Path home) {
    this(home, java.util.Map.of());
  }

  /** A process runner that also sets {@code environment} (e.g. {@code SOFTHSM2_CONF}). */
  KdcmailProcess(Path home, java.util.Map<String, String> environment) {
    this.home = home;
    this.environment = java.util.Map.copyOf(environment);
  }

  /** Runs a command to completion (2 minutes at most), feeding {@code stdin}. */
  Result run(String stdin, String... args) throws Exception {
    Process process = start(stdin, args);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("kdcmail " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), read("out", args), read("err", args));
  }

  /** Starts a command and returns at once (for servers); its output goes to files in the home. */
  Process start(String stdin, String... args) throws IOException {
    assertThat(JAR).as("the distribution jar, built by the package phase").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KDCMAIL_HOME", home.toString());
    builder.environment().putAll(environment);
    Process process =
        builder
            .redirectOutput(outputFile("out", args).toFile())
            .redirectError(outputFile("err", args).toFile())
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    return process;
  }

  /** Waits until {@code file} contains {@code text}, or fails after {@code timeout}. */
  static void awaitText(Path file, String text, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "'"
            + text
            + "' did not appear in "
            + file
            + ":\n"
            + (Files.exists(file) ? Files.readString(file) : ""));
  }

  /** Where a command's standard output ({@code out}) or error ({@code err}) is captured. */
  Path outputFile(String stream, String... args) {
    return home.resolve(
        "cmd-" + String.join("_", args).replaceAll("[^A-Za-z0-9_.-]", "_") + "." + stream);
  }

  private String read(String stream, String... args) throws IOException {
    return Files.readString(outputFile(stream, args), StandardCharsets.UTF_8);
  }
}
