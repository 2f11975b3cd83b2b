package org.kdcmail.kdc.server.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentCode;
import org.kdcmail.kdc.protocol.enrollment.EnrollmentRandom;
import org.kdcmail.kdc.protocol.enrollment.InvitationId;

/**
 * The {@code kdc_invitation} rows. Every state change is an optimistic conditional update ({@code
 * WHERE state = 'PENDING' AND failed_attempts = ?}), so concurrent steps on one invitation (also
 * across KDC nodes on PostgreSQL) cannot both succeed. The enrollment code is stored sealed under
 * the KEK ({@link RowSeals#sealCode}) and set to NULL in the same update that moves the invitation
 * out of PENDING.
 */
final class InvitationTable {
  private static final String COLUMNS =
      "SELECT invitation_id, username, created_at_ms, expires_at_ms, failed_attempts, state"
          + " FROM kdc_invitation";

  private static final EnrollmentRandom IDS = EnrollmentRandom.of(new SecureRandom());

  private final StoreDatabase db;
  private final RowSeals seals;
  private final Clock clock;

  InvitationTable(StoreDatabase db, RowSeals seals, Clock clock) {
    this.db = db;
    this.seals = seals;
    this.clock = clock;
  }

  /**
   * Inserts a PENDING invitation and, in the same transaction, closes the user's older PENDING ones
   * (SUPERSEDED, i.e. EXPIRED) and any other PENDING row past its expiry, deleting their sealed
   * codes.
   */
  InvitationId create(String username, EnrollmentCode code, Duration lifetime) {
    InvitationId id = InvitationId.generate(IDS);
    Instant now = clock.instant();
    byte[] plain = utf8(code.format());
    byte[] sealed;
    try {
      sealed = seals.sealCode(id, username, plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    synchronized (db) {
      Connection c = db.connection();
      try {
        for (Object[] open : openRows(c, username, now)) {
          InvitationStateMachine.Event event =
              username.equals(open[1])
                  ? InvitationStateMachine.Event.SUPERSEDED
                  : InvitationStateMachine.Event.INSPECT;
          // A concurrent change elsewhere already closed it, which is all that is wanted here.
          transition(c, (InvitationId) open[0], event, now);
        }
        KdcStore.update(
            c,
            "INSERT INTO kdc_invitation (invitation_id, username, sealed_code, created_at_ms,"
                + " expires_at_ms, failed_attempts, state) VALUES (?, ?, ?, ?, ?, 0, ?)",
            id.toBytes(),
            username,
            sealed,
            now.toEpochMilli(),
            now.plus(lifetime).toEpochMilli(),
            InvitationState.PENDING.name());
        c.commit();
        return id;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("create an invitation for '" + username + "'", e);
      }
    }
  }

  Optional<Invitation> find(InvitationId id) {
    synchronized (db) {
      try (PreparedStatement st =
          db.connection().prepareStatement(COLUMNS + " WHERE invitation_id = ?")) {
        st.setBytes(1, id.toBytes());
        Optional<Invitation> found = first(st, clock.instant(), false);
        db.connection().commit();
        return found;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("read invitation " + id, e);
      }
    }
  }

  /** The user's most recent invitation whose effective state is PENDING. */
  Optional<Invitation> findPending(String username) {
    return findNewest(username, true);
  }

  /** The user's most recent invitation in any state (EXPIRED once past its expiry). */
  Optional<Invitation> findLatest(String username) {
    return findNewest(username, false);
  }

  private Optional<Invitation> findNewest(String username, boolean pendingOnly) {
    synchronized (db) {
      try (PreparedStatement st =
          db.connection()
              .prepareStatement(
                  COLUMNS
                      + " WHERE username = ?"
                      + " ORDER BY created_at_ms DESC, expires_at_ms DESC")) {
        st.setString(1, username);
        Optional<Invitation> found = first(st, clock.instant(), pendingOnly);
        db.connection().commit();
        return found;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("read the invitations of '" + username + "'", e);
      }
    }
  }

  /**
   * Unseals the code of a PENDING invitation (persisting EXPIRED, and deleting the code, when its
   * expiry has passed).
   */
  EnrollmentCode code(InvitationId id) {
    Instant now = clock.instant();
    String username;
    byte[] sealed;
    synchronized (db) {
      Connection c = db.connection();
      try {
        InvitationStateMachine.Step step =
            requireTransition(c, id, InvitationStateMachine.Event.INSPECT, now);
        if (step.refusal() != null) {
          c.commit();
          throw new InvitationStateException(id, step.state(), step.refusal());
        }
        try (PreparedStatement st =
            c.prepareStatement(
                "SELECT username, sealed_code FROM kdc_invitation WHERE invitation_id = ?")) {
          st.setBytes(1, id.toBytes());
          try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
              throw new InvitationStateException(id, null, "does not exist");
            }
            username = rs.getString(1);
            sealed = rs.getBytes(2);
          }
        }
        c.commit();
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("read the code of invitation " + id, e);
      }
    }
    if (sealed == null || sealed.length == 0) {
      throw new KdcStoreIntegrityException(
          "invitation " + id + " is PENDING but holds no sealed code: the row was modified", null);
    }
    byte[] plain = null;
    try {
      plain = seals.openCode(id, username, sealed);
      return EnrollmentCode.parse(StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain)).toString());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KdcStoreIntegrityException(
          "the sealed code of invitation "
              + id
              + " failed authentication: the row was modified, or this KEK did not seal it",
          e);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  InvitationState step(InvitationId id, InvitationStateMachine.Event event) {
    Instant now = clock.instant();
    synchronized (db) {
      Connection c = db.connection();
      try {
        InvitationStateMachine.Step step = requireTransition(c, id, event, now);
        c.commit();
        if (step.refusal() != null) {
          throw new InvitationStateException(id, step.state(), step.refusal());
        }
        return step.state();
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("update invitation " + id, e);
      }
    }
  }

