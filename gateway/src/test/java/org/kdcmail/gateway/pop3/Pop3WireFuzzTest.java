package org.kdcmail.gateway.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.protocols.pop3.core.CRLFTerminatedInputStream;
import org.apache.james.protocols.pop3.core.ExtraDotInputStream;

/**
 * Arbitrary message bytes through the gateway's own byte handling: the header filter, CRLF
 * normalization, James' dot-stuffing and the upstream dot-unstuffing reader. Properties: no header
 * line of the result starts with {@code X-Kdcmail-} or is a leading continuation; the part after
 * the first empty line is unchanged; filtering is idempotent; stuffing then unstuffing returns the
 * exact bytes, whose count is the size the gateway reports.
 *
 * <p>Runs as a regression test only if selected; fuzzes in the {@code fuzz-pop3-wire} surefire
 * execution of {@code gateway/pom.xml} ({@code JAZZER_FUZZ=1}).
 */
class Pop3WireFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void filterThenStuffThenUnstuff_roundTripsWithoutOutsideKdcmailFields(FuzzedDataProvider data)
      throws IOException {
    byte[] message = data.consumeRemainingAsBytes();
    byte[] processed = process(message);

    String s = new String(processed, StandardCharsets.ISO_8859_1);
    int end = headerEnd(s);
    String header = s.substring(0, end);
    for (String line : header.split("\n", -1)) {
      assertThat(line.toLowerCase(Locale.ROOT)).doesNotStartWith("x-kdcmail-");
    }
    assertThat(header).doesNotStartWith(" ").doesNotStartWith("\t");
    assertThat(process(processed)).isEqualTo(processed);

    // as served: the gateway's status field, then the processed message
    ByteArrayOutputStream served = new ByteArrayOutputStream();
    served.writeBytes(StatusHeaders.notEncrypted(false));
    served.writeBytes(processed);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    new CRLFTerminatedInputStream(
            new ExtraDotInputStream(new ByteArrayInputStream(served.toByteArray())))
        .transferTo(wire);
    wire.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] back =
        new MultiLineInputStream(new ByteArrayInputStream(wire.toByteArray())).readAllBytes();
    assertThat(back).isEqualTo(served.toByteArray());
  }

  private static byte[] process(byte[] message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CrlfOutputStream crlf = new CrlfOutputStream(out);
    KdcmailHeaderFilter filter = new KdcmailHeaderFilter(crlf);
    filter.write(message);
    filter.finish();
    crlf.finish();
    return out.toByteArray();
  }

  /** Where the header section ends: after the first empty line, or the whole text. */
  private static int headerEnd(String s) {
    int at = s.startsWith("\r\n") ? 0 : s.indexOf("\r\n\r\n");
    return at < 0 ? s.length() : at;
  }
}
