// List cells as CRM / ESP exports garble them still suppress the address they name (before: the
// entry was reported unusable, and with Continue On Fail the person came out Eligible), and a list
// customer ID typed full-width or with a zero-width character still matches.
import { buildSuppressionIndex, decide, entryScope, repairedAddresses, repairedPhones, type SuppressionPolicy } from '../../../lib/suppression';

const policy: SuppressionPolicy = { channel: 'email', lists: [], asOf: Date.parse('2026-11-24T00:00:00Z'), optInChannels: [], optInCountries: [], suppressRoleAccounts: false, testPatterns: [] };
const jane = { email: 'jane.doe@gmail.com', customerId: '1001', consent: 'yes' };

describe('garbled suppression list cells', () => {
	it.each([
		'Jane.Doe@Gmail.com.',
		'"jane.doe@gmail.com"',
		"'jane.doe@gmail.com'.",
		'ｊａｎｅ.ｄｏｅ＠gmail.com',
		'jane.doe @ gmail.com',
		'jane.doe@gmail.com (Jane)',
		'Jane Doe jane.doe@gmail.com',
		'jane.doe@gmail.com|old@x.com',
		'old@x.com jane.doe@gmail.com',
		'JANE.DOE@GMAIL.COM\u200e',
		'Jane\u00a0Doe\u00a0jane.doe@gmail.com',
		'a@x.com (old, jane.doe@gmail.com)',
		'jane.doe=40gmail.com',
		'=?UTF-8?Q?jane.doe=40gmail.com?=',
		'mailto:jane.doe%40gmail.com',
		// Stray bytes of broken exports (before: unusable, and with Continue On Fail Jane was Eligible).
		'jane.doe@gmail.com\u0007',
		'jane.doe@gmail.com\u0000',
		'\u0085jane.doe@gmail.com',
		'jane.doe@gmail.com\ufffd',
		'jane.d\ufffdoe@gmail.com',
		'jane.doe@@gmail.com',
	])('%j holds jane.doe@gmail.com and is not reported unusable', (cell) => {
		const index = buildSuppressionIndex([{ email: cell }]);
		expect(index.problems).toEqual([]);
		const decision = decide(jane, index, policy);
		expect(decision.reasons.map((r) => r.code)).toContain('suppression_list');
	});

	it('a cell naming no address is still unusable, and matches only its raw text', () => {
		const index = buildSuppressionIndex([{ email: 'Jane Doe (no address)' }]);
		expect(index.problems).toHaveLength(1);
		expect(decide(jane, index, policy).eligible).toBe(true);
	});

	it('repairs words, not whole cells: no address is made up from two', () => {
		expect(repairedAddresses('Jane\u00a0Doe\u00a0jane.doe@gmail.com')).toEqual(['janedoe@gmail.com']);
		expect(repairedAddresses('first@x.com, second@y.org')).toEqual(['first@x.com', 'second@y.org']);
		expect(repairedAddresses('no address here')).toEqual([]);
	});

	it.each(['１００１', '1001\u200b', '\u200e1001', ' 1001.0\u00a0'])('list customer ID %j matches 1001', (customerId) => {
		const index = buildSuppressionIndex([{ customerId }]);
		expect(decide(jane, index, policy).reasons.map((r) => r.code)).toContain('suppression_list');
	});
});

describe('scope names as exports write them', () => {
	it.each([
		['Ｅmail', 'email'],
		['E\u2011mail', 'email'],
		['sms ;\u00a0e\u2013mail\u00a0', 'sms,email'],
		['News\u200bletter', 'newsletter'],
		['\ufeffGlobal\u00a0', 'global'],
		['N/A', 'global'],
		// red-team T2: ESP / CRM scope words
		['All Channels', 'global'],
		['ALL-CHANNELS', 'global'],
		['unsubscribe_all', 'global'],
		['Unsubscribed from all', 'global'],
		['Global Unsubscribe', 'global'],
		['all marketing', 'global'],
		['marketing', 'global'],
		['promotional', 'global'],
		['Email Marketing', 'email'],
		['E-mail Marketing', 'email'],
		['email_marketing', 'email'],
		['Marketing Emails', 'email'],
		['SMS Marketing', 'sms'],
		['Text Messages', 'sms'],
		['other-brand-list', 'other-brand-list'],
		['Ballroom', 'ballroom'],
	])('%j reads as %j', (scope, expected) => {
		expect(entryScope(scope)).toBe(expected);
	});
});

describe('garbled phone cells (SMS)', () => {
	const sms: SuppressionPolicy = { ...policy, channel: 'sms', defaultRegion: 'US' };
	it.each(['+1 415 555 0101; +1 415 555 0102', '+1 415 555 0102, +1 415 555 0101', '+1 415 555 0102 / +1 415 555 0101', '14155550101.0', '1.4155550101E10', '1.4155550101e+10'])(
		'%j holds +1 415 555 0101',
		(phone) => {
			const index = buildSuppressionIndex([{ phone }], 'US');
			expect(index.problems).toEqual([]);
			expect(decide({ phone: '+1 415 555 0101', consent: 'yes' }, index, sms).reasons.map((r) => r.code)).toContain('suppression_list');
		},
	);
	it('a cell naming no number is still unusable', () => {
		expect(buildSuppressionIndex([{ phone: 'call me' }], 'US').problems).toHaveLength(1);
		expect(repairedPhones('1.5E3', 'US')).toEqual([]);
	});
});

describe('audience keys read as keys', () => {
	it('a missing-marker customer ID is no customer ID on a push send', () => {
		const push: SuppressionPolicy = { ...policy, channel: 'push' };
		for (const customerId of ['NULL', 'N/A', '#N/A', '']) {
			expect(decide({ customerId, consent: 'yes' }, buildSuppressionIndex([{ email: 'x@example.com' }]), push).reasons.map((r) => r.code)).toEqual(['missing_identifier']);
		}
	});
});

describe('customer IDs beyond 2^53 (red-team T3)', () => {
	it('a rounded numeric ID holds the audience member and is an unusable list entry', () => {
		const index = buildSuppressionIndex([{ customerId: 123456789012345678 }]);
		expect(index.problems.map((p) => p.field)).toEqual(['customerId']);
		const decision = decide({ email: 'a@example.com', customerId: 123456789012345678, consent: 'yes' }, buildSuppressionIndex([{ email: 'x@example.com' }]), policy);
		expect(decision.reasons.map((r) => r.code)).toContain('invalid_identifier');
		expect(decision.eligible).toBe(false);
	});
});
