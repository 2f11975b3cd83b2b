package org.kdcmail.plugin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;

class ClientStoreTest {
  private static final Argon2Parameters CHEAP = new Argon2Parameters(8, 1, 1);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private Path store() {
    return dir.resolve("alice.kdcstore");
  }

  static StoreContents sample() {
    List<FieldPoint> points = new ArrayList<>();
    for (int i = 2; i <= 5; i++) {
      points.add(
          new FieldPoint(
              FieldElement.reduce(new BigInteger(256, RANDOM)),
              FieldElement.reduce(new BigInteger(256, RANDOM))));
    }
    byte[] verifier = new byte[32];
    RANDOM.nextBytes(verifier);
    return new StoreContents(
        "alice@corp", "kdc.corp:7443", "SHA256:Zm9vYmFy", points, verifier, Instant.now());
  }

  @Test
  void open_afterCreate_roundTrips() throws Exception {
    StoreContents contents = sample();
    ClientStore.create(store(), "login pw".toCharArray(), contents, CHEAP, RANDOM);
    assertThat(ClientStore.open(store(), "login pw".toCharArray())).isEqualTo(contents);
    assertThat(contents.toString()).doesNotContain("Zm9v").contains("redacted");
  }

  @Test
  void open_defaultArgon2_roundTrips() throws Exception {
    StoreContents contents = sample();
    ClientStore.create(
        store(),
        "login pw".toCharArray(),
        contents,
        Argon2Parameters.RFC9106_SECOND_RECOMMENDED,
        RANDOM);
    assertThat(ClientStore.open(store(), "login pw".toCharArray())).isEqualTo(contents);
  }

  @Test
  void open_wrongPassword_genericError() {
    ClientStore.create(store(), "login pw".toCharArray(), sample(), CHEAP, RANDOM);
    assertThatThrownBy(() -> ClientStore.open(store(), "login pX".toCharArray()))
        .isInstanceOf(WrongLoginPasswordException.class)
        .hasMessage("login password is wrong or the store is damaged");
  }

  @Test
  void open_anyFlippedBit_rejects() throws Exception {
    ClientStore.create(store(), "pw".toCharArray(), sample(), CHEAP, RANDOM);
    byte[] original = Files.readAllBytes(store());
    for (int bit = 0; bit < original.length * 8; bit++) {
      byte[] flipped = original.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(store(), flipped);
      assertThatThrownBy(() -> ClientStore.open(store(), "pw".toCharArray(), CHEAP))
          .as("bit %d", bit)
          .isInstanceOfAny(WrongLoginPasswordException.class, ClientStoreException.class);
    }
    Files.write(store(), original);
    assertThat(ClientStore.open(store(), "pw".toCharArray(), CHEAP)).isNotNull();
  }

  @Test
  void open_headerBeyondLimit_rejectedBeforeArgon2() {
    ClientStore.create(
        store(), "pw".toCharArray(), sample(), new Argon2Parameters(16, 1, 1), RANDOM);
    assertThatThrownBy(() -> ClientStore.open(store(), "pw".toCharArray(), CHEAP))
        .isInstanceOf(WrongLoginPasswordException.class);
  }

  @Test
  void open_truncated_rejects() throws Exception {
    ClientStore.create(store(), "pw".toCharArray(), sample(), CHEAP, RANDOM);
    byte[] original = Files.readAllBytes(store());
    Files.write(store(), java.util.Arrays.copyOf(original, original.length - 1));
    assertThatThrownBy(() -> ClientStore.open(store(), "pw".toCharArray()))
        .isInstanceOf(WrongLoginPasswordException.class);
  }

  @Test
  void create_fileIsOwnerOnlyAndNoTempLeft() throws Exception {
    ClientStore.create(store(), "pw".toCharArray(), sample(), CHEAP, RANDOM);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store())))
        .isEqualTo("rw-------");
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(store());
    }
    assertThat(Files.readAllBytes(store()))
        .startsWith("KDCMSTOR".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void open_groupReadable_refusedWithFix() throws Exception {
    ClientStore.create(store(), "pw".toCharArray(), sample(), CHEAP, RANDOM);
    Files.setPosixFilePermissions(store(), PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> ClientStore.open(store(), "pw".toCharArray()))
        .isInstanceOf(ClientStoreException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void open_missing_saysEnroll() {
    assertThatThrownBy(() -> ClientStore.open(store(), "pw".toCharArray()))
        .isInstanceOf(ClientStoreException.class)
        .hasMessageContaining("enroll");
  }

  @Test
  void file_containsNoPlaintext() throws Exception {
    StoreContents contents = sample();
    ClientStore.create(store(), "login pw".toCharArray(), contents, CHEAP, RANDOM);
    byte[] file = Files.readAllBytes(store());
    List<byte[]> needles = new ArrayList<>();
    needles.add(contents.verifier());
    needles.add("alice@corp".getBytes(StandardCharsets.UTF_8));
    needles.add("login pw".getBytes(StandardCharsets.UTF_8));
    needles.add("kdc.corp".getBytes(StandardCharsets.UTF_8));
    for (FieldPoint p : contents.points()) {
      needles.add(p.x().encode());
      needles.add(p.y().encode());
    }
    for (byte[] needle : needles) {
      assertThat(indexOf(file, needle)).isEqualTo(-1);
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
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
