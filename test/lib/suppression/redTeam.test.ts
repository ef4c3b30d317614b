// Inputs the adversarial harness (bench/adversarial/suppression.ts) found still let a listed or
// opted-out person through after issue 13, shaped like real ESP/CRM/warehouse exports.
import { sha256Hex } from '../../../lib/records';
import { buildSuppressionIndex, decide, defaultPolicy, type AudienceMember, type SuppressionRecord } from '../../../lib/suppression';

const asOf = Date.parse('2026-11-24T15:00:00Z');
const policy = defaultPolicy({ asOf, optInCountries: [] });
const decideOne = (member: AudienceMember, records: SuppressionRecord[] = [], overrides = {}) =>
	decide({ email: 'Jane.Doe+promo@Gmail.com', consent: 'subscribed', ...member }, buildSuppressionIndex(records, 'US'), { ...policy, ...overrides });
const codes = (member: AudienceMember, records: SuppressionRecord[] = [], overrides = {}) => decideOne(member, records, overrides).reasons.map((r) => r.code);

describe('bounce and complaint words', () => {
	it.each(['spam_report', 'SPAM_COMPLAINT', 'abuse', 'spamreport', 'Spam Report'])('complained %p is a complaint', (word) => {
		expect(codes({ complained: word })).toEqual(['complaint']);
	});
	it.each(['Hard Bounce', 'hard_bounce', 'bounce', 'blocked', 'HARD-BOUNCE'])('bounced %p is a hard bounce', (word) => {
		expect(codes({ bounced: word })).toEqual(['hard_bounce']);
	});
	it('a word that is neither yes nor no holds the person back, naming the field', () => {
		const decision = decideOne({ bounced: 'greylisted', complained: 'fbl-2' }, [], { fieldNames: { bounced: 'bounce_type', complained: 'fbl' } });
		expect(decision.reasons.map((r) => r.code)).toEqual(['unknown_flag_value', 'unknown_flag_value']);
		expect(decision.reasons.map((r) => r.detail).join('\n')).toMatch(/"bounce_type"[\s\S]*"fbl"/);
	});
	it('no words, false and missing values do not hold anyone back', () => {
		for (const value of [false, 'no', 'false', 0, '0', '', null, undefined, 'none', 'N/A']) expect(codes({ bounced: value, complained: value })).toEqual([]);
	});
});

describe('scopes', () => {
	const listed = (scope: string) => [{ email: 'jane.doe@gmail.com', scope }];
	it.each(['email,sms', 'sms; email', 'newsletter|sms', ' E-Mail ', 'MAIL'])('scope %p applies to an email send to "newsletter"', (scope) => {
		expect(codes({}, listed(scope), { lists: ['newsletter'] })).toEqual(['suppression_list']);
	});
	it.each(['text', 'TEXT_MESSAGE', 'mms', ' SMS ', 'Text Message', 'email,text'])('scope %p applies to an SMS send', (scope) => {
		const decision = decideOne({ phone: '+14155550101', consent: 'opted_in' }, [{ phone: '+14155550101', scope }], { channel: 'sms' });
		expect(decision.reasons.map((r) => r.code)).toEqual(['suppression_list']);
	});
	it('a list scope naming only other channels or lists does not apply', () => {
		expect(codes({}, listed('sms,push'), { lists: ['newsletter'] })).toEqual([]);
		expect(codes({}, listed('promo;winback'), { lists: ['newsletter'] })).toEqual([]);
	});
});

describe('hashed lists', () => {
	it('the address without its +tag, dots kept, is hashed on the audience side too', () => {
		expect(codes({}, [{ sha256: sha256Hex('jane.doe@gmail.com') }])).toEqual(['suppression_list']);
	});
	it('accepts sha256:-prefixed and upper-case digests, in the hash or the email column', () => {
		const digest = sha256Hex('jane.doe+promo@gmail.com');
		for (const record of [{ sha256: `sha256:${digest}` }, { sha256: `SHA256:${digest.toUpperCase()}` }, { sha256: digest.toUpperCase() }, { email: digest }, { email: `sha256:${digest}` }]) {
			const index = buildSuppressionIndex([record]);
			expect(index.problems).toEqual([]);
			expect(codes({}, [record])).toEqual(['suppression_list']);
		}
	});
});

