import fc from 'fast-check';
import { normalizeEmail, sha256Hex } from '../../../lib/records';
import { buildSuppressionIndex, countReasons, decide, defaultPolicy, type AudienceMember, type SuppressionRecord } from '../../../lib/suppression';

const asOf = Date.parse('2026-11-24T15:00:00Z');
const policy = defaultPolicy({ asOf, optInCountries: ['DE'] });
const run = (member: AudienceMember, records: SuppressionRecord[], overrides = {}) =>
	decide(member, buildSuppressionIndex(records, 'US'), { ...policy, defaultRegion: 'US', ...overrides });

describe('decide', () => {
	it('lets a clean, consenting person through', () => {
		expect(run({ email: 'jane@example.com', consent: 'opted_in' }, [{ email: 'other@example.com' }])).toEqual({ eligible: true, reasons: [], warnings: [] });
	});

	it('lists every reason that applies, not just the first', () => {
		const decision = run({ email: 'info@example.com', consent: 'opted_out', bounced: 'hard', country: 'DE' }, [{ email: 'INFO@example.com', reason: 'unsubscribed' }]);
		expect(decision.eligible).toBe(false);
		expect(decision.reasons.map((r) => r.code).sort()).toEqual(['hard_bounce', 'opted_out', 'role_account', 'suppression_list']);
		expect(decision.reasons.find((r) => r.code === 'suppression_list')!.matched).toEqual({ by: 'email', scope: 'global', entry: 0, reason: 'unsubscribed' });
	});

	it('honours scope and expiry', () => {
		const records = [
			{ email: 'a@example.com', scope: 'sms' },
			{ email: 'b@example.com', scope: 'newsletter' },
			{ email: 'c@example.com', expiresAt: '2026-01-01' },
			{ email: 'd@example.com', expiresAt: '2027-01-01' },
		];
		expect(run({ email: 'a@example.com' }, records).eligible).toBe(true);
		expect(run({ email: 'b@example.com' }, records).eligible).toBe(true);
		expect(run({ email: 'b@example.com' }, records, { lists: ['newsletter'] }).eligible).toBe(false);
		expect(run({ email: 'c@example.com' }, records).eligible).toBe(true);
		expect(run({ email: 'd@example.com' }, records).eligible).toBe(false);
	});

	it('fails closed on unknown consent where opt-in is required, and on the channel identifier', () => {
		expect(run({ email: 'x@example.com', country: 'de' }, []).reasons.map((r) => r.code)).toEqual(['no_opt_in']);
		expect(run({ email: 'x@example.com', country: 'US' }, []).eligible).toBe(true);
		expect(run({ phone: '+14155552671' }, [], { channel: 'sms' }).reasons.map((r) => r.code)).toEqual(['no_opt_in']);
		expect(run({ email: 'not-an-email' }, []).reasons.map((r) => r.code)).toEqual(['invalid_identifier']);
		expect(run({ phone: '+14155552671' }, []).reasons.map((r) => r.code)).toEqual(['missing_identifier']);
		const warned = run({ email: 'x@example.com', phone: '12' }, []);
		expect(warned.eligible).toBe(true);
		expect(warned.warnings[0]).toMatch(/phone not matched/);
	});

	it('matches hashed lists on the simple and the normalized forms of an email and on E.164 phones', () => {
		const records = [{ sha256: sha256Hex('john.doe+x@gmail.com').toUpperCase() }, { sha256: sha256Hex('14155552671') }];
		expect(run({ email: ' John.Doe+X@gmail.com' }, records).reasons[0].matched?.by).toBe('sha256');
		expect(run({ email: 'johndoe@gmail.com' }, [{ sha256: sha256Hex('johndoe@gmail.com') }]).eligible).toBe(false);
		expect(run({ email: 'z@example.com', phone: '(415) 555-2671' }, records).eligible).toBe(false);
	});

	it('applies frequency caps and quiet hours in the person\'s time zone', () => {
		const cap = { frequencyCap: { maxMessages: 3, windowDays: 7 } };
		const sends = ['2026-11-20T10:00:00Z', '2026-11-22T10:00:00Z', '2026-11-23T10:00:00Z'];
		expect(run({ email: 'a@example.com', sends }, [], cap).reasons[0].code).toBe('frequency_cap');
		expect(run({ email: 'a@example.com', sends: sends.slice(1) }, [], cap).eligible).toBe(true);
		const quiet = { quietHours: { startHour: 21, endHour: 8 } };
		// 15:00 UTC is 07:00 in Los Angeles (quiet) and 16:00 in Berlin (not quiet).
		expect(run({ email: 'a@example.com', timeZone: 'America/Los_Angeles' }, [], quiet).reasons[0].code).toBe('quiet_hours');
		expect(run({ email: 'a@example.com', timeZone: 'Europe/Berlin' }, [], quiet).eligible).toBe(true);
		expect(run({ email: 'a@example.com', timeZone: 'Mars/Olympus' }, [], quiet).reasons[0].detail).toMatch(/Unknown time zone/);
	});

	it('reads consent timestamps, failing closed', () => {
		const codes = (member: AudienceMember, overrides = {}) => run({ email: 'a@example.com', ...member }, [], overrides).reasons.map((r) => r.code);
		const sms = { channel: 'email', optInChannels: ['email'] };
		// An opt-out newer than the opt-in wins over an "opted in" status field.
		expect(codes({ consent: 'opted_in', optedInAt: '2026-01-01', optedOutAt: '2026-06-01' })).toEqual(['opted_out']);
		expect(codes({ consent: 'opted_in', optedOutAt: '2026-06-01' })).toEqual(['opted_out']);
		// Opted in again after the opt-out.
		expect(codes({ optedInAt: '2026-07-01', optedOutAt: '2026-06-01' }, sms)).toEqual([]);
		// An opted-out status wins whatever the dates say.
		expect(codes({ consent: 'unsubscribed', optedInAt: '2026-07-01', optedOutAt: '2026-06-01' })).toEqual(['opted_out']);
		// An opt-out whose date cannot be read still counts.
		expect(run({ email: 'a@example.com', consent: 'yes', optedOutAt: 'last spring' }, []).reasons[0].detail).toMatch(/cannot be read/);
		// An opt-in dated after the decision time, or unreadable, is not an opt-in where one is required.
		expect(codes({ optedInAt: '2026-12-01' }, sms)).toEqual(['no_opt_in']);
		expect(codes({ consent: 'opted_in', optedInAt: 'soon' }, sms)).toEqual(['unreadable_date', 'no_opt_in']);
		// Unreadable, it holds the person back on every channel, naming the field and the value's kind.
		const unreadable = run({ email: 'a@example.com', consent: 'opted_in', optedInAt: 'soon' }, []);
		expect(unreadable.reasons.map((r) => [r.code, r.detail])).toEqual([['unreadable_date', expect.stringMatching(/opt-in date in "optedInAt" cannot be read \(a string\)/)]]);
		// An opt-in timestamp alone is an opt-in.
		expect(codes({ optedInAt: Date.parse('2026-03-01') }, sms)).toEqual([]);
	});

	it('counts sends per channel from lists, objects by channel, or send-log records', () => {
		const cap = { frequencyCap: { maxMessages: 2, windowDays: 7 } };
		const recent = ['2026-11-22T10:00:00Z', '2026-11-23T10:00:00Z'];
		expect(run({ email: 'a@example.com', sends: { email: recent, sms: [] } }, [], cap).reasons.map((r) => r.code)).toEqual(['frequency_cap']);
		expect(run({ email: 'a@example.com', sends: { email: recent.slice(1), sms: recent } }, [], cap).eligible).toBe(true);
		const log = [
			{ channel: 'sms', at: recent[0] },
			{ channel: 'email', sentAt: recent[1] },
			{ channel: 'Email', timestamp: '2026-11-24T14:00:00Z' },
			{ channel: 'email', at: '2026-11-01T00:00:00Z' }, // outside the window
		];
		expect(run({ email: 'a@example.com', sends: log }, [], cap).reasons.map((r) => r.code)).toEqual(['frequency_cap']);
		expect(run({ email: 'a@example.com', sends: log.slice(0, 2) }, [], cap).eligible).toBe(true);
		// A record without a channel counts against every channel; one without a time holds back (fail closed).
		const unlabeled = run({ email: 'a@example.com', sends: [{ at: recent[0] }, { channel: 'email', at: recent[1] }, { channel: 'email' }] }, [], cap);
		expect(unlabeled.reasons.map((r) => r.code)).toEqual(['frequency_cap']);
		expect(unlabeled.reasons[0].detail).toMatch(/1 send\(s\) in "sends" cannot be read/);
	});

	it('holds back test and seed addresses by substring or /regex/', () => {
		const options = { testPatterns: ['@ourcompany.com', '/^seed\\d+@/'] };
		expect(run({ email: 'qa@OurCompany.com' }, [], options).reasons[0].code).toBe('test_account');
		expect(run({ email: 'seed12@inbox-monitor.net' }, [], options).reasons[0].code).toBe('test_account');
		expect(run({ email: 'jane@example.com' }, [], options).eligible).toBe(true);
	});

	it('reports unusable suppression entries instead of skipping them', () => {
		const index = buildSuppressionIndex([{ email: 'not an email' }, { scope: 'global' }, { sha256: 'abc' }, { email: 'a@b.com', expiresAt: 'soon' }]);
		expect(index.problems.map((p) => [p.entry, p.field])).toEqual([
			[0, 'email'],
			[1, 'email'],
			[2, 'sha256'],
			[3, 'expiresAt'],
		]);
	});

	it('counts people by reason', () => {
		const decisions = [run({ email: 'a@example.com' }, []), run({ email: 'info@example.com', consent: 'no' }, [])];
		expect(countReasons(decisions)).toEqual({ eligible: 1, suppressed: 1, role_account: 1, opted_out: 1 });
	});
});

