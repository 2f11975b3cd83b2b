/**
 * A minimal SMTP client for the real-gateway tests: one command, one reply (multi-line replies
 * joined), plain TCP on loopback.
 */
import { connect } from "node:net";

export async function openSmtp(host, port) {
  const socket = connect({ host, port });
  socket.setEncoding("latin1");
  let buffer = "";
  const waiting = [];
  const lines = [];
  socket.on("data", (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf("\r\n")) >= 0) {
      lines.push(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
    while (waiting.length > 0 && lines.length > 0) {
      waiting.shift()(lines.shift());
    }
  });
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const line = () =>
    lines.length > 0 ? Promise.resolve(lines.shift()) : new Promise((r) => waiting.push(r));

  async function reply() {
    const text = [];
    for (;;) {
      const l = await line();
      text.push(l);
      if (l.length < 4 || l[3] !== "-") {
        return { code: Number(l.slice(0, 3)), text: text.join("\n") };
      }
    }
  }

  return {
    reply,
    /** Sends one command line and answers its reply. */
    async command(text) {
      socket.write(`${text}\r\n`);
      return reply();
    },
    /** Sends a message's lines after DATA's 354, dot-stuffed, and answers the final reply. */
    async data(messageLines) {
      const stuffed = messageLines.map((l) => (l.startsWith(".") ? `.${l}` : l));
      socket.write(`${stuffed.join("\r\n")}\r\n.\r\n`);
      return reply();
    },
    close: () => socket.end(),
  };
}
