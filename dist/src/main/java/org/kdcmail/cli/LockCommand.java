package org.kdcmail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.plugin.ClientPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail lock [--user USER]}: makes the running gateway drop (zeroize) one user's master
 * key, with that user's token, or everyone's, with the gateway's control token.
 */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    description = "Drop a master key from the running gateway (without --user: every key).")
final class LockCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;
  @Mixin private GatewayOption gateway;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = "Lock this user only (default: every user; needs the gateway's control token).")
  private String user;

  @Override
  public Integer call() throws Exception {
    Path home = parent.home().path();
    ControlClient client = gateway.client(home);
    PrintWriter out = spec.commandLine().getOut();
    if (user == null) {
      UnlockToken control = StatusCommand.controlToken(home);
      int n = client.lockAll(control);
      out.println("locked " + n + (n == 1 ? " user" : " users"));
    } else {
      try {
        ClientPaths.folderName(user);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--user: " + e.getMessage(), e);
      }
      boolean wasUnlocked = client.lock(user, tokenFor(home));
      out.println(user + (wasUnlocked ? " locked" : " was not unlocked"));
    }
    out.flush();
    return 0;
  }

  /** The user's token, else the control token (the gateway accepts either to lock a user). */
  private UnlockToken tokenFor(Path home) throws IOException {
    Optional<UnlockToken> own = TokenFile.forUser(home, user).read();
    if (own.isPresent()) {
      return own.get();
    }
    Optional<UnlockToken> control = TokenFile.control(home).read();
    if (control.isPresent()) {
      return control.get();
    }
    throw new IOException(
        user + " has no unlock token in " + home + ", so it was never unlocked from this home");
  }
}
