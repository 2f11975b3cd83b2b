package org.kdcmail.kdc.server.store;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;
import org.kdcmail.kdc.server.kek.KdcKek;
import org.kdcmail.kdc.server.kek.KekMac;

/**
 * The KDC's store: users with their master keys sealed under the KEK (AES-256-GCM, AAD = username,
 * key version and format), invitations (the enrollment code sealed under the KEK while the
 * invitation is PENDING, deleted afterwards), and the KDC identity key (private part sealed). The
 * KDC never stores p1, MK-IDs or passwords. Thread safe: the session-key hot path (user and key
 * lookups, issuance reads) runs on pooled connections, with the ACTIVE users' sealed key rows kept
 * in memory on embedded Derby ({@link ActiveKeyCache}); replay admissions with issuance records are
 * group-committed (many requests per transaction and log flush, each caller answered after its
 * batch is durable); administrative operations use one connection under a monitor. Derby or
 * PostgreSQL, see {@link DatabaseLocation}; one transaction per operation. Invitation transitions
 * go through {@link InvitationStateMachine} only.
 */
public final class KdcStore implements AutoCloseable {
  /** Default invitation lifetime: 72 hours. */
  public static final Duration DEFAULT_INVITATION_LIFETIME = Duration.ofHours(72);

  /** Failed code attempts after which an invitation is LOCKED. */
  public static final int MAX_FAILED_ATTEMPTS = InvitationStateMachine.MAX_FAILED_ATTEMPTS;

  private static final int MAX_USERNAME_CHARS = 320;

  private final StoreDatabase db;
  private final RowSeals seals;
  private final Clock clock;
  private final InvitationTable invitations;
  private final AuditLogTable audit;
  private final ReplayCacheTable replayCache;
  private final IssuanceTable issuances;
  private final LedgerBatchWriter ledgerWriter;
  private final GroupCommitter<LedgerWrite, LedgerWrite.Outcome> committer;
  private final ActiveKeyCache activeKeys;
  private final LocalNonceFilter nonceFilter;

  /** Most session-key records written in one group-committed transaction. */
  static final int MAX_BATCH = 256;

  /** The purpose of the KEK-derived key that keys the audit chain. */
  static final String AUDIT_CHAIN_PURPOSE = "store/audit-chain";

  private KdcStore(
      StoreDatabase db, RowSeals seals, IssuanceSeals keySeals, KekMac auditKey, Clock clock) {
    this.db = db;
    this.seals = seals;
    this.clock = clock;
    this.invitations = new InvitationTable(db, seals, clock);
    this.audit = new AuditLogTable(db, auditKey, clock);
    this.ledgerWriter = new LedgerBatchWriter(db, audit, clock);
    this.committer = new GroupCommitter<>("kdc-group-commit", ledgerWriter, MAX_BATCH);
    this.replayCache = new ReplayCacheTable(db, committer, clock);
    this.issuances = new IssuanceTable(db, keySeals, audit, committer, clock);
    boolean soleWriter = db.vendor() == StoreDatabase.Vendor.DERBY;
    this.activeKeys = soleWriter ? ActiveKeyCache.on() : ActiveKeyCache.off();
    this.nonceFilter =
        soleWriter
            ? LocalNonceFilter.on(ReplayCacheTable.latestRequestTime(db))
            : LocalNonceFilter.off();
  }

  /** Opens (creating and migrating if needed) the embedded Derby store in {@code dataDir/db}. */
  public static KdcStore open(Path dataDir, KdcKek kek) {
    return open(DatabaseLocation.derby(dataDir), kek, Clock.systemUTC());
  }

  /** As {@link #open(Path, KdcKek)} with a clock for invitation times (tests). */
  public static KdcStore open(Path dataDir, KdcKek kek, Clock clock) {
    return open(DatabaseLocation.derby(dataDir), kek, clock);
  }

  /**
   * Opens (creating and migrating if needed) the store at {@code location}: embedded Derby, or a
   * PostgreSQL database that several KDC nodes may share.
   */
  public static KdcStore open(DatabaseLocation location, KdcKek kek) {
    return open(location, kek, Clock.systemUTC());
  }

