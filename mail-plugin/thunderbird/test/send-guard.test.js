import assert from "node:assert/strict";
import { test } from "node:test";
import { MESSAGES, startBackground } from "../lib/background-main.js";
import { promptIdOf, stubBrowser } from "./support/stub-browser.js";
import { refusedFetch, scriptedFetch } from "./support/scripted-gateway.js";

const ALICE = "alice@example.test";
const TOKEN = "a1".repeat(32);
const TAB = 7;

async function setUp(routes, { pair = true, fetch } = {}) {
  const stub = stubBrowser({
    compose: { [TAB]: { from: `Alice <${ALICE}>`, to: ["bob@example.test"] } },
  });
  const gateway = scriptedFetch(routes);
  const background = startBackground({ browser: stub.browser, fetch: fetch ?? gateway.fetch });
  if (pair) {
    await background.settings.savePairing(ALICE, TOKEN);
  }
  return { stub, gateway, background };
}

/** The prompt window acting as the user: sends one of its runtime messages. */
function fromPrompt(stub, window, type, extra = {}) {
  return stub.browser.runtime.sendMessage({ type, prompt: promptIdOf(window), ...extra });
}

const locked = (loginPasswordKnown = true) => ({
  body: { user: ALICE, unlocked: false, expiresAt: null, loginPasswordKnown },
});

test("beforeSend_unpaired_notifiesHowToPairOnceAndLetsTheSendGoOn", async () => {
  const { stub, gateway } = await setUp({}, { pair: false });
  assert.deepEqual(await stub.beforeSend(TAB), {});
  assert.deepEqual(await stub.beforeSend(TAB), {});
  assert.equal(stub.notifications.length, 1);
  assert.match(stub.notifications[0].message, /kdcmail client-setup --pair --user alice@example.test/);
  assert.equal(gateway.requests.length, 0);
  assert.equal(stub.windows.size, 0);
});

test("beforeSend_unlocked_letsTheSendGoOnWithoutAPrompt", async () => {
  const { stub, gateway } = await setUp({
    "GET /prompt/state": () => ({ body: { user: ALICE, unlocked: true, loginPasswordKnown: true } }),
  });
  assert.deepEqual(await stub.beforeSend(TAB), {});
  assert.equal(stub.windows.size, 0);
  assert.equal(gateway.requests[0].headers.Authorization, `Bearer ${TOKEN}`);
  assert.equal(gateway.requests[0].url.searchParams.get("user"), ALICE);
});

test("beforeSend_lockedThenWrongThenRightEntry_showsTheErrorKeepsThePromptThenSends", async () => {
  const entries = [];
  const { stub } = await setUp({
    "GET /prompt/state": () => locked(),
    "POST /prompt/unlock": ({ body, headers }) => {
      entries.push({ body, authorization: headers.Authorization });
      return body.mkPassword === "right"
        ? { body: { unlocked: true, expiresAt: "2026-11-22T10:00:00Z" } }
        : { status: 403, body: { error: "master key ID or password is wrong" } };
    },
  });
  const send = stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  assert.equal(window.type, "popup");
  assert.match(window.url, /^prompt\/prompt\.html\?prompt=/);

  const opened = await fromPrompt(stub, window, MESSAGES.open);
  assert.deepEqual(opened, { state: "ready", user: ALICE, reason: "send", needLoginPassword: false });

  const wrong = await fromPrompt(stub, window, MESSAGES.submit, { mkId: "alice-id", mkPassword: "nope" });
  assert.deepEqual(wrong, {
    state: "error",
    message: "master key ID or password is wrong",
    needLoginPassword: false,
  });
  assert.ok(stub.windows.has(window.id), "the prompt stays open after a wrong entry");

  const right = await fromPrompt(stub, window, MESSAGES.submit, { mkId: "alice-id", mkPassword: "right" });
  assert.equal(right.state, "unlocked");
  assert.deepEqual(await send, {});
  assert.equal(stub.windows.size, 0, "the prompt closes once unlocked");
  assert.deepEqual(entries[1], {
    body: { user: ALICE, mkId: "alice-id", mkPassword: "right" },
    authorization: `Bearer ${TOKEN}`,
  });
});

test("beforeSend_back_cancelsTheSendAndClosesThePrompt", async () => {
  const { stub } = await setUp({ "GET /prompt/state": () => locked() });
  const send = stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  assert.deepEqual(await fromPrompt(stub, window, MESSAGES.back), { state: "cancelled" });
  assert.deepEqual(await send, { cancel: true });
  assert.equal(stub.windows.size, 0);
});

