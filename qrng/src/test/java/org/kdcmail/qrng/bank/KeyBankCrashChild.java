package org.kdcmail.qrng.bank;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child-process entry point for {@link KeyBankCrashTest}: opens the bank in {@code args[0]} with
 * the refill off and takes keys slowly, printing {@code KEY <id> <sha256 of key bytes>} and
 * flushing after each, until killed or empty.
 */
public final class KeyBankCrashChild {
  private KeyBankCrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    try (StoredKeyBank bank =
        BankFixture.builder(Path.of(args[0]), new SwitchableGenerator())
            .backgroundRefill(false)
            .blockSize(Integer.parseInt(args[1]))
            .open()) {
      out.println("OPEN " + bank.availableKeys());
      out.flush();
      while (true) {
        BankKey key = bank.take();
        out.println("KEY " + key.id() + " " + BankFixture.fingerprint(key));
        out.flush();
        Thread.sleep(4);
      }
    }
  }
}
