// The cases of issue 13 where Apply Suppression let opted-out people through.
import { buildSuppressionIndex, decide, defaultPolicy, type AudienceMember, type SuppressionRecord } from '../../../lib/suppression';

const asOf = Date.parse('2026-11-24T15:00:00Z');
const policy = defaultPolicy({ asOf, optInCountries: ['DE'] });
const decideOne = (member: AudienceMember, records: SuppressionRecord[] = [], overrides = {}) =>
	decide({ email: 'ann@example.com', ...member }, buildSuppressionIndex(records, 'US'), { ...policy, ...overrides });
const codes = (member: AudienceMember, records: SuppressionRecord[] = [], overrides = {}) => decideOne(member, records, overrides).reasons.map((r) => r.code);

describe('consent dates fail closed', () => {
	it('a YYYYMMDD opt-out after an ISO opt-in suppresses, as the ISO form does', () => {
		expect(codes({ consent: 'opted_in', optedInAt: '2025-01-10T09:00:00Z', optedOutAt: '20250301' })).toEqual(['opted_out']);
		expect(codes({ consent: 'opted_in', optedInAt: '2025-01-10T09:00:00Z', optedOutAt: 20250301 })).toEqual(['opted_out']);
		expect(codes({ consent: 'opted_in', optedInAt: '2025-01-10T09:00:00Z', optedOutAt: '2025-03-01' })).toEqual(['opted_out']);
		// And a later opt-in still wins over an older YYYYMMDD opt-out.
		expect(codes({ optedInAt: '2025-06-01', optedOutAt: '20250301' })).toEqual([]);
	});

	it('an opt-in or opt-out date that cannot be read holds the person back on every channel, naming the field and kind', () => {
		for (const channel of ['email', 'sms', 'push'] as const) {
			const decision = decideOne({ customerId: 'c1', phone: '+14155552671', consent: 'opted_in', optedInAt: '2025-02-30' }, [], { channel });
			expect(decision.eligible).toBe(false);
			expect(decision.reasons[0]).toEqual({ code: 'unreadable_date', detail: expect.stringMatching(/"optedInAt" cannot be read \(a string\)/) });
		}
		const named = decideOne({ consent: 'opted_in', optedInAt: 42.5e20 }, [], { fieldNames: { optedInAt: 'hs_consent_date' } });
		expect(named.reasons[0].detail).toMatch(/"hs_consent_date" cannot be read \(a number\)/);
		expect(codes({ consent: 'opted_in', optedOutAt: 'last spring' })).toEqual(['unreadable_date', 'opted_out']);
	});

	it('day/month dates are read only under a date order (ISO by default), and never guessed', () => {
		expect(codes({ consent: 'opted_in', optedInAt: '2025-01-10', optedOutAt: '03/01/2025' })).toEqual(['unreadable_date', 'opted_out']);
		expect(codes({ optedInAt: '2025-01-10', optedOutAt: '01/03/2025' }, [], { dateOrder: 'DMY' })).toEqual(['opted_out']);
		expect(codes({ optedInAt: '2025-02-10', optedOutAt: '01/03/2025' }, [], { dateOrder: 'MDY' })).toEqual([]);
	});
});

