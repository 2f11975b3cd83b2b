package org.kdcmail.kdc.protocol.enrollment;

import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** X25519, ML-KEM-768 and Ed25519 verification, with every failure mapped to one exception. */
final class Primitives {

  /** ML-KEM-768 key generation seed (d ‖ z, FIPS 203). */
  static final int MLKEM_SEED_BYTES = 64;

  /** ML-KEM encapsulation randomness (m, FIPS 203). */
  static final int MLKEM_ENCAPS_RANDOM_BYTES = 32;

  private Primitives() {}

  static X25519PrivateKeyParameters x25519PrivateKey(EnrollmentRandom random) {
    byte[] k = new byte[X25519PrivateKeyParameters.KEY_SIZE];
    random.nextBytes(k);
    try {
      return new X25519PrivateKeyParameters(k);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** X25519(priv, peer). Refuses an all-zero output (peer share of small order, RFC 7748 §6.1). */
  static byte[] x25519(X25519PrivateKeyParameters priv, byte[] peerShare)
      throws EnrollmentException {
    if (peerShare.length != EnrollmentProtocol.X25519_KEY_BYTES) {
      throw EnrollmentException.malformed();
    }
    byte[] out = new byte[32];
    try {
      X25519Agreement agreement = new X25519Agreement();
      agreement.init(priv);
      agreement.calculateAgreement(new X25519PublicKeyParameters(peerShare, 0), out, 0);
    } catch (RuntimeException e) {
      throw EnrollmentException.generic();
    }
    int acc = 0;
    for (byte b : out) {
      acc |= b;
    }
    if (acc == 0) {
      throw EnrollmentException.generic();
    }
    return out;
  }

  static MLKEMPrivateKeyParameters mlkemKeyPair(EnrollmentRandom random) {
    byte[] seed = new byte[MLKEM_SEED_BYTES];
    random.nextBytes(seed);
    try {
      return new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** Encapsulates to {@code publicKey}; returns {secret, ciphertext}. */
  static byte[][] mlkemEncapsulate(byte[] publicKey, EnrollmentRandom random)
      throws EnrollmentException {
    byte[] m = new byte[MLKEM_ENCAPS_RANDOM_BYTES];
    random.nextBytes(m);
    try {
      MLKEMPublicKeyParameters pk =
          new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, publicKey);
      SecretWithEncapsulation s = MLKEMGenerator.internalGenerateEncapsulated(pk, m);
      return new byte[][] {s.getSecret(), s.getEncapsulation()};
    } catch (RuntimeException e) {
      throw EnrollmentException.generic();
    } finally {
      Arrays.fill(m, (byte) 0);
    }
  }

  static byte[] mlkemDecapsulate(MLKEMPrivateKeyParameters priv, byte[] ciphertext)
      throws EnrollmentException {
    try {
      return new MLKEMExtractor(priv).extractSecret(ciphertext);
    } catch (RuntimeException e) {
      throw EnrollmentException.generic();
    }
  }

  static boolean ed25519Verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
