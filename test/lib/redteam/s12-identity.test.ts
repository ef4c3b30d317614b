// Red team (s12): the three Resolve Identity changes of 5f3e309..93ebcde (reserved-domain mailboxes
// link, out-of-service phones compared as written, namesakes on one mailbox / the nameless-bridge
// guard), attacked with what real CRM/ESP exports hold, plus Apply Suppression and Propagate Opt-Out
// on such phones. Resolve Identity runs with the node's defaults (test/helpers/redteamIdentity) and
// Default Region US. Plain it(): every case outside describe('survives') fails at 93ebcde.
import type { IdentityInput, ResolveOptions, ResolveResult } from '../../../lib/identity';
import { buildSuppressionIndex, decide, defaultPolicy, type AudienceMember, type SuppressionPolicy, type SuppressionRecord } from '../../../lib/suppression';
import { toOptOutEvent } from '../../../lib/optout';
import { idsByKey, resolveOnBackground } from '../../helpers/redteamIdentity';

const resolveAll = (records: IdentityInput[], extra: Partial<ResolveOptions> = {}): ResolveResult => resolveOnBackground(records, { defaultRegion: 'US', ...extra });
const resolve = (records: IdentityInput[], extra: Partial<ResolveOptions> = {}) => idsByKey(resolveAll(records, extra));
const customer = (ids: ReturnType<typeof resolve>, key: string): string => ids.get(key)!.customerId;
const household = (ids: ReturnType<typeof resolve>, key: string): string | undefined => ids.get(key)!.householdId;

const austin = { street: '5 Elm St', city: 'Austin', state: 'TX', postcode: '78701', country: 'US' };
const boston = { street: '90 Pine Ave', city: 'Boston', state: 'MA', postcode: '02110', country: 'US' };
const oak = { street: '12 Oak St', city: 'San Jose', state: 'CA', postcode: '95112', country: 'US' };

/** Two different John Smiths (Austin and Boston, own landlines) whose records carry `shared`. */
function twoJohnSmiths(shared: Partial<IdentityInput>, ownPhones = true): ReturnType<typeof resolve> {
	return resolve([
		{ key: 'crm:1', source: 'crm', firstName: 'John', lastName: 'Smith', ...(ownPhones ? { phone: '+1 512 555 0147' } : {}), ...austin, ...shared },
		{ key: 'pos:2', source: 'pos', firstName: 'John', lastName: 'Smith', ...(ownPhones ? { phone: '+1 617 555 0163' } : {}), ...boston, ...shared },
	]);
}

const asOf = Date.parse('2026-01-01T05:00:00Z');
function decideOne(member: AudienceMember, list: SuppressionRecord[] = [], overrides: Partial<SuppressionPolicy> = {}) {
	const policy = defaultPolicy({ asOf, defaultRegion: 'US', ...overrides });
	return decide(member, buildSuppressionIndex(list, policy.defaultRegion, policy.dateOrder ?? 'ISO'), policy);
}

describe('red team s12 identity: reserved-domain placeholders typed by staff', () => {
	// Merges two different customers: example.com/.org/.net are reserved (RFC 2606) and never a real
	// mailbox, so in a CRM export they are a clerk's "no email" — only a fixed list (noemail@, none@,
	// user@, info@...) is still blocked and two namesakes in different towns become one customer
	// (one's address, consents and opt-outs applied to the other).
	it.each(['na@example.org', 'nomail@example.com', 'no@example.com', 'email@example.com', 'unknown@example.net', 'customer@example.com', 'donotemail@example.com', 'no.email@example.com', 'x@example.com'])(
		'two John Smiths in Austin and Boston with their own phones, both keyed with the staff placeholder %s, stay two customers',
		(email) => {
			const ids = twoJohnSmiths({ email });
			expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'pos:2'));
		},
	);
});

