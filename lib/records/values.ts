// The one way the pack reads loose values from items: instants (dates and times), booleans,
// numbers, consent words, missing markers and value kinds. Every node and lib area reads through
// here, so the same input means the same thing everywhere (see README "Accepted values").
//
// Instants, as epoch milliseconds (NaN when the value cannot be read):
// - ISO 8601 date-times with or without a zone (`2024-03-15T10:30:00Z`, `2024-03-15 10:30:00+01:00`,
//   `2024-03-15T10:30:00`), and date-only `2024-03-15` (also `2024/03/15`). A date or date-time
//   without a zone is UTC, whatever the server's zone (readInstant); readInstantSpan gives the
//   span such a value can stand for in every zone, for decisions that must be certain.
// - `YYYYMMDD` as a string or a number (`"20240315"`, `20240315`).
// - The one epoch rule for numbers (and numeric strings): an 8-digit whole number is always
//   YYYYMMDD (epoch seconds of that size would be 1970-04 to 1973-03, which no marketing data
//   holds), refused if it is not a calendar date. A 12- or 14-digit whole number that is a valid
//   YYYYMMDDHHMM / YYYYMMDDHHMMSS is that date-time (UTC); other 12/14-digit numbers fall through.
//   Any other number under 9 digits (Excel serials like 45292, 0, -1) is refused: not a date.
//   The rest is epoch time by magnitude: |v| < 1e11 is seconds, larger is milliseconds.
// - Numeric day/month dates (`03/15/2024`, `15.03.2024 10:30`) follow the caller's date order:
//   month-first (MDY, the default, as JavaScript read them before), day-first (DMY), or ISO-only,
//   which refuses them. A date that does not fit the order is refused, never guessed.
// - Month names: `15 Mar 2024`, `March 15, 2024`, RFC 2822 `Fri, 15 Mar 2024 10:30:00 +0000`.
// - Impossible dates (`2024-02-30`, hour 25) are refused, never rolled over.
// - Missing markers are missing everywhere (see isMissingValue).

export type DateOrder = 'MDY' | 'DMY' | 'ISO';

export const DAY_MS = 86_400_000;

/** The missing markers, lower case (generated SQL reads keys the same way: lib/warehouse SqlBuilder.customerKey). */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(['', 'n/a', 'na', 'n.a.', 'null', 'nil', 'none', 'nan', '-', '--', '#n/a', '(null)', '(blank)', 'undefined']);

/** True for undefined, null, NaN and missing markers: "", "n/a", "NA", "null", "none", "-", "#N/A", ... */
export function isMissingValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'number') return Number.isNaN(value);
	if (typeof value === 'string') return value.length <= 12 && MISSING_MARKERS.has(value.trim().toLowerCase());
	return false;
}

