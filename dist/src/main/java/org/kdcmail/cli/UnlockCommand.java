package org.kdcmail.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.kdc.protocol.masterkey.Argon2Parameters;
import org.kdcmail.plugin.ClientPaths;
import org.kdcmail.plugin.unlock.Unlocker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail unlock --check}: re-derives the master key from the local store and the user's
 * MK-ID and MK password and says whether they are right (for now it only checks). Asks: login
 * password, MK-ID, MK password; with {@code --stdin} reads them one per line. Repeated wrong
 * attempts wait longer each time (up to 30 s).
 */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = {
      "Check that your master key ID and password re-derive your master key.",
      "Asks for: login password, master key ID, master key password."
    })
final class UnlockCommand implements Callable<Integer> {

  /** What a correct check prints. */
  static final String CORRECT = "master key ID and password are correct";

  @Spec private CommandSpec spec;
  @ParentCommand private KdcmailCommand parent;

  @Option(names = "--user", required = true, paramLabel = "USER", description = "Your username.")
  private String user;

  @Option(
      names = "--check",
      required = true,
      description = "Only derive and check the master key (the only mode for now).")
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
    Path store = new ClientPaths(home()).storeFile(user);
    Answers answers = stdin ? Answers.lines(in) : Answers.terminal();
    char[] login = answers.secret("login password");
    char[] mkId = null;
    char[] mkPassword = null;
    try {
      mkId = answers.secret("master key ID");
      mkPassword = answers.secret("master key password");
      MasterKey key = unlocker.unlock(store, login, mkId, mkPassword);
      key.destroy();
    } finally {
      clear(login, mkId, mkPassword);
    }
    spec.commandLine().getOut().println(CORRECT);
    spec.commandLine().getOut().flush();
    return 0;
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