describe('red team s12 identity: placeholder phones now compared as written', () => {
	// Merges two different customers: these numbers are placeholders (area code 555 / 123 / 111 is
	// never assigned, 867-5309 is the song, 555-0100..0199 is NANPA's fictional range), formerly
	// invalid and unused; now their E.164 spelling links anyone of one name who was given it, and
	// the phone placeholder patterns only know 555-0100, 555-1212 and 555-0000.
	it.each(['(555) 555-1234', '555-867-5309', '(123) 123-1234', '(111) 222-3333', '(955) 555-0123 x400'])(
		'two John Smiths in Austin and Boston, both keyed with the placeholder phone %s, stay two customers',
		(phone) => {
			const ids = twoJohnSmiths({ phone }, false);
			expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'pos:2'));
		},
	);

	// An SMS campaign built from the golden profile goes to a number that is not in service while the
	// customer's working number is known: mostRecent takes the out-of-service number over the valid one.
	it("the golden profile's phone is the customer's valid number, not a newer out-of-service one (955-335-9315)", () => {
		const result = resolveAll([
			{ key: 'crm:1', source: 'crm', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '+1 408 555 0142', updatedAt: '2025-01-01', ...oak },
			{ key: 'web:1', source: 'web', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '955-335-9315', updatedAt: '2025-06-01', ...oak },
		]);
		const id = result.records.find((r) => r.key === 'crm:1')!.customerId;
		const profile = result.profiles.find((p) => p.customerId === id)!;
		expect(profile.recordKeys).toEqual(['crm:1', 'web:1']);
		expect(String(profile.attributes.phone).replace(/\D/g, '')).toBe('14085550142');
	});

	// A number not in service is reported in E.164 spelling ("+19553359315") among the profile's
	// phones, indistinguishable from a valid one: a step that texts every known number sends to it.
	it("an out-of-service phone is not listed in the profile's phone conflicts in E.164 spelling", () => {
		const result = resolveAll([
			{ key: 'crm:1', source: 'crm', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '+1 408 555 0142', updatedAt: '2025-01-01', ...oak },
			{ key: 'web:1', source: 'web', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '955-335-9315', updatedAt: '2025-06-01', ...oak },
		]);
		const id = result.records.find((r) => r.key === 'crm:1')!.customerId;
		const profile = result.profiles.find((p) => p.customerId === id)!;
		expect(profile.conflicts.phone ?? []).not.toContain('+19553359315');
	});
});

describe('red team s12 identity: a record without a given name as the only link', () => {
	// Splits one customer: the new nameless-bridge guard refuses the order record that is the only link
	// between "Sasha"/"Pepe" and "Alexander"/"José" (common Russian and Spanish short forms missing from
	// the nickname table), so an opt-out or purchase on one record never reaches the other profile.
	it.each([
		['Sasha', 'Alexander'],
		['Pepe', 'José'],
	])('%s Jorgensen (email) and %s Jorgensen (landline), joined only by an order with the surname, the email and the landline, are one customer', (a, b) => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: a, lastName: 'Jorgensen', email: 'bj1961@gmail.com', ...oak },
			{ key: 'ord:1', source: 'orders', lastName: 'Jorgensen', email: 'bj1961@gmail.com', phone: '+1 408 555 0177', ...oak },
			{ key: 'pos:1', source: 'pos', firstName: b, lastName: 'Jorgensen', phone: '+1 408 555 0177', ...oak },
		]);
		expect(customer(ids, 'crm:1')).toBe(customer(ids, 'pos:1'));
	});

	// Merges two people: a record whose given name is only an initial ("R") says no more of whose it
	// is than a nameless one, yet the guard applies to empty given names only, so "R Green" bridges
	// Robert (1970) and Rachel (1972) Green through his email and their shared landline.
	it('"R Green" with Robert\'s email and the family landline does not merge Robert (1970) and Rachel (1972) Green', () => {
		const ids = resolve([
			{ key: 'crm:1', source: 'crm', firstName: 'Robert', lastName: 'Green', email: 'rg77@gmail.com', dob: '1970-02-02', ...oak },
			{ key: 'ord:1', source: 'orders', firstName: 'R', lastName: 'Green', email: 'rg77@gmail.com', phone: '+1 408 555 0188', ...oak },
			{ key: 'pos:1', source: 'pos', firstName: 'Rachel', lastName: 'Green', phone: '+1 408 555 0188', dob: '1972-03-03', ...oak },
		]);
		expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'pos:1'));
	});
});

