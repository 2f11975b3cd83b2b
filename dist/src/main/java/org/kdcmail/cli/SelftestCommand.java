package org.kdcmail.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import org.kdcmail.qrng.EntropySource;
import org.kdcmail.qrng.selftest.SelfTest;
import org.kdcmail.qrng.selftest.SelfTestProgress;
import org.kdcmail.qrng.selftest.SelfTestReport;
import org.kdcmail.qrng.selftest.SelfTestReportRenderer;
import org.kdcmail.qrng.source.EntropySourceSpec;
import org.kdcmail.qrng.stats.StatisticsAccumulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kdcmail qrng selftest}: health and statistical tests of an entropy source. */
@Command(
    name = "selftest",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the SP 800-90B start-up and continuous health tests on an entropy source, then"
          + " statistical tests (monobit, runs, chi-square, serial correlation, entropy, FIPS 140-2"
          + " blocks) on N bytes of its raw samples and N bytes of the DRBG it seeds.",
      "Exit status: 0 when every test passed, 1 otherwise."
    })
final class SelftestCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--source",
      paramLabel = "SPEC",
      defaultValue = "system",
      description =
          "device:PATH (a QRNG character device or file; device:PATH?h=7.5 declares its"
              + " min-entropy per byte) or system (the operating system, not quantum)."
              + " Default: ${DEFAULT-VALUE}.")
  private String source;

  @Option(
      names = "--bytes",
      paramLabel = "N",
      defaultValue = "1000000",
      description =
          "Bytes of raw samples, and of DRBG output, to test (at least 20000). Default: ${DEFAULT-VALUE}.")
  private long bytes;

  @Option(names = "--json", description = "Print the report as JSON on standard output.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    if (bytes < StatisticsAccumulator.MINIMUM_SAMPLE_BYTES) {
      throw new ParameterException(
          spec.commandLine(),
          "--bytes must be at least "
              + StatisticsAccumulator.MINIMUM_SAMPLE_BYTES
              + " for the statistical tests, got "
              + bytes);
    }
    EntropySourceSpec sourceSpec;
    try {
      sourceSpec = EntropySourceSpec.parse(source);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--source: " + e.getMessage(), e);
    }
    EntropySource raw = sourceSpec.open();
    SelfTestReport report =
        SelfTest.builder(raw)
            .sampleBytes(bytes)
            .nodeIdentity("selftest@" + hostName())
            .progress(new BarProgress())
            .build()
            .run();
    if (json) {
      spec.commandLine().getOut().println(SelfTestJson.toJson(report));
    } else {
      spec.commandLine().getOut().print(new SelfTestReportRenderer().render(report));
    }
    spec.commandLine().getOut().flush();
    return report.passed() ? 0 : ReadableErrors.EXIT_FAILURE;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  /** Draws one progress bar per phase on standard error. */
  private static final class BarProgress implements SelfTestProgress {
    private ProgressBar bar;

    @Override
    public void phaseStarted(String phase, long totalBytes) {
      bar = ProgressBar.onStandardError(phase, totalBytes);
    }

    @Override
    public void advanced(long doneBytes) {
      bar.update(doneBytes);
    }
  }
}
