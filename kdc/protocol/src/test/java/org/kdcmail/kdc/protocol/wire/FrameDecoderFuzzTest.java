package org.kdcmail.kdc.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Arbitrary bytes, delivered in arbitrary chunk sizes (including reads that return 0), into a
 * {@link FrameReader} with an arbitrary maximum. Properties: the only exception is {@link
 * MalformedFrameException}; every frame read re-encodes to exactly the bytes consumed and respects
 * the maximum; the reader never consumes past what a frame announced and always terminates (a
 * stream returning 0 is rejected, not retried). Allocation is bounded by the maximum, which is at
 * most 64 KiB here.
 *
 * <p>Runs as a plain regression test with its seeds, and fuzzes in the {@code fuzz-frame-decoder}
 * surefire execution of {@code kdc/protocol/pom.xml} ({@code JAZZER_FUZZ=1}).
 */
class FrameDecoderFuzzTest {

  private static final int MAX_FRAMES = 64;

  @FuzzTest(maxDuration = "60s")
  void frameReader_arbitraryBytes_onlyMalformedFrameException(FuzzedDataProvider data) {
    int max = data.consumeInt(0, FrameCodec.DEFAULT_MAX_PAYLOAD_BYTES);
    int chunk = data.consumeInt(0, 16);
    byte[] input = data.consumeRemainingAsBytes();
    ChunkedStream in = new ChunkedStream(input, chunk);
    FrameReader reader = new FrameReader(in, max);
    for (int i = 0; i < MAX_FRAMES; i++) {
      int before = in.position();
      Optional<Frame> frame;
      try {
        frame = reader.read();
      } catch (MalformedFrameException e) {
        assertThat(e.error()).isIn(WireError.MALFORMED_FRAME, WireError.FRAME_TOO_LARGE);
        return;
      } catch (IOException e) {
        throw new AssertionError("undocumented exception", e);
      }
      if (frame.isEmpty()) {
        assertThat(in.position()).isEqualTo(input.length);
        return;
      }
      byte[] encoded = FrameCodec.encode(frame.get());
      assertThat(frame.get().payloadLength()).isLessThanOrEqualTo(max);
      assertThat(in.position() - before).isEqualTo(encoded.length);
      for (int j = 0; j < encoded.length; j++) {
        assertThat(encoded[j]).isEqualTo(input[before + j]);
      }
    }
  }

  /** Serves at most {@code chunk} bytes per bulk read; 0 means every bulk read returns 0. */
  private static final class ChunkedStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int chunk;
    private final int length;

    ChunkedStream(byte[] data, int chunk) {
      this.in = new ByteArrayInputStream(data);
      this.chunk = chunk;
      this.length = data.length;
    }

    int position() {
      return length - in.available();
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (chunk == 0) {
        return in.available() == 0 ? -1 : 0;
      }
      return in.read(b, off, Math.min(len, chunk));
    }
  }
}
