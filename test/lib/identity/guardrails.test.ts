import { isBlockedValue, resolveIdentity, type IdentityInput } from '../../../lib/identity';

const FIRST = ['ann', 'ben', 'cara', 'dev', 'eli', 'fay', 'gus', 'hal', 'ida', 'jon'];
const LAST = (
	'smith jones brown taylor wilson davies evans thomas roberts walker wright robinson thompson white hughes edwards green ' +
	'hall wood harris lewis martin jackson clarke clark turner hill scott cooper morris ward moore king watson baker harrison ' +
	'morgan patel young allen mitchell james anderson phillips lee bell parker davis price'
).split(' ');

function people(count: number, email: (k: number) => string): IdentityInput[] {
	return Array.from({ length: count }, (_, k) => ({
		key: `r${k}`,
		email: email(k),
		firstName: FIRST[k % 10],
		lastName: LAST[k],
		dob: `19${50 + (k % 40)}-0${1 + (k % 9)}-1${k % 10}`,
	}));
}

describe('guardrails', () => {
	// Before: a customer ID of `#N/A`, a lone dash or a zero-width space linked two different people.
	it.each(['#N/A', '#n/a', '\u2012', '\u2013', '\u2014', '\u2015', '\u2014\u2014', '\u200b', '\ufeff', 'N\u00a0A', '(none)', '<NA>', '?', '.', '#VALUE!', '#NULL!', '#DIV/0!'])(
		'a shared customer ID %j links nobody',
		(placeholder) => {
			const records: IdentityInput[] = [
				{ key: 'a', source: 'crm', firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@gmail.com', ids: { crm: placeholder } },
				{ key: 'b', source: 'esp', firstName: 'Bob', lastName: 'Stone', email: 'bob.stone@yahoo.com', ids: { crm: placeholder } },
			];
			for (const mode of ['deterministic', 'probabilistic'] as const) {
				const result = resolveIdentity(records, { mode, runAt: '2026-01-01T00:00:00Z' });
				expect(result.records[0].customerId).not.toBe(result.records[1].customerId);
			}
		},
	);

	it('reads customer IDs as every node reads keys: 1001.0 is 1001', () => {
		const result = resolveIdentity(
			[
				{ key: 'a', source: 'crm', firstName: 'Ann', lastName: 'Lee', ids: { crm: 1001 } },
				{ key: 'b', source: 'esp', firstName: 'Ann', lastName: 'Lee', ids: { crm: '1001.0' } },
			],
			{ mode: 'deterministic', runAt: '2026-01-01T00:00:00Z' },
		);
		expect(result.records[0].customerId).toBe(result.records[1].customerId);
	});

	it('keeps given names that are missing markers elsewhere (Nan, Nil)', () => {
		expect(isBlockedValue('name', 'nan')).toBe(false);
		expect(isBlockedValue('name', 'nil')).toBe(false);
		expect(isBlockedValue('id:crm', 'nan')).toBe(true);
		expect(isBlockedValue('name', '\u2014')).toBe(true);
	});

	it('blocks built-in, user and pattern placeholders', () => {
		expect(isBlockedValue('email', 'test@test.com')).toBe(true);
		expect(isBlockedValue('email', 'user@example.com')).toBe(true);
		expect(isBlockedValue('email', 'someone@mailinator.com')).toBe(true);
		// A reserved domain is what test data and Faker's safe_email write, one address a person: it
		// links like any other (a placeholder shared by many is stopped by the names guard).
		expect(isBlockedValue('email', 'smith.mary@example.org')).toBe(false);
		expect(isBlockedValue('email', 'ann@acme.io')).toBe(false);
		expect(isBlockedValue('phone', '+15555555555')).toBe(true);
		expect(isBlockedValue('email', 'shared@acme.io', { blockedValues: { email: ['Shared@acme.io'] } })).toBe(true);
		expect(isBlockedValue('email', 'store12@acme.io', { blockedPatterns: { email: ['^store\\d+@'] } })).toBe(true);
		expect(isBlockedValue('email', 'test@test.com', { noBuiltIn: true })).toBe(false);
		for (const noDate of ['1899-12-30', '1753-01-01', '0001-01-01', '1800-01-01', '1970-01-01']) expect(isBlockedValue('dob', noDate)).toBe(true);
		expect(isBlockedValue('dob', '1980-05-17')).toBe(false);
	});

	it.each(['deterministic', 'probabilistic'] as const)('a placeholder email shared by 50 different people links none of them (%s)', (mode) => {
		for (const placeholder of ['test@test.com', 'orders@shop-default.com', 'nobody.home@shop-default.com']) {
			const result = resolveIdentity(people(50, () => placeholder), { mode, runAt: '2026-01-01T00:00:00Z' });
			expect(new Set(result.records.map((r) => r.customerId)).size).toBe(50);
			expect(result.stats.clusters).toBe(50);
		}
	});

	it('still links a genuine shared email between two records of one person', () => {
		const records = people(50, (k) => `person${k}@acme.io`);
		records.push({ ...records[7], key: 'r7-again', dob: '' });
		const result = resolveIdentity(records, { mode: 'deterministic' });
		const byKey = new Map(result.records.map((r) => [r.key, r]));
		expect(byKey.get('r7-again')?.customerId).toBe(byKey.get('r7')?.customerId);
		expect(byKey.get('r7-again')?.explanation).toEqual({ type: 'rule', rule: 'email', linkedTo: 'r7' });
		expect(result.stats.clusters).toBe(50);
	});

	it('never links on role mailboxes unless allowed', () => {
		const records: IdentityInput[] = [
			{ key: 'a', email: 'info@acme.io', firstName: 'Ann', lastName: 'Lee' },
			{ key: 'b', email: 'info@acme.io', firstName: 'Ann', lastName: 'Lee' },
		];
		expect(resolveIdentity(records, { mode: 'deterministic' }).stats.clusters).toBe(2);
		expect(resolveIdentity(records, { mode: 'deterministic', guardrails: { allowRoleEmails: true } }).stats.clusters).toBe(1);
		expect(resolveIdentity(records, { mode: 'deterministic' }).records[0].flags).toContainEqual({ field: 'email', reason: 'role or shared mailbox' });
	});

	it('caps distinct values per profile and keeps one record per deduplicated source', () => {
		const records: IdentityInput[] = [
			{ key: 'a', source: 'crm', email: 'ann@acme.io', phone: '+442079460001' },
			{ key: 'b', source: 'esp', email: 'ann@acme.io', phone: '+442079460002' },
			{ key: 'c', source: 'crm', phone: '+442079460002', email: 'ann.lee@acme.io' },
		];
		expect(resolveIdentity(records, { mode: 'deterministic' }).stats.clusters).toBe(1);
		expect(resolveIdentity(records, { mode: 'deterministic', guardrails: { uniqueSources: ['crm'] } }).stats.clusters).toBe(2);
		expect(resolveIdentity(records, { mode: 'deterministic', guardrails: { maxValuesPerProfile: { email: 1 } } }).stats.clusters).toBe(2);
		expect(resolveIdentity(records, { mode: 'deterministic', guardrails: { maxClusterSize: 2 } }).stats.clusters).toBe(2);
	});

	it('gives records without any identifier their own flagged ID', () => {
		const result = resolveIdentity(
			[
				{ key: 'a', city: 'Leeds' },
				{ key: 'b', city: 'Leeds' },
				{ key: 'c', email: 'not-an-email', phone: '12' },
			],
			{ mode: 'probabilistic' },
		);
		expect(result.stats.clusters).toBe(3);
		expect(result.records[0].flags).toContainEqual({ field: '*', reason: 'no usable identifier' });
		expect(result.records[2].flags.map((f) => f.field)).toEqual(expect.arrayContaining(['email', 'phone', '*']));
		expect(result.records[0].explanation).toEqual({ type: 'none', reason: 'no usable identifier' });
	});

	it('names duplicate record keys', () => {
		expect(() => resolveIdentity([{ key: 'x' }, { key: 'y' }, { key: 'x' }])).toThrow('Duplicate record keys: x');
	});
});
