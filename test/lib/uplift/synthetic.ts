// A synthetic past campaign with known uplift segments (used by the unit tests and bench:uplift).
// Each customer belongs to one true segment with fixed arm probabilities; the feature "persona"
// names it for `signal` of the customers and is random for the rest (so no learner can be perfect);
// "tenure" and "channel" are noise. The arm is a fair coin.
import { seededRandom } from '../../../lib/stats/random';
import type { UpliftSegment } from '../../../lib/uplift';

export const TRUTH: Record<UpliftSegment, { share: number; control: number; treated: number; persona: string }> = {
	Persuadable: { share: 0.3, control: 0.1, treated: 0.4, persona: 'bargain-hunter' },
	'Sure Thing': { share: 0.2, control: 0.7, treated: 0.7, persona: 'loyalist' },
	'Lost Cause': { share: 0.35, control: 0.05, treated: 0.05, persona: 'drifter' },
	'Do Not Disturb': { share: 0.15, control: 0.4, treated: 0.1, persona: 'privacy-minded' },
};

export interface SyntheticCampaign {
	rows: Array<{ customerId: string; arm: string; converted: number; persona: string; tenure: number; channel: string }>;
	truth: UpliftSegment[];
}

export function syntheticCampaign(n: number, seed = 7, signal = 0.85): SyntheticCampaign {
	const random = seededRandom(seed);
	const segments = Object.keys(TRUTH) as UpliftSegment[];
	const personas = segments.map((s) => TRUTH[s].persona);
	const rows: SyntheticCampaign['rows'] = [];
	const truth: UpliftSegment[] = [];
	for (let i = 0; i < n; i++) {
		let r = random();
		let s = segments[segments.length - 1];
		for (const candidate of segments) {
			if (r < TRUTH[candidate].share) {
				s = candidate;
				break;
			}
			r -= TRUTH[candidate].share;
		}
		const persona = random() < signal ? TRUTH[s].persona : personas[Math.floor(random() * personas.length)];
		const treated = random() < 0.5;
		const p = treated ? TRUTH[s].treated : TRUTH[s].control;
		rows.push({
			customerId: `c${i}`,
			arm: treated ? 'treatment' : 'control',
			converted: random() < p ? 1 : 0,
			persona,
			tenure: Math.round(random() * 1000) / 10,
			channel: ['web', 'store', 'phone'][Math.floor(random() * 3)],
		});
		truth.push(s);
	}
	return { rows, truth };
}

/** Precision and recall of each predicted segment against the truth. */
export function recovery(predicted: readonly UpliftSegment[], truth: readonly UpliftSegment[]): Record<UpliftSegment, { precision: number; recall: number; trueShare: number; predictedShare: number }> {
	const out = {} as Record<UpliftSegment, { precision: number; recall: number; trueShare: number; predictedShare: number }>;
	for (const s of Object.keys(TRUTH) as UpliftSegment[]) {
		let tp = 0;
		let p = 0;
		let t = 0;
		for (let i = 0; i < truth.length; i++) {
			if (predicted[i] === s) p++;
			if (truth[i] === s) t++;
			if (predicted[i] === s && truth[i] === s) tp++;
		}
		out[s] = { precision: p ? tp / p : NaN, recall: t ? tp / t : NaN, trueShare: t / truth.length, predictedShare: p / truth.length };
	}
	return out;
}

/** Columns of the rows (for lib calls). */
export function columnsOf(rows: SyntheticCampaign['rows']): Record<string, unknown[]> {
	const keys = Object.keys(rows[0]) as Array<keyof SyntheticCampaign['rows'][number]>;
	return Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])]));
}
