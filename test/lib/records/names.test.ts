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
		expect(splitFullName('Mrs. Mary Ann Jones')).toEqual({ first: 'mary', last: 'jones', generation: '' });
		expect(splitFullName('Cher')).toEqual({ first: 'cher', last: '', generation: '' });
		// Two people in one name: the family name is theirs, the given name no one's.
		expect(splitFullName('Mr & Mrs John Smith')).toEqual({ first: '', last: 'smith', generation: '' });
		expect(splitFullName('John and Mary Smith')).toEqual({ first: '', last: 'smith', generation: '' });
		expect(splitFullName('John+Mary Smith')).toEqual({ first: '', last: 'smith', generation: '' });
		expect(splitFullName('Anderson Cooper')).toEqual({ first: 'anderson', last: 'cooper', generation: '' });
		expect(splitFullName('John Y Smith')).toEqual({ first: 'john', last: 'smith', generation: '' });
		expect(splitFullName('Robert Hill, Jr.')).toEqual({ first: 'robert', last: 'hill', generation: 'jr' });
	});
	it('keeps the generational suffix apart from the name (Jr, Junior and II are one form)', () => {
		expect(normalizeName('Hill Jr.')).toMatchObject({ normalized: 'hill', generation: 'jr' });
		expect(normalizeName('Hill, Junior')).toMatchObject({ normalized: 'hill', generation: 'jr' });
		expect(normalizeName('Hill II')).toMatchObject({ normalized: 'hill', generation: 'jr' });
		expect(normalizeName('Hill Sr')).toMatchObject({ normalized: 'hill', generation: 'sr' });
		expect(normalizeName('Hill III PhD')).toMatchObject({ normalized: 'hill', generation: 'iii' });
		expect(normalizeName('Hill')).toMatchObject({ normalized: 'hill', generation: '' });
		// A lone token is a name, not a suffix.
		expect(normalizeName('Junior')).toMatchObject({ normalized: 'junior', generation: '' });
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
