package org.kdcmail.cli;

import org.kdcmail.kdc.protocol.enrollment.IdentityFingerprint;
import org.kdcmail.plugin.enroll.KdcAddress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --kdc HOST:PORT} and {@code --fingerprint FP}: the KDC a client enrolls with and the
 * identity fingerprint it must prove. A value that does not parse is a usage error naming its
 * option.
 */
final class KdcOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--kdc",
      paramLabel = "HOST:PORT",
      description = "Where the KDC listens (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1:7750")
  private String kdc;

  @Option(
      names = "--fingerprint",
      required = true,
      paramLabel = "FP",
      description = "The KDC fingerprint of this office, as your admin gave it to you.")
  private String fingerprint;

  /** Where the KDC listens. */
  KdcAddress address() {
    return OptionValue.parse(spec, "--kdc", () -> KdcAddress.parse(kdc));
  }

  /** The fingerprint the KDC must prove. */
  IdentityFingerprint fingerprint() {
    return OptionValue.parse(spec, "--fingerprint", () -> IdentityFingerprint.parse(fingerprint));
  }
}
