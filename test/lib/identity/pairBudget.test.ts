// Scale (issue #19): the candidate pairs stay within a budget, largest blocks skipped first, and the
// results can be built one at a time (what Resolve Identity's file mode writes from).
import { blockLimitWithin, type RuleBlocks } from '../../../lib/identity/blocking';
import { resolveIdentity, resolveIdentityParts, resultOf, type IdentityInput } from '../../../lib/identity';

/** Blocks of the given sizes (records numbered in order). */
function blocksOf(sizes: number[]): RuleBlocks {
	const ids: number[] = [];
	sizes.forEach((size, b) => {
		for (let k = 0; k < size; k++) ids.push(b);
	});
	return { ids: Int32Array.from(ids), sizes: Int32Array.from(sizes) };
}

describe('blockLimitWithin', () => {
	it('keeps the limit when every block fits', () => {
		expect(blockLimitWithin(['email'], [blocksOf([2, 3, 10])], 300, 1_000)).toEqual({ limit: 300, pairs: 1 + 3 + 45 });
	});

	it('skips the largest blocks first until the pairs fit', () => {
		// Blocks of 50 (1,225 pairs), 20 (190) and 10 (45): a budget of 300 keeps 20 and 10.
		const { limit, pairs } = blockLimitWithin(['last'], [blocksOf([50, 20, 10])], 300, 300);
		expect(limit).toBeGreaterThanOrEqual(20);
		expect(limit).toBeLessThan(50);
		expect(pairs).toBe(235);
	});

	it('counts every rule, and a rule of an initial at a thirtieth of the limit', () => {
		const rules = ['last', 'first:initial+last'];
		const blocks = [blocksOf([40]), blocksOf([12])];
		// At the limit 300 the initial rule compares blocks up to 10: its 12 is skipped already.
		expect(blockLimitWithin(rules, blocks, 300, 10_000)).toEqual({ limit: 300, pairs: 780 });
		expect(blockLimitWithin(rules, blocks, 300, 700).pairs).toBe(0);
	});
});

describe('resolveIdentity under a pair budget', () => {
	// 30 "John Smith" (one crowd) and pairs of people who differ by a typo in the email only.
	const records: IdentityInput[] = [];
	for (let k = 0; k < 30; k++) records.push({ key: `crowd:${k}`, firstName: 'John', lastName: 'Smith', email: `john.smith${k}@example.com`, postcode: String(10000 + k) });
	for (let k = 0; k < 40; k++) {
		const first = ['Ada', 'Boris', 'Carmen', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hamid'][k % 8];
		const last = `Name${String.fromCharCode(97 + (k % 26))}${k}`;
		records.push({ key: `a:${k}`, firstName: first, lastName: last, email: `${first}.${last}@example.com`.toLowerCase(), postcode: String(20000 + k) });
		records.push({ key: `b:${k}`, firstName: first, lastName: last, email: `${first}.${last}@exampel.com`.toLowerCase(), postcode: String(20000 + k) });
	}
	const options = { runAt: '2026-01-01T00:00:00Z' };

	it('reports the block limit, and a small budget skips the crowd, not the small blocks', () => {
		const free = resolveIdentity(records, options);
		expect(free.stats.blockLimit).toBe(300);
		const bounded = resolveIdentity(records, { ...options, maxCandidatePairs: 200 });
		expect(bounded.stats.blockLimit).toBeLessThan(30);
		expect(bounded.stats.candidatePairs).toBeLessThanOrEqual(200);
		expect(bounded.stats.candidatePairs).toBeLessThan(free.stats.candidatePairs);
		// The people of two records each are still found.
		const customerOf = new Map(bounded.records.map((r) => [r.key, r.customerId]));
		for (let k = 0; k < 40; k++) expect(customerOf.get(`a:${k}`)).toBe(customerOf.get(`b:${k}`));
	});

	it('parts built one at a time equal the whole result, in input order', () => {
		const shuffled = [...records].reverse();
		const whole = resolveIdentity(shuffled, options);
		const parts = resolveIdentityParts(shuffled, options);
		expect(parts.recordCount).toBe(shuffled.length);
		expect(parts.record(0)).toEqual(whole.records[0]);
		expect(parts.mapEntry(5)).toEqual(whole.map[5]);
		const withoutTimings = (r: typeof whole) => ({ ...r, stats: { ...r.stats, timings: {} } });
		expect(withoutTimings(resultOf(parts))).toEqual(withoutTimings(whole));
	});
});
