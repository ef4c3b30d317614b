// Red team (s11, identity 2): realistic CRM/ESP export cases against Resolve Identity with the
// node's defaults on a background of generated households (bench/households-data), as in
// households.test.ts and identity.test.ts here. Every case here fails at 1a97ea5 (plain `it`).
import type { IdentityInput, ResolveOptions, ResolveResult } from '../../../lib/identity';
import { idsByKey, resolveOnBackground } from '../../helpers/redteamIdentity';

const resolveAll = (records: IdentityInput[], extra: Partial<ResolveOptions> = {}): ResolveResult => resolveOnBackground(records, extra);
function resolve(records: IdentityInput[], extra: Partial<ResolveOptions> = {}): Map<string, { customerId: string; householdId?: string }> {
	return idsByKey(resolveAll(records, extra));
}
const customer = (ids: ReturnType<typeof resolve>, key: string): string => ids.get(key)!.customerId;
const household = (ids: ReturnType<typeof resolve>, key: string): string | undefined => ids.get(key)!.householdId;

const oak = { street: '12 Oak St', city: 'San Jose', state: 'CA', postcode: '95112', country: 'US' };

describe('red team s11 identity: two people of one household merged', () => {
	// A masculine and feminine form that is not "name + ending" (o/a, e/ia): the landline or the
	// family mailbox links them, their mailboxes spelling neither name.
	it.each([
		['Mario', 'Maria', 'mlopez72@gmail.com', 'mlopez74@yahoo.com'],
		['George', 'Georgia', 'ghale60@gmail.com', 'ghale62@yahoo.com'],
		['Antonio', 'Antonia', 'theruizs@gmail.com', 'theruizs@gmail.com'],
	])('spouses %s and %s on one landline and address (mailboxes %s / %s) stay two customers', (a, b, emailA, emailB) => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: a, lastName: 'Lopez', email: emailA, phone: '+1 408 555 0142', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: b, lastName: 'Lopez', email: emailB, phone: '+1 408 555 0142', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('Dan (Daniel) and his wife Danielle, birth dates two years apart, own mailboxes that spell neither, at one address stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Dan', lastName: 'Fairbank', email: 'dfb1970@gmail.com', dob: '1970-03-03', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Danielle', lastName: 'Fairbank', email: 'dfb1972@yahoo.com', dob: '1972-07-07', ...oak },
			{ key: 'esp:1', source: 'esp', firstName: 'Dan', lastName: 'Fairbank', email: 'dfb1970@gmail.com', ...oak },
			{ key: 'esp:2', source: 'esp', firstName: 'Danielle', lastName: 'Fairbank', email: 'dfb1972@yahoo.com', ...oak },
		]);
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'esp:1'));
		expect(customer(ids, 'crm:2')).toBe(customer(ids, 'esp:2'));
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('father and son Michael Reed (no suffix), birth dates 25 years apart, own mailboxes, one address, stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Michael', lastName: 'Reed', email: 'mreed68@aol.com', dob: '1968-04-10', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Michael', lastName: 'Reed', email: 'mreed93@gmail.com', dob: '1993-09-22', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('father Michael Reed (born 1968) and a record of the name with birth year 1993 on the family mailbox stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Michael', lastName: 'Reed', email: 'thereeds@gmail.com', dob: '1968-04-10', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Michael', lastName: 'Reed', email: 'thereeds@gmail.com', dob: '1993', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('an order for "Mr & Mrs John Smith" on Mary\'s own mailbox does not put her mailbox on John\'s customer', () => {
		for (const fullName of ['Mr & Mrs John Smith', 'John and Mary Smith']) {
			const result = resolveAll([
				{ key: 'crm:1', source: 'crm', firstName: 'John', lastName: 'Smith', email: 'jsmith@gmail.com', ...oak },
				{ key: 'crm:2', source: 'crm', firstName: 'Mary', lastName: 'Smith', email: 'mary.smith@yahoo.com', ...oak },
				{ key: 'ord:3', source: 'orders', fullName, email: 'mary.smith@yahoo.com', ...oak },
			]);
			const john = result.records.find((r) => r.key === 'crm:1')!.customerId;
			const profile = result.profiles.find((p) => p.customerId === john)!;
			expect(profile.recordKeys).toEqual(['crm:1']);
			expect(profile.conflicts.email ?? []).not.toContain('mary.smith@yahoo.com');
		}
	});
});

