package org.kdcmail.qrng.stats;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a {@link StatisticsReport} as an aligned plain-text table, one line per test, followed by
 * the overall verdict. Numbers use {@link Locale#ROOT} so the output does not depend on the host.
 */
public final class StatisticsReportRenderer {

  private static final String ROW = "%-26s %-6s %-10s %-52s %s%n";

  /** Returns the report as text ending in a newline. */
  public String render(StatisticsReport report) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Statistical tests on %d bytes (per-test alpha %.1e, healthy source fails a run with"
                + " probability <= %.1e)%n",
            report.sampleBytes(),
            report.perTestAlpha(),
            report.familyFalseFailureBound()));
    out.append(
        String.format(Locale.ROOT, ROW, "TEST", "RESULT", "P-VALUE", "FIGURES", "THRESHOLD"));
    for (TestResult r : report.results()) {
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              r.name(),
              r.verdict(),
              r.pValue().isPresent() ? number(r.pValue().getAsDouble()) : "-",
              figures(r.figures(), r.detail()),
              r.threshold()));
    }
    long failed = report.failures().size();
    out.append(
        String.format(
            Locale.ROOT, "Overall: %s (%d failed)%n", report.passed() ? "PASS" : "FAIL", failed));
    return out.toString();
  }

  private static String figures(List<Figure> figures, String detail) {
    String text =
        figures.stream()
            .map(f -> f.name() + "=" + number(f.value()))
            .collect(Collectors.joining("  "));
    return detail.isEmpty() ? text : text.isEmpty() ? detail : text + "  (" + detail + ")";
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    double magnitude = Math.abs(value);
    if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e7)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
