/* The options page: the gateway URL, pairing with a code, the paired addresses. */
import { MESSAGES } from "../lib/background-main.js";

const $ = (id) => document.getElementById(id);
const send = (type, extra = {}) => browser.runtime.sendMessage({ type, ...extra });

function status(id, text, isError) {
  $(id).textContent = text;
  $(id).className = isError ? "error" : "";
}

function pairedRow({ user, pairedAt }) {
  const row = document.createElement("tr");
  const address = document.createElement("td");
  address.textContent = user;
  const when = document.createElement("td");
  when.textContent = pairedAt ? new Date(pairedAt).toLocaleString() : "";
  const action = document.createElement("td");
  const forget = document.createElement("button");
  forget.type = "button";
  forget.textContent = "Forget";
  forget.addEventListener("click", async () => {
    await send(MESSAGES.forget, { user });
    await refresh();
  });
  action.append(forget);
  row.append(address, when, action);
  return row;
}

async function refresh() {
  const current = await send(MESSAGES.options);
  $("gatewayUrl").value = current.gatewayUrl;
  $("paired").replaceChildren(...current.paired.map(pairedRow));
}

$("gatewayForm").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await send(MESSAGES.setGateway, { gatewayUrl: $("gatewayUrl").value });
  status("gatewayStatus", answer.ok ? `Saved: ${answer.gatewayUrl}` : answer.message, !answer.ok);
});

$("pairForm").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await send(MESSAGES.pair, { code: $("code").value });
  $("code").value = "";
  status("pairStatus", answer.ok ? `Paired ${answer.user}.` : answer.message, !answer.ok);
  await refresh();
});

refresh();
