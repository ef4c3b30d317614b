import { joinAddress, normalizeAddress, normalizePostcode } from '../../../lib/records';

describe('postcodes and addresses', () => {
	it('normalizes postcodes', () => {
		expect(normalizePostcode('sw1a1aa').normalized).toBe('SW1A 1AA');
		expect(normalizePostcode(' SW1A  1AA ').normalized).toBe('SW1A 1AA');
		expect(normalizePostcode('12345-6789').normalized).toBe('12345');
		expect(normalizePostcode('2119').normalized).toBe('2119');
		expect(normalizePostcode('06419-6160', 'US').normalized).toBe('06419');
		expect(normalizePostcode('').normalized).toBeNull();
	});
	it('abbreviates street types and drops punctuation', () => {
		expect(normalizeAddress('12 Wallaby Street.')).toBe('12 wallaby st');
		expect(normalizeAddress('Apartment 4, 1 North Road')).toBe('apt 4 1 n rd');
		expect(joinAddress(['7', 'Wallaby Place', ''])).toBe('7 wallaby pl');
	});
});