describe('red team s11 identity: golden profile', () => {
	it('a customer whose newest record gives only a full name keeps a first and last name in the golden profile', () => {
		const result = resolveAll([
			{ key: 'crm:1', source: 'crm', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', updatedAt: '2025-01-01', ...oak },
			{ key: 'ord:1', source: 'orders', fullName: 'Nadia Perkins', email: 'nadia.perkins@gmail.com', updatedAt: '2025-06-01', ...oak },
		]);
		const id = result.records.find((r) => r.key === 'crm:1')!.customerId;
		expect(result.records.find((r) => r.key === 'ord:1')!.customerId).toBe(id);
		const profile = result.profiles.find((p) => p.customerId === id)!;
		expect(profile.attributes.firstName).toBe('Nadia');
		expect(profile.attributes.lastName).toBe('Perkins');
	});
});

describe('red team s11 households: one household split', () => {
	const spouses = (a: Partial<IdentityInput>, b: Partial<IdentityInput>): IdentityInput[] => [
		{ key: 'crm:1', source: 'crm', firstName: 'Brian', lastName: 'Okafor', email: 'brian.okafor@gmail.com', country: 'US', ...a },
		{ key: 'crm:2', source: 'crm', firstName: 'Grace', lastName: 'Okafor', email: 'grace.okafor@yahoo.com', country: 'US', ...b },
	];
	const austin = { city: 'Austin', state: 'TX', postcode: '78701' };

	it('a person who moved (two older records at the old address, the newest at the new one, one email and phone) is in the household of the new address', () => {
		const dayton = { street: '9 Birch Rd', city: 'Dayton', state: 'OH', postcode: '45402', country: 'US' };
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '+1 937 555 0101', updatedAt: '2023-01-01', ...dayton },
			{ key: 'ord:1', source: 'orders', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '+1 937 555 0101', updatedAt: '2023-05-01', ...dayton },
			{ key: 'web:1', source: 'web', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '+1 937 555 0101', updatedAt: '2025-09-01', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Owen', lastName: 'Perkins', email: 'owen.perkins@yahoo.com', updatedAt: '2025-09-01', ...oak },
		]);
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'web:1'));
		expect(household(ids, 'web:1')).toBe(household(ids, 'crm:2'));
	});

	it('spouses at one street and ZIP, state written "TX" on one record and "Texas" on the other, share a householdId', () => {
		const ids = resolve(spouses({ street: '44 Pine Ave', ...austin }, { street: '44 Pine Ave', ...austin, state: 'Texas' }));
		expect(household(ids, 'crm:1')).toBe(household(ids, 'crm:2'));
	});

	it.each([
		['44 Main St Apt 4B', '44 Main St Unit 4-B'],
		['44 Main St Apt 4B', '44 Main St Apt #4B'],
	])('spouses at "%s" and "%s" share a householdId', (a, b) => {
		const ids = resolve(spouses({ street: a, ...austin }, { street: b, ...austin }));
		expect(household(ids, 'crm:1')).toBe(household(ids, 'crm:2'));
	});

	it('spouses at "12 St. James Pl" and "12 Saint James Place" share a householdId', () => {
		const ids = resolve(spouses({ street: '12 St. James Pl', ...austin }, { street: '12 Saint James Place', ...austin }));
		expect(household(ids, 'crm:1')).toBe(household(ids, 'crm:2'));
	});

	it('spouses at "PO Box 123" and "Post Office Box 123" share a householdId', () => {
		const ids = resolve(spouses({ street: 'PO Box 123', ...austin }, { street: 'Post Office Box 123', ...austin }));
		expect(household(ids, 'crm:1')).toBe(household(ids, 'crm:2'));
	});
});

describe('red team s11 households: IDs across runs', () => {
	it('when a partner moves in (her old household had more records), the household at the address keeps its existing member\'s householdId', () => {
		const dayton = { street: '9 Birch Rd', city: 'Dayton', state: 'OH', postcode: '45402', country: 'US' };
		const john = { key: 'crm:5', source: 'crm', firstName: 'John', lastName: 'Smith', email: 'jsmith@gmail.com', ...oak };
		const run1 = resolveAll(
			[
				john,
				{ key: 'crm:1', source: 'crm', firstName: 'Mary', lastName: 'Jones', email: 'mary.jones@yahoo.com', ...dayton },
				{ key: 'esp:1', source: 'esp', firstName: 'Mary', lastName: 'Jones', email: 'mary.jones@yahoo.com', ...dayton },
			],
			{ runAt: '2025-01-01T00:00:00Z' },
		);
		const before = run1.records.find((r) => r.key === 'crm:5')!.householdId;
		const ids = resolve(
			[
				{ ...john, phone: '+1 408 555 0190' },
				{ key: 'crm:1', source: 'crm', firstName: 'Mary', lastName: 'Smith', email: 'mary.jones@yahoo.com', phone: '+1 408 555 0190', ...oak },
				{ key: 'esp:1', source: 'esp', firstName: 'Mary', lastName: 'Smith', email: 'mary.jones@yahoo.com', ...oak },
			],
			{ previousMap: run1.map, runAt: '2026-01-01T00:00:00Z' },
		);
		expect(household(ids, 'crm:1')).toBe(household(ids, 'crm:5'));
		expect(household(ids, 'crm:5')).toBe(before);
	});
});