  /** As {@link #transition}, but a missing row or a concurrent change is an error. */
  private static InvitationStateMachine.Step requireTransition(
      Connection c, InvitationId id, InvitationStateMachine.Event event, Instant now)
      throws SQLException {
    Transition t = transition(c, id, event, now);
    if (!t.exists()) {
      throw new InvitationStateException(id, null, "does not exist");
    }
    if (t.step() == null) {
      c.rollback();
      throw new KdcStoreException("invitation " + id + " was changed concurrently; retry the step");
    }
    return t.step();
  }

  /**
   * The result of {@link #transition}.
   *
   * @param exists false when there is no such invitation
   * @param step the step taken, or null when the conditional update lost a race
   */
  private record Transition(boolean exists, InvitationStateMachine.Step step) {}

  /**
   * Applies {@code event} to the stored row (without committing). Leaving PENDING also sets {@code
   * closed_at_ms} and deletes the sealed code.
   */
  private static Transition transition(
      Connection c, InvitationId id, InvitationStateMachine.Event event, Instant now)
      throws SQLException {
    InvitationState state;
    int attempts;
    Instant expiresAt;
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT state, failed_attempts, expires_at_ms FROM kdc_invitation"
                + " WHERE invitation_id = ?")) {
      st.setBytes(1, id.toBytes());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return new Transition(false, null);
        }
        state = InvitationState.valueOf(rs.getString(1));
        attempts = rs.getInt(2);
        expiresAt = Instant.ofEpochMilli(rs.getLong(3));
      }
    }
    InvitationStateMachine.Step step =
        InvitationStateMachine.apply(state, attempts, expiresAt, event, now);
    if (step.state() == state && step.failedAttempts() == attempts) {
      return new Transition(true, step);
    }
    int rows =
        step.state().isFinal()
            ? KdcStore.update(
                c,
                "UPDATE kdc_invitation SET state = ?, failed_attempts = ?, closed_at_ms = ?,"
                    + " sealed_code = NULL"
                    + " WHERE invitation_id = ? AND state = ? AND failed_attempts = ?",
                step.state().name(),
                step.failedAttempts(),
                now.toEpochMilli(),
                id.toBytes(),
                state.name(),
                attempts)
            : KdcStore.update(
                c,
                "UPDATE kdc_invitation SET state = ?, failed_attempts = ?"
                    + " WHERE invitation_id = ? AND state = ? AND failed_attempts = ?",
                step.state().name(),
                step.failedAttempts(),
                id.toBytes(),
                state.name(),
                attempts);
    return new Transition(true, rows == 1 ? step : null);
  }

  /** Stored-PENDING rows of {@code username}, and any stored-PENDING row past its expiry. */
  private static List<Object[]> openRows(Connection c, String username, Instant now)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT invitation_id, username FROM kdc_invitation"
                + " WHERE state = ? AND (username = ? OR expires_at_ms <= ?)")) {
      st.setString(1, InvitationState.PENDING.name());
      st.setString(2, username);
      st.setLong(3, now.toEpochMilli());
      try (ResultSet rs = st.executeQuery()) {
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(new Object[] {InvitationId.of(rs.getBytes(1)), rs.getString(2)});
        }
        return rows;
      }
    }
  }

  private static Optional<Invitation> first(PreparedStatement st, Instant now, boolean pendingOnly)
      throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Instant expiresAt = Instant.ofEpochMilli(rs.getLong(4));
        InvitationState state =
            InvitationStateMachine.effective(
                InvitationState.valueOf(rs.getString(6)), expiresAt, now);
        if (pendingOnly && state != InvitationState.PENDING) {
          continue;
        }
        return Optional.of(
            new Invitation(
                InvitationId.of(rs.getBytes(1)),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                expiresAt,
                rs.getInt(5),
                state));
      }
      return Optional.empty();
    }
  }

  private static byte[] utf8(String text) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return bytes;
  }
}
