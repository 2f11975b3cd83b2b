package org.kdcmail.kdc.server.store;

import java.util.Objects;
import javax.security.auth.Destroyable;
import org.kdcmail.secrets.SecretBytes;

/**
 * The KDC's long-term signing key as stored: algorithm name, public key encoding (in clear) and
 * private key encoding (sealed under the KEK at rest). Never printed; zeroized by {@link
 * #destroy()}.
 */
public final class IdentityKey implements Destroyable {
  private final String algorithm;
  private final byte[] publicKey;
  private final SecretBytes privateKey;

  private IdentityKey(String algorithm, byte[] publicKey, SecretBytes privateKey) {
    this.algorithm = algorithm;
    this.publicKey = publicKey;
    this.privateKey = privateKey;
  }

  /** Copies both encodings (e.g. X.509 and PKCS#8 of an Ed25519 key pair). */
  public static IdentityKey of(String algorithm, byte[] publicKey, byte[] privateKey) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (algorithm.isEmpty() || algorithm.length() > 16) {
      throw new IllegalArgumentException("algorithm name must be 1..16 characters");
    }
    if (publicKey.length == 0 || publicKey.length > 256) {
      throw new IllegalArgumentException("public key encoding must be 1..256 bytes");
    }
    if (privateKey.length == 0 || privateKey.length > 256) {
      throw new IllegalArgumentException("private key encoding must be 1..256 bytes");
    }
    return new IdentityKey(algorithm, publicKey.clone(), SecretBytes.copyOf(privateKey));
  }

  public String algorithm() {
    return algorithm;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** A copy of the private key encoding; zero it when done. */
  public byte[] copyPrivateKey() {
    return privateKey.copyBytes();
  }

  @Override
  public void destroy() {
    privateKey.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return privateKey.isDestroyed();
  }

  @Override
  public String toString() {
    return "IdentityKey[" + algorithm + ", private part redacted]";
  }
}
