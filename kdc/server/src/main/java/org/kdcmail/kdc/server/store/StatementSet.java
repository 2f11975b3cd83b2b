package org.kdcmail.kdc.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements prepared on one connection to be reused across transactions, and closed together. The
 * owner closes the set when its constructor fails halfway too ({@link #closeAfter}).
 */
final class StatementSet implements AutoCloseable {
  private final Connection c;
  private final List<PreparedStatement> prepared = new ArrayList<>();

  StatementSet(Connection c) {
    this.c = c;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    return kept(c.prepareStatement(sql));
  }

  /** A query whose cursor can update its current row ({@link ResultSet#updateRow}). */
  PreparedStatement prepareUpdatable(String sql) throws SQLException {
    return kept(c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
  }

  private PreparedStatement kept(PreparedStatement st) {
    prepared.add(st);
    return st;
  }

  /** Closes what was prepared so far after {@code failure}, adding close failures to it. */
  void closeAfter(SQLException failure) {
    try {
      close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Closes every statement; the first failure is thrown, with the later ones suppressed. */
  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement st : prepared) {
      try {
        st.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    prepared.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
