/**
 * Prints one closing line per suite and a total, read from the JSON reports that `npm test`
 * asks Vitest and Playwright to write, so CI logs end with the counts that matter.
 */
import { existsSync, readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new Error(`${path} is missing: did the suite run?`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

function unitCounts(): Counts {
  const r = readJson('.reports/unit.json') as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
}

function e2eCounts(): Counts {
  const { stats } = readJson('.reports/e2e.json') as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const line = (c: Counts) =>
  `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;

const unit = unitCounts();
const e2e = e2eCounts();
const total = {
  passed: unit.passed + e2e.passed,
  failed: unit.failed + e2e.failed,
  skipped: unit.skipped + e2e.skipped,
};
console.log(`\nunit: ${line(unit)}`);
console.log(`e2e: ${line(e2e)}`);
console.log(`total: ${line(total)}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
