// Red-team cases (bench/adversarial/identity.ts): each merged two people before the fix.
import { resolveIdentity, type IdentityInput } from '../../../lib/identity';
import { householdData } from '../../../bench/households-data';
import { normalizeDate } from '../../../lib/records/values';
import { generationSuffix } from '../../../lib/records/names';

const run = { runAt: '2026-01-01T00:00:00Z', defaultRegion: 'US' as const };

function idsByKey(records: IdentityInput[], options = {}): Map<string, string> {
	const result = resolveIdentity(records, { ...run, ...options });
	return new Map(result.records.map((r) => [r.key, r.customerId]));
}

describe('red-team identity cases', () => {
	it.each(['deterministic', 'probabilistic'] as const)('a Jr. and a Sr. with the suffix in a Suffix column of its own stay two people (%s)', (mode) => {
		const fir = { street: '8 Fir Ln', city: 'Portland', state: 'OR', postcode: '97201' };
		const records: IdentityInput[] = [
			...householdData(300, 5).records,
			{ key: 'sf:l1', source: 'crm', firstName: 'Paul', lastName: 'Baker', suffix: 'Sr.', email: 'pbaker1956@comcast.net', phone: '+1 503 555 0120', ...fir },
			{ key: 'sf:l2', source: 'crm', firstName: 'Paul', lastName: 'Baker', suffix: 'Jr.', email: 'paulbaker.pdx@gmail.com', phone: '+1 503 555 0120', ...fir },
			{ key: 'esp:l2', source: 'esp', firstName: 'Paul', lastName: 'Baker', email: 'paulbaker.pdx@gmail.com' },
		];
		const ids = idsByKey(records, { mode });
		expect(ids.get('sf:l1')).not.toBe(ids.get('sf:l2'));
		expect(ids.get('sf:l2')).toBe(ids.get('esp:l2'));
	});

	it('where a Sr. lives, a namesake at the address with another phone and no shared email stays another person', () => {
		const oak = { street: '7 Oak Ln', city: 'Centerport', state: 'OH', postcode: '20416' };
		const records: IdentityInput[] = [
			...householdData(300, 5).records,
			{ key: 'crm:d1', source: 'crm', firstName: 'Doris', lastName: 'Davis, Sr.', email: 'doris.davis@gmail.com', phone: '(419) 646-6173', ...oak },
			{ key: 'esp:d1', source: 'esp', firstName: 'Doris', email: 'doris.davis@gmail.com', postcode: '20416' },
			{ key: 'crm:d2', source: 'crm', firstName: 'Drois', lastName: 'DAVIS', phone: '4014096253', ...oak },
			{ key: 'web:d2', source: 'web', firstName: 'Doris', lastName: 'Davis', phone: '401 409 6253', postcode: '20416' },
		];
		const ids = idsByKey(records);
		expect(ids.get('crm:d1')).toBe(ids.get('esp:d1'));
		expect(ids.get('crm:d2')).toBe(ids.get('web:d2'));
		expect(ids.get('crm:d1')).not.toBe(ids.get('crm:d2'));
	});

	it('where a Jr. lives, the same suffix on two records at the address is evidence of one person', () => {
		const elm = { street: '601 Magnolia Blvd', city: 'Centerport', state: 'WA', postcode: '95485' };
		const records: IdentityInput[] = [
			...householdData(300, 5).records,
			{ key: 'crm:w1', source: 'crm', firstName: 'Joshua', lastName: 'Weber, Jr.', phone: '6182318617', dob: '1997-10-25', ...elm },
			{ key: 'orders:w1', source: 'orders', firstName: 'Joshua', lastName: 'WEBER Jr.', email: 'jweber@gmail.com', ...elm },
			{ key: 'esp:w2', source: 'esp', firstName: 'josnua', lastName: 'weber', email: 'joshuaweber6@hotmail.com' },
		];
		const ids = idsByKey(records);
		expect(ids.get('crm:w1')).toBe(ids.get('orders:w1'));
		expect(ids.get('esp:w2')).not.toBe(ids.get('crm:w1'));
	});

	it.each(['deterministic', 'probabilistic'] as const)('on a family mailbox where a Sr. writes, a namesake record without the suffix is not linked to him by it (%s)', (mode) => {
		const west = { street: '162 West St', city: 'Parkwood', state: 'CA', postcode: '19303' };
		const records: IdentityInput[] = [
			...householdData(300, 5).records,
			{ key: 'orders:a1', source: 'orders', firstName: 'Albert', lastName: 'AVERY Sr', email: 'teamaverys@icloud.com', dob: '1951-04-02', ...west },
			{ key: 'crm:a1', source: 'crm', firstName: 'Albert', lastName: 'Avery Sr.', dob: '1951-04-02', email: 'albert.avery@comcast.net', phone: '(319) 824-1662', ...west },
			{ key: 'crm:a2', source: 'crm', firstName: 'alert', lastName: 'AVERY', email: 'teamaverys@icloud.com', phone: '(415) 824-2210', ...west },
		];
		const ids = idsByKey(records, { mode });
		expect(ids.get('orders:a1')).toBe(ids.get('crm:a1'));
		expect(ids.get('crm:a2')).not.toBe(ids.get('crm:a1'));
	});

	it.each(['deterministic', 'probabilistic'] as const)('an initial is completed from the personal mailbox: K Schwartz on kathryn1976@ is not Kelly Schwartz on their landline (%s)', (mode) => {
		const maple = { street: '1924 Maple St', city: 'Chestnutport', state: 'IL', postcode: '64199' };
		const records: IdentityInput[] = [
			...householdData(300, 5).records,
			{ key: 'crm:k1', source: 'crm', firstName: 'Kelly', lastName: 'Schwartz', email: 'kellyschwartz6@gmail.com', phone: '+1 623 642 5886', dob: '1945-03-25', ...maple },
			{ key: 'esp:k1', source: 'esp', firstName: 'Kelly', lastName: 'Schwartz', email: 'kellyschwartz6@gmail.com' },
			{ key: 'orders:k2', source: 'orders', firstName: 'k', lastName: 'Schwartz', email: 'kathryn1976@gmail.com', phone: '623-642-5886', ...maple },
			{ key: 'web:k2', source: 'web', firstName: 'Kathryn', lastName: 'Schwartz', email: 'kathryn1976@gmail.com', postcode: '64199' },
			{ key: 'esp:k3', source: 'esp', firstName: 'Kathryn', lastName: 'Lowe', email: 'kathryn.lowe@gmail.com' },
		];
		const ids = idsByKey(records, { mode });
		expect(ids.get('crm:k1')).toBe(ids.get('esp:k1'));
		expect(ids.get('orders:k2')).toBe(ids.get('web:k2'));
		expect(ids.get('orders:k2')).not.toBe(ids.get('crm:k1'));
	});

	it('reads a suffix column as a generation', () => {
		expect(['Jr.', 'JR', 'Junior', 'II', 'Sr.', 'III', 'PhD', ''].map(generationSuffix)).toEqual(['jr', 'jr', 'jr', 'jr', 'sr', 'iii', '', '']);
	});

	it.each(['deterministic', 'probabilistic'] as const)('a father and son of one name a generation apart on the family mailbox stay two people (%s)', (mode) => {
		const walnut = { street: '61 Walnut St', city: 'Boise', state: 'ID', postcode: '83702' };
		const records: IdentityInput[] = [
			...householdData(300, 5).records,
			{ key: 'crm:k1', source: 'crm', firstName: 'Sam', lastName: 'Reed', email: 'reedfamily.sam@gmail.com', dob: '1970-01-09', ...walnut },
			{ key: 'crm:k2', source: 'crm', firstName: 'Sam', lastName: 'Reed', email: 'reedfamily.sam@gmail.com', dob: '2005-03-03', ...walnut },
		];
		const ids = idsByKey(records, { mode });
		expect(ids.get('crm:k1')).not.toBe(ids.get('crm:k2'));
	});

	it('one person whose birth date has a slip in the year on one mailbox stays one person', () => {
		const records: IdentityInput[] = [
			{ key: 'a', firstName: 'Sam', lastName: 'Reed', email: 'sam.reed@gmail.com', dob: '1970-01-09' },
			{ key: 'b', firstName: 'Sam', lastName: 'Reed', email: 'sam.reed@gmail.com', dob: '1907-01-09' },
		];
		const ids = idsByKey(records, { mode: 'deterministic' });
		expect(ids.get('a')).toBe(ids.get('b'));
	});

	it.each(['0001-01-01', '01/01/0001', '0001-01-01T00:00:00', '00010101', '0000-00-00'])('three namesakes with the no-date birth date %s get three IDs', (dob) => {
		const records: IdentityInput[] = [
			{ key: 'z1', firstName: 'John', lastName: 'Smith', dob, email: 'jsmith.denver@gmail.com', city: 'Denver', postcode: '80202' },
			{ key: 'z2', firstName: 'John', lastName: 'Smith', dob, email: 'john.smith77@yahoo.com', city: 'Miami', postcode: '33101' },
			{ key: 'z3', firstName: 'John', lastName: 'Smith', dob, email: 'smithj@outlook.com', city: 'Boston', postcode: '02108' },
		];
		for (const mode of ['deterministic', 'probabilistic'] as const) expect(new Set(idsByKey(records, { mode }).values()).size).toBe(3);
	});

	it('a birth date that cannot be read links nobody by a rule', () => {
		const records: IdentityInput[] = [
			{ key: 'a', firstName: 'John', lastName: 'Smith', dob: '1985-02-30', city: 'Denver' },
			{ key: 'b', firstName: 'John', lastName: 'Smith', dob: '1985-02-30', city: 'Miami' },
		];
		const result = resolveIdentity(records, { ...run, mode: 'deterministic' });
		expect(result.stats.clusters).toBe(2);
		expect(result.records[0].flags.some((f) => f.field === 'dob')).toBe(true);
	});

	it('reads a four-digit year as written (0001 is not 2001)', () => {
		expect(normalizeDate('01/01/0001').iso).toBeNull();
		expect(normalizeDate('1/1/0001').iso).toBeNull();
		expect(normalizeDate('03/04/1990').iso).toBe('1990-04-03');
		expect(normalizeDate('03/04/90').iso).toBe('1990-04-03');
		expect(normalizeDate('3 Apr 0001').iso).toBeNull();
	});
});

