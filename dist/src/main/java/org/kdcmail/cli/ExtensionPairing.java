package org.kdcmail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.kdcmail.gateway.GatewayEndpoints;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.plugin.ClientPaths;

/**
 * {@code kdcmail client-setup --pair|--unpair --user U}: asks the running gateway, with the user's
 * own {@code unlock.token} (made on first use), for a one-time pairing code for the Thunderbird
 * extension, and tells the user where to type it; or revokes the user's paired extensions.
 */
final class ExtensionPairing {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final Path home;
  private final PrintWriter out;

  ExtensionPairing(Path home, PrintWriter out) {
    this.home = home;
    this.out = out;
  }

  /** Pairs ({@code pair}) or unpairs {@code user}; returns the exit status. */
  int run(String user, boolean pair) throws IOException {
    if (user == null) {
      throw new IllegalArgumentException("--pair and --unpair need --user USER");
    }
    ClientPaths.folderName(user);
    ControlClient client =
        ControlClient.to(GatewayEndpoints.read(home).http(), GatewayOption.TIMEOUT);
    UnlockToken token = TokenFile.forUser(home, user).readOrCreate(new SecureRandom());
    try {
      if (pair) {
        printCode(client.pairingCode(user, token));
      } else {
        int n = client.unpair(user, token);
        out.println(
            n == 0
                ? "no extension was paired for " + user
                : "revoked " + n + " paired extension" + (n == 1 ? "" : "s") + " of " + user);
      }
    } finally {
      token.destroy();
    }
    return 0;
  }

  private void printCode(ControlClient.PairingCodeReceipt receipt) {
    String code = receipt.code();
    out.println("Pairing code for " + receipt.user() + ":");
    out.println();
    out.println("    " + code.substring(0, 4) + " " + code.substring(4));
    out.println();
    out.println(
        "It works once, until "
            + CLOCK.format(receipt.expiresAt().atZone(ZoneId.systemDefault()))
            + " (10 minutes).");
    out.println("In Thunderbird: Tools > Add-ons and Themes > kdcmail > Preferences (or the");
    out.println("kdcmail prompt that asks to pair), type the 8 digits and press Pair.");
    out.println("To revoke it later: kdcmail client-setup --unpair --user " + receipt.user());
  }
}
