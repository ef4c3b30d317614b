import { joinAddress, normalizeAddress, normalizePostcode, stateCode, stateCodes } from '../../../lib/records';
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
	it('reads states and provinces as postal codes, one per state however written', () => {
		for (const tx of ['TX', 'tx', 'Texas', 'TEXAS', 'Tex.', ' texas ']) expect(stateCode(tx)).toBe('TX');
		expect(stateCode('Calif.')).toBe('CA');
		expect(stateCode('New York')).toBe('NY');
		expect(stateCode('Washington, D.C.')).toBe('DC');
		expect(stateCode('Québec')).toBe('QC');
		expect(stateCode('PQ')).toBe('QC');
		expect(stateCode('British Columbia')).toBe('BC');
		expect(stateCode('New South Wales')).toBe('NSW');
		expect(stateCode('nsw')).toBe('NSW');
		expect(stateCode('Ohio')).not.toBe(stateCode('Iowa'));
		expect(stateCode('')).toBe('');
		expect(stateCode('Bavaria')).toBe('bavaria');
		const read = stateCodes();
		expect([read('Texas'), read('TX'), read(undefined)]).toEqual(['TX', 'TX', '']);
	});
	it('abbreviates street types and drops punctuation', () => {
		expect(normalizeAddress('12 Wallaby Street.')).toBe('12 wallaby st');
		expect(normalizeAddress('Apartment 4, 1 North Road')).toBe('apt 4 1 n rd');
		expect(joinAddress(['7', 'Wallaby Place', ''])).toBe('7 wallaby pl');
	});
});
