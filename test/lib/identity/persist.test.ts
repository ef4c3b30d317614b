import { assignPersistentIds, identityMap, stableId, type PreviousMapEntry } from '../../../lib/identity';

const keys = ['a', 'b', 'c', 'd', 'e', 'f'];

function run(clusterOf: number[], previous: PreviousMapEntry[]) {
	const co = Int32Array.from(clusterOf);
	const clusters = Math.max(...clusterOf) + 1;
	const result = assignPersistentIds(keys, co, clusters, previous, { runAt: '2026-02-01T00:00:00Z' });
	return { result, map: identityMap(keys, co, result, previous) };
}

describe('stableId', () => {
	it('is the first 20 hex digits of SHA-256 of the key: IDs issued by earlier versions stay the same', () => {
		expect(stableId('crm:1')).toBe('cus_9547a70099f1a7ca8a21');
		expect(stableId('crm:1', 'c_')).toBe('c_9547a70099f1a7ca8a21');
	});
});

describe('persistent IDs', () => {
	const first = run([0, 0, 1, 1, 2, 2], []);

	it('derives new IDs deterministically from the smallest record key', () => {
		expect(first.result.clusterIds).toEqual([stableId('a'), stableId('c'), stableId('e')]);
		expect(run([0, 0, 1, 1, 2, 2], []).result.clusterIds).toEqual(first.result.clusterIds);
		expect(first.result.newIds).toBe(3);
	});

	it('keeps every unchanged customer ID on a re-run', () => {
		const again = run([0, 0, 1, 1, 2, 2], first.map);
		expect(again.result.clusterIds).toEqual(first.result.clusterIds);
		expect(again.result.merges).toEqual([]);
		expect(again.result.splits).toEqual([]);
		expect(again.map.every((e) => e.previousCustomerId === undefined)).toBe(true);
		expect(again.result.newIds).toBe(0);
	});

	it('keeps the oldest ID when clusters merge and reports the merged one', () => {
		const previous = first.map.map((e) => ({ ...e, firstSeen: e.customerId === first.result.clusterIds[1] ? '2025-01-01T00:00:00Z' : '2025-06-01T00:00:00Z' }));
		const merged = run([0, 0, 0, 0, 1, 1], previous);
		expect(merged.result.clusterIds[0]).toBe(first.result.clusterIds[1]);
		expect(merged.result.merges).toEqual([{ customerId: first.result.clusterIds[1], merged: [first.result.clusterIds[0]] }]);
		expect(merged.map.find((e) => e.recordKey === 'a')?.previousCustomerId).toBe(first.result.clusterIds[0]);
		expect(merged.result.clusterIds[1]).toBe(first.result.clusterIds[2]);
	});

	it('keeps the ID on the larger part of a split and gives the rest a new ID', () => {
		const three = run([0, 0, 0, 1, 1, 1], []);
		const split = run([0, 1, 1, 2, 2, 2], three.map);
		expect(split.result.clusterIds[1]).toBe(three.result.clusterIds[0]);
		expect(split.result.clusterIds[2]).toBe(three.result.clusterIds[1]);
		expect(split.result.clusterIds[0]).not.toBe(three.result.clusterIds[0]);
		expect(split.result.splits).toEqual([{ customerId: three.result.clusterIds[0], splitInto: [split.result.clusterIds[0]] }]);
		expect(new Set(split.result.clusterIds).size).toBe(3);
	});
});

describe('persistent IDs derived from seeds (household addresses)', () => {
	const seeded = (clusterOf: number[], seeds: Array<string[] | undefined>, previous: PreviousMapEntry[], runAt = '2026-02-01T00:00:00Z') => {
		const co = Int32Array.from(clusterOf);
		const result = assignPersistentIds(keys, co, Math.max(...clusterOf) + 1, previous, { runAt, prefix: 'hh_', seeds });
		return { result, map: identityMap(keys, co, result, previous) };
	};

	it('derives a new ID from the first seed, and from the smallest record key without one', () => {
		const { result } = seeded([0, 0, 1, 1, 2, 2], [['address:x'], undefined, ['address:x']], []);
		expect(result.clusterIds).toEqual([stableId('address:x', 'hh_'), stableId('c', 'hh_'), stableId('address:x#1', 'hh_')]);
	});

	it('on a merge keeps the ID issued at the cluster\'s seed before the oldest and the one most records carry', () => {
		// a (at x) since 2026; c-f (at y) since 2025, more records. c-f move to x.
		const before = seeded([0, 1, 1, 1, 1, 1], [['address:x'], ['address:y']], []);
		const previous = before.map.map((e) => ({ ...e, firstSeen: e.recordKey === 'a' ? '2026-01-01T00:00:00Z' : '2025-01-01T00:00:00Z' }));
		const moved = seeded([0, 0, 0, 0, 0, 0], [['address:x']], previous);
		expect(moved.result.clusterIds[0]).toBe(before.result.clusterIds[0]);
		expect(moved.result.merges).toEqual([{ customerId: before.result.clusterIds[0], merged: [before.result.clusterIds[1]] }]);
		// Without seeds (customer IDs), the oldest is kept.
		expect(run([0, 0, 0, 0, 0, 0], previous).result.clusterIds[0]).toBe(before.result.clusterIds[1]);
	});

	it('on a split leaves the ID with the part at its seed, though the other part has more records', () => {
		const before = seeded([0, 0, 0, 0, 0, 0], [['address:x']], []);
		// a stays at x; b-f move to y.
		const split = seeded([0, 1, 1, 1, 1, 1], [['address:x'], ['address:y']], before.map);
		expect(split.result.clusterIds[0]).toBe(before.result.clusterIds[0]);
		expect(split.result.clusterIds[1]).toBe(stableId('address:y', 'hh_'));
		expect(split.result.splits).toEqual([{ customerId: before.result.clusterIds[0], splitInto: [split.result.clusterIds[1]] }]);
	});
});
