import { emptyStats, mean, mergeStats, type CovariateStats } from './sufficientStats';
import type { GroupMoments } from './frequentist';

export interface CupedAdjustment {
	theta: number;
	control: GroupMoments;
	treatment: GroupMoments;
	/** 1 - Var(adjusted difference) / Var(unadjusted difference). */
	varianceReduction: number;
}

function covariance(sumXY: number, sumX: number, sumY: number, n: number): number {
	return n > 1 ? (sumXY - (sumX * sumY) / n) / (n - 1) : 0;
}

function moments(stats: CovariateStats) {
	const { n } = stats;
	return {
		n,
		meanY: mean(stats),
		meanX: (stats.covariateShift ?? 0) + stats.covariateSum / n,
		varY: covariance(stats.sumSquares, stats.sum, stats.sum, n),
		varX: covariance(stats.covariateSumSquares, stats.covariateSum, stats.covariateSum, n),
		covXY: covariance(stats.crossSum, stats.covariateSum, stats.sum, n),
	};
}

/**
 * CUPED (Deng et al. 2013): y - theta (x - mean x), with theta = Cov(x, y) / Var(x) estimated on
 * both arms pooled, so the adjustment cannot favour either arm. Returns null when the covariate
 * has no variance (nothing to adjust with).
 */
export function cupedAdjust(control: CovariateStats, treatment: CovariateStats): CupedAdjustment | null {
	const pooled = emptyStats();
	mergeStats(pooled, control);
	mergeStats(pooled, treatment);
	const all = moments(pooled);
	if (!(all.varX > 0) || control.n < 2 || treatment.n < 2) return null;
	const theta = all.covXY / all.varX;
	const adjust = (stats: CovariateStats): GroupMoments & { unadjustedVariance: number } => {
		const m = moments(stats);
		return {
			n: m.n,
			mean: m.meanY - theta * (m.meanX - all.meanX),
			variance: Math.max(m.varY - 2 * theta * m.covXY + theta * theta * m.varX, 0),
			unadjustedVariance: m.varY,
		};
	};
	const c = adjust(control);
	const t = adjust(treatment);
	const before = c.unadjustedVariance / c.n + t.unadjustedVariance / t.n;
	const after = c.variance / c.n + t.variance / t.n;
	return {
		theta,
		control: { n: c.n, mean: c.mean, variance: c.variance },
		treatment: { n: t.n, mean: t.mean, variance: t.variance },
		varianceReduction: before > 0 ? 1 - after / before : 0,
	};
}
