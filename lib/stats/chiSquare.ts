import { chiSquareSf } from './distributions';

export interface GoodnessOfFit {
	chiSquare: number;
	df: number;
	pValue: number;
}

/**
 * Pearson chi-square goodness of fit of observed counts to intended shares (weights need not
 * sum to 1). Categories with zero intended share are left out of the statistic.
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], weights: readonly number[]): GoodnessOfFit {
	if (observed.length !== weights.length) {
		throw new Error(`observed has ${observed.length} categories but weights has ${weights.length}`);
	}
	const total = observed.reduce((a, b) => a + b, 0);
	const weightSum = weights.reduce((a, b) => a + b, 0);
	let chiSquare = 0;
	let categories = 0;
	for (let i = 0; i < observed.length; i++) {
		if (weights[i] <= 0) continue;
		categories++;
		const expected = (total * weights[i]) / weightSum;
		if (expected > 0) chiSquare += (observed[i] - expected) ** 2 / expected;
	}
	const df = Math.max(categories - 1, 0);
	const pValue = total === 0 || df === 0 ? 1 : chiSquareSf(chiSquare, df);
	return { chiSquare, df, pValue };
}
