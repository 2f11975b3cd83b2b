/**
 * The gateway's prompt endpoints (issue 7's HTTP contract) over a fetch function. Every call
 * answers {status, body} for any HTTP answer, so callers decide what a 403 or 409 means; only a
 * gateway that cannot be reached (or answers something that is not the contract) throws.
 */

/** The gateway URL used until the user sets another on the options page. */
export const DEFAULT_GATEWAY_URL = "http://127.0.0.1:2180";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const DEFAULT_TIMEOUT_MS = 15000;
/** Unlocking runs Argon2id and may wait out the store's throttle: allow it longer. */
const UNLOCK_TIMEOUT_MS = 90000;

/** The gateway could not be reached, or did not answer as the contract says. */
export class GatewayUnreachableError extends Error {
  constructor(baseUrl, cause) {
    super(
      `the kdcmail gateway at ${baseUrl} does not answer (${cause}); is it running? ` +
        "Check the gateway URL in the kdcmail add-on's options.",
    );
    this.name = "GatewayUnreachableError";
  }
}

/**
 * The gateway URL, checked: http on this machine only, since the gateway's prompt endpoints
 * answer loopback callers only. Answers the URL without a trailing slash.
 * @param {string} text
 * @returns {string}
 */
export function checkGatewayUrl(text) {
  let url;
  try {
    url = new URL(String(text).trim());
  } catch {
    throw new Error(`"${text}" is not a URL; expected e.g. ${DEFAULT_GATEWAY_URL}`);
  }
  if (url.protocol !== "http:") {
    throw new Error(`the gateway URL starts with http:// (its HTTP port on loopback), not ${url.protocol}`);
  }
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(
      `the gateway URL must name this machine (127.0.0.1, localhost or [::1]), not ` +
        `${url.hostname}: the gateway answers prompts from loopback only`,
    );
  }
  if (url.pathname !== "/" || url.search || url.hash) {
    throw new Error(`the gateway URL is the address only, without a path: ${url.origin}`);
  }
  return url.origin;
}

/**
 * A client for one gateway.
 * @param {{baseUrl: string, fetch: Function}} options
 */
export function createGatewayClient({ baseUrl, fetch }) {
  const origin = checkGatewayUrl(baseUrl);

  async function call(method, path, { token, body, timeoutMs = DEFAULT_TIMEOUT_MS, signal } = {}) {
    const headers = { Accept: "application/json" };
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    signal?.addEventListener("abort", () => abort.abort(), { once: true });
    let response;
    let text;
    try {
      response = await fetch(origin + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
        credentials: "omit",
        cache: "no-store",
      });
      text = await response.text();
    } catch (e) {
      const why = signal?.aborted ? "stopped" : abort.signal.aborted ? "timed out" : e.message;
      throw new GatewayUnreachableError(origin, why);
    } finally {
      clearTimeout(timer);
    }
    return { status: response.status, body: parse(text, response.status) };
  }

  function parse(text, status) {
    if (text === "") {
      return {};
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new GatewayUnreachableError(origin, `HTTP ${status} with a body that is not JSON`);
    }
  }

  const user = (u) => encodeURIComponent(u);

  return {
    baseUrl: origin,
    /** POST /pair {code}: 200 {token, user}; 403 wrong, expired or used code. */
    pair: (code) => call("POST", "/pair", { body: { code } }),
    /** GET /prompt/state: 200 {user, unlocked, expiresAt, loginPasswordKnown}. */
    state: (token, u) => call("GET", `/prompt/state?user=${user(u)}`, { token }),
    /** POST /prompt/unlock: 200 / 403 / 409 / 401 / 429, see unlockOutcome. */
    unlock: (token, entry) =>
      call("POST", "/prompt/unlock", { token, body: entry, timeoutMs: UNLOCK_TIMEOUT_MS }),
    /** GET /prompt/next (long poll): 200 {user, reason} when the gateway needs the key, else 204. */
    next: (token, u, waitSeconds, signal) =>
      call("GET", `/prompt/next?user=${user(u)}&wait=${waitSeconds}`, {
        token,
        timeoutMs: (waitSeconds + 15) * 1000,
        signal,
      }),
    /** POST /prompt/recipients: 200 {policy, recipients: [{address, enrolled, action}], note?}. */
    recipients: (token, sender, recipients) =>
      call("POST", "/prompt/recipients", { token, body: { sender, recipients } }),
  };
}

/** What an answer of POST /prompt/unlock means for the prompt. */
export function unlockOutcome({ status, body }) {
  const message = typeof body?.error === "string" ? body.error : `the gateway answered ${status}`;
  switch (status) {
    case 200:
      return { kind: "unlocked", expiresAt: body.expiresAt ?? null };
    case 403:
      return { kind: "wrong-entry", message };
    case 409:
      return { kind: "login-password-needed", message };
    case 401:
      return { kind: "login-password-wrong", message };
    case 429:
      return { kind: "throttled", message };
    default:
      return { kind: "failed", message };
  }
}
