import { resolveIdentity, type IdentityInput } from '../../../lib/identity';
import { householdData } from '../../../bench/households-data';

const at = { street: '2246 Dogwood Drive', city: 'Meadowfield', postcode: '51711', state: 'AZ' };
const run = { runAt: '2026-01-01T00:00:00Z', defaultRegion: 'US' as const };

/** Realistic background records, so the probabilistic stage has data to learn from. */
function background(people = 400): IdentityInput[] {
	return householdData(people, 11).records;
}

function idsByKey(records: IdentityInput[], options = {}): Map<string, string> {
	const result = resolveIdentity(records, { ...run, ...options });
	return new Map(result.records.map((r) => [r.key, r.customerId]));
}

describe('household members stay separate people', () => {
	it('two given names that clearly differ at one postcode, with nothing but surname, address and a birth date months apart agreeing, are two people', () => {
		const records: IdentityInput[] = [
			...background(),
			{ key: 'gabriel-crm', source: 'crm', firstName: 'gaabriel', lastName: 'BARNETT', dob: '2003-05-02', city: 'Barbarafort', state: 'WI', postcode: '73589' },
			{ key: 'gabriel-order', source: 'orders', firstName: 'Gabriel', lastName: 'Barnett', street: '125 Adams Blvd', city: 'Barbarafort', state: 'WI', postcode: '73589' },
			{ key: 'james-crm', source: 'crm', firstName: 'JAMES', lastName: 'Barnett', dob: '2003-07-19', email: 'kmack@gmail.com', street: '125 Adams Boulevard', city: 'Barbarafort', state: 'WI', postcode: '73589' },
		];
		const ids = idsByKey(records);
		expect(ids.get('gabriel-crm')).toBe(ids.get('gabriel-order'));
		expect(ids.get('james-crm')).not.toBe(ids.get('gabriel-crm'));
	});

	it('typos of one given name on one mailbox and landline are one person, whichever record comes first (Julte, jolie, JULIE)', () => {
		const julie = { lastName: 'miranda', email: 'julie.miranda@comcast.net', phone: '(585) 283-5178', street: '390 Washington Dr', city: 'Lincolnville', postcode: '17842' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'j1', source: 'orders', firstName: 'Julte', ...julie },
			{ key: 'j2', source: 'crm', firstName: 'jolie', dob: '1951-07-18', ...julie },
			{ key: 'j3', source: 'orders', firstName: 'JULIE', ...julie },
			{ key: 'j4', source: 'web', firstName: 'julie', email: 'JULIE.MIRANDA@COMCAST.NET', postcode: '17842' },
		];
		const ids = idsByKey(records);
		expect(new Set(['j1', 'j2', 'j3', 'j4'].map((k) => ids.get(k))).size).toBe(1);
	});

	it('an initial on a shared landline does not bridge two given names into one person (Janet, J, Joyce)', () => {
		const home = { lastName: 'Jacobs', phone: '716-367-3763', street: '543 Church Ave Apt 18B', city: 'Oakville', postcode: '96946' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'janet', source: 'crm', firstName: 'JNAET', dob: '1953-12-26', ...home },
			{ key: 'j', source: 'orders', firstName: 'J', ...home },
			{ key: 'joyce', source: 'crm', firstName: 'JOYCE', email: 'joyce.jacobs@icloud.com', ...home },
		];
		const ids = idsByKey(records);
		expect(ids.get('janet')).not.toBe(ids.get('joyce'));
	});

	it.each(['deterministic', 'probabilistic'] as const)('a family mailbox shared by Kevin and Amanda links each to their own records, not to each other (%s)', (mode) => {
		const records: IdentityInput[] = [
			...background(),
			{ key: 'kevin-crm', firstName: 'Kevin', lastName: 'Vargas', email: 'thevargas@gmail.com', phone: '(415) 555-0199', ...at },
			{ key: 'kevin-esp', firstName: 'KEVIN', lastName: 'vargas', email: 'TheVargas@gmail.com' },
			{ key: 'amanda-crm', firstName: 'Amanda', lastName: 'Vargas', email: 'thevargas@gmail.com', phone: '(415) 555-0142', ...at },
			{ key: 'amanda-web', firstName: 'Mandy', lastName: 'Vargas', email: 'thevargas@gmail.com' },
		];
		const ids = idsByKey(records, { mode });
		expect(ids.get('kevin-crm')).toBe(ids.get('kevin-esp'));
		expect(ids.get('amanda-crm')).toBe(ids.get('amanda-web'));
		expect(ids.get('kevin-crm')).not.toBe(ids.get('amanda-crm'));
	});

	it('a landline held by two people of one household (any surnames) is a household value, and flagged', () => {
		const records: IdentityInput[] = [
			{ key: 'a', firstName: 'Jonathan', lastName: 'Thomas', phone: '225-467-2364', ...at },
			{ key: 'b', firstName: 'Ashley', lastName: 'Diaz', phone: '(225) 467-2364', ...at },
		];
		const result = resolveIdentity(records, { ...run, mode: 'deterministic' });
		expect(result.stats.clusters).toBe(2);
		expect(result.stats.householdValues.phone).toBe(1);
		expect(result.records[0].flags).toContainEqual({ field: 'phone', reason: 'household value, held by several people' });
	});

	it('a typo or a nickname in the given name still counts as the same person behind an email', () => {
		const records: IdentityInput[] = [
			{ key: 'a', firstName: 'Katherine', lastName: 'Lee', email: 'klee@example.org' },
			{ key: 'b', firstName: 'Kate', lastName: 'Lee', email: 'klee@example.org' },
			{ key: 'c', firstName: 'Katherien', lastName: 'Lee', email: 'klee@example.org' },
			{ key: 'd', firstName: 'K', lastName: 'Lee', email: 'klee@example.org' },
		];
		expect(resolveIdentity(records, { ...run, mode: 'deterministic', guardrails: { blockedPatterns: {} , noBuiltIn: true } }).stats.clusters).toBe(1);
	});

	it('a clear given-name disagreement outweighs a shared address and surname (CHLOE LARA is not DAVID LARA)', () => {
		const records: IdentityInput[] = [
			...background(),
			{ key: 'chloe', firstName: 'CHLOE', lastName: 'LARA', email: 'chloe.lara@yahoo.com', ...at },
			{ key: 'david', firstName: 'DAVID', lastName: 'LARA', email: 'dlara@hotmail.com', ...at },
			{ key: 'david-order', firstName: 'Dave', lastName: 'Lara', ...at },
		];
		const ids = idsByKey(records);
		expect(ids.get('chloe')).not.toBe(ids.get('david'));
		expect(ids.get('david')).toBe(ids.get('david-order'));
	});

	it('a record without a given name at an address of two people joins neither of them on address and surname', () => {
		const records: IdentityInput[] = [
			...background(),
			{ key: 'chloe', firstName: 'Chloe', lastName: 'Lara', email: 'chloe.lara@yahoo.com', ...at },
			{ key: 'david', firstName: 'David', lastName: 'Lara', email: 'dlara@hotmail.com', ...at },
			{ key: 'unnamed', lastName: 'Lara', ...at },
		];
		const ids = idsByKey(records);
		expect(ids.get('unnamed')).not.toBe(ids.get('chloe'));
		expect(ids.get('unnamed')).not.toBe(ids.get('david'));
		expect(ids.get('chloe')).not.toBe(ids.get('david'));
	});

	it('on household-labelled data, at most a few households are merged into one customer', () => {
		const data = householdData(1500, 3);
		const result = resolveIdentity(data.records, run);
		const personsOf = new Map<string, Set<string>>();
		result.records.forEach((r, x) => {
			const set = personsOf.get(r.customerId) ?? new Set<string>();
			set.add(`${data.household[x]}/${data.person[x]}`);
			personsOf.set(r.customerId, set);
		});
		const merged = new Set<string>();
		for (const persons of personsOf.values()) {
			const households = [...persons].map((p) => p.split('/')[0]);
			households.forEach((h, k) => {
				if (households.indexOf(h) !== k) merged.add(h);
			});
		}
		const multi = new Set<string>();
		const seen = new Map<string, string>();
		data.person.forEach((p, x) => {
			const h = data.household[x];
			if (seen.has(h) && seen.get(h) !== p) multi.add(h);
			seen.set(h, p);
		});
		expect(merged.size / multi.size).toBeLessThan(0.1);
	});

	it('a family mailbox without an address joins each person to their records at the family address (Tom and Linh Nguyen)', () => {
		const cedar = { street: '4 Cedar Way', city: 'Seattle', postcode: '98101', state: 'WA' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'tom-crm', firstName: 'Tom', lastName: 'Nguyen', email: 'tom.nguyen@gmail.com', ...cedar },
			{ key: 'linh-crm', firstName: 'Linh', lastName: 'Nguyen', email: 'linh.nguyen@gmail.com', ...cedar },
			{ key: 'tom-esp', firstName: 'Tom', lastName: 'Nguyen', email: 'nguyenfamily@gmail.com' },
			{ key: 'linh-esp', firstName: 'Linh', lastName: 'Nguyen', email: 'nguyenfamily@gmail.com' },
		];
		for (const mode of ['deterministic', 'probabilistic'] as const) {
			const ids = idsByKey(records, { mode });
			expect(ids.get('tom-esp')).toBe(ids.get('tom-crm'));
			expect(ids.get('linh-esp')).toBe(ids.get('linh-crm'));
			expect(ids.get('tom-crm')).not.toBe(ids.get('linh-crm'));
		}
	});

	it('one name on a family mailbox is not enough to join it to an address (namesakes live in many households)', () => {
		const records: IdentityInput[] = [
			{ key: 'tom-crm', firstName: 'Tom', lastName: 'Nguyen', email: 'tom.nguyen@gmail.com', ...at },
			{ key: 'mai-crm', firstName: 'Mai', lastName: 'Nguyen', email: 'mai.nguyen@gmail.com', ...at },
			{ key: 'tom-esp', firstName: 'Tom', lastName: 'Nguyen', email: 'nguyens@gmail.com' },
			{ key: 'linh-esp', firstName: 'Linh', lastName: 'Nguyen', email: 'nguyens@gmail.com' },
		];
		const ids = idsByKey(records, { mode: 'deterministic' });
		expect(ids.get('tom-esp')).not.toBe(ids.get('tom-crm'));
	});

	it('Jr. and Sr. of one name at one address are two people, with or without birth dates', () => {
		const records: IdentityInput[] = [
			...background(),
			{ key: 'sr-crm', firstName: 'Robert', lastName: 'Hill, Sr.', email: 'rhill@comcast.net', phone: '(602) 555-0143', ...at },
			{ key: 'jr-crm', firstName: 'Robert', lastName: 'Hill Jr', email: 'robert.hill@gmail.com', phone: '(602) 555-0143', ...at },
			{ key: 'jr-order', firstName: 'Bob', lastName: 'Hill', email: 'robert.hill@gmail.com', ...at },
			{ key: 'sr-order', firstName: 'Robert', lastName: 'HILL SR', ...at },
		];
		for (const mode of ['deterministic', 'probabilistic'] as const) {
			const ids = idsByKey(records, { mode });
			expect(ids.get('sr-crm')).not.toBe(ids.get('jr-crm'));
			expect(ids.get('jr-order')).toBe(ids.get('jr-crm'));
			expect(ids.get('sr-order')).not.toBe(ids.get('jr-crm'));
		}
	});
});

