// Large data through real n8n 2.41 in file mode (issue #19). Default n8n settings (heap included)
// with N8N_DEFAULT_BINARY_DATA_MODE=filesystem; each run is `n8n execute` under /usr/bin/time, and
// its results (status, each node's time) are read from n8n's database, not from the CLI's output.
// Groups (--workflows, default pipeline):
// - pipeline: the flagship at scale, templates/flagship-at-scale-files.json itself with its folder
//   set to generated files (bench/pipeline-data.js: ~2.15 identity records, ~10 orders a customer,
//   opt-outs, last campaign outcomes): Resolve Identity -> Compute RFM -> Score Propensity (Train,
//   Score) -> Apply Suppression -> Split Holdout, Measure Lift, file to file; beside n8n reading the
//   same files into items (Extract From File) then a No-Op.
// - suppression: Apply Suppression (File) -> Split Holdout (File) beside Extract From File -> No-Op
//   and the items-mode Split Holdout.
// - rfm, identity: Compute RFM (--transactions-per-customer, default 10) and Resolve Identity (~1.8
//   records a customer, 144 name pairs: a worst case for blocking) in file mode beside Extract From
//   File -> the node in Items mode, and Extract From File -> No-Op (n8n's own cost of the items).
// - identity-pipeline: Resolve Identity the same way on the pipeline's identity file (varied names),
//   then Items mode lightened: Output Fields, Outputs, Explanations, Household Matching
//   (--variants 'label;label' for some of them, --variants-only without the three runs beside).
// Run: npm run bench:n8n [-- --sizes 10000,100000 --workflows pipeline]   (builds first; run it with nice)
// Prints one table row per workflow and size: wall s, CPU s (user+sys), peak RSS MB, per-node ms and
// the 1-minute load average when the run started (the machine may be shared).
// --server: each workflow runs as a server runs it, not through `n8n execute` (whose figures include
// its print of the whole run, JSON.stringify(data, null, 2), which a server never does): the Manual
// Trigger becomes a Webhook (POST, respond at once), the workflow is published, `n8n start` runs on a
// free port, RSS of the server and its children is sampled from /proc every 100 ms, the webhook is
// POSTed, and the run is timed until n8n's database holds it as finished and saved. Rows: wall s
// (trigger to saved), CPU s of the server tree for the run, peak RSS sampled (with children: the task
// runner), VmHWM of the server process (its peak since start), idle RSS before the trigger.
// BENCH_DEBUG=1 also prints the POST time and the execution's createdAt / startedAt / stoppedAt.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../lib/stats/random';

const runtime = require('../scripts/n8n-runtime.js');
const { flagshipAtScale } = require('../scripts/build-templates.js');
const { pipelineFiles } = require('./pipeline-data.js');
const PACKAGE = 'n8n-nodes-marketing-analytics';

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const sizes = arg('sizes', '10000,100000').split(',').map(Number);
/** Which workflow groups to run: pipeline (the flagship at scale), suppression (-> holdout), rfm, identity. */
const groups = new Set(arg('workflows', 'pipeline').split(','));
/** Transactions per customer for Compute RFM (the 100k customers have 1M). */
const perCustomer = Number(arg('transactions-per-customer', '10'));
const TIMEOUT_MS = Number(arg('timeout-s', '900')) * 1000;
/** The pipeline's items comparison only up to this size: at 100k it already takes 3.7 GB, so 1M would only exhaust a shared machine. */
const itemsUpTo = Number(arg('items-up-to', '100000'));
/** identity-pipeline: only these lighter Items-mode variants (labels, ';'-separated); default all. */
const variants = process.argv.includes('--variants') ? new Set(arg('variants', '').split(';').map((v) => v.trim())) : undefined;
/** Run each workflow on `n8n start` through a webhook, as a server runs it, instead of `n8n execute` (which also prints the whole run). */
const serverMode = process.argv.includes('--server');

