import fc from 'fast-check';
import { addObservation, compareArm, cupedAdjust, emptyStats, liftChartSvg, makeSequential, minimumDetectableEffect, niceTicks, sampleSizePerArm, type CovariateStats } from '../../../lib/lift';

const stats = (values: number[], covariates?: number[]): CovariateStats => {
	const s = emptyStats();
	values.forEach((y, i) => addObservation(s, y, covariates?.[i] ?? 0));
	return s;
};

function allFinite(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	if (Array.isArray(value)) return value.every(allFinite);
	if (value && typeof value === 'object') return Object.values(value).every(allFinite);
	return true;
}

describe('guards: a clear message, never NaN or Infinity', () => {
	it('too few observations', () => {
		const r = compareArm(stats([1]), stats([1, 0, 1]), { kind: 'binary', confidence: 0.95 });
		expect(r.absolute.estimate).toBeNull();
		expect(r.messages[0]).toMatch(/Too few observations: control has 1/);
		expect(allFinite(r)).toBe(true);
	});

	it('zero variance in both arms', () => {
		const r = compareArm(stats([5, 5, 5]), stats([7, 7, 7]), { kind: 'continuous', confidence: 0.95 });
		expect(r.absolute.estimate).toBe(2);
		expect(r.absolute.pValue).toBeNull();
		expect(r.messages.join()).toMatch(/zero variance/);
		expect(allFinite(r)).toBe(true);
	});

	it('a zero baseline leaves relative lift undefined, with a reason', () => {
		const r = compareArm(stats([0, 0, 0, 0]), stats([0, 1, 0, 1]), { kind: 'binary', confidence: 0.95 });
		expect(r.relative.estimate).toBeNull();
		expect(r.messages.join()).toMatch(/control mean is zero/);
		expect(r.absolute.estimate).toBe(0.5);
		expect(allFinite(r)).toBe(true);
	});

	it('a binary metric with more conversions than customers is refused with a reason', () => {
		const control = { n: 10, sum: 25, sumSquares: 80 };
		const r = compareArm(control, { n: 10, sum: 3, sumSquares: 3 }, { kind: 'binary', confidence: 0.95 });
		expect(r.absolute.estimate).toBeNull();
		expect(r.messages[0]).toMatch(/binary metric needs between 0 and n conversions.*25 in 10: is this metric continuous/);
		expect(r.controlValue).toBe(2.5);
		expect(allFinite(r)).toBe(true);
	});

	it('any input gives finite numbers or null', () => {
		fc.assert(
			fc.property(
				fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 20 }),
				fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 20 }),
				fc.constantFrom('binary' as const, 'continuous' as const),
				fc.boolean(),
				(a, b, kind, sequential) => allFinite(compareArm(stats(a), stats(b), { kind, confidence: 0.95, sequential, cost: 10 })),
			),
		);
	});
});

describe('CUPED', () => {
	// y = 2x + noise + 0.5 in treatment: the covariate explains most of the variance.
	let seed = 7;
	const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
	const normal = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
	const make = (n: number, effect: number) => {
		const x = Array.from({ length: n }, () => 10 + 3 * normal());
		return stats(x.map((xi) => 2 * xi + normal() + effect), x);
	};
	const control = make(4000, 0);
	const treatment = make(4000, 0.5);

	it('estimates theta as the pooled slope and reduces the variance', () => {
		const adjustment = cupedAdjust(control, treatment)!;
		expect(adjustment.theta).toBeCloseTo(2, 1);
		expect(adjustment.varianceReduction).toBeGreaterThan(0.9);
	});

	it('narrows the interval around the same effect', () => {
		const plain = compareArm(control, treatment, { kind: 'continuous', confidence: 0.95 });
		const adjusted = compareArm(control, treatment, { kind: 'continuous', confidence: 0.95, cuped: true });
		expect(adjusted.cuped?.varianceReduction).toBeGreaterThan(0.9);
		expect(adjusted.absolute.estimate!).toBeCloseTo(0.5, 1);
		expect(adjusted.absolute.ciHigh! - adjusted.absolute.ciLow!).toBeLessThan((plain.absolute.ciHigh! - plain.absolute.ciLow!) / 3);
	});

	it('says so when there is no covariate to adjust with', () => {
		const r = compareArm(stats([1, 2, 3]), stats([2, 3, 4]), { kind: 'continuous', confidence: 0.95, cuped: true });
		expect(r.cuped).toBeNull();
		expect(r.messages.join()).toMatch(/CUPED was not applied/);
	});
});