describe('households as an output', () => {
	const family: IdentityInput[] = [
		{ key: 'kevin', firstName: 'Kevin', lastName: 'Vargas', email: 'kevin.vargas@gmail.com', phone: '(415) 555-0199', ...at },
		{ key: 'kevin-web', firstName: 'Kevin', lastName: 'Vargas', email: 'thevargas@gmail.com', ...at },
		{ key: 'amanda', firstName: 'Amanda', lastName: 'Vargas', email: 'amanda.v@yahoo.com', phone: '(415) 555-0199', ...at },
		{ key: 'kim', firstName: 'Kim', lastName: 'Park', email: 'thevargas@gmail.com', ...at },
		{ key: 'other', firstName: 'Luis', lastName: 'Vargas', email: 'luis.vargas@gmail.com', street: '9 Elm Street', city: 'Springfield', postcode: '62704' },
		{ key: 'neighbour', firstName: 'Ann', lastName: 'Cole', email: 'ann.cole@gmail.com', ...at },
	];

	it('groups customers by address and surname or a shared contact point, and lists each household', () => {
		const result = resolveIdentity(family, { ...run, mode: 'deterministic' });
		const hh = new Map(result.records.map((r) => [r.key, r.householdId]));
		const customers = new Set(result.records.map((r) => r.customerId));
		// kevin-web shares only the family mailbox with kevin, but the mailbox's two people (Kevin
		// Vargas, Kim Park) are two people of kevin's address: the household, so it is his.
		expect(customers.size).toBe(5);
		expect(result.records.find((r) => r.key === 'kevin-web')?.customerId).toBe(result.records.find((r) => r.key === 'kevin')?.customerId);
		expect(hh.get('kevin')).toBe(hh.get('amanda'));
		// A different surname, but the family mailbox: one household.
		expect(hh.get('kim')).toBe(hh.get('kevin'));
		expect(hh.get('other')).not.toBe(hh.get('kevin'));
		expect(hh.get('neighbour')).not.toBe(hh.get('kevin'));
		const vargas = result.households.find((h) => h.householdId === hh.get('kevin'));
		expect(hh.get('kevin-web')).toBe(hh.get('kevin'));
		expect(vargas).toMatchObject({ size: 3, address: { street: at.street, postcode: at.postcode } });
		expect(vargas?.sharedIdentifiers.emails).toEqual(['thevargas@gmail.com']);
		expect(vargas?.sharedIdentifiers.phones).toEqual(['+14155550199']);
		expect(result.profiles.every((p) => p.householdId !== undefined)).toBe(true);
	});

	it('Address Only joins the neighbour in the same flat; Off gives no households', () => {
		const only = resolveIdentity(family, { ...run, mode: 'deterministic', households: 'addressOnly' });
		const hh = new Map(only.records.map((r) => [r.key, r.householdId]));
		expect(hh.get('neighbour')).toBe(hh.get('kevin'));
		const off = resolveIdentity(family, { ...run, mode: 'deterministic', households: 'off' });
		expect(off.households).toEqual([]);
		expect(off.records.every((r) => r.householdId === undefined)).toBe(true);
	});

	it("a customer's address is its most recent record's; without times, the one most of its records give", () => {
		const old = { street: '9 Birch Rd', city: 'Dayton', postcode: '45402', state: 'OH' };
		const now = { street: '12 Oak St', city: 'San Jose', postcode: '95112', state: 'CA' };
		const nadia = (times: boolean): IdentityInput[] => [
			{ key: 'n1', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', ...old, ...(times ? { updatedAt: '2023-01-01' } : {}) },
			{ key: 'n2', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', ...old, ...(times ? { updatedAt: '2023-05-01' } : {}) },
			{ key: 'n3', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', ...now, ...(times ? { updatedAt: '2025-09-01' } : {}) },
			{ key: 'owen', firstName: 'Owen', lastName: 'Perkins', email: 'owen.perkins@yahoo.com', ...now },
			{ key: 'paul', firstName: 'Paul', lastName: 'Perkins', email: 'paul.perkins@yahoo.com', ...old },
		];
		for (const times of [true, false]) {
			const result = resolveIdentity(nadia(times), { ...run, mode: 'deterministic' });
			const hh = new Map(result.records.map((r) => [r.key, r.householdId]));
			expect(hh.get('n1')).toBe(hh.get('n3'));
			expect(hh.get('n3')).toBe(hh.get(times ? 'owen' : 'paul'));
			expect(hh.get('n3')).not.toBe(hh.get(times ? 'paul' : 'owen'));
			const household = result.households.find((h) => h.householdId === hh.get('n3'));
			expect(household?.address.street).toBe(times ? '12 Oak St' : '9 Birch Rd');
		}
	});

	it('household IDs persist through the identity map, with merges and splits reported', () => {
		const first = resolveIdentity(family, { ...run, mode: 'deterministic' });
		const again = resolveIdentity(family, { mode: 'deterministic', runAt: '2026-02-01T00:00:00Z', previousMap: first.map });
		expect(again.records.map((r) => r.householdId)).toEqual(first.records.map((r) => r.householdId));
		expect(again.householdMerges).toEqual([]);
		// Kim moves out: her household splits off and gets a new ID; the Vargas household keeps its own.
		const moved = family.map((r) => (r.key === 'kim' ? { ...r, street: '1 Oak Road', postcode: '51799' } : r));
		const third = resolveIdentity(moved, { mode: 'deterministic', runAt: '2026-03-01T00:00:00Z', previousMap: first.map });
		const before = new Map(first.records.map((r) => [r.key, r.householdId]));
		const after = new Map(third.records.map((r) => [r.key, r.householdId]));
		expect(after.get('kevin')).toBe(before.get('kevin'));
		expect(after.get('kim')).not.toBe(before.get('kim'));
		expect(third.householdSplits).toEqual([{ householdId: before.get('kevin'), splitInto: [after.get('kim')] }]);
		expect(third.map.find((e) => e.recordKey === 'kim')).toMatchObject({ previousHouseholdId: before.get('kim'), householdId: after.get('kim') });
	});
});

describe('records of a household that cannot be told apart link to nobody in particular', () => {
	it('a record without a given name on one person\'s mailbox but under another surname is not linked to them', () => {
		const records: IdentityInput[] = [
			{ key: 'kevin', firstName: 'Kevin', lastName: 'Santana', email: 'ksantana55@gmail.com', postcode: '95485' },
			{ key: 'other', lastName: 'Macdonald', email: 'ksantana55@gmail.com' },
			{ key: 'kevin-esp', lastName: 'santana', email: 'KSANTANA55@gmail.com' },
		];
		const ids = idsByKey(records, { mode: 'deterministic' });
		expect(ids.get('other')).not.toBe(ids.get('kevin'));
		expect(ids.get('kevin-esp')).toBe(ids.get('kevin'));
	});

	it.each(['thejacobss@gmail.com', 'homekings@aol.com', 'teamlopezfamily@hotmail.com', 'nguyenfamily@gmail.com'])(
		'a mailbox named for the family (%s) is a household value even with one named person on it',
		(email) => {
			const last = /jacobs/.test(email) ? 'Jacobs' : /king/.test(email) ? 'King' : /lopez/.test(email) ? 'Lopez' : 'Nguyen';
			const records: IdentityInput[] = [
				{ key: 'named', firstName: 'Jeffrey', lastName: last, email, postcode: '26981' },
				{ key: 'named-2', firstName: 'Jeff', lastName: last, email },
				{ key: 'nameless', lastName: last, email, postcode: '26981' },
			];
			const result = resolveIdentity(records, { ...run, mode: 'deterministic' });
			const ids = new Map(result.records.map((r) => [r.key, r.customerId]));
			expect(ids.get('named-2')).toBe(ids.get('named'));
			expect(ids.get('nameless')).not.toBe(ids.get('named'));
			expect(result.stats.householdValues.email).toBe(1);
		},
	);

	it.each(['vega@gmail.com', 'vegas@gmail.com', 'thevegas@aol.com', 'ourvega1@yahoo.com'])('a mailbox named only for a surname the data know (%s) names no one person', (email) => {
		const records: IdentityInput[] = [
			{ key: 'noah', firstName: 'Noah', lastName: 'Vega', email, postcode: '37803' },
			{ key: 'maria', firstName: 'Maria', lastName: 'Vega', email: 'maria.vega@gmail.com' },
			{ key: 'nameless', email, postcode: '37803' },
		];
		const ids = idsByKey(records, { mode: 'deterministic' });
		expect(ids.get('nameless')).not.toBe(ids.get('noah'));
	});

	it('a personal mailbox that starts like a family word is still personal (Theresa, Homer)', () => {
		const records: IdentityInput[] = [
			{ key: 'a', firstName: 'Theresa', lastName: 'Smith', email: 'theresa1990@gmail.com' },
			{ key: 'b', lastName: 'Smith', email: 'theresa1990@gmail.com' },
			{ key: 'c', firstName: 'Homer', lastName: 'Resa', email: 'homer.resa@gmail.com' },
			{ key: 'd', lastName: 'Resa', email: 'homer.resa@gmail.com' },
			{ key: 'e', firstName: 'Theresa', lastName: 'Resa' },
			{ key: 'f', firstName: 'Homer', lastName: 'Resa' },
		];
		const ids = idsByKey(records, { mode: 'deterministic' });
		expect(ids.get('b')).toBe(ids.get('a'));
		expect(ids.get('d')).toBe(ids.get('c'));
	});

	it('a nameless record on a family mailbox gets no surname or address evidence toward any one member', () => {
		const home = { street: '853 Spring Place', city: 'Main City', postcode: '39972', state: 'CA' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'frank-crm', firstName: 'Frank', lastName: 'Goodwin', email: 'frank.goodwin@hotmail.com', phone: '714-885-8543', ...home },
			{ key: 'frank-order', firstName: 'Frank', lastName: 'Goodwin', email: 'goodwin@aol.com', ...home },
			{ key: 'dylan-crm', firstName: 'Dylan', lastName: 'Goodwin', email: 'goodwin@aol.com', ...home },
			{ key: 'nameless-esp', lastName: 'Goodwin', email: 'goodwin@aol.com', postcode: '39972' },
		];
		const ids = idsByKey(records);
		expect(ids.get('frank-crm')).not.toBe(ids.get('dylan-crm'));
		expect(ids.get('nameless-esp')).not.toBe(ids.get('dylan-crm'));
		expect(ids.get('nameless-esp')).not.toBe(ids.get('frank-crm'));
	});
});

describe('a mailbox named for a person names the record', () => {
	it('a record with a surname and a postcode only does not join another member of the family when its mailbox names someone else', () => {
		const records: IdentityInput[] = [
			...background(),
			{ key: 'stephanie-crm', firstName: 'Stephanie', lastName: 'Lucas', email: 'slucas@fischerco295.com', dob: '1998-04-27', street: '378 Valley Ave', city: 'Marketwood', postcode: '78847' },
			{ key: 'stephanie-esp', firstName: 'Stephanie', lastName: 'Lucas', email: 'slucas@fischerco295.com' },
			{ key: 'christine-web', lastName: 'Lucas', email: 'christine.lucas@gmail.com', postcode: '78847' },
			{ key: 'christine-crm', firstName: 'Christine', lastName: 'Lucas', email: 'christine.lucas@gmail.com', street: '378 Valley Ave', city: 'Marketwood', postcode: '78847' },
		];
		const ids = idsByKey(records);
		expect(ids.get('christine-web')).toBe(ids.get('christine-crm'));
		expect(ids.get('christine-web')).not.toBe(ids.get('stephanie-crm'));
		expect(ids.get('stephanie-esp')).toBe(ids.get('stephanie-crm'));
	});

	it('reads the given name from "first.last", "firstlast30" and "first1990" mailboxes only when the data know the name', async () => {
		const { prepareRecords } = await import('../../../lib/identity/prepare');
		const records: IdentityInput[] = [
			{ key: 'k1', firstName: 'Christine', lastName: 'Lucas' },
			{ key: 'k2', firstName: 'christine', lastName: 'Ross' },
			{ key: 'k3', firstName: 'Kenneth', lastName: 'Ross' },
			{ key: 'k4', firstName: 'Kenneth', lastName: 'Ross' },
			{ key: 'a', lastName: 'Lucas', email: 'christine.lucas@gmail.com' },
			{ key: 'b', lastName: 'Sheppard', email: 'kennethsheppard30@icloud.com' },
			{ key: 'c', email: 'christine1990@gmail.com' },
			{ key: 'd', lastName: 'Vargas', email: 'thevargas@gmail.com' },
			{ key: 'e', lastName: 'Lucas', email: 'xavier.lucas@gmail.com' },
			{ key: 'f', lastName: 'Lucas', email: 'info@lucas.com' },
		];
		const first = prepareRecords(records).columns.get('first') as string[];
		expect(first.slice(4)).toEqual(['christine', 'kenneth', 'christine', '', '', '']);
	});

	it('a Jr. and a parent of one given name a generation apart stay two people at one address', () => {
		const home = { street: '79 Spring Boulevard', city: 'Pineport', postcode: '59280', state: 'GA' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'jr', firstName: 'Sam', lastName: 'Murphy, Jr.', dob: '1946-02-15', ...home },
			{ key: 'parent', firstName: 'Samuel', lastName: 'Murphy', email: 'samuel.murphy@yahoo.com', phone: '(816) 363-4755', dob: '1923-08-18', ...home },
		];
		const ids = idsByKey(records);
		expect(ids.get('jr')).not.toBe(ids.get('parent'));
	});
});

describe('one customer never holds a parent and a child of one name', () => {
	it('a Jr. whose birth date is on another of his records does not join his father at the address', () => {
		const home = { street: '1937 Spring Ave', city: 'Sunsetburg', postcode: '36373', state: 'AZ' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'jr-crm', firstName: 'Jack', lastName: 'Nicholson Jr.', email: 'jack2000@hotmail.com', ...home },
			{ key: 'jr-web', firstName: 'Jack', lastName: 'Nicholson', email: 'jack2000@hotmail.com', dob: '1998-01-25' },
			{ key: 'father', firstName: 'Jack', lastName: 'Nicholson', email: 'purchasing@ibarragroup15.com', dob: '1961-05-02', ...home },
		];
		const ids = idsByKey(records);
		expect(ids.get('jr-web')).toBe(ids.get('jr-crm'));
		expect(ids.get('father')).not.toBe(ids.get('jr-crm'));
	});
});

