// Phone normalization to E.164 with libphonenumber-js. The "max" metadata validates numbers by
// their real ranges (the "min" set checks lengths only), which is what failing closed needs.
import * as libphonenumberCore from 'libphonenumber-js/core';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

export type { CountryCode };

export interface NormalizedPhone {
	raw: string;
	/** +<country><number>, or null when the value is not a valid phone number. */
	e164: string | null;
	valid: boolean;
	reason?: string;
	/**
	 * When the number is not valid but has a possible length for its country (an area code or range not
	 * in service: what test data generators and mistyped forms write), its E.164 spelling. Record
	 * linkage may compare it as written; nothing may send to it.
	 */
	possible?: string;
}

// Every layout of one number gets one answer: "+15555550100" is as invalid as "+1 555 555 0100"
// (an unchecked E.164 shortcut once let the first pass while the second failed, so a suppression
// entry and an audience member written differently did not match).

const INVALID_FOR_COUNTRY = 'not a valid number for its country';

export function normalizePhone(value: unknown, defaultRegion?: CountryCode): NormalizedPhone {
	const raw = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
	const text = raw.trim();
	if (text === '') return { raw, e164: null, valid: false, reason: 'empty' };
	const international = text.startsWith('00') ? `+${text.slice(2)}` : text;
	const nanp = nanpNationalNumber(international, defaultRegion);
	if (nanp !== null) {
		return isValidNanpNumber(nanp.digits, nanp.fallbackCountry)
			? { raw, e164: `+1${nanp.digits}`, valid: true }
			: { raw, e164: null, valid: false, reason: INVALID_FOR_COUNTRY, possible: `+1${nanp.digits}` };
	}
	return parseWithLibphonenumber(raw, international, defaultRegion);
}

/**
 * The digits of an international number as dialled inside its country, where that differs from its
 * national number: with the national (trunk) prefix ("+44 20 7946 0018" -> "02079460018",
 * "+7 912 345-67-89" -> "89123456789"). Undefined when the country dials the national number as it is
 * (US, "+1 415 555 0177") or the number is not a possible one. For matching what people and vendors
 * write (the opt-out redactor), not for normalizing: normalizePhone is the one normalizer.
 */
export function nationalDialledDigits(international: string): string | undefined {
	const parsed = parsePhoneNumberFromString(international);
	if (!parsed || !parsed.isPossible()) return undefined;
	const digits = parsed.formatNational().replace(/\D/g, '');
	return digits !== parsed.nationalNumber && digits.endsWith(parsed.nationalNumber) ? digits : undefined;
}

/** The libphonenumber-js path alone (no fast paths); exported so tests can compare against it. */
export function normalizePhoneByParsing(value: unknown, defaultRegion?: CountryCode): NormalizedPhone {
	const raw = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
	const text = raw.trim();
	if (text === '') return { raw, e164: null, valid: false, reason: 'empty' };
	return parseWithLibphonenumber(raw, text.startsWith('00') ? `+${text.slice(2)}` : text, defaultRegion);
}

function parseWithLibphonenumber(raw: string, international: string, defaultRegion?: CountryCode): NormalizedPhone {
	const parsed = parsePhoneNumberFromString(international, defaultRegion);
	if (!parsed) {
		return { raw, e164: null, valid: false, reason: defaultRegion || international.startsWith('+') ? 'not a phone number' : 'no country code and no default region' };
	}
	if (!parsed.isValid()) return { raw, e164: null, valid: false, reason: INVALID_FOR_COUNTRY, ...(parsed.isPossible() ? { possible: parsed.number } : {}) };
	return { raw, e164: parsed.number, valid: true };
}

// Fast path for the usual layouts of North American (+1) numbers: "+1 415 555 2671",
// "(415) 555-2671", "1-415-555-2671", "4155552671" (the national forms only with default region US).
// libphonenumber spends ~20 µs per such number, mostly compiling the same metadata regexes again on
// every call; the layout is read here and validity is decided by the very same metadata rules
// (getCountryByNationalNumber + getNumberType of libphonenumber-js), with the regexes compiled once.
// Anything else (extensions, other separators, area codes starting 0/1, other regions) takes the full
// parse. test/lib/records/phone.test.ts checks both paths agree on generated inputs.
const NANP_INTERNATIONAL = /^\+1[ .-]?(?:\(([2-9]\d\d)\)|([2-9]\d\d))[ .-]?(\d{3})[ .-]?(\d{4})$/;
const NANP_NATIONAL = /^(?:1[ .-]?)?(?:\(([2-9]\d\d)\)|([2-9]\d\d))[ .-]?(\d{3})[ .-]?(\d{4})$/;

/** Whether normalizePhone answers this input without the full parse (for tests). */
export function takesNanpFastPath(value: string, defaultRegion?: CountryCode): boolean {
	const text = value.trim();
	return nanpNationalNumber(text.startsWith('00') ? `+${text.slice(2)}` : text, defaultRegion) !== null;
}

