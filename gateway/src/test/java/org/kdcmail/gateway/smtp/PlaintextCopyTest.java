package org.kdcmail.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlaintextCopyTest {

  @Test
  void addsTheWarningFirst_dropsEveryBccFieldWithItsContinuations_keepsTheRest() throws Exception {
    String original =
        "From: a@x.test\r\n"
            + "Bcc: hidden@x.test,\r\n"
            + " other-hidden@x.test\r\n"
            + "To: b@x.test\r\n"
            + "BCC: third@x.test\r\n"
            + "\r\n"
            + "Bcc: this is body text\r\n";
    assertThat(copy(original))
        .isEqualTo(
            PlaintextCopy.WARNING
                + "From: a@x.test\r\n"
                + "To: b@x.test\r\n"
                + "\r\n"
                + "Bcc: this is body text\r\n");
  }

  @Test
  void bareLineFeeds_andNoBody_keptAsTheyAre() throws Exception {
    assertThat(copy("From: a@x.test\nTo: b@x.test\n"))
        .isEqualTo(PlaintextCopy.WARNING + "From: a@x.test\nTo: b@x.test\n");
  }

  private static String copy(String message) throws Exception {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PlaintextCopy(() -> new ByteArrayInputStream(bytes)).writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