describe('email comparison levels', () => {
	const { emailComparison } = jest.requireActual('../../../lib/identity/comparisons') as typeof import('../../../lib/identity/comparisons');
	const level = (a: string, b: string): string => {
		const c = emailComparison('email', [a, b]);
		return c.labels[c.level(0, 1) - 1];
	};
	it('a digit dropped or two digits swapped is one mailbox keyed twice', () => {
		expect(level('julie1967@gmail.com', 'julie1976@gmail.com')).toBe('same mailbox name or 1-2 edits');
		expect(level('hmay32@gmail.com', 'hmay3@gmail.com')).toBe('same mailbox name or 1-2 edits');
	});
	it('another number is another mailbox', () => {
		expect(level('james.gonzalez89@yahoo.com', 'james.gonzalez78@yahoo.com')).toBe('else');
		expect(level('mary.lee12@gmail.com', 'mary.lee13@gmail.com')).toBe('else');
	});
	it('a company domain keyed badly is still alike; two mailbox providers are two services', () => {
		expect(level('hmay32@richardson-rhodes.com', 'hmay3@richarsson-rhooded.com')).toBe('jaro-winkler >= 0.88');
		expect(level('kevin.vargas@gmail.com', 'kevin.varga@hotmail.com')).toBe('else');
	});
});

