package org.kdcmail.kdc.server.kek;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * A logged-in session with the PKCS#11 token that holds the KEK's wrapping key, through the JDK's
 * SunPKCS11 provider. The wrapping key is a sensitive, non-extractable AES-256 token object found
 * by its label: AES-GCM with it runs on the token, and its bytes never enter this process. {@link
 * #close()} logs out.
 */
final class Pkcs11Token implements AutoCloseable {
  static final int TAG_BITS = 128;

  private final Pkcs11Settings settings;
  private final Provider provider;
  private final KeyStore keyStore;

  private Pkcs11Token(Pkcs11Settings settings, Provider provider, KeyStore keyStore) {
    this.settings = settings;
    this.provider = provider;
    this.keyStore = keyStore;
  }

  /**
   * Loads the token's library, opens its slot and logs in with {@code pin} (which the caller
   * zeroes).
   *
   * @throws Pkcs11TokenException when the library, the token or the PIN is wrong
   */
  static Pkcs11Token login(Pkcs11Settings settings, char[] pin) {
    if (!Files.isRegularFile(settings.library())) {
      throw new Pkcs11TokenException(
          "the PKCS#11 library "
              + settings.library()
              + " does not exist; install the token's driver or fix pkcs11.library");
    }
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure("--" + settings.providerConfig());
    } catch (ProviderException e) {
      throw new Pkcs11TokenException(
          "no usable PKCS#11 token at "
              + settings.describe()
              + " ("
              + rootMessage(e)
              + "): is the token plugged in, and are pkcs11.slot / pkcs11.slot-index right?",
          e);
    }
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
      keyStore.load(null, pin);
      return new Pkcs11Token(settings, provider, keyStore);
    } catch (IOException | GeneralSecurityException e) {
      if (causedBy(e, FailedLoginException.class) || rootMessage(e).contains("PIN")) {
        throw new Pkcs11TokenException(
            "the PKCS#11 token PIN is wrong ("
                + rootMessage(e)
                + "); check the PIN file or the PIN typed. Tokens lock after a few wrong PINs",
            e);
      }
      throw new Pkcs11TokenException(
          "cannot log in to the PKCS#11 token at " + settings.describe() + ": " + rootMessage(e),
          e);
    }
  }

  /**
   * The wrapping key named by the settings' label.
   *
   * @throws Pkcs11TokenException when the token holds no secret key with that label
   */
  SecretKey wrappingKey() {
    try {
      Key key = keyStore.getKey(settings.keyLabel(), null);
      if (key instanceof SecretKey secret && "AES".equals(key.getAlgorithm())) {
        return secret;
      }
    } catch (GeneralSecurityException e) {
      throw new Pkcs11TokenException(
          "cannot read the key '" + settings.keyLabel() + "' on the PKCS#11 token", e);
    }
    throw new Pkcs11TokenException(
        "the PKCS#11 token at "
            + settings.describe()
            + " holds no AES key labelled '"
            + settings.keyLabel()
            + "': is this the token the KDC was initialized with? (kdc init creates the key)");
  }

  /** Whether the token already holds a key with the settings' label. */
  boolean hasWrappingKey() {
    try {
      return keyStore.containsAlias(settings.keyLabel());
    } catch (GeneralSecurityException e) {
      throw new Pkcs11TokenException("cannot list the keys on the PKCS#11 token", e);
    }
  }

  /**
   * Generates a new AES-256 key on the token, sensitive and never extractable, and stores it as a
   * token object under the settings' label.
   */
  SecretKey createWrappingKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
      generator.init(256);
      SecretKey sessionKey = generator.generateKey();
      keyStore.setEntry(settings.keyLabel(), new KeyStore.SecretKeyEntry(sessionKey), null);
      return wrappingKey();
    } catch (GeneralSecurityException e) {
      throw new Pkcs11TokenException(
          "cannot create an AES-256 key on the PKCS#11 token at "
              + settings.describe()
              + ": "
              + rootMessage(e),
          e);
    }
  }

  /** AES-256-GCM with {@code key} on the token, initialized for {@code mode}. */
  Cipher gcm(int mode, SecretKey key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }

  /** Logs out of the token. */
  @Override
  public void close() {
    try {
      ((java.security.AuthProvider) provider).logout();
    } catch (LoginException e) {
      // the session ends with the process anyway
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
