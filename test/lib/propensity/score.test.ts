import { encode, loadModel, PropensityError, quantileEdges, scoreColumns, trainPropensity, type PropensityModel } from '../../../lib/propensity';
import { featurePsi } from '../../../lib/propensity/drift';
import { synthetic } from './data';

const FEATURES = ['x1', 'x2', 'region', 'member'];

function trained(): PropensityModel {
	return trainPropensity(synthetic(4000, 31).columns, { target: 'y', features: FEATURES }).model;
}

describe('scoring', () => {
	const model = trained();

	it('the fast columnar path equals the design matrix times the coefficients', () => {
		const { columns } = synthetic(500, 32);
		const withGaps = { ...columns, x2: (columns.x2 as number[]).map((v, i) => (i % 17 === 0 ? null : i % 19 === 0 ? String(v) : v)) };
		const s = scoreColumns(model, withGaps);
		const d = encode(model.features as never, withGaps);
		for (let i = 0; i < d.n; i++) {
			let e = 0;
			for (let j = 0; j < d.p; j++) e += d.x[i * d.p + j] * model.coefficients[j].estimate;
			expect(s.logit[i]).toBeCloseTo(e, 10);
			expect(s.probability[i]).toBeCloseTo(1 / (1 + Math.exp(-e)), 12);
		}
		expect(s.report.missing).toEqual({ x2: Math.ceil(500 / 17) });
	});

	it('deciles rank the batch (1 = highest); tiers follow the configured cut points', () => {
		const { columns } = synthetic(1000, 33);
		const s = scoreColumns(model, columns);
		const counts = new Array(11).fill(0);
		s.decile.forEach((d) => counts[d]++);
		expect(counts.slice(1)).toEqual(new Array(10).fill(100));
		for (let i = 0; i < 1000; i++)
			for (let j = 0; j < 1000; j += 97) if (s.probability[i] > s.probability[j]) expect(s.decile[i]).toBeLessThanOrEqual(s.decile[j]);
		expect(s.tier.filter((t) => t === 'High')).toHaveLength(200);
		expect(s.tier.filter((t) => t === 'Medium')).toHaveLength(300);
		const byP = scoreColumns(model, columns, { tiers: { by: 'probability', high: 0.5, medium: 0.2 } });
		for (let i = 0; i < 1000; i++) expect(byP.tier[i]).toBe(s.probability[i] >= 0.5 ? 'High' : s.probability[i] >= 0.2 ? 'Medium' : 'Low');
		const training = scoreColumns(model, columns, { decileBasis: 'training' });
		expect(new Set(training.decile).size).toBe(10);
	});

	it('top contributions are coefficient x standardized value per feature, largest first, and sum to the logit', () => {
		const { columns } = synthetic(50, 34);
		const s = scoreColumns(model, columns, { topContributions: 4 });
		for (let i = 0; i < 50; i++) {
			const top = s.contributions![i];
			expect(top).toHaveLength(4);
			expect(new Set(top.map((c) => c.feature))).toEqual(new Set(FEATURES));
			for (let k = 1; k < 4; k++) expect(Math.abs(top[k].contribution)).toBeLessThanOrEqual(Math.abs(top[k - 1].contribution));
			expect(model.coefficients[0].estimate + top.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(s.logit[i], 10);
		}
	});

	it('drift: the same population has PSI near 0; a shifted one is flagged above 0.2', () => {
		const same = scoreColumns(model, synthetic(4000, 35).columns);
		expect(same.drift!.scorePsi).toBeLessThan(0.05);
		expect(same.drift!.drifted).toEqual([]);
		const shifted = scoreColumns(model, synthetic(4000, 36, 1.5).columns);
		expect(shifted.drift!.scorePsi).toBeGreaterThan(0.2);
		expect(shifted.drift!.drifted).toEqual(['score', 'x1']);
		expect(shifted.drift!.features.find((f) => f.feature === 'x2')!.psi).toBeLessThan(0.05);
		expect(shifted.warnings.join(' ')).toMatch(/Feature "x1" drifted from training \(PSI \d\.\d{3} > 0\.2\)/);
	});

	it('unseen categories are scored as the reference and reported; absent features and empty input are errors', () => {
		const { columns } = synthetic(100, 37);
		const region = (columns.region as string[]).map((r, i) => (i < 7 ? 'mars' : r));
		const s = scoreColumns(model, { ...columns, region });
		expect(s.report.unseen).toEqual({ region: 7 });
		expect(s.warnings[0]).toMatch(/7 row\(s\) have a "region" value not seen in training/);
		const { region: _r, member: _m, ...rest } = columns;
		void _r;
		void _m;
		expect(() => scoreColumns(model, rest)).toThrow('The data lacks the model features "region", "member"');
		expect(() => scoreColumns(model, { x1: [], x2: [], region: [], member: [] })).toThrow(PropensityError);
	});

	it('scores with a model loaded back from JSON exactly as with the original', () => {
		const { columns } = synthetic(200, 38);
		const a = scoreColumns(model, columns);
		const b = scoreColumns(loadModel(JSON.stringify(model)), columns);
		expect(Array.from(b.probability)).toEqual(Array.from(a.probability));
	});
});

describe('scoring shortcuts equal the plain computations', () => {
	const model = trained();
	const { columns } = synthetic(3000, 51, 0.7);
	const messy = {
		...columns,
		x2: (columns.x2 as number[]).map((v, i) => (i % 17 === 0 ? null : i % 19 === 0 ? String(v) : i % 23 === 0 ? 'n/a' : v)),
		region: (columns.region as string[]).map((v, i) => (i % 31 === 0 ? 'mars' : i % 37 === 0 ? ` ${v} ` : v)),
	};
	const s = scoreColumns(model, messy, { topContributions: 2 });

	it('PSI counted during scoring equals PSI from a separate pass over each feature', () => {
		model.reference.features.forEach((profile, j) => {
			expect(s.drift!.features[j].psi).toBeCloseTo(featurePsi(profile, model.features[j], messy[profile.feature as keyof typeof messy], 3000), 12);
		});
	});

	it('batch deciles by selection equal deciles from a full sort', () => {
		const sorted = s.probability.slice().sort().reverse();
		const cuts = Array.from({ length: 9 }, (_, d) => sorted[Math.max(0, Math.floor(((d + 1) * 3000) / 10) - 1)]);
		for (let i = 0; i < 3000; i++) {
			let d = 1;
			while (d <= 9 && s.probability[i] < cuts[d - 1]) d++;
			expect(s.decile[i]).toBe(d);
		}
	});

	it('the top-k by partial selection equals the first k of all contributions sorted by size', () => {
		const all = scoreColumns(model, messy, { topContributions: model.features.length, drift: false });
		for (let i = 0; i < 3000; i++) {
			const sorted = [...all.contributions![i]].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
			expect(s.contributions![i]).toEqual(sorted.slice(0, 2));
			expect(s.contributionsOf(i)).toEqual(s.contributions![i]);
		}
		expect(s.topContributions!.feature).toHaveLength(3000 * 2);
	});
});

describe('quantile edges by selection', () => {
	it('equal the edges read from a full sort, with ties and missing values', () => {
		const random = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const r = random(5);
		for (const n of [1, 2, 9, 10, 11, 97, 1000]) {
			const values = Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? NaN : Math.floor(r() * (n < 50 ? 4 : 300))));
			const sorted = values.filter((v) => !Number.isNaN(v)).sort();
			const expected: number[] = [];
			for (let b = 1; b < 10; b++) {
				const v = sorted[Math.max(0, Math.floor((b * sorted.length) / 10) - 1)];
				if (sorted.length && (expected.length === 0 || v > expected[expected.length - 1])) expected.push(v);
			}
			if (expected.length && expected[expected.length - 1] >= sorted[sorted.length - 1]) expected.pop();
			expect(quantileEdges(values)).toEqual(expected);
		}
	});
});

describe('scoring with contributions', () => {
	it('gives the same logits, counts and drift as scoring without them', () => {
		const model = trained();
		const { columns } = synthetic(20000, 61, 0.3);
		const messy = {
			...columns,
			x2: (columns.x2 as number[]).map((v, i) => (i % 17 === 0 ? null : i % 23 === 0 ? 'n/a' : v)),
			region: (columns.region as string[]).map((v, i) => (i % 31 === 0 ? 'mars' : v)),
			member: (columns.member as boolean[]).map((v, i) => (i % 29 === 0 ? '' : v)),
		};
		const plain = scoreColumns(model, messy);
		const withTop = scoreColumns(model, messy, { topContributions: 4 });
		for (let i = 0; i < 20000; i++) {
			expect(withTop.logit[i]).toBeCloseTo(plain.logit[i], 10);
			if (i % 97 === 0) expect(model.coefficients[0].estimate + withTop.contributionsOf(i).reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(plain.logit[i], 10);
		}
		expect(withTop.report).toEqual(plain.report);
		expect(withTop.report.unseen.region).toBe(Math.ceil(20000 / 31));
		withTop.drift!.features.forEach((f, j) => expect(f.psi).toBeCloseTo(plain.drift!.features[j].psi, 12));
	});
});
