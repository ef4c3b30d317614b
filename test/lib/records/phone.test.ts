import fc from 'fast-check';
import { normalizePhone } from '../../../lib/records';

describe('normalizePhone', () => {
	it.each([
		['+44 7911 123456', undefined, '+447911123456'],
		['07911 123456', 'GB', '+447911123456'],
		['0044 7911 123456', undefined, '+447911123456'],
		['+44 (0)7911 123456', undefined, '+447911123456'],
		// E.164-looking but with the national trunk prefix still in: must not be taken as is.
		['+4407911123456', undefined, '+447911123456'],
		['+49 0151 12345678', undefined, '+4915112345678'],
		['(415) 555-2671', 'US', '+14155552671'],
		['415.555.2671', 'US', '+14155552671'],
		['1-415-555-2671', 'US', '+14155552671'],
		['+1 (415) 555-2671 ext. 12', undefined, '+14155552671'],
		['+14155552671', undefined, '+14155552671'],
	] as const)('%s (%s) -> %s', (raw, region, e164) => {
		const result = normalizePhone(raw, region);
		expect(result).toMatchObject({ raw, e164, valid: true });
	});

	it('rejects what is not a valid number, saying why', () => {
		expect(normalizePhone('123', 'US')).toMatchObject({ e164: null, valid: false });
		expect(normalizePhone('7911123456').reason).toMatch(/no country code/);
		expect(normalizePhone('').reason).toBe('empty');
		expect(normalizePhone(null).reason).toBe('empty');
		expect(normalizePhone('+44 1234').valid).toBe(false);
		// The max metadata checks real number ranges, not only lengths.
		expect(normalizePhone('+1 555 555 0100').reason).toMatch(/not a valid number/);
	});

	it('gives one E.164 for every way a valid number is written', () => {
		const numbers = [
			{ e164: '+14155552671', national: '4155552671', region: 'US' as const, cc: '1' },
			{ e164: '+447911123456', national: '07911123456', region: 'GB' as const, cc: '44' },
			{ e164: '+4915112345678', national: '015112345678', region: 'DE' as const, cc: '49' },
		];
		fc.assert(
			fc.property(fc.constantFrom(...numbers), fc.constantFrom(' ', '-', '.', ''), fc.integer({ min: 0, max: 4 }), fc.boolean(), (n, sep, style, pad) => {
				const digits = n.national.replace(/^0/, '');
				const grouped = digits.replace(/(\d{3})(?=\d{4})/g, `$1${sep}`);
				const written = [
					`+${n.cc}${sep}${grouped}`,
					`00${n.cc} ${grouped}`,
					n.region === 'US' ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : `${n.national.slice(0, 5)} ${n.national.slice(5)}`,
					n.region === 'US' ? `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : `+${n.cc} (0)${grouped}`,
					n.region === 'US' ? `1${sep}${grouped}` : `+${n.cc}0${digits}`,
				][style];
				return normalizePhone(pad ? `  ${written} ` : written, n.region).e164 === n.e164;
			}),
			{ numRuns: 200 },
		);
	});
});
