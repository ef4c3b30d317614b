// templates/flagship-at-scale-files.json in real n8n, imported unchanged into a fresh user folder
// with N8N_DEFAULT_BINARY_DATA_MODE=filesystem: first on the sample files it makes itself (no
// folder), then on the same files written to a folder (Settings.folder, the only change), which
// must give the same results. Results are read from n8n's database, not from the CLI's output.
import fs from 'node:fs';
import path from 'node:path';
import type { Execution } from '../e2e/n8n';
import { outputsOf } from '../e2e/n8n';
import { newId, readCsv, readTemplate, userFolder } from './n8n';

const runtime = require('../../scripts/n8n-runtime.js');
const { flagshipAtScale } = require('../../scripts/build-templates.js');
const { pipelineFiles } = require('../../bench/pipeline-data.js');

jest.setTimeout(600_000);

type Json = Record<string, any>;
const FILE_MODE_NODES = ['Resolve Identity', 'Compute RFM', 'Score Customers', 'Apply Suppression', 'Split Holdout'];

function freshUserFolder(): string {
	const root = path.dirname(userFolder());
	const pack = path.join(root, 'pack');
	const tarball = fs.readdirSync(pack).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error(`no packed tarball in ${pack}`);
	return runtime.createUserFolder({ tarball: path.join(pack, tarball), root: fs.mkdtempSync(path.join(root, 'scale-')) });
}

/** Runs the workflow and reads the execution back from n8n's database. */
async function run(folder: string, workflow: Json, env: Record<string, string>): Promise<Execution> {
	const id = await runtime.importWorkflow(folder, workflow, env);
	await runtime.executeWorkflow(folder, id, env).catch(() => undefined); // the printed JSON is not used
	const saved = runtime.readSavedExecution(folder, id);
	if (!saved) throw new Error('no saved execution');
	return saved;
}

/** The CSV a file item points to, read from n8n's filesystem binary store (.n8n/storage). */
function fileRows(folder: string, item: Json): Array<Record<string, string>> {
	const id = String(item.binary.data.id);
	const relative = id.replace(/^filesystem(-v2)?:/, '');
	return readCsv(path.join(folder, '.n8n', 'storage', relative));
}

/** What each step reported: its summary items (file items without their binary). */
function summaries(execution: Execution): Json {
	const out: Json = {};
	for (const name of [...FILE_MODE_NODES, 'Train Model', 'Measure Lift']) {
		out[name] = outputsOf(execution, name).map((items) => items.map((i) => i.json));
	}
	delete out['Train Model'][0][0].model.createdAt;
	return out;
}

describe('template: flagship at scale (file to file)', () => {
	let fresh: string;
	let execution: Execution;
	const env = { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' };

	beforeAll(async () => {
		fresh = freshUserFolder();
		const workflow = flagshipAtScale().toJSON();
		expect(workflow).toEqual(readTemplate('flagship-at-scale-files.json'));
		execution = await run(fresh, { ...workflow, id: newId() }, env);
		expect(execution.data.resultData.error ?? null).toBeNull();
	});

	afterAll(() => {
		if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
	});

	it('passes every customer between the steps as one file, never as items', () => {
		let files = 0;
		for (const name of FILE_MODE_NODES) {
			for (const items of outputsOf(execution, name)) {
				// A file item (rows, file name, the file) or a one-item summary beside it.
				expect(items).toHaveLength(1);
				if (items[0].json.rows === undefined || !items[0].json.fileName) continue;
				expect(items[0].binary?.data).toBeDefined();
				files++;
			}
		}
		expect(files).toBe(4 + 1 + 1 + 2 + 1); // identity's four outputs, customers, scored, eligible and suppressed, the split
	});

	it('resolves identities, scores, suppresses and splits every customer', () => {
		const [[records], [profiles]] = outputsOf(execution, 'Resolve Identity').map((items) => items.map((i) => i.json));
		expect(records.rows).toBeGreaterThan(2000 * 2);
		expect(profiles.customers).toBeGreaterThanOrEqual(2000 * 0.98);
		expect(profiles.customers).toBeLessThan(2000 * 1.1);
		// CRM customer numbers became the persistent IDs: every CRM record kept its number.
		const crm = fileRows(fresh, outputsOf(execution, 'Resolve Identity')[0][0]).filter((r) => r.source === 'crm');
		expect(crm).toHaveLength(2000);
		expect(crm.filter((r) => r.customerId !== `C${r.recordKey.slice(4)}`).length).toBeLessThan(20);

		const [[customers]] = outputsOf(execution, 'Compute RFM');
		expect(customers.json.customers).toBe(2000);
		const [[scored]] = outputsOf(execution, 'Score Customers');
		expect(scored.json.rows).toBe(2000);
		const [[eligible], [suppressed]] = outputsOf(execution, 'Apply Suppression');
		expect(Number(eligible.json.rows) + Number(suppressed.json.rows)).toBe(2000);
		const optouts = new Set(
			(() => {
				const lines: string[] = [];
				pipelineFiles(2000, (name: string, text: string) => name === 'optouts.csv' && lines.push(text));
				return lines.join('').trim().split('\n').slice(1).map((line) => line.split(',')[0]);
			})(),
		);
		expect(suppressed.json.rows).toBe(optouts.size);
		const eligibleRows = fileRows(fresh, eligible);
		expect(eligibleRows.filter((r) => optouts.has(r.customerId))).toEqual([]);
		expect(Number(eligibleRows[0]['propensity.probability'])).toBeGreaterThan(0);

		const [[split]] = outputsOf(execution, 'Split Holdout');
		const arms = fileRows(fresh, split).map((r) => r['holdout.arm']);
		expect(arms).toHaveLength(eligibleRows.length);
		const control = arms.filter((a) => a === 'control').length / arms.length;
		expect(control).toBeGreaterThan(0.06);
		expect(control).toBeLessThan(0.14);
	});

	it('trains on the last campaign and measures its lift', () => {
		const [[model]] = outputsOf(execution, 'Train Model');
		expect(model.json.validation).toBeDefined();
		const lift = outputsOf(execution, 'Measure Lift')[0].map((i) => i.json);
		expect(lift.map((r) => r.metric).sort()).toEqual(['converted', 'revenue']);
		expect(Number(lift[0].n) + Number(lift[0].controlN)).toBeGreaterThan(300);
	});

	it('gives the same results reading the same files from a folder', async () => {
		const folder = fs.mkdtempSync(path.join(fresh, 'files-'));
		pipelineFiles(2000, (name: string, text: string) => fs.appendFileSync(path.join(folder, name), text));
		const workflow = flagshipAtScale().toJSON();
		const settings = workflow.nodes.find((n: Json) => n.name === 'Settings');
		settings.parameters.assignments.assignments.find((a: Json) => a.name === 'folder').value = folder;
		const fromFolder = await run(fresh, { ...workflow, id: newId() }, { ...env, N8N_RESTRICT_FILE_ACCESS_TO: folder });
		expect(fromFolder.data.resultData.error ?? null).toBeNull();
		expect(outputsOf(fromFolder, 'Read Files')[0]).toHaveLength(4);
		const strip = (s: Json) => JSON.parse(JSON.stringify(s, (key, value) => (key === 'fileName' ? undefined : value)));
		expect(strip(summaries(fromFolder))).toEqual(strip(summaries(execution)));
	});
});
