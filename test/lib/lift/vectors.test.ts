// Published vectors: GrowthBook's stats-engine tests and the Hillstrom table in the datasets
// README (sufficient statistics in test/fixtures/lift/hillstrom-stats.json), to 4 decimals.
import hillstrom from '../../fixtures/lift/hillstrom-stats.json';
import { absoluteDifference, ALL_SEGMENTS, analyzeExperiment, compareArm, makeSequential, relativeDifference, StatsAccumulator, welchDegreesOfFreedom } from '../../../lib/lift';

const round = (value: number | null, digits: number) => Number((value as number).toFixed(digits));

describe('GrowthBook frequentist vectors', () => {
	// Means: (sum, sum of squares, n) control (1396.87, 52377.9767, 3407) vs (2422.7, 134698.29, 3461).
	const moments = (sum: number, sumSquares: number, n: number) => ({ n, mean: sum / n, variance: (sumSquares - (sum * sum) / n) / (n - 1) });
	const control = moments(1396.87, 52377.9767, 3407);
	const treatment = moments(2422.7, 134698.29, 3461);
	const df = welchDegreesOfFreedom(control, treatment);

	it('relative lift 0.70732, CI (-0.03526, 1.44989), p 0.06191', () => {
		const r = relativeDifference(control, treatment, 0.95, df);
		expect(round(r.estimate, 5)).toBe(0.70732);
		expect(round(r.ciLow, 5)).toBe(-0.03526);
		expect(round(r.ciHigh, 5)).toBe(1.44989);
		expect(round(r.pValue, 5)).toBe(0.06191);
	});

	it('absolute lift 0.29, CI (0.04538, 0.53462), p 0.02016', () => {
		const a = absoluteDifference(control, treatment, 0.95, df);
		expect(round(a.estimate, 5)).toBe(0.29);
		expect(round(a.ciLow, 5)).toBe(0.04538);
		expect(round(a.ciHigh, 5)).toBe(0.53462);
		expect(round(a.pValue, 5)).toBe(0.02016);
	});

	it('proportions 14/28 vs 16/30, relative: 0.06667, CI (-0.47767, 0.61101), p 0.80707', () => {
		// GrowthBook treats a proportion as a mean with Bernoulli variance p(1 - p) and Welch df.
		const c = { n: 28, mean: 14 / 28, variance: (14 / 28) * (1 - 14 / 28) };
		const t = { n: 30, mean: 16 / 30, variance: (16 / 30) * (1 - 16 / 30) };
		const r = relativeDifference(c, t, 0.95, welchDegreesOfFreedom(c, t));
		expect(round(r.estimate, 5)).toBe(0.06667);
		expect(round(r.ciLow, 5)).toBe(-0.47767);
		expect(round(r.ciHigh, 5)).toBe(0.61101);
		expect(round(r.pValue, 5)).toBe(0.80707);
		// compareArm shows the same estimate with the score interval for the ratio instead (it agrees
		// with the pooled z test; test/fixtures/lift/reference-cases.json checks it against statsmodels).
		const arm = compareArm({ n: 28, sum: 14, sumSquares: 14 }, { n: 30, sum: 16, sumSquares: 16 }, { kind: 'binary', confidence: 0.95 });
		expect(round(arm.relative.estimate, 5)).toBe(0.06667);
		expect(arm.relative.pValue).toBe(arm.absolute.pValue);
	});
});

