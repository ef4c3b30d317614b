import { normalizeEmail, sha256Hex, withoutPlusTag } from '../../../lib/records';

describe('normalizeEmail', () => {
	it.each([
		[' John.Doe+News@GoogleMail.com ', 'johndoe@gmail.com'],
		['j.o.h.n.doe@gmail.com', 'johndoe@gmail.com'],
		['ann+promo@outlook.com', 'ann@outlook.com'],
		['ann+promo@hotmail.com', 'ann@hotmail.com'],
		['ann+x@icloud.com', 'ann@icloud.com'],
		['bob-deals@yahoo.co.uk', 'bob@yahoo.co.uk'],
		['Ann Lee <Ann.Lee@Example.com>', 'ann.lee@example.com'],
		['mailto:a@b.co', 'a@b.co'],
		['a.b+c@example.com', 'a.b+c@example.com'],
	])('%s -> %s', (raw, normalized) => {
		const result = normalizeEmail(raw);
		expect(result.normalized).toBe(normalized);
		expect(result.valid).toBe(true);
		expect(result.raw).toBe(raw);
	});

	it.each([[''], ['   '], ['no-at-sign'], ['a@b'], ['a@@b.com'], ['.a@b.com'], ['a..b@c.com'], [42], [null], [{}]])(
		'rejects %p with a reason',
		(raw) => {
			const result = normalizeEmail(raw);
			expect(result.normalized).toBeNull();
			expect(result.valid).toBe(false);
			expect(result.reason).toBeTruthy();
		},
	);

	it('flags role mailboxes and keeps the simple form ESPs hash', () => {
		expect(normalizeEmail('Info@Acme.com').isRoleAccount).toBe(true);
		expect(normalizeEmail('noreply+x@acme.com').isRoleAccount).toBe(true);
		expect(normalizeEmail('jane@acme.com').isRoleAccount).toBe(false);
		expect(normalizeEmail(' J.Doe+x@Gmail.com').simple).toBe('j.doe+x@gmail.com');
		expect(withoutPlusTag('a+b@example.com')).toBe('a@example.com');
	});
});

describe('sha256Hex', () => {
	it('is the lowercase hex digest', () => {
		expect(sha256Hex('test@example.com')).toBe('973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b');
	});
});

describe('normalizeEmail: invisible characters and internationalized domains', () => {
	it.each(['jane.doe@gmail.com\u200b', '\u200bjane.doe@gmail.com', '\ufeffjane.doe@gmail.com\u00a0', 'jane.doe@gmail.com\u200c\u200d', 'jane.doe\u200b@gmail.com'])(
		'strips invisible characters in %j',
		(value) => {
			expect(normalizeEmail(value).normalized).toBe('janedoe@gmail.com');
		},
	);

	it('reads a Unicode domain as its punycode form, both ways', () => {
		expect(normalizeEmail('anna@bücher.de').normalized).toBe('anna@xn--bcher-kva.de');
		expect(normalizeEmail('Anna@BÜCHER.de').normalized).toBe('anna@xn--bcher-kva.de');
		expect(normalizeEmail('anna@xn--bcher-kva.de').normalized).toBe('anna@xn--bcher-kva.de');
	});

	it('refuses a Unicode domain with a port, a path or a space rather than dropping them', () => {
		for (const value of ['anna@bücher.de:25', 'anna@bücher.de/x', 'anna@bü cher.de', 'änna@bücher.de']) expect(normalizeEmail(value).normalized).toBeNull();
	});
});
