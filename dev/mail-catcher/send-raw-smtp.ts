/**
 * A minimal SMTP client (plain TCP, optional AUTH PLAIN) for tests: it sends a message
 * exactly as written, so tests control every header byte.
 */
import { connect, type Socket } from "node:net";

export interface SendRawSmtpOptions {
  host?: string;
  port: number;
  from: string;
  to: string[];
  /** The full message (headers, blank line, body); line endings are normalised to CRLF. */
  data: string;
  auth?: { user: string; pass: string };
  timeoutMs?: number;
}

export interface SmtpReply {
  code: number;
  lines: string[];
}

/** Reads complete SMTP replies ("250-…" continuation lines end with "250 …"). */
function createReplyReader(socket: Socket) {
  let buffer = "";
  let current: string[] = [];
  const replies: SmtpReply[] = [];
  const waiters: Array<(reply: SmtpReply) => void> = [];

  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      current.push(line.slice(4));
      if (line.charAt(3) !== "-") {
        const reply = { code: Number(line.slice(0, 3)), lines: current };
        current = [];
        const waiter = waiters.shift();
        if (waiter) waiter(reply);
        else replies.push(reply);
      }
    }
  });

  return (): Promise<SmtpReply> => {
    const ready = replies.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
  };
}

function toCrlfWithDotStuffing(data: string): string {
  return data
    .replace(/\r?\n/g, "\r\n")
    .split("\r\n")
    .map((line) => (line.startsWith(".") ? `.${line}` : line))
    .join("\r\n");
}

/** Sends one message; resolves with the server's reply to the end of DATA. */
export async function sendRawSmtp(options: SendRawSmtpOptions): Promise<SmtpReply> {
  const socket = connect({ host: options.host ?? "127.0.0.1", port: options.port });
  socket.setTimeout(options.timeoutMs ?? 5000, () => socket.destroy(new Error("SMTP timeout")));
  const failed = new Promise<never>((_, reject) => socket.once("error", reject));
  const nextReply = createReplyReader(socket);

  const expect = async (wanted: number, command?: string): Promise<SmtpReply> => {
    if (command !== undefined) socket.write(`${command}\r\n`);
    const reply = await Promise.race([nextReply(), failed]);
    if (reply.code !== wanted) throw new Error(`SMTP ${command ?? "greeting"}: expected ${wanted}, got ${reply.code} ${reply.lines.join(" ")}`);
    return reply;
  };

  try {
    await expect(220);
    await expect(250, "EHLO test.example.com");
    if (options.auth) {
      const credentials = Buffer.from(`\0${options.auth.user}\0${options.auth.pass}`).toString("base64");
      await expect(235, `AUTH PLAIN ${credentials}`);
    }
    await expect(250, `MAIL FROM:<${options.from}>`);
    for (const recipient of options.to) await expect(250, `RCPT TO:<${recipient}>`);
    await expect(354, "DATA");
    const accepted = await expect(250, `${toCrlfWithDotStuffing(options.data)}\r\n.`);
    await expect(221, "QUIT");
    return accepted;
  } finally {
    socket.end();
  }
}
