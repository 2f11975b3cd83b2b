package org.kdcmail.kdc.server;

import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.KekFile;
import org.kdcmail.kdc.server.kek.TokenKekFile;
import org.kdcmail.kdc.server.kek.WrongPassphraseException;
import org.kdcmail.qrng.RandomBitGenerator;

/**
 * Creates and unlocks a KDC's KEK the way its settings say: wrapped under the admin passphrase
 * ({@code kek.wrapped}, Argon2id) or under a non-extractable key on a PKCS#11 token ({@code
 * kek.token}). The secret is the passphrase or the token PIN accordingly; the caller zeroes it.
 */
final class KekVault {
  private KekVault() {}

  /** {@code kdc init}: a fresh KEK, wrapped and written to the KDC's folder. */
  static KdcKek create(
      KdcPaths paths,
      KdcSettings settings,
      char[] secret,
      Argon2Parameters passphraseCost,
      RandomBitGenerator random) {
    if (settings.kekOnToken()) {
      return new TokenKekFile(paths.tokenKekFile()).create(settings.pkcs11(), secret, random);
    }
    return KekFile.builder(paths.kekFile())
        .argon2(passphraseCost)
        .random(random)
        .build()
        .create(secret);
  }

  /**
   * {@code kdc serve}: the KEK unwrapped from the KDC's folder.
   *
   * @throws WrongPassphraseException for a wrong admin passphrase
   * @throws org.kdcmail.kdc.server.kek.Pkcs11TokenException for a missing token, a wrong PIN or a
   *     missing token key
   */
  static KdcKek unlock(
      KdcPaths paths, KdcSettings settings, char[] secret, RandomBitGenerator random)
      throws WrongPassphraseException {
    if (settings.kekOnToken()) {
      return new TokenKekFile(paths.tokenKekFile()).unlock(settings.pkcs11(), secret);
    }
    return KekFile.builder(paths.kekFile()).random(random).build().unlock(secret);
  }
}
