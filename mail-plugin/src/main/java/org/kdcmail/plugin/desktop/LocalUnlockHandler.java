package org.kdcmail.plugin.desktop;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.store.ClientStoreException;
import org.kdcmail.plugin.store.WrongLoginPasswordException;
import org.kdcmail.plugin.unlock.Unlocker;
import org.kdcmail.plugin.unlock.WrongMasterKeyException;

/**
 * Checks MK prompt entries against the local store with the {@link Unlocker} (throttle included)
 * and hands a right entry's key to an {@link UnlockedKeyReceiver}. Holds a copy of the login
 * password (from the mail client's AUTH/PASS, or asked separately) until {@link #close()}.
 */
public final class LocalUnlockHandler implements MkEntryHandler, AutoCloseable {

  private final Unlocker unlocker;
  private final String user;
  private final Path store;
  private final char[] loginPassword;
  private final UnlockedKeyReceiver receiver;

  /**
   * @param loginPassword copied; the caller clears its own array
   */
  public LocalUnlockHandler(
      Unlocker unlocker,
      String user,
      Path store,
      char[] loginPassword,
      UnlockedKeyReceiver receiver) {
    this.unlocker = Objects.requireNonNull(unlocker, "unlocker");
    this.user = Objects.requireNonNull(user, "user");
    this.store = Objects.requireNonNull(store, "store");
    this.loginPassword = Objects.requireNonNull(loginPassword, "loginPassword").clone();
    this.receiver = Objects.requireNonNull(receiver, "receiver");
  }

  @Override
  public MkEntryResult submit(char[] mkId, char[] mkPassword) throws InterruptedException {
    MasterKey key;
    try {
      key = unlocker.unlock(store, loginPassword, mkId, mkPassword);
    } catch (WrongMasterKeyException e) {
      return MkEntryResult.wrong();
    } catch (WrongLoginPasswordException e) {
      return MkEntryResult.failed(
          "the login password is wrong or the local store is damaged; check the password your"
              + " mail client uses");
    } catch (ClientStoreException e) {
      return MkEntryResult.failed(e.getMessage());
    } catch (GeneralSecurityException e) {
      return MkEntryResult.failed("cannot unlock: " + e.getMessage());
    }
    try {
      receiver.accept(user, key);
      return MkEntryResult.accepted();
    } catch (IOException e) {
      return MkEntryResult.failed(
          "the master key is right, but the key could not be handed on: " + e.getMessage());
    }
  }

  /** Overwrites the login password copy with zeros. */
  @Override
  public void close() {
    Arrays.fill(loginPassword, '\0');
  }
}
