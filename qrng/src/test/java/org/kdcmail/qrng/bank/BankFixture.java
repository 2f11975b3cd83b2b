package org.kdcmail.qrng.bank;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

/** Shared test setup: a fixed test KEK, small water marks, direct JDBC access to a closed bank. */
final class BankFixture {
  static final byte[] KEK_BYTES =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  private BankFixture() {}

  static KeyEncryptionKey kek() {
    return KeyEncryptionKey.copyOf(KEK_BYTES);
  }

  static KeyBankBuilder builder(Path dir, SwitchableGenerator generator) {
    return builder(generator).directory(dir);
  }

  /** Small water marks and blocks; the caller says where the database is. */
  static KeyBankBuilder builder(SwitchableGenerator generator) {
    return KeyBank.builder()
        .generator(generator)
        .keyEncryptionKey(kek())
        .lowWaterMark(200)
        .highWaterMark(1_000)
        .blockSize(100)
        .batchSize(400)
        .insertChunkSize(250)
        .takeTimeout(Duration.ofSeconds(20))
        .refillRetryInterval(Duration.ofMillis(100));
  }

  /** Opens a bank, waits until it holds {@code keys} keys, closes it. */
  static void prefill(Path dir, SwitchableGenerator generator, int keys) {
    prefill(builder(dir, generator), keys);
  }

  /**
   * Opens the bank {@code builder} describes, waits until it holds {@code keys} keys, closes it.
   */
  static void prefill(KeyBankBuilder builder, int keys) {
    try (StoredKeyBank bank = builder.lowWaterMark(keys).highWaterMark(keys).open()) {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> bank.availableKeys() >= keys);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String fingerprint(BankKey key) {
    byte[] bytes = key.secret().copyBytes();
    try {
      return sha256Hex(bytes);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Runs {@code action} on a JDBC connection to the (closed) bank's database, then commits. */
  static void withDatabase(Path dir, SqlAction action) throws SQLException {
    String url = "jdbc:derby:" + dir.toAbsolutePath().resolve("db");
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      action.accept(c);
      c.commit();
    }
    try {
      DriverManager.getConnection(url + ";shutdown=true").close();
    } catch (SQLException expected) {
      if (!"08006".equals(expected.getSQLState())) {
        throw expected;
      }
    }
  }

  interface SqlAction {
    void accept(Connection connection) throws SQLException;
  }
}
