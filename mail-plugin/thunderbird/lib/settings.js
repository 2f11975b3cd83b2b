/**
 * The add-on's settings in browser.storage.local: the gateway URL and one pairing token per
 * sender address. Tokens are stored as the gateway handed them out; the gateway keeps only their
 * SHA-256 and `kdcmail client-setup --unpair --user U` revokes them.
 */
import { DEFAULT_GATEWAY_URL, checkGatewayUrl } from "./gateway-client.js";

const URL_KEY = "gatewayUrl";
const PAIRINGS_KEY = "pairings";
const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** @param {{get: Function, set: Function}} storage browser.storage.local */
export function createSettings(storage) {
  async function pairings() {
    const stored = (await storage.get(PAIRINGS_KEY))[PAIRINGS_KEY];
    return stored && typeof stored === "object" ? { ...stored } : {};
  }

  return {
    /** The gateway URL: the stored one, else http://127.0.0.1:2180. */
    async gatewayUrl() {
      const stored = (await storage.get(URL_KEY))[URL_KEY];
      return typeof stored === "string" && stored !== "" ? stored : DEFAULT_GATEWAY_URL;
    },

    /** Stores a gateway URL after checking it; answers the stored form. */
    async setGatewayUrl(text) {
      const url = checkGatewayUrl(text);
      await storage.set({ [URL_KEY]: url });
      return url;
    },

    /** The token paired for {@code user}, or null. */
    async tokenFor(user) {
      const entry = (await pairings())[user];
      return entry && typeof entry.token === "string" ? entry.token : null;
    },

    /** Remembers a token the gateway handed out for {@code user}. */
    async savePairing(user, token, pairedAt = new Date().toISOString()) {
      if (typeof user !== "string" || !user.includes("@")) {
        throw new Error(`the gateway paired "${user}", which is not a mail address`);
      }
      if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) {
        throw new Error("the gateway's pairing token is not 64 hex digits");
      }
      const all = await pairings();
      all[user.toLowerCase()] = { token, pairedAt };
      await storage.set({ [PAIRINGS_KEY]: all });
    },

    /** Forgets {@code user}'s token here (the gateway still knows it until --unpair). */
    async forget(user) {
      const all = await pairings();
      const had = user in all;
      delete all[user];
      await storage.set({ [PAIRINGS_KEY]: all });
      return had;
    },

    /** The paired users and when, for the options page (never the tokens). */
    async pairedUsers() {
      return Object.entries(await pairings())
        .map(([user, entry]) => ({ user, pairedAt: entry.pairedAt ?? null }))
        .sort((a, b) => a.user.localeCompare(b.user));
    },
  };
}
