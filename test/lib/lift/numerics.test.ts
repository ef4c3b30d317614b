// Numbers that stay right: large means, overflow, and a relative interval that agrees with the
// absolute test. Reference: test/fixtures/lift/large-means.json (scipy, bench/lift-reference.py).
import fc from 'fast-check';
import largeMeans from '../../fixtures/lift/large-means.json';
import { addObservation, ALL_SEGMENTS, analyzeExperiment, compareArm, emptyStats, mean, sampleVariance, StatsAccumulator, total, varianceProblem, type CovariateStats } from '../../../lib/lift';

const rows = (values: number[]): CovariateStats => {
	const s = emptyStats();
	values.forEach((y) => addObservation(s, y));
	return s;
};
const plainSums = (values: number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSquares: values.reduce((a, b) => a + b * b, 0) });
const relativeError = (actual: number | null, expected: number) => Math.abs((actual as number) - expected) / Math.abs(expected);

describe('sd 1 around a large mean, 1,000 customers per arm (scipy Welch)', () => {
	it.each(largeMeans.cases.map((c) => [c.mean, c] as const))('mean %s: standard error and p-value within 1e-6 of scipy, from rows', (_mean, c) => {
		const data = new StatsAccumulator();
		c.control.forEach((y) => data.addObservation(ALL_SEGMENTS, 'control', 'spend', y));
		c.treatment.forEach((y) => data.addObservation(ALL_SEGMENTS, 'treatment', 'spend', y));
		const [r] = analyzeExperiment(data, { controlArm: 'control', metrics: [{ name: 'spend', kind: 'continuous' }], confidence: 0.95 }).results;
		expect(r.messages).toEqual([]);
		expect(relativeError(r.absolute.standardError, c.expected.standardError)).toBeLessThan(1e-6);
		expect(Math.abs((r.absolute.pValue as number) - c.expected.pValue)).toBeLessThan(1e-6);
		expect(Math.abs((r.absolute.estimate as number) - c.expected.estimate)).toBeLessThan(1e-6);
		// Closer still to the test on exactly computed moments (scipy's own means round at 1e9).
		expect(relativeError(r.absolute.standardError, c.exact.standardError)).toBeLessThan(1e-9);
		expect(relativeError(r.absolute.statistic, c.exact.statistic)).toBeLessThan(1e-6);
		expect(relativeError(r.absolute.pValue, c.exact.pValue)).toBeLessThan(1e-6);
	});

	it('plain SQL sums of the same rows say the variance cannot be trusted instead of a wrong p-value', () => {
		for (const c of largeMeans.cases) {
			const r = compareArm(plainSums(c.control), plainSums(c.treatment), { kind: 'continuous', confidence: 0.95, metricName: 'spend' });
			expect(r.absolute.pValue).toBeNull();
			expect(r.messages[0]).toMatch(/Metric "spend", control arm: the variance cannot be computed from these sums.*precision lost/);
			expect(r.messages.join()).not.toMatch(/zero variance/);
		}
	});

	it('sums of y - c with the shift c given, split over rows and arms with other shifts, agree with scipy', () => {
		const c = largeMeans.cases[2];
		const data = new StatsAccumulator();
		const shifted = (values: number[], shift: number) => ({
			n: values.length,
			sum: values.reduce((a, y) => a + (y - shift), 0),
			sumSquares: values.reduce((a, y) => a + (y - shift) * (y - shift), 0),
			shift,
		});
		data.addAggregate(ALL_SEGMENTS, 'control', 'spend', shifted(c.control.slice(0, 400), 1e9));
		data.addAggregate(ALL_SEGMENTS, 'control', 'spend', shifted(c.control.slice(400), 1e9 + 3));
		data.addAggregate(ALL_SEGMENTS, 'treatment', 'spend', shifted(c.treatment, Math.round(c.treatment[0])));
		const [r] = analyzeExperiment(data, { controlArm: 'control', metrics: [{ name: 'spend', kind: 'continuous' }], confidence: 0.95 }).results;
		expect(relativeError(r.absolute.standardError, c.expected.standardError)).toBeLessThan(1e-6);
		expect(relativeError(r.absolute.pValue, c.exact.pValue)).toBeLessThan(1e-6);
	});

	it('a value of 1e308 is an overflow naming the metric, not "zero variance"', () => {
		const data = new StatsAccumulator();
		[1, 2, 1e308].forEach((y) => data.addObservation(ALL_SEGMENTS, 'control', 'revenue', y));
		[1, 2, 3].forEach((y) => data.addObservation(ALL_SEGMENTS, 'treatment', 'revenue', y));
		const [r] = analyzeExperiment(data, { controlArm: 'control', metrics: [{ name: 'revenue', kind: 'continuous' }], confidence: 0.95 }).results;
		expect(r.absolute.pValue).toBeNull();
		expect(r.messages[0]).toMatch(/Metric "revenue", control arm: the sum or sum of squares overflows/);
		const aggregate = compareArm({ n: 2, sum: 1e308, sumSquares: Infinity }, { n: 2, sum: 1, sumSquares: 1 }, { kind: 'continuous', confidence: 0.95 });
		expect(aggregate.messages[0]).toMatch(/overflows/);
	});

	it('an outlier as the first row (the shift) costs no precision', () => {
		const values = [1e8, ...Array.from({ length: 100000 }, (_, i) => 10 + (i % 17) * 0.37)];
		const stats = rows(values);
		const m = values.reduce((a, b) => a + b, 0) / values.length;
		const twoPass = values.reduce((a, y) => a + (y - m) * (y - m), 0) / (values.length - 1);
		expect(varianceProblem(stats, 'spend')).toBeNull();
		expect(Math.abs(sampleVariance(stats) - twoPass) / twoPass).toBeLessThan(1e-10);
	});

	it('0/1 and whole-number rows keep exact totals and means whatever the order (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 700 }), fc.array(fc.integer({ min: -5000, max: 90000 }), { minLength: 1, maxLength: 300 }), (flags, amounts) => {
				const count = flags.reduce((a, b) => a + b, 0);
				expect(total(rows(flags))).toBe(count);
				expect(mean(rows(flags))).toBe(count / flags.length);
				expect(total(rows(amounts))).toBe(amounts.reduce((a, b) => a + b, 0));
			}),
			{ numRuns: 200 },
		);
	});

	it('binary rows keep exact counts with a shift (first customer converted)', () => {
		const r = compareArm(rows([1, 0, 0, 1, 0]), rows([1, 1, 0, 1, 1]), { kind: 'binary', confidence: 0.95 });
		const same = compareArm({ n: 5, sum: 2, sumSquares: 2 }, { n: 5, sum: 4, sumSquares: 4 }, { kind: 'binary', confidence: 0.95 });
		for (const key of ['estimate', 'standardError', 'ciLow', 'ciHigh', 'pValue', 'statistic'] as const) {
			expect(r.absolute[key]).toBeCloseTo(same.absolute[key] as number, 12);
			expect(r.relative[key]).toBeCloseTo(same.relative[key] as number, 12);
		}
	});
});