describe('a Jr. or Sr. at an address makes the name ambiguous there', () => {
	it('a record of the name without a suffix is not joined to the Sr. on address and surname alone', () => {
		const home = { street: '802 Magnolia Dr Apt 3B', city: 'Meadow Springs', postcode: '80447', state: 'NC' };
		const records: IdentityInput[] = [
			...background(),
			{ key: 'sr', firstName: 'Katherine', lastName: 'Smith, Sr.', dob: '1961-06-02', ...home },
			{ key: 'order', firstName: 'Katherine', lastName: 'Smith', email: 'sales@wisecorp325.com', phone: '513-399-8637', ...home },
		];
		const ids = idsByKey(records);
		expect(ids.get('order')).not.toBe(ids.get('sr'));
	});
});

describe('a record without a given name never joins two people', () => {
	// A sign-up form that asked for a surname only: Raymond's mailbox with the family landline,
	// which Joyce's records carry. It may join either of them, never both into one customer.
	it('Joyce and Raymond Hopkins stay two customers when a surname-only sign-up carries his mailbox and her number', () => {
		const records: IdentityInput[] = [
			{ key: 'joyce-crm', source: 'crm', firstName: 'Joyce', lastName: 'Hopkins', phone: '435-463-3749', dob: '1974-04-16', street: '1242 Highland Court', city: 'Springfield', postcode: '63242' },
			{ key: 'joyce-web', source: 'web', firstName: 'joyce', lastName: 'HOPKINS', email: 'joycehopkins20@gmail.com', phone: '+1 435 463 3749' },
			{ key: 'ray-crm', source: 'crm', firstName: 'Raymond', lastName: 'Hopkins', email: 'rhopkins@outlook.com', phone: '(551) 332-9418', dob: '1971-10-18', street: '1242 Highland Ct', city: 'Springfield', postcode: '63242' },
			{ key: 'ray-esp', source: 'esp', firstName: 'Raymond', lastName: 'hopkins', email: 'rhopkins@outlook.com' },
			{ key: 'surname-only', source: 'web', lastName: 'Hopkins', email: 'RHOPKINS@OUTLOOK.COM', phone: '+1 435 463 3749', postcode: '63242' },
		];
		const byKey = new Map(resolveIdentity(records, { runAt: '2026-01-01T00:00:00Z', defaultRegion: 'US' }).records.map((r) => [r.key, r.customerId]));
		expect(byKey.get('joyce-crm')).toBe(byKey.get('joyce-web'));
		expect(byKey.get('ray-crm')).toBe(byKey.get('ray-esp'));
		expect(byKey.get('joyce-crm')).not.toBe(byKey.get('ray-crm'));
	});
});
