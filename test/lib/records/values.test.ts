import fc from 'fast-check';
import { parseMetricValue } from '../../../lib/lift/values';
import { toOptOutEvent } from '../../../lib/optout/events';
import { categoryOf, MISSING_LEVEL, parseBoolean, parseDate, parseNumber } from '../../../lib/propensity/features';
import { targetValue } from '../../../lib/propensity/train';
import {
	isMissingValue,
	normalizeDate,
	readBoolean,
	readConsent,
	readInstant,
	readKey,
	readNumber,
	toEpochMs,
	valueKind,
	type DateOrder,
} from '../../../lib/records';
import { readInstantSpan, readIsoUtcFast } from '../../../lib/records/values';
import { parseAmount, parseTimestamp } from '../../../lib/rfm/features';
import { buildSuppressionIndex, resolveConsent } from '../../../lib/suppression';

const utc = (...parts: number[]) => Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0, parts[6] ?? 0);

describe('readInstant', () => {
	it.each<[unknown, number]>([
		['2024-03-15', utc(2024, 3, 15)],
		['2024-03-15T10:30:00Z', utc(2024, 3, 15, 10, 30)],
		['2024-03-15T10:30:00.250Z', utc(2024, 3, 15, 10, 30, 0, 250)],
		['2024-03-15T10:30:00', utc(2024, 3, 15, 10, 30)], // no zone: UTC
		['2024-03-15 10:30', utc(2024, 3, 15, 10, 30)],
		['2024-03-15T10:30:00+02:00', utc(2024, 3, 15, 8, 30)],
		['2024-03-15T10:30:00-0500', utc(2024, 3, 15, 15, 30)],
		['2024/03/15', utc(2024, 3, 15)],
		['20240315', utc(2024, 3, 15)],
		[20240315, utc(2024, 3, 15)],
		[' 20991231 ', utc(2099, 12, 31)],
		[1_700_000_000, 1_700_000_000_000],
		['1700000000', 1_700_000_000_000],
		[1_700_000_000_000, 1_700_000_000_000],
		['1700000000000', 1_700_000_000_000],
		['1700000000.5', 1_700_000_000_500],
		['03/15/2024', utc(2024, 3, 15)],
		['3/15/2024 4:05 PM', utc(2024, 3, 15, 16, 5)],
		['15 Mar 2024', utc(2024, 3, 15)],
		['March 15, 2024', utc(2024, 3, 15)],
		['Fri, 15 Mar 2024 10:30:00 GMT', utc(2024, 3, 15, 10, 30)],
		['Fri, 15 Mar 2024 10:30:00 +0100', utc(2024, 3, 15, 9, 30)],
		[new Date(utc(2024, 3, 15)), utc(2024, 3, 15)],
	])('%p', (value, expected) => {
		expect(readInstant(value)).toBe(expected);
	});

	it.each<[unknown]>([
		['2024-02-30'], ['2023-02-29'], ['2024-13-01'], ['2024-01-32'], ['2024-04-31'], ['02/30/2024'], ['20240230'], [20240230], [20241399],
		['2024-01-05T24:00:00Z'], ['2024-01-05T10:60:00Z'], ['13:00 PM'], ['0050-01-01'], ['soon'], [''], ['n/a'], ['NA'], ['null'], ['-'],
		[null], [undefined], [NaN], [Infinity], [{}], [[]], [true], [4.25e21], ['1e300'],
	])('refuses %p (never rolled over)', (value) => {
		expect(readInstant(value)).toBeNaN();
	});

	it.each<[unknown, number]>([
		[202403011030, utc(2024, 3, 1, 10, 30)],
		['202403011030', utc(2024, 3, 1, 10, 30)],
		[209912312359, utc(2099, 12, 31, 23, 59)],
		[20240301103045, utc(2024, 3, 1, 10, 30, 45)],
		['20240301103045', utc(2024, 3, 1, 10, 30, 45)],
		// 12/14 digits that are no compact date-time stay epoch milliseconds.
		[999_999_999_999, 999_999_999_999],
	])('reads 12/14-digit %p as a compact date-time', (value, expected) => {
		expect(readInstant(value)).toBe(expected);
	});

	it.each<[unknown]>([[45292], ['45292'], [73050], [45292.5], [0], ['0'], [-1], ['-1'], [1234567]])('refuses short number %p (not a date)', (value) => {
		expect(readInstant(value)).toBeNaN();
	});

	it('reads day/month dates in the given order, and refuses what does not fit it', () => {
		expect(readInstant('15/03/2024', 'DMY')).toBe(utc(2024, 3, 15));
		expect(readInstant('15.03.2024 08:00', 'DMY')).toBe(utc(2024, 3, 15, 8));
		expect(readInstant('15/03/2024', 'MDY')).toBeNaN();
		expect(readInstant('03/04/2024', 'MDY')).toBe(utc(2024, 3, 4));
		expect(readInstant('03/04/2024', 'DMY')).toBe(utc(2024, 4, 3));
		expect(readInstant('03/04/2024', 'ISO')).toBeNaN();
		// ISO, compact and epoch forms do not depend on the order.
		for (const order of ['MDY', 'DMY', 'ISO'] as DateOrder[]) {
			expect(readInstant('2024-03-04', order)).toBe(utc(2024, 3, 4));
			expect(readInstant(20240304, order)).toBe(utc(2024, 3, 4));
			expect(readInstant('1700000000', order)).toBe(1_700_000_000_000);
		}
	});

	it('the fast ISO path gives the general reader\'s answer, on valid and impossible dates alike', () => {
		const digits = (n: number, width: number) => String(n).padStart(width, '0');
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 9999 }),
				fc.integer({ min: 0, max: 19 }),
				fc.integer({ min: 0, max: 39 }),
				fc.integer({ min: 0, max: 29 }),
				fc.integer({ min: 0, max: 69 }),
				fc.integer({ min: 0, max: 69 }),
				fc.integer({ min: 0, max: 999 }),
				fc.constantFrom(10, 20, 24),
				(y, mo, d, h, mi, s, ms, length) => {
					const date = `${digits(y, 4)}-${digits(mo, 2)}-${digits(d, 2)}`;
					const text = length === 10 ? date : `${date}T${digits(h, 2)}:${digits(mi, 2)}:${digits(s, 2)}${length === 24 ? `.${digits(ms, 3)}` : ''}Z`;
					const fast = readIsoUtcFast(text);
					// A leading space is not one of the fast path's lengths: the general reader answers.
					const general = readInstant(` ${text}`);
					expect(Object.is(fast, general) || Number.isNaN(fast)).toBe(true);
					expect(readInstant(text)).toBe(general);
				},
			),
			{ numRuns: 3000 },
		);
	});

	it('agrees with the date-of-birth reader on calendar days', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom<'DMY' | 'MDY'>('DMY', 'MDY'), (y, m, d, order) => {
				const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
				const slashed = order === 'DMY' ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
				for (const text of [iso, iso.replace(/-/g, ''), slashed]) {
					const instant = readInstant(text, order);
					const dob = normalizeDate(text, { order });
					expect(Number.isNaN(instant) ? null : new Date(instant).toISOString().slice(0, 10)).toBe(dob.iso);
				}
			}),
			{ numRuns: 1000 },
		);
	});
});

