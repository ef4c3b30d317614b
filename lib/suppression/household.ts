// Household rules, applied after each person's own decision: direct mail sends one catalogue per
// letterbox (Max Per Household), and a household may ask as a whole not to be contacted (Extend
// Opt-Out to Household). Household IDs come from Resolve Identity; a member without one is a
// household of their own. Fail closed: only eligible members are ever held back here, never let through.
import type { Decision, ReasonCode } from './types';

export type HouseholdReasonCode = 'household_opt_out' | 'household_cap';

export interface HouseholdRules {
	/** Most eligible members per household; the first ones in audience order keep their place. 0 or undefined: no cap. */
	maxPerHousehold?: number;
	/** A member held back for one of these reasons holds back the whole household. */
	extendOptOut?: boolean;
}

/** Reasons that speak for the person's wish not to be contacted (not a bounce or a cap). */
const OPT_OUT_REASONS = new Set<ReasonCode>(['opted_out', 'suppression_list', 'complaint']);

/** Returns the decisions with household rules applied (the input is not changed). */
export function applyHouseholdRules(decisions: readonly Decision[], households: ReadonlyArray<string | undefined>, rules: HouseholdRules): Decision[] {
	const out = decisions.map((d) => ({ ...d, reasons: [...d.reasons], warnings: [...d.warnings] }));
	const cap = rules.maxPerHousehold !== undefined && rules.maxPerHousehold > 0 ? Math.floor(rules.maxPerHousehold) : 0;
	if (!rules.extendOptOut && cap === 0) return out;
	const optedOut = new Map<string, number>();
	if (rules.extendOptOut) {
		out.forEach((d, m) => {
			const h = households[m];
			if (h !== undefined && !optedOut.has(h) && d.reasons.some((r) => OPT_OUT_REASONS.has(r.code))) optedOut.set(h, m);
		});
	}
	const sent = new Map<string, number>();
	out.forEach((d, m) => {
		const h = households[m];
		if (!d.eligible || h === undefined) return;
		if (optedOut.has(h)) {
			d.eligible = false;
			d.reasons.push({ code: 'household_opt_out', detail: `another member of household ${h} opted out (audience item ${optedOut.get(h)})` });
			return;
		}
		if (cap === 0) return;
		const count = sent.get(h) ?? 0;
		if (count >= cap) {
			d.eligible = false;
			d.reasons.push({ code: 'household_cap', detail: `household ${h} already has ${cap} eligible member${cap > 1 ? 's' : ''} in this send` });
			return;
		}
		sent.set(h, count + 1);
	});
	return out;
}
