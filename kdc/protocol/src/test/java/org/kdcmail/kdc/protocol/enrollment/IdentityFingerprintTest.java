package org.kdcmail.kdc.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdentityFingerprintTest {

  @Test
  void fingerprint_isSha256OfRawPublicKey_groupedHex() {
    KdcIdentity id = KdcIdentity.generate(new TestRandom("id"));
    String expected = HexFormat.of().formatHex(IdentityFingerprint.sha256(id.publicKey()));
    String shown = id.fingerprint().format();
    assertThat(shown).matches("([0-9a-f]{4}:){15}[0-9a-f]{4}");
    assertThat(shown.replace(":", "")).isEqualTo(expected);
  }

  @Test
  void parse_ignoresCaseAndSeparators() {
    IdentityFingerprint fp = KdcIdentity.generate(new TestRandom("id")).fingerprint();
    assertThat(IdentityFingerprint.parse(fp.format().toUpperCase()).equalsConstantTime(fp))
        .isTrue();
    assertThat(IdentityFingerprint.parse(fp.format().replace(':', ' ')).equalsConstantTime(fp))
        .isTrue();
  }

  @Test
  void parse_invalid_rejectedClearly() {
    assertThatThrownBy(() -> IdentityFingerprint.parse("zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'z'");
    assertThatThrownBy(() -> IdentityFingerprint.parse("abcd"))
        .hasMessageContaining("64 hex digits");
  }

  @Test
  void matches_onlyTheRightKey() {
    KdcIdentity a = KdcIdentity.generate(new TestRandom("a"));
    KdcIdentity b = KdcIdentity.generate(new TestRandom("b"));
    assertThat(a.fingerprint().matches(a.publicKey())).isTrue();
    assertThat(a.fingerprint().matches(b.publicKey())).isFalse();
    assertThat(a.fingerprint().equalsConstantTime(b.fingerprint())).isFalse();
  }

  @Test
  void identity_seedRoundTrip_sameKeyAndDeterministicSignature() {
    KdcIdentity a = KdcIdentity.generate(new TestRandom("a"));
    KdcIdentity b = KdcIdentity.fromSeed(a.copySeed());
    assertThat(b.publicKey()).isEqualTo(a.publicKey());
    assertThat(b.sign(new byte[] {1})).isEqualTo(a.sign(new byte[] {1})).hasSize(64);
  }
}
