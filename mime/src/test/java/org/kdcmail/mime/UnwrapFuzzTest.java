package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Arbitrary bytes into {@link MailUnwrapper#unwrap}, either as a whole message or as edits of a
 * genuine wrapped message. Properties: no exception (malformed input is a verdict); nothing is
 * written unless the verdict releases it, and a released plaintext is exactly the original.
 *
 * <p>Runs as a regression test in the default build only if selected, and fuzzes in the {@code
 * fuzz-unwrap} surefire execution of {@code mime/pom.xml} ({@code JAZZER_FUZZ=1}).
 */
class UnwrapFuzzTest {

  private static final String BOB = "bob@corp.example";
  private static final TestKdc KDC = new TestKdc();
  private static final byte[] ORIGINAL = Corpus.messages().get("7bit");
  private static final Path SPOOL;
  private static final byte[] GENUINE;

  static {
    try {
      SPOOL = Files.createTempDirectory("kdcmail-fuzz");
      GENUINE =
          Wrapped.wrap(
              ORIGINAL,
              TestKdc.material(KDC.issue("alice@corp.example", List.of(BOB))),
              WrapOptions.builder().segmentSizeBytes(64).spoolDir(SPOOL).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void unwrap_arbitraryOrEditedBytes_onlyVerdictsNoPlaintextLeak(FuzzedDataProvider data)
      throws IOException {
    byte[] input;
    if (data.consumeBoolean()) {
      input = GENUINE.clone();
      int edits = data.consumeInt(1, 4);
      for (int i = 0; i < edits && input.length > 0; i++) {
        input[data.consumeInt(0, input.length - 1)] = data.consumeByte();
      }
      if (data.consumeBoolean()) {
        input = java.util.Arrays.copyOf(input, data.consumeInt(0, input.length));
      }
    } else {
      input = data.consumeRemainingAsBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Verdict v =
        Wrapped.plainUnwrapper()
            .unwrap(new ByteArrayInputStream(input), BOB, KDC.opener(BOB), out, SPOOL);
    if (v.isReleased()) {
      assertThat(out.toByteArray()).isEqualTo(ORIGINAL);
    } else {
      assertThat(out.size()).isZero();
    }
  }
}
