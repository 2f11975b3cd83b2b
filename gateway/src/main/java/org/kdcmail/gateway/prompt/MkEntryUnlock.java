package org.kdcmail.gateway.prompt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.gateway.keys.UnlockedUser;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.store.ClientStoreException;
import org.kdcmail.plugin.store.WrongLoginPasswordException;
import org.kdcmail.plugin.unlock.Unlocker;
import org.kdcmail.plugin.unlock.WrongMasterKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unlocks a user from an MK entry (MK-ID and MK password) without the derived key: opens the user's
 * client store in the gateway's home with the login password — the one given, else the one {@link
 * LoginPasswords} remembers — derives the master key with {@link Unlocker} and hands it to {@link
 * UnlockedKeys}. Honours the store's unlock throttle without blocking: while it asks to wait, the
 * answer is {@link MkEntryOutcome.Throttled}. Never logs an entry or a password.
 */
public final class MkEntryUnlock {
  private static final Logger LOG = LoggerFactory.getLogger(MkEntryUnlock.class);

  private final ClientPaths paths;
  private final Unlocker unlocker;
  private final LoginPasswords passwords;
  private final UnlockedKeys keys;

  public MkEntryUnlock(Path home, Unlocker unlocker, LoginPasswords passwords, UnlockedKeys keys) {
    this.paths = new ClientPaths(Objects.requireNonNull(home, "home"));
    this.unlocker = Objects.requireNonNull(unlocker, "unlocker");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * Tries the entry. The caller wipes its arrays afterwards.
   *
   * @param loginPassword the login password, or null to use the remembered one
   */
  public MkEntryOutcome unlock(String user, char[] mkId, char[] mkPassword, char[] loginPassword)
      throws InterruptedException {
    Path store;
    try {
      store = paths.storeFile(user);
    } catch (IllegalArgumentException e) {
      return new MkEntryOutcome.NoStore("not a user name: " + e.getMessage());
    }
    if (!Files.exists(store)) {
      return new MkEntryOutcome.NoStore(
          user + " has no client store in the gateway's kdcmail home: enroll first");
    }
    Duration wait = unlocker.throttleFor(store).remainingDelay();
    if (!wait.isZero()) {
      return new MkEntryOutcome.Throttled(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
    boolean remembered = loginPassword == null;
    Optional<char[]> login = remembered ? passwords.copy(user) : Optional.of(loginPassword.clone());
    if (login.isEmpty()) {
      return new MkEntryOutcome.LoginPasswordNeeded();
    }
    try {
      MasterKey key = unlocker.unlock(store, login.get(), mkId, mkPassword);
      if (!remembered) {
        passwords.remember(user, login.get());
      }
      keys.unlock(user, key);
      return new MkEntryOutcome.Unlocked(expiresAt(user));
    } catch (WrongMasterKeyException e) {
      LOG.info("MK entry for {} refused: wrong MK-ID or MK password", user);
      return new MkEntryOutcome.WrongMasterKey();
    } catch (WrongLoginPasswordException e) {
      LOG.info("MK entry for {} refused: the login password does not open the store", user);
      if (remembered) {
        passwords.forget(user);
      }
      return new MkEntryOutcome.WrongLoginPassword();
    } catch (ClientStoreException e) {
      return new MkEntryOutcome.NoStore(e.getMessage());
    } catch (GeneralSecurityException e) {
      return new MkEntryOutcome.NoStore("the client store of " + user + " cannot be used");
    } finally {
      Arrays.fill(login.get(), '\0');
    }
  }

  private Optional<java.time.Instant> expiresAt(String user) {
    return keys.unlocked().stream()
        .filter(u -> u.user().equals(user))
        .findFirst()
        .flatMap(UnlockedUser::expiresAt);
  }
}
