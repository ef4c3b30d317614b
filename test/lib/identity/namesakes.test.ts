// Different people who share a name, a landline or an address never get one customer ID: namesakes
// in other towns (whose mailbox names are built from the same name), twins, a mother and daughter
// of one name, a father and son (Sr / Jr).
import { resolveIdentity, type IdentityInput } from '../../../lib/identity';
import { seededRandom } from '../../../lib/stats/random';

const run = { runAt: '2026-01-01T00:00:00Z', defaultRegion: 'US' as const };

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Kimberly', 'Michelle'];
const NICK: Record<string, string> = { James: 'Jim', Robert: 'Bob', Michael: 'Mike', William: 'Bill', Joseph: 'Joe', Thomas: 'Tom', Elizabeth: 'Liz', Kimberly: 'Kim' };
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Lopez', 'Gonzalez', 'Wilson', 'Thomas'];
const TOWNS: Array<[string, string, string]> = [['Springfield', 'IL', '627'], ['Madison', 'WI', '537'], ['Dayton', 'OH', '454'], ['Tucson', 'AZ', '857'], ['Boise', 'ID', '837']];

/**
 * A CRM + ESP + web + orders export: couples at one address (often a landline and a family
 * mailbox) and singles, from a small pool of common names, so many people have namesakes in other
 * towns. Mailbox names are first.last plus two digits at a big provider, as people pick them.
 */
