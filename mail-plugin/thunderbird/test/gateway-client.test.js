import assert from "node:assert/strict";
import { test } from "node:test";
import {
  GatewayUnreachableError,
  checkGatewayUrl,
  createGatewayClient,
  unlockOutcome,
} from "../lib/gateway-client.js";
import { refusedFetch, scriptedFetch } from "./support/scripted-gateway.js";

test("checkGatewayUrl_loopbackHttp_answersTheOrigin", () => {
  assert.equal(checkGatewayUrl("http://127.0.0.1:2180/"), "http://127.0.0.1:2180");
  assert.equal(checkGatewayUrl(" http://localhost:9000 "), "http://localhost:9000");
  assert.equal(checkGatewayUrl("http://[::1]:2180"), "http://[::1]:2180");
});

test("checkGatewayUrl_otherHostSchemeOrPath_refusesSayingWhy", () => {
  assert.throws(() => checkGatewayUrl("http://gateway.example.test:2180"), /this machine/);
  assert.throws(() => checkGatewayUrl("https://127.0.0.1:2180"), /http:\/\//);
  assert.throws(() => checkGatewayUrl("http://127.0.0.1:2180/unlock"), /without a path/);
  assert.throws(() => checkGatewayUrl("127.0.0.1:2180"), /http:\/\//);
  assert.throws(() => checkGatewayUrl("not a url"), /not a URL/);
});

test("state_withToken_sendsBearerAndEncodedUser", async () => {
  const gateway = scriptedFetch({
    "GET /prompt/state": () => ({ body: { user: "a+b@example.test", unlocked: false } }),
  });
  const client = createGatewayClient({ baseUrl: "http://127.0.0.1:2180", fetch: gateway.fetch });
  const answer = await client.state("ab".repeat(32), "a+b@example.test");
  assert.equal(answer.status, 200);
  const [request] = gateway.requests;
  assert.equal(request.headers.Authorization, `Bearer ${"ab".repeat(32)}`);
  assert.equal(request.url.searchParams.get("user"), "a+b@example.test");
});

test("unlock_postsTheEntryAsJson", async () => {
  const gateway = scriptedFetch({ "POST /prompt/unlock": () => ({ body: { unlocked: true } }) });
  const client = createGatewayClient({ baseUrl: "http://127.0.0.1:2180", fetch: gateway.fetch });
  const entry = { user: "alice@example.test", mkId: "id", mkPassword: "pw" };
  await client.unlock("t", entry);
  assert.deepEqual(gateway.requests[0].body, entry);
  assert.equal(gateway.requests[0].headers["Content-Type"], "application/json");
});

test("call_nothingListening_throwsUnreachableNamingTheUrl", async () => {
  const client = createGatewayClient({ baseUrl: "http://127.0.0.1:2180", fetch: refusedFetch });
  await assert.rejects(client.pair("12345678"), (e) => {
    assert.ok(e instanceof GatewayUnreachableError);
    assert.match(e.message, /http:\/\/127\.0\.0\.1:2180 does not answer/);
    return true;
  });
});

test("call_bodyNotJson_throwsUnreachable", async () => {
  const gateway = scriptedFetch({ "POST /pair": () => ({ status: 200, body: "<html>" }) });
  const client = createGatewayClient({ baseUrl: "http://127.0.0.1:2180", fetch: gateway.fetch });
  await assert.rejects(client.pair("12345678"), /not JSON/);
});

test("unlockOutcome_eachContractStatus_mapsToItsKind", () => {
  const cases = [
    [200, { unlocked: true, expiresAt: "2026-01-01T00:00:00Z" }, "unlocked"],
    [403, { error: "master key ID or password is wrong" }, "wrong-entry"],
    [409, { error: "login password needed" }, "login-password-needed"],
    [401, { error: "login password is wrong" }, "login-password-wrong"],
    [429, { error: "too many attempts; wait 4 s" }, "throttled"],
    [500, {}, "failed"],
  ];
  for (const [status, body, kind] of cases) {
    const outcome = unlockOutcome({ status, body });
    assert.equal(outcome.kind, kind, String(status));
    if (body.error) {
      assert.equal(outcome.message, body.error);
    }
  }
  assert.equal(unlockOutcome({ status: 500, body: {} }).message, "the gateway answered 500");
});
