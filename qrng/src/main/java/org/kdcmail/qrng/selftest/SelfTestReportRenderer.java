package org.kdcmail.qrng.selftest;

import java.util.Locale;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.health.HealthTestCutoffs;
import org.kdcmail.qrng.stats.StatisticsReport;
import org.kdcmail.qrng.stats.StatisticsReportRenderer;

/** Renders a {@link SelfTestReport} as the readable text {@code kdcmail qrng selftest} prints. */
public final class SelfTestReportRenderer {
  private final StatisticsReportRenderer statistics = new StatisticsReportRenderer();

  public String render(SelfTestReport report) {
    StringBuilder out = new StringBuilder();
    out.append("kdcmail QRNG selftest\n\n");
    source(out, report.source());
    health(out, report.health());
    out.append(line("DRBG", report.drbg().map(SelfTestReportRenderer::drbg).orElse("not run")));
    report.rawStatistics().ifPresent(s -> section(out, "Raw samples, after the health tests", s));
    report.drbgStatistics().ifPresent(s -> section(out, "DRBG output", s));
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "Result: %s (%.1f s)%n",
            report.passed() ? "PASS" : "FAIL",
            report.elapsed().toMillis() / 1000.0));
    return out.toString();
  }

  private static void source(StringBuilder out, SourceDescriptor source) {
    out.append(line("Source", source.provenanceLabel()));
    if (!source.kind().isQuantum()) {
      out.append(line("", "WARNING: not quantum; kdcmail uses it only when configured to"));
    }
    out.append(
        line(
            "Declared H",
            String.format(
                Locale.ROOT,
                "%s bits per sample (%s samples)",
                trim(source.minEntropyPerSample()),
                source.binarySamples() ? "1-bit" : "8-bit")));
  }

  private static void health(StringBuilder out, HealthOutcome health) {
    HealthTestCutoffs cutoffs = health.cutoffs();
    out.append(
        line(
            "Health cutoffs",
            String.format(
                Locale.ROOT,
                "alpha = 2^%d; repetition count C = %d; adaptive proportion W = %d, C = %d",
                Math.round(Math.log(cutoffs.alpha()) / Math.log(2)),
                cutoffs.repetitionCountCutoff(),
                cutoffs.adaptiveProportionWindow(),
                cutoffs.adaptiveProportionCutoff())));
    String verdict =
        health.passed()
            ? String.format(
                Locale.ROOT,
                "PASS (start-up over 1024 samples, then %d samples tested)",
                health.samplesTested())
            : "FAIL: " + health.error().orElse("source state " + health.finalState());
    out.append(line("Health tests", verdict));
  }

  private static String drbg(DrbgDescription drbg) {
    return String.format(
        Locale.ROOT,
        "%s, %d-bit strength, reseed every %d requests, prediction resistance %s",
        drbg.mechanism(),
        drbg.securityStrengthBits(),
        drbg.reseedIntervalRequests(),
        drbg.predictionResistance() ? "on" : "off");
  }

  private void section(StringBuilder out, String title, StatisticsReport report) {
    out.append('\n')
        .append(title)
        .append(String.format(Locale.ROOT, " (%,d bytes)%n", report.sampleBytes()))
        .append(statistics.render(report));
  }

  private static String line(String label, String value) {
    return String.format(Locale.ROOT, "%-16s%s%n", label, value);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
