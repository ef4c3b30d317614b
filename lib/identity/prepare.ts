// Normalize stage: input records -> columns of normalized strings ('' = missing), plus flags for
// malformed or blocked values (which are then not matched on).
import { normalizeEmail } from '../records/email';
import { normalizePhone, type CountryCode } from '../records/phone';
import { canonicalGivenName, generationSuffix, normalizeName, splitFullName } from '../records/names';
import { normalizeDate, readPresentKey } from '../records/values';
import { normalizePostcode } from '../records/postcode';
import { normalizeAddress } from '../records/address';
import { countryCodes } from '../records/country';
import { foldName } from '../records/names';
import { toEpochMs } from '../records/values';
import type { IdentityInput, RecordFlag } from './types';
import { isBlockedValue, type GuardrailOptions } from './guardrails';

export interface PreparedRecords {
	n: number;
	keys: string[];
	sources: string[];
	/** Column name -> normalized values. Built-in columns: email, phone, first, firstCanon, last, dob, street, city, postcode, state, gender, address (street with postcode or city, see addressKeys); ids as `id:<name>`, attributes as `attr:<name>`. */
	columns: Map<string, string[]>;
	/** Email local parts and role flags, for comparisons and guardrails. */
	emailRole: Uint8Array;
	/** 1 where the phone is not in service in its country: linked on as written, never the profile's phone. */
	phoneOutOfService: Uint8Array;
	updatedAt: Float64Array;
	flags: RecordFlag[][];
	/** Records with no usable identifier at all. */
	empty: Uint8Array;
	/**
	 * Dense codes of the built-in columns, assigned while normalizing (each distinct raw value is
	 * looked up once), so blocking and term frequencies need no second pass of string hashing.
	 */
	codes: Map<string, ColumnCodes>;
	/** The input values as given (trimmed text, '' none), for golden profiles. */
	display: Map<string, string[]>;
	/** Each usable email's canonical address, kept when matching later drops it (role or shared). */
	canonicalEmail: string[];
	/** Generational suffix written with the name ('jr', 'sr', 'iii', 'iv'; '' none), see records/names. */
	generation: string[];
	/**
	 * 1 where the birth date could not be read as a date and only its digits are kept for fuzzy
	 * comparison: such a value never links records by a rule (a value that cannot be read never
	 * links two people).
	 */
	unreadableDob: Uint8Array;
	/**
	 * Per record, its given name where its own personal mailbox spells it ("paula77@" for Paula,
	 * "jackburke04@" for Jack Burke), '' otherwise: two such records naming two given names in
	 * their mailboxes are two people, however alike the names (see people.ts).
	 */
	mailboxName: string[];
}

/** Per record a code (0: empty); `distinct[code]` is the value. Some codes may have no record left. */
export interface ColumnCodes {
	codes: Int32Array;
	distinct: string[];
}

/** A column being written with its codes. */
class CodedColumn implements ColumnCodes {
	readonly codes: Int32Array;
	readonly distinct: string[] = [''];
	private readonly index = new Map<string, number>([['', 0]]);

	constructor(readonly values: string[]) {
		this.codes = new Int32Array(values.length);
	}

	codeOf(value: string): number {
		let code = this.index.get(value);
		if (code === undefined) {
			code = this.distinct.length;
			this.index.set(value, code);
			this.distinct.push(value);
		}
		return code;
	}

	set(i: number, code: number): void {
		this.codes[i] = code;
		this.values[i] = this.distinct[code];
	}
}

/** Removes a value from matching (a shared or role value): the string column and its codes. */
export function blankValue(prepared: PreparedRecords, column: string, i: number): void {
	const values = prepared.columns.get(column);
	if (values) values[i] = '';
	const coded = prepared.codes.get(column);
	if (coded) coded.codes[i] = 0;
}

export interface PrepareOptions {
	defaultRegion?: CountryCode;
	dateOrder?: 'DMY' | 'MDY';
	guardrails?: GuardrailOptions;
}

