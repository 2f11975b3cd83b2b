package org.kdcmail.gateway.prompt;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.gateway.UnenrolledPolicy;
import org.kdcmail.gateway.keys.KeyLease;
import org.kdcmail.gateway.keys.UnlockedKeys;
import org.kdcmail.kdc.protocol.client.KdcClient;
import org.kdcmail.kdc.protocol.session.DirectoryAnswer;
import org.kdcmail.kdc.protocol.session.SessionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells, before sending, which recipients are enrolled and what the policy does with the others: a
 * KDC directory lookup authenticated with the sender's unlocked key (a copy that does not count as
 * use). With the sender locked or the KDC unreachable, enrollment is unknown and the note says why.
 */
public final class RecipientCheck {
  private static final Logger LOG = LoggerFactory.getLogger(RecipientCheck.class);

  /** Most recipients one check may name (the directory lookup's bound). */
  public static final int MAX_RECIPIENTS = 100;

  private final UnlockedKeys keys;
  private final KdcClient kdc;
  private final UnenrolledPolicy policy;
  private final Clock clock;

  public RecipientCheck(UnlockedKeys keys, KdcClient kdc, UnenrolledPolicy policy, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.kdc = Objects.requireNonNull(kdc, "kdc");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks {@code recipients} (0..100) for mail from {@code sender}.
   *
   * @throws IllegalArgumentException over 100 recipients
   */
  public RecipientReport check(String sender, List<String> recipients) {
    List<String> asked = new ArrayList<>();
    for (String r : recipients) {
      asked.add(r.strip());
    }
    if (asked.size() > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("at most " + MAX_RECIPIENTS + " recipients per check");
    }
    if (asked.isEmpty()) {
      return new RecipientReport(policy, List.of(), Optional.empty());
    }
    Optional<KeyLease> lease = keys.peek(sender);
    if (lease.isEmpty()) {
      return unknown(asked, "the master key of " + sender + " is locked: unlock it to check");
    }
    List<String> names = new ArrayList<>(new LinkedHashSet<>(lower(asked)));
    names.removeIf(n -> !isAddress(n));
    if (names.isEmpty()) {
      lease.get().close();
      return answered(asked, new DirectoryAnswer(java.util.Map.of()));
    }
    DirectoryAnswer answer;
    try (KeyLease l = lease.get()) {
      answer = kdc.lookupDirectory(l.key(), names, clock);
    } catch (IOException e) {
      LOG.warn("recipient check for {} failed: {}", sender, e.getMessage());
      return unknown(asked, "the KDC cannot be asked: " + e.getMessage());
    } catch (SessionException e) {
      LOG.warn("recipient check for {}: the KDC's answer failed verification", sender);
      return unknown(asked, "the KDC's answer failed verification");
    }
    return answered(asked, answer);
  }

  private RecipientReport answered(List<String> asked, DirectoryAnswer answer) {
    List<RecipientReport.Line> lines = new ArrayList<>();
    for (String a : asked) {
      boolean enrolled = answer.isEnrolled(a.toLowerCase(Locale.ROOT));
      lines.add(new RecipientReport.Line(a, Optional.of(enrolled), action(enrolled)));
    }
    return new RecipientReport(policy, lines, Optional.empty());
  }

  private String action(boolean enrolled) {
    return enrolled ? "encrypt" : policy.name().toLowerCase(Locale.ROOT);
  }

  private RecipientReport unknown(List<String> asked, String note) {
    List<RecipientReport.Line> lines = new ArrayList<>();
    for (String a : asked) {
      lines.add(new RecipientReport.Line(a, Optional.empty(), "unknown"));
    }
    return new RecipientReport(policy, lines, Optional.of(note));
  }

  /** What an identity may be on the wire: 1..320 UTF-8 bytes with an @. */
  private static boolean isAddress(String s) {
    int n = s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return n >= 3 && n <= 320 && s.indexOf('@') > 0;
  }

  private static List<String> lower(List<String> in) {
    return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }
}
