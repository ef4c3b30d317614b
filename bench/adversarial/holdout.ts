// Attacks Split Holdout with the key shapes an export carries (blank, null, an array, an object) in
// every mode. Invariant (nodes/SplitHoldout: "an unassignable item is never treated"): an item
// without a usable customer key never leaves on an output that is sent to, whatever the arms are
// called or in which order they are listed; every item comes out once.
//   npx tsx bench/adversarial/holdout.ts [--root <worktree>] [--verbose]
import { attempt, executeNode, load, pairedCounts, Report } from './common';

const report = new Report('holdout');
const { SplitHoldout } = load('nodes/SplitHoldout/SplitHoldout.node.ts');
const node = new SplitHoldout();

const ITEMS = [{ customerId: '' }, { customerId: null }, { customerId: 'C-1001' }, { customerId: ['C-1002'] }, { customerId: { id: 'C-1003' } }, { customerId: 'C-1004' }];
const UNUSABLE = [0, 1, 3, 4];

/** Arm lists as users write them: the control arm first, last, or named otherwise. */
const SETUPS: Array<[string, Record<string, unknown>, (name: string) => boolean]> = [
	['treatment/control', { mode: 'treatmentControl', controlPercent: 10 }, (name) => name === 'Control'],
	['multi-arm, control last', { mode: 'multiArm', arms: { arm: [{ name: 'variant_a', weight: 45 }, { name: 'variant_b', weight: 45 }, { name: 'control', weight: 10 }] } }, (name) => /control/i.test(name)],
	['multi-arm, holdout first', { mode: 'multiArm', arms: { arm: [{ name: 'holdout', weight: 10 }, { name: 'email', weight: 90 }] } }, (name) => /holdout|control/i.test(name)],
];

async function unusableKeys() {
	for (const [label, parameters, isHeldOut] of SETUPS) {
		const { value, error } = await attempt(() =>
			executeNode(node, { parameters: { customerKeyField: 'customerId', customerIdField: 'customerId', campaignSalt: 'spring-2026', hashMode: 'md5', options: {}, ...parameters }, inputs: [ITEMS], continueOnFail: true }),
		);
		if (!value) {
			report.check(false, { id: `${label} crash`, harm: 'lost', title: `${label}: Split Holdout threw with Continue On Fail`, input: ITEMS, expected: 'items out', got: error?.message });
			continue;
		}
		const names: string[] = parameters.mode === 'multiArm' ? ((parameters.arms as any).arm as Array<{ name: string }>).map((a) => a.name) : ['Treatment', 'Control'];
		const treated = UNUSABLE.filter((i) => value.outputs.some((items: any[], output: number) => !isHeldOut(names[output] ?? '') && items.some((item) => item.pairedItem?.item === i)));
		report.check(treated.length === 0, {
			id: `${label} unusable key treated`,
			harm: 'unstable',
			title: `${label}: ${treated.length} items without a usable customer key leave on a sending arm (${names.filter((n) => !isHeldOut(n)).join(', ')}), unassigned and unlogged among the treated`,
			input: { arms: names, items: UNUSABLE.map((i) => ITEMS[i]) },
			expected: 'on the control / holdout arm (or an error output), never a sending arm',
			got: value.outputs.map((items: any[], output: number) => `${names[output]}: ${items.map((item) => item.pairedItem?.item).join(',')}`),
			responsible: 'nodes/SplitHoldout/SplitHoldout.node.ts failSafeOutput = outputOfArm[0] (the first arm listed)',
		});
		const counts = pairedCounts(value.outputs);
		const wrong = ITEMS.map((_, i) => i).filter((i) => counts.get(i) !== 1);
		report.check(wrong.length === 0, { id: `${label} every item once`, harm: 'lost', title: `${label}: items lost or duplicated: ${wrong.join(', ')}`, input: ITEMS, expected: 'each item once', got: wrong });
	}
}

async function main() {
	await unusableKeys();
	report.finish();
}

void main();
