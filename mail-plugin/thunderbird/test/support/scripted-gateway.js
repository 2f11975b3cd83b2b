/**
 * A fetch function answering from a script of routes ("POST /prompt/unlock" -> handler), and
 * recording each request. For the add-on's decisions on answers a real gateway gives only in
 * states a unit test cannot reach cheaply (429, 5xx, garbage); gateway.test.js runs the same code
 * against the real gateway.
 */
export function scriptedFetch(routes) {
  const requests = [];
  async function fetch(url, init = {}) {
    const u = new URL(url);
    const key = `${init.method ?? "GET"} ${u.pathname}`;
    const request = {
      key,
      url: u,
      headers: init.headers ?? {},
      body: init.body === undefined ? undefined : JSON.parse(init.body),
    };
    requests.push(request);
    const handler = routes[key];
    if (!handler) {
      return new Response(JSON.stringify({ error: "not found" }), { status: 404 });
    }
    const { status = 200, body } = await abortable(handler(request), init.signal);
    if (status === 204) {
      return new Response(null, { status });
    }
    return new Response(typeof body === "string" ? body : JSON.stringify(body ?? {}), { status });
  }
  return { fetch, requests };
}

/** A fetch function that cannot connect, as fetch fails when nothing listens. */
export async function refusedFetch() {
  throw new TypeError("fetch failed");
}

/** A handler's answer, or an AbortError once the request's signal aborts (as fetch rejects). */
function abortable(answer, signal) {
  if (!signal) {
    return answer;
  }
  return new Promise((resolve, reject) => {
    const aborted = () => reject(new DOMException("The operation was aborted.", "AbortError"));
    if (signal.aborted) {
      aborted();
    }
    signal.addEventListener("abort", aborted, { once: true });
    Promise.resolve(answer).then(resolve, reject);
  });
}

/** A handler answer that never comes: a long poll the gateway holds until the caller stops. */
export const held = () => new Promise(() => {});
