import fs from 'node:fs';
import path from 'node:path';
import { resolveIdentity, type IdentityInput } from '../../../lib/identity';

function febrl1(): { records: IdentityInput[]; truth: string[] } {
	const lines = fs.readFileSync(path.join(__dirname, '../../fixtures/identity/febrl1.csv'), 'utf8').trim().split('\n').slice(1);
	const records: IdentityInput[] = [];
	const truth: string[] = [];
	for (const line of lines) {
		const [id, first, last, number, a1, a2, suburb, postcode, state, dob] = line.split(',').map((s) => s.trim());
		records.push({ key: id, firstName: first, lastName: last, street: `${number} ${a1}`, city: suburb, postcode, state, dob, attributes: { address2: a2 } });
		truth.push(/^rec-(\d+)/.exec(id)?.[1] as string);
	}
	return { records, truth };
}

function pairwiseF1(predicted: string[], truth: string[]): number {
	let tp = 0;
	let pp = 0;
	let tt = 0;
	for (let x = 0; x < predicted.length; x++) {
		for (let y = x + 1; y < predicted.length; y++) {
			const p = predicted[x] === predicted[y];
			const t = truth[x] === truth[y];
			if (p) pp++;
			if (t) tt++;
			if (p && t) tp++;
		}
	}
	return (2 * tp) / (pp + tt);
}

