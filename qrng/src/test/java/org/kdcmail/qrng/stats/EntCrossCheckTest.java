package org.kdcmail.qrng.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kdcmail.testing.RequiresProgram;

/**
 * Our figures against {@code ent -t}. ent prints six decimals, so the tolerance is 1e-6 (plus the
 * half-unit of rounding); chi-square is also compared relatively, because ent's double sums and our
 * per-bin sums round differently at 10^5 and above.
 */
class EntCrossCheckTest {

  private static final double PRINTED = 1.01e-6;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"secure-random", "three-quarters-ones", "counter"})
  @RequiresProgram(value = "ent", debianPackage = "ent")
  void figures_matchEnt(String kind) throws Exception {
    byte[] data =
        switch (kind) {
          case "secure-random" -> Samples.secureRandom(1 << 20);
          case "three-quarters-ones" -> Samples.threeQuartersOnes(1 << 20);
          default -> Samples.counter(1_000_003);
        };
    Path file = dir.resolve(kind + ".bin");
    Files.write(file, data);

    String[] ent = entCsv(file);
    StatisticsReport report = Samples.report(data);

    assertThat(Long.parseLong(ent[1])).isEqualTo(data.length);
    assertThat(report.result(TestNames.ENTROPY).figure("bits/byte"))
        .isCloseTo(Double.parseDouble(ent[2]), within(PRINTED));
    double chi = Double.parseDouble(ent[3]);
    assertThat(report.result(TestNames.CHI_SQUARE).figure("chi-square"))
        .isCloseTo(chi, within(PRINTED + 1e-12 * chi));
    assertThat(report.result(TestNames.MEAN).figure("mean"))
        .isCloseTo(Double.parseDouble(ent[4]), within(PRINTED));
    assertThat(report.result(TestNames.MONTE_CARLO_PI).figure("pi"))
        .isCloseTo(Double.parseDouble(ent[5]), within(PRINTED));
    assertThat(report.result(TestNames.SERIAL_CORRELATION).figure("r"))
        .isCloseTo(Double.parseDouble(ent[6]), within(PRINTED));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0xFF})
  @RequiresProgram(value = "ent", debianPackage = "ent")
  void constantInput_entSaysUndefinedCorrelation_weFail(int value) throws Exception {
    byte[] data = new byte[20_000];
    java.util.Arrays.fill(data, (byte) value);
    Path file = dir.resolve("constant.bin");
    Files.write(file, data);

    String[] ent = entCsv(file);
    StatisticsReport report = Samples.report(data);

    assertThat(Double.parseDouble(ent[2])).isZero();
    assertThat(Double.parseDouble(ent[6])).isEqualTo(-100000);
    assertThat(report.result(TestNames.ENTROPY).figure("bits/byte")).isZero();
    assertThat(report.result(TestNames.SERIAL_CORRELATION).verdict()).isEqualTo(Verdict.FAIL);
  }

  /** The second line of {@code ent -t}: 1,File-bytes,Entropy,Chi-square,Mean,Monte-Carlo-Pi,SCC. */
  private static String[] entCsv(Path file) throws Exception {
    String output = ExternalTool.run(List.of("ent", "-t", file.toString()), null);
    List<String> lines = output.lines().toList();
    assertThat(lines.get(0)).startsWith("0,File-bytes,Entropy,Chi-square,Mean,Monte-Carlo-Pi");
    return lines.get(1).split(",");
  }
}
