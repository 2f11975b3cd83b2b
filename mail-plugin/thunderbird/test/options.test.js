import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { MESSAGES, startBackground } from "../lib/background-main.js";
import { stubBrowser } from "./support/stub-browser.js";
import { held, scriptedFetch } from "./support/scripted-gateway.js";

const TOKEN = "0f".repeat(32);

const started = [];
afterEach(() => started.splice(0).forEach((background) => background.stop()));

function setUp(routes) {
  const stub = stubBrowser();
  const gateway = scriptedFetch({ "GET /prompt/next": held, ...routes });
  started.push(startBackground({ browser: stub.browser, fetch: gateway.fetch }));
  const send = (type, extra = {}) => stub.browser.runtime.sendMessage({ type, ...extra });
  return { stub, gateway, send };
}

test("pair_rightCode_storesTheTokenForTheGatewaysUser", async () => {
  const { stub, gateway, send } = setUp({
    "POST /pair": ({ body }) =>
      body.code === "12345678"
        ? { body: { token: TOKEN, user: "Alice@example.test" } }
        : { status: 403, body: { error: "wrong" } },
  });
  assert.deepEqual(await send(MESSAGES.pair, { code: "1234 5678" }), { ok: true, user: "alice@example.test" });
  assert.equal(gateway.requests[0].url.origin, "http://127.0.0.1:2180");
  assert.equal(stub.browser.storage.local.data.get("pairings")["alice@example.test"].token, TOKEN);
  const options = await send(MESSAGES.options);
  assert.equal(options.paired[0].user, "alice@example.test");
  assert.ok(!JSON.stringify(options).includes(TOKEN), "the options page never sees tokens");
});

test("pair_wrongCode_reportsTheGatewaysRefusalAndStoresNothing", async () => {
  const { stub, send } = setUp({
    "POST /pair": () => ({ status: 403, body: { error: "the pairing code is wrong, expired or used" } }),
  });
  const answer = await send(MESSAGES.pair, { code: "87654321" });
  assert.equal(answer.ok, false);
  assert.match(answer.message, /wrong, expired or used/);
  assert.equal(stub.browser.storage.local.data.has("pairings"), false);
});

test("pair_notEightDigits_refusesWithoutAskingTheGateway", async () => {
  const { gateway, send } = setUp({});
  for (const code of ["1234567", "123456789", "abcdefgh", ""]) {
    assert.equal((await send(MESSAGES.pair, { code })).ok, false, code);
  }
  assert.equal(gateway.requests.length, 0);
});

test("pair_gatewayAnswersABadToken_storesNothing", async () => {
  const { stub, send } = setUp({ "POST /pair": () => ({ body: { token: "short", user: "a@b.test" } }) });
  const answer = await send(MESSAGES.pair, { code: "12345678" });
  assert.equal(answer.ok, false);
  assert.match(answer.message, /64 hex digits/);
  assert.equal(stub.browser.storage.local.data.has("pairings"), false);
});

test("setGateway_otherPort_isUsedForTheNextCall", async () => {
  const { gateway, send } = setUp({ "POST /pair": () => ({ status: 403, body: {} }) });
  assert.deepEqual(await send(MESSAGES.setGateway, { gatewayUrl: "http://localhost:9180/" }), {
    ok: true,
    gatewayUrl: "http://localhost:9180",
  });
  await send(MESSAGES.pair, { code: "12345678" });
  assert.equal(gateway.requests[0].url.origin, "http://localhost:9180");
});

test("setGateway_remoteHost_refusedAndTheOldUrlKept", async () => {
  const { send } = setUp({});
  const answer = await send(MESSAGES.setGateway, { gatewayUrl: "http://mail.example.test:2180" });
  assert.equal(answer.ok, false);
  assert.equal((await send(MESSAGES.options)).gatewayUrl, "http://127.0.0.1:2180");
});

test("forget_pairedUser_removesItsToken", async () => {
  const { send } = setUp({ "POST /pair": () => ({ body: { token: TOKEN, user: "bob@example.test" } }) });
  await send(MESSAGES.pair, { code: "12345678" });
  assert.deepEqual(await send(MESSAGES.forget, { user: "bob@example.test" }), { ok: true });
  assert.deepEqual((await send(MESSAGES.options)).paired, []);
});
