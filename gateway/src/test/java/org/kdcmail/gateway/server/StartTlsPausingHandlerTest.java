package org.kdcmail.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartTlsPausingHandlerTest {

  private static ByteBuf line(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @ValueSource(strings = {"STLS", "stls\r\n", "StartTLS", "STARTTLS \r\n", "STLS\n"})
  void upgradeCommands_pauseReading(String text) {
    assertThat(StartTlsPausingHandler.isUpgradeCommand(line(text))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "STL", "STLSX", "STARTTLS now", "USER stls", "QUIT", " STLS"})
  void otherLines_doNot(String text) {
    assertThat(StartTlsPausingHandler.isUpgradeCommand(line(text))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"STLS\r\n", "NOOP\r\n"})
  void theLineIsNotConsumed(String text) {
    ByteBuf line = line(text);
    StartTlsPausingHandler.isUpgradeCommand(line);
    assertThat(line.toString(StandardCharsets.US_ASCII)).isEqualTo(text);
  }
}
