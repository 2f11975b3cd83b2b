package org.kdcmail.mime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kdcmail.secrets.SecretBytes;

/**
 * TEST STAND-IN for the KDC: issues K_S, pairwise keys and tickets sealed with AES-GCM under a
 * per-recipient test master key. Not the real ticket format (kdc/protocol owns that).
 */
final class TestKdc {

  /** What the KDC issued for one message. */
  record Issued(
      String keyId,
      String sender,
      List<String> recipients,
      byte[] sessionKey,
      Map<String, byte[]> pairwiseKeys,
      Map<String, byte[]> tickets) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> masterKeys = new HashMap<>();
  private int counter;

  Issued issue(String sender, List<String> recipients, Instant issuedAt, Duration ttl) {
    String keyId = "k-" + (++counter) + "-" + Long.toHexString(random.nextLong());
    byte[] ks = bytes(32);
    Map<String, byte[]> kab = new HashMap<>();
    Map<String, byte[]> tickets = new HashMap<>();
    for (String r : recipients) {
      kab.put(r, bytes(32));
      tickets.put(
          r,
          seal(r, encode(keyId, sender, recipients, ks, kab.get(r), issuedAt, issuedAt.plus(ttl))));
    }
    return new Issued(keyId, sender, List.copyOf(recipients), ks, kab, tickets);
  }

  Issued issue(String sender, List<String> recipients) {
    return issue(sender, recipients, Instant.now(), Duration.ofDays(30));
  }

  /** Material for a copy naming {@code names}; fresh SecretBytes each time. */
  static SessionMaterial material(Issued i, List<String> names) {
    List<RecipientGrant> grants = new ArrayList<>();
    for (String r : names) {
      grants.add(
          new RecipientGrant(
              r,
              i.tickets().get(r),
              SecretBytes.copyOf(i.pairwiseKeys().get(r)),
              ("kc:" + r).getBytes(StandardCharsets.UTF_8)));
    }
    return new SessionMaterial(
        i.keyId(), i.sender(), "kdc-test", SecretBytes.copyOf(i.sessionKey()), grants);
  }

  static SessionMaterial material(Issued i) {
    return material(i, i.recipients());
  }

  TicketOpener opener(String recipient) {
    return (ticket, who) -> {
      if (!who.equals(recipient)) {
        throw new GeneralSecurityException("wrong recipient");
      }
      return decode(open(recipient, ticket));
    };
  }

  private byte[] masterKey(String r) {
    return masterKeys.computeIfAbsent(r, x -> bytes(32));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private byte[] seal(String r, byte[] plain) {
    try {
      byte[] nonce = bytes(12);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(masterKey(r), "AES"),
          new GCMParameterSpec(128, nonce));
      c.updateAAD(r.getBytes(StandardCharsets.UTF_8));
      return CopyCrypto.concat(nonce, c.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] open(String r, byte[] ticket) throws GeneralSecurityException {
    if (ticket.length < 28) {
      throw new GeneralSecurityException("short");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(masterKey(r), "AES"),
        new GCMParameterSpec(128, ticket, 0, 12));
    c.updateAAD(r.getBytes(StandardCharsets.UTF_8));
    return c.doFinal(ticket, 12, ticket.length - 12);
  }

  private static byte[] encode(
      String keyId,
      String sender,
      List<String> recipients,
      byte[] ks,
      byte[] kab,
      Instant issued,
      Instant notAfter) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(b);
      d.writeUTF(keyId);
      d.writeUTF(sender);
      d.writeUTF(String.join(",", recipients));
      d.write(ks);
      d.write(kab);
      d.writeLong(issued.getEpochSecond());
      d.writeLong(notAfter.getEpochSecond());
      return b.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OpenedTicket decode(byte[] b) throws GeneralSecurityException {
    try {
      DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(b));
      String keyId = d.readUTF();
      String sender = d.readUTF();
      List<String> recipients = List.of(d.readUTF().split(","));
      byte[] ks = d.readNBytes(32);
      byte[] kab = d.readNBytes(32);
      return new OpenedTicket(
          keyId,
          sender,
          recipients,
          SecretBytes.wrap(ks),
          SecretBytes.wrap(kab),
          Instant.ofEpochSecond(d.readLong()),
          Instant.ofEpochSecond(d.readLong()));
    } catch (IOException e) {
      throw new GeneralSecurityException("bad ticket");
    }
  }
}