function generate(dir: string, customers: number): { audience: string; list: string } {
	const random = seededRandom(customers);
	const consents = ['opted_in', 'opted_in', 'opted_in', 'subscribed', 'unsubscribed', ''];
	const audience = path.join(dir, `audience-${customers}.csv`);
	const list = path.join(dir, `suppression-${customers}.csv`);
	const a = fs.openSync(audience, 'w');
	const l = fs.openSync(list, 'w');
	fs.writeSync(a, 'customerId,email,consent,country,segment\n');
	fs.writeSync(l, 'email,reason\n');
	let text = '';
	let listText = '';
	for (let i = 0; i < customers; i++) {
		const email = `person${i}@example${i % 97}.com`;
		text += `C${i},${email},${consents[Math.floor(random() * consents.length)]},US,"Seg ${i % 5}, tier"\n`;
		if (random() < 0.02) listText += `${email},unsubscribe\n`;
		if (text.length > 1 << 20) {
			fs.writeSync(a, text);
			fs.writeSync(l, listText);
			text = '';
			listText = '';
		}
	}
	fs.writeSync(a, text);
	fs.writeSync(l, listText);
	fs.closeSync(a);
	fs.closeSync(l);
	return { audience, list };
}

/** Transactions (customerId, date, amount, orderId), `perCustomer` on average per customer, seeded. */
function generateTransactions(dir: string, customers: number): string {
	const random = seededRandom(customers + 1);
	const file = path.join(dir, `transactions-${customers}.csv`);
	const fd = fs.openSync(file, 'w');
	fs.writeSync(fd, 'customerId,date,amount,orderId\n');
	let text = '';
	const rows = customers * perCustomer;
	const start = Date.UTC(2023, 0, 1);
	for (let i = 0; i < rows; i++) {
		const c = Math.floor(random() * customers);
		const day = new Date(start + Math.floor(random() * 700) * 86400000).toISOString().slice(0, 10);
		text += `C${c},${day},${(5 + random() * 195).toFixed(2)},O${i}\n`;
		if (text.length > 1 << 20) {
			fs.writeSync(fd, text);
			text = '';
		}
	}
	fs.writeSync(fd, text);
	fs.closeSync(fd);
	return file;
}

/** Identity records from several sources, about 1.8 per customer (CRM for all, ESP for half, orders for a third), seeded. */
function generateIdentity(dir: string, customers: number): string {
	const first = ['Jane', 'Robert', 'Maria', 'Tom', 'Linh', 'Ahmed', 'Olga', 'Chris', 'Sam', 'Priya', 'Ana', 'Li'];
	const last = ['Doe', 'Smith', 'Garcia', 'Nguyen', 'Khan', 'Ivanova', 'Brown', 'Lee', 'Patel', 'Hill', 'Costa', 'Meyer'];
	const streets = ['Oak St', 'Main St', 'Elm Ave', 'Pine Rd', 'Lake Dr', 'Hill Ct'];
	const file = path.join(dir, `identity-${customers}.csv`);
	const fd = fs.openSync(file, 'w');
	fs.writeSync(fd, 'id,source,email,phone,firstName,lastName,dateOfBirth,address,postcode,updatedAt\n');
	let text = '';
	for (let p = 0; p < customers; p++) {
		const f = first[p % first.length];
		const l = last[Math.floor(p / first.length) % last.length];
		const email = `${f.toLowerCase()}.${l.toLowerCase()}${p}@example${p % 50}.com`;
		const phone = `+1 415 ${String(2000000 + p).slice(-7, -4)} ${String(p).padStart(4, '0').slice(-4)}`;
		const address = `${(p % 900) + 1} ${streets[p % streets.length]}`;
		const postcode = String(10000 + (p % 80000));
		const dob = `19${50 + (p % 50)}-${String((p % 12) + 1).padStart(2, '0')}-${String((p % 28) + 1).padStart(2, '0')}`;
		text += `crm:${p},crm,${email},${phone},${f},${l},${dob},${address},${postcode},2025-01-01\n`;
		if (p % 2 === 0) text += `esp:${p},esp,${email.toUpperCase()},,${f.toLowerCase()},${l},,,,2025-03-01\n`;
		if (p % 3 === 0) text += `ord:${p},orders,,${phone},${f},${l},,${address},${postcode},2024-06-01\n`;
		if (text.length > 1 << 20) {
			fs.writeSync(fd, text);
			text = '';
		}
	}
	fs.writeSync(fd, text);
	fs.closeSync(fd);
	return file;
}