describe('red team s12 suppression: out-of-service numbers on a do-not-contact list', () => {
	// Emails a person on a global do-not-contact list: the list writes the number with +1, the audience
	// nationally (Default Region US); neither is valid, so the digits are compared, and "19553359315"
	// never ends "9553359315"'s way round.
	it('an email to a member whose phone is "955.335.9315" is held by a global entry "+1 955 335 9315"', () => {
		expect(decideOne({ email: 'ann.lee@gmail.com', phone: '955.335.9315', consent: 'opted_in' }, [{ phone: '+1 955 335 9315' }]).eligible).toBe(false);
	});

	// Emails a person on a global do-not-contact list: the member's extension ("x400") is kept in the
	// digits compared, so the out-of-service number no longer ends like the list's.
	it('an email to a member whose phone is "955-335-9315 x400" is held by a global entry "955-335-9315"', () => {
		expect(decideOne({ email: 'ann.lee@gmail.com', phone: '955-335-9315 x400', consent: 'opted_in' }, [{ phone: '955-335-9315' }]).eligible).toBe(false);
	});
});

describe('survives', () => {
	describe('placeholders still blocked', () => {
		it.each(['noemail@example.com', 'none@example.com', 'user@example.com', 'info@example.com', 'test@example.org', 'noreply@example.org', 'jsmith@mailinator.com'])('two John Smiths in Austin and Boston on %s stay two customers', (email) => {
			const ids = twoJohnSmiths({ email });
			expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'pos:2'));
		});

		it.each(['0000000000', '+1 000 000 0000', '(999) 999-9999', '1-800-000-0000', '(555) 123-4567', '1-555-555-1212 x0', '+1 415 555 0100 ext 2', '(555) 012-3456'])('two John Smiths in Austin and Boston on the phone %s stay two customers', (phone) => {
			const ids = twoJohnSmiths({ phone }, false);
			expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'pos:2'));
		});

		it('two unrelated people on na@example.org are neither one customer nor one household', () => {
			const ids = resolve([
				{ key: 'crm:1', source: 'crm', firstName: 'John', lastName: 'Smith', email: 'na@example.org', ...austin },
				{ key: 'pos:2', source: 'pos', firstName: 'Maria', lastName: 'Garcia', email: 'na@example.org', ...boston },
			]);
			expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'pos:2'));
			expect(household(ids, 'crm:1')).not.toBe(household(ids, 'pos:2'));
		});

		it('two unrelated people on (555) 555-1234 are not one household', () => {
			const ids = resolve([
				{ key: 'crm:1', source: 'crm', firstName: 'John', lastName: 'Smith', phone: '(555) 555-1234', ...austin },
				{ key: 'pos:2', source: 'pos', firstName: 'Maria', lastName: 'Garcia', phone: '(555) 555-1234', ...boston },
			]);
			expect(household(ids, 'crm:1')).not.toBe(household(ids, 'pos:2'));
		});

		// Decided after the red team: an out-of-service number links but never becomes the profile's
		// phone (as an invalid email never becomes its email); the record keeps its flag.
		it('an out-of-service phone alone is flagged, and never becomes the golden profile\'s phone', () => {
			const result = resolveAll([{ key: 'web:1', source: 'web', firstName: 'Nadia', lastName: 'Perkins', email: 'nadia.perkins@gmail.com', phone: '955-335-9315', ...oak }]);
			const record = result.records.find((r) => r.key === 'web:1')!;
			expect(record.flags).toContainEqual({ field: 'phone', reason: 'not a number in service in its country; compared as written' });
			expect(result.profiles.find((p) => p.customerId === record.customerId)!.attributes.phone).toBeUndefined();
		});
	});

	describe('one person on one mailbox whose birth date was mistyped, with a new phone and address', () => {
		// A marketer expects one customer: same name, same personal mailbox; a year slip, a day/month
		// swap, a year-only or 1 January default is a form's error, not a namesake.
		it.each([
			['1985-03-14', '1984-03-14'],
			['1989-12-31', '1990-12-31'],
			['1985-01-01', '1985-07-23'],
			['1985', '1986-07-23'],
			['14/03/1985', '1985-03-14'],
			['03/14/1985', '1985-03-14'],
			['1985-03-14', '1958-03-14'],
			['1985-03-14', '1995-03-14'],
			['1985-03-14', '1986-04-14'],
		])('Laura Bennett born %s and %s is one customer', (a, b) => {
			const ids = resolve([
				{ key: 'crm:1', source: 'crm', firstName: 'Laura', lastName: 'Bennett', email: 'lbennett@gmail.com', dob: a, phone: '+1 408 555 0142', ...oak },
				{ key: 'esp:1', source: 'esp', firstName: 'Laura', lastName: 'Bennett', email: 'lbennett@gmail.com', dob: b, phone: '+1 512 555 0147', ...austin },
			]);
			expect(customer(ids, 'crm:1')).toBe(customer(ids, 'esp:1'));
		});

		it('twins Emma and Ella Novak (one birth date) on the family mailbox stay two customers', () => {
			const ids = resolve([
				{ key: 'crm:1', source: 'crm', firstName: 'Emma', lastName: 'Novak', email: 'novakfamily@gmail.com', dob: '2001-05-09', ...oak },
				{ key: 'crm:2', source: 'crm', firstName: 'Ella', lastName: 'Novak', email: 'novakfamily@gmail.com', dob: '2001-05-09', ...oak },
			]);
			expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'crm:2'));
		});
	});

	describe('a nameless record as the only link', () => {
		it.each([
			['Bob', 'Robert'],
			['Bobby', 'Robert'],
			['Bill', 'William'],
			['Peggy', 'Margaret'],
			['Jack', 'John'],
			['Liz', 'Elizabeth'],
			['Kate', 'Katherine'],
			['Polly', 'Mary'],
			['Tony', 'Anthony'],
			['Maria José', 'Maria'],
			['J. Robert', 'Robert'],
		])('%s and %s Jorgensen joined only by a nameless order are one customer', (a, b) => {
			const ids = resolve([
				{ key: 'crm:1', source: 'crm', firstName: a, lastName: 'Jorgensen', email: 'bj1961@gmail.com', ...oak },
				{ key: 'ord:1', source: 'orders', lastName: 'Jorgensen', email: 'bj1961@gmail.com', phone: '+1 408 555 0177', ...oak },
				{ key: 'pos:1', source: 'pos', firstName: b, lastName: 'Jorgensen', phone: '+1 408 555 0177', ...oak },
			]);
			expect(customer(ids, 'crm:1')).toBe(customer(ids, 'pos:1'));
		});

		it.each(['Customer', 'Mr', 'Mrs.', 'Dr', 'Valued Customer', 'Occupant', 'Guest'])('an order with given name "%s" does not bridge Robert and Rachel Green', (first) => {
			const ids = resolve([
				{ key: 'crm:1', source: 'crm', firstName: 'Robert', lastName: 'Green', email: 'rg77@gmail.com', ...oak },
				{ key: 'ord:1', source: 'orders', firstName: first, lastName: 'Green', email: 'rg77@gmail.com', phone: '+1 408 555 0188', ...oak },
				{ key: 'pos:1', source: 'pos', firstName: 'Rachel', lastName: 'Green', phone: '+1 408 555 0188', ...oak },
			]);
			expect(customer(ids, 'crm:1')).not.toBe(customer(ids, 'pos:1'));
		});
	});

	describe('suppression and opt-out never send to an out-of-service number', () => {
		it('an SMS to 955-335-9315 (Default Region US) is not eligible', () => {
			expect(decideOne({ phone: '955-335-9315', consent: 'opted_in' }, [], { channel: 'sms', optInChannels: [] }).eligible).toBe(false);
		});

		it.each([
			['(955) 335-9315', '955-335-9315'],
			['+1 955 335 9315', '(955) 335-9315'],
			['1-955-335-9315', '955 335 9315'],
			['+19553359315', '9553359315'],
		])('an email to a member with phone %s is held by a global entry %s', (member, listed) => {
			expect(decideOne({ email: 'ann.lee@gmail.com', phone: member, consent: 'opted_in' }, [{ phone: listed }]).eligible).toBe(false);
		});

		it('Propagate Opt-Out keeps 955-335-9315 as given with a phone problem, never as E.164', () => {
			const made = toOptOutEvent({ phone: '955-335-9315', channels: 'sms', requestedAt: '2026-03-02T09:00:00Z' }, Date.parse('2026-03-02T10:00:00Z'), { defaultRegion: 'US' });
			if (!('event' in made)) throw new Error('no event');
			expect(made.event.phone).not.toMatch(/^\+/);
			expect(made.event.phoneProblem).toBeDefined();
		});
	});
});
