package org.kdcmail.plugin.unlock;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.field.FieldPoint;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.kdc.protocol.masterkey.MasterKeyDerivation;
import org.kdcmail.kdc.protocol.masterkey.UserPointDerivation;
import org.kdcmail.plugin.store.ClientStore;
import org.kdcmail.plugin.store.StoreContents;
import org.kdcmail.plugin.store.UnlockThrottle;
import org.kdcmail.plugin.store.WrongLoginPasswordException;

/**
 * Re-derives a user's master key: opens the local store with the login password, derives p1 from
 * the stored username, the MK-ID and the MK password, interpolates p1..p5 and checks the result
 * against the stored verifier in constant time.
 *
 * <p>Every attempt first waits its turn on the store's {@link UnlockThrottle} (0, 1, 2, 4 … 30 s
 * after consecutive failures, persisted next to the store); a wrong login password or a wrong
 * MK-ID/password records a failure, a correct unlock resets the count. Wrong MK input always fails
 * with {@link WrongMasterKeyException} ({@value WrongMasterKeyException#MESSAGE}). Thread-safe
 * (holds only settings); the caller clears its {@code char[]} inputs.
 */
public final class Unlocker {

  private final Argon2Parameters userPoint;
  private final Clock clock;
  private final UnlockThrottle.Sleeper sleeper;

  /**
   * An unlocker with the system clock and real waits.
   *
   * @param userPoint the Argon2id cost of p1, the one used at enrollment (production: {@link
   *     Argon2Parameters#RFC9106_SECOND_RECOMMENDED})
   */
  public Unlocker(Argon2Parameters userPoint) {
    this(userPoint, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /** As {@link #Unlocker(Argon2Parameters)} with an injected clock and sleeper (tests). */
  public Unlocker(Argon2Parameters userPoint, Clock clock, UnlockThrottle.Sleeper sleeper) {
    this.userPoint = Objects.requireNonNull(userPoint, "userPoint");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The throttle this unlocker uses for {@code storePath}. */
  public UnlockThrottle throttleFor(Path storePath) {
    return UnlockThrottle.forStore(storePath, clock, sleeper);
  }

  /**
   * The master key, after the checks above. The caller destroys it when done.
   *
   * @throws WrongLoginPasswordException the login password is wrong or the store was altered
   * @throws WrongMasterKeyException the MK-ID or MK password is wrong
   * @throws InterruptedException while waiting for the throttle
   * @throws org.kdcmail.plugin.store.ClientStoreException no store, unreadable, or too open
   */
  public MasterKey unlock(Path storePath, char[] loginPassword, char[] mkId, char[] mkPassword)
      throws GeneralSecurityException, InterruptedException {
    Objects.requireNonNull(mkId, "mkId");
    Objects.requireNonNull(mkPassword, "mkPassword");
    UnlockThrottle throttle = throttleFor(storePath);
    throttle.awaitTurn();
    StoreContents contents;
    try {
      contents = ClientStore.open(storePath, loginPassword);
    } catch (WrongLoginPasswordException e) {
      throttle.recordFailure();
      throw e;
    }
    MasterKey key = derive(contents, mkId, mkPassword);
    if (key == null || !matches(key, contents.verifier())) {
      if (key != null) {
        key.destroy();
      }
      throttle.recordFailure();
      throw new WrongMasterKeyException();
    }
    throttle.recordSuccess();
    return key;
  }

  /** The candidate key, or null when the input cannot even give one (e.g. an empty MK-ID). */
  private MasterKey derive(StoreContents contents, char[] mkId, char[] mkPassword) {
    try {
      FieldPoint p1 =
          new UserPointDerivation(userPoint).derive(contents.username(), mkId, mkPassword);
      List<FieldPoint> points = new ArrayList<>(5);
      points.add(p1);
      points.addAll(contents.points());
      return new MasterKeyDerivation().deriveMasterKey(contents.username(), points);
    } catch (IllegalArgumentException e) {
      return null; // empty MK-ID, x1 = 0 or x1 equal to a stored x: wrong input, not a crash
    }
  }

  private static boolean matches(MasterKey key, byte[] verifier) {
    try {
      new MasterKeyDerivation().verify(key, verifier);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    } finally {
      java.util.Arrays.fill(verifier, (byte) 0);
    }
  }
}
