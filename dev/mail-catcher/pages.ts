/**
 * HTML views of caught messages. Mail content is untrusted: every value is escaped, and
 * the HTML body is shown only inside a sandboxed iframe (no scripts, no same origin).
 */
import type { CaughtMessage } from "./message-store";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f6f8fa; padding: 1rem; }
  iframe { width: 100%; height: 32rem; border: 1px solid #d0d7de; }
  .muted { color: #656d76; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

export function renderMessageList(messages: readonly CaughtMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (message) => `<tr>
        <td class="muted">${escapeHtml(message.receivedAt)}</td>
        <td>${escapeHtml(message.envelope.from ?? "")}</td>
        <td>${escapeHtml(message.envelope.to.join(", "))}</td>
        <td><a href="/messages/${encodeURIComponent(message.id)}">${escapeHtml(message.subject ?? "(no subject)")}</a></td>
      </tr>`,
    )
    .join("");
  const table = messages.length
    ? `<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p class="muted">No messages yet.</p>`;
  return page("Mail catcher", `<h1>Mail catcher</h1><p class="muted">${messages.length} message(s), newest first.</p>${table}`);
}

export function renderMessage(message: CaughtMessage): string {
  const headerRows = Object.entries(message.headers)
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join("");
  const html = message.html
    ? `<h2>HTML</h2><iframe sandbox="" referrerpolicy="no-referrer" title="HTML body" srcdoc="${escapeHtml(message.html)}"></iframe>`
    : "";
  const text = message.text ? `<h2>Text</h2><pre>${escapeHtml(message.text)}</pre>` : "";
  const body = `<p><a href="/">← all messages</a> · <a href="/messages/${encodeURIComponent(message.id)}/raw">raw source</a></p>
    <h1>${escapeHtml(message.subject ?? "(no subject)")}</h1>
    <table>
      <tr><th>Envelope from</th><td>${escapeHtml(message.envelope.from ?? "")}</td></tr>
      <tr><th>Envelope to</th><td>${escapeHtml(message.envelope.to.join(", "))}</td></tr>
      <tr><th>Received</th><td>${escapeHtml(message.receivedAt)} · ${message.size} bytes</td></tr>
    </table>
    ${html}${text}
    <h2>Headers</h2><table>${headerRows}</table>`;
  return page(message.subject ?? "Message", body);
}

export function renderNotFound(): string {
  return page("Not found", `<p>No such message. <a href="/">All messages</a></p>`);
}
