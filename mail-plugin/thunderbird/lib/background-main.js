/**
 * Wires the add-on's parts to a `browser` object and a `fetch` function: the real ones in
 * background.js, stubs in the node tests. Answers the parts, for tests.
 */
import { createGatewayClient } from "./gateway-client.js";
import { createIndicator } from "./indicator.js";
import { PROMPT_MESSAGES, createPromptBroker } from "./mk-prompt.js";
import { createPromptListener } from "./prompt-listener.js";
import { createSendGuard } from "./send-guard.js";
import { createSettings } from "./settings.js";

/** The runtime message types the options page and the indicator popup send. */
export const MESSAGES = Object.freeze({
  ...PROMPT_MESSAGES,
  recipients: "kdcmail.recipients",
  options: "kdcmail.options",
  setGateway: "kdcmail.options.gateway",
  pair: "kdcmail.pair",
  forget: "kdcmail.forget",
});

const PAIRING_CODE = /^[0-9]{8}$/;

/** @param {{browser: object, fetch: Function}} deps */
export function startBackground({ browser, fetch }) {
  const settings = createSettings(browser.storage.local);
  const client = async () => createGatewayClient({ baseUrl: await settings.gatewayUrl(), fetch });

  async function unlock(user, entry) {
    const token = await settings.tokenFor(user);
    if (token === null) {
      return { status: 401, body: { error: `${user} is not paired with the gateway` } };
    }
    return (await client()).unlock(token, entry);
  }

  async function notify(id, message) {
    await browser.notifications.create(id, {
      type: "basic",
      title: "kdcmail",
      message,
      iconUrl: "icons/kdcmail.svg",
    });
  }

  const prompts = createPromptBroker({ browser, unlock });
  const guard = createSendGuard({ settings, client, prompts, notify });
  const indicator = createIndicator({ browser, settings, client });
  const listener = createPromptListener({ settings, client, prompts });

  async function pair(code) {
    const trimmed = String(code ?? "").replace(/\s+/g, "");
    if (!PAIRING_CODE.test(trimmed)) {
      return { ok: false, message: "the pairing code is 8 digits" };
    }
    let answer;
    try {
      answer = await (await client()).pair(trimmed);
    } catch (e) {
      return { ok: false, message: e.message };
    }
    if (answer.status !== 200) {
      const why = answer.body?.error ?? `HTTP ${answer.status}`;
      return { ok: false, message: `the gateway refused the code: ${why}` };
    }
    try {
      await settings.savePairing(answer.body.user, answer.body.token);
    } catch (e) {
      return { ok: false, message: `the gateway's answer cannot be used: ${e.message}` };
    }
    await listener.sync();
    return { ok: true, user: answer.body.user.toLowerCase() };
  }

  async function options() {
    return { gatewayUrl: await settings.gatewayUrl(), paired: await settings.pairedUsers() };
  }

  async function setGateway(url) {
    try {
      return { ok: true, gatewayUrl: await settings.setGatewayUrl(url) };
    } catch (e) {
      return { ok: false, message: e.message };
    }
  }

  async function forget(user) {
    const forgotten = await settings.forget(user);
    await listener.sync();
    return { ok: forgotten };
  }

  function onMessage(message) {
    const prompt = prompts.handleMessage(message);
    if (prompt !== undefined) {
      return prompt;
    }
    switch (message?.type) {
      case MESSAGES.recipients:
        return indicator.report(message.tabId);
      case MESSAGES.options:
        return options();
      case MESSAGES.setGateway:
        return setGateway(message.gatewayUrl);
      case MESSAGES.pair:
        return pair(message.code);
      case MESSAGES.forget:
        return forget(message.user);
      default:
        return undefined;
    }
  }

  browser.compose.onBeforeSend.addListener(guard.onBeforeSend);
  browser.runtime.onMessage.addListener(onMessage);
  const listening = listener.sync();

  return {
    settings,
    prompts,
    guard,
    indicator,
    listener,
    /** Resolves once the prompt polls for the stored pairings have started. */
    listening,
    /** Stops the prompt polls (tests; Thunderbird just unloads the page). */
    stop: () => listener.stopAll(),
  };
}
