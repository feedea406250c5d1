/**
 * What every benchmark script does around its measurement: settings from the environment,
 * the log prefix, which code is measured, and the one-run-at-a-time lock.
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const log = (message: string) => console.log(`[bench] ${message}`);

/** A whole number from the environment (`BENCH_…`), or the fallback when unset. */
export function positiveInteger(name: string, fallback: number, { allowZero = false } = {}): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || (value === 0 && !allowZero)) {
    throw new Error(`${name} must be a ${allowZero ? "non-negative" : "positive"} whole number (got ${raw})`);
  }
  return value;
}

/** A positive number from the environment, or the fallback when unset. */
export function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${raw})`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// What code is measured

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export interface CodeDescription {
  commit: string;
  /** Uncommitted changes in the source folders. */
  dirty: boolean;
  /** Whether the build predates the sources (false when no build files are given). */
  staleBuild: boolean;
}

/** The commit, uncommitted changes to `sourceDirs`, and whether `buildFiles` (if any) predate them. */
export function describeCode(sourceDirs: readonly string[], buildFiles: readonly string[] = []): CodeDescription {
  const commit = git(["rev-parse", "--short", "HEAD"]) ?? "unknown commit";
  const dirty = (git(["status", "--porcelain", "--", ...sourceDirs]) ?? "") !== "";
  if (buildFiles.length === 0) return { commit, dirty, staleBuild: false };
  const builtAt = Math.min(...buildFiles.map((file) => (existsSync(path.join(ROOT, file)) ? statSync(path.join(ROOT, file)).mtimeMs : 0)));
  const sourcesAt = Math.max(...sourceDirs.map((dir) => (existsSync(path.join(ROOT, dir)) ? newestMtime(path.join(ROOT, dir)) : 0)));
  return { commit, dirty, staleBuild: sourcesAt > builtAt };
}

// ---------------------------------------------------------------------------------------------
// One benchmark at a time on this machine: every script takes the same lock file, so no run
// measures another.

const LOCK_FILE = path.join(os.tmpdir(), "candor-webhook-intake-bench.lock");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (at most `patienceMinutes`) for the lock; resolves to its release. */
export async function acquireBenchLock(patienceMinutes: number): Promise<() => void> {
  const deadline = Date.now() + patienceMinutes * 60_000;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(LOCK_FILE, "utf8").trim() === String(process.pid)) rmSync(LOCK_FILE, { force: true });
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(readFileSync(LOCK_FILE, "utf8").trim());
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
      rmSync(LOCK_FILE, { force: true }); // left by a run that died
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another benchmark run (pid ${holder}) has held ${LOCK_FILE} for ${patienceMinutes} minutes`);
    if (!announced) log(`waiting for another benchmark run (pid ${holder}) to finish`);
    announced = true;
    await sleep(1_000);
  }
}
