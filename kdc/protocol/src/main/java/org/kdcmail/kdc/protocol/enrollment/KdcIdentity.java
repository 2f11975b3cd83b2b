package org.kdcmail.kdc.protocol.enrollment;

import java.util.Objects;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.kdcmail.secrets.SecretBytes;

/**
 * The KDC's long-term Ed25519 identity key pair. Signs enrollment transcripts; its {@link
 * #fingerprint()} is printed with every invitation. The private seed leaves only through {@link
 * #copySeed()}, for the server to store encrypted under its KEK.
 */
public final class KdcIdentity implements Destroyable {

  /** Length of the private seed. */
  public static final int SEED_BYTES = 32;

  private final SecretBytes seed;
  private final Ed25519PrivateKeyParameters privateKey;
  private final byte[] publicKey;

  private KdcIdentity(byte[] seed) {
    this.seed = SecretBytes.wrap(seed);
    this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
    this.publicKey = privateKey.generatePublicKey().getEncoded();
  }

  /** A fresh identity from {@code random}. */
  public static KdcIdentity generate(EnrollmentRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return new KdcIdentity(seed);
  }

  /** The identity with this 32-byte RFC 8032 private seed (copied). */
  public static KdcIdentity fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    return new KdcIdentity(seed.clone());
  }

  /** A copy of the private seed; the caller encrypts it before storing and zeroizes the copy. */
  public byte[] copySeed() {
    checkLive();
    return seed.copyBytes();
  }

  /** The raw 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** SHA-256 of the public key. */
  public IdentityFingerprint fingerprint() {
    return IdentityFingerprint.of(publicKey);
  }

  /** An Ed25519 (RFC 8032, pure) signature over {@code message}. */
  public byte[] sign(byte[] message) {
    checkLive();
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  private void checkLive() {
    if (seed.isDestroyed()) {
      throw new IllegalStateException("KDC identity already destroyed");
    }
  }

  /** Zeroizes the seed held here (the BC key object keeps its own copy until collected). */
  @Override
  public void destroy() {
    seed.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return seed.isDestroyed();
  }

  @Override
  public String toString() {
    return "KdcIdentity[" + fingerprint().format() + "]";
  }
}
