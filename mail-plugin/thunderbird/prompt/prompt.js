/* The MK prompt window: shows the fields, hands each entry to the background, shows its answer. */
import { PROMPT_MESSAGES as MESSAGES } from "../lib/mk-prompt.js";

const promptId = new URLSearchParams(window.location.search).get("prompt");
const $ = (id) => document.getElementById(id);

function send(type, extra = {}) {
  return browser.runtime.sendMessage({ type, prompt: promptId, ...extra });
}

function showError(text, needLoginPassword) {
  $("error").textContent = text;
  $("error").hidden = false;
  $("loginRow").hidden = !needLoginPassword;
  $("mkId").value = "";
  $("mkPassword").value = "";
  $("mkId").focus();
}

function setBusy(busy) {
  for (const id of ["mkId", "mkPassword", "loginPassword", "submit", "back"]) {
    $(id).disabled = busy;
  }
}

async function submit(event) {
  event.preventDefault();
  const entry = {
    mkId: $("mkId").value,
    mkPassword: $("mkPassword").value,
    loginPassword: $("loginRow").hidden ? "" : $("loginPassword").value,
  };
  $("mkPassword").value = "";
  $("loginPassword").value = "";
  setBusy(true);
  let answer;
  try {
    answer = await send(MESSAGES.submit, entry);
  } catch (e) {
    answer = { state: "error", message: e.message };
  } finally {
    entry.mkId = entry.mkPassword = entry.loginPassword = "";
    setBusy(false);
  }
  if (answer.state === "unlocked" || answer.state === "gone" || answer.state === "cancelled") {
    window.close();
  } else if (answer.state === "error") {
    showError(answer.message, answer.needLoginPassword === true);
  }
}

async function start() {
  const answer = await send(MESSAGES.open);
  if (answer.state !== "ready") {
    window.close();
    return;
  }
  $("user").textContent = answer.user;
  document.title = `kdcmail: unlock ${answer.user}`;
  $("loginRow").hidden = !answer.needLoginPassword;
  $("entry").addEventListener("submit", submit);
  $("back").addEventListener("click", () => send(MESSAGES.back));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      send(MESSAGES.back);
    }
  });
  $("mkId").focus();
}

start();
