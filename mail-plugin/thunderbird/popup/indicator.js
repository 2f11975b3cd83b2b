/* The compose_action popup: the gateway's answer for this compose window's recipients. */
import { MESSAGES } from "../lib/background-main.js";
import { describeAction } from "../lib/indicator.js";

const $ = (id) => document.getElementById(id);

function row(recipient, policy) {
  const tr = document.createElement("tr");
  const address = document.createElement("td");
  address.textContent = recipient.address;
  const action = document.createElement("td");
  action.textContent = describeAction(recipient, policy);
  action.className = recipient.action === "encrypt" ? "encrypt" : "other";
  tr.append(address, action);
  return tr;
}

async function show() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const report = await browser.runtime.sendMessage({ type: MESSAGES.recipients, tabId: tab.id });
  if (report.state !== "ok") {
    $("summary").textContent = report.message;
    return;
  }
  const others = report.recipients.filter((r) => r.action !== "encrypt").length;
  $("summary").textContent =
    others === 0
      ? `Every recipient gets encrypted mail from ${report.sender}.`
      : `${others} recipient(s) will not get encrypted mail; the gateway's policy is ${report.policy}.`;
  $("recipients").replaceChildren(...report.recipients.map((r) => row(r, report.policy)));
  const notes = [];
  if (report.note) {
    notes.push(report.note);
  }
  if (report.unresolved.length > 0) {
    notes.push(`Not checked (no address here, e.g. a mailing list): ${report.unresolved.join(", ")}`);
  }
  $("note").textContent = notes.join(" ");
  $("note").hidden = notes.length === 0;
}

show().catch((e) => {
  $("summary").textContent = `kdcmail: ${e.message}`;
});
