package org.kdcmail.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

  @Test
  void fromToCc_everyField_groupsAndFolding_lowerCase() throws Exception {
    MessageHeaders h =
        read(
            "From: \"Alice A.\" <Alice@Example.TEST>\r\n"
                + "To: Bob <bob@example.test>,\r\n"
                + "\tcarol@example.test\r\n"
                + "Cc: team: dave@example.test, erin@example.test;\r\n"
                + "To: frank@example.test\r\n"
                + "Message-ID: <m1@example.test>\r\n"
                + "Bcc: hidden@example.test\r\n"
                + "\r\n"
                + "To: body@example.test\r\n");
    assertThat(h.from()).containsExactly("alice@example.test");
    assertThat(h.toAndCc())
        .containsExactlyInAnyOrder(
            "bob@example.test",
            "carol@example.test",
            "dave@example.test",
            "erin@example.test",
            "frank@example.test");
    assertThat(h.messageId()).isEqualTo("<m1@example.test>");
  }

  @Test
  void noFrom_empty_unparsableNamesNoOne() throws Exception {
    MessageHeaders h = read("To: undisclosed-recipients:;\r\nFrom: <<<\r\n\r\n");
    assertThat(h.from()).isEmpty();
    assertThat(h.toAndCc()).isEmpty();
  }

  @Test
  void headerSectionOverOneMebibyte_tooLarge() {
    String huge = "X-Filler: " + "a".repeat(MessageHeaders.MAX_HEADER_BYTES) + "\r\n\r\n";
    assertThatThrownBy(() -> read(huge)).isInstanceOf(MessageHeaders.TooLargeException.class);
  }

  private static MessageHeaders read(String s) throws Exception {
    return MessageHeaders.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
  }
}
