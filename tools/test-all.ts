/**
 * `npm test`: every check, in the order that fails fastest, against real servers.
 *   static   format, lint (with Nx module boundaries), typecheck
 *   unit     *.spec.ts, no I/O
 *   build    every project (the end-to-end tier runs the built services)
 *   int      *.int-spec.ts against the real stack (local stack or containers)
 *   e2e      e2e/ suites: services as separate processes
 * Ends with one line `N passed, N failed` (tests of the Jest tiers, plus one failure per failed
 * static step or build) and exits non-zero on any failure.
 * `npm test -- unit int` runs only the named steps.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Step {
  name: string;
  command: string[];
  /** Jest steps write a JSON report we sum up. */
  jestReport?: string;
}

const reports = mkdtempSync(join(tmpdir(), 'rtml-test-'));
const jest = (name: string, config: string): Step => {
  const report = join(reports, `${name}.json`);
  return {
    name,
    command: ['jest', '-c', config, '--json', `--outputFile=${report}`],
    jestReport: report,
  };
};

const ALL_STEPS: Step[] = [
  { name: 'format', command: ['prettier', '--check', '--log-level', 'warn', '.'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'typecheck', command: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  jest('unit', 'jest.config.js'),
  { name: 'build', command: ['nx', 'run-many', '-t', 'build', '--output-style=static'] },
  jest('int', 'jest.int.config.js'),
  jest('e2e', 'jest.e2e.config.js'),
];

const wanted = process.argv.slice(2);
const steps =
  wanted.length === 0 ? ALL_STEPS : ALL_STEPS.filter((step) => wanted.includes(step.name));
let passed = 0;
let failed = 0;
const failedSteps: string[] = [];

for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
  const [bin, ...args] = step.command as [string, ...string[]];
  const result = spawnSync(bin, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      NX_DAEMON: 'false',
      // KafkaJS 2.2.4 arms a negative timer on Node 24 (tulios/kafkajs#1751): harmless, and noisy.
      NODE_OPTIONS:
        `${process.env['NODE_OPTIONS'] ?? ''} --disable-warning=TimeoutNegativeWarning`.trim(),
    },
  });
  const ok = result.status === 0;
  if (step.jestReport) {
    const counts = readJestCounts(step.jestReport);
    passed += counts.passed;
    failed += counts.failed;
  }
  if (!ok) {
    failedSteps.push(step.name);
    if (!step.jestReport) failed += 1; // a failed static check or build counts as one failure
  }
  console.log(
    `=== ${step.name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (failedSteps.length > 0) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failedSteps.length > 0 ? 1 : 0;

function readJestCounts(path: string): { passed: number; failed: number } {
  try {
    const report = JSON.parse(readFileSync(path, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numRuntimeErrorTestSuites: number;
    };
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
    };
  } catch {
    return { passed: 0, failed: 1 }; // no report: the runner itself failed
  }
}
