package org.kdcmail.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kdcmail.qrng.DrbgDescription;
import org.kdcmail.qrng.SourceDescriptor;
import org.kdcmail.qrng.health.HealthTestCutoffs;
import org.kdcmail.qrng.selftest.HealthOutcome;
import org.kdcmail.qrng.selftest.SelfTestReport;
import org.kdcmail.qrng.stats.Figure;
import org.kdcmail.qrng.stats.StatisticsReport;
import org.kdcmail.qrng.stats.TestResult;

/** The JSON form of a selftest report, as {@code kdcmail qrng selftest --json} prints it. */
final class SelfTestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SelfTestJson() {}

  static String toJson(SelfTestReport report) throws JsonProcessingException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("passed", report.passed());
    root.set("source", source(report.source()));
    root.set("health", health(report.health()));
    report.drbg().ifPresentOrElse(d -> root.set("drbg", drbg(d)), () -> root.putNull("drbg"));
    report
        .rawStatistics()
        .ifPresentOrElse(
            s -> root.set("raw_statistics", statistics(s)), () -> root.putNull("raw_statistics"));
    report
        .drbgStatistics()
        .ifPresentOrElse(
            s -> root.set("drbg_statistics", statistics(s)), () -> root.putNull("drbg_statistics"));
    root.put("elapsed_seconds", report.elapsed().toMillis() / 1000.0);
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static ObjectNode source(SourceDescriptor source) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", source.id());
    node.put("kind", source.kind().name().toLowerCase(java.util.Locale.ROOT));
    node.put("quantum", source.kind().isQuantum());
    node.put("label", source.provenanceLabel());
    node.put("min_entropy_bits_per_sample", source.minEntropyPerSample());
    node.put("binary_samples", source.binarySamples());
    return node;
  }

  private static ObjectNode health(HealthOutcome health) {
    HealthTestCutoffs cutoffs = health.cutoffs();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("passed", health.passed());
    node.put("state", health.finalState().name());
    node.put("samples_tested", health.samplesTested());
    node.put("alpha", cutoffs.alpha());
    node.put("repetition_count_cutoff", cutoffs.repetitionCountCutoff());
    node.put("adaptive_proportion_window", cutoffs.adaptiveProportionWindow());
    node.put("adaptive_proportion_cutoff", cutoffs.adaptiveProportionCutoff());
    health.error().ifPresentOrElse(e -> node.put("error", e), () -> node.putNull("error"));
    return node;
  }

  private static ObjectNode drbg(DrbgDescription drbg) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("mechanism", drbg.mechanism());
    node.put("security_strength_bits", drbg.securityStrengthBits());
    node.put("reseed_interval_requests", drbg.reseedIntervalRequests());
    node.put("prediction_resistance", drbg.predictionResistance());
    return node;
  }

  private static ObjectNode statistics(StatisticsReport report) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("passed", report.passed());
    node.put("sample_bytes", report.sampleBytes());
    node.put("per_test_alpha", report.perTestAlpha());
    node.put("family_false_failure_bound", report.familyFalseFailureBound());
    ArrayNode tests = node.putArray("tests");
    for (TestResult result : report.results()) {
      ObjectNode test = tests.addObject();
      test.put("name", result.name());
      test.put("verdict", result.verdict().name());
      if (result.pValue().isPresent()) {
        test.put("p_value", result.pValue().getAsDouble());
      } else {
        test.putNull("p_value");
      }
      test.put("threshold", result.threshold());
      ObjectNode figures = test.putObject("figures");
      for (Figure figure : result.figures()) {
        figures.put(figure.name(), figure.value());
      }
      if (!result.detail().isEmpty()) {
        test.put("detail", result.detail());
      }
    }
    return node;
  }
}
