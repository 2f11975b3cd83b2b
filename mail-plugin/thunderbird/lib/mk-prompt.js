/**
 * The MK prompt: a small popup window (prompt/prompt.html) asking for MKey_ID and MKey_Pwd, and
 * the login password when the gateway does not remember it. The window talks to the background
 * through runtime messages; this broker owns the open prompts, posts each entry to the gateway and
 * tells the window what to show. A wrong entry keeps the window open; Back or closing the window
 * cancels.
 */
import { unlockOutcome } from "./gateway-client.js";

/** The runtime message types the prompt window sends. */
export const PROMPT_MESSAGES = Object.freeze({
  open: "kdcmail.prompt.open",
  submit: "kdcmail.prompt.submit",
  back: "kdcmail.prompt.back",
});

const WINDOW = { type: "popup", width: 440, height: 420 };

/**
 * @param {{browser: object, unlock: (user: string, entry: object) => Promise<{status, body}>}} deps
 *   unlock posts {user, mkId, mkPassword, loginPassword?} to /prompt/unlock with the user's token.
 */
export function createPromptBroker({ browser, unlock }) {
  /** prompt id -> {user, reason, needLoginPassword, windowId, resolve, busy} */
  const open = new Map();
  let nextId = 1;

  browser.windows.onRemoved.addListener((windowId) => {
    for (const [id, prompt] of open) {
      if (prompt.windowId === windowId) {
        finish(id, "cancelled", false);
      }
    }
  });

  function finish(id, outcome, closeWindow) {
    const prompt = open.get(id);
    if (!prompt) {
      return;
    }
    open.delete(id);
    prompt.resolve(outcome);
    if (closeWindow && prompt.windowId !== undefined) {
      browser.windows.remove(prompt.windowId).catch(() => {});
    }
  }

  /**
   * Opens a prompt for {@code user}; resolves "unlocked" or "cancelled". A second request for a
   * user whose prompt is already open shares that prompt.
   */
  async function ask({ user, reason = "send", needLoginPassword = false }) {
    for (const prompt of open.values()) {
      if (prompt.user === user) {
        return prompt.outcome;
      }
    }
    const id = String(nextId++);
    let resolve;
    const outcome = new Promise((r) => (resolve = r));
    const prompt = { user, reason, needLoginPassword, resolve, outcome, busy: false };
    open.set(id, prompt);
    try {
      const window = await browser.windows.create({
        ...WINDOW,
        url: `prompt/prompt.html?prompt=${id}`,
      });
      prompt.windowId = window.id;
      if (!open.has(id)) {
        // Answered (Back) before the window's id was known: close it now.
        browser.windows.remove(window.id).catch(() => {});
      }
    } catch (e) {
      open.delete(id);
      throw e;
    }
    return outcome;
  }

  async function submit(prompt, id, message) {
    if (prompt.busy) {
      return { state: "busy" };
    }
    const entry = { user: prompt.user, mkId: message.mkId, mkPassword: message.mkPassword };
    if (typeof message.loginPassword === "string" && message.loginPassword !== "") {
      entry.loginPassword = message.loginPassword;
    }
    if (!entry.mkId || !entry.mkPassword) {
      return { state: "error", message: "enter the master key ID and its password" };
    }
    prompt.busy = true;
    let result;
    try {
      result = unlockOutcome(await unlock(prompt.user, entry));
    } catch (e) {
      return { state: "error", message: e.message, needLoginPassword: prompt.needLoginPassword };
    } finally {
      prompt.busy = false;
    }
    if (result.kind === "unlocked") {
      finish(id, "unlocked", true);
      return { state: "unlocked", expiresAt: result.expiresAt };
    }
    if (result.kind === "login-password-needed" || result.kind === "login-password-wrong") {
      prompt.needLoginPassword = true;
    }
    return { state: "error", message: result.message, needLoginPassword: prompt.needLoginPassword };
  }

  /**
   * Handles a prompt window's runtime message; answers the reply, or undefined for messages that
   * are not the prompt's.
   */
  function handleMessage(message) {
    if (!message || !Object.values(PROMPT_MESSAGES).includes(message.type)) {
      return undefined;
    }
    const id = String(message.prompt);
    const prompt = open.get(id);
    if (!prompt) {
      return Promise.resolve({ state: "gone" });
    }
    switch (message.type) {
      case PROMPT_MESSAGES.open:
        return Promise.resolve({
          state: "ready",
          user: prompt.user,
          reason: prompt.reason,
          needLoginPassword: prompt.needLoginPassword,
        });
      case PROMPT_MESSAGES.submit:
        return submit(prompt, id, message);
      default:
        finish(id, "cancelled", true);
        return Promise.resolve({ state: "cancelled" });
    }
  }

  return { ask, handleMessage, openPrompts: () => open.size };
}
