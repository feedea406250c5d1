/** Turning measurements into the figures and the section of docs/benchmarks.md a script writes. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { ROOT } from "./run";

export const DOCS = path.join(ROOT, "docs/benchmarks.md");

/** The value at quantile `q` (0–1) of ascending values: the smallest with at least q of them at or below it. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** "2 CPUs (AMD EPYC …)": what the figures were measured on. */
export function describeCpus(): string {
  const cpus = os.cpus();
  return `${cpus.length} CPUs (${cpus[0]?.model.trim() ?? "unknown CPU"})`;
}

/**
 * Replaces the section between `start` and `end` (the markers, included in `section`) in
 * docs/benchmarks.md, or appends it; every other section stays as it is.
 */
export function writeDocsSection(section: string, start: string, end: string): void {
  const header = "# Benchmarks\n\nEach section is written by the benchmark it names; rerun the command it gives to refresh it.\n";
  const current = existsSync(DOCS) ? readFileSync(DOCS, "utf8") : header;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from !== -1 && to > from ? current.slice(0, from) + section + current.slice(to + end.length) : `${current.replace(/\s*$/, "")}\n\n${section}\n`;
  writeFileSync(DOCS, next);
}
