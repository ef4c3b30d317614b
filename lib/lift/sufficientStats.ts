// Every test here works from sufficient statistics, as GrowthBook's engine does: per-customer
// rows and warehouse aggregates (GROUP BY arm: COUNT, SUM, SUM of squares) go through the same code.
//
// The sums may be of values shifted by a constant (`shift`, `covariateShift`): the variance is
// the same, but sum of squares minus sum squared / n no longer cancels catastrophically when the
// mean is large next to the spread (sd 1 around 1e9). Rows are shifted by the arm's first value,
// moved towards the running mean at n = 2, 4, 8, ... whenever it lies more than one standard
// deviation away (so an outlier first row costs nothing), in steps of a power of two near the
// standard deviation (so 0/1 data keep exact counts);
// SQL can do the same (SUM(y - c), SUM((y - c) * (y - c)) with c any value near the mean) and
// pass c as the shift. Stats with different shifts still add up (see `recenter`).

/** n, sum and sum of squares of one metric in one arm (of y - shift; shift 0 when absent). */
export interface MetricStats {
	n: number;
	sum: number;
	sumSquares: number;
	shift?: number;
}

/** Metric y with a pre-period covariate x, for CUPED: adds sums of x, x squared and x times y (of x - covariateShift). */
export interface CovariateStats extends MetricStats {
	covariateSum: number;
	covariateSumSquares: number;
	crossSum: number;
	covariateShift?: number;
}

/** Below this share of the sum of squares, sum of squares - sum^2 / n is rounding noise. */
export const CANCELLATION_LIMIT = 1e-10;

export function emptyStats(): CovariateStats {
	return { n: 0, sum: 0, sumSquares: 0, covariateSum: 0, covariateSumSquares: 0, crossSum: 0, shift: 0, covariateShift: 0 };
}

export function addObservation(stats: CovariateStats, y: number, x = 0): void {
	if (stats.n === 0) {
		stats.shift = y;
		stats.covariateShift = x;
	}
	const dy = y - (stats.shift ?? 0);
	const dx = x - (stats.covariateShift ?? 0);
	stats.n += 1;
	stats.sum += dy;
	stats.sumSquares += dy * dy;
	stats.covariateSum += dx;
	stats.covariateSumSquares += dx * dx;
	stats.crossSum += dx * dy;
	if (stats.n >= 4 && (stats.n & (stats.n - 1)) === 0) {
		const shift = closerShift(stats.shift ?? 0, stats.sum, stats.sumSquares, stats.n);
		const covariateShift = closerShift(stats.covariateShift ?? 0, stats.covariateSum, stats.covariateSumSquares, stats.n);
		if (shift !== stats.shift || covariateShift !== stats.covariateShift) Object.assign(stats, recenter(stats, shift, covariateShift));
	}
}

/**
 * The same shift when the mean is within one standard deviation of it; otherwise the mean, rounded
 * to a multiple of a power of two at or below the standard deviation (exact in binary, so values
 * minus the shift stay exact for 0/1 and whole-number data).
 */
function closerShift(shift: number, sum: number, sumSquares: number, n: number): number {
	const offset = sum / n;
	const variance = Math.max(sumSquares / n - offset * offset, 0);
	if (!(offset * offset > variance) || !Number.isFinite(offset)) return shift;
	const step = 2 ** Math.floor(Math.log2(variance > 0 ? Math.sqrt(variance) : Math.abs(offset)));
	return shift + Math.round(offset / step) * step;
}

/**
 * The same statistics about new shifts (exact algebra: sum of (v - b) = sum of (v - a) + n (a - b),
 * and likewise for the squares and the cross sum), so stats with different shifts can be added.
 */
