package org.kdcmail.qrng.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.kdcmail.qrng.EntropySourceException;
import org.kdcmail.qrng.SourceKind;
import org.slf4j.LoggerFactory;

class SystemEntropySourceTest {

  @Test
  void constructor_warnsOnceThatItIsNotQuantum() {
    Logger logger = (Logger) LoggerFactory.getLogger(SystemEntropySource.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try (SystemEntropySource source = new SystemEntropySource()) {
      source.readSamples(new byte[64], 0, 64);
    } finally {
      logger.detachAppender(logs);
    }

    assertThat(logs.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("not quantum");
            });
  }

  @Test
  void descriptor_isSystemNotQuantumWithH8() {
    try (SystemEntropySource source = new SystemEntropySource()) {
      assertThat(source.descriptor().id()).isEqualTo("system");
      assertThat(source.descriptor().kind()).isEqualTo(SourceKind.SYSTEM);
      assertThat(source.descriptor().provenanceLabel()).isEqualTo("system (not quantum)");
      assertThat(source.descriptor().minEntropyPerSample()).isEqualTo(8.0);
    }
  }

  @Test
  void readSamples_offsetRange_fillsOnlyThatRange() {
    try (SystemEntropySource source = new SystemEntropySource()) {
      byte[] buf = new byte[64];
      source.readSamples(buf, 16, 32);
      assertThat(java.util.Arrays.copyOfRange(buf, 0, 16)).containsOnly(0);
      assertThat(java.util.Arrays.copyOfRange(buf, 48, 64)).containsOnly(0);
      assertThat(java.util.Arrays.copyOfRange(buf, 16, 48)).isNotEqualTo(new byte[32]);
    }
  }

  @Test
  void readSamples_afterClose_fails() {
    SystemEntropySource source = new SystemEntropySource();
    source.close();
    assertThatThrownBy(() -> source.readSamples(new byte[1], 0, 1))
        .isInstanceOf(EntropySourceException.class);
  }
}
