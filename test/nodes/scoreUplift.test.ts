import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { loadUpliftModel, scoreUplift, type UpliftModel } from '../../lib/uplift';
import { ScoreUplift } from '../../nodes/ScoreUplift/ScoreUplift.node';
import { executeNode } from '../helpers/executeNode';
import { columnsOf, syntheticCampaign } from '../lib/uplift/synthetic';

const node = new ScoreUplift();
const { rows } = syntheticCampaign(3000, 5);
// As Split Holdout emits it: the arm under holdout.arm.
const items: IDataObject[] = rows.map(({ arm, ...rest }) => ({ ...rest, holdout: { arm } }));
const TRAIN = { operation: 'train', targetField: 'converted', featureFields: 'persona, tenure, channel', trainOptions: { minUplift: 0.1 } };

describe('Score Uplift node', () => {
	let modelItem: IDataObject;
	beforeAll(async () => {
		const { outputs } = await executeNode(node, { parameters: TRAIN, inputs: [items] });
		modelItem = outputs[0][0].json;
	});

	it('Train: one model item (Split Holdout arm field by default), validated on a stratified 30%', () => {
		const model = modelItem.model as UpliftModel;
		expect(loadUpliftModel(model).modelId).toBe(modelItem.modelId);
		expect(model.learner).toBe('two-model');
		expect(modelItem.validationRows).toBe(model.trainingWindow.validationRows);
		expect(Math.abs((modelItem.validationRows as number) - 900)).toBeLessThanOrEqual(2);
		expect((modelItem.validation as { qini: number }).qini).toBeGreaterThan(0.1);
		expect(model.segments.minUplift).toBe(0.1);
	});

	it('Score: uplift, arm probabilities, decile, segment, reasons, equal to lib; a report with segment counts and drift', async () => {
		const { outputs } = await executeNode(node, { parameters: { operation: 'score' }, inputs: [items.slice(0, 500), [modelItem]] });
		expect(outputs).toHaveLength(2);
		expect(outputs[0]).toHaveLength(500);
		const lib = scoreUplift(modelItem.model as UpliftModel, columnsOf(rows.slice(0, 500)), { topContributions: 3 });
		const first = outputs[0][0].json.uplift as IDataObject;
		expect(first.uplift).toBeCloseTo(lib.uplift[0], 6);
		expect(first.segment).toBe(lib.segment[0]);
		expect(first.topReasons).toHaveLength(3);
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
		const report = outputs[1][0].json as { segments: Record<string, number>; drift: { upliftPsi: number } };
		expect(Object.values(report.segments).reduce((a, b) => a + b, 0)).toBe(500);
		expect(report.drift.upliftPsi).toBeLessThan(0.2);
	});

	it('Evaluate: Qini, AUUC, uplift at k, deciles with intervals, and the Qini chart as SVG', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { operation: 'evaluate', treatmentField: 'holdout.arm', targetField: 'converted', evaluateOptions: { chart: true, k: 20 } },
			inputs: [items, [modelItem]],
		});
		const json = outputs[0][0].json as IDataObject & { deciles: Array<{ ciLow: number }>; upliftAtK: { k: number; ratioToRandom: number }; qiniCurve: unknown[] };
		expect(json.qini).toBeGreaterThan(0.1);
		expect(json.deciles).toHaveLength(10);
		expect(json.upliftAtK.k).toBe(0.2);
		expect(json.upliftAtK.ratioToRandom).toBeGreaterThan(1);
		expect(json.qiniCurve).toHaveLength(21);
		expect(outputs[0][0].binary?.chart.mimeType).toBe('image/svg+xml');
		expect((outputs[0][0].pairedItem as unknown[]).length).toBe(items.length);
	});

	it('an item in neither arm: an error naming the field, or with Continue On Fail an error item beside the model', async () => {
		const bad = items.slice(0, 600).map((item, i) => (i === 3 ? { ...item, holdout: { arm: 'maybe' } } : item));
		await expect(executeNode(node, { parameters: TRAIN, inputs: [bad] })).rejects.toThrow(NodeOperationError);
		const { outputs } = await executeNode(node, { parameters: TRAIN, inputs: [bad], continueOnFail: true });
		expect(outputs[0]).toHaveLength(2);
		expect(outputs[0][1].json.error).toBeDefined();
		expect(outputs[0][1].pairedItem).toEqual({ item: 3 });
	});

	it('refuses a propensity model or a tampered one', async () => {
		const tampered = JSON.parse(JSON.stringify(modelItem.model));
		tampered.segments.minUplift = 0;
		await expect(executeNode(node, { parameters: { operation: 'score' }, inputs: [items.slice(0, 5), [{ model: tampered }]] })).rejects.toThrow(/does not match/);
	});
});
