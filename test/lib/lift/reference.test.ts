// Parity with scipy and statsmodels on 200 randomized cases, plus CUPED on raw data and the
// sample-ratio chi-square (fixtures made by bench/lift-reference.py with /usr/bin/python3:
// `npm run fixtures:lift`).
import fixtures from '../../fixtures/lift/reference-cases.json';
import { benjaminiHochberg, compareArm, holm, type MetricKind } from '../../../lib/lift';
import { chiSquareGoodnessOfFit } from '../../../lib/stats/chiSquare';

const relativeTolerance = 1e-8;

function expectClose(actual: number | null | undefined, expected: number, what: string) {
	if (actual === null || actual === undefined) throw new Error(`${what}: got ${actual}, expected ${expected}`);
	// p-values that underflow to 0 in double precision in scipy.
	const scale = Math.max(Math.abs(expected), 1e-300);
	const error = Math.abs(actual - expected) / scale;
	if (error > relativeTolerance) throw new Error(`${what}: got ${actual}, expected ${expected} (relative error ${error.toExponential(2)})`);
}

describe('lift statistics equal scipy / statsmodels', () => {
	it.each(fixtures.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
		const result = compareArm(c.control, c.treatment, { kind: c.kind as MetricKind, confidence: c.confidence });
		const e = c.expected;
		// Absolute lift: proportions_ztest (pooled SE) + Wald interval (unpooled SE), or Welch t.
		expectClose(result.absolute.statistic, e.statistic, 'statistic');
		expectClose(result.absolute.pValue, e.pValue, 'p-value');
		expectClose(result.absolute.ciLow, e.ciLow, 'interval low');
		expectClose(result.absolute.ciHigh, e.ciHigh, 'interval high');
		if ('df' in e) expectClose(result.degreesOfFreedom, e.df as number, 'degrees of freedom');
		// Each arm's own interval: proportion_confint(method="normal") or scipy.stats.t.interval.
		expectClose(result.controlCiLow, e.controlCi[0], 'control interval low');
		expectClose(result.controlCiHigh, e.controlCi[1], 'control interval high');
		expectClose(result.treatmentCiLow, e.treatmentCi[0], 'treatment interval low');
		expectClose(result.treatmentCiHigh, e.treatmentCi[1], 'treatment interval high');
		// Relative lift by the delta method, quantiles and tails from scipy.
		expectClose(result.relative.estimate, e.relative.estimate, 'relative lift');
		expectClose(result.relative.ciLow, e.relative.ciLow, 'relative interval low');
		expectClose(result.relative.ciHigh, e.relative.ciHigh, 'relative interval high');
		expectClose(result.relative.pValue, e.relative.pValue, 'relative p-value');
	});

	it.each(fixtures.cuped.map((c) => [c.id, c] as const))('%s: CUPED from sums equals adjusting each customer then scipy Welch', (_id, c) => {
		const result = compareArm(c.control, c.treatment, { kind: 'continuous', confidence: c.confidence, cuped: true });
		const e = c.expected;
		expect(result.cuped).not.toBeNull();
		expectClose(result.cuped?.theta, e.theta, 'theta');
		expectClose(result.cuped?.varianceReduction, e.varianceReduction, 'variance reduction');
		expectClose(result.absolute.estimate, e.estimate, 'adjusted difference');
		expectClose(result.absolute.statistic, e.statistic, 'statistic');
		expectClose(result.absolute.pValue, e.pValue, 'p-value');
		expectClose(result.absolute.ciLow, e.ciLow, 'interval low');
		expectClose(result.absolute.ciHigh, e.ciHigh, 'interval high');
		expectClose(result.degreesOfFreedom, e.df, 'degrees of freedom');
	});

	it('sample-ratio chi-square equals scipy.stats.chisquare', () => {
		for (const c of fixtures.srm) {
			const fit = chiSquareGoodnessOfFit(c.counts, c.weights);
			expectClose(fit.chiSquare, c.chiSquare, 'chi-square');
			expect(fit.df).toBe(c.df);
			expectClose(fit.pValue, c.pValue, 'p-value');
		}
	});

	it('adjusts p-values as statsmodels multipletests (holm, fdr_bh)', () => {
		for (const c of fixtures.corrections) {
			holm(c.pValues).forEach((p, i) => expectClose(p, c.holm[i], 'holm'));
			benjaminiHochberg(c.pValues).forEach((p, i) => expectClose(p, c.benjaminiHochberg[i], 'benjamini-hochberg'));
		}
	});
});
