// Normalize stage: input records -> columns of normalized strings ('' = missing), plus flags for
// malformed or blocked values (which are then not matched on).
import { normalizeEmail } from '../records/email';
import { normalizePhone, type CountryCode } from '../records/phone';
import { canonicalGivenName, normalizeName, splitFullName } from '../records/names';
import { normalizeDate } from '../records/dates';
import { normalizePostcode } from '../records/postcode';
import { normalizeAddress } from '../records/address';
import { foldName } from '../records/names';
import { toEpochMs } from '../records/instant';
import type { IdentityInput, RecordFlag } from './types';
import { isBlockedValue, type GuardrailOptions } from './guardrails';

export interface PreparedRecords {
	n: number;
	keys: string[];
	sources: string[];
	/** Column name -> normalized values. Built-in columns: email, phone, first, firstCanon, last, dob, street, city, postcode, state, gender; ids as `id:<name>`, attributes as `attr:<name>`. */
	columns: Map<string, string[]>;
	/** Email local parts and role flags, for comparisons and guardrails. */
	emailRole: Uint8Array;
	updatedAt: Float64Array;
	flags: RecordFlag[][];
	/** Records with no usable identifier at all. */
	empty: Uint8Array;
}

export interface PrepareOptions {
	defaultRegion?: CountryCode;
	dateOrder?: 'DMY' | 'MDY';
	guardrails?: GuardrailOptions;
}

const BASE = ['email', 'phone', 'first', 'firstCanon', 'last', 'dob', 'street', 'city', 'postcode', 'state', 'gender'];