test("beforeSend_promptWindowClosedByTheUser_cancelsTheSend", async () => {
  const { stub, background } = await setUp({ "GET /prompt/state": () => locked() });
  const send = stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  await stub.closeWindow(window.id);
  assert.deepEqual(await send, { cancel: true });
  assert.equal(background.prompts.openPrompts(), 0);
  assert.deepEqual(await fromPrompt(stub, window, MESSAGES.open), { state: "gone" });
});

test("beforeSend_loginPasswordUnknown_asksForItFromTheStart", async () => {
  const { stub } = await setUp({ "GET /prompt/state": () => locked(false) });
  stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  assert.equal((await fromPrompt(stub, window, MESSAGES.open)).needLoginPassword, true);
  await fromPrompt(stub, window, MESSAGES.back);
});

test("submit_gatewayAnswers409_showsTheLoginPasswordFieldAndSendsItNextTime", async () => {
  const bodies = [];
  const { stub } = await setUp({
    "GET /prompt/state": () => locked(true),
    "POST /prompt/unlock": ({ body }) => {
      bodies.push(body);
      return body.loginPassword === undefined
        ? { status: 409, body: { error: "login password needed" } }
        : { body: { unlocked: true, expiresAt: null } };
    },
  });
  const send = stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  const first = await fromPrompt(stub, window, MESSAGES.submit, { mkId: "i", mkPassword: "p", loginPassword: "" });
  assert.deepEqual(first, { state: "error", message: "login password needed", needLoginPassword: true });
  const second = await fromPrompt(stub, window, MESSAGES.submit, { mkId: "i", mkPassword: "p", loginPassword: "alice" });
  assert.equal(second.state, "unlocked");
  assert.deepEqual(await send, {});
  assert.equal(bodies[1].loginPassword, "alice");
});

test("submit_throttledOrLoginPasswordWrong_showsTheGatewaysMessageAndStaysOpen", async () => {
  const answers = [
    { status: 429, body: { error: "too many attempts; wait 4 s" } },
    { status: 401, body: { error: "login password is wrong" } },
  ];
  const { stub } = await setUp({
    "GET /prompt/state": () => locked(),
    "POST /prompt/unlock": () => answers.shift(),
  });
  stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  const entry = { mkId: "i", mkPassword: "p" };
  const throttled = await fromPrompt(stub, window, MESSAGES.submit, entry);
  assert.deepEqual(throttled, { state: "error", message: "too many attempts; wait 4 s", needLoginPassword: false });
  const wrongLogin = await fromPrompt(stub, window, MESSAGES.submit, entry);
  assert.deepEqual(wrongLogin, { state: "error", message: "login password is wrong", needLoginPassword: true });
  assert.ok(stub.windows.has(window.id));
  await fromPrompt(stub, window, MESSAGES.back);
});

test("submit_emptyFields_answersWithoutAskingTheGateway", async () => {
  const { stub, gateway } = await setUp({ "GET /prompt/state": () => locked() });
  stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  const answer = await fromPrompt(stub, window, MESSAGES.submit, { mkId: "", mkPassword: "" });
  assert.equal(answer.state, "error");
  assert.equal(gateway.requests.filter((r) => r.key === "POST /prompt/unlock").length, 0);
  await fromPrompt(stub, window, MESSAGES.back);
});

test("beforeSend_twoSendsWhileLocked_shareOnePrompt", async () => {
  const { stub } = await setUp({ "GET /prompt/state": () => locked() });
  const first = stub.beforeSend(TAB);
  const window = await stub.nextWindow();
  const second = stub.beforeSend(TAB);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(stub.windows.size, 1);
  await fromPrompt(stub, window, MESSAGES.back);
  assert.deepEqual(await first, { cancel: true });
  assert.deepEqual(await second, { cancel: true });
});

test("beforeSend_gatewayUnreachable_notifiesAndLetsTheSendGoOn", async () => {
  const { stub } = await setUp({}, { fetch: refusedFetch });
  assert.deepEqual(await stub.beforeSend(TAB), {});
  assert.match(stub.notifications[0].message, /http:\/\/127\.0\.0\.1:2180 does not answer/);
});

test("beforeSend_pairingRevoked_notifiesToPairAgain", async () => {
  const { stub } = await setUp({
    "GET /prompt/state": () => ({ status: 401, body: { error: "unknown token" } }),
  });
  assert.deepEqual(await stub.beforeSend(TAB), {});
  assert.match(stub.notifications[0].message, /no longer accepts .*unknown token.*Pair again/s);
});
