import fs from 'node:fs';
import path from 'node:path';
import { encode, fitFeatures, fitLogistic, inferSpec, parseTarget, SeparationError } from '../../../lib/propensity';
import { bankColumns, FIXTURES, synthetic } from './data';

function gradient(x: Float64Array, n: number, p: number, y: ArrayLike<number>, beta: ArrayLike<number>, weights?: Float64Array): Float64Array {
	const g = new Float64Array(p);
	for (let i = 0; i < n; i++) {
		let e = 0;
		for (let j = 0; j < p; j++) e += x[i * p + j] * beta[j];
		const r = (weights ? weights[i] : 1) * (y[i] - 1 / (1 + Math.exp(-e)));
		for (let j = 0; j < p; j++) g[j] += x[i * p + j] * r;
	}
	return g;
}

describe('fitLogistic (IRLS)', () => {
	it('reproduces statsmodels on bank-2000 (41 features): log-likelihood, coefficients, standard errors', () => {
		const reference = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'bank-2000.statsmodels.json'), 'utf8'));
		const { columns, features } = bankColumns();
		const fitted = fitFeatures(columns, inferSpec(columns, features), { minLevelCount: 1 });
		const design = encode(fitted, columns);
		const y = parseTarget(columns.y, 'y');
		const fit = fitLogistic(design.x, design.n, design.p, y);
		expect(fit.converged).toBe(true);
		expect(design.names).toHaveLength(Object.keys(reference.params).length);
		expect(Math.abs(fit.logLik - reference.llf) / Math.abs(reference.llf)).toBeLessThan(1e-9);
		design.names.forEach((name, j) => {
			expect(fit.coefficients[j]).toBeCloseTo(reference.params[name], 5);
			expect(fit.standardErrors[j]).toBeCloseTo(reference.bse[name], 5);
		});
	});

	it('solves the score equations; with L2 the gradient equals lambda * beta off the intercept', () => {
		const { columns, y } = synthetic(3000, 3);
		const fitted = fitFeatures(columns, inferSpec(columns, ['x1', 'x2', 'region', 'member']));
		const d = encode(fitted, columns);
		const plain = fitLogistic(d.x, d.n, d.p, y);
		for (const g of gradient(d.x, d.n, d.p, y, plain.coefficients)) expect(Math.abs(g)).toBeLessThan(1e-6);
		const ridge = fitLogistic(d.x, d.n, d.p, y, { l2: 50 });
		const g = gradient(d.x, d.n, d.p, y, ridge.coefficients);
		expect(Math.abs(g[0])).toBeLessThan(1e-6);
		for (let j = 1; j < d.p; j++) expect(g[j]).toBeCloseTo(50 * ridge.coefficients[j], 6);
		// Shrinkage: the penalized fit has smaller coefficients and a lower likelihood.
		expect(Math.abs(ridge.coefficients[1])).toBeLessThan(Math.abs(plain.coefficients[1]));
		expect(ridge.logLik).toBeLessThan(plain.logLik);
	});

	it('recovers the generating coefficients on a large synthetic sample', () => {
		const { columns, y } = synthetic(20000, 5);
		const fitted = fitFeatures(columns, [
			{ name: 'x1', type: 'numeric', standardize: false },
			{ name: 'region', type: 'categorical', reference: 'north' },
		]);
		const d = encode(fitted, columns);
		const fit = fitLogistic(d.x, d.n, d.p, y);
		const at = (name: string) => fit.coefficients[d.names.indexOf(name)];
		expect(at('x1')).toBeGreaterThan(1.1);
		expect(at('x1')).toBeLessThan(1.3);
		expect(at('region=west')).toBeGreaterThan(0.6);
		expect(at('region=south')).toBeLessThan(-0.2);
	});

	it('weights: balanced class weights make the weighted mean prediction equal the weighted base rate', () => {
		const { columns, y } = synthetic(2000, 9);
		const d = encode(fitFeatures(columns, inferSpec(columns, ['x1'])), columns);
		const ones = y.reduce((s, v) => s + v, 0);
		const w = Float64Array.from(y, (v) => (v ? d.n / (2 * ones) : d.n / (2 * (d.n - ones))));
		const fit = fitLogistic(d.x, d.n, d.p, y, { weights: w });
		const g = gradient(d.x, d.n, d.p, y, fit.coefficients, w);
		expect(Math.abs(g[0])).toBeLessThan(1e-6);
		// Balanced weights push the intercept up (the positive class is the minority here).
		const unweighted = fitLogistic(d.x, d.n, d.p, y);
		expect(fit.coefficients[0]).toBeGreaterThan(unweighted.coefficients[0]);
	});

	it('separation: refits with a stronger penalty and warns, or throws when asked not to', () => {
		const n = 200;
		const x = new Float64Array(n * 2);
		const y = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			x[2 * i] = 1;
			x[2 * i + 1] = i < n / 2 ? -1 - (i % 7) / 10 : 1 + (i % 5) / 10;
			y[i] = i < n / 2 ? 0 : 1;
		}
		const fit = fitLogistic(x, n, 2, y);
		expect(fit.warnings[0]).toMatch(/separated/);
		expect(fit.l2).toBeGreaterThan(0);
		expect(Number.isFinite(fit.coefficients[1])).toBe(true);
		expect(() => fitLogistic(x, n, 2, y, { autoRegularize: false })).toThrow(SeparationError);
	});

	it('a singular design (a duplicated column) is regularized with a warning', () => {
		const { columns, y } = synthetic(500, 2);
		const d = encode(fitFeatures({ ...columns, copy: columns.x1 }, inferSpec({ ...columns, copy: columns.x1 }, ['x1', 'copy'])), { ...columns, copy: columns.x1 });
		const fit = fitLogistic(d.x, d.n, d.p, y);
		expect(fit.warnings[0]).toMatch(/singular|separated/);
		// The penalty splits the effect evenly between the two identical columns.
		expect(fit.coefficients[1]).toBeCloseTo(fit.coefficients[2], 6);
	});
});