type Node = Record<string, unknown>;
function n(name: string, type: string, parameters: Record<string, unknown>, x: number, y = 0): Node {
	return { id: name.replace(/\W/g, '-'), name, type, typeVersion: 1, position: [x, y], parameters };
}
const read = (name: string, file: string, x: number, y = 0) => n(name, 'n8n-nodes-base.readWriteFile', { operation: 'read', fileSelector: file, options: {} }, x, y);
const to = (node: string, index = 0) => ({ node, type: 'main', index });

type Workflow = { name: string; nodes: Node[]; connections: Record<string, unknown> };

/**
 * A node reading one file in file mode (to a file) beside Extract From File -> the same node in
 * Items mode, and Extract From File -> No-Op: what n8n itself costs to hold those rows as items.
 */
function fileAndItems(label: string, file: string, type: string, parameters: Record<string, unknown>): Workflow[] {
	const start = n('Start', 'n8n-nodes-base.manualTrigger', {}, 0);
	return [
		{
			name: `items: read into items -> No-Op (beside ${label})`,
			nodes: [start, read('Read File', file, 200), n('Extract', 'n8n-nodes-base.extractFromFile', { operation: 'csv', options: {} }, 400), n('No-Op', 'n8n-nodes-base.noOp', {}, 600)],
			connections: { Start: { main: [[to('Read File')]] }, 'Read File': { main: [[to('Extract')]] }, Extract: { main: [[to('No-Op')]] } },
		},
		{
			name: `file: ${label}`,
			nodes: [start, read('Read File', file, 200), n(label, `${PACKAGE}.${type}`, { ...parameters, inputSource: 'file', outputTarget: 'file' }, 400)],
			connections: { Start: { main: [[to('Read File')]] }, 'Read File': { main: [[to(label)]] } },
		},
		{
			name: `items: read into items -> ${label}`,
			nodes: [start, read('Read File', file, 200), n('Extract', 'n8n-nodes-base.extractFromFile', { operation: 'csv', options: {} }, 400), n(label, `${PACKAGE}.${type}`, parameters, 600)],
			connections: { Start: { main: [[to('Read File')]] }, 'Read File': { main: [[to('Extract')]] }, Extract: { main: [[to(label)]] } },
		},
	];
}

/** The bench's files for the flagship at scale, in a folder of their own (what the template's Settings name). */
function generatePipeline(dir: string, customers: number): string {
	const folder = path.join(dir, `pipeline-${customers}`);
	fs.mkdirSync(folder, { recursive: true });
	const fds = new Map<string, number>();
	const started = Date.now();
	pipelineFiles(customers, (name: string, text: string) => {
		if (!fds.has(name)) fds.set(name, fs.openSync(path.join(folder, name), 'w'));
		fs.writeSync(fds.get(name)!, text);
	});
	for (const fd of fds.values()) fs.closeSync(fd);
	const sizes = [...fds.keys()].map((name) => `${name} ${(fs.statSync(path.join(folder, name)).size / 1e6).toFixed(1)} MB`);
	console.log(`generated ${customers} customers in ${Date.now() - started} ms: ${sizes.join(', ')}`);
	return folder;
}

