import fc from 'fast-check';
import { KeyTable } from '../../../lib/suppression/keyTable';

describe('KeyTable', () => {
	it('answers like a Map of entry lists, through growth and repeated keys', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.nat(1000)), { maxLength: 300 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }), (adds, probes) => {
				const table = new KeyTable();
				const reference = new Map<string, number[]>();
				for (const [key, entry] of adds) {
					table.add(key, entry);
					reference.set(key, [...(reference.get(key) ?? []), entry]);
				}
				expect(table.size).toBe(reference.size);
				for (const key of [...reference.keys(), ...probes]) {
					const got = table.get(key);
					const want = reference.get(key);
					expect(got === undefined ? undefined : typeof got === 'number' ? [got] : got).toEqual(want);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('keeps a single entry as a number and several as a list in insertion order', () => {
		const table = new KeyTable();
		for (let i = 0; i < 5000; i++) table.add(`k${i}`, i);
		table.add('k7', 9);
		expect(table.get('k1')).toBe(1);
		expect(table.get('k7')).toEqual([7, 9]);
		expect(table.get('k5000')).toBeUndefined();
		expect(table.get('')).toBeUndefined();
		expect(table.size).toBe(5000);
	});
});
