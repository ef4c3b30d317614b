import { isoToDays, normalizeDate } from '../../../lib/records';

describe('normalizeDate', () => {
	it.each([
		['1990-04-03', '1990-04-03'],
		['1990/4/3', '1990-04-03'],
		['19900403', '1990-04-03'],
		['1990-04-03T10:00:00Z', '1990-04-03'],
		['03/04/1990', '1990-04-03'],
		['13/04/1990', '1990-04-13'],
		['04/13/1990', '1990-04-13'],
		['3 Apr 1990', '1990-04-03'],
		['03-apr-90', '1990-04-03'],
		['April 3, 1990', '1990-04-03'],
		['Sept 9 1985', '1985-09-09'],
		['1/2/05', '2005-02-01'],
	])('%s -> %s', (raw, iso) => {
		expect(normalizeDate(raw).iso).toBe(iso);
	});
	it('follows the MDY order for ambiguous dates when asked', () => {
		expect(normalizeDate('03/04/1990', { order: 'MDY' }).iso).toBe('1990-03-04');
	});
	it('rejects impossible dates and junk', () => {
		expect(normalizeDate('1990-02-30')).toMatchObject({ iso: null, valid: false });
		expect(normalizeDate('1900-02-29').valid).toBe(false);
		expect(normalizeDate('2000-02-29').iso).toBe('2000-02-29');
		expect(normalizeDate('soon').reason).toBe('unrecognized date format');
		expect(normalizeDate('').reason).toBe('empty');
	});
	it('accepts Date objects and counts days', () => {
		expect(normalizeDate(new Date(Date.UTC(1990, 3, 3))).iso).toBe('1990-04-03');
		expect(isoToDays('1970-01-02')).toBe(1);
	});
});
