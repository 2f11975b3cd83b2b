import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MESSAGES, startBackground } from "../lib/background-main.js";
import { promptIdOf, stubBrowser } from "./support/stub-browser.js";
import { held, scriptedFetch } from "./support/scripted-gateway.js";

const ALICE = "alice@example.test";
const TOKEN = "b2".repeat(32);
const started = [];
afterEach(() => started.splice(0).forEach((background) => background.stop()));

/** A background with alice paired; /prompt/next answers from {@code polls}, then holds. */
async function setUp(polls, state = { unlocked: false, loginPasswordKnown: true }) {
  const stub = stubBrowser();
  const gateway = scriptedFetch({
    "GET /prompt/next": () => (polls.length > 0 ? polls.shift() : held()),
    "GET /prompt/state": () => ({ body: { user: ALICE, expiresAt: null, ...state } }),
  });
  await stub.browser.storage.local.set({ pairings: { [ALICE]: { token: TOKEN } } });
  const background = startBackground({ browser: stub.browser, fetch: gateway.fetch });
  started.push(background);
  await background.listening;
  return { stub, gateway, background };
}

async function until(condition) {
  for (let i = 0; i < 200 && !condition(); i++) {
    await sleep(5);
  }
  assert.ok(condition(), "timed out waiting");
}

const polls = (gateway) => gateway.requests.filter((r) => r.key === "GET /prompt/next");

test("listener_pairedUser_longPollsWithItsToken", async () => {
  const { gateway, background } = await setUp([]);
  await until(() => polls(gateway).length === 1);
  const [poll] = polls(gateway);
  assert.equal(poll.headers.Authorization, `Bearer ${TOKEN}`);
  assert.equal(poll.url.searchParams.get("user"), ALICE);
  assert.equal(poll.url.searchParams.get("wait"), "25");
  assert.deepEqual(background.listener.listening(), [ALICE]);
});

test("listener_gatewayAsksForTheKey_opensTheMkPromptAndPollsOn", async () => {
  const { stub, gateway } = await setUp([{ body: { user: ALICE, reason: "smtp" } }]);
  const window = await stub.nextWindow();
  const opened = await stub.browser.runtime.sendMessage({
    type: MESSAGES.open,
    prompt: promptIdOf(window),
  });
  assert.deepEqual(opened, { state: "ready", user: ALICE, reason: "smtp", needLoginPassword: false });
  await until(() => polls(gateway).length === 2);
});

test("listener_askedButAlreadyUnlocked_opensNothing", async () => {
  const { stub, gateway } = await setUp([{ body: { user: ALICE, reason: "smtp" } }], {
    unlocked: true,
    loginPasswordKnown: true,
  });
  await until(() => polls(gateway).length === 2);
  assert.equal(stub.windows.size, 0);
});

test("listener_pairingRefused_stopsPolling", async () => {
  const { gateway, background } = await setUp([{ status: 401, body: { error: "unknown token" } }]);
  await until(() => background.listener.listening().length === 0);
  await sleep(20);
  assert.equal(polls(gateway).length, 1);
});

test("listener_forget_stopsPollingForThatUser", async () => {
  const { stub, background } = await setUp([]);
  await stub.browser.runtime.sendMessage({ type: MESSAGES.forget, user: ALICE });
  assert.deepEqual(background.listener.listening(), []);
});