function nanpNationalNumber(text: string, defaultRegion?: CountryCode): { digits: string; fallbackCountry: string } | null {
	// An unknown region makes libphonenumber throw or refuse: leave that to it.
	if (defaultRegion !== undefined && defaultRegion !== 'US' && !isSupportedCountry(defaultRegion)) return null;
	const international = text.startsWith('+');
	if (!international && defaultRegion !== 'US') return null;
	const m = (international ? NANP_INTERNATIONAL : NANP_NATIONAL).exec(text);
	if (!m) return null;
	// When no NANP country claims the number, libphonenumber validates it against the default
	// region (national layout) or the calling code's main country, US (international layout).
	return { digits: (m[1] ?? m[2]) + m[3] + m[4], fallbackCountry: 'US' };
}

interface TypeRule {
	pattern: RegExp;
	lengths: number[] | undefined;
}
interface NanpPlan {
	country: string;
	leadingDigits: RegExp | null;
	nationalNumber: RegExp;
	hasTypes: boolean;
	fixedLine: TypeRule | null;
	/** MOBILE, PREMIUM_RATE, TOLL_FREE, SHARED_COST, VOIP, PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL */
	otherTypes: TypeRule[];
}
// The order libphonenumber-js/source/helpers/getNumberType.js tries the non-fixed-line types in.
const NON_FIXED_LINE_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

// The parts of the metadata accessor (libphonenumber-js/source/metadata.js, exported by /core at
// run time) read here; its typings do not declare them.
interface MetadataReader {
	selectNumberingPlan(country: string): void;
	getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
	leadingDigits(): string | undefined;
	nationalNumberPattern(): string;
	hasTypes(): boolean;
	type(type: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

let nanpPlans: Map<string, NanpPlan> | null = null;
let nanpCountryOrder: NanpPlan[] = [];

function loadNanpPlans(): Map<string, NanpPlan> {
	if (nanpPlans) return nanpPlans;
	const { Metadata } = libphonenumberCore as unknown as { Metadata: new (json: typeof maxMetadata) => MetadataReader };
	const metadata = new Metadata(maxMetadata);
	const whole = (source: string) => new RegExp(`^(?:${source})$`);
	const rule = (type: string): TypeRule | null => {
		const t = metadata.type(type);
		// isNumberTypeEqualTo: a missing type or an empty pattern never matches.
		if (!t || !t.pattern()) return null;
		return { pattern: whole(t.pattern()), lengths: t.possibleLengths() };
	};
	const plans = new Map<string, NanpPlan>();
	for (const country of metadata.getCountryCodesForCallingCode('1') ?? []) {
		metadata.selectNumberingPlan(country);
		const leading = metadata.leadingDigits();
		plans.set(country, {
			country,
			leadingDigits: leading ? new RegExp(leading) : null,
			nationalNumber: whole(metadata.nationalNumberPattern()),
			hasTypes: metadata.hasTypes(),
			fixedLine: rule('FIXED_LINE'),
			otherTypes: NON_FIXED_LINE_TYPES.map(rule).filter((r): r is TypeRule => r !== null),
		});
	}
	nanpCountryOrder = [...plans.values()];
	nanpPlans = plans;
	return plans;
}

function matchesType(nationalNumber: string, rule: TypeRule): boolean {
	if (rule.lengths && rule.lengths.indexOf(nationalNumber.length) < 0) return false;
	return rule.pattern.test(nationalNumber);
}

/** getNumberType(...) !== undefined */
function hasNumberType(nationalNumber: string, plan: NanpPlan): boolean {
	if (!plan.nationalNumber.test(nationalNumber)) return false;
	// A fixed-line match always yields a type (FIXED_LINE or FIXED_LINE_OR_MOBILE).
	if (plan.fixedLine && matchesType(nationalNumber, plan.fixedLine)) return true;
	for (const rule of plan.otherTypes) if (matchesType(nationalNumber, rule)) return true;
	return false;
}

/** parse() then isValid() of libphonenumber-js for +1 <nationalNumber>. */
function isValidNanpNumber(nationalNumber: string, fallbackCountry: string): boolean {
	const plans = loadNanpPlans();
	// getCountryByNationalNumber: the first country whose leading digits or number types claim it.
	let plan: NanpPlan | undefined;
	for (const candidate of nanpCountryOrder) {
		if (candidate.leadingDigits ? nationalNumber.search(candidate.leadingDigits) === 0 : hasNumberType(nationalNumber, candidate)) {
			plan = candidate;
			break;
		}
	}
	plan ??= plans.get(fallbackCountry);
	if (!plan) return false;
	// isValidNumber: number types when the country has them, else the national number pattern.
	return plan.hasTypes ? hasNumberType(nationalNumber, plan) : plan.nationalNumber.test(nationalNumber);
}

/** A region's calling code ('US' -> '1'), or undefined for a region libphonenumber does not know. */
export function callingCodeOf(region: string): string | undefined {
	const code = region.trim().toUpperCase();
	return isSupportedCountry(code) ? libphonenumberCore.getCountryCallingCode(code as CountryCode, maxMetadata as unknown as libphonenumberCore.MetadataJson) : undefined;
}
