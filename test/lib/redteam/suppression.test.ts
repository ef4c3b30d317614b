// Red team (s9): nobody who opted out or is on an applicable suppression list may come out eligible
// from Apply Suppression (lib/suppression: buildSuppressionIndex + decide + applyHouseholdRules,
// called as nodes/ApplySuppression calls them, with defaultPolicy and the node's defaults: Date
// Order ISO, no Default Region).
//
// Every case failed at e89f548 unless under "holds".
import { applyHouseholdRules, buildSuppressionIndex, decide, defaultPolicy, type AudienceMember, type SuppressionPolicy, type SuppressionRecord } from '../../../lib/suppression';
import { resolveIdentity, type IdentityInput } from '../../../lib/identity';

const asOf = Date.parse('2026-01-01T00:00:00Z');

function decideOne(member: AudienceMember, list: SuppressionRecord[] = [], overrides: Partial<SuppressionPolicy> = {}) {
	const policy = defaultPolicy({ asOf, ...overrides });
	const index = buildSuppressionIndex(list, policy.defaultRegion, policy.dateOrder ?? 'ISO');
	return { decision: decide(member, index, policy), index };
}

describe('red team suppression: fixed', () => {
	it('an opt-out known only to the day (optedOutAt "2024-02-01") wins over an opt-in at 00:00:01 that same day', () => {
		// The opt-out happened some time on 2024-02-01; read as midnight, the opt-in one second later
		// looks newer and the stale "subscribed" status lets the person through.
		const { decision } = decideOne({ email: 'ann.lee@example.com', consent: 'subscribed', optedInAt: '2024-02-01T00:00:01Z', optedOutAt: '2024-02-01' });
		expect(decision.eligible).toBe(false);
	});

	it.each(['4085550142', '(408) 555-0142', '14085550142'])(
		'an SMS to +1 408 555 0142 is held when the list has the number as %s (no Default Region: the entry cannot be normalized, the node reports it and with Continue On Fail goes on)',
		(listed) => {
			const { decision, index } = decideOne({ phone: '+14085550142', consent: 'opted_in' }, [{ phone: listed }], { channel: 'sms' });
			expect(index.problems.length).toBe(1); // reported as a list problem ...
			expect(decision.eligible).toBe(false); // ... but the person on the list is sent to
		},
	);

	it('a push to customer 123 (read as a JSON number) is held when the list has customer "00123" (README: leading zeros are kept; fail closed would hold)', () => {
		const { decision } = decideOne({ customerId: 123, consent: 'opted_in' }, [{ customerId: '00123' }], { channel: 'push' });
		expect(decision.eligible).toBe(false);
	});

	it('Max Per Household 1: spouses whose addresses read "44 Main St Apt 4" and "44 Main St #4" get one send, not two (Resolve Identity gives them two householdIds)', () => {
		const home = { city: 'Austin', state: 'TX', postcode: '78701', country: 'US' };
		const people: IdentityInput[] = [
			{ key: 'crm:1', source: 'crm', firstName: 'Brian', lastName: 'Okafor', email: 'brian.okafor@gmail.com', street: '44 Main St Apt 4', ...home },
			{ key: 'crm:2', source: 'crm', firstName: 'Grace', lastName: 'Okafor', email: 'grace.okafor@yahoo.com', street: '44 Main St #4', ...home },
		];
		const resolved = resolveIdentity(people, { runAt: '2026-01-01T00:00:00Z', households: 'addressSurname', dateOrder: 'DMY' });
		const policy = defaultPolicy({ asOf });
		const index = buildSuppressionIndex([], undefined, 'ISO');
		const own = people.map((p) => decide({ email: p.email, consent: 'subscribed' }, index, policy));
		const decisions = applyHouseholdRules(own, resolved.records.map((r) => r.householdId), { maxPerHousehold: 1 });
		expect(decisions.filter((d) => d.eligible)).toHaveLength(1);
	});
});

describe('red team suppression: holds', () => {
	it.each(['N', 'cleaned', 'unsubscribed ', 'FALSE', '0', 'no', 'No.', 'Unsubscribed\u200B', 'un\u00ADsubscribed', 'ｕｎｓｕｂｓｃｒｉｂｅｄ', 'Subscribed: No', 'UNSUBSCRIBED\r', '\uFEFFunsubscribed', 'Ｎ', '-1', '0.0', 'off'])(
		'consent %j never comes out eligible',
		(consent) => {
			expect(decideOne({ email: 'ann.lee@example.com', consent }).decision.eligible).toBe(false);
		},
	);

	it.each([
		['20240115', 'ISO'],
		['1700000000', 'ISO'],
		[1705312800, 'ISO'],
		['1700000000000', 'ISO'],
		['15/01/2024', 'ISO'],
		['15/01/2024', 'MDY'],
		['15/01/2024', 'DMY'],
		['01/15/2024', 'DMY'],
		['01/15/2024', 'MDY'],
		['45306', 'ISO'],
		['\u200B2024-01-15', 'ISO'],
		['２０２４-０１-１５', 'ISO'],
	] as const)('optedOutAt %j (date order %s) after an opt-in of 2023-06-01 holds a "subscribed" person', (optedOutAt, dateOrder) => {
		expect(decideOne({ email: 'ann.lee@example.com', consent: 'subscribed', optedInAt: '2023-06-01', optedOutAt }, [], { dateOrder }).decision.eligible).toBe(false);
	});

	it.each([
		['ann.lee@example.com', ' ANN.LEE@EXAMPLE.COM '],
		['ann.lee@example.com', 'ann.lee@example.com\u200B'],
		['ann.lee@example.com', 'Ann Lee <ann.lee@example.com>'],
		['ann.lee@example.com', 'mailto:ann.lee@example.com'],
		['ann.lee@example.com', 'ann.lee\uFF20example.com'],
		['ann.lee@example.com', 'ａｎｎ.ｌｅｅ@example.com'],
		['ann.lee@example.com', 'ann.lee@exam\u00ADple.com'],
		['ann.lee@example.com', 'ann.lee%40example.com'],
		['ann.lee@example.com', 'ann@work.com, ann.lee@example.com'],
		['annlee@gmail.com', 'a.n.n.l.e.e+promo@googlemail.com'],
		['ann.lee@münchen.de', 'ann.lee@xn--mnchen-3ya.de'],
		['josé@example.com', 'jose\u0301@example.com'],
	])('list %j holds audience %j', (listed, email) => {
		expect(decideOne({ email, consent: 'subscribed' }, [{ email: listed }]).decision.eligible).toBe(false);
	});

	it('Max Per Household 1 with both spouses under one householdId sends once', () => {
		const policy = defaultPolicy({ asOf });
		const index = buildSuppressionIndex([], undefined, 'ISO');
		const own = ['a@example.com', 'b@example.com'].map((email) => decide({ email, consent: 'subscribed' }, index, policy));
		expect(applyHouseholdRules(own, ['hh_1', 'hh_1'], { maxPerHousehold: 1 }).filter((d) => d.eligible)).toHaveLength(1);
	});
});
