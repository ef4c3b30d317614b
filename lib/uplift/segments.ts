// The four classic uplift segments from the two arm probabilities, by two documented cut rules:
//   Persuadable     uplift >= minUplift             (buys because of the contact)
//   Do Not Disturb  uplift <= -minUplift            (the contact puts them off: a sleeping dog)
//   Sure Thing      |uplift| < minUplift and control probability >= sureThingProbability
//   Lost Cause      |uplift| < minUplift and control probability <  sureThingProbability
// where uplift = P(outcome | treated) - P(outcome | control).

export type UpliftSegment = 'Persuadable' | 'Sure Thing' | 'Lost Cause' | 'Do Not Disturb';

export const UPLIFT_SEGMENTS: readonly UpliftSegment[] = ['Persuadable', 'Sure Thing', 'Lost Cause', 'Do Not Disturb'];

export interface SegmentRules {
	/** Smallest absolute uplift (probability difference) that counts as an effect; default 0.01. */
	minUplift: number;
	/** Control-arm probability from which a customer without an effect is a Sure Thing; default 0.5. */
	sureThingProbability: number;
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = { minUplift: 0.01, sureThingProbability: 0.5 };

export function segmentOf(uplift: number, controlProbability: number, rules: SegmentRules = DEFAULT_SEGMENT_RULES): UpliftSegment {
	if (uplift >= rules.minUplift) return 'Persuadable';
	if (uplift <= -rules.minUplift) return 'Do Not Disturb';
	return controlProbability >= rules.sureThingProbability ? 'Sure Thing' : 'Lost Cause';
}
