/**
 * The compose-window indicator: which recipients are enrolled and what the gateway's policy will
 * do with the others, asked of the gateway (POST /prompt/recipients) for the compose window's
 * current To, Cc and Bcc. The badge on the compose_action button shows how many recipients will
 * not get encrypted mail (green ✓ when all will).
 */
import { addressOf, recipientsOf } from "./addresses.js";

const GREEN = "#2e7d32";
const AMBER = "#b26a00";
const GREY = "#757575";

/**
 * @param {{
 *   browser: object,
 *   settings: ReturnType<import("./settings.js").createSettings>,
 *   client: () => Promise<ReturnType<import("./gateway-client.js").createGatewayClient>>,
 * }} deps
 */
export function createIndicator({ browser, settings, client }) {
  /**
   * The report for compose tab {@code tabId}: {state: "ok", sender, policy, recipients, note,
   * unresolved} or {state: "unpaired"|"no-recipients"|"error", sender?, message}.
   */
  async function report(tabId) {
    const details = await browser.compose.getComposeDetails(tabId);
    const sender = addressOf(details.from);
    const { addresses, unresolved } = recipientsOf(details);
    const result = await ask(sender, addresses);
    result.unresolved = unresolved;
    await badge(tabId, result);
    return result;
  }

  async function ask(sender, addresses) {
    if (sender === null) {
      return { state: "error", message: "the sender has no mail address" };
    }
    const token = await settings.tokenFor(sender);
    if (token === null) {
      return {
        state: "unpaired",
        sender,
        message: `${sender} is not paired: run "kdcmail client-setup --pair --user ${sender}" and enter the code in the add-on's options`,
      };
    }
    if (addresses.length === 0) {
      return { state: "no-recipients", sender, message: "no recipients yet" };
    }
    let answer;
    try {
      answer = await (await client()).recipients(token, sender, addresses);
    } catch (e) {
      return { state: "error", sender, message: e.message };
    }
    if (answer.status !== 200) {
      const why = answer.body?.error ?? `HTTP ${answer.status}`;
      return { state: "error", sender, message: `the gateway refused: ${why}` };
    }
    return {
      state: "ok",
      sender,
      policy: answer.body.policy,
      recipients: answer.body.recipients ?? [],
      note: answer.body.note ?? null,
    };
  }

  async function badge(tabId, result) {
    const action = browser.composeAction;
    let text = "";
    let color = GREY;
    let title = `kdcmail: ${result.message ?? ""}`;
    if (result.state === "ok") {
      const plain = result.recipients.filter((r) => r.action !== "encrypt");
      text = plain.length === 0 ? "✓" : String(plain.length);
      color = plain.length === 0 ? GREEN : AMBER;
      title =
        plain.length === 0
          ? "kdcmail: every recipient gets encrypted mail"
          : `kdcmail: ${plain.length} recipient(s) will not get encrypted mail (policy ${result.policy})`;
    } else if (result.state === "unpaired" || result.state === "error") {
      text = "?";
    }
    await action.setBadgeText({ tabId, text });
    await action.setBadgeBackgroundColor({ tabId, color });
    await action.setTitle({ tabId, title });
  }

  return { report };
}

/** Words for a recipient's action, for the popup. */
export function describeAction(recipient, policy) {
  switch (recipient.action) {
    case "encrypt":
      return "encrypted";
    case "plaintext":
      return "not enrolled: sent to this recipient in plain text, with a warning header";
    case "reject":
      return "not enrolled: the gateway refuses the whole message (policy reject)";
    case "hold":
      return "not enrolled: the gateway holds the message until every recipient is enrolled";
    default:
      return `unknown (policy ${policy ?? "?"})`;
  }
}