function text(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

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
	const [email, phone, first, firstCanon, last, dob, street, city, postcode, state, gender] = BASE.map(col);
	const keys = new Array<string>(n);
	const sources = new Array<string>(n);
	const emailRole = new Uint8Array(n);
	const updatedAt = new Float64Array(n);
	const flags: RecordFlag[][] = new Array(n);
	const empty = new Uint8Array(n);
	const guard = options.guardrails ?? {};
	// Caches of normalized values (with the guardrail verdict), bounded so that a million
	// distinct values cannot exhaust memory; repeated values (the same person in several sources,
	// common dates, cities, postcodes) are normalized once.
	const CACHE_LIMIT = 1_000_000;
	const emailCache = new Map<string, { e: ReturnType<typeof normalizeEmail>; blocked: boolean }>();
	const phoneCache = new Map<string, { p: ReturnType<typeof normalizePhone>; blocked: boolean }>();
	const dobCache = new Map<string, { iso: string | null; reason?: string; blocked: boolean }>();
	const foldCache = new Map<unknown, string>();
	const fold = (value: unknown): string => {
		if (value === undefined || value === null || value === '') return '';
		let v = foldCache.get(value);
		if (v === undefined) {
			v = foldName(value);
			if (foldCache.size < CACHE_LIMIT) foldCache.set(value, v);
		}
		return v;
	};
	const postcodeCache = new Map<string, string>();
	const nameCache = new Map<unknown, string>();
	const name = (value: unknown): string => {
		if (value === undefined || value === null || value === '') return '';
		let v = nameCache.get(value);
		if (v === undefined) {
			v = normalizeName(value).normalized;
			if (isBlockedValue('name', v, guard)) v = '';
			if (nameCache.size < 200_000) nameCache.set(value, v);
		}
		return v;
	};
	const canonicalCache = new Map<string, string>();
	for (let i = 0; i < n; i++) {
		const r = records[i];
		const f: RecordFlag[] = [];
		keys[i] = r.key;
		sources[i] = text(r.source);
		updatedAt[i] = toEpochMs(r.updatedAt) ?? Number.NaN;
		const rawEmail = text(r.email).trim();
		if (rawEmail !== '') {
			let cached = emailCache.get(rawEmail);
			if (!cached) {
				const normalized = normalizeEmail(rawEmail);
				cached = { e: normalized, blocked: normalized.valid && normalized.normalized !== null && isBlockedValue('email', normalized.normalized, guard) };
				if (emailCache.size < CACHE_LIMIT) emailCache.set(rawEmail, cached);
			}
			const e = cached.e;
			if (!e.valid || e.normalized === null) f.push({ field: 'email', reason: e.reason ?? 'invalid email' });
			else if (cached.blocked) f.push({ field: 'email', reason: 'placeholder value' });
			else {
				email[i] = e.normalized;
				if (e.isRoleAccount) {
					emailRole[i] = 1;
					f.push({ field: 'email', reason: 'role or shared mailbox' });
				}
			}
		}
		const rawPhone = text(r.phone).trim();
		if (rawPhone !== '') {
			// Formatting characters do not change the number: one cache entry for all layouts.
			const phoneKey = rawPhone.replace(/[\s().\-/]/g, '');
			let cached = phoneCache.get(phoneKey);
			if (!cached) {
				const normalized = normalizePhone(phoneKey, options.defaultRegion);
				cached = { p: normalized, blocked: normalized.valid && normalized.e164 !== null && isBlockedValue('phone', normalized.e164, guard) };
				if (phoneCache.size < CACHE_LIMIT) phoneCache.set(phoneKey, cached);
			}
			const p = cached.p;
			if (!p.valid || !p.e164) f.push({ field: 'phone', reason: p.reason ?? 'invalid phone' });
			else if (cached.blocked) f.push({ field: 'phone', reason: 'placeholder value' });
			else phone[i] = p.e164;
		}
		let fn = name(r.firstName);
		let ln = name(r.lastName);
		if (fn === '' && ln === '' && r.fullName !== undefined) {
			const split = splitFullName(r.fullName);
			fn = isBlockedValue('name', split.first, guard) ? '' : split.first;
			ln = isBlockedValue('name', split.last, guard) ? '' : split.last;
		}
		first[i] = fn;
		let canon = canonicalCache.get(fn);
		if (canon === undefined) {
			canon = fn === '' ? '' : canonicalGivenName(fn);
			canonicalCache.set(fn, canon);
		}
		firstCanon[i] = canon;
		last[i] = ln;
		const rawDob = text(r.dob).trim();
		if (rawDob !== '') {
			let d = dobCache.get(rawDob);
			if (!d) {
				const normalized = normalizeDate(rawDob, { order: options.dateOrder });
				d = { iso: normalized.iso, reason: normalized.reason, blocked: normalized.iso !== null && isBlockedValue('dob', normalized.iso, guard) };
				if (dobCache.size < CACHE_LIMIT) dobCache.set(rawDob, d);
			}
			if (d.iso !== null && !d.blocked) dob[i] = d.iso;
			else if (d.iso === null) {
				// Keep the digits of a near-date (a typo'd day or month) for fuzzy comparison.
				const digits = rawDob.replace(/\D/g, '');
				if (digits.length === 8) dob[i] = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
				f.push({ field: 'dob', reason: d.reason ?? 'invalid date' });
			}
		}
		street[i] = normalizeAddress(r.street);
		city[i] = fold(r.city);
		const country = text(r.country);
		if (r.postcode === undefined || r.postcode === null || r.postcode === '') postcode[i] = '';
		else if (typeof r.postcode !== 'string') postcode[i] = normalizePostcode(r.postcode, country || undefined).normalized ?? '';
		else {
			const postcodeKey = `${country}\u0001${r.postcode}`;
			let pc = postcodeCache.get(postcodeKey);
			if (pc === undefined) {
				pc = normalizePostcode(r.postcode, country || undefined).normalized ?? '';
				if (postcodeCache.size < CACHE_LIMIT) postcodeCache.set(postcodeKey, pc);
			}
			postcode[i] = pc;
		}
		state[i] = fold(r.state);
		gender[i] = fold(r.gender).slice(0, 1);
		let hasIdentifier = email[i] !== '' || phone[i] !== '' || fn !== '' || ln !== '';
		if (r.ids) {
			for (const [name, value] of Object.entries(r.ids)) {
				const v = text(value).trim();
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
	return { n, keys, sources, columns, emailRole, updatedAt, flags, empty };
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
