package org.kdcmail.cli;

import picocli.CommandLine.Command;

/** {@code kdcmail qrng}: the quantum random number generator and its checks. */
@Command(
    name = "qrng",
    mixinStandardHelpOptions = true,
    description = "Check the quantum random number generator.",
    subcommands = {SelftestCommand.class})
final class QrngCommand {}
