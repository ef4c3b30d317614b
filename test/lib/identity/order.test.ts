import { resolveIdentity, seededRandom, type IdentityInput } from '../../../lib/identity';
import { householdData } from '../../../bench/households-data';

function shuffled<T>(list: T[], seed: number): T[] {
	const random = seededRandom(seed);
	const out = list.slice();
	for (let k = out.length - 1; k > 0; k--) {
		const j = Math.floor(random() * (k + 1));
		[out[k], out[j]] = [out[j], out[k]];
	}
	return out;
}

const options = { runAt: '2026-01-01T00:00:00Z', defaultRegion: 'US' as const };

function idsOf(records: IdentityInput[]): Map<string, string> {
	return new Map(resolveIdentity(records, options).records.map((r) => [r.key, r.customerId]));
}

describe('order independence', () => {
	it('the same records in any order get the same customer IDs', () => {
		// Multi-source records with households, nicknames, typos and shared values: enough records
		// that u is sampled and EM trains on samples, where input position used to leak in.
		const { records } = householdData(900, 5);
		const reference = idsOf(records);
		for (const seed of [1, 2, 3]) {
			const again = idsOf(shuffled(records, seed));
			const changed = [...reference].filter(([key, id]) => again.get(key) !== id);
			expect(changed).toEqual([]);
		}
	});

	it('returns records and the identity map in input order', () => {
		const { records } = householdData(60, 9);
		const input = shuffled(records, 4);
		const result = resolveIdentity(input, options);
		expect(result.records.map((r) => r.key)).toEqual(input.map((r) => r.key));
		expect(result.map.map((e) => e.recordKey)).toEqual(input.map((r) => r.key));
	});
});
