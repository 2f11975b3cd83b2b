package org.kdcmail.qrng.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsReportRendererTest {

  private final StatisticsReportRenderer renderer = new StatisticsReportRenderer();

  @Test
  void render_healthySample_oneAlignedLinePerTestAndOverallPass() {
    StatisticsReport report = Samples.report(Samples.seeded(100_000, 1));

    List<String> lines = renderer.render(report).lines().toList();

    assertThat(lines.get(0)).contains("100000 bytes").contains("5.0e-06");
    assertThat(lines.get(1)).startsWith("TEST").contains("RESULT", "P-VALUE", "THRESHOLD");
    assertThat(lines).hasSize(2 + report.results().size() + 1);
    int resultColumn = lines.get(1).indexOf("RESULT");
    for (int i = 0; i < report.results().size(); i++) {
      TestResult r = report.results().get(i);
      assertThat(lines.get(2 + i)).startsWith(r.name());
      assertThat(lines.get(2 + i).substring(resultColumn)).startsWith(r.verdict().name());
    }
    assertThat(lines.get(lines.size() - 1)).isEqualTo("Overall: PASS (0 failed)");
  }

  @Test
  void render_zeros_showsFailuresAndDetail() {
    String text = renderer.render(Samples.report(new byte[20_000]));

    assertThat(text)
        .contains("FAIL")
        .contains("every byte is equal")
        .endsWith("Overall: FAIL (10 failed)\n");
  }
}
