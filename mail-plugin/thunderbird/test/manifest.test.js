import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const pages = ["background.html", "options/options.html", "prompt/prompt.html", "popup/indicator.html"];

test("manifest_version_isTheMavenVersionWithoutSnapshot", () => {
  const pom = readFileSync(join(root, "..", "..", "pom.xml"), "utf8");
  const version = pom.match(/<artifactId>kdcmail-parent<\/artifactId>\s*<version>([^<]+)<\/version>/)[1];
  assert.equal(manifest.version, version.replace(/-SNAPSHOT$/, ""));
});

test("manifest_everyFileItNames_exists", () => {
  const named = [
    manifest.background.page,
    manifest.options_ui.page,
    manifest.compose_action.default_popup,
    manifest.compose_action.default_icon,
    ...Object.values(manifest.icons),
  ];
  for (const file of named) {
    assert.ok(existsSync(join(root, file)), file);
  }
});

test("pages_scriptsAndStyles_areFilesNotInline", () => {
  for (const page of pages) {
    const html = readFileSync(join(root, page), "utf8");
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page}: inline script (CSP forbids it)`);
    assert.doesNotMatch(html, /\son[a-z]+="/, `${page}: inline event handler`);
    for (const [, ref] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      assert.ok(existsSync(join(root, dirname(page), ref)), `${page} -> ${ref}`);
    }
  }
});

test("manifest_hostPermissions_areLoopbackOnly", () => {
  const hosts = manifest.permissions.filter((p) => p.includes("://"));
  assert.deepEqual(hosts.sort(), ["http://127.0.0.1/*", "http://[::1]/*", "http://localhost/*"]);
});

test("promptPage_secretFields_arePasswordInputs", () => {
  const html = readFileSync(join(root, "prompt", "prompt.html"), "utf8");
  for (const id of ["mkId", "mkPassword", "loginPassword"]) {
    assert.match(html, new RegExp(`<input id="${id}"[^>]*type="password"`), id);
  }
  assert.match(html, />MKey_ID</);
  assert.match(html, />MKey_Pwd</);
  assert.match(html, />Submit</);
  assert.match(html, />Back</);
});
