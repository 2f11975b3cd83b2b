package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Outer From/To/Cc carry bare addresses only; display names stay inside the ciphertext (C4). */
class OuterHeadersTest {

  @TempDir Path tmp;
  final TestKdc kdc = new TestKdc();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alice@example.test|alice@example.test",
        "Alice <alice@example.test>|alice@example.test",
        "\"Smith, Alice\" <alice@example.test>|alice@example.test",
        "alice@example.test (Alice Smith)|alice@example.test",
        "=?UTF-8?B?0JDQu9C40YHQsA==?= <alice@example.test>|alice@example.test",
        "(c) Alice (x(y)) <alice@example.test> (z)|alice@example.test",
        "<@relay.test,@r2.test:alice@example.test>|alice@example.test",
        "alice @ example . test|alice@example.test",
        "\"john doe\"@example.test|\"john doe\"@example.test",
        "Team: a@example.test, B <b@example.test>;, c@example.test|a@example.test b@example.test c@example.test",
        "undisclosed-recipients:;|",
        "Alice alice@example.test|",
        "Alice|",
        "<alice@example.test|",
      })
  void bareAddresses_dropsDisplayNamesCommentsAndGroups(String value, String expected) {
    List<String> want = expected == null ? List.of() : List.of(expected.split(" (?=[^\"]*$)"));
    assertThat(AddressList.bareAddresses(value)).isEqualTo(want);
  }

  @Test
  void wrap_displayNamesIncludingEncodedWords_neverAppearOutside_butComeBackInside()
      throws Exception {
    String alice = "alice@corp.example";
    String bob = "bob@corp.example";
    String carol = "carol@corp.example";
    byte[] original =
        Corpus.b(
            "From: =?UTF-8?B?0JDQu9C40YHQsCDQodC10LrRgNC10YI=?= <"
                + alice
                + ">\r\n"
                + "To: \"Bob DisplayName-7f3a\" <"
                + bob
                + ">,\r\n =?ISO-8859-1?Q?Caf=E9_Carol?= <"
                + carol
                + ">\r\n"
                + "Cc: "
                + carol
                + " (Comment-7f3a)\r\n"
                + "Date: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <outer-1@corp.example>\r\n"
                + "Subject: hi\r\n"
                + "\r\n"
                + "body\r\n");
    TestKdc.Issued issued = kdc.issue(alice, List.of(bob, carol));
    byte[] wrapped =
        Wrapped.wrap(
            original, TestKdc.material(issued), WrapOptions.builder().spoolDir(tmp).build());
    String s = new String(wrapped, StandardCharsets.ISO_8859_1);
    // Short markers are checked in the outer header block only: the base64 body is random and
    // holds any 3- or 4-character string now and then. The long marker is checked everywhere.
    String outerHeaders = s.substring(0, s.indexOf("\r\n\r\n"));
    assertThat(s).doesNotContain("0JDQu9C40YHQsCDQodC10LrRgNC10YI");
    assertThat(outerHeaders)
        .startsWith(
            "From: "
                + alice
                + "\r\nTo: "
                + bob
                + ", "
                + carol
                + "\r\nCc: "
                + carol
                + "\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <outer-1@corp.example>")
        .doesNotContain("=?")
        .doesNotContain("7f3a")
        .doesNotContain("0JDQu9C40YHQsCDQodC10LrRgNC10YI")
        .doesNotContain("Caf")
        .doesNotContain("Bob ")
        .doesNotContain("(");
    Wrapped.Result r = Wrapped.unwrap(wrapped, bob, kdc.opener(bob), tmp, Wrapped.plainUnwrapper());
    assertThat(r.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(r.out()).isEqualTo(original);
  }
}
