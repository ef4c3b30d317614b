// Every node says in one line what its run did, above the output (an info hint), as Resolve
// Identity and Apply Suppression already did.
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { countsByOutput, tally } from '../../nodes/shared';
import { executeNode } from '../helpers/executeNode';

const info = (hints: Array<{ type?: string; message: string }>) => hints.filter((hint) => hint.type === 'info').map((hint) => hint.message);

describe('run summary hints', () => {
	it('Split Holdout counts each arm', async () => {
		const audience = Array.from({ length: 1000 }, (_, i) => ({ customerId: `c${i}` }));
		const { outputs, hints } = await executeNode(new SplitHoldout(), { parameters: { customerIdField: 'customerId', campaignSalt: 's', controlPercent: 10, options: {} }, inputs: [audience] });
		expect(info(hints)).toEqual([`${outputs[0].length} treatment, ${outputs[1].length} control`]);
	});

	it('Measure Lift leads with the overall result in words', async () => {
		const rows = Array.from({ length: 400 }, (_, i) => ({ arm: i % 2 ? 'treatment' : 'control', converted: i % 2 ? Number(i % 10 === 1) : Number(i % 20 === 0) }));
		const { hints } = await executeNode(new MeasureLift(), { parameters: {}, inputs: [rows] });
		expect(info(hints)).toEqual([expect.stringMatching(/^Treatment converted 20\.0% vs 10\.0%: \+10\.0 pp \[.+\], p = 0\.00\d$/)]);
	});

	it('formats counts and tallies', () => {
		expect(countsByOutput([[{ json: {} }], []], ['propagated', 'failed'])).toBe('1 propagated, 0 failed');
		expect(tally(['Low', 'High', 'Low'])).toBe('Low 2, High 1');
	});
});
