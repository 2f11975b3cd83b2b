/**
 * Registers the add-on as a prompt with the gateway: one long poll (GET /prompt/next) per paired
 * address while Thunderbird runs. When the gateway needs that user's key now (e.g. an SMTP client
 * is waiting for it, reason "smtp") it answers the poll, and the add-on opens its MK prompt; the
 * gateway holds the client meanwhile (its prompt wait, 20 s by default).
 */

/** Seconds the gateway may hold each poll (the contract's value). */
export const POLL_SECONDS = 25;
const RETRY_MS = 10000;
const MAX_BACKOFF_MS = 60000;
/** A poll answered sooner than this is followed by a pause, so a broken gateway cannot spin us. */
const MIN_POLL_MS = 1000;

/**
 * @param {{
 *   settings: ReturnType<import("./settings.js").createSettings>,
 *   client: () => Promise<ReturnType<import("./gateway-client.js").createGatewayClient>>,
 *   prompts: ReturnType<import("./mk-prompt.js").createPromptBroker>,
 * }} deps
 */
export function createPromptListener({ settings, client, prompts }) {
  /** user -> {stopped, abort, wake} */
  const loops = new Map();

  function pause(control, ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      control.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function ask(user, token, reason) {
    const state = await (await client()).state(token, user);
    if (state.status !== 200 || state.body.unlocked === true) {
      return;
    }
    await prompts.ask({ user, reason, needLoginPassword: state.body.loginPasswordKnown === false });
  }

  async function poll(user, control) {
    let backoff = 0;
    while (!control.stopped) {
      const token = await settings.tokenFor(user);
      if (token === null) {
        break;
      }
      const started = Date.now();
      let answer;
      try {
        answer = await (await client()).next(token, user, POLL_SECONDS, control.abort.signal);
      } catch {
        if (control.stopped) {
          break;
        }
        backoff = Math.min(backoff === 0 ? RETRY_MS / 2 : backoff * 2, MAX_BACKOFF_MS);
        await pause(control, backoff);
        continue;
      }
      backoff = 0;
      if (answer.status === 200) {
        ask(user, token, answer.body.reason ?? "gateway").catch(() => {});
      } else if (answer.status === 401 || answer.status === 403) {
        break; // no longer paired: the next send tells the user how to pair again
      } else if (answer.status !== 204) {
        await pause(control, RETRY_MS);
        continue;
      }
      const took = Date.now() - started;
      if (took < MIN_POLL_MS && !control.stopped) {
        await pause(control, MIN_POLL_MS - took);
      }
    }
    if (loops.get(user) === control) {
      loops.delete(user);
    }
  }

  function stop(user) {
    const control = loops.get(user);
    if (control) {
      control.stopped = true;
      control.abort.abort();
      control.wake?.();
      loops.delete(user);
    }
  }

  return {
    /** Polls for every paired address, and stops polling for the others. */
    async sync() {
      const paired = new Set((await settings.pairedUsers()).map((p) => p.user));
      for (const user of [...loops.keys()]) {
        if (!paired.has(user)) {
          stop(user);
        }
      }
      for (const user of paired) {
        if (!loops.has(user)) {
          const control = { stopped: false, abort: new AbortController() };
          loops.set(user, control);
          poll(user, control);
        }
      }
    },
    /** Stops every poll (the last ones end when the gateway answers them). */
    stopAll() {
      [...loops.keys()].forEach(stop);
    },
    /** The addresses polled for now. */
    listening: () => [...loops.keys()].sort(),
  };
}
