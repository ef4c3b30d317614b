// Red team (s9): Resolve Identity must never merge two different people into one customer.
// Every case runs resolveIdentity with the node's defaults (probabilistic, threshold 0.9, household
// matching addressSurname, DMY dates, no default region, no guardrail overrides) on a background of
// generated multi-source households (bench/households-data, as test/lib/identity/redteam.test.ts
// does), so the probabilistic model is trained as on a real run.
//
// Every case failed at e89f548 unless under "holds". `it.failing` marks the known gaps still open
// (ambiguous nicknames, twins with near names, roommates of one given name): they fail today, and
// the suite says so as soon as one is fixed.
import type { IdentityInput } from '../../../lib/identity';
import { idsByKey, resolveOnBackground } from '../../helpers/redteamIdentity';

function resolve(records: IdentityInput[], withBackground = true): Map<string, { customerId: string; householdId?: string }> {
	return idsByKey(resolveOnBackground(records, {}, withBackground));
}
const customer = (ids: ReturnType<typeof resolve>, key: string): string => ids.get(key)!.customerId;

const oak = { street: '12 Oak St', city: 'San Jose', state: 'CA', postcode: '95112', country: 'US' };

describe('red team identity: two people merged on a shared landline or family mailbox', () => {
	// Each pair: one address, one landline (or family mailbox), each person with a personal mailbox of their own.
	const pair = (_label: string, a: string, b: string, emailA: string, emailB: string) => {
		const records: IdentityInput[] = [
			{ key: 'crm:a', source: 'crm', firstName: a, lastName: 'Fairbank', email: emailA, phone: '+1 408 555 0142', ...oak },
			{ key: 'crm:b', source: 'crm', firstName: b, lastName: 'Fairbank', email: emailB, phone: '+1 408 555 0142', ...oak },
		];
		const ids = resolve(records);
		expect(customer(ids, 'crm:a')).not.toBe(customer(ids, 'crm:b'));
	};
	it.each([
		['Terry (a man, Terence) and Teresa: "terry" is mapped to teresa', 'Terry', 'Teresa', 'terry.nolan@gmail.com', 'teresa.nolan@yahoo.com'],
		['sisters Alexandra and Sandra: "sandra" is mapped to alexandra', 'Alexandra', 'Sandra', 'alexandra.q@gmail.com', 'sandra.q@yahoo.com'],
		['Gray and Grace (Jaro-Winkler >= 0.8 taken as one name)', 'Gray', 'Grace', 'gray.holt@gmail.com', 'grace.holt@gmail.com'],
		['Charles and Charlotte', 'Charles', 'Charlotte', 'charles.webb@gmail.com', 'charlotte.webb@gmail.com'],
		['John and Joanne', 'John', 'Joanne', 'john.penn@gmail.com', 'joanne.penn@gmail.com'],
	])('%s stay two customers', pair);
	// Known gaps: a nickname the table maps onto the other's name, with no mailbox that spells either.
	it.failing.each([
		['father John and son Jack (no birth dates): "jack" is mapped to john', 'John', 'Jack', 'john.burke58@aol.com', 'jackburke04@gmail.com'],
		['father William and son Liam: "liam" is mapped to william', 'William', 'Liam', 'wdoyle@comcast.net', 'liamdoyle@gmail.com'],
		['Alexander and his wife Sandy (Sandra): "sandy" is mapped to alexander', 'Alexander', 'Sandy', 'alex.reeve@gmail.com', 'sandy.reeve@yahoo.com'],
		['mother Ann and daughter Nancy: "nancy" is mapped to ann', 'Ann', 'Nancy', 'ann.pruitt@aol.com', 'nancyp@gmail.com'],
	])('%s stay two customers', pair);

	it.failing('James and his wife Jamie on their family mailbox (thefrosts@) stay two customers ("jamie" is mapped to james)', () => {
		const ids = resolve([
			{ key: 'crm:j', source: 'crm', firstName: 'James', lastName: 'Frost', email: 'thefrosts@gmail.com', ...oak },
			{ key: 'crm:m', source: 'crm', firstName: 'Jamie', lastName: 'Frost', email: 'thefrosts@gmail.com', ...oak },
		]);
		expect(customer(ids, 'crm:j')).not.toBe(customer(ids, 'crm:m'));
	});

	it.failing('Patrick and Patricia (who writes "Pat" in the ESP) stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Patrick', lastName: 'Olsen', email: 'patrick.olsen@gmail.com', phone: '+1 408 555 0142', dob: '1970-01-05', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Patricia', lastName: 'Olsen', email: 'patty.olsen@yahoo.com', phone: '+1 408 555 0142', dob: '1972-03-09', ...oak },
			{ key: 'esp:2', source: 'esp', firstName: 'Pat', lastName: 'Olsen', email: 'patty.olsen@yahoo.com', ...oak },
			{ key: 'esp:1', source: 'esp', firstName: 'Pat', lastName: 'Olsen', email: 'theolsens@gmail.com', phone: '408-555-0142', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
		expect(customer(ids, 'crm:2')).toBe(customer(ids, 'esp:2'));
	});

	it('Charlotte (Charlie in the ESP) and Charles stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Charles', lastName: 'Webb', email: 'charles.webb@gmail.com', phone: '+1 408 555 0150', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Charlotte', lastName: 'Webb', email: 'charlotte.webb@gmail.com', phone: '+1 408 555 0150', ...oak },
			{ key: 'esp:2', source: 'esp', firstName: 'Charlie', lastName: 'Webb', email: 'charlotte.webb@gmail.com' },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'esp:2'));
	});

	const twins = (a: string, b: string, emailA: string, emailB: string) => {
		const ids = resolve([
			{ key: 'crm:a', source: 'crm', firstName: a, lastName: 'Kirk', email: emailA, phone: '+1 408 555 0153', dob: '2001-05-05', ...oak },
			{ key: 'crm:b', source: 'crm', firstName: b, lastName: 'Kirk', email: emailB, phone: '+1 408 555 0153', dob: '2001-05-05', ...oak },
		]);
		expect(customer(ids, 'crm:a')).not.toBe(customer(ids, 'crm:b'));
	};
	it.each([['Ian', 'Ivan', 'ian.moss@gmail.com', 'ivan.moss@gmail.com']])('twins %s and %s (one birth date, one landline, mailboxes that spell their names) stay two customers', twins);
	// Known gap: twins with near names and mailboxes that spell neither.
	it.failing.each([['Dana', 'Dina', 'dkirk01@gmail.com', 'dkirk02@gmail.com']])('twins %s and %s (one birth date, one landline, own mailboxes) stay two customers', twins);

	it.failing('twins Jon and Jan (one birth date, one address, own mailboxes, no phone) stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:a', source: 'crm', firstName: 'Jon', lastName: 'Kirk', email: 'jkirk01@gmail.com', dob: '2001-05-05', ...oak },
			{ key: 'crm:b', source: 'crm', firstName: 'Jan', lastName: 'Kirk', email: 'jkirk02@gmail.com', dob: '2001-05-05', ...oak },
		]);
		expect(customer(ids, 'crm:a')).not.toBe(customer(ids, 'crm:b'));
	});

	it('Robert Hale and Robert Hale Jr (suffix in the last-name cell, no birth dates, own mailboxes, one landline) stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Robert', lastName: 'Hale', email: 'rhale@aol.com', phone: '+1 408 555 0160', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Robert', lastName: 'Hale Jr', email: 'robhalejr@gmail.com', phone: '+1 408 555 0160', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('"Robert Hale" and "Robert Hale II" in a full-name field (own mailboxes, one landline) stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', fullName: 'Robert Hale', email: 'rhale3@aol.com', phone: '+1 408 555 0163', ...oak },
			{ key: 'crm:2', source: 'crm', fullName: 'Robert Hale II', email: 'rhale.ii@gmail.com', phone: '+1 408 555 0163', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('"Marsh, Daniel" and "Marsh, Karen" in a full-name field (Last, First as CRMs export it) stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', fullName: 'Marsh, Daniel', email: 'dmarsh@gmail.com', phone: '+1 408 555 0174', ...oak },
			{ key: 'crm:2', source: 'crm', fullName: 'Marsh, Karen', email: 'kmarsh@gmail.com', phone: '+1 408 555 0174', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('"Daniel Marsh" and "Danielle Marsh" (full-name field) on the family mailbox themarshes@ stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', fullName: 'Daniel Marsh', email: 'themarshes@gmail.com', phone: '+1 408 555 0173', ...oak },
			{ key: 'crm:2', source: 'crm', fullName: 'Danielle Marsh', email: 'themarshes@gmail.com', phone: '+1 408 555 0173', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it.failing('roommates Tyler Brooks and Tyler Grant (one landline, one address, own mailboxes) stay two customers', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Tyler', lastName: 'Brooks', email: 'tbrooks@gmail.com', phone: '+1 408 555 0164', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Tyler', lastName: 'Grant', email: 'tgrant@gmail.com', phone: '+1 408 555 0164', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});
});

describe('red team identity: spouses or siblings with related given names at one address, nothing else shared (probabilistic)', () => {
	// CRM + ESP record per person; each has a personal mailbox; the only things they share are the
	// surname and the address. The probabilistic stage links them (first name "jaro-winkler >= 0.80"
	// or nickname, last exact, address exact), even when both birth dates are known and two years apart.
	const PAIRS: Array<[string, string]> = [
		['Paul', 'Paula'], ['Eric', 'Erica'], ['Francis', 'Frances'], ['Louis', 'Louise'], ['Jesse', 'Jessie'], ['Carl', 'Carla'],
		['Gabriel', 'Gabriela'], ['Adrian', 'Adriana'], ['Jean', 'Joan'], ['Daniel', 'Danielle'], ['Chris', 'Christina'],
		['Alex', 'Alexandra'], ['Sam', 'Samantha'], ['Joe', 'Josephine'], ['Gray', 'Grace'],
	];
	const couple = (a: string, b: string, dobs: boolean): IdentityInput[] => {
		const home = { street: '9 Linden St', city: 'Akron', state: 'OH', postcode: '44308', country: 'US' };
		const mailA = `${a.toLowerCase()}.fairbank@gmail.com`;
		const mailB = `${b.toLowerCase()}77@yahoo.com`;
		return [
			{ key: 'crm:a', source: 'crm', firstName: a, lastName: 'Fairbank', email: mailA, ...home, ...(dobs ? { dob: '1980-03-03' } : {}) },
			{ key: 'crm:b', source: 'crm', firstName: b, lastName: 'Fairbank', email: mailB, ...home, ...(dobs ? { dob: '1982-07-07' } : {}) },
			{ key: 'esp:a', source: 'esp', firstName: a, lastName: 'Fairbank', email: mailA, ...home },
			{ key: 'esp:b', source: 'esp', firstName: b, lastName: 'Fairbank', email: mailB, postcode: home.postcode },
		];
	};
	it.each(PAIRS)('%s and %s Fairbank (own mailboxes, one address) stay two customers', (a, b) => {
		const ids = resolve(couple(a, b, false));
		expect(customer(ids, 'crm:a')).toBe(customer(ids, 'esp:a'));
		expect(customer(ids, 'crm:b')).toBe(customer(ids, 'esp:b'));
		expect(customer(ids, 'crm:a')).not.toBe(customer(ids, 'crm:b'));
	});
	it.each(PAIRS)('%s and %s Fairbank with birth dates 1980-03-03 and 1982-07-07 stay two customers', (a, b) => {
		const ids = resolve(couple(a, b, true));
		expect(customer(ids, 'crm:a')).not.toBe(customer(ids, 'crm:b'));
	});
});

describe('red team identity: one person split (less harmful than a merge)', () => {
	it.failing('one person whose ESP record has a full-width email and a zero-width space in the surname links to the CRM record', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'José', lastName: 'Núñez', email: 'jose.nunez@gmail.com' },
			{ key: 'esp:1', source: 'esp', firstName: 'Ｊｏｓｅ', lastName: 'Nu\u200Bnez', email: 'ｊｏｓｅ.ｎｕｎｅｚ@gmail.com' },
		]);
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'esp:1'));
	});

	it.failing('with the node default (no Default Region), one person as +1 / 001 / national (408) phone links on a small run', () => {
		const ids = resolve(
			[
				{ key: 'crm:1', source: 'crm', firstName: 'Omar', lastName: 'Farid', phone: '+1 408 555 0171' },
				{ key: 'esp:1', source: 'esp', firstName: 'Omar', lastName: 'Farid', phone: '001 408 555 0171' },
				{ key: 'web:1', source: 'web', firstName: 'Omar', lastName: 'Farid', phone: '(408) 555-0171' },
			],
			false,
		);
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'esp:1'));
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'web:1'));
	});
});

