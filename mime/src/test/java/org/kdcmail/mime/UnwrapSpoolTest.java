package org.kdcmail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plaintext spooled during unwrap is sealed under a throwaway key: never plaintext on disk. */
class UnwrapSpoolTest {

  static final String ALICE = "alice@corp.example";
  static final String BOB = "bob@corp.example";
  static final String MARKER = "PLAINTEXT-MARKER-5e1f";

  @TempDir Path tmp;
  final TestKdc kdc = new TestKdc();

  @AfterEach
  void resetHook() {
    MailUnwrapper.beforeRelease = s -> {};
  }

  private static byte[] message(int approxBytes) {
    StringBuilder b =
        new StringBuilder("From: " + ALICE + "\r\nTo: " + BOB + "\r\nSubject: spool\r\n\r\n");
    while (b.length() < approxBytes) {
      b.append(MARKER).append(" line of body text\r\n");
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static List<byte[]> spoolContents(Path dir) throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        out.add(Files.readAllBytes(f));
      }
    }
    return out;
  }

  @Test
  void unwrap_largeMessage_spoolFileHoldsNoPlaintextAtItsFullest() throws Exception {
    byte[] original = message(5 << 20);
    Path wrapSpool = Files.createDirectory(tmp.resolve("wrap"));
    Path unwrapSpool = Files.createDirectory(tmp.resolve("unwrap"));
    byte[] wrapped =
        Wrapped.wrap(
            original,
            TestKdc.material(kdc.issue(ALICE, List.of(BOB))),
            WrapOptions.builder().spoolDir(wrapSpool).build());
    List<List<byte[]>> seen = new ArrayList<>();
    MailUnwrapper.beforeRelease =
        spool -> {
          try {
            assertThat(spool.file()).as("a message over the 2 MiB limit is spooled").isNotNull();
            seen.add(spoolContents(unwrapSpool));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };
    Wrapped.Result r =
        Wrapped.unwrap(
            wrapped,
            BOB,
            kdc.opener(BOB),
            unwrapSpool,
            Wrapped.plainUnwrapper().withMemoryLimit(2 << 20));
    assertThat(r.verdict().status()).isEqualTo(Verdict.Status.OK);
    assertThat(r.out()).isEqualTo(original);
    assertThat(seen).hasSize(1);
    List<byte[]> files = seen.get(0);
    assertThat(files).hasSize(1);
    byte[] onDisk = files.get(0);
    assertThat(onDisk.length).isGreaterThanOrEqualTo(original.length);
    String s = new String(onDisk, StandardCharsets.ISO_8859_1);
    assertThat(s).doesNotContain(MARKER).doesNotContain("spool").doesNotContain(ALICE);
    try (Stream<Path> left = Files.list(unwrapSpool)) {
      assertThat(left).as("spool deleted").isEmpty();
    }
  }

  @Test
  void unwrap_failureAfterSpooling_leavesNothingAndReleasesNothing() throws Exception {
    byte[] original = message(5 << 20);
    byte[] wrapped =
        Wrapped.wrap(
            original,
            TestKdc.material(kdc.issue(ALICE, List.of(BOB))),
            WrapOptions.builder().spoolDir(tmp).build());
    MailUnwrapper.beforeRelease =
        spool -> {
          throw new IllegalStateException("simulated crash before release");
        };
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      Wrapped.plainUnwrapper()
          .withMemoryLimit(2 << 20)
          .unwrap(new java.io.ByteArrayInputStream(wrapped), BOB, kdc.opener(BOB), out, tmp);
    } catch (IllegalStateException expected) {
      // the simulated crash
    }
    assertThat(out.size()).isZero();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void spillBuffer_spillsWhenTheSharedBudgetIsSpent_andGivesItBack() throws Exception {
    SpoolMemory budget = new SpoolMemory(1 << 20);
    byte[] chunk = new byte[300 << 10];
    try (SpillBuffer first = new SpillBuffer(tmp, "a-", 64 << 20, false, budget);
        SpillBuffer second = new SpillBuffer(tmp, "b-", 64 << 20, false, budget)) {
      first.write(chunk, 0, chunk.length);
      first.write(chunk, 0, chunk.length);
      assertThat(first.file()).as("600 KiB fits the 1 MiB budget").isNull();
      second.write(chunk, 0, chunk.length);
      second.write(chunk, 0, chunk.length);
      assertThat(second.file()).as("the budget is spent: the second spills").isNotNull();
      assertThat(budget.reserved()).isLessThanOrEqualTo(1 << 20);
    }
    assertThat(budget.reserved()).as("closing gives the memory back").isZero();
  }

  @Test
  void spillBuffer_roundTripsAcrossTheMemoryLimitAndRecordBoundaries() throws Exception {
    for (int size :
        new int[] {
          0, 1, 100, 1000, SpillBuffer.RECORD, SpillBuffer.RECORD + 1, 3 * SpillBuffer.RECORD
        }) {
      byte[] data = new byte[size];
      new java.util.Random(size).nextBytes(data);
      for (boolean encrypt : new boolean[] {true, false}) {
        try (SpillBuffer b = new SpillBuffer(tmp, "t-", 500, encrypt)) {
          for (int off = 0; off < size; off += 333) {
            b.write(data, off, Math.min(333, size - off));
          }
          b.finish();
          java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
          b.drainTo(out::write);
          assertThat(out.toByteArray()).isEqualTo(data);
        }
      }
    }
  }
}
