package org.kdcmail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kdcmail.gateway.hold.HeldMessage;
import org.kdcmail.gateway.hold.HoldSpool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kdcmail admin held list|release ID|discard ID}: the gateway's hold spool (messages waiting
 * for recipients to enroll) under the home folder. It works on the spool files only: {@code
 * release} marks the message and the running gateway sends it (encrypted to the enrolled
 * recipients, unencrypted with a warning to the others) once its sender's key is unlocked.
 */
@Command(
    name = "held",
    mixinStandardHelpOptions = true,
    description =
        "Messages the gateway holds until their recipients enroll (list, release, discard).",
    subcommands = {
      HeldCommand.ListHeld.class,
      HeldCommand.Release.class,
      HeldCommand.Discard.class
    })
final class HeldCommand {
  @ParentCommand AdminCommand admin;

  HoldSpool spool() {
    return new HoldSpool(admin.root.home().path());
  }

  /** Shared plumbing of the three subcommands. */
  abstract static class Subcommand implements Callable<Integer> {
    @ParentCommand HeldCommand held;
    @Spec CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** {@code kdcmail admin held list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists held messages.")
  static final class ListHeld extends Subcommand {
    @Override
    public Integer call() throws IOException {
      List<HeldMessage> all = held.spool().list();
      PrintWriter out = out();
      if (all.isEmpty()) {
        out.println("no held messages");
      }
      for (HeldMessage m : all) {
        out.println(m.id() + "  from " + m.sender() + "  held " + m.heldAt());
        out.println("  to:           " + String.join(", ", m.recipients()));
        out.println("  waiting for:  " + String.join(", ", m.waitingFor()) + " (not enrolled)");
        out.println("  size:         " + m.sizeBytes() + " bytes");
        m.lastError().ifPresent(e -> out.println("  last error:   " + e));
        if (held.spool().releaseRequested(m.id())) {
          out.println("  released: the gateway sends it once " + m.sender() + " is unlocked");
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code kdcmail admin held release ID}. */
  @Command(
      name = "release",
      mixinStandardHelpOptions = true,
      description =
          "Sends a held message now: encrypted to the enrolled recipients, unencrypted (with a"
              + " warning header) to the others. The running gateway sends it while the sender's"
              + " key is unlocked.")
  static final class Release extends Subcommand {
    @Parameters(paramLabel = "ID", description = "The held message's id (see list).")
    String id;

    @Option(
        names = "--wait",
        paramLabel = "SECONDS",
        description = "How long to wait for the gateway to send it (default 20).")
    int waitSeconds = 20;

    @Override
    public Integer call() throws IOException, InterruptedException {
      HoldSpool spool = held.spool();
      Optional<HeldMessage> m = spool.find(id);
      if (m.isEmpty() || !spool.requestRelease(id)) {
        throw new IOException("no held message " + id + " (see kdcmail admin held list)");
      }
      Instant deadline = Instant.now().plus(Duration.ofSeconds(waitSeconds));
      while (Instant.now().isBefore(deadline) && spool.find(id).isPresent()) {
        Thread.sleep(250);
      }
      PrintWriter out = out();
      if (spool.find(id).isEmpty()) {
        out.println("held message " + id + " sent");
      } else {
        String sender = m.get().sender();
        out.println(
            "held message "
                + id
                + " released; the gateway sends it once "
                + sender
                + "'s key is unlocked (kdcmail unlock --user "
                + sender
                + ")");
        spool
            .find(id)
            .flatMap(HeldMessage::lastError)
            .ifPresent(e -> out.println("last error: " + e));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code kdcmail admin held discard ID}. */
  @Command(
      name = "discard",
      mixinStandardHelpOptions = true,
      description = "Deletes a held message without sending it.")
  static final class Discard extends Subcommand {
    @Parameters(paramLabel = "ID", description = "The held message's id (see list).")
    String id;

    @Override
    public Integer call() throws IOException {
      if (!held.spool().remove(id)) {
        throw new IOException("no held message " + id + " (see kdcmail admin held list)");
      }
      out().println("held message " + id + " discarded");
      out().flush();
      return 0;
    }
  }
}
