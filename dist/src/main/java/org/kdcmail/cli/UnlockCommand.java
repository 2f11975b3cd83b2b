package org.kdcmail.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.kdcmail.gateway.control.ControlClient;
import org.kdcmail.gateway.control.TokenFile;
import org.kdcmail.gateway.control.UnlockReceipt;
import org.kdcmail.gateway.control.UnlockToken;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.unlock.Unlocker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail unlock --user USER}: re-derives the master key from the local store and the user's
 * MK-ID and MK password, then hands it to the running gateway over the loopback unlock channel with
 * the user's token ({@code HOME/users/USER/unlock.token}, made on first use). {@code --check} only
 * derives and checks. Asks: login password, MK-ID, MK password; with {@code --stdin} reads them one
 * per line. Repeated wrong attempts wait longer each time (up to 30 s). The p1 cost is always RFC
 * 9106's second recommendation, the one {@code kdcmail enroll} uses.
 */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = {
      "Unlock your master key in the running gateway (or, with --check, only check it).",
      "Asks for: login password, master key ID, master key password."
    })
final class UnlockCommand implements Callable<Integer> {

  /** What a correct check prints. */
  static final String CORRECT = "master key ID and password are correct";

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;
  @Mixin private GatewayOption gateway;

  @Option(names = "--user", required = true, paramLabel = "USER", description = "Your username.")
  private String user;

  @Option(
      names = "--check",
      description = "Only derive and check the master key; do not contact the gateway.")
  private boolean check;

  @Option(
      names = "--stdin",
      description = "Read the three answers from standard input, one per line, in the order above.")
  private boolean stdin;

  private final InputStream in;
  private final Unlocker unlocker;

  /** The command as the CLI runs it: real standard input, RFC 9106 cost for p1, real waits. */
  UnlockCommand() {
    this(System.in, new Unlocker(Argon2Parameters.RFC9106_SECOND_RECOMMENDED));
  }

  /** A command reading {@code --stdin} answers from {@code in}, with this unlocker (tests). */
  UnlockCommand(InputStream in, Unlocker unlocker) {
    this.in = Objects.requireNonNull(in, "in");
    this.unlocker = Objects.requireNonNull(unlocker, "unlocker");
  }

  @Override
  public Integer call() throws Exception {
    try {
      ClientPaths.folderName(user);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--user: " + e.getMessage(), e);
    }
    Path home = home();
    ControlClient client = null;
    if (!check) {
      client = gateway.client(home);
      client.ping(); // before asking anything: a stopped gateway fails fast
    }
    MasterKey key = derive(new ClientPaths(home).storeFile(user));
    try {
      if (check) {
        print(CORRECT);
      } else {
        UnlockToken token = TokenFile.forUser(home, user).readOrCreate(new SecureRandom());
        try {
          print(describe(client.unlock(user, key, token)));
        } finally {
          token.destroy();
        }
      }
    } finally {
      key.destroy();
    }
    return 0;
  }

  private MasterKey derive(Path store) throws Exception {
    Answers answers = stdin ? Answers.lines(in) : Answers.terminal();
    char[] login = answers.secret("login password");
    char[] mkId = null;
    char[] mkPassword = null;
    try {
      mkId = answers.secret("master key ID");
      mkPassword = answers.secret("master key password");
      return unlocker.unlock(store, login, mkId, mkPassword);
    } finally {
      clear(login, mkId, mkPassword);
    }
  }

  private static String describe(UnlockReceipt receipt) {
    KeyCacheWords words = new KeyCacheWords(ZoneId.systemDefault());
    return receipt
        .expiresAt()
        .map(
            e ->
                receipt.user()
                    + " unlocked until "
                    + words.clock(e)
                    + " ("
                    + words.policy(receipt.policy())
                    + ")")
        .orElse(receipt.user() + " unlocked for one message");
  }

  private void print(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
  }

  private Path home() {
    return (parent != null
            ? parent.home()
            : HomeDirectory.resolve(
                null, System.getenv(), Path.of(System.getProperty("user.home"))))
        .path();
  }

  private static void clear(char[]... secrets) {
    for (char[] s : secrets) {
      if (s != null) {
        Arrays.fill(s, '\0');
      }
    }
  }
}
