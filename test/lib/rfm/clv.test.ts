import fs from 'node:fs';
import path from 'node:path';
import {
	bgNbdConditionalExpected,
	bgNbdLogLik,
	bgNbdProbabilityAlive,
	ClvFitError,
	customerLifetimeValue,
	fitBgNbd,
	fitGammaGamma,
	gammaGammaExpectedSpend,
	hyp2f1,
} from '../../../lib/rfm/clv';
import { minimize } from '../../../lib/rfm/optimize';

// The 2,357-customer CDNOW sample (Fader, Hardie & Lee 2005), as shipped by lifetimes.
const lines = fs.readFileSync(path.join(__dirname, '../../fixtures/rfm/cdnow_customers_summary_with_transactions.csv'), 'utf8').trim().split('\n').slice(1);
const rows = lines.map((line) => line.split(',').map(Number));
const x = rows.map((r) => r[1]);
const tx = rows.map((r) => r[2]);
const T = rows.map((r) => r[3]);
const zbar = rows.map((r) => r[4]);

describe('BG/NBD and Gamma-Gamma on the CDNOW sample', () => {
	const bg = fitBgNbd(x, tx, T);
	const gg = fitGammaGamma(x, zbar);

	it('reproduces the published BG/NBD parameters and log-likelihood', () => {
		expect(bg.customers).toBe(2357);
		expect(bg.r).toBeCloseTo(0.2426, 4);
		expect(bg.alpha).toBeCloseTo(4.4135, 3);
		expect(bg.a).toBeCloseTo(0.7929, 4);
		expect(bg.b).toBeCloseTo(2.4258, 3);
		expect(bg.logLik).toBeCloseTo(-9582.43, 2);
		expect(bg.converged).toBe(true);
	});

	it('is a maximum: nudging any parameter lowers the likelihood', () => {
		for (const key of ['r', 'alpha', 'a', 'b'] as const) {
			for (const factor of [0.99, 1.01]) {
				expect(bgNbdLogLik({ ...bg, [key]: bg[key] * factor }, x, tx, T)).toBeLessThan(bg.logLik);
			}
		}
	});

	it('gives the published conditional expectation and P(alive) for x=2, tx=30.43, T=38.86', () => {
		expect(bgNbdConditionalExpected(bg, 39, 2, 30.43, 38.86)).toBeCloseTo(1.2259, 3);
		expect(bgNbdProbabilityAlive(bg, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 3);
		expect(bgNbdProbabilityAlive(bg, 0, 0, 38.86)).toBe(1);
		expect(bgNbdConditionalExpected(bg, 0, 2, 30.43, 38.86)).toBe(0);
	});

	it('reproduces the published Gamma-Gamma parameters on the 946 repeat customers', () => {
		expect(gg.customers).toBe(946);
		expect(gg.p).toBeCloseTo(6.2488, 3);
		expect(gg.q).toBeCloseTo(3.7446, 3);
		expect(gg.v).toBeCloseTo(15.4477, 2);
		// Shrinkage: the expected spend lies between the customer's mean and the population mean.
		const population = gammaGammaExpectedSpend(gg, 0, 0);
		const expected = gammaGammaExpectedSpend(gg, 2, 100);
		expect(expected).toBeGreaterThan(population);
		expect(expected).toBeLessThan(100);
	});

	it('discounts CLV: a positive rate lowers it, zero rate equals spend x expected purchases', () => {
		const options = { horizon: 52, period: 52 / 12, discountRate: 0 };
		const undiscounted = customerLifetimeValue(bg, 30, 2, 30.43, 38.86, options);
		expect(undiscounted).toBeCloseTo(30 * bgNbdConditionalExpected(bg, 52, 2, 30.43, 38.86), 10);
		expect(customerLifetimeValue(bg, 30, 2, 30.43, 38.86, { ...options, discountRate: 0.01 })).toBeLessThan(undiscounted);
	});
});

describe('CLV helpers', () => {
	it('hyp2f1 matches closed forms', () => {
		// 2F1(1,1;2;z) = -ln(1-z)/z ; 2F1(a,b;b;z) = (1-z)^-a
		for (const z of [0.1, 0.5, 0.9, 0.99]) {
			expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
			expect(hyp2f1(0.7, 3, 3, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 8);
		}
		expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
	});

	it('rejects impossible summaries and too little data', () => {
		expect(() => fitBgNbd([1, 0], [5, 0], [4, 3])).toThrow(ClvFitError);
		expect(() => fitBgNbd([0, 1], [1, 1], [3, 3])).toThrow(/tx must be 0/);
		expect(() => fitBgNbd([1], [1], [2])).toThrow(/at least 2/);
		expect(() => fitGammaGamma([1, 0], [10, 0])).toThrow(/at least 2/);
		expect(() => fitGammaGamma([1, 2], [10, -1])).toThrow(/must be > 0/);
	});

	it('minimize finds the minimum of the Rosenbrock function', () => {
		const result = minimize(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1]);
		expect(result.x[0]).toBeCloseTo(1, 4);
		expect(result.x[1]).toBeCloseTo(1, 4);
	});
});