/** The template unchanged but for its folder, and the same files read into items then a No-Op. */
function pipelineWorkflows(folder: string, customers: number): Workflow[] {
	const template = flagshipAtScale().toJSON() as Workflow;
	const settings = template.nodes.find((node) => node.name === 'Settings') as { parameters: { assignments: { assignments: Array<{ name: string; value: unknown }> } } };
	settings.parameters.assignments.assignments.find((a) => a.name === 'folder')!.value = folder;
	const start = n('Start', 'n8n-nodes-base.manualTrigger', {}, 0);
	return [
		{ ...template, name: 'file: flagship at scale (template)' },
		...(customers > itemsUpTo ? [] : [{
			name: 'items: read the same files into items -> No-Op',
			nodes: [start, read('Read Files', `${folder}/*.csv`, 200), n('Extract', 'n8n-nodes-base.extractFromFile', { operation: 'csv', options: {} }, 400), n('No-Op', 'n8n-nodes-base.noOp', {}, 600)],
			connections: { Start: { main: [[to('Read Files')]] }, 'Read Files': { main: [[to('Extract')]] }, Extract: { main: [[to('No-Op')]] } },
		}]),
	];
}

function workflows(dir: string, size: number): Workflow[] {
	const out: Workflow[] = [];
	if (groups.has('pipeline')) out.push(...pipelineWorkflows(generatePipeline(dir, size), size));
	if (groups.has('suppression')) out.push(...suppressionWorkflows(generate(dir, size)));
	if (groups.has('rfm')) {
		out.push(...fileAndItems('Compute RFM', generateTransactions(dir, size), 'computeRfm', { customerIdField: 'customerId', timestampField: 'date', amountField: 'amount', options: { asOf: '2025-01-01' } }));
	}
	if (groups.has('identity')) out.push(...fileAndItems('Resolve Identity', generateIdentity(dir, size), 'resolveIdentity', { options: { defaultRegion: 'US' } }));
	// The flagship's identity file (varied names, ~2.15 records a customer), mapped as the template maps it.
	if (groups.has('identity-pipeline')) {
		const recordFields = { recordKeyField: 'recordKey', sourceField: 'source', emailField: 'email', phoneField: 'phone', firstNameField: 'firstName', lastNameField: 'lastName', postcodeField: 'postcode', updatedAtField: 'updatedAt' };
		const file = path.join(generatePipeline(dir, size), 'identity.csv');
		const parameters = { mode: 'probabilistic', rules: 'email, phone', recordFields, options: { defaultRegion: 'US' } };
		// --variants alone: only those Items runs, without the No-Op, File and full Items runs beside them.
		if (!process.argv.includes('--variants-only')) out.push(...fileAndItems('Resolve Identity', file, 'resolveIdentity', parameters));
		// Items mode lightened: Output Fields = Only New (the Records items carry no copy of their
		// input), Outputs = Records only (the other three stay empty), Explanations Compact / None.
		const lighter: Array<[string, Record<string, unknown>]> = [
			['Only New', { outputFields: 'onlyNew' }],
			['Records only', { fillOutputs: ['records'] }],
			['Records only, Only New, Compact', { fillOutputs: ['records'], outputFields: 'onlyNew', options: { defaultRegion: 'US', explanations: 'compact' } }],
			['Records only, Only New, no explanations', { fillOutputs: ['records'], outputFields: 'onlyNew', options: { defaultRegion: 'US', explanations: 'none' } }],
			['Records only, Only New, no explanations, Household Matching Off', { fillOutputs: ['records'], outputFields: 'onlyNew', households: 'off', options: { defaultRegion: 'US', explanations: 'none' } }],
			['Records + Identity Map, Only New, Compact', { fillOutputs: ['records', 'map'], outputFields: 'onlyNew', options: { defaultRegion: 'US', explanations: 'compact' } }],
		];
		for (const [label, change] of lighter) {
			if (variants === undefined || variants.has(label)) out.push(fileAndItems(`Resolve Identity, ${label}`, file, 'resolveIdentity', { ...parameters, ...change })[2]);
		}
	}
	return out;
}

