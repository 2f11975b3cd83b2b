package org.kdcmail.qrng.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceKind;
import org.kdcmail.qrng.health.HealthState;
import org.kdcmail.qrng.health.HealthTestFailedException;
import org.kdcmail.qrng.health.HealthTestedSource;
import org.kdcmail.testing.RequiredProgramsCondition;

class DeviceEntropySourceTest {

  @TempDir Path dir;

  @Test
  void constructor_missingPath_failsNamingThePath() {
    Path missing = dir.resolve("qrandom0");

    assertThatThrownBy(() -> new DeviceEntropySource(missing))
        .isInstanceOf(EntropySourceException.class)
        .hasMessageStartingWith("QRNG device not found: " + missing);
  }

  @Test
  void constructor_directory_failsAsNotReadable() {
    assertThatThrownBy(() -> new DeviceEntropySource(dir))
        .isInstanceOf(EntropySourceException.class)
        .hasMessageStartingWith("QRNG device not readable: " + dir);
  }

  @Test
  void readSamples_file_returnsItsBytesInOrder() throws IOException {
    byte[] content = new byte[300];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path file = Files.write(dir.resolve("samples"), content);
    try (DeviceEntropySource source = new DeviceEntropySource(file)) {
      byte[] a = new byte[100];
      byte[] b = new byte[210];
      source.readSamples(a, 0, 100);
      source.readSamples(b, 10, 200);

      assertThat(a).containsExactly(Arrays.copyOfRange(content, 0, 100));
      assertThat(Arrays.copyOfRange(b, 10, 210))
          .containsExactly(Arrays.copyOfRange(content, 100, 300));
      assertThat(source.descriptor().id()).isEqualTo("device:" + file);
      assertThat(source.descriptor().kind()).isEqualTo(SourceKind.QUANTUM);
      assertThat(source.descriptor().minEntropyPerSample()).isEqualTo(8.0);
    }
  }

  @Test
  void readSamples_smallFile_shortReadNamesPathAndCounts() throws IOException {
    Path file = Files.write(dir.resolve("small"), new byte[10]);
    try (DeviceEntropySource source = new DeviceEntropySource(file)) {
      assertThatThrownBy(() -> source.readSamples(new byte[64], 0, 64))
          .isInstanceOf(EntropySourceException.class)
          .hasMessage("short read from " + file + ": got 10 of 64 bytes");
    }
  }

  @Test
  void readSamples_fifoNeverWritten_timesOutInsteadOfHanging() throws Exception {
    Path fifo = dir.resolve("qrandom-fifo");
    assumeTrue(
        RequiredProgramsCondition.findOnPath("mkfifo").isPresent(),
        () -> {
          System.err.println("SKIPPED: mkfifo not on PATH, cannot make a stalled device");
          return "mkfifo not on PATH";
        });
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");

    DeviceEntropySource source = new DeviceEntropySource(fifo, 8.0, Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThatThrownBy(() -> source.readSamples(new byte[16], 0, 16))
        .isInstanceOf(EntropySourceException.class)
        .hasMessageContaining("timed out reading 16 bytes from QRNG device " + fifo);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMs).isBetween(250L, 5_000L);
    source.close();
    unblockReader(fifo);
  }

  /** Opens and closes the FIFO's write end so the reader thread blocked in open() gets EOF. */
  private static void unblockReader(Path fifo) throws Exception {
    CompletableFuture.runAsync(
            () -> {
              try (FileOutputStream ignored = new FileOutputStream(fifo.toFile())) {
                // nothing written
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .get(5, TimeUnit.SECONDS);
  }

  @Test
  void healthTested_fileOfZeros_failsLoudly() throws IOException {
    Path zeros = Files.write(dir.resolve("zeros"), new byte[8192]);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HealthTestedSource source = new HealthTestedSource(new DeviceEntropySource(zeros), registry);

    assertThatThrownBy(() -> source.readSamples(new byte[32], 0, 32))
        .isInstanceOf(HealthTestFailedException.class)
        .hasMessage(
            "repetition count test failed during start-up on source device:"
                + zeros
                + " (run of 6 identical samples, cutoff 6); the source is FAILED until an operator"
                + " resets it");
    assertThat(source.state()).isEqualTo(HealthState.FAILED);
    assertThat(
            registry
                .counter(
                    HealthTestedSource.FAILURES_METRIC,
                    "test",
                    "startup",
                    "source",
                    "device:" + zeros)
                .count())
        .isEqualTo(1.0);
    source.close();
  }

  @Test
  void readSamples_afterClose_fails() throws IOException {
    Path file = Files.write(dir.resolve("f"), new byte[100]);
    DeviceEntropySource source = new DeviceEntropySource(file);
    source.close();

    assertThatThrownBy(() -> source.readSamples(new byte[1], 0, 1))
        .isInstanceOf(EntropySourceException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void constructor_declaredMinEntropyOutOfRange_rejects() throws IOException {
    Path file = Files.write(dir.resolve("g"), new byte[1]);
    assertThatThrownBy(() -> new DeviceEntropySource(file, 9.0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
