// Red team (s11): Split Holdout node with *Stratify by Field*. README: "the same customer lands in
// the same arm"; by household "everyone sharing a letterbox is in the same arm and treatment does
// not leak into control". With strata, lib/holdout/assign.ts assignStratified re-cuts each stratum
// by rank of bucket, per unit (item), so one key can land on both sides of a cut. A key in both
// Treatment and Control is sent to (and also counted as control). Plain it(): fails now.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { bucketOf } from '../../lib/holdout';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { executeNode } from '../helpers/executeNode';

const node = new SplitHoldout();
const SALT = 'spring-2026';

/** Key -> the set of arms its items came out on. */
function armsByKey(outputs: INodeExecutionData[][], keyOf: (json: IDataObject) => string): Map<string, Set<string>> {
	const arms = new Map<string, Set<string>>();
	for (const output of outputs)
		for (const item of output) {
			const key = keyOf(item.json);
			const arm = String((item.json.holdout as IDataObject).arm);
			arms.set(key, (arms.get(key) ?? new Set()).add(arm));
		}
	return arms;
}

describe('red team s11 Split Holdout: stratified assignment splits one key across arms', () => {
	it('the same customer appearing twice in one stratum (a duplicate export row) lands in one arm, never in both Treatment and Control', async () => {
		// Ten customers; the one with the lowest bucket appears twice. 11 units, 10% control: the
		// stratum's cut is at rank 1, between the two rows of that customer.
		const keys = Array.from({ length: 10 }, (_, i) => `cus_${1000 + i}`);
		const lowest = [...keys].sort((a, b) => bucketOf(SALT, a, 'md5') - bucketOf(SALT, b, 'md5'))[0];
		const items = [...keys, lowest].map((customerId) => ({ customerId, segment: 'Champions' }));
		const { outputs } = await executeNode(node, { parameters: { campaignSalt: SALT, controlPercent: 10, options: { stratifyField: 'segment' } }, inputs: [items] });
		expect([...armsByKey(outputs, (json) => String(json.customerId)).get(lowest)!]).toHaveLength(1);
	});

	it('randomized by household and stratified by a per-customer field (RFM segment), every household lands in one arm', async () => {
		// Members of one household fall in different strata, each stratum cut on its own.
		const segments = ['Champions', 'At Risk', 'Lost', 'Loyal'];
		const items: IDataObject[] = [];
		for (let h = 0; h < 300; h++) {
			const members = 1 + (h % 3 === 0 ? 1 : 0) + (h % 7 === 0 ? 1 : 0);
			for (let m = 0; m < members; m++) items.push({ customerId: `cus_${h}_${m}`, householdId: `hh_${h}`, segment: segments[(h * 7 + m * 3) % segments.length] });
		}
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: SALT, controlPercent: 10, randomizeBy: 'household', options: { stratifyField: 'segment' } },
			inputs: [items],
		});
		const split = [...armsByKey(outputs, (json) => String(json.householdId))].filter(([, arms]) => arms.size > 1).map(([household]) => household);
		expect(split).toEqual([]);
	});
});
