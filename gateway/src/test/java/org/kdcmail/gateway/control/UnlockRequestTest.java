package org.kdcmail.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.kdcmail.kdc.protocol.MasterKey;

class UnlockRequestTest {

  private static byte[] random32() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }

  @Test
  void encodeThenDecode_givesTheSameUserAndKey() {
    byte[] bytes = random32();
    MasterKey key = MasterKey.copyOf(bytes);
    byte[] body = new UnlockRequest("al\"ice@example.test", key).encode();
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"user\":\"al\\\"ice@example.test\",\"masterKey\":\""
                + Base64.getEncoder().encodeToString(bytes)
                + "\"}");
    UnlockRequest decoded = UnlockRequest.decode(body);
    assertThat(decoded.user()).isEqualTo("al\"ice@example.test");
    assertThat(decoded.masterKey()).isEqualTo(key).isNotSameAs(key);
  }

  @Test
  void toString_holdsNoKey() {
    byte[] bytes = random32();
    String text = new UnlockRequest("alice@example.test", MasterKey.copyOf(bytes)).toString();
    assertThat(text)
        .doesNotContain(Base64.getEncoder().encodeToString(bytes))
        .doesNotContain(HexFormat.of().formatHex(bytes));
  }

  @Test
  void decode_keyOfAnotherLength_isRefused() {
    String body =
        "{\"user\":\"alice@example.test\",\"masterKey\":\""
            + Base64.getEncoder().encodeToString(new byte[31])
            + "\"}";
    assertThatThrownBy(() -> UnlockRequest.decode(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void decode_trailingContentOrDuplicateField_isRefused() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    for (String body :
        new String[] {
          "{\"user\":\"a@b\",\"masterKey\":\"" + key + "\"} {}",
          "{\"user\":\"a@b\",\"user\":\"c@d\",\"masterKey\":\"" + key + "\"}",
          "{\"user\":1,\"masterKey\":\"" + key + "\"}",
          "{\"user\":\"a@b\",\"masterKey\":\"not base64!\"}"
        }) {
      assertThatThrownBy(() -> UnlockRequest.decode(body.getBytes(StandardCharsets.UTF_8)))
          .as(body)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void lockRequest_roundTripsBothForms() {
    assertThat(LockRequest.decode(LockRequest.one("bob@example.test").encode()))
        .isEqualTo(LockRequest.one("bob@example.test"));
    assertThat(LockRequest.decode(LockRequest.all().encode())).isEqualTo(LockRequest.all());
    assertThatThrownBy(() -> LockRequest.decode("{\"all\":false}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
