/**
 * The add-on's background logic, with a stubbed browser, against a real kdcmail gateway on
 * loopback. ThunderbirdExtensionIT starts the gateway (with GreenMail and a KDC), makes pairing
 * codes for two users and runs these with the environment below; without it they are skipped.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MESSAGES, startBackground } from "../lib/background-main.js";
import { createGatewayClient } from "../lib/gateway-client.js";
import { openSmtp } from "./support/smtp-dialog.js";
import { promptIdOf, stubBrowser } from "./support/stub-browser.js";

const env = process.env;
const NEEDED = [
  "KDCMAIL_GATEWAY_URL",
  "KDCMAIL_PAIRING_CODE",
  "KDCMAIL_TEST_USER",
  "KDCMAIL_TEST_LOGIN_PASSWORD",
  "KDCMAIL_TEST_MK_ID",
  "KDCMAIL_TEST_MK_PASSWORD",
  "KDCMAIL_TEST_ENROLLED",
  "KDCMAIL_TEST_UNENROLLED",
];
const missing = NEEDED.filter((name) => !env[name]);
const skip = missing.length > 0 && `needs a real gateway (ThunderbirdExtensionIT sets ${missing.join(", ")})`;

const TAB = 1;

/** Submits an entry from the prompt window, waiting out the store's throttle (429) if it answers. */
async function submit(stub, window, entry) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const answer = await stub.browser.runtime.sendMessage({
      type: MESSAGES.submit,
      prompt: promptIdOf(window),
      ...entry,
    });
    const wait = /too many attempts; wait (\d+) s/.exec(answer.message ?? "");
    if (!wait) {
      return answer;
    }
    await sleep(Number(wait[1]) * 1000 + 200);
  }
  throw new Error("still throttled after 8 attempts");
}

test("the add-on against a real gateway", { skip }, async (t) => {
  const user = env.KDCMAIL_TEST_USER;
  const enrolled = env.KDCMAIL_TEST_ENROLLED;
  const unenrolled = env.KDCMAIL_TEST_UNENROLLED;
  const stub = stubBrowser({
    compose: { [TAB]: { from: `Test User <${user}>`, to: [enrolled], cc: [unenrolled] } },
  });
  const background = startBackground({ browser: stub.browser, fetch: globalThis.fetch });
  t.after(() => background.stop());
  const send = (type, extra = {}) => stub.browser.runtime.sendMessage({ type, ...extra });
  assert.equal((await send(MESSAGES.setGateway, { gatewayUrl: env.KDCMAIL_GATEWAY_URL })).ok, true);

  await t.test("pair_codeFromClientSetup_storesATokenForTheUser", async () => {
    const answer = await send(MESSAGES.pair, { code: env.KDCMAIL_PAIRING_CODE });
    assert.deepEqual(answer, { ok: true, user });
    assert.match(await background.settings.tokenFor(user), /^[0-9a-f]{64}$/);
  });

  await t.test("pair_sameCodeAgain_refused", async () => {
    const answer = await send(MESSAGES.pair, { code: env.KDCMAIL_PAIRING_CODE });
    assert.equal(answer.ok, false);
    assert.match(answer.message, /refused the code/);
  });

  await t.test("state_anotherUsersName_refusedWith403", async () => {
    const client = createGatewayClient({ baseUrl: env.KDCMAIL_GATEWAY_URL, fetch: globalThis.fetch });
    const answer = await client.state(await background.settings.tokenFor(user), enrolled);
    assert.equal(answer.status, 403);
  });

  await t.test("indicator_senderLocked_answersEveryRecipient", async () => {
    const report = await send(MESSAGES.recipients, { tabId: TAB });
    assert.equal(report.state, "ok", report.message);
    assert.deepEqual(report.recipients.map((r) => r.address).sort(), [enrolled, unenrolled].sort());
    if (report.recipients.some((r) => r.enrolled === null)) {
      assert.equal(typeof report.note, "string", "a recipient the gateway cannot judge comes with a note");
    }
  });

  let window;
  let sending;
  await t.test("beforeSend_locked_opensThePromptAskingForTheLoginPasswordToo", async () => {
    sending = stub.beforeSend(TAB);
    window = await stub.nextWindow();
    const opened = await send(MESSAGES.open, { prompt: promptIdOf(window) });
    assert.equal(opened.state, "ready");
    assert.equal(opened.user, user);
    assert.equal(opened.needLoginPassword, true, "no AUTH happened, so the gateway knows no login password");
  });

  await t.test("submit_wrongMasterKeyPassword_showsTheErrorAndStaysOpen", async () => {
    const answer = await submit(stub, window, {
      mkId: env.KDCMAIL_TEST_MK_ID,
      mkPassword: `${env.KDCMAIL_TEST_MK_PASSWORD}-wrong`,
      loginPassword: env.KDCMAIL_TEST_LOGIN_PASSWORD,
    });
    assert.deepEqual(answer, {
      state: "error",
      message: "master key ID or password is wrong",
      needLoginPassword: true,
    });
    assert.ok(stub.windows.has(window.id));
  });

  await t.test("submit_withoutLoginPassword_saysItIsNeeded", async () => {
    const answer = await submit(stub, window, {
      mkId: env.KDCMAIL_TEST_MK_ID,
      mkPassword: env.KDCMAIL_TEST_MK_PASSWORD,
    });
    assert.deepEqual(answer, { state: "error", message: "login password needed", needLoginPassword: true });
  });

  await t.test("submit_wrongLoginPassword_saysSo", async () => {
    const answer = await submit(stub, window, {
      mkId: env.KDCMAIL_TEST_MK_ID,
      mkPassword: env.KDCMAIL_TEST_MK_PASSWORD,
      loginPassword: `${env.KDCMAIL_TEST_LOGIN_PASSWORD}-wrong`,
    });
    assert.deepEqual(answer, { state: "error", message: "login password is wrong", needLoginPassword: true });
  });

  await t.test("submit_rightEntry_unlocksClosesThePromptAndTheSendGoesOn", async () => {
    const answer = await submit(stub, window, {
      mkId: env.KDCMAIL_TEST_MK_ID,
      mkPassword: env.KDCMAIL_TEST_MK_PASSWORD,
      loginPassword: env.KDCMAIL_TEST_LOGIN_PASSWORD,
    });
    assert.equal(answer.state, "unlocked");
    assert.deepEqual(await sending, {});
    assert.equal(stub.windows.size, 0);
  });

  await t.test("beforeSend_unlocked_goesOnWithoutAPrompt", async () => {
    assert.deepEqual(await stub.beforeSend(TAB), {});
    assert.equal(stub.windows.size, 0);
  });

  await t.test("indicator_senderUnlocked_saysWhoIsEnrolledAndWhatThePolicyDoes", async () => {
    const report = await send(MESSAGES.recipients, { tabId: TAB });
    assert.equal(report.state, "ok", report.message);
    const byAddress = Object.fromEntries(report.recipients.map((r) => [r.address, r]));
    assert.deepEqual(byAddress[enrolled], { address: enrolled, enrolled: true, action: "encrypt" });
    assert.deepEqual(byAddress[unenrolled], { address: unenrolled, enrolled: false, action: report.policy });
    assert.equal(stub.badges[TAB].text, "1");
  });
});