  /** As {@link #open(DatabaseLocation, KdcKek)} with a clock for invitation times (tests). */
  public static KdcStore open(DatabaseLocation location, KdcKek kek, Clock clock) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(kek, "kek");
    Objects.requireNonNull(clock, "clock");
    return new KdcStore(
        StoreDatabase.open(location),
        new RowSeals(kek),
        new IssuanceSeals(kek),
        kek.mac(AUDIT_CHAIN_PURPOSE),
        clock);
  }

  // ---- issuance ledger (logic in ReplayCacheTable, IssuanceTable, AuditLogTable) ----

  /** The replay cache shared by every KDC node on this database. */
  public ReplayCache replayCache() {
    return replayCache;
  }

  /** The record of issued session keys. */
  public IssuanceLedger issuances() {
    return issuances;
  }

  /** The group committer's batch writer, for tests that need a batch of their own making. */
  LedgerBatchWriter ledgerWriter() {
    return ledgerWriter;
  }

  /** The hash-chained audit log (enrollment, issuance, replays, admin actions). */
  public AuditLog audit() {
    return audit;
  }

  // ---- invitations ----

  /**
   * Records a PENDING invitation for {@code username} with {@code code} sealed under the KEK
   * (existing users may be invited again). Any older PENDING invitation of the same user is closed
   * (EXPIRED) in the same transaction and its sealed code deleted, so at most one is pending per
   * user.
   */
  public InvitationId createInvitation(String username, EnrollmentCode code, Duration lifetime) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("invitation lifetime must be positive");
    }
    return invitations.create(checkUsername(username), code, lifetime);
  }

  /**
   * The enrollment code of a PENDING invitation, unsealed, to key the check of the client's proof.
   * The caller destroys it after use.
   *
   * @throws InvitationStateException when the invitation does not exist or is not PENDING (its code
   *     is deleted then); an expiry that has passed is persisted first
   * @throws KdcStoreIntegrityException when the sealed code fails authentication
   */
  public EnrollmentCode invitationCode(InvitationId id) {
    Objects.requireNonNull(id, "id");
    return invitations.code(id);
  }

  /**
   * The most recent invitation of {@code username} whose effective state is PENDING (an expired one
   * is not pending).
   */
  public Optional<Invitation> findPendingInvitation(String username) {
    return invitations.findPending(checkUsername(username));
  }

  /**
   * The user's most recent invitation in any effective state, so a refusal can say why (locked,
   * expired, used); creating an invitation closes older pending ones, so this is the relevant one.
   */
  public Optional<Invitation> findLatestInvitation(String username) {
    return invitations.findLatest(checkUsername(username));
  }

  /** The invitation with its effective state (EXPIRED once past its expiry), if it exists. */
  public Optional<Invitation> findInvitation(InvitationId id) {
    return invitations.find(id);
  }

  /**
   * Counts one wrong code; the fifth locks the invitation.
   *
   * @return the state afterwards: PENDING or LOCKED
   * @throws InvitationStateException when the invitation is not PENDING (used, locked, expired)
   */
  public InvitationState recordFailedAttempt(InvitationId id) {
    return invitations.step(id, InvitationStateMachine.Event.CODE_REJECTED);
  }

  /**
   * Marks the invitation USED (the code was right and enrollment completed).
   *
   * @throws InvitationStateException when it is not PENDING (already used, locked or expired)
   */
  public void markUsed(InvitationId id) {
    invitations.step(id, InvitationStateMachine.Event.CODE_ACCEPTED);
  }

  // ---- users ----

  /**
   * Seals and stores {@code key} as the user's master key, creating the user as ACTIVE or, for an
   * existing user, replacing the key (key version + 1) and setting ACTIVE.
   *
   * @return the new key version
   */
  public int storeMasterKey(String username, MasterKey key) {
    String name = checkUsername(username);
    byte[] plain = key.copyBytes();
    synchronized (db) {
      Connection c = db.connection();
      try {
        // FOR UPDATE: two nodes rotating the same key serialize on the row (no lost version).
        Optional<User> existing = findUser(c, name, " FOR UPDATE");
        int version = existing.map(u -> u.keyVersion() + 1).orElse(1);
        byte[] sealed = seals.sealMasterKey(name, version, plain);
        long now = clock.millis();
        if (existing.isPresent()) {
          update(
              c,
              "UPDATE kdc_user SET status = ?, updated_at_ms = ?, key_version = ?,"
                  + " key_format = ?, sealed_master_key = ? WHERE username = ?",
              UserStatus.ACTIVE.name(),
              now,
              version,
              RowSeals.FORMAT_VERSION,
              sealed,
              name);
        } else {
          update(
              c,
              "INSERT INTO kdc_user (username, status, created_at_ms, updated_at_ms,"
                  + " key_version, key_format, sealed_master_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
              name,
              UserStatus.ACTIVE.name(),
              now,
              now,
              version,
              RowSeals.FORMAT_VERSION,
              sealed);
        }
        c.commit();
        return version;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("store the master key of '" + name + "'", e);
      } finally {
        activeKeys.invalidate(name);
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /**
   * The user's master key (whatever the status; the caller checks {@link #findUser}).
   *
   * @throws UnknownUserException when there is no such user
   * @throws KdcStoreIntegrityException when the sealed key fails authentication
   */
  public MasterKey loadMasterKey(String username) {
    String name = checkUsername(username);
    Object[] row =
        db.inPooledTransaction(
            "load the master key of '" + name + "'",
            c -> {
              try (PreparedStatement st =
                  c.prepareStatement(
                      "SELECT key_version, sealed_master_key FROM kdc_user WHERE username = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                  return rs.next() ? new Object[] {rs.getInt(1), rs.getBytes(2)} : null;
                }
              }
            });
    if (row == null) {
      throw new UnknownUserException(name);
    }
    int version = (Integer) row[0];
    byte[] sealed = (byte[]) row[1];
    return openMasterKey(name, version, sealed);
  }

  private MasterKey openMasterKey(String name, int version, byte[] sealed) {
    byte[] plain = null;
    try {
      plain = seals.openMasterKey(name, version, sealed);
      return MasterKey.copyOf(plain);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KdcStoreIntegrityException(
          "the sealed master key of '"
              + name
              + "' failed authentication: the row was modified, or this KEK did not seal it",
          e);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /**
   * The master keys of those of {@code usernames} who are enrolled and ACTIVE, read in one query
   * (unknown and disabled users are absent). The caller destroys the keys.
   *
   * @throws KdcStoreIntegrityException when a sealed key fails authentication
   */
  public Map<String, MasterKey> loadActiveMasterKeys(Collection<String> usernames) {
    List<String> names = usernames.stream().map(KdcStore::checkUsername).distinct().toList();
    List<ActiveKeyCache.SealedKeyRow> rows = new ArrayList<>();
    long generation = activeKeys.generation();
    List<String> missing = activeKeys.collect(names, rows);
    if (!missing.isEmpty()) {
      List<ActiveKeyCache.SealedKeyRow> read =
          db.inPooledTransaction(
              "load the master keys of " + missing.size() + " user(s)",
              c -> activeKeyRows(c, missing));
      activeKeys.putAll(read, generation);
      rows.addAll(read);
    }
    return openActiveKeys(rows);
  }

  /**
   * What the session-key path reads once a request has authenticated, in one pooled transaction:
   * whether the replay cache has probably seen the request's nonce ({@link
   * ReplayCache#probablySeen}) and the master keys of the recipients who are enrolled and ACTIVE
   * (as {@link #loadActiveMasterKeys}). The caller destroys the keys. On embedded Derby both
   * usually come from memory ({@link ActiveKeyCache}, {@link LocalNonceFilter}) and nothing is
   * read.
   *
   * @throws KdcStoreIntegrityException when a sealed key fails authentication
   */
  public RecipientLookup lookUpRecipients(RequestNonce nonce, Collection<String> recipients) {
    Objects.requireNonNull(nonce, "nonce");
    List<String> names = recipients.stream().map(KdcStore::checkUsername).distinct().toList();
    List<ActiveKeyCache.SealedKeyRow> rows = new ArrayList<>();
    long generation = activeKeys.generation();
    List<String> missing = activeKeys.collect(names, rows);
    long now = clock.millis();
    List<ActiveKeyCache.SealedKeyRow> read = new ArrayList<>();
    boolean certainlyNew = nonceFilter.firstSighting(nonce, now);
    if (certainlyNew && missing.isEmpty()) {
      return new RecipientLookup(false, openActiveKeys(rows)); // nothing to read
    }
    boolean seen =
        db.inPooledTransaction(
            "look up the request nonce and "
                + names.size()
                + " recipient(s) of '"
                + nonce.sender()
                + "'",
            c -> {
              if (!missing.isEmpty()) {
                read.addAll(activeKeyRows(c, missing));
              }
              return !certainlyNew && ReplayCacheTable.probablySeen(c, nonce, now);
            });
    activeKeys.putAll(read, generation);
    rows.addAll(read);
    return new RecipientLookup(seen, openActiveKeys(rows));
  }

  /**
   * What {@link #lookUpRecipients} found: the recipients' keys (the caller destroys them) and
   * whether the request's nonce is probably a replay.
   */
  public record RecipientLookup(boolean nonceProbablySeen, Map<String, MasterKey> activeKeys) {}

  private static List<ActiveKeyCache.SealedKeyRow> activeKeyRows(Connection c, List<String> names)
      throws SQLException {
    String marks = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT username, key_version, sealed_master_key FROM kdc_user"
                + " WHERE status = 'ACTIVE' AND username IN ("
                + marks
                + ")")) {
      for (int i = 0; i < names.size(); i++) {
        st.setString(i + 1, names.get(i));
      }
      List<ActiveKeyCache.SealedKeyRow> found = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          found.add(new ActiveKeyCache.SealedKeyRow(rs.getString(1), rs.getInt(2), rs.getBytes(3)));
        }
      }
      return found;
    }
  }

  private Map<String, MasterKey> openActiveKeys(List<ActiveKeyCache.SealedKeyRow> rows) {
    Map<String, MasterKey> keys = new LinkedHashMap<>();
    try {
      for (ActiveKeyCache.SealedKeyRow row : rows) {
        keys.put(
            row.username(), openMasterKey(row.username(), row.keyVersion(), row.sealedMasterKey()));
      }
      return keys;
    } catch (RuntimeException e) {
      keys.values().forEach(MasterKey::destroy);
      throw e;
    }
  }

  /** The user, if enrolled. */
  public Optional<User> findUser(String username) {
    String name = checkUsername(username);
    return db.inPooledTransaction("read user '" + name + "'", c -> findUser(c, name));
  }

  /** All enrolled users, by name. */
  public List<User> listUsers() {
    synchronized (db) {
      try (PreparedStatement st =
              db.connection().prepareStatement(USER_COLUMNS + " ORDER BY username");
          ResultSet rs = st.executeQuery()) {
        List<User> users = new ArrayList<>();
        while (rs.next()) {
          users.add(user(rs));
        }
        db.connection().commit();
        return List.copyOf(users);
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("list users", e);
      }
    }
  }

  /**
   * Enables or disables a user.
   *
   * @throws UnknownUserException when there is no such user
   */
  public void setStatus(String username, UserStatus status) {
    String name = checkUsername(username);
    synchronized (db) {
      try {
        int rows =
            update(
                db.connection(),
                "UPDATE kdc_user SET status = ?, updated_at_ms = ? WHERE username = ?",
                status.name(),
                clock.millis(),
                name);
        db.connection().commit();
        if (rows == 0) {
          throw new UnknownUserException(name);
        }
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("set the status of '" + name + "'", e);
      } finally {
        activeKeys.invalidate(name);
      }
    }
  }

  // ---- identity ----

  /**
   * Stores the KDC identity key once (clients pin it, so it is never replaced silently).
   *
   * @throws KdcStoreException when an identity is already stored
   */
  public void storeIdentity(IdentityKey identity) {
    byte[] priv = identity.copyPrivateKey();
    byte[] pub = identity.publicKey();
    synchronized (db) {
      try {
        if (loadIdentityRow().isPresent()) {
          throw new KdcStoreException(
              db.description()
                  + " already holds an identity key; clients pin it, so it is not replaced");
        }
        update(
            db.connection(),
            "INSERT INTO kdc_identity (id, algorithm, public_key, sealed_private_key,"
                + " created_at_ms) VALUES (1, ?, ?, ?, ?)",
            identity.algorithm(),
            pub,
            seals.sealIdentity(identity.algorithm(), pub, priv),
            clock.millis());
        db.connection().commit();
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("store the KDC identity key", e);
      } finally {
        Arrays.fill(priv, (byte) 0);
      }
    }
  }

  /**
   * The KDC identity key, if stored.
   *
   * @throws KdcStoreIntegrityException when the sealed private key fails authentication
   */
  public Optional<IdentityKey> loadIdentity() {
    Optional<Object[]> row;
    synchronized (db) {
      try {
        row = loadIdentityRow();
        db.connection().commit();
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("load the KDC identity key", e);
      }
    }
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String algorithm = (String) row.get()[0];
    byte[] pub = (byte[]) row.get()[1];
    byte[] priv = null;
    try {
      priv = seals.openIdentity(algorithm, pub, (byte[]) row.get()[2]);
      return Optional.of(IdentityKey.of(algorithm, pub, priv));
    } catch (GeneralSecurityException e) {
      throw new KdcStoreIntegrityException(
          "the sealed KDC identity key failed authentication: the row was modified, or this KEK"
              + " did not seal it",
          e);
    } finally {
      if (priv != null) {
        Arrays.fill(priv, (byte) 0);
      }
    }
  }

  /**
   * Commits what is queued, closes the connections; for Derby, shuts down this database (not the
   * whole engine).
   */
  @Override
  public void close() {
    committer.close();
    ledgerWriter.closeSession();
    db.close();
  }

  // ---- helpers ----

  private static final String USER_COLUMNS =
      "SELECT username, status, created_at_ms, updated_at_ms, key_version FROM kdc_user";

  private Optional<Object[]> loadIdentityRow() throws SQLException {
    try (PreparedStatement st =
            db.connection()
                .prepareStatement(
                    "SELECT algorithm, public_key, sealed_private_key FROM kdc_identity"
                        + " WHERE id = 1");
        ResultSet rs = st.executeQuery()) {
      return rs.next()
          ? Optional.of(new Object[] {rs.getString(1), rs.getBytes(2), rs.getBytes(3)})
          : Optional.empty();
    }
  }

  private static Optional<User> findUser(Connection c, String name) throws SQLException {
    return findUser(c, name, "");
  }

  private static Optional<User> findUser(Connection c, String name, String lock)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(USER_COLUMNS + " WHERE username = ?" + lock)) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.empty();
      }
    }
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getString(1),
        UserStatus.valueOf(rs.getString(2)),
        Instant.ofEpochMilli(rs.getLong(3)),
        Instant.ofEpochMilli(rs.getLong(4)),
        rs.getInt(5));
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] == null) {
          st.setNull(i + 1, java.sql.Types.BIGINT); // only nullable BIGINT: closed_at_ms
        } else {
          st.setObject(i + 1, params[i]);
        }
      }
      return st.executeUpdate();
    }
  }

  private static String checkUsername(String username) {
    Objects.requireNonNull(username, "username");
    if (username.isBlank() || username.length() > MAX_USERNAME_CHARS) {
      throw new IllegalArgumentException("username must be 1..320 characters and not blank");
    }
    return username;
  }
}