function suppressionWorkflows(files: { audience: string; list: string }): Workflow[] {
	const start = n('Start', 'n8n-nodes-base.manualTrigger', {}, 0);
	const file = { inputSource: 'file', outputTarget: 'file' };
	return [
		{
			name: 'file: suppression -> holdout',
			nodes: [
				start,
				read('Read Audience', files.audience, 200),
				read('Read List', files.list, 200, 200),
				n('Apply Suppression', `${PACKAGE}.applySuppression`, { channel: 'email', ...file }, 400),
				n('Split Holdout', `${PACKAGE}.splitHoldout`, { customerIdField: 'customerId', campaignSalt: 'bench', controlPercent: 10, options: {}, ...file }, 600),
			],
			connections: {
				Start: { main: [[to('Read Audience'), to('Read List')]] },
				'Read Audience': { main: [[to('Apply Suppression')]] },
				'Read List': { main: [[to('Apply Suppression', 1)]] },
				'Apply Suppression': { main: [[to('Split Holdout')]] },
			},
		},
		{
			name: 'items: read into items -> No-Op',
			nodes: [start, read('Read Audience', files.audience, 200), n('Extract', 'n8n-nodes-base.extractFromFile', { operation: 'csv', options: {} }, 400), n('No-Op', 'n8n-nodes-base.noOp', {}, 600)],
			connections: { Start: { main: [[to('Read Audience')]] }, 'Read Audience': { main: [[to('Extract')]] }, Extract: { main: [[to('No-Op')]] } },
		},
		{
			name: 'items: read into items -> Split Holdout',
			nodes: [
				start,
				read('Read Audience', files.audience, 200),
				n('Extract', 'n8n-nodes-base.extractFromFile', { operation: 'csv', options: {} }, 400),
				n('Split Holdout', `${PACKAGE}.splitHoldout`, { customerIdField: 'customerId', campaignSalt: 'bench', controlPercent: 10, options: {} }, 600),
			],
			connections: { Start: { main: [[to('Read Audience')]] }, 'Read Audience': { main: [[to('Extract')]] }, Extract: { main: [[to('Split Holdout')]] } },
		},
	];
}

/** Each node's time, from the saved run; the filters and the trigger are left out (a few ms). */
function perNodeMs(runData: Record<string, Array<{ executionTime: number }>>, nodes: Node[]): string {
	const typeOf = new Map(nodes.map((node) => [node.name as string, node.type as string]));
	return Object.entries(runData)
		.filter(([name]) => !/manualTrigger|\.filter$|\.if$|\.set$/.test(typeOf.get(name) ?? ''))
		.map(([name, runs]) => `${name} ${runs[0].executionTime}`)
		.join(', ');
}

type Run = { executionTime: number; error?: { message: string }; data?: { main?: Array<Array<{ json: Record<string, any> }> | null> } };

/** What the flagship at scale found, from its steps' summary items: a check that the run did the work, not just ran. */
function pipelineFacts(runData: Record<string, Run[]>): string {
	const json = (node: string, output = 0) => runData[node]?.[0]?.data?.main?.[output]?.[0]?.json ?? {};
	const profiles = json('Resolve Identity', 1);
	const records = json('Resolve Identity', 0);
	const suppression = json('Apply Suppression', 0);
	const split = json('Split Holdout', 0);
	const lift = (runData['Measure Lift']?.[0]?.data?.main?.[0] ?? []).map((i) => i.json).find((r) => r.metric === 'converted') ?? {};
	const model = json('Train Model', 0);
	return [
		`identity: ${records.records} records -> ${profiles.customers} customers (${profiles.newIds} without a CRM number, ${profiles.merges} holding two CRM customers)`,
		`RFM: ${json('Compute RFM', 0).customers} customers from ${json('Compute RFM', 0).transactions} orders`,
		`model: validation AUC ${Number(model.validation?.auc).toFixed(3)}`,
		`suppression: ${suppression.eligible} eligible, ${suppression.suppressed} suppressed`,
		`split: ${split.rows} rows, SRM p ${Number(split.srm?.pValue).toFixed(2)}`,
		`last campaign lift (converted): ${Number(lift.relativeLift).toFixed(3)} [${Number(lift.relativeCiLow).toFixed(3)}, ${Number(lift.relativeCiHigh).toFixed(3)}]`,
	].join('; ');
}