export function recenter(stats: CovariateStats, shift: number, covariateShift: number): CovariateStats {
	const dy = (stats.shift ?? 0) - shift;
	const dx = (stats.covariateShift ?? 0) - covariateShift;
	if (dy === 0 && dx === 0) return { ...stats, shift, covariateShift };
	const { n } = stats;
	return {
		n,
		sum: stats.sum + n * dy,
		sumSquares: stats.sumSquares + 2 * dy * stats.sum + n * dy * dy,
		covariateSum: stats.covariateSum + n * dx,
		covariateSumSquares: stats.covariateSumSquares + 2 * dx * stats.covariateSum + n * dx * dx,
		crossSum: stats.crossSum + dx * stats.sum + dy * stats.covariateSum + n * dx * dy,
		shift,
		covariateShift,
	};
}

/** Adds `more` into `into` (in place), keeping `into`'s shifts; an empty `into` takes `more`'s. */
export function mergeStats(into: CovariateStats, more: CovariateStats): void {
	if (into.n === 0) {
		into.shift = more.shift ?? 0;
		into.covariateShift = more.covariateShift ?? 0;
	}
	const aligned = recenter(more, into.shift ?? 0, into.covariateShift ?? 0);
	into.n += aligned.n;
	into.sum += aligned.sum;
	into.sumSquares += aligned.sumSquares;
	into.covariateSum += aligned.covariateSum;
	into.covariateSumSquares += aligned.covariateSumSquares;
	into.crossSum += aligned.crossSum;
}

/** The mean (as exact as a double near it allows; differences of means: `meanDifference`). */
export function mean(stats: MetricStats): number {
	return stats.n > 0 ? total(stats) / stats.n : 0;
}

/** treatment mean - control mean without rounding each mean first (they may share a large shift). */
export function meanDifference(control: MetricStats, treatment: MetricStats): number {
	return (treatment.shift ?? 0) - (control.shift ?? 0) + (treatment.sum / treatment.n - control.sum / control.n);
}

/** Sum of the unshifted values (the count of 1s for a 0/1 metric). */
export function total(stats: MetricStats): number {
	return stats.sum + stats.n * (stats.shift ?? 0);
}

/** Sample variance (n - 1 denominator), floored at 0 against rounding in sum-of-squares form. */
export function sampleVariance(stats: MetricStats): number {
	if (stats.n < 2) return 0;
	return Math.max((stats.sumSquares - (stats.sum * stats.sum) / stats.n) / (stats.n - 1), 0);
}

/**
 * Why the sample variance of these sums cannot be trusted, or null. Overflow (a value near 1e308
 * squared) and catastrophic cancellation (sum of squares - sum^2 / n a rounding residue of the
 * sum of squares) would otherwise look like zero variance or a wrong one.
 */
export function varianceProblem(stats: MetricStats, field: string): string | null {
	if (![stats.sum, stats.sumSquares, stats.shift ?? 0].every(Number.isFinite)) {
		return `${field}: the sum or sum of squares overflows double precision (values near 1e154 or more); rescale the metric, e.g. to thousands`;
	}
	if (stats.n < 2) return null;
	const spread = stats.sumSquares - (stats.sum * stats.sum) / stats.n;
	if (spread !== 0 && Math.abs(spread) <= CANCELLATION_LIMIT * stats.sumSquares) {
		return `${field}: the variance cannot be computed from these sums, sum of squares - sum^2 / n is below ${CANCELLATION_LIMIT} of the sum of squares (precision lost: large mean, small spread). Aggregate SUM(y - c) and SUM((y - c) * (y - c)) with c near the mean and pass c as the shift, or send the customer rows`;
	}
	return null;
}

/** Bernoulli variance p(1 - p) of a 0/1 metric, as the two-proportion tests use. */
export function bernoulliVariance(stats: MetricStats): number {
	const p = mean(stats);
	return p * (1 - p);
}

/** Whether every observation is 0 or 1, judged from the sums (sum of squares equals sum). */
export function looksBinary(stats: MetricStats): boolean {
	const plain = recenter({ ...stats, covariateSum: 0, covariateSumSquares: 0, crossSum: 0 }, 0, 0);
	return Math.abs(plain.sumSquares - plain.sum) < 1e-9 * Math.max(1, plain.sum) && plain.sum >= 0 && plain.sum <= plain.n;
}
