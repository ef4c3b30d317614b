// Always-valid (sequential) intervals and p-values for people who look every day: the asymptotic
// confidence sequences of Waudby-Smith et al. (arXiv 2103.06476, eqs. 155 and 161), parameterized
// as in GrowthBook's engine, with n the total sample of both arms.
import type { Estimate } from './frequentist';

/** GrowthBook's default: the sample size at which the sequence is tightest. */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

export function sequentialRho(alpha: number, tuning: number): number {
	return Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning);
}

/**
 * The multiple of the standard error that makes the always-valid half-width at total sample n
 * (what a t or z quantile is to a fixed-horizon interval).
 */
export function sequentialCritical(totalN: number, confidence: number, tuning = DEFAULT_SEQUENTIAL_TUNING): number {
	const alpha = 1 - confidence;
	const rho = sequentialRho(alpha, tuning);
	const n = totalN;
	const nr2p1 = n * rho * rho + 1;
	return Math.sqrt(n) * Math.sqrt((2 * nr2p1 * Math.log(Math.sqrt(nr2p1) / alpha)) / (n * rho) ** 2);
}

/** Replaces a fixed-horizon estimate's interval and p-value with always-valid ones. */
export function makeSequential(fixed: Estimate, totalN: number, confidence: number, tuning = DEFAULT_SEQUENTIAL_TUNING): Estimate {
	if (fixed.estimate === null || fixed.standardError === null || !(fixed.standardError > 0)) return fixed;
	const alpha = 1 - confidence;
	const rho = sequentialRho(alpha, tuning);
	const n = totalN;
	const nr2p1 = n * rho * rho + 1;
	const halfWidth = fixed.standardError * sequentialCritical(totalN, confidence, tuning);
	const st2 = (fixed.estimate * fixed.estimate * n) / (fixed.standardError * fixed.standardError);
	const evidence = Math.exp((rho * rho * st2) / (2 * nr2p1)) / Math.sqrt(nr2p1);
	return {
		...fixed,
		ciLow: fixed.estimate - halfWidth,
		ciHigh: fixed.estimate + halfWidth,
		pValue: Math.min(1 / evidence, 1),
	};
}