const ON_DEMAND = [
  "KDCMAIL_GATEWAY_URL",
  "KDCMAIL_GATEWAY_SMTP_PORT",
  "KDCMAIL_SECOND_PAIRING_CODE",
  "KDCMAIL_SECOND_USER",
  "KDCMAIL_SECOND_MK_ID",
  "KDCMAIL_SECOND_MK_PASSWORD",
  "KDCMAIL_SECOND_LOGIN_PASSWORD",
  "KDCMAIL_TEST_ENROLLED",
];
const missingOnDemand = ON_DEMAND.filter((name) => !env[name]);
const skipOnDemand =
  missingOnDemand.length > 0 &&
  `needs a real gateway (ThunderbirdExtensionIT sets ${missingOnDemand.join(", ")})`;

test("smtpSend_userLockedAndAddOnPaired_gatewayAsksTheAddOnAndHoldsTheClientUntilUnlocked", { skip: skipOnDemand }, async () => {
  const user = env.KDCMAIL_SECOND_USER;
  const stub = stubBrowser();
  const background = startBackground({ browser: stub.browser, fetch: globalThis.fetch });
  const send = (type, extra = {}) => stub.browser.runtime.sendMessage({ type, ...extra });
  let smtp;
  try {
    await send(MESSAGES.setGateway, { gatewayUrl: env.KDCMAIL_GATEWAY_URL });
    assert.deepEqual(await send(MESSAGES.pair, { code: env.KDCMAIL_SECOND_PAIRING_CODE }), { ok: true, user });
    assert.deepEqual(background.listener.listening(), [user]);
    await sleep(500); // the long poll reaches the gateway: the add-on counts as a registered prompt

    smtp = await openSmtp("127.0.0.1", Number(env.KDCMAIL_GATEWAY_SMTP_PORT));
    assert.equal((await smtp.reply()).code, 220);
    assert.equal((await smtp.command("EHLO thunderbird.test")).code, 250);
    const plain = Buffer.from(`\0${user}\0${env.KDCMAIL_SECOND_LOGIN_PASSWORD}`).toString("base64");
    assert.equal((await smtp.command(`AUTH PLAIN ${plain}`)).code, 235);
    assert.equal((await smtp.command(`MAIL FROM:<${user}>`)).code, 250);
    assert.equal((await smtp.command(`RCPT TO:<${env.KDCMAIL_TEST_ENROLLED}>`)).code, 250);
    assert.equal((await smtp.command("DATA")).code, 354);
    const accepted = smtp.data([
      `From: ${user}`,
      `To: ${env.KDCMAIL_TEST_ENROLLED}`,
      "Subject: sent while locked",
      "",
      "The gateway waits for the add-on's prompt.",
    ]);

    const window = await stub.nextWindow();
    const opened = await send(MESSAGES.open, { prompt: promptIdOf(window) });
    assert.deepEqual(opened, { state: "ready", user, reason: "smtp", needLoginPassword: false });
    const unlocked = await send(MESSAGES.submit, {
      prompt: promptIdOf(window),
      mkId: env.KDCMAIL_SECOND_MK_ID,
      mkPassword: env.KDCMAIL_SECOND_MK_PASSWORD,
    });
    assert.equal(unlocked.state, "unlocked", unlocked.message);

    const reply = await accepted;
    assert.equal(reply.code, 250, reply.text);
    assert.equal(stub.windows.size, 0);
  } finally {
    smtp?.close();
    background.stop();
  }
});
