package org.kdcmail.plugin.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentRandom;
import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.kdc.protocol.enrollment.KdcIdentity;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.unlock.Unlocker;

class EnrollmentTest {

  private static final String USER = "alice@corp.example";
  private static final String LOGIN = "login-pw-Kq81";
  private static final String MK_ID = "mk-id-alice-7731";
  private static final String MK_PASSWORD = "mk-password-Zr92x";

  @TempDir Path home;
  private FakeKdc kdc;
  private Path store;

  @BeforeEach
  void start() throws Exception {
    kdc = new FakeKdc(USER);
    store = new ClientPaths(home).storeFile(USER);
  }

  @AfterEach
  void stop() throws Exception {
    kdc.close();
  }

  private EnrollmentRequest request(String user, String code, IdentityFingerprint fp, boolean r) {
    return new EnrollmentRequest(
        kdc.address(),
        fp,
        user,
        LOGIN.toCharArray(),
        MK_ID.toCharArray(),
        MK_PASSWORD.toCharArray(),
        EnrollmentCode.parse(code),
        new ClientPaths(home).storeFile(user),
        r);
  }

  private EnrollmentRequest request(String code) {
    return request(USER, code, kdc.identity().fingerprint(), false);
  }

  private EnrollmentResult enroll(EnrollmentRequest request) throws EnrollmentFailedException {
    return new Enrollment(TestSettings.cheap()).enroll(request);
  }

  private static String otherCode() {
    return EnrollmentCode.generate(EnrollmentRandom.of(new SecureRandom())).format();
  }

  @Test
  void enroll_thenUnlock_givesTheMasterKeyTheKdcDerived() throws Exception {
    EnrollmentResult result = enroll(request(kdc.code()));

    assertThat(result.storePath()).isEqualTo(store).exists();
    assertThat(result.kdc()).isEqualTo(kdc.address());
    MasterKey unlocked =
        new Unlocker(TestSettings.CHEAP)
            .unlock(store, LOGIN.toCharArray(), MK_ID.toCharArray(), MK_PASSWORD.toCharArray());
    assertThat(kdc.masterKey()).contains(unlocked);
  }

  @Test
  void enroll_storeFile_holdsNoSecretInTheClear() throws Exception {
    enroll(request(kdc.code()));
    MasterKey kdcKey = kdc.masterKey().orElseThrow();

    byte[] file = Files.readAllBytes(store);
    for (String secret : new String[] {LOGIN, MK_ID, MK_PASSWORD, USER}) {
      assertThat(indexOf(file, secret.getBytes(StandardCharsets.UTF_8))).as(secret).isEqualTo(-1);
      assertThat(indexOf(file, secret.getBytes(StandardCharsets.UTF_16BE)))
          .as(secret)
          .isEqualTo(-1);
    }
    byte[] keyBytes = kdcKey.copyBytes();
    assertThat(indexOf(file, keyBytes)).isEqualTo(-1);
    assertThat(indexOf(file, java.util.Arrays.copyOf(keyBytes, 8))).isEqualTo(-1);
  }

  @Test
  void enroll_wrongCode_saysSoAndWritesNothing() {
    assertThatThrownBy(() -> enroll(request(otherCode())))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessage("the enrollment code is wrong");
    assertThat(store).doesNotExist();
    assertThat(kdc.masterKey()).isEmpty();
  }

  @Test
  void enroll_kdcIdentityNotThePinnedOne_refusesAndWritesNothing() {
    IdentityFingerprint other =
        KdcIdentity.generate(EnrollmentRandom.of(new SecureRandom())).fingerprint();

    assertThatThrownBy(() -> enroll(request(USER, kdc.code(), other, false)))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessage("KDC identity does not match the pinned fingerprint");
    assertThat(store).doesNotExist();
  }

  @Test
  void enroll_noInvitationForUser_namesTheUser() {
    assertThatThrownBy(
            () ->
                enroll(
                    request("bob@corp.example", kdc.code(), kdc.identity().fingerprint(), false)))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessage("no pending invitation for bob@corp.example");
    assertThat(new ClientPaths(home).storeFile("bob@corp.example")).doesNotExist();
  }

  @Test
  void enroll_existingStore_isRefusedAndLeftAlone() throws Exception {
    enroll(request(kdc.code()));
    byte[] before = Files.readAllBytes(store);

    assertThatThrownBy(() -> enroll(request(kdc.code())))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessageContaining("already enrolled")
        .hasMessageContaining("--replace");
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }

  @Test
  void enroll_replaceExisting_failedAttempt_keepsTheOldStore() throws Exception {
    enroll(request(kdc.code()));
    byte[] before = Files.readAllBytes(store);

    assertThatThrownBy(() -> enroll(request(USER, otherCode(), kdc.identity().fingerprint(), true)))
        .isInstanceOf(EnrollmentFailedException.class);
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }

  @Test
  void enroll_nothingListening_saysKdcUnreachable() throws Exception {
    kdc.close();
    ClientKdfSettings quick =
        new ClientKdfSettings(
            TestSettings.CHEAP,
            TestSettings.CHEAP,
            new SecureRandom(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));

    assertThatThrownBy(() -> new Enrollment(quick).enroll(request(kdc.code())))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessageContaining("KDC unreachable at 127.0.0.1:");
    assertThat(store).doesNotExist();
  }

  @Test
  void request_toString_showsNoSecret() {
    EnrollmentRequest request = request(kdc.code());
    assertThat(request.toString())
        .contains(USER)
        .doesNotContain(LOGIN)
        .doesNotContain(MK_ID)
        .doesNotContain(MK_PASSWORD)
        .doesNotContain(kdc.code());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