// Values as CRMs, ESPs and warehouses export them, and some that are not values at all.
const instantLike = fc.oneof(
	fc.date({ min: new Date('1990-01-01'), max: new Date('2060-01-01'), noInvalidDate: true }).chain((date) => {
		const iso = date.toISOString();
		return fc.constantFrom<unknown>(iso, iso.slice(0, 10), iso.slice(0, 19), iso.slice(0, 19).replace('T', ' '), iso.slice(0, 10).replace(/-/g, ''), Number(iso.slice(0, 10).replace(/-/g, '')), Math.floor(date.getTime() / 1000), String(Math.floor(date.getTime() / 1000)), date.getTime(), String(date.getTime()), `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`, `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, date);
	}),
	fc.tuple(fc.integer({ min: 1990, max: 2060 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
	fc.constantFrom<unknown>('', ' ', 'n/a', 'N/A', 'NA', 'null', '-', 'none', 'soon', 'yesterday', '2024-02-30', 20240230, null, undefined, NaN, true, {}, [], 'Fri, 15 Mar 2024 10:30:00 GMT'),
);

describe('readInstantSpan', () => {
	const H = 3_600_000;
	it('spans a day in every zone, a time without a zone from UTC+14 to UTC-12, and keeps exact instants exact', () => {
		const t = Date.UTC(2024, 2, 15, 10, 30);
		const day = Date.UTC(2024, 2, 15);
		for (const local of ['2024-03-15 10:30:00', '2024-03-15T10:30', 'March 15, 2024 10:30 AM', '202403151030']) expect(readInstantSpan(local, 'ISO')).toEqual({ earliest: t - 14 * H, latest: t + 12 * H });
		for (const exact of ['2024-03-15T10:30:00Z', '2024-03-15 10:30:00+00:00', 'Fri, 15 Mar 2024 10:30:00 GMT', t, new Date(t)]) expect(readInstantSpan(exact, 'ISO')).toEqual({ earliest: t, latest: t });
		for (const dayOnly of ['2024-03-15', '20240315', 20240315, '15 Mar 2024']) expect(readInstantSpan(dayOnly, 'ISO')).toEqual({ earliest: day - 14 * H, latest: day + 36 * H });
		expect(readInstantSpan('not a date', 'ISO')).toBeNull();
	});
});

describe('every caller reads a value the same way', () => {
	it('instants: records, RFM, Score Propensity, Apply Suppression (expiry, consent dates) and Propagate Opt-Out', () => {
		fc.assert(
			fc.property(instantLike, fc.constantFrom<DateOrder>('MDY', 'DMY', 'ISO'), (value, order) => {
				const expected = readInstant(value, order);
				expect(toEpochMs(value, order) ?? NaN).toBe(expected);
				expect(parseTimestamp(value, order)).toBe(expected);
				if (order === 'MDY') expect(parseDate(value)).toBe(expected);
				const index = buildSuppressionIndex([{ customerId: 'c1', expiresAt: value }], undefined, order);
				// An expiry applies until the latest moment it can stand for (readInstantSpan: a day or a
				// time without a zone in every time zone), never before the instant readInstant reads.
				const span = readInstantSpan(value, order);
				expect(index.entries[0].expiresAt ?? NaN).toBe(isMissingValue(value) || span === null ? NaN : span.latest);
				expect(span === null).toBe(Number.isNaN(expected));
				if (span !== null) expect(span.earliest <= expected && expected <= span.latest).toBe(true);
				expect(index.problems.length > 0).toBe(!isMissingValue(value) && Number.isNaN(expected));
				const consent = resolveConsent({ optedOutAt: value }, Date.UTC(2100, 0, 1), order);
				expect(consent.unreadable.length > 0).toBe(!isMissingValue(value) && Number.isNaN(expected));
				if (order === 'MDY') {
					const event = toOptOutEvent({ customerId: 'c1', requestedAt: value }, 0);
					if (isMissingValue(value)) expect('event' in event && event.event.requestedAt).toBe(new Date(0).toISOString());
					else if (Number.isNaN(expected)) expect('problem' in event && event.problem.field).toBe('requestedAt');
					else expect('event' in event && event.event.requestedAt).toBe(new Date(expected).toISOString());
				}
			}),
			{ numRuns: 2000 },
		);
	});

	const booleanLike = fc.constantFrom<unknown>(true, false, 1, 0, 2, -1, 0.5, '1', '0', 't', 'f', 'T', 'F', 'true', 'False', 'TRUE', 'yes', 'No', 'Y', 'n', ' y ', 'on', 'off', '', 'n/a', 'NA', null, undefined, NaN, '1.0', 'maybe');

	it('booleans: records, Score Propensity (features and target) and Measure Lift', () => {
		fc.assert(
			fc.property(booleanLike, (value) => {
				const expected = readBoolean(value);
				expect(parseBoolean(value)).toBe(expected);
				expect(targetValue(value)).toBe(expected);
				const lift = parseMetricValue(value, 'binary', false);
				expect(lift.ok ? lift.value : NaN).toBe(isMissingValue(value) ? NaN : expected);
				// A yes/no word is read the same way as consent.
				if (!Number.isNaN(expected)) expect(readConsent(value)).toBe(expected === 1 ? 'opted_in' : 'opted_out');
			}),
			{ numRuns: 300 },
		);
	});

	const numberLike = fc.oneof(
		fc.double({ noNaN: false }),
		fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
		fc.constantFrom<unknown>(' 12.5 ', '-3', '+4', '1e3', '.5', '5.', '12abc', '1,000', '$5', '0x10', 'Infinity', '', 'n/a', 'NA', '-', null, undefined, true, 10n),
	);

	it('numbers: records, RFM amounts, Score Propensity and Measure Lift', () => {
		fc.assert(
			fc.property(numberLike, (value) => {
				const expected = readNumber(value);
				expect(parseAmount(value)).toBe(expected);
				expect(parseNumber(value)).toBe(expected);
				const lift = parseMetricValue(value, 'continuous', false);
				if (typeof value !== 'boolean') expect(lift.ok ? lift.value : NaN).toBe(expected);
			}),
			{ numRuns: 1000 },
		);
	});

	it('missing markers are missing everywhere', () => {
		for (const marker of ['', '  ', 'n/a', 'N/A', 'NA', 'null', 'NULL', 'none', '-', '--', '#N/A', 'nan', null, undefined, NaN]) {
			expect(isMissingValue(marker)).toBe(true);
			expect(readInstant(marker)).toBeNaN();
			expect(readBoolean(marker)).toBeNaN();
			expect(readNumber(marker)).toBeNaN();
			expect(readConsent(marker)).toBe('missing');
			expect(categoryOf(marker)).toBe(MISSING_LEVEL);
			expect(parseMetricValue(marker, 'binary', true)).toEqual({ ok: true, value: 0 });
			expect(buildSuppressionIndex([{ customerId: 'c1', expiresAt: marker, scope: marker }]).problems).toEqual([]);
		}
		for (const value of ['0', 'none of these', 'n/a/b', 'nano', 0, false]) expect(isMissingValue(value)).toBe(false);
	});
});

describe('readBoolean', () => {
	it('reads every yes/no form the pack accepts, in any case', () => {
		for (const yes of [true, 1, '1', 't', 'T', 'true', 'TRUE', 'yes', 'Yes', 'y', 'Y', ' y ']) expect(readBoolean(yes)).toBe(1);
		for (const no of [false, 0, '0', 'f', 'F', 'false', 'False', 'no', 'NO', 'n', 'N']) expect(readBoolean(no)).toBe(0);
		for (const other of [2, '2', 'maybe', 'ja', '1.0', {}, []]) expect(readBoolean(other)).toBeNaN();
	});
});

describe('readConsent', () => {
	it.each([
		// Opted out, as HubSpot, Salesforce, Mailchimp, Klaviyo, Braze and SendGrid export it.
		['opted-out', 'opted_out'], ['Opted Out', 'opted_out'], ['unsubscribe', 'opted_out'], ['UNSUBSCRIBED', 'opted_out'], ['N', 'opted_out'], ['no', 'opted_out'],
		['f', 'opted_out'], ['cleaned', 'opted_out'], ['NOT_SUBSCRIBED', 'opted_out'], ['OptOut', 'opted_out'], ['Held', 'opted_out'], ['spam report', 'opted_out'],
		['bounce', 'opted_out'], ['Global Unsubscribe', 'opted_out'], ['SUPPRESSED', 'opted_out'], ['archived', 'opted_out'], [false, 'opted_out'], [0, 'opted_out'],
		// Opted in.
		['opted_in', 'opted_in'], ['Opted-In', 'opted_in'], ['subscribed', 'opted_in'], ['SUBSCRIBED', 'opted_in'], ['OptIn', 'opted_in'], ['Y', 'opted_in'], ['t', 'opted_in'],
		[true, 'opted_in'], [1, 'opted_in'], ['granted', 'opted_in'],
		// Explicitly not opted in, and no information.
		['pending', 'not_opted_in'], ['transactional', 'not_opted_in'], ['unknown', 'missing'], ['NOT_SPECIFIED', 'missing'], ['NEVER_SUBSCRIBED', 'missing'],
		['', 'missing'], ['n/a', 'missing'], [null, 'missing'],
		// Anything else is unrecognised, never consent.
		['abgemeldet', 'unrecognized'], ['maybe later', 'unrecognized'], [2, 'unrecognized'], [{}, 'unrecognized'],
	])('%p -> %s', (value, reading) => {
		expect(readConsent(value)).toBe(reading);
	});
});

describe('valueKind', () => {
	it('names kinds, never values', () => {
		expect([undefined, null, '', ' ', 'n/a', 'x', 1, NaN, Infinity, [], {}, new Date(0), true].map(valueKind)).toEqual([
			'missing', 'null', 'an empty string', 'an empty string', 'a missing marker', 'a string', 'a number', 'NaN', 'Infinity', 'an array', 'an object', 'a date', 'a boolean',
		]);
	});
});

describe('readKey', () => {
	it.each<[unknown, string]>([
		['1001.0', '1001'], ['1001.00', '1001'], [' +1001.0 ', '1001'], [1001, '1001'], [1001.0, '1001'], [BigInt(1001), '1001'],
		['01001', '01001'], ['1001.5', '1001.5'], ['C-1001', 'C-1001'], ['  c1 ', 'c1'], [null, ''], [undefined, ''], [NaN, ''], [{}, ''],
	])('%p -> %p', (value, expected) => {
		expect(readKey(value)).toBe(expected);
	});
});