function exportWithNamesakes(households: number, singles: number, seed: number): { records: IdentityInput[]; personOf: Map<string, string> } {
	const random = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
	const records: IdentityInput[] = [];
	const personOf = new Map<string, string>();
	// A provider issues a mailbox name, a carrier a number, once.
	const taken = new Set<string>();
	const unique = (draw: () => string): string => {
		let value = draw();
		while (taken.has(value)) value = draw();
		taken.add(value);
		return value;
	};
	const add = (person: string, record: IdentityInput): void => {
		records.push(record);
		personOf.set(record.key, person);
	};
	const person = (id: string, first: string, last: string, home: Partial<IdentityInput>, shared: { landline?: string; family?: string }): void => {
		const dob = `${1950 + Math.floor(random() * 50)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
		const own = unique(() => `${first.toLowerCase()}.${last.toLowerCase()}${digits(2)}@${pick(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'])}`);
		const mobile = unique(() => `+1 ${pick(['206', '312', '415', '512'])} 555 ${digits(4)}`);
		add(id, { key: `crm:${id}`, source: 'crm', firstName: first, lastName: last, email: own, phone: shared.landline ?? mobile, dob, ...home });
		add(id, { key: `esp:${id}`, source: 'esp', firstName: random() < 0.3 && NICK[first] ? NICK[first] : first, lastName: last, email: shared.family && random() < 0.7 ? shared.family : own.replace(/^\w/, (c) => c.toUpperCase()), ...home });
		if (random() < 0.6) add(id, { key: `web:${id}`, source: 'web', firstName: first, lastName: last, email: own, phone: mobile });
		if (random() < 0.5) add(id, { key: `ord:${id}`, source: 'orders', firstName: first, lastName: last, phone: shared.landline ?? mobile, ...home });
	};
	const home = (kind: string): Partial<IdentityInput> => {
		const [city, state, zip] = pick(TOWNS);
		return { street: `${1 + Math.floor(random() * 999)} ${pick(['Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Willow'])} ${kind}`, city, state, postcode: `${zip}${digits(2)}` };
	};
	for (let h = 0; h < households; h++) {
		const last = pick(LAST);
		const at = home('St');
		const shared = { landline: random() < 0.6 ? unique(() => `+1 608 555 ${digits(4)}`) : undefined, family: random() < 0.4 ? unique(() => `${last.toLowerCase()}family${digits(2)}@gmail.com`) : undefined };
		const first = pick(FIRST);
		let second = pick(FIRST);
		while (second === first) second = pick(FIRST);
		person(`h${h}a`, first, last, at, shared);
		person(`h${h}b`, second, last, at, shared);
	}
	for (let s = 0; s < singles; s++) person(`s${s}`, pick(FIRST), pick(LAST), home('Ave'), {});
	return { records, personOf };
}

/** Customer IDs holding records of more than one person, as lists of those people. */
function mergedPeople(records: IdentityInput[], personOf: Map<string, string>): string[][] {
	const people = new Map<string, Set<string>>();
	for (const r of resolveIdentity(records, run).records) {
		const set = people.get(r.customerId) ?? new Set<string>();
		set.add(personOf.get(r.key) as string);
		people.set(r.customerId, set);
	}
	return [...people.values()].filter((set) => set.size > 1).map((set) => [...set].sort());
}

function idsByKey(records: IdentityInput[]): Map<string, string> {
	return new Map(resolveIdentity(records, run).records.map((r) => [r.key, r.customerId]));
}

describe('namesakes who share only a name', () => {
	it('never share a customer ID in a realistic export, though their mailbox names look alike (first.last89@ / first.last78@)', () => {
		const { records, personOf } = exportWithNamesakes(150, 300, 15);
		expect(mergedPeople(records, personOf)).toEqual([]);
	});

	it('two James Gonzalez in two states stay apart among others; each keeps his own records', () => {
		const { records } = exportWithNamesakes(60, 120, 3);
		const il = { street: '215 Pine St', city: 'Springfield', state: 'IL', postcode: '62776' };
		const wi = { street: '260 Willow Ave', city: 'Madison', state: 'WI', postcode: '53790' };
		const namesakes: IdentityInput[] = [
			{ key: 'il-crm', firstName: 'James', lastName: 'Gonzalez', email: 'james.gonzalez89@yahoo.com', phone: '+1 520 555 7325', dob: '1988-08-13', ...il },
			{ key: 'il-esp', firstName: 'Jim', lastName: 'Gonzalez', email: 'James.gonzalez89@yahoo.com', ...il },
			{ key: 'il-web', firstName: 'James', lastName: 'Gonzalez', email: 'james.gonzalez89@yahoo.com', phone: '+1 312 555 7079' },
			{ key: 'wi-crm', firstName: 'James', lastName: 'Gonzalez', email: 'james.gonzalez78@icloud.com', phone: '+1 512 555 4642', dob: '1969-04-23', ...wi },
			{ key: 'wi-esp', firstName: 'James', lastName: 'Gonzalez', email: 'James.gonzalez78@icloud.com', ...wi },
			{ key: 'wi-web', firstName: 'Jamse', lastName: 'Gonzalez', email: 'james.gonzalez78@icloud.com', phone: '+1 512 555 4642' },
		];
		const ids = idsByKey([...records, ...namesakes]);
		expect(ids.get('il-crm')).toBe(ids.get('il-web'));
		expect(ids.get('wi-crm')).toBe(ids.get('wi-web'));
		expect(ids.get('il-crm')).not.toBe(ids.get('wi-crm'));
	});

	// Before: the email rule linked them (one given name on the mailbox is one person).
	it('two Andrews on one guessed mailbox, one Jones and one Huff in two towns, stay two people; one surname change at one address still links', () => {
		const records: IdentityInput[] = [
			{ key: 'jones-crm', source: 'crm', firstName: 'Andrew', lastName: 'Jones', email: 'andrew1983@yahoo.com', phone: '571-950-8963', dob: '1980-07-03', street: '429 Prospect Drive', postcode: '58763' },
			{ key: 'jones-esp', source: 'esp', firstName: 'Andrew', lastName: 'Jones', email: 'ANDREW1983@YAHOO.COM', postcode: '58763' },
			{ key: 'huff-crm', source: 'crm', firstName: 'andrew', lastName: 'Huff', email: 'andrew1983@yahoo.com', phone: '6412031859', street: '16 Hill Blvd', postcode: '32946' },
			{ key: 'huff-orders', source: 'orders', firstName: 'Andrew', lastName: 'Huf', email: 'andrew1983@yahoo.com', street: '16 Hill Blvd', postcode: '32946' },
			// Known only as Andy on that mailbox: whose record it is cannot be told, so it joins neither.
			{ key: 'andy-esp', source: 'esp', firstName: 'Andy', email: 'andrew1983@yahoo.com' },
			{ key: 'ann-crm', source: 'crm', firstName: 'Ann', lastName: 'Baker', email: 'ann.m.72@gmail.com', street: '5 Elm St', postcode: '10001' },
			{ key: 'ann-esp', source: 'esp', firstName: 'Ann', lastName: 'Cole', email: 'ann.m.72@gmail.com', street: '5 Elm St', postcode: '10001' },
		];
		for (const mode of ['deterministic', 'probabilistic'] as const) {
			const result = resolveIdentity(records, { ...run, mode });
			const id = new Map(result.records.map((r) => [r.key, r.customerId]));
			expect(id.get('jones-crm')).toBe(id.get('jones-esp'));
			expect(id.get('huff-crm')).toBe(id.get('huff-orders'));
			expect(id.get('jones-crm')).not.toBe(id.get('huff-crm'));
			expect(id.get('andy-esp')).not.toBe(id.get('jones-crm'));
			expect(id.get('andy-esp')).not.toBe(id.get('huff-crm'));
			expect(id.get('ann-crm')).toBe(id.get('ann-esp'));
		}
	});
});

describe('one household, two people', () => {
	const background = (): IdentityInput[] => exportWithNamesakes(60, 120, 5).records;
	const pine = { street: '88 Pine Ave', city: 'Austin', state: 'TX', postcode: '78701' };
	const maple = { street: '31 Maple Dr', city: 'Miami', state: 'FL', postcode: '33101' };

	it('twins Liam and Noah Carter (one birth date, address and home phone) stay two people', () => {
		const ids = idsByKey([
			...background(),
			{ key: 'liam-crm', firstName: 'Liam', lastName: 'Carter', email: 'liam.carter95@gmail.com', phone: '+1 512 555 0190', dob: '1995-07-14', ...pine },
			{ key: 'noah-crm', firstName: 'Noah', lastName: 'Carter', email: 'noah.carter95@gmail.com', phone: '+1 512 555 0190', dob: '1995-07-14', ...pine },
			{ key: 'liam-esp', firstName: 'Liam', lastName: 'Carter', email: 'l.carter@outlook.com', ...pine },
			{ key: 'noah-web', firstName: 'Noah', lastName: 'Carter', email: 'noah.carter95@gmail.com', dob: '1995-07-14' },
			{ key: 'liam-ord', firstName: 'Liam', lastName: 'Carter', phone: '512.555.0190', dob: '1995-07-14', ...pine },
		]);
		expect(ids.get('liam-crm')).toBe(ids.get('liam-ord'));
		expect(ids.get('noah-crm')).toBe(ids.get('noah-web'));
		expect(ids.get('liam-crm')).not.toBe(ids.get('noah-crm'));
	});

	it('Maria Lopez born 1961 and Maria Lopez born 1990 at one address and landline stay two people', () => {
		const ids = idsByKey([
			...background(),
			{ key: 'm61-crm', firstName: 'Maria', lastName: 'Lopez', email: 'm.lopez61@gmail.com', phone: '+1 305 555 0150', dob: '1961-03-08', ...maple },
			{ key: 'm90-crm', firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez.90@gmail.com', phone: '+1 305 555 0150', dob: '1990-06-21', ...maple },
			{ key: 'm61-esp', firstName: 'Maria', lastName: 'Lopez', email: 'm.lopez61@gmail.com', ...maple },
			{ key: 'm90-esp', firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez.90@gmail.com', ...maple },
		]);
		expect(ids.get('m61-crm')).toBe(ids.get('m61-esp'));
		expect(ids.get('m90-crm')).toBe(ids.get('m90-esp'));
		expect(ids.get('m61-crm')).not.toBe(ids.get('m90-crm'));
	});

	it('Robert Hill Sr. and Robert Hill Jr. (one address and landline, birth dates a generation apart) stay two people', () => {
		const elm = { street: '5 Elm Ct', city: 'Columbus', state: 'OH', postcode: '43004' };
		// As the node splits "Robert Hill Sr." (the suffix is dropped).
		const ids = idsByKey([
			...background(),
			{ key: 'sr-crm', firstName: 'Robert', lastName: 'Hill', email: 'rhill58@aol.com', phone: '+1 614 555 0111', dob: '1958-04-02', ...elm },
			{ key: 'jr-crm', firstName: 'Robert', lastName: 'Hill', email: 'robert.hill.jr@gmail.com', phone: '+1 614 555 0111', dob: '1986-10-19', ...elm },
			{ key: 'sr-esp', firstName: 'Bob', lastName: 'Hill', email: 'rhill58@aol.com' },
			{ key: 'jr-esp', firstName: 'Rob', lastName: 'Hill', email: 'robert.hill.jr@gmail.com', ...elm },
		]);
		expect(ids.get('sr-crm')).toBe(ids.get('sr-esp'));
		expect(ids.get('jr-crm')).toBe(ids.get('jr-esp'));
		expect(ids.get('sr-crm')).not.toBe(ids.get('jr-crm'));
	});

	// Before: one customer (Chris read as a short form of Christina, a near typo by Jaro-Winkler).
	it.each([
		['Chris', 'Christina'],
		['Alex', 'Alexandra'],
		['Sam', 'Samantha'],
	])('%s and %s Hale on the bakery\'s info@, one landline and one address stay two people; Bob and Robert stay one', (short, long) => {
		const shop = { street: '8 Mill Road', city: 'Dayton', state: 'OH', postcode: '45402', phone: '+1 937 555 0123', email: 'info@halebakery.com' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'short-crm', source: 'crm', firstName: short, lastName: 'Hale', ...shop },
			{ key: 'long-crm', source: 'crm', firstName: long, lastName: 'Hale', ...shop },
			{ key: 'bob-crm', source: 'crm', firstName: 'Bob', lastName: 'Stone', phone: '+1 937 555 0177', street: '3 Ash Way', city: 'Dayton', state: 'OH', postcode: '45403' },
			{ key: 'robert-esp', source: 'esp', firstName: 'Robert', lastName: 'Stone', phone: '+1 937 555 0177', street: '3 Ash Way', city: 'Dayton', state: 'OH', postcode: '45403' },
		];
		const ids = idsByKey(records);
		expect(ids.get('short-crm')).not.toBe(ids.get('long-crm'));
		expect(ids.get('bob-crm')).toBe(ids.get('robert-esp'));
	});
});
