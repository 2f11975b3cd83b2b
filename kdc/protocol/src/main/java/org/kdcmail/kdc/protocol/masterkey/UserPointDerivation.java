package org.kdcmail.kdc.protocol.masterkey;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.kdc.protocol.field.FieldElement;
import org.kdcmail.kdc.protocol.field.FieldPoint;

/**
 * Derives the user's point p1 = (x1, y1) from the username, MK-ID and MK password (seed §3.2.2,
 * hardened):
 *
 * <ul>
 *   <li>x1 = SHA-256(UTF-8(MK-ID)) mod p, refused if 0;
 *   <li>salt = SHA-256("kdcmail p1 salt v1" ‖ len ‖ UTF-8(username) ‖ len ‖ UTF-8(MK-ID)), each len
 *       a 4-byte big-endian byte count;
 *   <li>y1 = Argon2id(password = UTF-8(MK password), salt, {@link Argon2Parameters}, 32-byte tag,
 *       no secret, no associated data) read as an unsigned big-endian integer, mod p.
 * </ul>
 *
 * <p>Guarantees: the same inputs always give the same point; changing any of them changes y1. Each
 * guess at the password costs one Argon2id run. The UTF-8 copies of the MK-ID and password and the
 * Argon2id tag are zeroized before returning; the caller's {@code char[]} arrays are not touched.
 * Text is encoded as given (no Unicode normalization); unpaired surrogates are refused.
 *
 * <p>Thread-safe and immutable.
 */
public final class UserPointDerivation {

  /** Domain-separation label at the start of the salt input. */
  static final byte[] SALT_LABEL = "kdcmail p1 salt v1".getBytes(StandardCharsets.US_ASCII);

  /** Upper bound on the UTF-8 length of the username, MK-ID and password. */
  public static final int MAX_INPUT_BYTES = 1024;

  private final Argon2Parameters params;

  /**
   * A derivation with these Argon2id costs (production: {@link
   * Argon2Parameters#RFC9106_SECOND_RECOMMENDED}).
   */
  public UserPointDerivation(Argon2Parameters params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** The Argon2id costs in use. */
  public Argon2Parameters params() {
    return params;
  }

  /**
   * p1 for this user.
   *
   * @throws IllegalArgumentException when the username or MK-ID is empty, an input is longer than
   *     {@value #MAX_INPUT_BYTES} UTF-8 bytes or not valid UTF-16, or x1 would be 0
   */
  public FieldPoint derive(String username, char[] mkId, char[] mkPassword) {
    byte[] user = usernameBytes(username);
    byte[] id = utf8(Objects.requireNonNull(mkId, "mkId"), "MK-ID");
    byte[] password = null;
    byte[] tag = null;
    try {
      if (id.length == 0) {
        throw new IllegalArgumentException("MK-ID must not be empty");
      }
      password = utf8(Objects.requireNonNull(mkPassword, "mkPassword"), "MK password");
      FieldElement x1 = xOf(id);
      tag = Argon2id.hash(params, password, saltOf(user, id), new byte[0], new byte[0]);
      return new FieldPoint(x1, FieldElement.reduce(tag));
    } finally {
      Arrays.fill(id, (byte) 0);
      zeroize(password);
      zeroize(tag);
    }
  }

  /** x1 = SHA-256(MK-ID bytes) mod p; refuses 0. */
  static FieldElement xOf(byte[] mkIdUtf8) {
    byte[] digest = sha256().digest(mkIdUtf8);
    FieldElement x1 = FieldElement.reduce(digest);
    Arrays.fill(digest, (byte) 0);
    if (x1.isZero()) {
      throw new IllegalArgumentException("x = 0 is not allowed: f(0) is the secret");
    }
    return x1;
  }

  /** SHA-256(label ‖ u32be(len) ‖ username ‖ u32be(len) ‖ MK-ID). */
  static byte[] saltOf(byte[] usernameUtf8, byte[] mkIdUtf8) {
    MessageDigest digest = sha256();
    digest.update(SALT_LABEL);
    digest.update(ByteBuffer.allocate(4).putInt(usernameUtf8.length).array());
    digest.update(usernameUtf8);
    digest.update(ByteBuffer.allocate(4).putInt(mkIdUtf8.length).array());
    digest.update(mkIdUtf8);
    return digest.digest();
  }

  static byte[] usernameBytes(String username) {
    Objects.requireNonNull(username, "username");
    if (username.isEmpty()) {
      throw new IllegalArgumentException("username must not be empty");
    }
    return utf8(username.toCharArray(), "username");
  }

  /**
   * Strict UTF-8 of {@code chars} into an exact-length array; intermediate buffers are zeroized.
   */
  static byte[] utf8(char[] chars, String what) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer;
    try {
      buffer = encoder.encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " is not valid UTF-16 text");
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    Arrays.fill(buffer.array(), (byte) 0);
    if (out.length > MAX_INPUT_BYTES) {
      Arrays.fill(out, (byte) 0);
      throw new IllegalArgumentException(what + " longer than " + MAX_INPUT_BYTES + " UTF-8 bytes");
    }
    return out;
  }

  private static void zeroize(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
