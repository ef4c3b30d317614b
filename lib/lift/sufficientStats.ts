// Every test here works from sufficient statistics, as GrowthBook's engine does: per-customer
// rows and warehouse aggregates (GROUP BY arm: COUNT, SUM, SUM of squares) go through the same code.

/** n, sum and sum of squares of one metric in one arm. */
export interface MetricStats {
	n: number;
	sum: number;
	sumSquares: number;
}

/** Metric y with a pre-period covariate x, for CUPED: adds sums of x, x squared and x times y. */
export interface CovariateStats extends MetricStats {
	covariateSum: number;
	covariateSumSquares: number;
	crossSum: number;
}

export function emptyStats(): CovariateStats {
	return { n: 0, sum: 0, sumSquares: 0, covariateSum: 0, covariateSumSquares: 0, crossSum: 0 };
}

export function addObservation(stats: CovariateStats, y: number, x = 0): void {
	stats.n += 1;
	stats.sum += y;
	stats.sumSquares += y * y;
	stats.covariateSum += x;
	stats.covariateSumSquares += x * x;
	stats.crossSum += x * y;
}

export function mean(stats: MetricStats): number {
	return stats.n > 0 ? stats.sum / stats.n : 0;
}

/** Sample variance (n - 1 denominator), floored at 0 against rounding in sum-of-squares form. */
export function sampleVariance(stats: MetricStats): number {
	if (stats.n < 2) return 0;
	return Math.max((stats.sumSquares - (stats.sum * stats.sum) / stats.n) / (stats.n - 1), 0);
}

/** Bernoulli variance p(1 - p) of a 0/1 metric, as the two-proportion tests use. */
export function bernoulliVariance(stats: MetricStats): number {
	const p = mean(stats);
	return p * (1 - p);
}

/** Whether every observation is 0 or 1, judged from the sums (sum of squares equals sum). */
export function looksBinary(stats: MetricStats): boolean {
	return Math.abs(stats.sumSquares - stats.sum) < 1e-9 * Math.max(1, stats.sum) && stats.sum >= 0 && stats.sum <= stats.n;
}
