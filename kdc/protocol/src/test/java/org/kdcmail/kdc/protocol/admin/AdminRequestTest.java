package org.kdcmail.kdc.protocol.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminRequestTest {

  private static final String TOKEN_HEX = "00".repeat(31) + "ff";

  @Test
  void encode_isByteExact() {
    AdminRequest request =
        new AdminRequest(AdminToken.fromHex(TOKEN_HEX), "rotate", List.of("k", "\u00e9"));
    assertThat(HexFormat.of().formatHex(request.encode()))
        .isEqualTo(TOKEN_HEX + "06" + "726f74617465" + "02" + "00016b" + "0002c3a9");
  }

  @Test
  void decode_roundTrip_keepsCommandArgsAndToken() {
    AdminToken token = AdminToken.fromHex(TOKEN_HEX);
    AdminRequest back =
        AdminRequest.decode(new AdminRequest(token, "status", List.of("", "x")).encode());
    assertThat(back.command()).isEqualTo("status");
    assertThat(back.args()).containsExactly("", "x");
    assertThat(back.token().matches(token)).isTrue();
    assertThat(back.toString()).doesNotContain("ff");
  }

  @Test
  void decode_everyTruncationAndTrailingByte_rejected() {
    byte[] wire = new AdminRequest(AdminToken.fromHex(TOKEN_HEX), "status", List.of("ab")).encode();
    for (int cut = 0; cut < wire.length; cut++) {
      byte[] prefix = Arrays.copyOf(wire, cut);
      assertThatThrownBy(() -> AdminRequest.decode(prefix))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] longer = Arrays.copyOf(wire, wire.length + 1);
    assertThatThrownBy(() -> AdminRequest.decode(longer))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_badCommandName_rejected() {
    AdminToken token = AdminToken.fromHex(TOKEN_HEX);
    assertThatThrownBy(() -> new AdminRequest(token, "Status", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdminRequest(token, "", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void response_roundTrip() {
    AdminResponse r = AdminResponse.of(AdminStatus.FAILED, "{\"error\":\"x\"}");
    assertThat(AdminResponse.decode(r.encode())).isEqualTo(r);
    assertThat(r.encode()[0]).isEqualTo((byte) 0x03);
    assertThatThrownBy(() -> AdminResponse.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdminResponse.decode(new byte[] {0x7f}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void token_matchesIsConstantTimeEqualityNotIdentity() {
    assertThat(AdminToken.fromHex(TOKEN_HEX).matches(AdminToken.fromHex(TOKEN_HEX))).isTrue();
    assertThat(AdminToken.fromHex(TOKEN_HEX).matches(AdminToken.fromHex("01".repeat(32))))
        .isFalse();
  }
}
