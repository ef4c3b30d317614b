import { chiSquareGoodnessOfFit } from './chiSquare';

/** Below this p-value the observed split is flagged as a sample-ratio mismatch. */
export const DEFAULT_SRM_THRESHOLD = 0.001;

export interface SampleRatioCheck {
	observed: Record<string, number>;
	expectedShare: Record<string, number>;
	chiSquare: number;
	df: number;
	pValue: number;
	threshold: number;
	mismatch: boolean;
}

/** Chi-square test of observed arm counts against the intended shares. */
export function sampleRatioCheck(
	arms: ReadonlyArray<{ name: string; share: number }>,
	counts: readonly number[],
	threshold = DEFAULT_SRM_THRESHOLD,
): SampleRatioCheck {
	const { chiSquare, df, pValue } = chiSquareGoodnessOfFit(
		counts,
		arms.map((arm) => arm.share),
	);
	// fromEntries defines own properties, so an arm called "__proto__" stays a plain key.
	const observed = Object.fromEntries(arms.map((arm, i) => [arm.name, counts[i]]));
	const expectedShare = Object.fromEntries(arms.map((arm) => [arm.name, arm.share]));
	return { observed, expectedShare, chiSquare, df, pValue, threshold, mismatch: pValue < threshold };
}
