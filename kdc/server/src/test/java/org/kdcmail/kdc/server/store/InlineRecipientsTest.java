package org.kdcmail.kdc.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineRecipientsTest {

  private static byte[] bytes(int n, int fill) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  @Test
  void encode_matchesTheDocumentedVector() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put("bob", bytes(3, 0xAA));
    keys.put("zoë", bytes(2, 0xBB));
    // the vector in docs/storage.md, "kdc_issuance.recipients"
    assertThat(HexFormat.of().formatHex(InlineRecipients.encode(keys).orElseThrow()))
        .isEqualTo("010002" + "0003626f62" + "0003aaaaaa" + "00047a6fc3ab" + "0002bbbb");
  }

  @Test
  void decode_roundTrip_keepsOrderAndBytes() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put("zed", bytes(60, 1));
    keys.put("amy", bytes(60, 2));
    keys.put("ünï@例え.jp", bytes(60, 3));
    Map<String, byte[]> back =
        InlineRecipients.decode("k", InlineRecipients.encode(keys).orElseThrow());
    assertThat(back.keySet()).containsExactly("zed", "amy", "ünï@例え.jp");
    keys.forEach((name, value) -> assertThat(back.get(name)).isEqualTo(value));
  }

  @Test
  void encode_tooLongForTheColumn_empty() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    int i = 0;
    while (keys.isEmpty() || InlineRecipients.encode(keys).isPresent()) {
      keys.put("r" + i++ + "x".repeat(100), bytes(60, 1));
    }
    // the first list that does not fit is just past the limit
    keys.remove(keys.keySet().stream().reduce((a, b) -> b).orElseThrow());
    assertThat(InlineRecipients.encode(keys).orElseThrow().length)
        .isLessThanOrEqualTo(InlineRecipients.MAX_BYTES)
        .isGreaterThan(InlineRecipients.MAX_BYTES - (4 + 104 + 60));
  }

  @Test
  void encode_noRecipient_refused() {
    assertThatThrownBy(() -> InlineRecipients.encode(Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_malformed_integrityErrorNamingTheKey() {
    byte[] good = InlineRecipients.encode(Map.of("bob", bytes(60, 1))).orElseThrow();
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> InlineRecipients.decode("k7", truncated))
          .as("cut at %d", cut)
          .isInstanceOf(KdcStoreIntegrityException.class)
          .hasMessageContaining("session key k7");
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> InlineRecipients.decode("k7", trailing))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("after the list");
    byte[] otherFormat = good.clone();
    otherFormat[0] = 2;
    assertThatThrownBy(() -> InlineRecipients.decode("k7", otherFormat))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("unknown format");
    assertThatThrownBy(() -> InlineRecipients.decode("k7", HexFormat.of().parseHex("010000")))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("no recipient");
    String twice = "010002" + "0001610001ff" + "0001610001ee";
    assertThatThrownBy(() -> InlineRecipients.decode("k7", HexFormat.of().parseHex(twice)))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("listed twice");
    String notUtf8 = "010001" + "0001ff" + "0001ee";
    assertThatThrownBy(() -> InlineRecipients.decode("k7", HexFormat.of().parseHex(notUtf8)))
        .isInstanceOf(KdcStoreIntegrityException.class)
        .hasMessageContaining("not UTF-8");
  }
}
