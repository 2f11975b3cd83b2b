package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DowngradeCheckTest {

  private static HeaderBlock headers(String s) throws Exception {
    return HeaderBlock.read(new ByteArrayInputStream(Corpus.b(s)));
  }

  @Test
  void plaintextFromEnrolledSender_flagged() throws Exception {
    assertThat(
            DowngradeCheck.isUnexpectedPlaintext(
                headers("From: \"Alice\" <ALICE@corp.example>\r\nTo: bob@corp.example\r\n\r\n"),
                Set.of("alice@corp.example")))
        .isTrue();
    assertThat(
            DowngradeCheck.isUnexpectedPlaintext(
                headers("From: alice@corp.example\r\n\r\n"), Set.of("alice@corp.example")))
        .isTrue();
  }

  @Test
  void plaintextFromOutsider_notFlagged() throws Exception {
    assertThat(
            DowngradeCheck.isUnexpectedPlaintext(
                headers("From: \"alice@corp.example\" <eve@evil.example>\r\n\r\n"),
                Set.of("alice@corp.example")))
        .isFalse();
  }

  @Test
  void kdcmailMessage_notFlagged() throws Exception {
    TestKdc kdc = new TestKdc();
    byte[] w =
        Wrapped.wrap(
            Corpus.messages().get("7bit"),
            TestKdc.material(kdc.issue("alice@corp.example", List.of("bob@corp.example"))),
            WrapOptions.defaults());
    assertThat(
            DowngradeCheck.isUnexpectedPlaintext(
                HeaderBlock.read(new ByteArrayInputStream(w)), Set.of("alice@corp.example")))
        .isFalse();
  }
}
