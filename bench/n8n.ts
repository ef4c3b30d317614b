// Large data through real n8n 2.41 in file mode (issue #19): generated audience and suppression
// files at --sizes customers, read with Read/Write Files from Disk, then Apply Suppression (File)
// -> Split Holdout (File), beside n8n reading the same audience into items (Extract From File) then a
// No-Op, and the items-mode Split Holdout on those items. Default n8n settings (heap included) with
// N8N_DEFAULT_BINARY_DATA_MODE=filesystem; each run is `n8n execute` under /usr/bin/time.
// Run: npm run bench:n8n [-- --sizes 10000,100000]   (builds first; run it with nice, report uptime)
// Prints one table row per workflow and size: wall s, CPU s (user+sys), peak RSS MB, per-node ms.
// Results are read from the execution the CLI prints, or from n8n's database when it cannot print it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '../lib/stats/random';

const runtime = require('../scripts/n8n-runtime.js');
const PACKAGE = 'n8n-nodes-marketing-analytics';

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const sizes = arg('sizes', '10000,100000').split(',').map(Number);

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

type Node = Record<string, unknown>;
function n(name: string, type: string, parameters: Record<string, unknown>, x: number, y = 0): Node {
	return { id: name.replace(/\W/g, '-'), name, type, typeVersion: 1, position: [x, y], parameters };
}
const read = (name: string, file: string, x: number, y = 0) => n(name, 'n8n-nodes-base.readWriteFile', { operation: 'read', fileSelector: file, options: {} }, x, y);
const to = (node: string, index = 0) => ({ node, type: 'main', index });

function workflows(files: { audience: string; list: string }): Array<{ name: string; nodes: Node[]; connections: Record<string, unknown> }> {
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
	console.log(`uptime: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} (load average before)`);
	console.log('| customers | workflow | status | wall s | CPU s | peak RSS MB | per node ms |');
	console.log('|---|---|---|---|---|---|---|');
	for (const size of sizes) {
		const files = generate(work, size);
		for (const workflow of workflows(files)) {
			const id = await runtime.importWorkflow(userFolder, { ...workflow, settings: {} }, env);
			const outFile = path.join(work, `out-${id}.txt`);
			const fd = fs.openSync(outFile, 'w');
			const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', p.n8nBin, 'execute', `--id=${id}`, '--rawOutput'], {
				stdio: ['ignore', fd, 'pipe'],
				encoding: 'utf8',
				env: await runtime.n8nEnv(userFolder, env),
				maxBuffer: 1 << 28,
			});
			fs.closeSync(fd);
			const time = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '');
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(outFile, { force: true });
			let status = `exit ${result.status}`;
			let perNode = '';
			const start = stdout.search(/^\{/m);
			const end = stdout.lastIndexOf('\n}');
			// The printed run when the CLI could print it, else the saved one from n8n's database.
			const saved = start >= 0 && end > start ? undefined : runtime.readSavedExecution(userFolder, id);
			if ((start >= 0 && end > start) || saved) {
				try {
					const execution = saved ?? JSON.parse(stdout.slice(start, end + 2));
					const runData = execution.data.resultData.runData as Record<string, Array<{ executionTime: number; error?: { message: string } }>>;
					const failed = Object.entries(runData).find(([, runs]) => runs[0]?.error);
					status = failed ? `${failed[0]} failed: ${failed[1][0].error?.message.slice(0, 80)}` : 'ok';
					perNode = Object.entries(runData)
						.filter(([name]) => name !== 'Start')
						.map(([name, runs]) => `${name} ${runs[0].executionTime}`)
						.join(', ');
				} catch (error) {
					status = `unreadable output (${(error as Error).message.slice(0, 60)})`;
				}
			} else if (/Invalid string length/.test(`${stdout}${result.stderr}`)) status = 'Invalid string length';
			const cpu = time ? Number(time[2]) + Number(time[3]) : NaN;
			console.log(`| ${size} | ${workflow.name} | ${status} | ${time?.[1] ?? '?'} | ${cpu.toFixed(1)} | ${time ? Math.round(Number(time[4]) / 1024) : '?'} | ${perNode} |`);
		}
	}
	console.log(`uptime: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} (load average after)`);
	fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
