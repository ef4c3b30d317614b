import fc from 'fast-check';
import { domainToASCII } from 'node:url';
import { isSha256Hex, normalizeEmail } from '../../../lib/records';
import { emailSyntaxAt } from '../../../lib/records/email';

// The hand-written checks replaced these regexes for speed; they must accept exactly the same strings.
const EMAIL_PATTERN = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HEX_PATTERN = /^[0-9a-fA-F]{64}$/;

// Strings built from the characters that matter at the boundaries, so both sides are exercised.
const emailish = fc
	.array(fc.constantFrom('a', 'z', '0', '9', '-', '.', '@', '+', '_', 'A', ' ', 'é', '#', '~', '..', 'example', 'com', 'x'.repeat(62), 'y'.repeat(64)), {
		maxLength: 14,
	})
	.map((parts) => parts.join(''));

describe('emailSyntaxAt', () => {
	it.each([
		['a@b.co', 1],
		['a@b.c', -1],
		['a@-b.co', -1],
		['a@b-.co', -1],
		['a@b..co', -1],
		['@b.co', -1],
		['a@b.c0', -1],
		[`${'x'.repeat(65)}@b.co`, -1],
		[`${'x'.repeat(64)}@b.co`, 64],
		[`a@${'x'.repeat(64)}.co`, -1],
		['a@b.co.', -1],
		['a@@b.co', -1],
	])('%s -> %d', (text, at) => expect(emailSyntaxAt(text)).toBe(at));

	it('accepts exactly what the reference regex accepts', () => {
		fc.assert(
			fc.property(emailish, (text) => {
				expect(emailSyntaxAt(text) >= 0).toBe(EMAIL_PATTERN.test(text));
				if (EMAIL_PATTERN.test(text)) expect(emailSyntaxAt(text)).toBe(text.indexOf('@'));
			}),
			{ numRuns: 5000 },
		);
	});

	it('keeps normalizeEmail valid exactly when the old rules held', () => {
		fc.assert(
			fc.property(emailish, (text) => {
				// Unicode domains are read in their punycode form (anna@bücher.de = anna@xn--bcher-kva.de).
				const trimmed = text.trim().toLowerCase();
				const at = trimmed.lastIndexOf('@');
				const domain = at >= 0 ? trimmed.slice(at + 1) : '';
				const lower = at >= 0 && /[^\x00-\x7f]/.test(domain) ? `${trimmed.slice(0, at)}@${domainToASCII(domain) || domain}` : trimmed;
				const oldSyntax = lower !== '' && lower.length <= 254 && EMAIL_PATTERN.test(lower) && !lower.includes('..') && !lower.startsWith('.') && !lower.includes('.@');
				if (!oldSyntax) expect(normalizeEmail(text).valid).toBe(false);
				else expect(normalizeEmail(text).reason).not.toBe('not an email address');
			}),
			{ numRuns: 3000 },
		);
	});
});

describe('isSha256Hex', () => {
	it('accepts exactly 64 hex digits of any case', () => {
		const hexish = fc.array(fc.constantFrom('0', '9', 'a', 'f', 'A', 'F', 'g', 'G', '/', ':', '@', '`'), { minLength: 62, maxLength: 66 }).map((c) => c.join(''));
		fc.assert(fc.property(hexish, (text) => expect(isSha256Hex(text)).toBe(HEX_PATTERN.test(text))), { numRuns: 5000 });
		expect(isSha256Hex('a'.repeat(64))).toBe(true);
		expect(isSha256Hex('A'.repeat(63) + 'g')).toBe(false);
	});
});