/** A short description of a value's kind for messages, never the value itself (it may be PII). */
export function valueKind(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : isMissingValue(value) ? 'a missing marker' : 'a string';
	if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : `${value}`;
	if (Array.isArray(value)) return 'an array';
	if (value instanceof Date) return 'a date';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

// ---------------------------------------------------------------------------------------------
// Calendar

export const MONTHS: Readonly<Record<string, number>> = {
	jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Month 1-12 from an English month name or its abbreviation, or 0. */
export function monthNumber(name: string): number {
	const word = name.toLowerCase();
	return MONTHS[word.slice(0, word.startsWith('sept') ? 4 : 3)] ?? 0;
}

/** Whether y-m-d is a real day of the Gregorian calendar (years 1000-2999). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
	if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
	if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
	if (d <= 28) return true;
	const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
	return d <= days;
}

/** Epoch ms of a calendar day and time of day (UTC), or NaN when any part is out of range. */
function utc(y: number, m: number, d: number, hour = 0, minute = 0, second = 0, ms = 0): number {
	if (!isCalendarDate(y, m, d) || hour > 23 || minute > 59 || second > 59) return NaN;
	return Date.UTC(y, m - 1, d, hour, minute, second, ms);
}

/** Epoch ms of a YYYYMMDD whole number, or NaN when it is not a calendar date. */
function compactDate(value: number): number {
	return utc(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
}

// ---------------------------------------------------------------------------------------------
// Instants

/** The value of `count` ASCII digits at `from`, or -1 if any is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
	let value = 0;
	for (let k = from; k < from + count; k++) {
		const digit = text.charCodeAt(k) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/**
 * Epoch ms of the common UTC forms YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ and YYYY-MM-DDTHH:MM:SS.sssZ
 * without a regular expression (several times faster on a million rows), or NaN for anything else,
 * which then goes through the general reader. Gives the general reader's answer wherever it gives
 * one (a property test holds it to that).
 */
export function readIsoUtcFast(text: string): number {
	const length = text.length;
	if ((length !== 10 && length !== 20 && length !== 24) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
	const year = digitsAt(text, 0, 4);
	const month = digitsAt(text, 5, 2);
	const day = digitsAt(text, 8, 2);
	if (year < 0 || month < 0 || day < 0) return NaN;
	if (length === 10) return utc(year, month, day);
	// 'T', ':', ':', 'Z' (and '.' before milliseconds).
	if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(length - 1) !== 90) return NaN;
	const hour = digitsAt(text, 11, 2);
	const minute = digitsAt(text, 14, 2);
	const second = digitsAt(text, 17, 2);
	if (hour < 0 || minute < 0 || second < 0) return NaN;
	let millisecond = 0;
	if (length === 24) {
		millisecond = text.charCodeAt(19) === 46 ? digitsAt(text, 20, 3) : -1;
		if (millisecond < 0) return NaN;
	}
	return utc(year, month, day, hour, minute, second, millisecond);
}

// Time of day and zone after a date: " 10:30", "T10:30:00.123Z", " 10:30 PM", " 10:30:00 +0100", " GMT".
const TIME = String.raw`(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const NUMERIC_DATE = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);
const DAY_MONTH_NAME = new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})${TIME}$`);
const MONTH_NAME_DAY = new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`);

/**
 * How an instant was written, for readInstantSpan: with its zone or as an epoch number (`exact`), a
 * time of day without a zone (`local`: some local time, UTC+14 to UTC-12), or a day only (`day`).
 */
export type InstantForm = 'exact' | 'local' | 'day';

/** Where instantFromText reports the form of what it read (when asked). */
interface FormOut {
	form: InstantForm;
}

/** Epoch ms from a calendar day and the TIME groups starting at `g`, or NaN. */
function withTime(y: number, m: number, d: number, match: RegExpExecArray, g: number, out?: FormOut): number {
	if (out) out.form = match[g] === undefined ? 'day' : match[g + 5] === undefined ? 'local' : 'exact';
	let hour = match[g] === undefined ? 0 : +match[g];
	const minute = match[g + 1] === undefined ? 0 : +match[g + 1];
	const second = match[g + 2] === undefined ? 0 : +match[g + 2];
	const fraction = match[g + 3];
	const ms = fraction === undefined ? 0 : +`${fraction}00`.slice(0, 3);
	const meridiem = match[g + 4]?.toLowerCase();
	if (meridiem) {
		if (hour < 1 || hour > 12) return NaN;
		hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
	}
	const base = utc(y, m, d, hour, minute, second, ms);
	const zone = match[g + 5];
	if (zone === undefined || Number.isNaN(base)) return base;
	const upper = zone.toUpperCase();
	if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return base;
	const sign = zone[0] === '-' ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const offsetHours = +digits.slice(0, 2);
	const offsetMinutes = digits.length > 2 ? +digits.slice(2, 4) : 0;
	if (offsetHours > 23 || offsetMinutes > 59) return NaN;
	return base - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** Epoch ms of a YYYYMMDDHHMM (12-digit) or YYYYMMDDHHMMSS (14-digit) whole number, or NaN. */
function compactDateTime(value: number): number {
	const seconds = value >= 1e13 ? value % 100 : 0;
	const minutes = value >= 1e13 ? Math.floor(value / 100) : value;
	const day = compactDate(Math.floor(minutes / 10_000));
	if (Number.isNaN(day)) return NaN;
	const hour = Math.floor(minutes / 100) % 100;
	const minute = minutes % 100;
	return hour > 23 || minute > 59 || seconds > 59 ? NaN : day + ((hour * 60 + minute) * 60 + seconds) * 1000;
}

/**
 * Epoch ms from a number: YYYYMMDD when 8 digits; a valid YYYYMMDDHHMM / YYYYMMDDHHMMSS when 12 or
 * 14 digits; other numbers under 9 digits are refused (Excel serials, 0, -1); else epoch seconds
 * below 1e11, else milliseconds.
 */
function instantFromNumber(value: number, out?: FormOut): number {
	if (!Number.isFinite(value)) return NaN;
	if (value >= 10_000_000 && value <= 99_999_999 && Number.isInteger(value)) {
		if (out) out.form = 'day';
		return compactDate(value);
	}
	if (Math.abs(value) < 100_000_000) return NaN;
	if (Number.isInteger(value) && ((value >= 1e11 && value < 1e12) || (value >= 1e13 && value < 1e14))) {
		const compact = compactDateTime(value);
		if (compact === compact) {
			// YYYYMMDDHHMM(SS) names a time of day but no zone.
			if (out) out.form = 'local';
			return compact;
		}
	}
	if (out) out.form = 'exact';
	const ms = Math.abs(value) < 1e11 ? value * 1000 : value;
	// Beyond what a Date can hold (about 275,000 years either way) is not an instant.
	return Math.abs(ms) <= 8.64e15 ? ms : NaN;
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function instantFromText(value: string, order: DateOrder, out?: FormOut): number {
	const fast = readIsoUtcFast(value);
	if (fast === fast) {
		if (out) out.form = value.length === 10 ? 'day' : 'exact';
		return fast;
	}
	const text = value.trim();
	if (text === '' || text.length > 64) return NaN;
	if (NUMERIC.test(text)) {
		if (!/^\d{8}$/.test(text)) return instantFromNumber(Number(text), out);
		if (out) out.form = 'day';
		return compactDate(+text);
	}
	let match = ISO_DATE.exec(text);
	if (match) return withTime(+match[1], +match[3], +match[4], match, 5, out);
	if ((match = NUMERIC_DATE.exec(text))) {
		if (order === 'ISO') return NaN;
		const first = +match[1];
		const second = +match[3];
		return order === 'DMY' ? withTime(+match[4], second, first, match, 5, out) : withTime(+match[4], first, second, match, 5, out);
	}
	if ((match = DAY_MONTH_NAME.exec(text))) {
		const month = monthNumber(match[2]);
		return month ? withTime(+match[3], month, +match[1], match, 4, out) : NaN;
	}
	if ((match = MONTH_NAME_DAY.exec(text))) {
		const month = monthNumber(match[1]);
		return month ? withTime(+match[3], month, +match[2], match, 4, out) : NaN;
	}
	return NaN;
}

/**
 * Epoch milliseconds of an instant, or NaN when the value is missing or cannot be read (see the
 * rules at the top of this file). `order` settles numeric day/month dates; default month-first.
 */
export function readInstant(value: unknown, order: DateOrder = 'MDY'): number {
	if (typeof value === 'string') return instantFromText(value, order);
	if (typeof value === 'number') return instantFromNumber(value);
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'bigint') return instantFromNumber(Number(value));
	return NaN;
}

/** readInstant as epoch ms or null, for callers that keep null for "no date". */
export function toEpochMs(value: unknown, order: DateOrder = 'MDY'): number | null {
	const ms = readInstant(value, order);
	return Number.isNaN(ms) ? null : ms;
}

/**
 * Whether a readable instant was given only to the day (`2024-02-01`, `20240201`, `01/02/2024`,
 * `1 Feb 2024`): readInstant gives its midnight UTC, but it happened at some time of that day in
 * some time zone. Numbers other than YYYYMMDD carry their time.
 */
export function isDayOnly(value: unknown): boolean {
	if (typeof value === 'number') return Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999;
	if (typeof value !== 'string') return false;
	const text = value.trim();
	if (NUMERIC.test(text)) return /^\d{8}$/.test(text);
	return !/\d:\d\d|\dT\d/i.test(text);
}

/** How far a local time (or a day's start) can be from the same reading as UTC: UTC+14 to UTC-12. */
const ZONE_EAST_MS = 14 * 3_600_000;
const ZONE_WEST_MS = 12 * 3_600_000;

/**
 * The earliest and latest the instant can be, so that "after" is decided only where it is certain
 * (fail closed: an opt-out dated to the day is not outdated by an opt-in an hour after its midnight;
 * an entry expiring on a day applies until that day has ended everywhere). A value with a zone, an
 * epoch number or a Date is exact. A time without a zone (`2024-03-15 10:30:00`, `202403151030`),
 * which readInstant reads as UTC, is some local time: from 14 hours before that reading (UTC+14)
 * to 12 hours after it (UTC-12). A day-only value (isDayOnly) spans its whole day in every time
 * zone. Null when the value cannot be read.
 */
export function readInstantSpan(value: unknown, order: DateOrder = 'MDY'): { earliest: number; latest: number } | null {
	const out: FormOut = { form: 'exact' };
	let ms: number;
	if (typeof value === 'string') ms = instantFromText(value, order, out);
	else if (typeof value === 'number') ms = instantFromNumber(value, out);
	else if (typeof value === 'bigint') ms = instantFromNumber(Number(value), out);
	else ms = readInstant(value, order);
	if (Number.isNaN(ms)) return null;
	if (out.form === 'exact') return { earliest: ms, latest: ms };
	return { earliest: ms - ZONE_EAST_MS, latest: ms + (out.form === 'day' ? DAY_MS : 0) + ZONE_WEST_MS };
}

/** How the accepted instant forms are described in messages. */
export function expectedInstant(order: DateOrder = 'MDY'): string {
	const numeric = order === 'ISO' ? '' : order === 'DMY' ? ', DD/MM/YYYY' : ', MM/DD/YYYY';
	return `a date (ISO 8601 date or date-time, YYYYMMDD${numeric}, or epoch seconds/milliseconds)`;
}

// ---------------------------------------------------------------------------------------------
// Dates of birth and other calendar dates -> ISO "YYYY-MM-DD". Ambiguous day/month orders follow
// `order` (default day-first, as in most of the world), but an unambiguous one (13/04) wins, and
// two-digit years are read with a pivot: what people type into forms, not what systems export.

export interface NormalizedDate {
	raw: string;
	/** ISO date, or null when the value is not a valid calendar date. */
	iso: string | null;
	valid: boolean;
	reason?: string;
}

export interface DateOptions {
	/** Order of day and month in ambiguous numeric dates like 03/04/1990. Default "DMY". */
	order?: 'DMY' | 'MDY';
	/** Two-digit years up to this value are 20xx, above it 19xx. Default 30. */
	pivotYear?: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** A year as written: four digits are the year itself ("0001" is year 1, not 2001); two digits pivot. */
const expandYear = (text: string, pivot: number) => {
	const y = +text;
	return text.length > 2 || y >= 100 ? y : y <= pivot ? 2000 + y : 1900 + y;
};

function calendarResult(raw: string, y: number, m: number, d: number): NormalizedDate {
	if (!isCalendarDate(y, m, d)) return { raw, iso: null, valid: false, reason: 'not a calendar date' };
	return { raw, iso: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, valid: true };
}

export function normalizeDate(value: unknown, options: DateOptions = {}): NormalizedDate {
	const order = options.order ?? 'DMY';
	const pivot = options.pivotYear ?? 30;
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return { raw: String(value), iso: null, valid: false, reason: 'invalid date' };
		return calendarResult(value.toISOString(), value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
	}
	const raw = value === null || value === undefined ? '' : String(value);
	const text = raw.trim().toLowerCase();
	if (isMissingValue(text)) return { raw, iso: null, valid: false, reason: 'empty' };
	let m: RegExpExecArray | null;
	// ISO date or timestamp: 1990-04-03, 1990/04/03, 1990-04-03T00:00:00Z (the date part as written)
	if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t\s].*)?$/.exec(text))) return calendarResult(raw, +m[1], +m[2], +m[3]);
	if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) return calendarResult(raw, +m[1], +m[2], +m[3]);
	// Numeric with day and month first: 03/04/1990, 3-4-90
	if ((m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$/.exec(text))) {
		const a = +m[1];
		const b = +m[2];
		const y = expandYear(m[3], pivot);
		if (a > 12 && b <= 12) return calendarResult(raw, y, b, a);
		if (b > 12 && a <= 12) return calendarResult(raw, y, a, b);
		return order === 'DMY' ? calendarResult(raw, y, b, a) : calendarResult(raw, y, a, b);
	}
	// 3 Apr 1990, 3 april 1990, 03-apr-1990
	if ((m = /^(\d{1,2})[\s\-/.]*([a-z]{3,9})\.?[\s\-/.,]*(\d{2}|\d{4})$/.exec(text))) {
		const month = monthNumber(m[2]);
		if (month) return calendarResult(raw, expandYear(m[3], pivot), month, +m[1]);
	}
	// April 3, 1990 / Apr 3 1990
	if ((m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$/.exec(text))) {
		const month = monthNumber(m[1]);
		if (month) return calendarResult(raw, expandYear(m[3], pivot), month, +m[2]);
	}
	return { raw, iso: null, valid: false, reason: 'unrecognized date format' };
}

/** Days since 1970-01-01 for an ISO date (UTC), for date-tolerance comparisons. */
export function isoToDays(iso: string): number {
	return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Booleans and numbers

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

/**
 * 1, 0, or NaN when missing or not a yes/no value. Accepts booleans, the numbers 1 and 0, and the
 * words true/false, t/f (PostgreSQL's text form), yes/no, y/n, 1/0 in any case.
 */
export function readBoolean(value: unknown): number {
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'number') return value === 1 ? 1 : value === 0 ? 0 : NaN;
	if (typeof value === 'string' && value.length <= 7) {
		const word = value.trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return 1;
		if (FALSE_WORDS.has(word)) return 0;
	}
	return NaN;
}

/**
 * A finite number from a number, a bigint or a plain decimal string (`12`, `-3.5`, `1e3`, ` 7 `),
 * else NaN. Thousands separators, currency signs, hex and `Infinity` are not numbers here.
 */
export function readNumber(value: unknown): number {
	if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '' || !NUMERIC.test(text)) return NaN;
		const number = Number(text);
		return Number.isFinite(number) ? number : NaN;
	}
	if (typeof value === 'bigint') return Number(value);
	return NaN;
}

// ---------------------------------------------------------------------------------------------
// Keys

/** Zero-width, bidi-mark, soft-hyphen and BOM characters pasted along with keys (generated SQL: SqlBuilder.customerKey). */
export const KEY_INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * Full-width ASCII (U+FF01-U+FF5E), as East Asian input methods type digits and letters, but the
 * full-width quotes, grave accent and backslash (which generated SQL could not pass through every
 * dialect's literals).
 */
export const FULL_WIDTH_ASCII = /[\uff01\uff03-\uff06\uff08-\uff3b\uff3d-\uff3f\uff41-\uff5e]/g;
const NON_ASCII_TEXT = /[^\x00-\x7f]/;
/** Unicode hyphens and dashes that stand for `-` in names and words (scope names, e.g. `E‑mail`). */
export const UNICODE_DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/**
 * The text of an identifier key such as a customer ID, or '' when it has none: strings without
 * invisible characters (zero-width, bidi marks, soft hyphen, BOM), full-width digits and letters as
 * ASCII (`１００１` is `1001`), trimmed, numbers and bigints as decimal text, and integer-valued
 * decimal text as the integer (`"1001.0"`, as pandas writes an integer column that had a gap, is
 * `1001`). Leading zeros are kept.
 */
export function readKey(value: unknown): string {
	if (typeof value === 'string') {
		const ascii = NON_ASCII_TEXT.test(value)
			? value.replace(KEY_INVISIBLE, '').replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
			: value;
		const text = ascii.trim();
		const point = text.indexOf('.');
		return point > 0 && /^[-+]?\d+\.0+$/.test(text) ? text.slice(text[0] === '+' ? 1 : 0, point) : text;
	}
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'bigint') return value.toString();
	return '';
}

/** What exporters write for an empty array, object or string: no key (generated SQL: SqlBuilder.customerKey). */
export const EMPTY_KEY_TEXTS: readonly string[] = ['[]', '{}', "''", '""'];

/**
 * readKey, or undefined for no key: empty, a missing marker (`null`, `N/A`, `#N/A`...), an empty
 * container as exporters write it (`[]`, `{}`, `''`), or a whole number beyond 2^53 (already
 * rounded: 18-digit IDs read as JSON numbers name someone else).
 */
export function readPresentKey(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) return undefined;
	const key = readKey(value);
	return key === '' || isMissingValue(key) || EMPTY_KEY_TEXTS.includes(key) ? undefined : key;
}

// ---------------------------------------------------------------------------------------------
// Consent words

/**
 * What a consent value says: opted in, opted out, explicitly not opted in (e.g. Mailchimp
 * `pending`), no information (missing, `unknown`, HubSpot `NOT_SPECIFIED`), or a word this pack
 * does not know (`unrecognized`: callers must not treat it as consent).
 */
export type ConsentReading = 'opted_in' | 'opted_out' | 'not_opted_in' | 'missing' | 'unrecognized';

const CONSENT_WORDS: Record<string, ConsentReading> = Object.create(null);
const words = (reading: ConsentReading, list: string[]) => list.forEach((word) => (CONSENT_WORDS[word] = reading));
words('opted_in', [
	'opted_in', 'optedin', 'opt_in', 'optin', 'subscribed', 'subscribe', 'granted', 'given', 'consented', 'consent_given', 'confirmed',
	'double_opt_in', 'single_opt_in', 'explicit', 'active', 'allowed', 'accepted', 'yes', 'y', 'true', 't', '1',
]);
words('opted_out', [
	'opted_out', 'optedout', 'opt_out', 'optout', 'unsubscribed', 'unsubscribe', 'not_subscribed', 'global_unsubscribe', 'group_unsubscribe',
	'withdrawn', 'denied', 'revoked', 'declined', 'rejected', 'refused', 'cleaned', 'bounced', 'bounce', 'hard_bounce', 'blocked', 'block',
	'spam', 'spam_report', 'spamreport', 'complained', 'complaint', 'invalid', 'invalid_email', 'suppressed', 'held', 'deleted', 'archived',
	'do_not_contact', 'do_not_email', 'do_not_mail', 'dnc', 'no', 'n', 'false', 'f', '0',
]);
words('not_opted_in', ['pending', 'unconfirmed', 'transactional', 'not_opted_in', 'non_subscribed', 'nonsubscribed']);
words('missing', ['unknown', 'not_specified', 'notspecified', 'unspecified', 'not_set', 'never_subscribed', 'notseen', 'not_seen', 'seen']);

/**
 * Reads a consent value. Vocabulary: HubSpot (SUBSCRIBED, NOT_SUBSCRIBED, NOT_SPECIFIED), Salesforce
 * consent (OptIn, OptOut, NotSeen, Seen) and Marketing Cloud (Active, Unsubscribed, Held, Bounced),
 * Mailchimp (subscribed, unsubscribed, cleaned, pending, transactional, archived), Klaviyo
 * (SUBSCRIBED, UNSUBSCRIBED, NEVER_SUBSCRIBED, SUPPRESSED), Braze (opted_in, subscribed,
 * unsubscribed), SendGrid exports (bounce, block, spam report, invalid email, group/global
 * unsubscribe), yes/no words and booleans. Case, spaces, hyphens and underscores are ignored.
 */
export function readConsent(value: unknown): ConsentReading {
	if (typeof value === 'boolean') return value ? 'opted_in' : 'opted_out';
	if (isMissingValue(value)) return 'missing';
	if (typeof value === 'number') return value === 1 ? 'opted_in' : value === 0 ? 'opted_out' : 'unrecognized';
	if (typeof value !== 'string' || value.length > 40) return 'unrecognized';
	const word = value
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '_');
	return CONSENT_WORDS[word] ?? 'unrecognized';
}