describe('list entries fail closed', () => {
	it('an expiry of 20991231 (text or number) is still in force', () => {
		expect(codes({}, [{ email: 'ann@example.com', expiresAt: '20991231' }])).toEqual(['suppression_list']);
		expect(codes({}, [{ email: 'ann@example.com', expiresAt: 20991231 }])).toEqual(['suppression_list']);
		expect(codes({}, [{ email: 'ann@example.com', expiresAt: '20260101' }])).toEqual([]);
	});

	it('an entry with an unreadable expiry still applies, and is reported', () => {
		const records = [{ email: 'ann@example.com', expiresAt: 'next year' }];
		expect(codes({}, records)).toEqual(['suppression_list']);
		expect(buildSuppressionIndex(records).problems).toEqual([{ entry: 0, field: 'expiresAt', expected: expect.stringMatching(/applies as if it never expired/) }]);
	});

	it('scope all, * and global mean global; an unknown scope is warned about, not silent', () => {
		for (const scope of ['all', 'ALL', '*', 'global', ' Global ', '', 'n/a']) expect(codes({}, [{ email: 'ann@example.com', scope }])).toEqual(['suppression_list']);
		const unknown = decideOne({}, [{ email: 'ann@example.com', scope: 'brand-b' }]);
		expect(unknown.eligible).toBe(true);
		expect(unknown.warnings).toEqual([expect.stringMatching(/scoped to "brand-b".*not applied/)]);
		// Another channel's entry is known and does not apply: no warning.
		expect(decideOne({}, [{ email: 'ann@example.com', scope: 'sms' }]).warnings).toEqual([]);
		expect(codes({}, [{ email: 'ann@example.com', scope: 'brand-b' }], { lists: ['brand-b'] })).toEqual(['suppression_list']);
	});

	it('an entry with several identifiers uses all of them, arrays included', () => {
		const records = [{ email: ['ann@example.com'], customerId: 'c1' }];
		expect(decideOne({ email: 'ann@example.com', customerId: 'other' }, records).reasons[0].matched?.by).toBe('email');
		expect(decideOne({ email: 'someone@example.com', customerId: 'c1' }, records).reasons[0].matched?.by).toBe('customerId');
		const many = [{ email: ['a@example.com', 'b@example.com'], phone: ['+14155552671', '+14155552672'], customerId: [7, 'c8'] }];
		for (const member of [{ email: 'b@example.com' }, { email: 'x@example.com', phone: '(415) 555-2672' }, { email: 'x@example.com', customerId: 7 }, { email: 'x@example.com', customerId: 'c8' }]) {
			expect(codes(member, many, { defaultRegion: 'US' })).toEqual(['suppression_list']);
		}
		expect(buildSuppressionIndex(many).problems).toEqual([]);
	});

	it('an unusable entry still matches what it can and never lets the person it names through', () => {
		const records: SuppressionRecord[] = [
			{ email: 'Ånn@example.com', customerId: 'c1' }, // a non-ASCII mailbox name: not normalized
			{ email: 'broken@', phone: '+14155552671' },
			{ sha256: 'not-a-hash', customerId: 'c3' },
			{ email: 'dana@example.com', expiresAt: 'someday' },
		];
		const index = buildSuppressionIndex(records, 'US');
		expect(index.problems.map((p) => [p.entry, p.field])).toEqual([
			[0, 'email'],
			[1, 'email'],
			[2, 'sha256'],
			[3, 'expiresAt'],
		]);
		const held = (member: AudienceMember) => decide(member, index, { ...policy, channel: 'sms', defaultRegion: 'US', optInChannels: [] });
		// The non-ASCII address by its raw lowercase text (on SMS its email is not the channel identifier).
		expect(held({ email: 'ånn@example.com', phone: '+14155550000', consent: 'opted_in' }).reasons.map((r) => r.code)).toEqual(['suppression_list']);
		expect(held({ customerId: 'c1', phone: '+14155550001', consent: 'opted_in' }).eligible).toBe(false);
		expect(held({ phone: '+1 415 555 2671', consent: 'opted_in' }).eligible).toBe(false);
		expect(held({ customerId: 'c3', phone: '+14155550003', consent: 'opted_in' }).eligible).toBe(false);
		expect(decide({ email: 'dana@example.com', consent: 'opted_in' }, index, policy).eligible).toBe(false);
	});
});

describe('consent words', () => {
	it('opted-out, unsubscribe, N and Mailchimp cleaned suppress on email outside opt-in countries', () => {
		for (const consent of ['opted-out', 'unsubscribe', 'N', 'n', 'no', 'f', 'cleaned', 'UNSUBSCRIBED', 'NOT_SUBSCRIBED', 'OptOut', 'spam report', 'bounce']) {
			expect(codes({ consent, country: 'US' })).toEqual(['opted_out']);
		}
	});

	it('pending and transactional are not an opt-in anywhere', () => {
		for (const consent of ['pending', 'transactional']) expect(codes({ consent, country: 'US' })).toEqual(['no_opt_in']);
	});

	it('an unrecognised word holds the person back with its own reason, on every channel (it may be an opt-out)', () => {
		for (const channel of ['email', 'sms', 'push'] as const) {
			expect(codes({ consent: 'abgemeldet', country: 'US', customerId: 'c1', phone: '+14155552671' }, [], { channel })).toEqual(['unknown_consent_value']);
		}
		// Never eligible where a known opt-out word would have suppressed.
		expect(codes({ consent: 'opted_in_maybe', optedInAt: '2026-01-01' })).toEqual(['unknown_consent_value']);
	});

	it('known opt-in words and no information keep today\'s rules', () => {
		for (const consent of ['opted_in', 'Opted-In', 'subscribed', 'SUBSCRIBED', 'Y', 't', true]) expect(codes({ consent, country: 'DE' })).toEqual([]);
		for (const consent of ['unknown', 'NOT_SPECIFIED', '', 'n/a', undefined]) {
			expect(codes({ consent, country: 'US' })).toEqual([]);
			expect(codes({ consent, country: 'DE' })).toEqual(['no_opt_in']);
		}
	});
});
