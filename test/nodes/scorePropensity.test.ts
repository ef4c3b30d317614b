import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { loadModel, scoreColumns, type PropensityModel } from '../../lib/propensity';
import { ScorePropensity } from '../../nodes/ScorePropensity/ScorePropensity.node';
import { executeNode } from '../helpers/executeNode';
import { bankColumns } from '../lib/propensity/data';

const node = new ScorePropensity();
const { columns, features } = bankColumns();
const bank: IDataObject[] = (columns.y as string[]).map((_, i) => Object.fromEntries(Object.keys(columns).map((k) => [k, columns[k][i] as string | number])));
const FEATURES = features.join(', ');

async function train(extra: IDataObject = {}, inputs: IDataObject[] = bank) {
	return executeNode(node, { parameters: { operation: 'train', targetField: 'y', featureFields: FEATURES, ...extra }, inputs: [inputs] });
}

describe('Score Propensity node', () => {
	let modelItem: IDataObject;
	beforeAll(async () => {
		const { outputs } = await train({ trainOptions: { validation: 'random', validationPercent: 25, folds: 3 } });
		modelItem = outputs[0][0].json;
	});

	it('Train: one model item with metrics, paired to every training item', async () => {
		const { outputs } = await train();
		expect(outputs).toHaveLength(1);
		expect(outputs[0]).toHaveLength(1);
		const json = outputs[0][0].json as IDataObject & { model: PropensityModel; training: { auc: number } };
		expect(json.modelId).toBe(json.model.modelId);
		// 41 columns of the full data less month "dec" (8 rows here, under the rare-level count of 10: scored as the reference).
		expect(loadModel(json.model).coefficients).toHaveLength(41);
		expect(json.model.features.find((f) => f.name === 'month')).toMatchObject({ pooled: ['dec'] });
		expect(json.training.auc).toBeGreaterThan(0.7);
		expect((outputs[0][0].pairedItem as unknown[]).length).toBe(bank.length);
		expect(modelItem.validationRows as number).toBeGreaterThan(400);
		expect((modelItem.crossValidation as { folds: number }).folds).toBe(3);
	});

	it('Score: the model from the second input; fields match lib scoring; a report with drift', async () => {
		const data = bank.slice(0, 300);
		const { outputs } = await executeNode(node, { parameters: { operation: 'score' }, inputs: [data, [modelItem]] });
		const [scored, [report]] = outputs;
		expect(scored).toHaveLength(300);
		const model = modelItem.model as PropensityModel;
		const cols = Object.fromEntries(model.features.map((f) => [f.name, data.map((r) => r[f.name])]));
		const lib = scoreColumns(model, cols, { topContributions: 3 });
		scored.forEach((item, i) => {
			const p = item.json.propensity as { probability: number; decile: number; tier: string; topReasons: unknown[]; modelId: string };
			expect(p.probability).toBe(Number(lib.probability[i].toFixed(4)));
			expect(p.decile).toBe(lib.decile[i]);
			expect(p.tier).toBe(lib.tier[i]);
			expect(p.topReasons).toHaveLength(3);
			expect(item.json.age).toBe(data[i].age);
			expect(item.pairedItem).toEqual({ item: i });
		});
		const drift = report.json.drift as { scorePsi: number; features: unknown[] };
		expect(drift.features).toHaveLength(model.features.length);
		expect(drift.scorePsi).toBeLessThan(0.2);
	});

	it('Score: the model from a parameter (object or JSON string) gives the same scores', async () => {
		const data = bank.slice(0, 50);
		const a = await executeNode(node, { parameters: { operation: 'score', modelSource: 'parameter', modelJson: modelItem.model }, inputs: [data] });
		const b = await executeNode(node, { parameters: { operation: 'score', modelSource: 'parameter', modelJson: JSON.stringify(modelItem.model) }, inputs: [data] });
		expect(a.outputs[0].map((i) => i.json.propensity)).toEqual(b.outputs[0].map((i) => i.json.propensity));
	});

	it('Score: a drifted population is flagged in the report and as a hint', async () => {
		const older = bank.slice(0, 400).map((r) => ({ ...r, age: (r.age as number) + 25, balance: (r.balance as number) * 5 }));
		const { outputs, hints } = await executeNode(node, { parameters: { operation: 'score' }, inputs: [older, [modelItem]] });
		const drift = outputs[1][0].json.drift as { drifted: string[] };
		expect(drift.drifted).toEqual(expect.arrayContaining(['age', 'balance']));
		expect(hints.map((h) => h.message).join(' ')).toMatch(/Feature "age" drifted from training \(PSI/);
	});

	it('Score: unseen categories are scored and reported', async () => {
		const data = bank.slice(0, 20).map((r, i) => (i < 3 ? { ...r, job: 'astronaut' } : r));
		const { outputs, hints } = await executeNode(node, { parameters: { operation: 'score' }, inputs: [data, [modelItem]] });
		expect(outputs[0]).toHaveLength(20);
		expect(outputs[1][0].json.unseenLevels).toEqual({ job: 3 });
		expect(hints.map((h) => h.message).join(' ')).toMatch(/3 row\(s\) have a "job" value not seen in training/);
	});

	it('Evaluate: metrics on items with outcomes equal lib metrics', async () => {
		const { outputs } = await executeNode(node, { parameters: { operation: 'evaluate', targetField: 'y' }, inputs: [bank, [modelItem]] });
		const json = outputs[0][0].json as { auc: number; deciles: unknown[]; calibration: unknown[]; modelId: string };
		expect(json.modelId).toBe(modelItem.modelId);
		expect(json.auc).toBeGreaterThan(0.7);
		expect(json.deciles).toHaveLength(10);
		expect(json.calibration).toHaveLength(10);
	});

	describe('bad input', () => {
		it('a target that is not 0/1, boolean or yes/no names the item and field; Continue On Fail makes an error item', async () => {
			const data = bank.slice(0, 200).map((r, i) => (i === 7 ? { ...r, y: 'maybe' } : r));
			await expect(train({}, data)).rejects.toThrow('Item 7: field "y" is a string; expected 0/1, true/false or yes/no');
			const { outputs } = await executeNode(node, {
				parameters: { operation: 'train', targetField: 'y', featureFields: 'age, balance, housing' },
				inputs: [data],
				continueOnFail: true,
			});
			expect(outputs[0]).toHaveLength(2);
			expect(outputs[0][1].json).toMatchObject({ error: expect.stringContaining('Item 7'), details: { itemIndex: 7, field: 'y' } });
			expect((outputs[0][0].json.model as PropensityModel).trainingWindow.rows).toBe(199);
		});

		it('constant and all-missing columns', async () => {
			const constant = bank.slice(0, 100).map((r) => ({ ...r, channel: 'email' }));
			await expect(train({ featureFields: 'age, channel' }, constant)).rejects.toThrow('Feature "channel" has a single level');
			const empty = bank.slice(0, 100).map((r) => ({ ...r, score: null }));
			await expect(train({ featureFields: 'age, score' }, empty)).rejects.toThrow('Feature "score" has no values (all missing)');
			await expect(train({}, bank.slice(0, 100).map((r) => ({ ...r, y: 'no' })))).rejects.toThrow(/only negative outcomes/);
		});

		it('a wrong model version, a model that is not a model, and no model', async () => {
			const v2 = { ...(modelItem.model as IDataObject), formatVersion: 2 };
			await expect(executeNode(node, { parameters: { operation: 'score' }, inputs: [bank.slice(0, 5), [{ model: v2 }]] })).rejects.toThrow(
				'Model format version 2 is not supported: this package reads version 1',
			);
			await expect(executeNode(node, { parameters: { operation: 'score' }, inputs: [bank.slice(0, 5), [{ other: 1 }]] })).rejects.toThrow(
				'The Model input item has no field "model"',
			);
			await expect(executeNode(node, { parameters: { operation: 'score' }, inputs: [bank.slice(0, 5), []] })).rejects.toThrow('No model on the Model input');
			await expect(
				executeNode(node, { parameters: { operation: 'score', modelSource: 'parameter', modelJson: '{"formatVersion": 1}' }, inputs: [bank.slice(0, 5)] }),
			).rejects.toThrow(/malformed/);
		});

		it('a model whose features are absent from the items', async () => {
			const data = bank.slice(0, 10).map(({ job: _job, month: _month, ...rest }) => rest);
			const run = executeNode(node, { parameters: { operation: 'score' }, inputs: [data, [modelItem]] });
			await expect(run).rejects.toThrow('The input items lack the model features "job", "month"');
			await expect(executeNode(node, { parameters: { operation: 'score' }, inputs: [data, [modelItem]] })).rejects.toBeInstanceOf(NodeOperationError);
		});

		it('empty input', async () => {
			await expect(train({}, [])).rejects.toThrow('No input items to train on');
			await expect(executeNode(node, { parameters: { operation: 'evaluate', targetField: 'y' }, inputs: [[], [modelItem]] })).rejects.toThrow('No input items to evaluate on');
			const { outputs } = await executeNode(node, { parameters: { operation: 'score' }, inputs: [[], [modelItem]] });
			expect(outputs).toEqual([[], []]);
		});
	});
});
