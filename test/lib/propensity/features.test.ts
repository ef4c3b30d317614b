import { encode, fitFeatures, inferSpec, OTHER_LEVEL, PropensityError } from '../../../lib/propensity';
import { encodeRows } from '../../../lib/propensity/features';
import { rowDesign } from '../../../lib/propensity/logistic';
import { synthetic } from './data';

describe('feature spec and fitted transforms', () => {
	it('infers numeric, categorical, boolean and date features', () => {
		const spec = inferSpec(
			{ a: [1, '2', null], b: ['x', 'y', 'x'], c: [true, false, true], d: ['2024-01-01', '2024-02-01', ''] },
			['a', 'b', 'c', 'd'],
		);
		expect(spec.map((s) => s.type)).toEqual(['numeric', 'categorical', 'boolean', 'date']);
	});

	it('standardizes numbers, imputes missing values with the mean and adds a missing indicator', () => {
		const columns = { v: [1, 2, 3, null, 6, ''] };
		const [f] = fitFeatures(columns, [{ name: 'v', type: 'numeric' }]);
		expect(f).toMatchObject({ type: 'numeric', center: 3, impute: 3, missingIndicator: true });
		const d = encode([f], columns);
		expect(d.names).toEqual(['(intercept)', 'v', 'v (missing)']);
		const z = [0, 1, 2, 3, 4, 5].map((i) => d.x[i * 3 + 1]);
		const present = [z[0], z[1], z[2], z[4]];
		expect(present.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
		expect(present.reduce((s, v) => s + v * v, 0) / 4).toBeCloseTo(1, 12);
		expect(z[3]).toBe(0);
		expect([0, 1, 2, 3, 4, 5].map((i) => d.x[i * 3 + 2])).toEqual([0, 0, 0, 1, 0, 1]);
		expect(d.report.missing).toEqual({ v: 2 });
	});

	it('one-hot against the most frequent level; rare levels pooled; unseen levels counted at encoding', () => {
		const values = [...Array(50).fill('a'), ...Array(30).fill('b'), ...Array(6).fill('c'), ...Array(5).fill('d'), 'e'];
		const [f] = fitFeatures({ c: values }, [{ name: 'c', type: 'categorical', minLevelCount: 10 }]);
		expect(f).toEqual({ name: 'c', type: 'categorical', reference: 'a', levels: [OTHER_LEVEL, 'b'], pooled: ['c', 'd', 'e'] });
		const d = encode([f], { c: ['a', 'b', 'c', 'zzz'] });
		expect(Array.from(d.x)).toEqual([1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0]);
		expect(d.report.unseen).toEqual({ c: 1 });
		// Too few rare rows for a column of their own: they score as the reference level.
		const [g] = fitFeatures({ c: [...Array(20).fill('a'), ...Array(15).fill('b'), 'x', 'y'] }, [{ name: 'c', type: 'categorical' }]);
		expect(g).toMatchObject({ reference: 'a', levels: ['b'], pooled: ['x', 'y'] });
	});

	it('booleans accept true/false, yes/no and 1/0; dates become days since the latest training date', () => {
		const [b, d] = fitFeatures({ b: ['yes', 'no', true, 0], d: ['2024-01-01', '2024-01-11', '2024-01-21', '2024-01-31'] }, [
			{ name: 'b', type: 'boolean' },
			{ name: 'd', type: 'date', standardize: false },
		]);
		expect(b).toMatchObject({ type: 'boolean', missingIndicator: false });
		expect(d).toMatchObject({ type: 'date', asOf: '2024-01-31T00:00:00.000Z', center: 0, scale: 1 });
		const x = encode([b, d], { b: ['yes', 'no', true, 0], d: ['2024-01-01', '2024-01-11', '2024-01-21', '2024-01-31'] });
		expect([0, 1, 2, 3].map((i) => x.x[i * 3 + 1])).toEqual([1, 0, 1, 0]);
		expect([0, 1, 2, 3].map((i) => x.x[i * 3 + 2])).toEqual([30, 20, 10, 0]);
	});

	it.each([
		[{ v: [3, 3, 3, null] }, { name: 'v', type: 'numeric' }, 'constant-column'],
		[{ v: [null, '', undefined] }, { name: 'v', type: 'numeric' }, 'all-missing'],
		[{ v: ['a', 'a', 'a'] }, { name: 'v', type: 'categorical' }, 'constant-column'],
		[{ v: [true, true] }, { name: 'v', type: 'boolean' }, 'constant-column'],
		[{ v: [1, 'abc', 2] }, { name: 'v', type: 'numeric' }, 'bad-value'],
		[{ w: [1, 2] }, { name: 'v', type: 'numeric' }, 'missing-feature'],
	] as const)('rejects bad columns with a clear error naming the field (%#)', (columns, spec, code) => {
		let error: unknown;
		try {
			fitFeatures(columns, [spec]);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(PropensityError);
		expect((error as PropensityError).code).toBe(code);
		expect((error as PropensityError).field).toBe('v');
		expect((error as Error).message).toContain('"v"');
	});

	it('fits transforms on the given rows only', () => {
		const { columns } = synthetic(100, 1);
		const rows = Int32Array.from({ length: 50 }, (_, i) => i);
		const [f] = fitFeatures(columns, [{ name: 'x2', type: 'numeric' }], { rows });
		const mean = (columns.x2 as number[]).slice(0, 50).reduce((s, v) => s + v, 0) / 50;
		expect((f as { center: number }).center).toBeCloseTo(mean, 12);
	});
});

describe('row design (the training encoding)', () => {
	const dense = (d: { n: number; p: number; stride: number; index: Int32Array; value: Float64Array }) => {
		const x = new Float64Array(d.n * d.p);
		for (let i = 0; i < d.n; i++)
			for (let s = 0; s < d.stride; s++) {
				const k = i * d.stride + s;
				if (s > 0 && d.value[k] !== 0) expect(d.index[k]).toBeGreaterThan(d.index[k - 1]);
				x[i * d.p + d.index[k]] += d.value[k];
			}
		return x;
	};

	it('holds the same matrix as encode(), for all rows and for a subset, with missing and unseen values', () => {
		const { columns } = synthetic(300, 41);
		const gaps = {
			...columns,
			x2: (columns.x2 as number[]).map((v, i) => (i % 13 === 0 ? null : v)),
			member: (columns.member as boolean[]).map((v, i) => (i % 11 === 0 ? '' : v)),
			region: (columns.region as string[]).map((v, i) => (i % 29 === 0 ? 'mars' : v)),
		};
		const features = fitFeatures(gaps, inferSpec(gaps, ['x1', 'x2', 'region', 'member']), { rows: Int32Array.from({ length: 250 }, (_, i) => i) });
		const subset = Int32Array.from({ length: 100 }, (_, i) => 299 - 2 * i);
		for (const rows of [undefined, subset]) {
			const d = encode(features, gaps, rows);
			const r = encodeRows(features, gaps, rows);
			expect([r.n, r.p]).toEqual([d.n, d.p]);
			expect(Array.from(dense(r))).toEqual(Array.from(d.x));
			expect(r.report).toEqual(d.report);
		}
	});

	it('rowDesign of a dense matrix keeps its non-zero entries', () => {
		const x = Float64Array.from([1, 0, 2, 0, 1, 0, 0, 3, 1, 4, 5, 6]);
		const r = rowDesign(x, 3, 4);
		expect(r.stride).toBe(4);
		expect(Array.from(dense(r))).toEqual(Array.from(x));
	});
});
