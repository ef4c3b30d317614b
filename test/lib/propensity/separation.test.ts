// Separation is a property of the data, not of a coefficient's size. Reference:
// test/fixtures/propensity/separation.json (statsmodels Logit, bench/propensity-separation.py).
import fixture from '../../fixtures/propensity/separation.json';
import { fitLogistic, SeparationError, trainPropensity } from '../../../lib/propensity';

const data = (name: string) => {
	const c = fixture.cases.find((k) => k.name === name)!;
	return { ...c, x: Float64Array.from(c.x), y: Float64Array.from(c.y) };
};

describe('separation test', () => {
	it('near-separated data with a finite optimum: statsmodels coefficients and log-likelihood, no penalty', () => {
		const c = data('near');
		const reference = c.statsmodels as { converged: boolean; params: number[]; bse: number[]; llf: number };
		expect(reference.converged).toBe(true);
		expect(reference.params[1]).toBeGreaterThan(30);
		const fit = fitLogistic(c.x, c.n, c.p, c.y);
		expect(fit.warnings).toEqual([]);
		expect(fit.l2).toBe(0);
		expect(Math.abs(fit.logLik - reference.llf) / Math.abs(reference.llf)).toBeLessThan(1e-9);
		reference.params.forEach((b, j) => expect(Math.abs(fit.coefficients[j] - b) / Math.max(1, Math.abs(b))).toBeLessThan(1e-6));
		reference.bse.forEach((se, j) => expect(Math.abs(fit.standardErrors[j] - se) / se).toBeLessThan(1e-5));
	});

	it.each(['quasi', 'complete'])('%s separation (statsmodels: no convergence / PerfectSeparationError): warning and penalty', (name) => {
		const c = data(name);
		const reference = c.statsmodels as { converged?: boolean; error?: string };
		expect(reference.error === 'PerfectSeparationError' || reference.converged === false).toBe(true);
		const fit = fitLogistic(c.x, c.n, c.p, c.y);
		expect(fit.warnings[0]).toMatch(/separated/);
		expect(fit.l2).toBeGreaterThan(0);
		expect(fit.coefficients.every(Number.isFinite)).toBe(true);
		expect(() => fitLogistic(c.x, c.n, c.p, c.y, { autoRegularize: false })).toThrow(SeparationError);
	});

	it('a strong but finite effect on a small coefficient scale is left alone (rescaled feature, same fit)', () => {
		const c = data('near');
		// x1 in tenths: the optimum coefficient is 10 times larger, the likelihood the same.
		const x = Float64Array.from(c.x, (v, k) => (k % c.p === 1 ? v / 10 : v));
		const fit = fitLogistic(x, c.n, c.p, c.y);
		expect(fit.warnings).toEqual([]);
		expect(Math.abs(fit.logLik - (c.statsmodels as { llf: number }).llf)).toBeLessThan(1e-6);
	});

	it('Train (standardized features, as the node does): statsmodels log-likelihood on near-separated data, penalty only when separated', () => {
		const columnsOf = (name: string) => {
			const c = data(name);
			const column = (j: number) => Array.from({ length: c.n }, (_, i) => c.x[i * c.p + j]);
			return { columns: { spend: column(1), visits: column(2), converted: Array.from(c.y) }, c };
		};
		const near = columnsOf('near');
		const trained = trainPropensity(near.columns, { target: 'converted', features: ['spend', 'visits'] });
		expect(trained.model.solver.warnings).toEqual([]);
		expect(trained.model.solver.l2).toBe(0);
		expect(Math.abs(trained.model.solver.logLik - (near.c.statsmodels as { llf: number }).llf)).toBeLessThan(1e-7);
		const quasi = trainPropensity(columnsOf('quasi').columns, { target: 'converted', features: ['spend', 'visits'] });
		expect(quasi.model.solver.warnings[0]).toMatch(/separated/);
		expect(quasi.model.solver.l2).toBeGreaterThan(0);
	});
});
