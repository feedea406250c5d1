import { readFileSync } from "node:fs";
const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pat = process.argv[3];
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const label = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/\/work\/main\//, "")}:${n.callFrame.lineNumber + 1}`;
const stacks = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  if (!label(n).includes(pat)) continue;
  const chain = []; let cur = parent.get(id);
  while (cur !== undefined && chain.length < Number(process.argv[4] ?? 8)) { chain.push(label(byId.get(cur))); cur = parent.get(cur); }
  const k = chain.join("\n    <- ");
  stacks.set(k, (stacks.get(k) ?? 0) + t);
}
for (const [k, t] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(((100 * t) / total).toFixed(1) + "%\n    <- " + k + "\n");
