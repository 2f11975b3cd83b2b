package org.kdcmail.it.gateway.thunderbird;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kdcmail.gateway.Gateway;
import org.kdcmail.it.gateway.MailSystem;
import org.kdcmail.testing.RequiresProgram;

/**
 * The Thunderbird add-on's background logic (stubbed {@code browser}, real {@code fetch}) against a
 * real gateway: starts {@link Gateway#start} in front of {@link MailSystem}, makes a pairing code
 * for alice, and runs the add-on's node tests with the gateway's URL, the code and alice's entries
 * in the environment, so {@code mail-plugin/thunderbird/test/gateway.test.js} runs instead of
 * skipping. node's output goes to {@code integration-tests/target/thunderbird-node-test.log}.
 */
@Timeout(240)
@RequiresProgram(value = "node", debianPackage = "nodejs")
class ThunderbirdExtensionIT {
  private static final Path ADD_ON = Path.of("..", "mail-plugin", "thunderbird");

  /** node's output, kept for reading after the run. */
  private static final Path LOG = Path.of("target", "thunderbird-node-test.log");

  @TempDir Path dir;

  @Test
  @Disabled(
      "needs the gateway side of issue 7 (POST /pair, /prompt/state, /prompt/unlock,"
          + " /prompt/recipients), not on main yet; enable after merging it")
  void nodeTests_againstARealGateway_pass() throws Exception {
    try (MailSystem mail = new MailSystem(dir);
        Gateway gateway = Gateway.start(mail.gatewaySettings().build())) {
      Map<String, String> env = new HashMap<>();
      env.put("KDCMAIL_GATEWAY_URL", "http://127.0.0.1:" + gateway.endpoints().http().getPort());
      env.put("KDCMAIL_GATEWAY_SMTP_PORT", String.valueOf(gateway.endpoints().smtp().getPort()));
      env.put("KDCMAIL_TEST_ENROLLED", MailSystem.BOB);
      env.put("KDCMAIL_TEST_UNENROLLED", MailSystem.DAVE);
      // alice: pairing, the prompt on send, the indicator.
      env.put("KDCMAIL_PAIRING_CODE", pairingCode(mail, gateway, MailSystem.ALICE));
      putEntries(env, "KDCMAIL_TEST_", MailSystem.ALICE);
      // carol: the gateway asking the add-on while an SMTP client waits.
      env.put("KDCMAIL_SECOND_PAIRING_CODE", pairingCode(mail, gateway, MailSystem.CAROL));
      putEntries(env, "KDCMAIL_SECOND_", MailSystem.CAROL);

      NodeRun run = NodeRun.tests(ADD_ON, env, LOG);

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output())
          .as("the real-gateway tests ran instead of skipping")
          .contains("✔ the add-on against a real gateway")
          .contains(
              "✔ smtpSend_userLockedAndAddOnPaired_gatewayAsksTheAddOnAndHoldsTheClientUntilUnlocked")
          .contains("ℹ skipped 0");
    }
  }

  /**
   * A code as {@code kdcmail client-setup --pair} makes it. With the gateway side of issue 7 on
   * main: {@code ControlClient.to(gateway.endpoints().http(), ...).pairingCode(user, token)} with
   * the user's token file ({@code TokenFile.forUser(mail.home(), user).readOrCreate(...)}), and
   * {@code userPointCost(KdcFixture.CHEAP)} in the settings above (see tmp/thunderbird-try).
   */
  private static String pairingCode(MailSystem mail, Gateway gateway, String user) {
    throw new UnsupportedOperationException("pairing codes come with the gateway side of issue 7");
  }

  private static void putEntries(Map<String, String> env, String prefix, String user) {
    env.put(prefix + "USER", user);
    env.put(prefix + "LOGIN_PASSWORD", MailSystem.password(user));
    env.put(prefix + "MK_ID", MailSystem.mkId(user));
    env.put(prefix + "MK_PASSWORD", MailSystem.mkPassword(user));
  }

  /** One {@code node --test} run in the add-on's folder, its output kept in a file. */
  private record NodeRun(int exitCode, String output) {
    static NodeRun tests(Path folder, Map<String, String> env, Path log) throws Exception {
      ProcessBuilder builder =
          new ProcessBuilder("node", "--test", "--test-reporter=spec")
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process node = builder.start();
      if (!node.waitFor(180, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        throw new AssertionError("node --test did not end within 180 s: " + Files.readString(log));
      }
      return new NodeRun(node.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
