package org.kdcmail.qrng.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kdcmail.qrng.bank.BankFixture.builder;
import static org.kdcmail.qrng.bank.BankFixture.prefill;
import static org.kdcmail.qrng.bank.BankFixture.withDatabase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of handing out keys: no key printed before the kill is ever handed out
 * again, the keys reserved but not printed are gone, and the rest of the bank survives.
 */
class KeyBankCrashTest {
  private static final int KEYS = 1_000;
  private static final int BLOCK = 100;
  private static final int KILL_AFTER = 250;
  private static final Pattern KEY_LINE = Pattern.compile("^KEY (\\S+) ([0-9a-f]{64})$");

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void take_killedMidStream_noKeyReissued_reservedKeysDiscarded_restKept() throws Exception {
    SwitchableGenerator generator = new SwitchableGenerator();
    prefill(dir, generator, KEYS);
    Set<String> allIds = storedIds();
    assertThat(allIds).hasSize(KEYS);

    Set<String> printedIds = new HashSet<>();
    Set<String> printedHashes = new HashSet<>();
    runChildAndKill(printedIds, printedHashes);
    assertThat(printedIds).hasSizeGreaterThanOrEqualTo(KILL_AFTER).hasSizeLessThan(KEYS);
    assertThat(printedHashes).hasSameSizeAs(printedIds);

    Set<String> afterIds = new HashSet<>();
    Set<String> afterHashes = new HashSet<>();
    long remaining;
    try (StoredKeyBank bank = builder(dir, generator).backgroundRefill(false).open()) {
      remaining = bank.availableKeys();
      long reservedByChild = KEYS - remaining;
      assertThat(reservedByChild).isGreaterThanOrEqualTo(printedIds.size());
      // at most two blocks (each rounded up to whole pages) were held in memory at the kill
      assertThat(reservedByChild - printedIds.size())
          .isLessThan(2L * (BLOCK + JdbcKeyStore.PAGE_KEYS));
      for (long i = 0; i < remaining; i++) {
        BankKey key = bank.take();
        afterIds.add(key.id().toString());
        afterHashes.add(BankFixture.fingerprint(key));
      }
      assertThatThrownBy(bank::take).isInstanceOf(KeyBankUnavailableException.class);
    }
    assertThat(afterIds).hasSize((int) remaining).doesNotContainAnyElementsOf(printedIds);
    assertThat(afterHashes).hasSize((int) remaining).doesNotContainAnyElementsOf(printedHashes);
    Set<String> discarded = new HashSet<>(allIds);
    discarded.removeAll(printedIds);
    discarded.removeAll(afterIds);
    assertThat(discarded).hasSize(KEYS - printedIds.size() - (int) remaining);
    assertThat(allIds).containsAll(printedIds).containsAll(afterIds);
  }

  private void runChildAndKill(Set<String> ids, Set<String> hashes) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                KeyBankCrashChild.class.getName(),
                dir.toString(),
                Integer.toString(BLOCK))
            .redirectError(dir.resolve("child-stderr.txt").toFile())
            .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      readUntil(lines, ids, hashes, KILL_AFTER);
      // SIGKILL: no shutdown hooks, no close(). Through the handle, so our end of the pipe stays
      // open and the lines the child printed before it died can still be read.
      assertThat(child.toHandle().destroyForcibly()).isTrue();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      readUntil(lines, ids, hashes, Integer.MAX_VALUE);
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).isNotZero();
  }

  private static void readUntil(BufferedReader lines, Set<String> ids, Set<String> hashes, int max)
      throws IOException {
    String line;
    while (ids.size() < max && (line = lines.readLine()) != null) {
      Matcher m = KEY_LINE.matcher(line);
      if (m.matches()) {
        assertThat(ids.add(m.group(1))).as("child printed %s twice", m.group(1)).isTrue();
        hashes.add(m.group(2));
      }
    }
  }

  private Set<String> storedIds() throws Exception {
    Set<String> ids = new HashSet<>();
    withDatabase(
        dir,
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery("SELECT batch_id, first_seq, key_count FROM kb_page")) {
            while (rs.next()) {
              for (int i = 0; i < rs.getInt(3); i++) {
                ids.add(rs.getString(1) + "-" + (rs.getInt(2) + i));
              }
            }
          }
        });
    return ids;
  }
}
