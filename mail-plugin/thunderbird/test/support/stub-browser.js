/**
 * A stub of the parts of Thunderbird's `browser` API the add-on uses, recording what the add-on
 * does (windows, notifications, badges) and letting a test act as the user (close a window, send
 * a runtime message as a page would).
 */

function event() {
  const listeners = [];
  return {
    listeners,
    addListener: (f) => listeners.push(f),
    removeListener: (f) => listeners.splice(listeners.indexOf(f), 1),
    hasListener: (f) => listeners.includes(f),
  };
}

function storageArea() {
  const data = new Map();
  return {
    data,
    async get(keys) {
      const wanted =
        keys === null || keys === undefined
          ? [...data.keys()]
          : typeof keys === "string"
            ? [keys]
            : Array.isArray(keys)
              ? keys
              : Object.keys(keys);
      const out = {};
      for (const k of wanted) {
        if (data.has(k)) {
          out[k] = structuredClone(data.get(k));
        }
      }
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) {
        data.set(k, structuredClone(v));
      }
    },
  };
}

/**
 * @param {{compose?: Record<number, object>}} options compose details per tab id
 */
export function stubBrowser({ compose = {} } = {}) {
  const windows = new Map();
  let nextWindowId = 100;
  const windowWaiters = [];
  const notifications = [];
  const badges = {};

  const browser = {
    storage: { local: storageArea() },
    notifications: {
      async create(id, options) {
        notifications.push({ id, ...options });
        return id;
      },
    },
    windows: {
      onRemoved: event(),
      async create(options) {
        const id = nextWindowId++;
        windows.set(id, { id, ...options });
        // As in Thunderbird, the page runs once create() has answered.
        setTimeout(() => windowWaiters.splice(0).forEach((w) => w(windows.get(id))), 0);
        return { id, type: options.type };
      },
      async remove(id) {
        if (!windows.delete(id)) {
          throw new Error(`no window ${id}`);
        }
        browser.windows.onRemoved.listeners.forEach((f) => f(id));
      },
    },
    compose: {
      onBeforeSend: event(),
      async getComposeDetails(tabId) {
        if (!(tabId in compose)) {
          throw new Error(`no compose tab ${tabId}`);
        }
        return structuredClone(compose[tabId]);
      },
    },
    composeAction: {
      async setBadgeText({ tabId, text }) {
        (badges[tabId] ??= {}).text = text;
      },
      async setBadgeBackgroundColor({ tabId, color }) {
        (badges[tabId] ??= {}).color = color;
      },
      async setTitle({ tabId, title }) {
        (badges[tabId] ??= {}).title = title;
      },
    },
    runtime: {
      onMessage: event(),
      /** As Firefox: the first listener answering something other than undefined replies. */
      async sendMessage(message) {
        for (const listener of browser.runtime.onMessage.listeners) {
          const reply = listener(structuredClone(message), { id: "stub" });
          if (reply !== undefined) {
            return reply;
          }
        }
        throw new Error("Could not establish connection. Receiving end does not exist.");
      },
    },
  };

  return {
    browser,
    windows,
    notifications,
    badges,
    /** Resolves with the next window the add-on opens (or the one already open). */
    nextWindow() {
      const existing = [...windows.values()].at(-1);
      return existing
        ? Promise.resolve(existing)
        : new Promise((resolve) => windowWaiters.push(resolve));
    },
    /** The user closes a window with its close button. */
    closeWindow: (id) => browser.windows.remove(id),
    /** The compose.onBeforeSend listener Thunderbird would call. */
    beforeSend: (tabId) =>
      browser.compose.onBeforeSend.listeners[0]({ id: tabId }, structuredClone(compose[tabId])),
  };
}

/** The prompt id in a prompt window's URL. */
export function promptIdOf(window) {
  return new URL(window.url, "moz-extension://stub/").searchParams.get("prompt");
}
