// Red team (s11): Apply Suppression's decision (lib/suppression: buildSuppressionIndex + decide,
// called as nodes/ApplySuppression calls them, with defaultPolicy and the node's defaults: Date
// Order ISO, no Default Region). Each case is a person who must not be contacted coming out
// eligible. Plain it(): every case fails at the commit that added this file.
import { buildSuppressionIndex, decide, defaultPolicy, type AudienceMember, type SuppressionPolicy, type SuppressionRecord } from '../../../lib/suppression';

const asOf = Date.parse('2026-01-01T05:00:00Z');

function decideOne(member: AudienceMember, list: SuppressionRecord[] = [], overrides: Partial<SuppressionPolicy> = {}) {
	const policy = defaultPolicy({ asOf, ...overrides });
	const index = buildSuppressionIndex(list, policy.defaultRegion, policy.dateOrder ?? 'ISO');
	return decide(member, index, policy);
}

describe('red team s11 suppression: consent dates', () => {
	it('an opt-out exported as a zone-less local time ("2024-03-15 10:30:00", a CRM in US Pacific = 17:30Z) is not outdated by an opt-in at 12:00Z the same day: held back', () => {
		// values.ts reads a zone-less date-time as UTC and readInstantSpan spans only day-only values
		// (isDayOnly), so the opt-in looks 1.5 h newer and the stale "subscribed" status sends.
		const decision = decideOne({ email: 'ann.lee@example.com', consent: 'subscribed', optedOutAt: '2024-03-15 10:30:00', optedInAt: '2024-03-15T12:00:00Z' });
		expect(decision.eligible).toBe(false);
	});

	it('an opt-in exported as a zone-less local time ("2024-03-15T20:00:00", a CRM in Tokyo = 11:00Z) is not newer than an opt-out at 15:00Z: held back', () => {
		const decision = decideOne({ email: 'ann.lee@example.com', consent: 'subscribed', optedOutAt: '2024-03-15T15:00:00Z', optedInAt: '2024-03-15T20:00:00' });
		expect(decision.eligible).toBe(false);
	});
});

describe('red team s11 suppression: list entries', () => {
	it('an entry expiring "2026-01-01" (day only) still applies at 2026-01-01T05:00Z, when it is still 31 December in the Americas: held back', () => {
		// listIndex.ts reads expiresAt with readInstant (midnight UTC), not readInstantSpan's latest:
		// a day-only expiry ends up to a day early for people west of UTC.
		const decision = decideOne({ email: 'ann.lee@example.com', consent: 'opted_in', country: 'US' }, [{ email: 'ann.lee@example.com', expiresAt: '2026-01-01' }]);
		expect(decision.eligible).toBe(false);
	});

	it('an SMS to a person whose email is on a global do-not-contact entry is held when the audience email cell is "ann.lee@example.com." (a trailing dot the list side repairs)', () => {
		// decide.ts only normalizes the audience email (no repairedAddresses as the list side has):
		// on a non-email send an unreadable email is a warning, so the global entry never matches.
		const decision = decideOne({ phone: '+14155550101', email: 'ann.lee@example.com.', consent: 'opted_in' }, [{ email: 'ann.lee@example.com', scope: 'global' }], { channel: 'sms', optInChannels: [] });
		expect(decision.eligible).toBe(false);
	});

	it('an SMS to a person whose email is on a global entry is held when the audience email cell is full-width ("ａｎｎ．ｌｅｅ＠ｅｘａｍｐｌｅ．ｃｏｍ")', () => {
		const decision = decideOne({ phone: '+14155550101', email: 'ａｎｎ．ｌｅｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', consent: 'opted_in' }, [{ email: 'ann.lee@example.com' }], { channel: 'sms', optInChannels: [] });
		expect(decision.eligible).toBe(false);
	});

	it('an email to a person on a global entry by phone (+14085550142) is held when the audience writes the phone nationally, "(408) 555-0142", without a Default Region', () => {
		// The list side matches a national list number against the end of an audience number
		// (phoneDigits); the audience side has no such fallback, so the global entry never matches.
		const decision = decideOne({ email: 'ann.lee@example.com', phone: '(408) 555-0142', consent: 'opted_in' }, [{ phone: '+14085550142', scope: 'global' }]);
		expect(decision.eligible).toBe(false);
	});
});

describe('red team s11 suppression: frequency cap', () => {
	const recent = ['2025-12-30T10:00:00Z', '2025-12-31T10:00:00Z'];
	it.each([
		['lists by channel keyed "Email" (an ESP export)', { Email: recent }],
		['lists by channel keyed "EMAIL"', { EMAIL: recent }],
		['send records with channel "e-mail"', recent.map((at) => ({ channel: 'e-mail', at }))],
		['send records with channel "Email Marketing"', recent.map((at) => ({ channel: 'Email Marketing', at }))],
	])('two email sends in the last 2 days as %s hold back under a cap of 1 per 7 days', (_label, sends) => {
		// decide.ts sendsOnChannel: hasOwnProperty(record, "email") and `on === channel` compare the
		// channel name exactly; any other spelling is silently no send at all (not unreadable).
		const decision = decideOne({ email: 'ann.lee@example.com', consent: 'opted_in', sends }, [], { frequencyCap: { maxMessages: 1, windowDays: 7 } });
		expect(decision.eligible).toBe(false);
	});
});
