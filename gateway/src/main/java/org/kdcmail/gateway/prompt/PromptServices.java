package org.kdcmail.gateway.prompt;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.kdcmail.gateway.GatewaySettings;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.plugin.unlock.Unlocker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway's fronts share for prompts on demand: the key cache, the remembered login
 * passwords (filled by SMTP AUTH and POP3 PASS), the registry of waiting prompts, MK-entry unlock,
 * pairing and the recipient check. One per gateway; {@link #close()} wipes the passwords and voids
 * the pairing codes (the key cache is closed by its owner).
 */
public final class PromptServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PromptServices.class);

  private final Path home;
  private final UnlockedKeys keys;
  private final LoginPasswords passwords;
  private final PromptRegistry registry;
  private final MkEntryUnlock mkEntry;
  private final Pairing pairing;
  private final RecipientCheck recipients;
  private final Duration promptWait;
  private final java.util.concurrent.ScheduledExecutorService sweeper;

  private PromptServices(GatewaySettings settings, UnlockedKeys keys, Clock clock) {
    this.home = settings.home();
    this.keys = Objects.requireNonNull(keys, "keys");
    this.passwords = new LoginPasswords(keys.policy().idleTimeout(), clock);
    this.registry = new PromptRegistry(clock);
    this.mkEntry = new MkEntryUnlock(home, new Unlocker(settings.userPointCost()), passwords, keys);
    this.pairing = new Pairing(home, new SecureRandom(), clock);
    KdcClient kdc =
        KdcClient.builder()
            .addresses(settings.kdcAddresses())
            .connectTimeout(settings.kdcTimeout())
            .readTimeout(settings.kdcTimeout())
            .build();
    this.recipients = new RecipientCheck(keys, kdc, settings.unenrolledPolicy(), clock);
    this.promptWait = settings.promptWait();
    this.sweeper =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kdcmail-login-password-expiry");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(
        passwords::dropExpired, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** The prompt services of a gateway with these settings and key cache. */
  public static PromptServices create(GatewaySettings settings, UnlockedKeys keys) {
    return new PromptServices(settings, keys, Clock.systemUTC());
  }

  public Path home() {
    return home;
  }

  public UnlockedKeys keys() {
    return keys;
  }

  public LoginPasswords loginPasswords() {
    return passwords;
  }

  public PromptRegistry registry() {
    return registry;
  }

  public MkEntryUnlock mkEntry() {
    return mkEntry;
  }

  public Pairing pairing() {
    return pairing;
  }

  public RecipientCheck recipients() {
    return recipients;
  }

  /** How long a client is held for its user to answer a prompt. */
  public Duration promptWait() {
    return promptWait;
  }

  /**
   * The prompt-on-demand wait for {@code user}'s key (the SMTP side calls it when a message needs a
   * locked key): with a prompt registered, asks it and waits up to {@link #promptWait()} for the
   * unlock; true if the key is unlocked when this returns. Without a registered prompt it returns
   * at once.
   */
  public boolean awaitOnDemand(String user, String reason) throws InterruptedException {
    if (keys.isUnlocked(user)) {
      return true;
    }
    if (!registry.ask(user, reason, promptWait)) {
      return false;
    }
    LOG.info("holding a {} client of {} up to {} for its prompt", reason, user, promptWait);
    try {
      return keys.awaitUnlocked(user, promptWait);
    } finally {
      registry.done(user);
    }
  }

  /** Locks {@code user}: drops the key and wipes the remembered login password. */
  public boolean lock(String user) {
    passwords.forget(user);
    return keys.lock(user);
  }

  /** Locks everyone and wipes every remembered login password. */
  public int lockAll() {
    passwords.forgetAll();
    return keys.lockAll();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    passwords.close();
    pairing.close();
  }
}