describe('a mailbox name built from the name is the name again', () => {
	const { emailComparison } = jest.requireActual('../../../lib/identity/comparisons') as typeof import('../../../lib/identity/comparisons');
	it('the same mailbox name with digits at two providers is a level of its own, where the names are counted once', () => {
		const c = emailComparison('email', ['janice1987@outlook.com', 'janice1987@icloud.com'], ['first', 'last']);
		const level = c.level(0, 1);
		expect(c.labels[level - 1]).toBe('same mailbox name, another provider');
		expect(c.dependsOn).toEqual(['first', 'last']);
		expect(c.dependentAt?.(level)).toBe(true);
		expect(c.dependentAt?.(1)).toBe(false);
	});

	it('two Janices on janice1987@ at two providers, with nothing else shared, stay two people; the explanation says why', () => {
		const records: IdentityInput[] = [
			...householdData(1500, 3).records,
			{ key: 'a', source: 'esp', firstName: 'Janice', email: 'janice1987@outlook.com' },
			{ key: 'b', source: 'crm', firstName: 'Janice', lastName: 'Dawson', email: 'janice1987@icloud.com', phone: '(234) 552-0207', street: '39 Cedar Dr', city: 'Oakville', postcode: '96946' },
		];
		const result = resolveIdentity(records, run);
		const id = (key: string) => result.records.find((r) => r.key === key)!.customerId;
		expect(id('a')).not.toBe(id('b'));
	});
});

