import { BlockKeyCodes } from '../../../lib/identity/blocking';
import { defaultComparisons } from '../../../lib/identity/comparisons';
import { codedTermFrequencies, PairComparer } from '../../../lib/identity/fellegiSunter';
import {
	blockPairs,
	comparePairs,
	estimateM,
	estimateU,
	exactAgreementProbability,
	prepareRecords,
	stringComparison,
	termFrequencies,
	pairScorer,
	weightToProbability,
} from '../../../lib/identity';

describe('Fellegi-Sunter stages', () => {
	it('computes exact-agreement u from value frequencies', () => {
		const tf = termFrequencies(['a', 'a', 'b', 'c', '']);
		// 4 non-empty values, one agreeing ordered pair of two among 12.
		expect(exactAgreementProbability(tf)).toBeCloseTo(2 / 12, 12);
	});

	const names = ['smith', 'smith', 'smyth', 'jones', 'jones', 'brown', 'browne', 'taylor', 'khan', 'patel', 'lee', 'lee'];
	const prepared = prepareRecords(names.map((last, k) => ({ key: `k${k}`, lastName: last, firstName: last.slice(0, 1) })));
	const comparisons = [stringComparison('last', prepared.columns.get('last') as string[])];
	const tfs = [termFrequencies(prepared.columns.get('last') as string[])];

	it('estimates u per level that sums to one and is reproducible with a seed', () => {
		const u = estimateU(prepared.n, comparisons, tfs, { seed: 7, samplePairs: 30 });
		const sum = u[0].slice(1).reduce((a, b) => a + b, 0);
		expect(sum).toBeCloseTo(1, 10);
		expect(u[0][1]).toBeCloseTo(exactAgreementProbability(tfs[0]), 3);
		expect(estimateU(prepared.n, comparisons, tfs, { seed: 7, samplePairs: 30 })).toEqual(u);
	});

	it('runs EM to a model where agreement is evidence for a match, with TF adjustment', () => {
		const pairs = blockPairs(prepared, ['first'], 100);
		expect(pairs.length).toBe(6);
		const u = estimateU(prepared.n, comparisons, tfs, { seed: 1 });
		const gammas = comparePairs(pairs, comparisons);
		const model = estimateM(gammas, pairs.length, comparisons, u);
		expect(model.lambda).toBeGreaterThan(0);
		expect(model.lambda).toBeLessThan(1);
		const p = model.comparisons[0];
		expect(p.m.slice(1).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
		expect(p.m[1] / p.u[1]).toBeGreaterThan(p.m[4] / p.u[4]);
		const scorer = pairScorer(model, comparisons, [prepared.columns.get('last')], tfs, { priorWeight: 0 });
		// "khan" is rarer than "smith": an exact agreement on it weighs more.
		const rare = scorer.weight(8, 8, [1]);
		const common = scorer.weight(0, 1, [1]);
		expect(rare).toBeGreaterThan(common);
		expect(weightToProbability(0)).toBe(0.5);
		expect(scorer.contributions(0, 1, [1])[0]).toMatchObject({ comparison: 'last', level: 'exact' });
	});

	it('never produces a pair twice across blocking rules', () => {
		const pairs = blockPairs(prepared, ['first', 'last', 'last:soundex'], 100);
		const seen = new Set<string>();
		for (let p = 0; p < pairs.length; p++) {
			const k = `${pairs.left[p]},${pairs.right[p]}`;
			expect(seen.has(k)).toBe(false);
			seen.add(k);
		}
		const capped = blockPairs(prepared, ['first'], 2);
		expect(capped.length).toBe(3);
		expect(capped.skippedBlocks).toEqual([{ rule: 'first', size: 3 }]);
	});
});

describe('PairComparer on value codes', () => {
	const people = [
		{ key: 'a', firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@gmail.com', dob: '1980-02-03', city: 'Leeds', postcode: '10001' },
		{ key: 'b', firstName: 'Anne', lastName: 'Lee', email: 'annlee+x@gmail.com', dob: '1980-03-02', city: 'leeds', postcode: '10001' },
		{ key: 'c', firstName: 'Bob', lastName: 'Smith', email: 'bob@smith.io', dob: '1975-01-01', city: 'York' },
		{ key: 'd', firstName: 'Rob', lastName: 'Smyth', email: 'bob@smith.io', dob: '1975-01-11', postcode: '10002' },
		{ key: 'e', firstName: '', lastName: 'Lee', email: 'ann.lee@gmail.com', dob: '' },
	];
	const prepared = prepareRecords(people);
	const present = ['first', 'last', 'email', 'dob', 'city', 'postcode'];
	const comparisons = defaultComparisons(prepared, present);
	const codes = new BlockKeyCodes(prepared);
	const pairs = { left: new Int32Array(10), right: new Int32Array(10), rule: new Uint8Array(10), length: 10, skippedBlocks: [], perRule: [10] };
	let p = 0;
	for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) [pairs.left[p], pairs.right[p++]] = [i, j];

	it('gives every pair the levels of the string comparisons', () => {
		const coded = new PairComparer(comparisons, comparisons.map((c) => codes.column(c.column).codes)).compare(pairs);
		expect(coded.map((g) => Array.from(g))).toEqual(comparePairs(pairs, comparisons).map((g) => Array.from(g)));
		expect(Array.from(coded[comparisons.findIndex((c) => c.name === 'email')])).toContain(1);
	});

	it('counts term frequencies from codes as from strings', () => {
		for (const c of comparisons) {
			const { codes: columnCodes, codeCount } = codes.column(c.column);
			const fromCodes = codedTermFrequencies(columnCodes, codeCount);
			const fromStrings = termFrequencies(prepared.columns.get(c.column) as string[]);
			expect([fromCodes.total, fromCodes.agreeingPairs]).toEqual([fromStrings.total, fromStrings.agreeingPairs]);
			for (let i = 0; i < people.length; i++) expect(fromCodes.countOf(i)).toBe(fromStrings.countOf(i));
		}
	});
});
