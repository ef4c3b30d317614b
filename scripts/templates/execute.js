// Runs an imported workflow headless with n8n's stdout going to a file, not a pipe: a large
// execution (the flagship prints tens of MB) is cut short when n8n exits before a pipe drains.
// Used by `npm run demo` and the flagship's end-to-end test.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const runtime = require('../n8n-runtime.js');

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Imports and executes `workflow` in `userFolder`; returns the parsed execution data. */
async function runLargeWorkflow(userFolder, workflow, env = {}) {
	const { nodeBin, n8nBin } = runtime.ensureRuntime();
	const fullEnv = {
		...process.env,
		PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		NODE_ENV: 'production',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		NODE_OPTIONS: '--max-old-space-size=8192',
		...env,
	};
	const id = await runtime.importWorkflow(userFolder, workflow, env);
	const outFile = path.join(userFolder, `execution-${id}.out`);
	const fd = fs.openSync(outFile, 'w');
	let result;
	try {
		result = spawnSync(n8nBin, ['execute', `--id=${id}`, '--rawOutput'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: fullEnv, maxBuffer: 1 << 26 });
	} finally {
		fs.closeSync(fd);
	}
	const stdout = fs.readFileSync(outFile, 'utf8');
	fs.rmSync(outFile, { force: true });
	// The execution is pretty-printed JSON: from a "{" alone at the start of a line to the last "}" at the start of a line.
	const start = stdout.search(/^\{/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) {
		const tail = `${stdout.slice(-3000)}\n${result.stderr || ''}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`n8n execute printed no execution data (exit ${result.status}):\n${tail}`);
	}
	return JSON.parse(stdout.slice(start, end + 2));
}

module.exports = { runLargeWorkflow };
