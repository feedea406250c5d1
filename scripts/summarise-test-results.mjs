// Adds up Vitest's JSON reports of every run into one closing line: "N passed, N failed".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir).filter((name) => name.endsWith(".json")).sort()) {
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  const runFailed = report.numFailedTests + (report.numFailedTestSuites ?? 0) - countSuitesFailedByTests(report);
  console.log(`${path.basename(file, ".json")}: ${report.numPassedTests} passed, ${runFailed} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
  passed += report.numPassedTests;
  failed += runFailed;
  skipped += report.numPendingTests + report.numTodoTests;
}

// A file that fails to load counts as a failure even though no test in it ran.
function countSuitesFailedByTests(report) {
  return report.testResults.filter((suite) => suite.status === "failed" && suite.assertionResults.some((test) => test.status === "failed")).length;
}

console.log("");
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