describe('sequential intervals', () => {
	it('are wider than fixed-horizon ones, with larger p-values', () => {
		const fixed = compareArm(stats([1, 0, 0, 1, 1, 0, 1, 1, 1, 1]), stats([0, 0, 0, 1, 0, 0, 1, 0, 0, 0]), { kind: 'binary', confidence: 0.95 }).absolute;
		const always = makeSequential(fixed, 20, 0.95);
		expect(always.ciLow!).toBeLessThan(fixed.ciLow!);
		expect(always.ciHigh!).toBeGreaterThan(fixed.ciHigh!);
		expect(always.pValue!).toBeGreaterThanOrEqual(fixed.pValue!);
		expect(always.pValue!).toBeLessThanOrEqual(1);
	});
});

describe('power', () => {
	it('the sample size for an effect detects about that effect as the minimum', () => {
		const inputs = { controlMean: 0.1, controlVariance: 0.09, binary: false, confidence: 0.95, power: 0.8 };
		const n = sampleSizePerArm(inputs, 0.1)!;
		// (z_0.975 + z_0.8)^2 * 2 * 0.09 / 0.01^2 = 14127.9 -> 14128
		expect(n).toBe(14128);
		const mde = minimumDetectableEffect({ ...inputs, controlN: n, treatmentN: n })!;
		expect(mde).toBeCloseTo(0.01, 4);
	});

	it('uses the shifted rate variance for binary metrics', () => {
		const n = sampleSizePerArm({ controlMean: 0.1, controlVariance: 0.09, binary: true, confidence: 0.95, power: 0.8 }, 0.2)!;
		// (z_a + z_b)^2 (0.09 + 0.12 * 0.88) / 0.02^2
		expect(n).toBe(Math.ceil(((1.959963984540054 + 0.8416212335729143) ** 2 * (0.09 + 0.12 * 0.88)) / 0.0004));
	});
});

describe('lift chart (SVG)', () => {
	const rows = [
		{ label: 'treatment: converted', estimate: 0.72, ciLow: 0.63, ciHigh: 0.81, significant: true },
		{ label: 'B <&> "x"', estimate: -0.05, ciLow: -0.08, ciHigh: -0.02, significant: true },
		{ label: 'C: revenue', estimate: 0.01, ciLow: -0.02, ciHigh: 0.04, significant: false },
		{ label: 'D: revenue', estimate: null, ciLow: null, ciHigh: null, significant: false, note: 'The control mean is zero' },
	];
	const svg = liftChartSvg(rows, 'Lift vs control', 0.9);

	it('draws a dot and an interval per available row, and the reason for the others', () => {
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg.match(/<circle /g)).toHaveLength(3);
		expect(svg).toMatch(/text-anchor="end">\+72%<\/text>\n<text [^>]+>\[\+63%, \+81%\]<\/text>/);
		expect(svg).toMatch(/text-anchor="end">-5.0%<\/text>\n<text [^>]+>\[-8.0%, -2.0%\]<\/text>/);
		expect(svg).toContain('The control mean is zero');
		expect(svg).toContain('90% interval');
		// Significant positive green, significant negative red, not significant hollow grey.
		expect(svg).toMatch(/fill="#1a7f37" stroke="#1a7f37"/);
		expect(svg).toMatch(/fill="#cf222e" stroke="#cf222e"/);
		expect(svg).toMatch(/fill="#ffffff" stroke="#57606a"/);
	});

	it('escapes labels and never writes NaN or Infinity', () => {
		expect(svg).toContain('B &lt;&amp;&gt; &quot;x&quot;');
		expect(svg).not.toMatch(/NaN|Infinity/);
		const empty = liftChartSvg([{ label: 'x', estimate: null, ciLow: null, ciHigh: null, significant: false }], 't', 0.95);
		expect(empty).not.toMatch(/NaN|Infinity/);
	});

	it('puts round ticks over the range, zero among them', () => {
		expect(niceTicks(-0.02, 1.81)).toEqual([0, 0.5, 1, 1.5]);
		expect(niceTicks(-0.081, 0.074)).toEqual([-0.05, 0, 0.05]);
		expect(niceTicks(0.1, 0.1)).toEqual([0.1]);
	});
});
