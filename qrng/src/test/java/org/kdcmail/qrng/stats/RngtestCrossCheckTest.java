package org.kdcmail.qrng.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.testing.RequiresProgram;

/**
 * Failed-block counts against {@code rngtest} (rng-tools5). Monobit, long run and continuous run
 * must agree exactly. Poker and runs may differ by a block or two: rngtest carries its run state
 * across blocks (at a block start whose first bit differs from the previous block's last bit it
 * records a phantom run, in {@code runs[5]} or, through index -1, in {@code poker[15]}), while we
 * test each block on its own as FIPS 140-2 describes.
 */
class RngtestCrossCheckTest {

  private static final int BLOCK = FipsBlockTests.BLOCK_BYTES;
  private static final Pattern COUNT =
      Pattern.compile("FIPS 140-2\\(2001-10-10\\) ([A-Za-z ]+): (\\d+)");

  @TempDir Path dir;

  @Test
  @RequiresProgram(value = "rngtest", debianPackage = "rng-tools5")
  void secureRandom_failedBlocksMatchRngtest() throws Exception {
    compare(Samples.secureRandom(4 + 400 * BLOCK));
  }

  @Test
  @RequiresProgram(value = "rngtest", debianPackage = "rng-tools5")
  void threeQuartersOnes_everyBlockFailsInBoth() throws Exception {
    Map<String, Long> rngtest = compare(Samples.threeQuartersOnes(4 + 100 * BLOCK));
    assertThat(rngtest.get("Monobit")).isEqualTo(100);
  }

  /** Bits 1 with probability 0.51375: the expected ones count per block sits on the 10275 limit. */
  @Test
  @RequiresProgram(value = "rngtest", debianPackage = "rng-tools5")
  void borderlineBias_aboutHalfTheBlocksFailMonobitInBoth() throws Exception {
    Random random = new Random(11);
    byte[] data = new byte[4 + 400 * BLOCK];
    for (int i = 0; i < data.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        data[i] |= (byte) ((random.nextDouble() < 0.51375 ? 1 : 0) << bit);
      }
    }
    Map<String, Long> rngtest = compare(data);
    assertThat(rngtest.get("Monobit")).isBetween(100L, 300L);
  }

  /** Blocks placed exactly on each side of the monobit and long-run limits, and a repeated word. */
  @Test
  @RequiresProgram(value = "rngtest", debianPackage = "rng-tools5")
  void craftedBoundaryBlocks_failedBlocksMatchRngtest() throws Exception {
    byte[] data = Samples.seeded(4 + 12 * BLOCK, 99);
    Random random = new Random(5);
    int[] onesTargets = {9725, 9726, 10274, 10275};
    for (int k = 0; k < onesTargets.length; k++) {
      setOnes(data, 4 + k * BLOCK, onesTargets[k], random);
    }
    plantRun(data, 4 + 4 * BLOCK, 25);
    plantRun(data, 4 + 5 * BLOCK, 26);
    plantRun(data, 4 + 6 * BLOCK, 40);
    System.arraycopy(data, 4 + 8 * BLOCK + 100, data, 4 + 8 * BLOCK + 104, 4);
    System.arraycopy(data, 4 + 9 * BLOCK - 4, data, 4 + 9 * BLOCK, 4);

    Map<String, Long> rngtest = compare(data);

    assertThat(rngtest.get("Monobit")).isEqualTo(2);
    assertThat(rngtest.get("Long run")).isEqualTo(2);
    assertThat(rngtest.get("Continuous run")).isEqualTo(2);
  }

  private Map<String, Long> compare(byte[] data) throws Exception {
    Path file = dir.resolve("sample.bin");
    Files.write(file, data);
    long blocks = (data.length - 4) / BLOCK;
    String output = ExternalTool.run(List.of("rngtest", "-c", Long.toString(blocks)), file);
    Map<String, Long> rngtest = new HashMap<>();
    Matcher m = COUNT.matcher(output);
    while (m.find()) {
      rngtest.put(m.group(1), Long.parseLong(m.group(2)));
    }
    assertThat(rngtest).as(output).hasSize(5);
    StatisticsReport report = Samples.report(data);

    assertThat(report.result(TestNames.FIPS_MONOBIT).figure("blocks")).isEqualTo(blocks);
    assertThat(failed(report, TestNames.FIPS_MONOBIT)).isEqualTo(rngtest.get("Monobit"));
    assertThat(failed(report, TestNames.FIPS_LONG_RUN)).isEqualTo(rngtest.get("Long run"));
    assertThat(failed(report, TestNames.FIPS_CONTINUOUS_RUN))
        .isEqualTo(rngtest.get("Continuous run"));
    long tolerance = Math.max(2, blocks / 50);
    assertThat(failed(report, TestNames.FIPS_POKER))
        .isBetween(rngtest.get("Poker") - tolerance, rngtest.get("Poker") + tolerance);
    assertThat(failed(report, TestNames.FIPS_RUNS))
        .isBetween(rngtest.get("Runs") - tolerance, rngtest.get("Runs") + tolerance);
    return rngtest;
  }

  private static long failed(StatisticsReport report, String test) {
    return (long) report.result(test).figure("failed");
  }

  /**
   * Flips random bits away from the block edges until the block has exactly {@code target} ones.
   */
  private static void setOnes(byte[] data, int start, int target, Random random) {
    int ones = 0;
    for (int i = start; i < start + BLOCK; i++) {
      ones += Integer.bitCount(data[i] & 0xFF);
    }
    while (ones != target) {
      int bit = 64 + random.nextInt(BLOCK * 8 - 128);
      int index = start + bit / 8;
      int mask = 0x80 >>> (bit % 8);
      boolean set = (data[index] & mask) != 0;
      if (set == (ones > target)) {
        data[index] ^= (byte) mask;
        ones += set ? -1 : 1;
      }
    }
  }

  /** Writes 0, then {@code length} ones, then 0, in the middle of a block. */
  private static void plantRun(byte[] data, int start, int length) {
    int first = BLOCK * 4;
    for (int bit = first - 1; bit <= first + length; bit++) {
      int index = start + bit / 8;
      int mask = 0x80 >>> (bit % 8);
      boolean one = bit >= first && bit < first + length;
      data[index] = (byte) (one ? data[index] | mask : data[index] & ~mask);
    }
  }
}
