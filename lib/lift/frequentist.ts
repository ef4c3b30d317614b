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
 * gives a different variance of the difference for the p-value (the pooled two-proportion test);
 * `difference` the means' difference when it is known more precisely than from the two means
 * (shifted sums: two means near 1e9 keep only 1e-7 of their difference).
 */
export function absoluteDifference(
	control: GroupMoments,
	treatment: GroupMoments,
	confidence: number,
	df: number,
	testVariance?: number,
	difference = treatment.mean - control.mean,
): Estimate {
	const estimate = difference;
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
 * Relative lift treatment / control - 1 by the delta method, as GrowthBook computes it (kept for
 * its vectors; compareArm uses the intervals below, which agree with the absolute test):
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

const UNBOUNDED_RELATIVE =
	'The control mean is not distinguishable from zero at this confidence: the relative interval is unbounded (see the absolute lift)';

/** Delta-method standard error of treatment / control - 1 (GrowthBook's), shown for reference. */
function deltaRelativeSe(control: GroupMoments, treatment: GroupMoments): number {
	const mc2 = control.mean * control.mean;
	return Math.sqrt(treatment.variance / (treatment.n * mc2) + (treatment.mean * treatment.mean * control.variance) / (control.n * mc2 * mc2));
}

/**
 * Relative lift treatment / control - 1 with Fieller's interval: the ratios rho for which the
 * test of m_t - rho m_c = 0, with variance v_t + rho^2 v_c (v = variance / n) and the same
 * `critical` value, does not reject. At rho = 1 that test is the absolute test, so the interval
 * excludes 0 exactly when the absolute interval does (Welch t, z, or a sequential critical value).
 * When the control mean is itself not distinguishable from 0 the set is unbounded: no interval.
 * `test` is the absolute test's statistic and p-value, reported for relative lift 0.
 */
export function fiellerRelative(
	control: GroupMoments,
	treatment: GroupMoments,
	critical: number,
	test: Pick<Estimate, 'statistic' | 'pValue'>,
	difference = treatment.mean - control.mean,
): Estimate {
	if (control.mean === 0) return unavailable('The control mean is zero: relative lift is undefined');
	const estimate = difference / control.mean;
	const se = deltaRelativeSe(control, treatment);
	if (!(se > 0)) return { ...unavailable('Both arms have zero variance: no interval or p-value can be computed'), estimate };
	const vc = control.variance / control.n;
	const vt = treatment.variance / treatment.n;
	const c2 = critical * critical;
	// In r = rho - 1, with d the difference: r^2 a - 2 r b + k <= 0, and r = 0 is inside exactly
	// when k = d^2 - c^2 (v_t + v_c) <= 0, i.e. when the absolute test does not reject.
	const a = control.mean * control.mean - c2 * vc;
	const b = difference * control.mean + c2 * vc;
	const k = difference * difference - c2 * (vt + vc);
	const base = { estimate, standardError: se, pValue: test.pValue, statistic: test.statistic };
	if (!(a > 0)) return { ...base, ciLow: null, ciHigh: null, message: UNBOUNDED_RELATIVE };
	const root = Math.sqrt(Math.max(b * b - a * k, 0));
	// The two roots without cancellation: q / a and k / q.
	const q = b + (b >= 0 ? root : -root);
	const roots = q === 0 ? [b / a, b / a] : [q / a, k / q];
	return { ...base, ciLow: Math.min(...roots), ciHigh: Math.max(...roots) };
}

/**
 * Relative lift of two proportions p_t / p_c - 1 with the score interval for the risk ratio
 * (Koopman; statsmodels confint_proportions_2indep(method="score", compare="ratio",
 * correction=False)): the ratios theta whose score test, with the proportions re-estimated under
 * p_t = theta p_c, does not reject. At theta = 1 that test is the pooled two-proportion z test,
 * so the interval excludes 0 exactly when the absolute test's p-value is below 1 - confidence.
 */
export function scoreRelativeProportions(
	control: { n: number; conversions: number },
	treatment: { n: number; conversions: number },
	confidence: number,
	test: Pick<Estimate, 'statistic' | 'pValue'>,
): Estimate {
	const { n: n0, conversions: x0 } = control;
	const { n: n1, conversions: x1 } = treatment;
	if (x0 === 0) return unavailable('The control mean is zero: relative lift is undefined');
	const p0 = x0 / n0;
	const p1 = x1 / n1;
	const estimate = p1 / p0 - 1;
	const se = deltaRelativeSe({ n: n0, mean: p0, variance: p0 * (1 - p0) }, { n: n1, mean: p1, variance: p1 * (1 - p1) });
	const base = { estimate, standardError: Number.isFinite(se) ? se : null, pValue: test.pValue, statistic: test.statistic };
	const z = normPpf(1 - (1 - confidence) / 2);
	const nobs = n0 + n1;
	const count = x0 + x1;
	// Score statistic at ratio theta, decreasing in theta.
	const score = (theta: number): number => {
		const a = nobs * theta;
		const b = -(n1 * theta + x1 + n0 + x0 * theta);
		const restricted0 = (-b - Math.sqrt(Math.max(b * b - 4 * a * count, 0))) / (2 * a);
		const restricted1 = restricted0 * theta;
		const variance = (restricted1 * (1 - restricted1)) / n1 + (theta * theta * restricted0 * (1 - restricted0)) / n0;
		const difference = p1 - theta * p0;
		return variance > 0 ? difference / Math.sqrt(variance) : difference > 0 ? Infinity : difference < 0 ? -Infinity : 0;
	};
	// Bisection on log theta between a bracket that straddles the crossing of `target`.
	const solve = (target: number, inside: number, outside: number): number => {
		let lo = Math.log(inside);
		let hi = Math.log(outside);
		for (let i = 0; i < 200 && Math.abs(hi - lo) > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
			const mid = (lo + hi) / 2;
			if ((score(Math.exp(mid)) - target) * (score(Math.exp(lo)) - target) > 0) lo = mid;
			else hi = mid;
		}
		return Math.exp((lo + hi) / 2);
	};
	const center = Math.max(p1 / p0, 1e-300);
	let low = 0;
	if (x1 > 0) {
		let outside = center / 2;
		while (score(outside) <= z && outside > 1e-12) outside /= 2;
		low = score(outside) > z ? solve(z, center, outside) : 0;
	}
	let outside = Math.max(center, 1) * 2;
	while (score(outside) >= -z && outside < 1e12) outside *= 2;
	if (!(score(outside) < -z)) return { ...base, ciLow: null, ciHigh: null, message: UNBOUNDED_RELATIVE };
	const high = solve(-z, Math.max(center, 1e-12), outside);
	return { ...base, ciLow: low - 1, ciHigh: high - 1 };
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