/** The workflow with its Manual Trigger replaced by a Webhook (POST, respond at once), same name so the connections hold. */
function withWebhook(workflow: Workflow): { workflow: Workflow; path: string } {
	const webhookPath = `bench-${randomUUID()}`;
	const nodes = workflow.nodes.map((node) =>
		node.type === 'n8n-nodes-base.manualTrigger'
			? { ...node, type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} } }
			: node,
	);
	return { workflow: { ...workflow, nodes }, path: webhookPath };
}

/** A process and its live descendants, from /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
	const out = [pid];
	for (let i = 0; i < out.length; i++) {
		try {
			for (const tid of fs.readdirSync(`/proc/${out[i]}/task`)) {
				const children = fs.readFileSync(`/proc/${out[i]}/task/${tid}/children`, 'utf8').trim();
				if (children) out.push(...children.split(/\s+/).map(Number));
			}
		} catch {
			// The process has just exited.
		}
	}
	return out;
}

/** kB of one field (VmRSS, VmHWM) of /proc/<pid>/status, 0 once the process is gone. */
function statusKb(pid: number, field: string): number {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** CPU seconds (utime + stime) of a process tree's live processes. */
function cpuSeconds(pids: number[]): number {
	const ticks = 100; // getconf CLK_TCK on Linux x86-64
	let total = 0;
	for (const pid of pids) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
			total += (Number(fields[11]) + Number(fields[12])) / ticks; // utime, stime: fields 14 and 15
		} catch {
			// Gone.
		}
	}
	return total;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest execution of a workflow: status and stoppedAt, read with the sqlite3 CLI (cheap enough to poll). */
function executionState(userFolder: string, workflowId: string): { id: string; status: string; stoppedAt: string; createdAt: string; startedAt: string } | undefined {
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	const result = spawnSync('sqlite3', ['-readonly', '-cmd', '.timeout 2000', '-separator', '|', database, `SELECT id, status, IFNULL(stoppedAt, ''), createdAt, IFNULL(startedAt, '') FROM execution_entity WHERE workflowId = '${workflowId}' ORDER BY id DESC LIMIT 1`], { encoding: 'utf8' });
	const [id, status, stoppedAt, createdAt, startedAt] = (result.stdout ?? '').trim().split('|');
	return id ? { id, status, stoppedAt, createdAt, startedAt } : undefined;
}

type ServerRun = { status: string; wall: number; cpu: number; peakMb: number; hwmMb: number; idleMb: number };

/**
 * One workflow on a real server: imported with a Webhook trigger and published, `n8n start` on a
 * free port, RSS of the server and its children sampled every 100 ms from /proc, the webhook
 * POSTed once the server answers /healthz, and the run timed until n8n's database holds it as
 * finished (the save is in the same transaction as the status). Then the server is stopped
 * (SIGTERM, n8n's graceful shutdown) and the workflow unpublished so the next server does not activate it.
 */
