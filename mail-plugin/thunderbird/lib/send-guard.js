/**
 * compose.onBeforeSend: before a message leaves, make sure the gateway holds the sender's key.
 * Paired and locked: open the MK prompt and let the send go on once unlocked, or cancel it when
 * the user goes Back. Unpaired, or the gateway unreachable: tell the user and let the send go on
 * (the gateway answers 451 itself if it needs the key, and the message stays in Thunderbird).
 */
import { addressOf } from "./addresses.js";

/** How to pair, shown when the sender has no pairing. */
export function pairingHint(user) {
  return (
    `kdcmail: ${user} is not paired with the gateway, so the add-on cannot ask for the master ` +
    `key. Run "kdcmail client-setup --pair --user ${user}" and enter the code in the kdcmail ` +
    `add-on's options (Add-ons Manager > kdcmail > Options).`
  );
}

/**
 * @param {{
 *   settings: ReturnType<import("./settings.js").createSettings>,
 *   client: () => Promise<ReturnType<import("./gateway-client.js").createGatewayClient>>,
 *   prompts: ReturnType<import("./mk-prompt.js").createPromptBroker>,
 *   notify: (id: string, message: string) => Promise<void>,
 * }} deps
 */
export function createSendGuard({ settings, client, prompts, notify }) {
  /** Senders told this session that they are not paired: told once, not at every send. */
  const toldUnpaired = new Set();

  /** The listener: answers {} to let the send go on, {cancel: true} to stop it. */
  async function onBeforeSend(tab, details) {
    const sender = addressOf(details?.from);
    if (sender === null) {
      return {};
    }
    const token = await settings.tokenFor(sender);
    if (token === null) {
      if (!toldUnpaired.has(sender)) {
        toldUnpaired.add(sender);
        await notify(`kdcmail-unpaired-${sender}`, pairingHint(sender));
      }
      return {};
    }
    let state;
    try {
      state = await (await client()).state(token, sender);
    } catch (e) {
      await notify("kdcmail-unreachable", `kdcmail: ${e.message}`);
      return {};
    }
    if (state.status !== 200) {
      await notify(`kdcmail-state-${sender}`, stateRefusal(sender, state));
      return {};
    }
    if (state.body.unlocked === true) {
      return {};
    }
    const outcome = await prompts.ask({
      user: sender,
      reason: "send",
      needLoginPassword: state.body.loginPasswordKnown === false,
    });
    return outcome === "unlocked" ? {} : { cancel: true };
  }

  return { onBeforeSend };
}

function stateRefusal(sender, { status, body }) {
  const why = typeof body?.error === "string" ? body.error : `HTTP ${status}`;
  if (status === 401 || status === 403) {
    return (
      `kdcmail: the gateway no longer accepts this add-on's pairing for ${sender} (${why}). ` +
      `Pair again: "kdcmail client-setup --pair --user ${sender}", then the add-on's options.`
    );
  }
  return `kdcmail: the gateway cannot tell whether ${sender} is unlocked (${why}).`;
}
