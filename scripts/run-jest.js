// `npm test`'s test step: unit tests (in parallel), then real-n8n e2e tests (one at a time: they
// share one n8n user folder). Ends with a plain "N passed, N failed" line for CI logs.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const jest = require.resolve('jest/bin/jest');
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let exitCode = 0;

for (const [project, flags] of [
	['unit', []],
	['e2e', ['--runInBand']],
]) {
	const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-results-')), `${project}.json`);
	const run = spawnSync(
		process.execPath,
		[jest, '--selectProjects', project, '--ci', '--json', `--outputFile=${results}`, ...flags, ...extra],
		{ stdio: 'inherit' },
	);
	if (fs.existsSync(results)) {
		const summary = JSON.parse(fs.readFileSync(results, 'utf8'));
		passed += summary.numPassedTests;
		failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
		if (summary.numTotalTests === 0) {
			console.error(`jest: the ${project} project ran no test`);
			exitCode = 1;
		}
	}
	if (run.status !== 0) exitCode = run.status || 1;
}

console.log(`\njest: ${passed} passed, ${failed} failed`);
process.exit(exitCode);
