import { joinAddress, normalizeAddress, normalizePostcode } from '../../../lib/records';
import { countryCode } from '../../../lib/records/country';

describe('postcodes and addresses', () => {
	it('normalizes postcodes', () => {
		expect(normalizePostcode('sw1a1aa').normalized).toBe('SW1A 1AA');
		expect(normalizePostcode(' SW1A  1AA ').normalized).toBe('SW1A 1AA');
		expect(normalizePostcode('12345-6789').normalized).toBe('12345');
		expect(normalizePostcode('2119').normalized).toBe('2119');
		expect(normalizePostcode('06419-6160', 'US').normalized).toBe('06419');
		expect(normalizePostcode('').normalized).toBeNull();
	});
	it('pads a US ZIP that lost its leading zeros in a spreadsheet, only for the US', () => {
		expect(normalizePostcode(2134, 'US').normalized).toBe('02134');
		expect(normalizePostcode('501', 'US').normalized).toBe('00501');
		expect(normalizePostcode('2000', 'AU').normalized).toBe('2000');
		expect(normalizePostcode('2000').normalized).toBe('2000');
	});
	it('reads countries as ISO codes, one per country however written', () => {
		for (const us of ['US', 'usa', 'U.S.A.', 'United States', 'united states of america']) expect(countryCode(us)).toBe('US');
		expect(countryCode('UK')).toBe('GB');
		expect(countryCode('Deutschland')).toBe('DE');
		expect(countryCode('za')).toBe('ZA');
		expect(countryCode('')).toBe('');
		expect(countryCode('Atlantis')).toBe('atlantis');
	});
	it('abbreviates street types and drops punctuation', () => {
		expect(normalizeAddress('12 Wallaby Street.')).toBe('12 wallaby st');
		expect(normalizeAddress('Apartment 4, 1 North Road')).toBe('apt 4 1 n rd');
		expect(joinAddress(['7', 'Wallaby Place', ''])).toBe('7 wallaby pl');
	});
});
