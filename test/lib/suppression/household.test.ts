import { applyHouseholdRules, type Decision } from '../../../lib/suppression';

const eligible = (): Decision => ({ eligible: true, reasons: [], warnings: [] });
const optedOut = (): Decision => ({ eligible: false, reasons: [{ code: 'opted_out', detail: 'consent withdrawn' }], warnings: [] });
const bounced = (): Decision => ({ eligible: false, reasons: [{ code: 'hard_bounce', detail: 'bounced' }], warnings: [] });

describe('household rules', () => {
	it('Max Per Household keeps the first eligible members of each household, and people without a household are their own', () => {
		const decisions = [eligible(), eligible(), bounced(), eligible(), eligible(), eligible()];
		const households = ['h1', 'h1', 'h2', 'h2', undefined, undefined];
		const out = applyHouseholdRules(decisions, households, { maxPerHousehold: 1 });
		expect(out.map((d) => d.eligible)).toEqual([true, false, false, true, true, true]);
		expect(out[1].reasons[0].code).toBe('household_cap');
		// The input is not changed.
		expect(decisions[1].eligible).toBe(true);
	});

	it('an opt-out, a complaint or a list entry extends to the household when asked; a bounce does not', () => {
		const decisions = [eligible(), optedOut(), eligible(), bounced(), eligible()];
		const households = ['h1', 'h1', 'h2', 'h2', 'h3'];
		expect(applyHouseholdRules(decisions, households, {}).map((d) => d.eligible)).toEqual([true, false, true, false, true]);
		const out = applyHouseholdRules(decisions, households, { extendOptOut: true });
		expect(out.map((d) => d.eligible)).toEqual([false, false, true, false, true]);
		expect(out[0].reasons).toEqual([{ code: 'household_opt_out', detail: 'another member of household h1 opted out (audience item 1)' }]);
	});
});
