// Accurate distribution functions. simple-statistics is not enough here (its normal CDF is a
// 4-decimal table); @stdlib is what GrowthBook uses, and its tails match scipy.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';

/** Standard normal CDF, P(Z <= z). */
export function normCdf(z: number): number {
	return normalCdf(z, 0, 1);
}

/** Standard normal survival function, P(Z > z), accurate far into the upper tail. */
export function normSf(z: number): number {
	return normalCdf(-z, 0, 1);
}

/**
 * Standard normal quantile (inverse CDF), as -sqrt(2) erfcinv(2p): accurate in the lower tail
 * where the erfinv(2p - 1) form (@stdlib's normal quantile) loses digits from p < 1e-8 and gives
 * -Infinity below about 1e-17. Matches scipy.stats.norm.ppf to 1e-12 relative (test/lib/stats).
 */
export function normPpf(p: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
	if (p < 0.5) return -Math.SQRT2 * erfcinv(2 * p);
	return Math.SQRT2 * erfcinv(2 * (1 - p));
}

/** Two-sided p-value of a z statistic. */
export function normTwoSidedP(z: number): number {
	return 2 * normSf(Math.abs(z));
}

/** Student t CDF with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTCdf(t: number, df: number): number {
	return tCdf(t, df);
}

/** Student t survival function, P(T > t). */
export function studentTSf(t: number, df: number): number {
	return tCdf(-t, df);
}

/** Student t quantile. */
export function studentTPpf(p: number, df: number): number {
	return tQuantile(p, df);
}

/** Two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, df: number): number {
	return 2 * studentTSf(Math.abs(t), df);
}

/** Chi-square survival function, P(X > x), via the regularized upper incomplete gamma function. */
export function chiSquareSf(x: number, df: number): number {
	if (x <= 0) return 1;
	return gammainc(x / 2, df / 2, true, true);
}
