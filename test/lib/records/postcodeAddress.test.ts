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
	it('reads one unit however its designator and number are written, and keeps two units two', () => {
		const unit = normalizeAddress('44 Main St Apt 4B');
		for (const s of ['44 Main St Unit 4-B', '44 Main St Apt #4B', '44 Main St #4B', '44 Main St 4B', '44 Main Street Suite 4 B', '44 Main St Apt No. 4B', '44 MAIN ST APT 4-b']) expect(normalizeAddress(s)).toBe(unit);
		expect(normalizeAddress('44 Main St Apt 4C')).not.toBe(unit);
		expect(normalizeAddress('44 Main St')).not.toBe(unit);
		expect(normalizeAddress('44 Main St N 4B')).toBe(normalizeAddress('44 Main St N Apt 4B'));
		const floor = normalizeAddress('100 Main St Fl 2');
		for (const s of ['100 Main St 2nd Floor', '100 Main St Floor 2', '100 Main St Second Floor']) expect(normalizeAddress(s)).toBe(floor);
		expect(normalizeAddress('100 Main St 3rd Floor')).not.toBe(floor);
		// A suite, but Sainte before a street name.
		expect(normalizeAddress('100 Main St Ste 200')).toBe(normalizeAddress('100 Main St Suite 200'));
		expect(normalizeAddress('12 Ste Catherine St')).toBe(normalizeAddress('12 Sainte Catherine Street'));
		// A street number that is not a unit: a numbered street, a highway.
		expect(normalizeAddress('10250 100 St NW')).toBe('10250 100 st nw');
		expect(normalizeAddress('1 Highway 101')).toBe('1 hwy 101');
	});
	it('reads Saint and St., Fort and Ft. as one word, and one post office box however written', () => {
		expect(normalizeAddress('12 St. James Pl')).toBe(normalizeAddress('12 Saint James Place'));
		expect(normalizeAddress('12 St James St')).toBe(normalizeAddress('12 Saint James Street'));
		expect(normalizeAddress('12 St. James Pl')).not.toBe(normalizeAddress('12 James Pl'));
		expect(normalizeAddress('1 Ft. Worth Ave')).toBe(normalizeAddress('1 Fort Worth Avenue'));
		const box = normalizeAddress('PO Box 123');
		expect(box).toBe('po box 123');
		for (const s of ['P.O. Box 123', 'Post Office Box 123', 'P O Box 123', 'POB 123', 'po box 123']) expect(normalizeAddress(s)).toBe(box);
		expect(normalizeAddress('PO Box 124')).not.toBe(box);
	});
});