describe('red team identity: holds', () => {
	it('K. Vargas (full name, initial) on Karen\'s mailbox and the family landline is Karen, not Kevin', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Kevin', lastName: 'Vargas', email: 'kevin.v@gmail.com', phone: '+1 408 555 0152', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Karen', lastName: 'Vargas', email: 'karen.v@gmail.com', phone: '+1 408 555 0152', ...oak },
			{ key: 'esp:2', source: 'esp', fullName: 'K. Vargas', email: 'karen.v@gmail.com', phone: '+1 408 555 0152' },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
		expect(customer(ids, 'crm:2')).toBe(customer(ids, 'esp:2'));
	});

	it('father and son Robert Hale, birth dates 30 years apart (one as 19910808), one landline, stay two', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Robert', lastName: 'Hale', email: 'rhale2@aol.com', phone: '+1 408 555 0162', dob: '1960-04-04', ...oak },
			{ key: 'crm:2', source: 'crm', firstName: 'Robert', lastName: 'Hale', email: 'robhale91@gmail.com', phone: '+1 408 555 0162', dob: '19910808', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('coworkers Mike and Michelle Lee on sales@ and the switchboard stay two', () => {
		const office = { street: '100 Market St', city: 'San Francisco', state: 'CA', postcode: '94105', country: 'US' };
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Mike', lastName: 'Lee', email: 'sales@lee-hvac.com', phone: '+1 415 555 0100', ...office },
			{ key: 'crm:2', source: 'crm', firstName: 'Michelle', lastName: 'Lee', email: 'sales@lee-hvac.com', phone: '+1 415 555 0100', ...office },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
	});

	it('Gmail dots, +tag and googlemail.com link one person', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Nora', lastName: 'Quill', email: 'nora.quill@gmail.com' },
			{ key: 'esp:1', source: 'esp', firstName: 'Nora', lastName: 'Quill', email: 'NoraQuill+promo@googlemail.com' },
		]);
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'esp:1'));
	});

	it('swapped first/last name fields with one phone in two formats link one person', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Kevin', lastName: 'Osborne', email: 'kosborne@gmail.com', phone: '+1 408 555 0170' },
			{ key: 'esp:1', source: 'esp', firstName: 'Osborne', lastName: 'Kevin', email: 'k.osborne@gmail.com', phone: '(408) 555-0170' },
		]);
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'esp:1'));
	});
});
