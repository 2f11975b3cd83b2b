package org.kdcmail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void update_notInteractive_printsOneLinePerTenth() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(
            new PrintStream(sink, true, StandardCharsets.UTF_8), "raw", 10_000_000, false);
    for (long done = 0; done <= 10_000_000; done += 65_536) {
      bar.update(done);
    }
    bar.update(10_000_000);
    String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(11);
    assertThat(lines[10]).contains("100%").contains("10.0 MB / 10.0 MB");
  }

  @Test
  void format_scalesUnits() {
    assertThat(ByteCount.format(999)).isEqualTo("999 B");
    assertThat(ByteCount.format(20_000)).isEqualTo("20.0 kB");
    assertThat(ByteCount.format(10_000_000)).isEqualTo("10.0 MB");
  }
}
