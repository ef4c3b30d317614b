// FEBRL's dataset 3 exports some records with given name and surname swapped ("dent, bailee").
// Only a blocking key that reads the two names in either order puts such a record beside the
// person's others when its postcode or suburb also carries a slip; before it, 0.9861 F1 without
// the SSN column (0.9903 before the household work, which made the address one comparison).
import path from 'node:path';
import { readCsv } from '../../../bench/csv';
import { pairwise } from '../../../bench/identity-metrics';
import { resolveIdentity, type IdentityInput } from '../../../lib/identity';
import { defaultBlockingRules } from '../../../lib/identity/blocking';

const FEBRL3 = path.resolve(__dirname, '../../../../shared/datasets/identity/febrl/dataset3.csv');

describe('name fields swapped in one export', () => {
	it('blocks on both names in either order where both are present', () => {
		expect(defaultBlockingRules(['first', 'last', 'nameSet'])).toContain('nameSet');
		expect(defaultBlockingRules(['first', 'last', 'nameSet'])).not.toContain('first+last');
		expect(defaultBlockingRules(['first', 'last'])).toContain('first+last');
		// Slips in names and area together: the street or the postcode's first digits with the birth date.
		expect(defaultBlockingRules(['first', 'last', 'dob', 'street', 'postcode'])).toEqual(expect.arrayContaining(['street+dob', 'dob+postcode:prefix3']));
	});

	it('links the swapped FEBRL records to their people without the SSN (F1 >= 0.9903, the figure before the household work; precision >= 0.999)', () => {
		const records: IdentityInput[] = [];
		const truth: string[] = [];
		for (const raw of readCsv(FEBRL3)) {
			const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.trim(), String(v).trim()]));
			records.push({ key: row.rec_id, firstName: row.given_name, lastName: row.surname, street: `${row.street_number} ${row.address_1}`, city: row.suburb, postcode: row.postcode, state: row.state, dob: row.date_of_birth, attributes: { address2: row.address_2 } });
			truth.push(/^rec-(\d+)/.exec(row.rec_id)?.[1] ?? row.rec_id);
		}
		const result = resolveIdentity(records, { runAt: '2026-01-01T00:00:00Z' });
		const m = pairwise(result.records.map((r) => r.customerId), truth);
		expect(m.precision).toBeGreaterThanOrEqual(0.999);
		expect(m.f1).toBeGreaterThanOrEqual(0.9903);
		const id = new Map(result.records.map((r) => [r.key, r.customerId]));
		// Bailee Dent and "Dent Bailee" (nowrs 4179): one person.
		const dent = records.filter((r) => truth[records.indexOf(r)] === '1648').map((r) => id.get(r.key));
		expect(new Set(dent).size).toBe(1);
	});
});