describe('list entries with several or nested addresses', () => {
	it.each(['jane.doe@gmail.com; other@example.com', 'other@example.com,jane.doe@gmail.com', ' other@example.com ;  Jane.Doe@Gmail.com ;'])('each address of %p applies', (email) => {
		expect(codes({}, [{ email }])).toEqual(['suppression_list']);
		expect(codes({ email: 'other@example.com' }, [{ email }])).toEqual(['suppression_list']);
		expect(buildSuppressionIndex([{ email }]).problems).toEqual([]);
	});
	it('a part that is no address is still reported, and the others apply', () => {
		const index = buildSuppressionIndex([{ email: 'jane.doe@gmail.com; not-an-address' }]);
		expect(index.problems.map((p) => p.field)).toEqual(['email']);
		expect(codes({}, [{ email: 'jane.doe@gmail.com; not-an-address' }])).toEqual(['suppression_list']);
	});
	it.each([{ value: 'jane.doe@gmail.com' }, { email: 'Jane.Doe@Gmail.com' }, { primary: { address: 'jane.doe@gmail.com' } }, [{ value: 'jane.doe@gmail.com' }]])(
		'an object like %j applies by its text, and is still reported',
		(email) => {
			expect(codes({}, [{ email }])).toEqual(['suppression_list']);
			expect(buildSuppressionIndex([{ email }]).problems.map((p) => p.field)).toEqual(['email']);
		},
	);
	it('invisible characters and Unicode domains match on both sides', () => {
		expect(codes({}, [{ email: 'jane.doe@gmail.com\u200b' }])).toEqual(['suppression_list']);
		expect(codes({ email: '\ufeffjane.doe@gmail.com\u00a0' }, [{ email: 'jane.doe@gmail.com' }])).toEqual(['suppression_list']);
		expect(codes({ email: 'anna@xn--bcher-kva.de' }, [{ email: 'anna@bücher.de' }])).toEqual(['suppression_list']);
		expect(codes({ email: 'anna@bücher.de' }, [{ email: 'anna@xn--bcher-kva.de' }])).toEqual(['suppression_list']);
	});
});

describe('customer IDs', () => {
	it('integer-valued decimal text (pandas floats) matches the integer, both ways', () => {
		expect(codes({ customerId: 1001 }, [{ customerId: '1001.0' }])).toEqual(['suppression_list']);
		expect(codes({ customerId: '1001.00' }, [{ customerId: 1001 }])).toEqual(['suppression_list']);
		expect(codes({ customerId: '1001' }, [{ customerId: 1001.0 }])).toEqual(['suppression_list']);
		// Leading zeros and real decimals stay distinct keys.
		expect(codes({ customerId: '01001' }, [{ customerId: '1001.0' }])).toEqual([]);
		expect(codes({ customerId: 1001 }, [{ customerId: '1001.5' }])).toEqual([]);
	});
});

describe('send history for frequency caps', () => {
	const cap = { frequencyCap: { maxMessages: 2, windowDays: 7 } };
	const recent = ['2026-11-22T10:00:00Z', '2026-11-23T10:00:00Z'];
	it.each<[string, unknown]>([
		['records with sent_at', recent.map((at) => ({ sent_at: at }))],
		['records with sentAt', recent.map((sentAt) => ({ sentAt }))],
		['records with timestamp', recent.map((timestamp) => ({ timestamp }))],
		['records with date', recent.map((date) => ({ date, channel: 'email' }))],
		['a JSON text array', JSON.stringify(recent)],
		['a JSON text array of records', JSON.stringify(recent.map((sent_at) => ({ sent_at })))],
		['comma-separated text', recent.join(', ')],
		['semicolon-separated text', recent.join(';')],
		['a JSON text object by channel', JSON.stringify({ email: recent })],
	])('reads %s', (_, sends) => {
		expect(codes({ sends }, [], cap)).toEqual(['frequency_cap']);
		expect(codes({ sends }, [], { frequencyCap: { maxMessages: 3, windowDays: 7 } })).toEqual([]);
	});
	it('one date with a comma is one send', () => {
		expect(codes({ sends: 'Nov 23, 2026' }, [], { ...cap, dateOrder: 'MDY' })).toEqual([]);
		expect(codes({ sends: ['Nov 23, 2026', 'Nov 22, 2026'] }, [], { ...cap, dateOrder: 'MDY' })).toEqual(['frequency_cap']);
	});
	it.each<[string, unknown]>([
		['a record without a time', [{ channel: 'email', id: 7 }]],
		['a word', ['yesterday']],
		['broken JSON', '[\"2026-11-22'],
		['a number that is no date', [45292]],
	])('holds back on %s, naming the field', (_, sends) => {
		const decision = decideOne({ sends }, [], { ...cap, fieldNames: { sends: 'send_log' } });
		expect(decision.eligible).toBe(false);
		expect(decision.reasons[0]).toEqual({ code: 'frequency_cap', detail: expect.stringMatching(/"send_log" cannot be read/) });
	});
});
