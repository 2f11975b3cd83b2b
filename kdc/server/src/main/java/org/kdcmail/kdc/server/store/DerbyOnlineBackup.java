package org.kdcmail.kdc.server.store;

import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Derby's online backup ({@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}) of a database that this JVM has
 * open, while it keeps serving: the copy is transaction-consistent (Derby waits for transactions in
 * progress and blocks writes to each file while it copies it). Used for the store and the key bank.
 */
public final class DerbyOnlineBackup {
  private DerbyOnlineBackup() {}

  /**
   * Copies the database in {@code databaseDir} (e.g. {@code store/db}) into {@code targetParent},
   * which then holds a database folder of the same name.
   *
   * @throws KdcStoreException when Derby cannot make the copy
   */
  public static void copy(Path databaseDir, Path targetParent) {
    String url = "jdbc:derby:" + databaseDir.toAbsolutePath().normalize();
    try (Connection c = DriverManager.getConnection(url);
        CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
      call.setString(1, targetParent.toAbsolutePath().normalize().toString());
      call.execute();
    } catch (SQLException e) {
      throw new KdcStoreException(
          "cannot back up the Derby database "
              + databaseDir
              + " into "
              + targetParent
              + ": "
              + e.getMessage()
              + "; check free space and permissions of the backup folder",
          e);
    }
  }
}
