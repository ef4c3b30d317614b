// Real n8n 2.41.0 reads UCI bank.csv (4,521 rows), parses it in a Code node, trains
// n8n-nodes-marketing-analytics.scorePropensity on the items, and scores the same items with the
// model travelling as an item (second input) and through an expression; Evaluate gives metrics.
// The scores equal lib/propensity run in-process on the same rows.
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, loadModel, scoreColumns, trainPropensity, type PropensityModel } from '../../lib/propensity';
import { outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

const datasets = fs.realpathSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets', 'propensity'));
const file = path.join(datasets, 'bank.csv');
const FEATURES = ['age', 'job', 'marital', 'education', 'default', 'balance', 'housing', 'loan', 'contact', 'day', 'month', 'campaign', 'pdays', 'previous', 'poutcome'];

const parse = `const lines = $input.first().json.data.split(/\\r?\\n/).filter((l) => l.length > 0);
const header = lines[0].split(';').map((h) => h.replace(/"/g, ''));
const out = [];
for (const line of lines.slice(1)) {
	const cells = line.split(';');
	const json = {};
	header.forEach((h, j) => {
		const c = cells[j];
		json[h] = c.startsWith('"') ? c.replace(/"/g, '') : Number(c);
	});
	out.push({ json });
}
return out;`;

function node(id: string, name: string, x: number, parameters: Record<string, unknown>) {
	return { id, name, type: `${PACKAGE}.scorePropensity`, typeVersion: 1, position: [x, 0], parameters };
}

function workflow(): WorkflowJson {
	return {
		name: 'e2e: propensity on bank.csv',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'read', name: 'Read Bank', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [220, 0], parameters: { operation: 'read', fileSelector: file, options: {} } },
			{ id: 'text', name: 'Extract Text', type: 'n8n-nodes-base.extractFromFile', typeVersion: 1.1, position: [440, 0], parameters: { operation: 'text', destinationKey: 'data', options: {} } },
			{ id: 'parse', name: 'Parse', type: 'n8n-nodes-base.code', typeVersion: 2, position: [660, 0], parameters: { jsCode: parse } },
			node('train', 'Train', 880, { operation: 'train', targetField: 'y', featureFields: FEATURES.join(', '), trainOptions: { folds: 5 } }),
			node('score', 'Score', 1100, { operation: 'score', modelSource: 'input', modelField: 'model', scoreOptions: { topContributions: 3 } }),
			node('scoreExpr', 'Score By Expression', 1320, {
				operation: 'score',
				modelSource: 'parameter',
				modelJson: "={{ $('Train').first().json.model }}",
				outputField: 'score',
			}),
			node('evaluate', 'Evaluate', 1100, { operation: 'evaluate', targetField: 'y', modelSource: 'input' }),
		],
		connections: {
			Start: { main: [[{ node: 'Read Bank', type: 'main', index: 0 }]] },
			'Read Bank': { main: [[{ node: 'Extract Text', type: 'main', index: 0 }]] },
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
			// Downstream of Score, so Train has run when the expression reads its model.
			Score: { main: [[{ node: 'Score By Expression', type: 'main', index: 0 }]] },
		},
	};
}

function bankColumns(): { columns: Record<string, unknown[]>; n: number } {
	const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
	const header = lines[0].split(';').map((h) => h.replace(/"/g, ''));
	const rows = lines.slice(1).map((l) => l.split(';').map((c) => (c.startsWith('"') ? c.replace(/"/g, '') : Number(c))));
	return { columns: Object.fromEntries(header.map((h, j) => [h, rows.map((r) => r[j])])), n: rows.length };
}

describe('Score Propensity in real n8n', () => {
	it('trains on bank.csv items, scores them with the model as an item and by expression, and evaluates', async () => {
		const execution = await runWorkflow(workflow(), { N8N_RESTRICT_FILE_ACCESS_TO: datasets });
		const [[modelItem]] = outputsOf(execution, 'Train');
		const [scored, [report]] = outputsOf(execution, 'Score');
		const [byExpression] = outputsOf(execution, 'Score By Expression');
		const [[metrics]] = outputsOf(execution, 'Evaluate');

		const { columns, n } = bankColumns();
		expect(n).toBe(4521);
		const lib = trainPropensity(columns, { target: 'y', features: FEATURES, folds: 5 }).model;
		const model = loadModel(modelItem.json.model) as PropensityModel;
		expect(model.coefficients.map((c) => c.estimate)).toEqual(lib.coefficients.map((c) => c.estimate));
		expect(model.modelId).toBe(lib.modelId);
		expect((modelItem.json.crossValidation as { meanAuc: number }).meanAuc).toBeCloseTo(lib.metrics.crossValidation!.meanAuc, 10);

		const s = scoreColumns(lib, columns, { topContributions: 3 });
		expect(scored).toHaveLength(4521);
		for (const i of [0, 1, 2000, 4520]) {
			const p = scored[i].json.propensity as { probability: number; decile: number; tier: string; topReasons: Array<{ feature: string }>; modelId: string };
			expect(p.probability).toBe(Number(s.probability[i].toFixed(4)));
			expect(p.decile).toBe(s.decile[i]);
			expect(p.tier).toBe(s.tier[i]);
			expect(p.topReasons.map((r) => r.feature)).toEqual(s.contributions![i].map((r) => r.feature));
			expect(p.modelId).toBe(lib.modelId);
			expect(scored[i].json.job).toBe(columns.job[i]);
		}
		// The model read by an expression scores the same.
		expect(byExpression).toHaveLength(4521);
		for (const i of [0, 4520]) {
			expect((byExpression[i].json.score as { probability: number }).probability).toBe((scored[i].json.propensity as { probability: number }).probability);
		}
		expect((report.json.drift as { scorePsi: number }).scorePsi).toBeLessThan(0.01);

		const m = evaluate(Float64Array.from(columns.y as string[], (v) => (v === 'yes' ? 1 : 0)), s.probability);
		expect(metrics.json.auc).toBeCloseTo(m.auc, 12);
		expect(metrics.json.topDecileLift).toBeCloseTo(m.topDecileLift, 12);
	}, 180_000);
});
