import { canonicalGivenName, foldName, normalizeName, soundex, splitFullName } from '../../../lib/records';

describe('names', () => {
	it('folds case, accents and punctuation', () => {
		expect(foldName('  JOSÉ  Ña-ñez ')).toBe('jose na nez');
		expect(foldName("O'Neil")).toBe('oneil');
		expect(foldName('Müller-Lüdenscheidt')).toBe('muller ludenscheidt');
		expect(foldName(null)).toBe('');
	});
	it('drops honorifics and suffixes but keeps a lone token', () => {
		expect(normalizeName('Dr. Ann Smith Jr.').normalized).toBe('ann smith');
		expect(normalizeName('Mr').normalized).toBe('mr');
	});
	it('maps common nicknames to a canonical given name', () => {
		expect(normalizeName('Bob').canonical).toBe('robert');
		expect(canonicalGivenName('liz')).toBe('elizabeth');
		expect(canonicalGivenName('zoltan')).toBe('zoltan');
	});
	it('splits a full name', () => {
		expect(splitFullName('Mrs. Mary Ann Jones')).toEqual({ first: 'mary', last: 'jones' });
		expect(splitFullName('Cher')).toEqual({ first: 'cher', last: '' });
	});
	it('computes American Soundex', () => {
		expect(soundex('Robert')).toBe('R163');
		expect(soundex('Rupert')).toBe('R163');
		expect(soundex('Ashcraft')).toBe('A261');
		expect(soundex('Tymczak')).toBe('T522');
		expect(soundex('Pfister')).toBe('P236');
		expect(soundex('')).toBe('');
	});
});
