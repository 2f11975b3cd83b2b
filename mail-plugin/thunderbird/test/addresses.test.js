import assert from "node:assert/strict";
import { test } from "node:test";
import { addressOf, recipientsOf } from "../lib/addresses.js";

test("addressOf_nameAndAngleAddress_answersTheAddressLowerCased", () => {
  assert.equal(addressOf('"Smith, Alice" <Alice@Example.TEST>'), "alice@example.test");
});

test("addressOf_bareAddress_answersIt", () => {
  assert.equal(addressOf("  bob@example.test "), "bob@example.test");
});

test("addressOf_mailingListOrGarbage_answersNull", () => {
  for (const text of ["Team <Team>", "", "no at sign", "@example.test", "a@", "a b@c", null, {}]) {
    assert.equal(addressOf(text), null, JSON.stringify(text));
  }
});

test("recipientsOf_toCcBcc_answersEachAddressOnceAndKeepsUnresolved", () => {
  const details = {
    to: ["Bob <bob@example.test>", "Team <Team>"],
    cc: "carol@example.test",
    bcc: ["BOB@example.test", { id: "c1", type: "contact" }],
  };
  assert.deepEqual(recipientsOf(details), {
    addresses: ["bob@example.test", "carol@example.test"],
    unresolved: ["Team <Team>", '{"id":"c1","type":"contact"}'],
  });
});
