import { resolveIdentity, type IdentityInput } from '../../../lib/identity';

// What data generators (Python Faker and its kind) and many CRM test exports write: mailboxes on
// the reserved example.com/.org/.net domains, one a person, and phone numbers with area codes no
// one was given, with extensions. Both are identifiers as written: the same one on two records of
// one name is one person; held by different people it links nobody.
const OPTIONS = { runAt: '2026-01-01T00:00:00Z', defaultRegion: 'US' } as const;

describe('identity on generated-style data', () => {
	it('links one person across sources on a reserved-domain mailbox', () => {
		const records: IdentityInput[] = [
			{ key: 'crm', source: 'crm', firstName: 'Mary', lastName: 'Hahn', email: 'hahn.mary@example.org', street: '7196 James Mountain', city: 'Sotoport', postcode: '94962' },
			{ key: 'esp', source: 'esp', firstName: 'Mary', email: ' HAHN.MARY@EXAMPLE.ORG ' },
		];
		const [a, b] = resolveIdentity(records, OPTIONS).records;
		expect(b.customerId).toBe(a.customerId);
	});

	it('links one person on a phone out of the assigned ranges, written with and without extension', () => {
		const records: IdentityInput[] = [
			{ key: 'crm', source: 'crm', firstName: 'Andrew', lastName: 'Smith', phone: '955.335.9315', dob: '1969-05-14' },
			{ key: 'web', source: 'web', firstName: 'Drew', lastName: 'Smith', phone: '(955)335-9315x400', email: 'asmith@example.net' },
		];
		const result = resolveIdentity(records, OPTIONS);
		const [a, b] = result.records;
		expect(b.customerId).toBe(a.customerId);
		expect(a.flags).toContainEqual({ field: 'phone', reason: expect.stringMatching(/not a number in service/) });
		// Linked on, never the profile's phone: a campaign texts the profile's number.
		expect(result.profiles[0].attributes.phone).toBeUndefined();
	});

	it('a reserved-domain mailbox held by many different people links none of them', () => {
		const first = ['ann', 'ben', 'cara', 'dev', 'eli', 'fay', 'gus', 'hal'];
		const records: IdentityInput[] = first.map((f, k) => ({ key: `r${k}`, firstName: f, lastName: `Stone${k}`, email: 'customer@example.com' }));
		const ids = new Set(resolveIdentity(records, OPTIONS).records.map((r) => r.customerId));
		expect(ids.size).toBe(first.length);
	});

	it("an unassigned number shared by two people of one household stays the household's", () => {
		const records: IdentityInput[] = [
			{ key: 'kevin', firstName: 'Kevin', lastName: 'Vargas', phone: '(955)441-0202', street: '12 Elm St', postcode: '60614' },
			{ key: 'amanda', firstName: 'Amanda', lastName: 'Vargas', phone: '955-441-0202', street: '12 Elm St', postcode: '60614' },
		];
		const [a, b] = resolveIdentity(records, OPTIONS).records;
		expect(b.customerId).not.toBe(a.customerId);
	});
});

describe('namesakes on one generated mailbox', () => {
	// Faker builds a mailbox from a name: at 20,000 people msmith@yahoo.com belongs to several Mary Smiths.
	const mary = (key: string, dob: string, phone: string): IdentityInput => ({ key, source: 'crm', firstName: 'Mary', lastName: 'Smith', email: 'msmith@yahoo.com', dob, phone });

	it('two Mary Smiths whose birth dates and phones differ are two customers; her newsletter record is neither', () => {
		const records = [mary('a', '1951-10-15', '836-684-3193'), mary('b', '1957-08-20', '329-989-7499'), { key: 'esp', source: 'esp', firstName: 'Mary', email: 'msmith@yahoo.com' }];
		const ids = resolveIdentity(records, OPTIONS).records.map((r) => r.customerId);
		expect(new Set(ids).size).toBe(3);
	});

	it('one Mary Smith with a birth date slip and a second phone stays one customer', () => {
		const records = [mary('a', '1951-10-15', '836-684-3193'), mary('b', '1951-10-16', '329-989-7499')];
		const [a, b] = resolveIdentity(records, OPTIONS).records;
		expect(b.customerId).toBe(a.customerId);
	});
});
