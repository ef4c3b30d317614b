import { normPpf, normTwoSidedP, studentTPpf, studentTTwoSidedP } from '../stats/distributions';

/** One estimate with its interval and test, or a reason it cannot be computed. */
export interface Estimate {
	estimate: number | null;
	standardError: number | null;
	ciLow: number | null;
	ciHigh: number | null;
	pValue: number | null;
	statistic: number | null;
	message?: string;
}

export interface GroupMoments {
	n: number;
	mean: number;
	/** Variance of one observation (not of the mean). */
	variance: number;
}

export function unavailable(message: string): Estimate {
	return { estimate: null, standardError: null, ciLow: null, ciHigh: null, pValue: null, statistic: null, message };
}

/** Welch-Satterthwaite degrees of freedom for the difference of two means. */
export function welchDegreesOfFreedom(control: GroupMoments, treatment: GroupMoments): number {
	const vc = control.variance / control.n;
	const vt = treatment.variance / treatment.n;
	const denominator = (vc * vc) / (control.n - 1) + (vt * vt) / (treatment.n - 1);
	return denominator > 0 ? ((vc + vt) * (vc + vt)) / denominator : Infinity;
}

/**
 * Absolute difference treatment - control: Welch t (`df` finite) or z (`df` Infinity), with a
 * two-sided interval at `confidence`. The standard error is unpooled; `testVariance` optionally
 * gives a different variance of the difference for the p-value (the pooled two-proportion test).
 */
export function absoluteDifference(
	control: GroupMoments,
	treatment: GroupMoments,
	confidence: number,
	df: number,
	testVariance?: number,
): Estimate {
	const estimate = treatment.mean - control.mean;
	const variance = control.variance / control.n + treatment.variance / treatment.n;
	const se = Math.sqrt(variance);
	if (!(se > 0)) return { ...unavailable('Both arms have zero variance: no interval or p-value can be computed'), estimate };
	const critical = criticalValue(confidence, df);
	const testSe = testVariance === undefined ? se : Math.sqrt(testVariance);
	const statistic = testSe > 0 ? estimate / testSe : 0;
	return {
		estimate,
		standardError: se,
		ciLow: estimate - critical * se,
		ciHigh: estimate + critical * se,
		pValue: twoSidedP(statistic, df),
		statistic,
	};
}

/**
 * Relative lift treatment / control - 1 by the delta method, as GrowthBook computes it:
 * Var = s_t^2 / (n_t m_c^2) + m_t^2 s_c^2 / (n_c m_c^4).
 */
export function relativeDifference(control: GroupMoments, treatment: GroupMoments, confidence: number, df: number): Estimate {
	if (control.mean === 0) return unavailable('The control mean is zero: relative lift is undefined');
	const estimate = treatment.mean / control.mean - 1;
	const mc2 = control.mean * control.mean;
	const variance =
		treatment.variance / (treatment.n * mc2) + (treatment.mean * treatment.mean * control.variance) / (control.n * mc2 * mc2);
	const se = Math.sqrt(variance);
	if (!(se > 0)) return { ...unavailable('Both arms have zero variance: no interval or p-value can be computed'), estimate };
	const critical = criticalValue(confidence, df);
	const statistic = estimate / se;
	return { estimate, standardError: se, ciLow: estimate - critical * se, ciHigh: estimate + critical * se, pValue: twoSidedP(statistic, df), statistic };
}

export function criticalValue(confidence: number, df: number): number {
	const p = 1 - (1 - confidence) / 2;
	return Number.isFinite(df) ? studentTPpf(p, df) : normPpf(p);
}

export function twoSidedP(statistic: number, df: number): number {
	return Number.isFinite(df) ? studentTTwoSidedP(statistic, df) : normTwoSidedP(statistic);
}

/** Two-sided interval for one group's mean (t with n - 1 df, or z). */
export function meanInterval(group: GroupMoments, confidence: number, useT: boolean): [number, number] | [null, null] {
	if (group.n < 2) return [null, null];
	const se = Math.sqrt(group.variance / group.n);
	const critical = criticalValue(confidence, useT ? group.n - 1 : Infinity);
	return [group.mean - critical * se, group.mean + critical * se];
}