describe('GrowthBook sequential vectors (SequentialTwoSidedTTest, relative)', () => {
	const moments = (sum: number, sumSquares: number, n: number) => ({ n, mean: sum / n, variance: (sumSquares - (sum * sum) / n) / (n - 1) });

	it('means (1396.87, 52377.9767, 3000) vs (2422.7, 134698.29, 3461), tuning 1000: 0.50336, CI (-0.55844, 1.56516), p 1', () => {
		const c = moments(1396.87, 52377.9767, 3000);
		const t = moments(2422.7, 134698.29, 3461);
		const fixed = relativeDifference(c, t, 0.95, welchDegreesOfFreedom(c, t));
		const r = makeSequential(fixed, c.n + t.n, 0.95, 1000);
		expect(round(r.estimate, 5)).toBe(0.50336);
		expect(round(r.standardError, 5)).toBe(0.33341);
		expect(round(r.ciLow, 5)).toBe(-0.55844);
		expect(round(r.ciHigh, 5)).toBe(1.56516);
		expect(r.pValue).toBe(1);
	});

	it('proportions 1396/3000 vs 2422/3461, default tuning: 0.50386, CI (0.40098, 0.60675), p 0.0', () => {
		const p = (x: number, n: number) => ({ n, mean: x / n, variance: (x / n) * (1 - x / n) });
		const c = p(1396, 3000);
		const t = p(2422, 3461);
		const r = makeSequential(relativeDifference(c, t, 0.95, welchDegreesOfFreedom(c, t)), c.n + t.n, 0.95);
		expect(round(r.estimate, 5)).toBe(0.50386);
		expect(round(r.standardError, 5)).toBe(0.03386);
		expect(round(r.ciLow, 5)).toBe(0.40098);
		expect(round(r.ciHigh, 5)).toBe(0.60675);
		expect(round(r.pValue, 5)).toBe(0);
	});
});

describe('Hillstrom e-mail experiment (datasets README)', () => {
	const data = new StatsAccumulator();
	for (const [arm, metrics] of Object.entries(hillstrom.arms)) {
		for (const [metric, stats] of Object.entries(metrics)) data.addAggregate(ALL_SEGMENTS, arm, metric, stats);
	}
	const { results, srm } = analyzeExperiment(data, {
		controlArm: 'No E-Mail',
		metrics: [
			{ name: 'visit', kind: 'binary' },
			{ name: 'conversion', kind: 'binary' },
			{ name: 'spend', kind: 'continuous' },
		],
		confidence: 0.95,
	});
	const find = (arm: string, metric: string) => results.find((r) => r.arm === arm && r.metric === metric)!;

	it.each([
		['Mens E-Mail', 'visit', 0.18276, 0.10617, 0.07659, 0.06995, 0.08323],
		['Womens E-Mail', 'visit', 0.1514, 0.10617, 0.04523, 0.03889, 0.05157],
		['Mens E-Mail', 'conversion', 0.01253, 0.00573, 0.00681, 0.005, 0.00861],
		['Womens E-Mail', 'conversion', 0.00884, 0.00573, 0.00311, 0.0015, 0.00472],
	])('%s %s: rate, lift and interval', (arm, metric, treatmentRate, controlRate, lift, low, high) => {
		const r = find(arm, metric);
		expect(round(r.treatmentValue, 5)).toBe(treatmentRate);
		expect(round(r.controlValue, 5)).toBe(controlRate);
		expect(round(r.absolute.estimate, 5)).toBe(lift);
		expect(round(r.absolute.ciLow, 5)).toBe(low);
		expect(round(r.absolute.ciHigh, 5)).toBe(high);
	});

	it.each([
		['Mens E-Mail', 1.4226, 0.6528, 0.77, 0.485, 1.055, 5.3],
		['Womens E-Mail', 1.0772, 0.6528, 0.424, 0.169, 0.68, 3.26],
	])('%s spend per customer: means, lift, interval and Welch t', (arm, treatmentMean, controlMean, lift, low, high, t) => {
		const r = find(arm, 'spend');
		expect(round(r.treatmentValue, 4)).toBe(treatmentMean);
		expect(round(r.controlValue, 4)).toBe(controlMean);
		expect(round(r.absolute.estimate, 3)).toBe(lift);
		expect(round(r.absolute.ciLow, 3)).toBe(low);
		expect(round(r.absolute.ciHigh, 3)).toBe(high);
		expect(round(r.absolute.statistic, 2)).toBe(t);
	});

	it('sample-ratio check across the three arms: chi-square 0.2025, df 2, p 0.904', () => {
		const check = srm[ALL_SEGMENTS];
		expect(round(check.chiSquare, 4)).toBe(0.2025);
		expect(check.df).toBe(2);
		expect(round(check.pValue, 3)).toBe(0.904);
		expect(check.mismatch).toBe(false);
	});
});
