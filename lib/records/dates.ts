// Dates of birth in common formats -> ISO "YYYY-MM-DD" (or null). Ambiguous day/month orders
// follow the `order` option (default day-first, as in most of the world; "MDY" for US data).

export interface NormalizedDate {
	raw: string;
	/** ISO date, or null when the value is not a valid calendar date. */
	iso: string | null;
	valid: boolean;
	reason?: string;
}

const MONTHS: Record<string, number> = {
	jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

function isValidDate(y: number, m: number, d: number): boolean {
	if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
	if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
	const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	return d <= days[m - 1];
}

function expandYear(y: number, pivot: number): number {
	return y >= 100 ? y : y <= pivot ? 2000 + y : 1900 + y;
}

function result(raw: string, y: number, m: number, d: number): NormalizedDate {
	if (!isValidDate(y, m, d)) return { raw, iso: null, valid: false, reason: 'not a calendar date' };
	return { raw, iso: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, valid: true };
}

export interface DateOptions {
	/** Order of day and month in ambiguous numeric dates like 03/04/1990. Default "DMY". */
	order?: 'DMY' | 'MDY';
	/** Two-digit years up to this value are 20xx, above it 19xx. Default 30. */
	pivotYear?: number;
}

export function normalizeDate(value: unknown, options: DateOptions = {}): NormalizedDate {
	const order = options.order ?? 'DMY';
	const pivot = options.pivotYear ?? 30;
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return { raw: String(value), iso: null, valid: false, reason: 'invalid date' };
		return result(value.toISOString(), value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
	}
	const raw = value === null || value === undefined ? '' : String(value);
	const text = raw.trim().toLowerCase();
	if (text === '') return { raw, iso: null, valid: false, reason: 'empty' };
	let m: RegExpExecArray | null;
	// ISO date or timestamp: 1990-04-03, 1990/04/03, 1990-04-03T00:00:00Z
	if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t\s].*)?$/.exec(text))) return result(raw, +m[1], +m[2], +m[3]);
	// Compact 19900403
	if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) return result(raw, +m[1], +m[2], +m[3]);
	// Numeric with day and month first: 03/04/1990, 3-4-90
	if ((m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$/.exec(text))) {
		const a = +m[1];
		const b = +m[2];
		const y = expandYear(+m[3], pivot);
		// An unambiguous order wins (13/04 must be day first).
		if (a > 12 && b <= 12) return result(raw, y, b, a);
		if (b > 12 && a <= 12) return result(raw, y, a, b);
		return order === 'DMY' ? result(raw, y, b, a) : result(raw, y, a, b);
	}
	// 3 Apr 1990, 3 april 1990, 03-apr-1990
	if ((m = /^(\d{1,2})[\s\-/.]*([a-z]{3,9})\.?[\s\-/.,]*(\d{2}|\d{4})$/.exec(text))) {
		const month = MONTHS[m[2].slice(0, m[2].startsWith('sept') ? 4 : 3)];
		if (month) return result(raw, expandYear(+m[3], pivot), month, +m[1]);
	}
	// April 3, 1990 / Apr 3 1990
	if ((m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$/.exec(text))) {
		const month = MONTHS[m[1].slice(0, m[1].startsWith('sept') ? 4 : 3)];
		if (month) return result(raw, expandYear(+m[3], pivot), month, +m[2]);
	}
	return { raw, iso: null, valid: false, reason: 'unrecognized date format' };
}

/** Days since 1970-01-01 for an ISO date (UTC), for date-tolerance comparisons. */
export function isoToDays(iso: string): number {
	return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);
}