const BASE = ['email', 'phone', 'first', 'firstCanon', 'last', 'dob', 'street', 'city', 'postcode', 'state', 'gender'];
const CODED = ['email', 'phone', 'first', 'last', 'dob', 'street', 'city', 'postcode'];
const DISPLAY = ['email', 'phone', 'firstName', 'lastName', 'dob', 'street', 'city', 'postcode'];

function text(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A mapped field's text; a value that is not text, a number or a boolean (an object, a list) is flagged, not matched on. */
function fieldText(value: unknown, field: string, flags: RecordFlag[]): string {
	const kind = typeof value;
	if (value !== null && value !== undefined && kind !== 'string' && kind !== 'number' && kind !== 'boolean') {
		flags.push({ field, reason: 'not text or a number' });
		return '';
	}
	return text(value).trim();
}

// A verdict on one raw value: status (2 bits), reason index (6 bits), column code (the rest).
const USABLE = 0;
const ROLE = 1;
const BLOCKED = 2;
const INVALID = 3;
/** Reasons are a handful of fixed messages; index 0 is the catch-all. */
const REASONS: string[] = ['invalid value'];

function verdict(status: number, code: number, reason?: string): number {
	let reasonIndex = 0;
	if (reason !== undefined) {
		reasonIndex = REASONS.indexOf(reason);
		if (reasonIndex < 0 && REASONS.length < 64) reasonIndex = REASONS.push(reason) - 1;
		if (reasonIndex < 0) reasonIndex = 0;
	}
	return (code * 64 + reasonIndex) * 4 + status;
}
const statusOf = (packed: number): number => packed % 4;
const reasonOf = (packed: number): string => REASONS[Math.floor(packed / 4) % 64];
const codeOf = (packed: number): number => Math.floor(packed / 256);
/** A usable value that still says something (a phone out of its country's ranges). */
const hasReason = (packed: number): boolean => Math.floor(packed / 4) % 64 !== 0;
const OUT_OF_SERVICE = 'not a number in service in its country; compared as written';
/** 555-0100 to 555-0199, the lines kept for fiction: on a number not in service, made up. */
const FICTIONAL_LINE = /^\+1\d{3}55501\d\d$/;

export function prepareRecords(records: IdentityInput[], options: PrepareOptions = {}): PreparedRecords {
	const n = records.length;
	const columns = new Map<string, string[]>();
	for (const name of BASE) columns.set(name, new Array<string>(n).fill(''));
	const col = (name: string): string[] => {
		let c = columns.get(name);
		if (!c) {
			c = new Array<string>(n).fill('');
			columns.set(name, c);
		}
		return c;
	};
	const [, , , firstCanon, , , , , , state, gender] = BASE.map(col);
	const coded = new Map<string, CodedColumn>(CODED.map((name) => [name, new CodedColumn(col(name))]));
	const codedColumn = (name: string): CodedColumn => coded.get(name) as CodedColumn;
	const [email, phone, first, last, dob, street, city, postcode] = CODED.map(codedColumn);
	const display = new Map<string, string[]>(DISPLAY.map((name) => [name, new Array<string>(n).fill('')]));
	const [emailShown, phoneShown, firstShown, lastShown, dobShown, streetShown, cityShown, postcodeShown] = DISPLAY.map(
		(name) => display.get(name) as string[],
	);
	const canonicalEmail = new Array<string>(n).fill('');
	const generation = new Array<string>(n).fill('');
	const unreadableDob = new Uint8Array(n);
	const keys = new Array<string>(n);
	const sources = new Array<string>(n);
	const emailRole = new Uint8Array(n);
	const phoneOutOfService = new Uint8Array(n);
	const updatedAt = new Float64Array(n);
	const flags: RecordFlag[][] = new Array(n);
	const empty = new Uint8Array(n);
	const guard = options.guardrails ?? {};
	// Caches of normalized values by raw value (with the guardrail verdict and the column code),
	// bounded so that a million distinct values cannot exhaust memory; repeated values (the same
	// person in several sources, common dates, cities, postcodes) are normalized and coded once.
	const CACHE_LIMIT = 1_000_000;
	const remember = <V>(cache: Map<string, V>, key: string, value: V): V => {
		if (cache.size < CACHE_LIMIT) cache.set(key, value);
		return value;
	};
	// Email, phone and date verdicts are packed in one small integer (see `verdict`), so these
	// caches of up to a million entries hold no objects for the collector to copy and mark.
	const emailCache = new Map<string, number>();
	const phoneCache = new Map<string, number>();
	const dobCache = new Map<string, number>();
	// Folded text (city, state and gender share the folding).
	const foldCache = new Map<string, string>();
	const fold = (value: string): string => {
		if (value === '') return '';
		let v = foldCache.get(value);
		if (v === undefined) v = remember(foldCache, value, foldName(value));
		return v;
	};
	const cityCache = new Map<string, number>();
	const countryOf = countryCodes();
	const streetCache = new Map<string, number>();
	const postcodeCache = new Map<string, Map<string, number>>();
	// Names: normalized once per raw value; the code is kept per column (first, last).
	const nameCache = new Map<string, { v: string; first: number; last: number; generation: string }>();
	const name = (value: string): { v: string; first: number; last: number; generation: string } | undefined => {
		if (value === '') return undefined;
		let entry = nameCache.get(value);
		if (entry === undefined) {
			const normalized = normalizeName(value);
			let v = normalized.normalized;
			if (isBlockedValue('name', v, guard)) v = '';
			entry = remember(nameCache, value, { v, first: -1, last: -1, generation: normalized.generation });
		}
		return entry;
	};
	const canonicalCache = new Map<string, string>();
	for (let i = 0; i < n; i++) {
		const r = records[i];
		const f: RecordFlag[] = [];
		keys[i] = r.key;
		sources[i] = text(r.source);
		updatedAt[i] = toEpochMs(r.updatedAt) ?? Number.NaN;
		const rawEmail = fieldText(r.email, 'email', f);
		emailShown[i] = rawEmail;
		if (rawEmail !== '') {
			let packed = emailCache.get(rawEmail);
			if (packed === undefined) {
				const e = normalizeEmail(rawEmail);
				if (!e.valid || e.normalized === null) packed = verdict(INVALID, 0, e.reason ?? 'invalid email');
				else if (isBlockedValue('email', e.normalized, guard)) packed = verdict(BLOCKED, 0);
				else packed = verdict(e.isRoleAccount ? ROLE : USABLE, email.codeOf(e.normalized));
				remember(emailCache, rawEmail, packed);
			}
			const status = statusOf(packed);
			if (status === INVALID) f.push({ field: 'email', reason: reasonOf(packed) });
			else if (status === BLOCKED) f.push({ field: 'email', reason: 'placeholder value' });
			else {
				email.set(i, codeOf(packed));
				canonicalEmail[i] = email.values[i];
				if (status === ROLE) {
					emailRole[i] = 1;
					f.push({ field: 'email', reason: 'role or shared mailbox' });
				}
			}
		}
		const rawPhone = fieldText(r.phone, 'phone', f);
		phoneShown[i] = rawPhone;
		if (rawPhone !== '') {
			// Formatting characters do not change the number: one cache entry for all layouts.
			const phoneKey = rawPhone.replace(/[\s().\-/]/g, '');
			let packed = phoneCache.get(phoneKey);
			if (packed === undefined) {
				const p = normalizePhone(phoneKey, options.defaultRegion);
				// A number out of its country's assigned ranges but of a possible length is still the
				// same digits on two records; placeholders are blocked on that spelling too.
				const e164 = p.e164 ?? p.possible ?? null;
				if (e164 === null) packed = verdict(INVALID, 0, p.reason ?? 'invalid phone');
				else if (isBlockedValue('phone', e164, guard) || (p.e164 === null && FICTIONAL_LINE.test(e164))) packed = verdict(BLOCKED, 0);
				else packed = verdict(USABLE, phone.codeOf(e164), p.e164 === null ? OUT_OF_SERVICE : undefined);
				remember(phoneCache, phoneKey, packed);
			}
			const status = statusOf(packed);
			if (status === USABLE && hasReason(packed)) {
				phoneOutOfService[i] = 1;
				f.push({ field: 'phone', reason: reasonOf(packed) });
			}
			if (status === INVALID) f.push({ field: 'phone', reason: reasonOf(packed) });
			else if (status === BLOCKED) f.push({ field: 'phone', reason: 'placeholder value' });
			else phone.set(i, codeOf(packed));
		}
		// A suffix field of its own wins over one written with the name.
		const suffix = r.suffix === undefined ? '' : generationSuffix(fieldText(r.suffix, 'suffix', f));
		const rawFirst = fieldText(r.firstName, 'firstName', f);
		const rawLast = fieldText(r.lastName, 'lastName', f);
		firstShown[i] = rawFirst;
		lastShown[i] = rawLast;
		const firstName = name(rawFirst);
		const lastName = name(rawLast);
		let fn = firstName?.v ?? '';
		let ln = lastName?.v ?? '';
		if (fn === '' && ln === '' && r.fullName !== undefined) {
			const split = splitFullName(r.fullName);
			generation[i] = suffix || split.generation;
			fn = isBlockedValue('name', split.first, guard) ? '' : split.first;
			ln = isBlockedValue('name', split.last, guard) ? '' : split.last;
			first.set(i, first.codeOf(fn));
			last.set(i, last.codeOf(ln));
			// Shown as the full name writes them ("Nadia Perkins" gives Nadia and Perkins).
			firstShown[i] = writtenAs(r.fullName, fn);
			lastShown[i] = writtenAs(r.fullName, ln);
		} else {
			generation[i] = suffix || lastName?.generation || firstName?.generation || '';
			if (firstName && fn !== '') {
				if (firstName.first < 0) firstName.first = first.codeOf(fn);
				first.set(i, firstName.first);
			}
			if (lastName && ln !== '') {
				if (lastName.last < 0) lastName.last = last.codeOf(ln);
				last.set(i, lastName.last);
			}
		}
		let canon = canonicalCache.get(fn);
		if (canon === undefined) {
			canon = fn === '' ? '' : canonicalGivenName(fn);
			canonicalCache.set(fn, canon);
		}
		firstCanon[i] = canon;
		const rawDob = fieldText(r.dob, 'dob', f);
		dobShown[i] = rawDob;
		if (rawDob !== '') {
			let packed = dobCache.get(rawDob);
			if (packed === undefined) {
				const normalized = normalizeDate(rawDob, { order: options.dateOrder });
				if (normalized.iso === null) {
					// Keep the digits of a near-date (a typo'd day or month) for fuzzy comparison.
					// Only a plausible year (a slip in the day or month); year 0001 or 0000 is a
					// no-date value, and a placeholder stays blocked in any spelling.
					// A year alone ("1993") is kept as the year: it cannot link anyone, but tells a
					// father from a son of one name (see birthDatesDisagree).
					const digits = rawDob.replace(/\D/g, '');
					const yearAlone = /^\s*(19|20)\d\d\s*$/.test(rawDob);
					const nearText = digits.length === 8 ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` : yearAlone ? digits : '';
					const year = Number(digits.slice(0, 4));
					const near = nearText !== '' && year > 1 && year <= 2999 && !isBlockedValue('dob', nearText, guard) ? dob.codeOf(nearText) : 0;
					packed = verdict(INVALID, near, normalized.reason ?? 'invalid date');
				} else if (isBlockedValue('dob', normalized.iso, guard)) packed = verdict(BLOCKED, 0);
				else packed = verdict(USABLE, dob.codeOf(normalized.iso));
				remember(dobCache, rawDob, packed);
			}
			dob.set(i, codeOf(packed));
			const status = statusOf(packed);
			if (status === INVALID) {
				f.push({ field: 'dob', reason: reasonOf(packed) });
				unreadableDob[i] = 1;
			}
			else if (status === BLOCKED) f.push({ field: 'dob', reason: 'placeholder value' });
		}
		const rawStreet = fieldText(r.street, 'street', f);
		streetShown[i] = rawStreet;
		if (rawStreet !== '') {
			let code = streetCache.get(rawStreet);
			if (code === undefined) code = remember(streetCache, rawStreet, street.codeOf(normalizeAddress(rawStreet)));
			street.set(i, code);
		}
		const rawCity = fieldText(r.city, 'city', f);
		cityShown[i] = rawCity;
		if (rawCity !== '') {
			let code = cityCache.get(rawCity);
			if (code === undefined) code = remember(cityCache, rawCity, city.codeOf(fold(rawCity)));
			city.set(i, code);
		}
		const rawPostcode = fieldText(r.postcode, 'postcode', f);
		postcodeShown[i] = rawPostcode;
		if (rawPostcode !== '') {
			const country = countryOf(r.country);
			let byCountry = postcodeCache.get(country);
			if (!byCountry) postcodeCache.set(country, (byCountry = new Map()));
			let code = byCountry.get(rawPostcode);
			if (code === undefined) {
				const normalized = normalizePostcode(rawPostcode, country || undefined).normalized ?? '';
				code = remember(byCountry, rawPostcode, postcode.codeOf(normalized));
			}
			postcode.set(i, code);
		}
		state[i] = fold(text(r.state).trim());
		gender[i] = fold(text(r.gender).trim()).slice(0, 1);
		let hasIdentifier = email.codes[i] !== 0 || phone.codes[i] !== 0 || fn !== '' || ln !== '';
		if (r.ids) {
			for (const [name, value] of Object.entries(r.ids)) {
				// Read as every node reads a key: `1001.0` is `1001`, `#N/A`, `NULL` and `[]` are no key.
				const v = readPresentKey(value) ?? '';
				const c = col(`id:${name}`);
				if (v !== '' && !isBlockedValue(`id:${name}`, v, guard)) {
					c[i] = v;
					hasIdentifier = true;
				}
			}
		}
		if (r.attributes) {
			for (const [name, value] of Object.entries(r.attributes)) col(`attr:${name}`)[i] = foldName(value);
		}
		if (!hasIdentifier) {
			empty[i] = 1;
			f.push({ field: '*', reason: 'no usable identifier' });
		}
		flags[i] = f;
	}
	givenNamesFromMailboxes(first, firstCanon, last.values, email.values, emailRole, canonicalCache);
	columns.set('address', addressKeys(street.values, postcode.values, city.values));
	columns.set('nameSet', nameSets(first.values, last.values));
	const mailboxName = mailboxGivenNames(first.values, last.values, email.values, emailShown, emailRole);
	return { n, keys, sources, columns, emailRole, phoneOutOfService, updatedAt, flags, empty, codes: coded, display, canonicalEmail, generation, unreadableDob, mailboxName };
}

/**
 * The word of a full name as written whose folded form is `folded` (a given or family name that
 * splitFullName read from it): "Nadia" from "Nadia Perkins", "O'Neil" from "Ann-Marie O'Neil".
 * Without such a word (a name folded from several), the folded name itself; '' for ''.
 */
function writtenAs(fullName: unknown, folded: string): string {
	if (folded === '' || typeof fullName !== 'string') return '';
	for (const word of fullName.split(/[\s,;/&()-]+/)) if (word !== '' && foldName(word) === folded) return word.trim();
	return folded;
}

/** Given name and surname in either order ("dent bailee" for Bailee Dent and Dent Bailee): a blocking key that finds name fields swapped in one export. */
function nameSets(first: string[], last: string[]): string[] {
	return first.map((f, i) => (f === '' || last[i] === '' ? '' : f < last[i] ? `${f} ${last[i]}` : `${last[i]} ${f}`));
}

/**
 * The given name each record's personal mailbox spells: the mailbox name starts with the record's
 * given name (three letters or more), followed by a non-letter ("paul.fairbank", "paula77") or a
 * surname ("jackburke04"). "anna.smith@" does not spell Ann. Role mailboxes spell no one's name.
 * Only records whose mailboxes differ are told apart by it (see people.ts).
 */
function mailboxGivenNames(first: string[], last: string[], email: string[], shown: string[], role: Uint8Array): string[] {
	const out = new Array<string>(first.length).fill('');
	const knownSurnames = new Set(last.map((name) => name.replace(/[^a-z]/g, '')));
	knownSurnames.delete('');
	for (let i = 0; i < first.length; i++) {
		const given = first[i];
		if (given.length < 3 || email[i] === '' || role[i] === 1) continue;
		// The mailbox as written: the canonical form drops Gmail's dots, which separate the names.
		const written = shown[i].normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
		const at = written.lastIndexOf('@');
		const local = at > 0 ? written.slice(0, at) : written;
		if (!local.startsWith(given)) continue;
		// The mailbox name's leading run of letters: the given name, or the given name and more.
		const run = /^[a-z]*/.exec(local)?.[0] ?? '';
		const rest = run.slice(given.length);
		const surname = last[i].replace(/[^a-z]/g, '');
		// "paul.fairbank", "paula77", "jackburke04" (a surname the data know), not "anna.smith" for
		// Ann, "christina.x" for Chris or "roberta25" (a slip of "robert255") for Rob.
		if (rest === '' || (surname !== '' && rest.startsWith(surname)) || knownSurnames.has(rest)) out[i] = given;
	}
	return out;
}

/**
 * A record without a given name whose personal mailbox is named for a person ("christine.lucas@",
 * "kennethsheppard30@", "denise.underwood46@"): the given name the mailbox starts with, when the
 * data know it as a given name (at least two records carry it) and the rest of the mailbox name
 * is the record's surname (or starts with it) or only digits. So a surname and a postcode alone
 * no longer tie "Lucas, christine.lucas@" to Stephanie Lucas at that postcode: the mailbox says
 * Christine. A given name written as its initial is completed likewise ("K Schwartz" on
 * kathryn1976@ is Kathryn, not Kelly Schwartz on their landline). Family and role mailboxes name
 * no one and give nothing.
 */
function givenNamesFromMailboxes(first: CodedColumn, firstCanon: string[], last: string[], email: string[], role: Uint8Array, canonical: Map<string, string>): void {
	const n = first.values.length;
	const count = new Map<string, number>();
	for (let i = 0; i < n; i++) {
		const v = first.values[i];
		if (v.length >= 3 && !v.includes(' ')) count.set(v, (count.get(v) ?? 0) + 1);
	}
	for (let i = 0; i < n; i++) {
		// An initial ("k") is completed the same way when the mailbox's name starts with it.
		const initial = first.values[i].length === 1 ? first.values[i] : '';
		if ((first.values[i] !== '' && initial === '') || email[i] === '' || role[i] === 1) continue;
		const at = email[i].lastIndexOf('@');
		const local = (at > 0 ? email[i].slice(0, at) : email[i]).toLowerCase();
		const m = /^([a-z]+)[._-]?([a-z]*)(\d*)$/.exec(local);
		if (!m) continue;
		const surname = last[i].replace(/[^a-z]/g, '');
		// "christine.lucas", "christinelucas30", "christine1990": find where the given name ends.
		const letters = m[1] + m[2];
		let given = '';
		for (let k = Math.min(letters.length, 12); k >= 3 && given === ''; k--) {
			const head = letters.slice(0, k);
			const rest = letters.slice(k);
			if ((count.get(head) ?? 0) < 2) continue;
			if (rest === '' ? m[3] !== '' || surname === '' : surname !== '' && rest === surname) given = head;
		}
		if (given === '' || (initial !== '' && given[0] !== initial)) continue;
		first.set(i, first.codeOf(given));
		let canon = canonical.get(given);
		if (canon === undefined) canonical.set(given, (canon = canonicalGivenName(given)));
		firstCanon[i] = canon;
	}
}

/**
 * One key per full postal address: the normalized street with the postcode (or, without one, the
 * city); '' without a street. The unit of householding and of the address comparison's top level.
 */
export function addressKeys(street: string[], postcode: string[], city: string[]): string[] {
	const keys = new Array<string>(street.length);
	for (let i = 0; i < street.length; i++) {
		const area = postcode[i] !== '' ? postcode[i] : city[i];
		keys[i] = street[i] === '' || area === '' ? '' : `${street[i]}|${area}`;
	}
	return keys;
}

/** The columns that hold at least `minShare` non-empty values (default 1%). */
export function presentColumns(prepared: PreparedRecords, minShare = 0.01): string[] {
	const out: string[] = [];
	for (const [name, values] of prepared.columns) {
		let filled = 0;
		for (const v of values) if (v !== '') filled++;
		if (filled > 0 && filled >= minShare * prepared.n) out.push(name);
	}
	return out;
}