async function runOnServer(userFolder: string, workflow: Workflow, env: Record<string, string>, log: string): Promise<{ id: string; run: ServerRun }> {
	const p = runtime.paths();
	const { workflow: hooked, path: webhookPath } = withWebhook(workflow);
	const id: string = await runtime.importWorkflow(userFolder, { ...hooked, settings: { executionOrder: 'v1' } }, env);
	const cliEnv = await runtime.n8nEnv(userFolder, env);
	const published = spawnSync(p.n8nBin, ['publish:workflow', `--id=${id}`], { encoding: 'utf8', env: cliEnv });
	if (published.status !== 0) throw new Error(`publish:workflow --id=${id} failed:\n${published.stderr}`);
	const port = await runtime.freePort();
	const logFd = fs.openSync(log, 'a');
	const server = spawn(p.n8nBin, ['start'], {
		stdio: ['ignore', logFd, logFd],
		env: await runtime.n8nEnv(userFolder, { ...env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1' }),
	});
	fs.closeSync(logFd);
	const pid = server.pid ?? 0;
	if (process.env.BENCH_DEBUG) console.error(`n8n start: pid ${pid}, port ${port}, log ${log}`);
	let exited = false;
	const exit = new Promise<void>((resolve) => {
		server.on('exit', () => ((exited = true), resolve()));
		server.on('error', (error) => (console.error(`n8n start: ${error.message}`), (exited = true), resolve()));
	});
	let peakKb = 0;
	const sampler = setInterval(() => {
		const kb = processTree(pid).reduce((sum, child) => sum + statusKb(child, 'VmRSS'), 0);
		if (kb > peakKb) peakKb = kb;
	}, 100);
	const run: ServerRun = { status: '?', wall: NaN, cpu: NaN, peakMb: NaN, hwmMb: NaN, idleMb: NaN };
	try {
		const base = `http://127.0.0.1:${port}`;
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (exited) throw new Error(`n8n start exited before it was ready (log: ${log})`);
			if (Date.now() > deadline) throw new Error(`n8n start not ready within 180 s (log: ${log})`);
			const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
			if (ok) break;
			await sleep(250);
		}
		// The webhook is registered once the workflow is activated, which follows readiness: until
		// then a GET answers "not registered", after it "not registered for GET ... POST?".
		for (let attempt = 1; ; attempt++) {
			const body = await fetch(`${base}/webhook/${webhookPath}`).then((r) => r.text(), () => '');
			if (body.includes('Did you mean')) break;
			if (attempt > 240) throw new Error(`webhook ${webhookPath} not registered after 60 s (log: ${log})`);
			await sleep(250);
		}
		await sleep(3000); // let start-up settle (runners, timers)
		run.idleMb = processTree(pid).reduce((sum, child) => sum + statusKb(child, 'VmRSS'), 0) / 1024;
		peakKb = 0; // the run's peak, not start-up's
		const cpuBefore = cpuSeconds(processTree(pid));
		const started = performance.now();
		if (process.env.BENCH_DEBUG) console.error(`POST at ${new Date().toISOString()}`);
		const response = await fetch(`${base}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		if (!response.ok) throw new Error(`POST webhook ${webhookPath}: ${response.status} ${await response.text()}`);
		for (;;) {
			const state = executionState(userFolder, id);
			if (state && state.stoppedAt && !['new', 'running', 'waiting'].includes(state.status)) {
				run.status = state.status;
				if (process.env.BENCH_DEBUG) console.error(`saved: ${JSON.stringify(state)} after ${Math.round(performance.now() - started)} ms`);
				break;
			}
			if (exited) {
				run.status = `server exited (${state?.status ?? 'no execution'})`;
				break;
			}
			if (performance.now() - started > TIMEOUT_MS) {
				run.status = `not saved after ${TIMEOUT_MS / 1000} s`;
				break;
			}
			await sleep(200);
		}
		run.wall = (performance.now() - started) / 1000;
		run.cpu = cpuSeconds(processTree(pid)) - cpuBefore;
		run.hwmMb = statusKb(pid, 'VmHWM') / 1024;
		run.peakMb = peakKb / 1024;
	} finally {
		clearInterval(sampler);
		if (!exited) {
			server.kill('SIGTERM');
			const killed = await Promise.race([exit.then(() => false), sleep(60_000).then(() => true)]);
			if (killed) {
				server.kill('SIGKILL');
				await Promise.race([exit, sleep(10_000)]);
			}
		}
		spawnSync(p.n8nBin, ['unpublish:workflow', `--id=${id}`], { encoding: 'utf8', env: cliEnv });
	}
	return { id, run };
}

async function main(): Promise<void> {
	runtime.ensureRuntime();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-n8n-'));
	const userFolder = runtime.createUserFolder({ root: path.join(work, 'user') });
	const p = runtime.paths();
	const env = {
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_RESTRICT_FILE_ACCESS_TO: work,
		NODE_OPTIONS: '', // n8n's default heap, not the test harness's 8 GB
	};
	const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');
	console.log(`uptime: ${load()} (load average before)`);
	const rows: string[] = [];
	const facts: string[] = [];
	for (const size of sizes) {
		for (const workflow of workflows(work, size)) {
			const loadBefore = os.loadavg()[0].toFixed(1);
			let id: string;
			let status: string;
			let figures: string;
			if (serverMode) {
				const log = path.join(work, 'server.log');
				const measured = await runOnServer(userFolder, workflow, env, log);
				id = measured.id;
				const { run } = measured;
				status = run.status;
				figures = `${run.wall.toFixed(1)} | ${run.cpu.toFixed(1)} | ${Math.round(run.peakMb)} | ${Math.round(run.hwmMb)} | ${Math.round(run.idleMb)}`;
			} else {
				id = await runtime.importWorkflow(userFolder, { ...workflow, settings: { executionOrder: 'v1' } }, env);
				const outFile = path.join(work, `out-${id}.txt`);
				const fd = fs.openSync(outFile, 'w');
				// `timeout` stops n8n itself (spawnSync's timeout would only kill /usr/bin/time): TERM, then
				// KILL 10 s later. Not `-s KILL`: that also kills `timeout` before it reaps n8n, and
				// /usr/bin/time then reports timeout's own 2 MB instead of n8n's CPU and peak RSS.
				const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', 'timeout', '-k', '10', String(TIMEOUT_MS / 1000), p.n8nBin, 'execute', `--id=${id}`, '--rawOutput'], {
					stdio: ['ignore', fd, 'pipe'],
					encoding: 'utf8',
					env: await runtime.n8nEnv(userFolder, env),
					maxBuffer: 1 << 28,
				});
				fs.closeSync(fd);
				fs.rmSync(outFile, { force: true }); // the printed run is not read: the saved one is
				const time = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '');
				status = result.status === 124 || result.status === 137 ? `stopped after ${TIMEOUT_MS / 1000} s` : `exit ${result.status}`;
				if (/Invalid string length/.test(result.stderr ?? '')) status = 'Invalid string length (not saved)';
				const cpu = time ? Number(time[2]) + Number(time[3]) : NaN;
				figures = `${time?.[1] ?? '?'} | ${cpu.toFixed(1)} | ${time ? Math.round(Number(time[4]) / 1024) : '?'}`;
			}
			let perNode = '';
			const saved = runtime.readSavedExecution(userFolder, id);
			if (saved) {
				const runData = saved.data.resultData.runData as Record<string, Run[]>;
				const failed = Object.entries(runData).find(([, runs]) => runs[0]?.error);
				status = failed ? `${failed[0]} failed: ${failed[1][0].error?.message.slice(0, 80)}` : saved.data.resultData.error ? `failed: ${saved.data.resultData.error.message.slice(0, 80)}` : saved.status;
				perNode = perNodeMs(runData, workflow.nodes);
				if (runData['Split Holdout'] && runData['Resolve Identity'] && !failed) facts.push(`${size} customers: ${pipelineFacts(runData)}`);
			}
			const row = `| ${size} | ${workflow.name} | ${status} | ${figures} | ${perNode} | ${loadBefore} |`;
			rows.push(row);
			console.log(row);
		}
	}
	console.log(`uptime: ${load()} (load average after)`);
	console.log(
		serverMode
			? '\n| customers | workflow | status | wall s (trigger to saved) | CPU s | peak RSS MB (sampled, with children) | VmHWM MB | idle RSS MB | per node ms | load |\n|---|---|---|---|---|---|---|---|---|---|'
			: '\n| customers | workflow | status | wall s | CPU s | peak RSS MB | per node ms | load |\n|---|---|---|---|---|---|---|---|',
	);
	console.log(rows.join('\n'));
	if (facts.length > 0) console.log(`\n${facts.join('\n')}`);
	fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