describe('blocking on a name and one letter of the other', () => {
	const { defaultBlockingRules, ruleBlockLimit } = jest.requireActual('../../../lib/identity/blocking') as typeof import('../../../lib/identity/blocking');
	it('finds a slip in either name and caps its blocks', () => {
		const rules = defaultBlockingRules(['first', 'last', 'email']);
		expect(rules).toEqual(expect.arrayContaining(['last+first:soundex', 'first:initial+last:prefix3']));
		expect(ruleBlockLimit('first:initial+last:prefix3', 300)).toBe(10);
		expect(ruleBlockLimit('last:soundex+first:initial+dob:year', 300)).toBe(300);
		expect(ruleBlockLimit('first+last', 300)).toBe(300);
	});

	it('links Karen and Kaern Baldwin, whom no other rule puts side by side', () => {
		const records: IdentityInput[] = [
			...householdData(600, 9).records,
			{ key: 'crm', source: 'crm', firstName: 'Karen', lastName: 'Baldwin', email: 'karen.baldwin@gmail.com', phone: '+1 434 567 8463', street: '502 Lakeview Rd', city: 'Centerport', postcode: '95485' },
			{ key: 'orders', source: 'orders', firstName: 'Kaern', lastName: 'Baldwin' },
		];
		const result = resolveIdentity(records, run);
		const id = (key: string) => result.records.find((r) => r.key === key)!.customerId;
		expect(id('orders')).toBe(id('crm'));
	});
});

describe('too few records to learn from', () => {
	it('two Kimberly Jacksons in one ZIP, two records each, stay two people (red-team I1: a four-record model linked everything)', () => {
		const records: IdentityInput[] = [
			{ key: 'crm:368', source: 'crm', firstName: 'Kimberly', lastName: 'Jackson', email: 'kimberly.jackson41@yahoo.com', phone: '+1 415 555 3735', dob: '1980-06-22', street: '569 Sunset St', city: 'Tucson', state: 'AZ', postcode: '85728' },
			{ key: 'web:370', source: 'web', firstName: 'Kimberly', lastName: 'Jackson', email: 'kimberly.jackson41@yahoo.com', phone: '+1 415 555 3735' },
			{ key: 'crm:4722', source: 'crm', firstName: 'Kimberly', lastName: 'Jackson', email: 'kimberly.jackson50@yahoo.com', phone: '+1 415 555 6661', dob: '1957-02-13', street: '151 River Ave', city: 'Tucson', state: 'AZ', postcode: '85728' },
			{ key: 'esp:4723', source: 'esp', firstName: 'Kimberly', lastName: 'Jackson', email: 'Kimberly.jackson50@yahoo.com', street: '151 River Ave', city: 'Tucson', state: 'AZ', postcode: '85728' },
		];
		const ids = idsByKey(records);
		expect(ids.get('web:370')).toBe(ids.get('crm:368'));
		expect(ids.get('esp:4723')).toBe(ids.get('crm:4722'));
		expect(ids.get('crm:368')).not.toBe(ids.get('crm:4722'));
	});
});
