// Real n8n 2.41.0 reads a slice of Hillstrom (../shared/datasets/lift/hillstrom.csv: the first
// 12,000 customers, Mens E-Mail against No E-Mail), trains n8n-nodes-marketing-analytics.scoreUplift
// on visits, and scores and evaluates the same items with the model travelling as an item (second
// input). The model, the scores and the Qini coefficient equal lib/uplift run in-process.
import fs from 'node:fs';
import path from 'node:path';
import { evaluateUplift, loadUpliftModel, scoreUplift, trainUplift } from '../../lib/uplift';
import { outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

const datasets = fs.realpathSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets', 'lift'));
const file = path.join(datasets, 'hillstrom.csv');
const FEATURES = ['recency', 'history_segment', 'history', 'mens', 'womens', 'zip_code', 'newbie', 'channel'];
const TEXT = ['history_segment', 'zip_code', 'channel', 'segment'];
const LIMIT = 12000;

const parse = `const lines = $input.first().json.data.split(/\\r?\\n/).filter((l) => l.length > 0).slice(0, ${LIMIT + 1});
const header = lines[0].split(',');
const text = ${JSON.stringify(TEXT)};
const out = [];
for (const line of lines.slice(1)) {
	// One quoted value holds a comma ("6) $750 - $1,000"): drop commas inside quotes.
	const cells = line.replace(/"([^"]*)"/g, (_, inner) => inner.replace(/,/g, '')).split(',');
	const json = {};
	header.forEach((h, j) => (json[h] = text.includes(h) ? cells[j] : Number(cells[j])));
	if (json.segment === 'Mens E-Mail' || json.segment === 'No E-Mail') out.push({ json });
}
return out;`;

const TRAIN = {
	operation: 'train',
	treatmentField: 'segment',
	treatedValue: 'Mens E-Mail',
	controlValue: 'No E-Mail',
	targetField: 'visit',
	featureFields: FEATURES.join(', '),
	trainOptions: { validation: 'random', validationPercent: 30, seed: 3 },
};

function node(id: string, name: string, x: number, parameters: Record<string, unknown>) {
	return { id, name, type: `${PACKAGE}.scoreUplift`, typeVersion: 1, position: [x, 0], parameters };
}

function workflow(): WorkflowJson {
	return {
		name: 'e2e: uplift on Hillstrom',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'read', name: 'Read Hillstrom', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [220, 0], parameters: { operation: 'read', fileSelector: file, options: {} } },
			{ id: 'text', name: 'Extract Text', type: 'n8n-nodes-base.extractFromFile', typeVersion: 1.1, position: [440, 0], parameters: { operation: 'text', destinationKey: 'data', options: {} } },
			{ id: 'parse', name: 'Parse', type: 'n8n-nodes-base.code', typeVersion: 2, position: [660, 0], parameters: { jsCode: parse } },
			node('train', 'Train', 880, TRAIN),
			node('score', 'Score', 1100, { operation: 'score', modelSource: 'input', modelField: 'model', scoreOptions: { topContributions: 2 } }),
			node('evaluate', 'Evaluate', 1100, { operation: 'evaluate', treatmentField: 'segment', targetField: 'visit', modelSource: 'input', evaluateOptions: { chart: true } }),
		],
		connections: {
			Start: { main: [[{ node: 'Read Hillstrom', type: 'main', index: 0 }]] },
			'Read Hillstrom': { main: [[{ node: 'Extract Text', type: 'main', index: 0 }]] },
			'Extract Text': { main: [[{ node: 'Parse', type: 'main', index: 0 }]] },
			Parse: {
				main: [
					[
						{ node: 'Train', type: 'main', index: 0 },
						{ node: 'Score', type: 'main', index: 0 },
						{ node: 'Evaluate', type: 'main', index: 0 },
					],
				],
			},
			Train: {
				main: [
					[
						{ node: 'Score', type: 'main', index: 1 },
						{ node: 'Evaluate', type: 'main', index: 1 },
					],
				],
			},
		},
	};
}

function hillstromColumns(): Record<string, unknown[]> {
	const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0).slice(0, LIMIT + 1);
	const header = lines[0].split(',');
	const rows = lines
		.slice(1)
		.map((l) => l.replace(/"([^"]*)"/g, (_, inner: string) => inner.replace(/,/g, '')).split(','))
		.map((cells) => header.map((h, j) => (TEXT.includes(h) ? cells[j] : Number(cells[j]))))
		.filter((r) => ['Mens E-Mail', 'No E-Mail'].includes(r[header.indexOf('segment')] as string));
	return Object.fromEntries(header.map((h, j) => [h, rows.map((r) => r[j])]));
}

describe('Score Uplift in real n8n', () => {
	it('trains on Hillstrom items, scores and evaluates them with the model as an item', async () => {
		const execution = await runWorkflow(workflow(), { N8N_RESTRICT_FILE_ACCESS_TO: datasets });
		const [[modelItem]] = outputsOf(execution, 'Train');
		const [scored, [report]] = outputsOf(execution, 'Score');
		const [[metrics]] = outputsOf(execution, 'Evaluate');

		const columns = hillstromColumns();
		const n = columns.segment.length;
		const lib = trainUplift(columns, {
			treatment: 'segment',
			treatedValue: 'Mens E-Mail',
			controlValue: 'No E-Mail',
			target: 'visit',
			features: FEATURES,
			validation: { type: 'random', fraction: 0.3, seed: 3 },
		}).model;
		const model = loadUpliftModel(modelItem.json.model);
		expect(model.modelId).toBe(lib.modelId);
		expect(modelItem.json.validation).toMatchObject({ qini: lib.metrics.validation!.qini });

		const s = scoreUplift(lib, columns, { topContributions: 2 });
		expect(scored).toHaveLength(n);
		for (const i of [0, 1, Math.floor(n / 2), n - 1]) {
			const u = scored[i].json.uplift as { uplift: number; decile: number; segment: string; modelId: string; topReasons: Array<{ feature: string }> };
			expect(u.uplift).toBe(Number(s.uplift[i].toFixed(6)));
			expect(u.decile).toBe(s.decile[i]);
			expect(u.segment).toBe(s.segment[i]);
			expect(u.topReasons.map((r) => r.feature)).toEqual(s.reasonsOf(i).map((r) => r.feature));
			expect(u.modelId).toBe(lib.modelId);
		}
		expect((report.json.drift as { upliftPsi: number }).upliftPsi).toBeLessThan(0.05);

		const y = columns.visit as number[];
		const t = (columns.segment as string[]).map((v) => Number(v === 'Mens E-Mail'));
		const m = evaluateUplift(y, s.uplift, t);
		expect(metrics.json.qini).toBeCloseTo(m.qini!, 10);
		expect(metrics.json.auuc).toBeCloseTo(m.auuc!, 10);
		expect((metrics.json.deciles as unknown[]).length).toBe(10);
		expect(metrics.binary?.chart).toBeDefined();
	}, 300_000);
});
