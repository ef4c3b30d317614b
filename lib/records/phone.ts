// Phone normalization to E.164 with libphonenumber-js. The "max" metadata validates numbers by
// their real ranges (the "min" set checks lengths only), which is what failing closed needs.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

export interface NormalizedPhone {
	raw: string;
	/** +<country><number>, or null when the value is not a valid phone number. */
	e164: string | null;
	valid: boolean;
	reason?: string;
}

// A North American number already in E.164 (as warehouses and ESPs store them) is taken as is,
// which keeps bulk matching fast (a full parse costs ~7 µs). Only NANP: elsewhere an "E.164-looking"
// string may still carry a national prefix that parsing removes (+44 07911... is +447911...,
// +52 1 55... is +52 55...), so taking it as is would miss a match.
const NANP_E164 = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

export function normalizePhone(value: unknown, defaultRegion?: CountryCode): NormalizedPhone {
	const raw = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
	const text = raw.trim();
	if (text === '') return { raw, e164: null, valid: false, reason: 'empty' };
	if (NANP_E164.test(text)) return { raw, e164: text, valid: true };
	const international = text.startsWith('00') ? `+${text.slice(2)}` : text;
	const parsed = parsePhoneNumberFromString(international, defaultRegion);
	if (!parsed) {
		return { raw, e164: null, valid: false, reason: defaultRegion || international.startsWith('+') ? 'not a phone number' : 'no country code and no default region' };
	}
	if (!parsed.isValid()) return { raw, e164: null, valid: false, reason: 'not a valid number for its country' };
	return { raw, e164: parsed.number, valid: true };
}
