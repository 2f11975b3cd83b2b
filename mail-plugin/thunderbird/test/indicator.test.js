import assert from "node:assert/strict";
import { test } from "node:test";
import { MESSAGES, startBackground } from "../lib/background-main.js";
import { describeAction } from "../lib/indicator.js";
import { stubBrowser } from "./support/stub-browser.js";
import { scriptedFetch } from "./support/scripted-gateway.js";

const ALICE = "alice@example.test";
const TOKEN = "c3".repeat(32);

async function setUp(details, routes) {
  const stub = stubBrowser({ compose: { 3: details } });
  const gateway = scriptedFetch(routes);
  const background = startBackground({ browser: stub.browser, fetch: gateway.fetch });
  await background.settings.savePairing(ALICE, TOKEN);
  const report = () => stub.browser.runtime.sendMessage({ type: MESSAGES.recipients, tabId: 3 });
  return { stub, gateway, report };
}

test("report_toCcBcc_asksTheGatewayForEveryAddressAndBadgesTheOthers", async () => {
  const { stub, gateway, report } = await setUp(
    {
      from: `Alice <${ALICE}>`,
      to: ["Bob <bob@example.test>"],
      cc: ["dave@example.test"],
      bcc: ["carol@example.test", "Team <Team>"],
    },
    {
      "POST /prompt/recipients": ({ body }) => ({
        body: {
          policy: "reject",
          recipients: body.recipients.map((address) => ({
            address,
            enrolled: address !== "dave@example.test",
            action: address === "dave@example.test" ? "reject" : "encrypt",
          })),
        },
      }),
    },
  );
  const answer = await report();
  assert.deepEqual(gateway.requests[0].body, {
    sender: ALICE,
    recipients: ["bob@example.test", "dave@example.test", "carol@example.test"],
  });
  assert.equal(gateway.requests[0].headers.Authorization, `Bearer ${TOKEN}`);
  assert.equal(answer.state, "ok");
  assert.equal(answer.policy, "reject");
  assert.deepEqual(answer.unresolved, ["Team <Team>"]);
  assert.equal(stub.badges[3].text, "1");
  assert.match(stub.badges[3].title, /1 recipient\(s\) will not get encrypted mail \(policy reject\)/);
});

test("report_everyRecipientEncrypted_badgesACheckMark", async () => {
  const { stub, report } = await setUp(
    { from: ALICE, to: ["bob@example.test"] },
    {
      "POST /prompt/recipients": () => ({
        body: {
          policy: "reject",
          recipients: [{ address: "bob@example.test", enrolled: true, action: "encrypt" }],
        },
      }),
    },
  );
  assert.equal((await report()).state, "ok");
  assert.equal(stub.badges[3].text, "✓");
});

test("report_senderLocked_passesTheGatewaysNoteOn", async () => {
  const { report } = await setUp(
    { from: ALICE, to: ["bob@example.test"] },
    {
      "POST /prompt/recipients": () => ({
        body: {
          policy: "hold",
          recipients: [{ address: "bob@example.test", enrolled: null, action: "unknown" }],
          note: "alice@example.test is locked",
        },
      }),
    },
  );
  const answer = await report();
  assert.equal(answer.note, "alice@example.test is locked");
  assert.equal(describeAction(answer.recipients[0], answer.policy), "unknown (policy hold)");
});

test("report_unpairedSender_saysHowToPairWithoutAskingTheGateway", async () => {
  const { gateway, report, stub } = await setUp({ from: "eve@example.test", to: ["bob@example.test"] }, {});
  const answer = await report();
  assert.equal(answer.state, "unpaired");
  assert.match(answer.message, /kdcmail client-setup --pair --user eve@example.test/);
  assert.equal(gateway.requests.length, 0);
  assert.equal(stub.badges[3].text, "?");
});

test("report_noRecipients_doesNotAskTheGateway", async () => {
  const { gateway, report } = await setUp({ from: ALICE, to: [] }, {});
  assert.equal((await report()).state, "no-recipients");
  assert.equal(gateway.requests.length, 0);
});

test("report_gatewayRefuses_reportsItsError", async () => {
  const { report } = await setUp(
    { from: ALICE, to: ["bob@example.test"] },
    { "POST /prompt/recipients": () => ({ status: 403, body: { error: "token is for another user" } }) },
  );
  const answer = await report();
  assert.equal(answer.state, "error");
  assert.match(answer.message, /token is for another user/);
});