describe('resolveIdentity on FEBRL 1 (no identifier column)', () => {
	const { records, truth } = febrl1();
	const result = resolveIdentity(records, { runAt: '2026-01-01T00:00:00Z', uSamplePairs: 20_000 });

	it('links duplicates with high pairwise F1 and explains each link', () => {
		const f1 = pairwiseF1(
			result.records.map((r) => r.customerId),
			truth,
		);
		expect(f1).toBeGreaterThan(0.9);
		const linked = result.records.find((r) => r.explanation.type === 'probabilistic');
		expect(linked?.explanation).toMatchObject({ type: 'probabilistic', linkedTo: expect.any(String) });
		if (linked?.explanation.type === 'probabilistic') {
			expect(linked.explanation.probability).toBeGreaterThanOrEqual(0.9);
			expect(linked.explanation.comparisons.map((c) => c.comparison)).toEqual(expect.arrayContaining(['first', 'last', 'dob']));
		}
		expect(result.profiles).toHaveLength(result.stats.clusters);
		expect(result.map).toHaveLength(records.length);
	});

	it('is reproducible and keeps every customer ID when re-run with the previous map', () => {
		const again = resolveIdentity(records, { runAt: '2026-02-01T00:00:00Z', previousMap: result.map, uSamplePairs: 20_000 });
		expect(again.records.map((r) => r.customerId)).toEqual(result.records.map((r) => r.customerId));
		expect(again.merges).toEqual([]);
		expect(again.splits).toEqual([]);
		expect(again.map.every((e) => e.firstSeen === '2026-01-01T00:00:00Z')).toBe(true);
		// Shuffled input order gives the same partition and IDs.
		const shuffled = [...records].reverse();
		const third = resolveIdentity(shuffled, { runAt: '2026-03-01T00:00:00Z', uSamplePairs: 20_000 });
		const idOf = new Map(third.records.map((r) => [r.key, r.customerId]));
		expect(result.records.every((r) => idOf.get(r.key) === r.customerId)).toBe(true);
	});

	it('builds golden records with conflicts listed', () => {
		const recs: IdentityInput[] = [
			{ key: 'a', email: 'Ann@Acme.io', firstName: 'Ann', lastName: 'Lee', city: 'Leeds', updatedAt: '2025-01-01', source: 'crm' },
			{ key: 'b', email: 'ann@acme.io', firstName: 'Anne', lastName: 'Lee', city: 'York', updatedAt: '2025-06-01', source: 'esp' },
			{ key: 'c', email: 'ann@acme.io', firstName: 'Ann', lastName: 'Lee', city: 'Leeds', updatedAt: '2024-01-01', source: 'web' },
		];
		const recent = resolveIdentity(recs, { mode: 'deterministic' }).profiles;
		expect(recent).toHaveLength(1);
		expect(recent[0].attributes.city).toBe('York');
		expect(recent[0].conflicts.city).toEqual(['leeds', 'york']);
		const frequent = resolveIdentity(recs, { mode: 'deterministic', golden: { strategy: 'mostFrequent' } }).profiles[0];
		expect(frequent.attributes.city).toBe('Leeds');
		const priority = resolveIdentity(recs, { mode: 'deterministic', golden: { strategy: 'sourcePriority', sourcePriority: ['web', 'esp'] } }).profiles[0];
		expect(priority.attributes.firstName).toBe('Ann');
		expect(priority.sources).toEqual(['crm', 'esp', 'web']);
	});

	it('shows the given and family name a full name writes, and a name read from a mailbox never blanks a written one', () => {
		const [single] = resolveIdentity([{ key: 'a', fullName: "Dr. Nadia O'Neil", email: 'np@acme.io' }], { mode: 'deterministic' }).profiles;
		expect(single.attributes.firstName).toBe('Nadia');
		expect(single.attributes.lastName).toBe("O'Neil");
		const recs: IdentityInput[] = [
			{ key: 'a', firstName: 'Christine', lastName: 'Lucas', email: 'christine.lucas@gmail.com', updatedAt: '2025-01-01' },
			{ key: 'b', firstName: 'Christine', lastName: 'Lucas', email: 'christine.lucas@gmail.com', updatedAt: '2025-02-01' },
			{ key: 'c', lastName: 'Lucas', email: 'christine.lucas@gmail.com', updatedAt: '2025-06-01' },
		];
		const [profile] = resolveIdentity(recs, { mode: 'deterministic' }).profiles;
		expect(profile.recordKeys).toEqual(['a', 'b', 'c']);
		expect(profile.attributes.firstName).toBe('Christine');
	});

	it('flags a field holding an object or a list instead of matching on "[object Object]"', () => {
		const recs = [
			{ key: 'a', email: { address: 'x@y.com' }, firstName: ['Ann'], lastName: 'Lee', city: { name: 'Leeds' } },
			{ key: 'b', email: { address: 'z@y.com' }, firstName: ['Bob'], lastName: 'Lee', city: { name: 'York' } },
		] as unknown as IdentityInput[];
		const result = resolveIdentity(recs, { mode: 'deterministic' });
		expect(result.records[0].flags).toEqual(
			expect.arrayContaining([
				{ field: 'email', reason: 'not text or a number' },
				{ field: 'firstName', reason: 'not text or a number' },
				{ field: 'city', reason: 'not text or a number' },
			]),
		);
		expect(result.records[0].customerId).not.toBe(result.records[1].customerId);
		expect(result.profiles[0].attributes.city).toBeUndefined();
	});

	it('counts spellings of one mailbox as one email in golden conflicts, and keeps placeholders out', () => {
		const recs: IdentityInput[] = [
			{ key: 'a', email: 'Jane.Doe@gmail.com', phone: '+1 415 555 0101', updatedAt: '2025-01-01' },
			{ key: 'b', email: 'janedoe+news@gmail.com', phone: '(415) 555-0101', updatedAt: '2025-06-01' },
			{ key: 'c', email: 'test@test.com', phone: '4155550101', updatedAt: '2026-01-01' },
		];
		const [profile] = resolveIdentity(recs, { mode: 'deterministic', defaultRegion: 'US' }).profiles;
		expect(profile.recordKeys).toEqual(['a', 'b', 'c']);
		expect(profile.attributes.email).toBe('janedoe+news@gmail.com');
		expect(profile.conflicts.email).toBeUndefined();
		const withWork = resolveIdentity([...recs, { key: 'd', email: 'j.doe@work.example.org', phone: '415.555.0101' }], { mode: 'deterministic', defaultRegion: 'US' });
		expect(withWork.profiles[0].conflicts.email).toEqual(['j.doe@work.example.org', 'janedoe@gmail.com']);
	});
});
