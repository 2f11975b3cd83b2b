/**
 * Mail addresses as Thunderbird's compose details give them ("Alice <alice@example.test>" or a
 * bare address) reduced to the address the gateway knows.
 */

/**
 * The address in one recipient or sender string, lower-cased; null when there is none (e.g. a
 * mailing list's name, "Team <Team>").
 * @param {string} text
 * @returns {string|null}
 */
export function addressOf(text) {
  if (typeof text !== "string") {
    return null;
  }
  const open = text.lastIndexOf("<");
  const close = text.lastIndexOf(">");
  const candidate = (open >= 0 && close > open ? text.slice(open + 1, close) : text).trim();
  const at = candidate.lastIndexOf("@");
  if (at <= 0 || at === candidate.length - 1 || /[\s<>,;"]/.test(candidate)) {
    return null;
  }
  return candidate.toLowerCase();
}

/**
 * Every address among the To, Cc and Bcc of compose details, each once, in order; recipients
 * without an address (mailing lists, contact references) are counted in {@code unresolved}.
 * @param {{to?: Array, cc?: Array, bcc?: Array}} details
 * @returns {{addresses: string[], unresolved: string[]}}
 */
export function recipientsOf(details) {
  const addresses = [];
  const unresolved = [];
  for (const field of ["to", "cc", "bcc"]) {
    for (const recipient of asList(details?.[field])) {
      const address = addressOf(recipient);
      if (address === null) {
        unresolved.push(typeof recipient === "string" ? recipient : JSON.stringify(recipient));
      } else if (!addresses.includes(address)) {
        addresses.push(address);
      }
    }
  }
  return { addresses, unresolved };
}

function asList(value) {
  if (value === undefined || value === null || value === "") {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
