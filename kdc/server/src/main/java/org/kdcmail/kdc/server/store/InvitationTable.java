package org.kdcmail.kdc.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code kdc_invitation} rows. Every state change is an optimistic conditional update ({@code
 * WHERE state = 'PENDING' AND failed_attempts = ?}), so concurrent steps on one invitation (also
 * across KDC nodes on PostgreSQL) cannot both succeed.
 */
final class InvitationTable {
  private static final String COLUMNS =
      "SELECT invitation_id, username, code_verifier, created_at_ms, expires_at_ms,"
          + " failed_attempts, state FROM kdc_invitation";

  private final DerbyDatabase db;
  private final Clock clock;

  InvitationTable(DerbyDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  InvitationId create(String username, CodeVerifier verifier, Duration lifetime) {
    InvitationId id = InvitationId.random();
    Instant now = clock.instant();
    synchronized (db) {
      try {
        KdcStore.update(
            db.connection(),
            "INSERT INTO kdc_invitation (invitation_id, username, code_verifier, created_at_ms,"
                + " expires_at_ms, failed_attempts, state) VALUES (?, ?, ?, ?, ?, 0, ?)",
            id.toBytes(),
            username,
            verifier.bytes(),
            now.toEpochMilli(),
            now.plus(lifetime).toEpochMilli(),
            InvitationState.PENDING.name());
        db.connection().commit();
        return id;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("create an invitation for '" + username + "'", e);
      }
    }
  }

  Optional<Invitation> find(InvitationId id) {
    synchronized (db) {
      try {
        Optional<Invitation> found = read(db.connection(), id, clock.instant());
        db.connection().commit();
        return found;
      } catch (SQLException e) {
        db.rollbackQuietly();
        throw db.failure("read invitation " + id, e);
      }
    }
  }

  InvitationState step(InvitationId id, InvitationStateMachine.Event event) {
    Instant now = clock.instant();
    synchronized (db) {
      Connection c = db.connection();
      try {
        Optional<Object[]> stored = readStored(c, id);
        if (stored.isEmpty()) {
          throw new InvitationStateException(id, null, "does not exist");
        }
        InvitationState state = InvitationState.valueOf((String) stored.get()[0]);
        int attempts = (Integer) stored.get()[1];
        Instant expiresAt = Instant.ofEpochMilli((Long) stored.get()[2]);
        InvitationStateMachine.Step step =
            InvitationStateMachine.apply(state, attempts, expiresAt, event, now);
        if (step.state() != state || step.failedAttempts() != attempts) {
          int rows =
              KdcStore.update(
                  c,
                  "UPDATE kdc_invitation SET state = ?, failed_attempts = ?, closed_at_ms = ?"
                      + " WHERE invitation_id = ? AND state = ? AND failed_attempts = ?",
                  step.state().name(),
                  step.failedAttempts(),
                  step.state().isFinal() ? now.toEpochMilli() : null,
                  id.toBytes(),
                  state.name(),
                  attempts);
          if (rows != 1) {
            c.rollback();
            throw new KdcStoreException(
                "invitation " + id + " was changed concurrently; retry the step");
          }
        }
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

  private static Optional<Object[]> readStored(Connection c, InvitationId id) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT state, failed_attempts, expires_at_ms FROM kdc_invitation"
                + " WHERE invitation_id = ?")) {
      st.setBytes(1, id.toBytes());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? Optional.of(new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3)})
            : Optional.empty();
      }
    }
  }

  private static Optional<Invitation> read(Connection c, InvitationId id, Instant now)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(COLUMNS + " WHERE invitation_id = ?")) {
      st.setBytes(1, id.toBytes());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochMilli(rs.getLong(5));
        InvitationState stored = InvitationState.valueOf(rs.getString(7));
        return Optional.of(
            new Invitation(
                InvitationId.of(rs.getBytes(1)),
                rs.getString(2),
                CodeVerifier.adopt(rs.getBytes(3)),
                Instant.ofEpochMilli(rs.getLong(4)),
                expiresAt,
                rs.getInt(6),
                InvitationStateMachine.effective(stored, expiresAt, now)));
      }
    }
  }
}