describe('properties', () => {
	const local = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
	const domain = fc.constantFrom('gmail.com', 'googlemail.com', 'example.com', 'outlook.com', 'yahoo.com');
	// The same inbox written as a person or a system might.
	const variant = (user: string, host: string) =>
		fc.record({ upper: fc.boolean(), spaces: fc.boolean(), dots: fc.boolean(), tag: fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/)) }).map(({ upper, spaces, dots, tag }) => {
			let l = host.endsWith('gmail.com') && dots ? user.split('').join('.') : user;
			if (tag) l += `+${tag}`;
			let address = `${l}@${host === 'gmail.com' && dots ? 'googlemail.com' : host}`;
			if (upper) address = address.toUpperCase();
			return spaces ? `  ${address} ` : address;
		});

	it('an item matching any suppression record never reaches Eligible, whatever the case, whitespace, gmail dots or +tags', () => {
		fc.assert(
			fc.property(local, domain, fc.integer({ min: 0, max: 9999999 }), (user, host, n) =>
				fc.assert(
					fc.property(variant(user, host), variant(user, host), (listed, audience) => {
						const phone = `+1415555${String(n % 10000).padStart(4, '0')}`;
						const index = buildSuppressionIndex([{ email: listed }, { phone }], 'US');
						const byEmail = decide({ email: audience, consent: 'opted_in' }, index, policy).eligible;
						const formatted = `(415) 555-${phone.slice(-4)}`;
						const byPhone = decide({ email: 'someone@else.org', phone: formatted, consent: 'opted_in' }, index, { ...policy, defaultRegion: 'US' }).eligible;
						return !byEmail && !byPhone;
					}),
					{ numRuns: 5 },
				),
			),
			{ numRuns: 100 },
		);
	});

	const phoneFormats = (e164: string) => {
		const d = e164.slice(2);
		return fc.constantFrom(e164, `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`, `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`, `001${d}`, `1-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, ` ${d} `);
	};
	// Valid North American numbers: area and exchange codes from real, assigned ranges.
	const nanp = fc.tuple(fc.constantFrom('212', '415', '617', '312', '206'), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 })).map(([a, e, n]) => `+1${a}${e}${String(n).padStart(4, '0')}`);

	it('a phone on the list never reaches Eligible, however either side writes it', () => {
		fc.assert(
			fc.property(
				nanp.chain((e164) => fc.tuple(fc.constant(e164), phoneFormats(e164), phoneFormats(e164))),
				fc.constantFrom<'email' | 'sms'>('email', 'sms'),
				fc.constantFrom('plain', 'sha256 of +E.164', 'sha256 of digits'),
				([e164, listed, audience], channel, form) => {
					const entry = form === 'plain' ? { phone: listed } : { sha256: sha256Hex(form === 'sha256 of digits' ? e164.slice(1) : e164) };
					const index = buildSuppressionIndex([entry], 'US');
					const decision = decide({ email: 'someone@else.org', phone: audience, consent: 'opted_in' }, index, { ...policy, channel, defaultRegion: 'US' });
					return !decision.eligible && decision.reasons.some((r) => r.code === 'suppression_list');
				},
			),
			{ numRuns: 300 },
		);
	});

	it('a hashed entry of the canonical mailbox catches every variant; of the simple form, every case and whitespace', () => {
		fc.assert(
			fc.property(local, domain, fc.integer({ min: 0, max: 1 << 20 }), (user, host, seed) =>
				fc.assert(
					fc.property(variant(user, host), (audience) => {
						const canonical = normalizeEmail(`${user}@${host}`).normalized!;
						const simple = normalizeEmail(audience).simple!;
						const byCanonical = decide({ email: audience, consent: 'opted_in' }, buildSuppressionIndex([{ sha256: sha256Hex(canonical) }]), policy);
						const spaced = seed % 2 ? `  ${audience.toUpperCase()}` : audience.toLowerCase();
						const bySimple = decide({ email: spaced, consent: 'opted_in' }, buildSuppressionIndex([{ sha256: sha256Hex(simple).toUpperCase() }]), policy);
						return !byCanonical.eligible && !bySimple.eligible && byCanonical.reasons[0].matched?.by === 'sha256';
					}),
					{ numRuns: 3 },
				),
			),
			{ numRuns: 60 },
		);
	});

	it('an expired or out-of-scope entry is the only way a listed person gets through', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('global', 'email', 'sms', 'push', 'newsletter', 'brand-b', ''),
				fc.option(fc.integer({ min: -400, max: 400 })),
				fc.constantFrom<'email' | 'sms' | 'push'>('email', 'sms', 'push'),
				fc.subarray(['newsletter', 'brand-b']),
				(scope, expiresInDays, channel, lists) => {
					const expiresAt = expiresInDays === null ? undefined : asOf + expiresInDays * 86_400_000;
					const index = buildSuppressionIndex([{ customerId: 'c1', scope, expiresAt }]);
					const decision = decide({ customerId: 'c1', email: 'a@example.com', phone: '+14155552671', consent: 'opted_in' }, index, { ...policy, channel, lists });
					const live = expiresAt === undefined || expiresAt > asOf;
					const applies = scope === '' || scope === 'global' || scope === channel || lists.includes(scope);
					return decision.eligible === !(live && applies);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('every suppressed decision has at least one reason; eligible ones none', () => {
		fc.assert(
			fc.property(
				fc.record({
					email: fc.oneof(fc.emailAddress(), fc.string(), fc.constant(undefined)),
					phone: fc.oneof(fc.string(), fc.constant('+14155552671'), fc.constant(undefined)),
					consent: fc.constantFrom('opted_in', 'opted_out', 'unknown', undefined, 'yes', 0),
					country: fc.constantFrom('US', 'DE', undefined),
					bounced: fc.boolean(),
				}),
				(member) => {
					const decision = decide(member, buildSuppressionIndex([{ email: 'a@example.com' }]), policy);
					return decision.eligible === (decision.reasons.length === 0);
				},
			),
			{ numRuns: 300 },
		);
	});
});