describe('relative interval agrees with the absolute test', () => {
	const excludesZero = (low: number | null, high: number | null) => low !== null && high !== null && (low > 0 || high < 0);

	it('continuous and binary, fixed and sequential: excludes 0 exactly when p < 1 - confidence (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 5, max: 3000 }),
				fc.integer({ min: 5, max: 3000 }),
				fc.double({ min: 0.05, max: 0.9, noNaN: true }),
				fc.double({ min: 0.5, max: 1.6, noNaN: true }),
				fc.constantFrom(0.8, 0.9, 0.95, 0.99),
				fc.boolean(),
				fc.boolean(),
				(nc, nt, base, ratio, confidence, binary, sequential) => {
					const kind = binary ? 'binary' : 'continuous';
					const xc = Math.max(1, Math.round(nc * base));
					const xt = Math.min(nt, Math.round(nt * base * ratio));
					// Continuous: a skewed amount with the same means as the rates, per customer.
					const stats = (n: number, x: number) => (binary ? { n, sum: x, sumSquares: x } : { n, sum: x * 40, sumSquares: x * 40 * 40 * 3 });
					const r = compareArm(stats(nc, xc), stats(nt, xt), { kind, confidence, sequential });
					if (r.relative.ciLow === null || r.absolute.pValue === null) return;
					const alpha = 1 - confidence;
					if (Math.abs(r.absolute.pValue - alpha) < 1e-9) return;
					expect(excludesZero(r.relative.ciLow, r.relative.ciHigh)).toBe(r.absolute.pValue < alpha);
					expect(r.relative.pValue).toBe(r.absolute.pValue);
					expect(r.relative.ciLow).toBeLessThanOrEqual(r.relative.estimate as number);
					expect(r.relative.ciHigh).toBeGreaterThanOrEqual(r.relative.estimate as number);
				},
			),
			{ numRuns: 400 },
		);
	});

	it('no interval, with a reason, when the control mean is not distinguishable from zero', () => {
		// Revenue where one control customer of 20 bought: the ratio is unbounded at 95%.
		const control = rows([250, ...Array(19).fill(0)]);
		const treatment = rows([90, 40, ...Array(18).fill(0)]);
		const r = compareArm(control, treatment, { kind: 'continuous', confidence: 0.95 });
		expect(r.relative.estimate).toBeCloseTo(130 / 250 - 1, 12);
		expect(r.relative.ciLow).toBeNull();
		expect(r.relative.ciHigh).toBeNull();
		expect(r.messages.join()).toMatch(/not distinguishable from zero.*relative interval is unbounded/);
		expect(r.absolute.ciLow).not.toBeNull();
	});
});
