// Adds up Vitest's JSON reports of every run into one closing line: "N passed, N failed".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of readdirSync(dir).filter((name) => name.endsWith(".json")).sort()) {
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  // A test file that fails to load runs no test; count it as one failure so it cannot hide.
  const filesFailedWithoutTests = report.testResults.filter(
    (suite) => suite.status === "failed" && !suite.assertionResults.some((test) => test.status === "failed"),
  ).length;
  const run = {
    passed: report.numPassedTests,
    failed: report.numFailedTests + filesFailedWithoutTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  console.log(`${path.basename(file, ".json")}: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
  for (const key of Object.keys(totals)) totals[key] += run[key];
}
console.log("");
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
