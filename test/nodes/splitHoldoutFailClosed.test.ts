// Split Holdout fails closed on keys (red-team bench/adversarial/holdout.ts): an item without a
// usable customer key never leaves on a sending arm, however the arms are named or ordered, and keys
// are read as Apply Suppression reads them (lib/records readKey: trimmed, 1001.0 is 1001).
import { NodeOperationError } from 'n8n-workflow';
import { failSafeArmIndex, holdoutKey } from '../../lib/holdout';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { executeNode } from '../helpers/executeNode';

const node = new SplitHoldout();
const ITEMS = [{ customerId: '' }, { customerId: null }, { customerId: 'C-1001' }, { customerId: ['C-1002'] }, { customerId: { id: 'C-1003' } }, { customerId: 'C-1004' }, { customerId: 'N/A' }];
const UNUSABLE = [0, 1, 3, 4, 6];
const armsOf = (...names: string[]) => ({ arm: names.map((name) => ({ name, weight: 1 })) });
const items = (outputs: Array<Array<{ pairedItem?: unknown }>>, at: number) => outputs[at].map((item) => (item.pairedItem as { item: number }).item);

describe('Split Holdout: items without a usable key (fail closed)', () => {
	it.each([
		[['variant_a', 'variant_b', 'control'], 2],
		[['Email A', 'Holdout 10%', 'Email B'], 1],
		[['control', 'a'], 0],
		[['emailA', 'emailB', 'ControlGroup'], 2],
		[['promo', 'HoldOut'], 1],
		[['variant_a', 'control_group_10pct'], 1],
	])('multi-arm %j: they go to the control arm, wherever it is listed', async (names, control) => {
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 'spring-2026', mode: 'multiArm', arms: armsOf(...names) },
			inputs: [ITEMS],
			continueOnFail: true,
		});
		for (let at = 0; at < names.length; at++) if (at !== control) for (const i of UNUSABLE) expect(items(outputs, at)).not.toContain(i);
		expect(items(outputs, control)).toEqual(expect.arrayContaining(UNUSABLE));
		expect(outputs.flat()).toHaveLength(ITEMS.length);
	});

	it('multi-arm with One Output: the unassigned item names the control arm, not the first one', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 's', mode: 'multiArm', arms: armsOf('variant_a', 'control'), outputArms: 'one' },
			inputs: [ITEMS],
			continueOnFail: true,
		});
		for (const i of UNUSABLE) expect(outputs[0][i].json.holdout).toEqual({ arm: 'control', assigned: false });
	});

	it('the Control Arm option names the arm; a name that is no arm stops the node', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 's', mode: 'multiArm', arms: armsOf('a', 'b', 'rest'), options: { controlArm: 'rest' } },
			inputs: [ITEMS],
			continueOnFail: true,
		});
		expect(items(outputs, 2)).toEqual(expect.arrayContaining(UNUSABLE));
		await expect(
			executeNode(node, { parameters: { campaignSalt: 's', mode: 'multiArm', arms: armsOf('a', 'b'), options: { controlArm: 'c' } }, inputs: [ITEMS], continueOnFail: true }),
		).rejects.toThrow(/not one of the arms/);
	});

	it('with no arm that is not sent to, it stops even with Continue On Fail (or uses the error output)', async () => {
		await expect(
			executeNode(node, { parameters: { campaignSalt: 's', mode: 'multiArm', arms: armsOf('variant_a', 'variant_b') }, inputs: [ITEMS], continueOnFail: true }),
		).rejects.toBeInstanceOf(NodeOperationError);
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 's', mode: 'multiArm', arms: armsOf('variant_a', 'variant_b') },
			inputs: [ITEMS],
			onError: 'continueErrorOutput',
		});
		// n8n moves these (JSON of only error and details) to the error output.
		const errors = outputs.flat().filter((item) => 'error' in item.json);
		expect(errors.map((item) => (item.pairedItem as { item: number }).item).sort()).toEqual(UNUSABLE);
		for (const item of errors) expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
		// Without any unusable key the arms need no control.
		const clean = await executeNode(node, { parameters: { campaignSalt: 's', mode: 'multiArm', arms: armsOf('variant_a', 'variant_b') }, inputs: [[{ customerId: 'C-1' }]] });
		expect(clean.outputs.flat()).toHaveLength(1);
	});
});

describe('the arm that is not sent to', () => {
	it('is found by name, never in a word that only contains it', () => {
		const arms = (...names: string[]) => names.map((name) => ({ name }));
		expect(failSafeArmIndex(arms('a', 'b', 'No Send'))).toBe(2);
		expect(failSafeArmIndex(arms('uncontrolled', 'b'))).toBe(-1);
		expect(failSafeArmIndex(arms('a', 'holdoutish'))).toBe(-1);
		expect(failSafeArmIndex(arms('a', 'b'), ' b ')).toBe(1);
	});
});

describe('Split Holdout reads keys as the pack does (lib/records readKey)', () => {
	it('1001, "1001.0", " 1001 " and "1001\\t" are one customer in one arm; missing markers are no key', async () => {
		expect(['1001.0', ' 1001 ', '1001\t', '\u00a01001\u3000', '+1001.00'].map(holdoutKey)).toEqual(['1001', '1001', '1001', '1001', '1001']);
		expect(['', '  ', 'null', '#N/A', 'n/a', undefined, null, [], {}].map(holdoutKey)).toEqual(Array(9).fill(undefined));
		expect(holdoutKey(1001)).toBe('1001');
		expect(holdoutKey('0012')).toBe('0012');
		expect(['１００１', '1001\u200b', '\u200e1001', '\ufeff１００１.０'].map(holdoutKey)).toEqual(['1001', '1001', '1001', '1001']);
		for (const salt of ['spring-2026', 'summer-2026', 'fall-2026', 'winter-2026', 'a', 'b', 'c']) {
			const { outputs } = await executeNode(node, {
				parameters: { campaignSalt: salt, controlPercent: 50 },
				inputs: [[{ customerId: 1001 }, { customerId: '1001.0' }, { customerId: ' 1001 ' }, { customerId: '1001\t' }]],
			});
			const arms = outputs.flat().map((item) => (item.json.holdout as { arm: string; bucket: number }).bucket);
			expect(new Set(arms).size).toBe(1);
		}
	});

	it('empty containers as exporters write them ([], {}, \'\') and rounded 18-digit numbers are no key: Control (red-team T1, T3)', async () => {
		expect(['[]', '{}', "''", '""', 123456789012345678].map(holdoutKey)).toEqual(Array(5).fill(undefined));
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 'spring-2026', controlPercent: 10 },
			inputs: [[{ customerId: '[]' }, { customerId: '{}' }, { customerId: "''" }, { customerId: 123456789012345678 }]],
			continueOnFail: true,
		});
		expect(outputs[0]).toHaveLength(0);
		expect(outputs[1]).toHaveLength(4);
	});

	it('treatment/control: a missing-marker key goes to Control, never Treatment', async () => {
		const { outputs } = await executeNode(node, { parameters: { campaignSalt: 's', controlPercent: 1 }, inputs: [[{ customerId: 'NULL' }, { customerId: '#N/A' }]], continueOnFail: true });
		expect(outputs[0]).toHaveLength(0);
		expect(outputs[1]).toHaveLength(2);
	});
});
