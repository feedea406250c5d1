// scratch: summarise a .cpuprofile
import { readFileSync } from "node:fs";
const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const top = Number(process.argv[3] ?? 40);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (process.env.COUNTS ? 1000 : (dt[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const label = (n) => { const cf = n.callFrame; const u = cf.url.replace(/^file:\/\/\/work\/main\//, "").replace(/^.*node_modules\//, "nm/"); return `${cf.functionName || "(anon)"} ${u}:${cf.lineNumber + 1}`; };
const pkg = (n) => { const u = n.callFrame.url; if (!u) return n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : "(native/builtin)"; if (u.startsWith("node:")) return u; const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u); if (m) return "nm:" + m[1]; return u.replace(/^file:\/\/\/work\/main\//, ""); };
const agg = (key) => { const m = new Map(); for (const [id, t] of self) { const k = key(byId.get(id)); m.set(k, (m.get(k) ?? 0) + t); } return [...m].sort((a, b) => b[1] - a[1]); };
const pct = (t) => ((100 * t) / total).toFixed(1).padStart(5) + "%";
console.log("total sampled ms", (total / 1000).toFixed(0));
console.log("\n== self time by package/file");
for (const [k, t] of agg(pkg).slice(0, 25)) console.log(pct(t), k);
console.log("\n== self time by function");
for (const [k, t] of agg(label).slice(0, top)) console.log(pct(t), k);
// inclusive time for functions matching patterns
const pats = (process.argv[4] ?? "").split(",").filter(Boolean);
if (pats.length) {
  console.log("\n== inclusive time (stack contains)");
  for (const p of pats) {
    let t = 0;
    for (const [id, s] of self) { let cur = id; while (cur !== undefined) { const n = byId.get(cur); if (label(n).includes(p)) { t += s; break; } cur = parent.get(cur); } }
    console.log(pct(t), p);
  }
}
