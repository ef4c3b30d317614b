import { expectedInstant, FULL_WIDTH_ASCII, isMissingValue, UNICODE_DASHES, isSha256Hex, KEY_INVISIBLE, normalizeEmail, normalizePhone, readInstantSpan, readKey, withoutPlusTag, type CountryCode, type DateOrder } from '../records';
import { KeyTable } from './keyTable';
import type { SuppressionRecord } from './types';

/** What made an entry unusable: the field and what was expected. */
export interface EntryProblem {
	entry: number;
	field: Exclude<keyof SuppressionRecord, 'otherValues'>;
	expected: string;
}

export interface IndexedEntry {
	scope: string;
	expiresAt: number | null;
	reason?: string;
}

const GLOBAL_ENTRY: IndexedEntry = Object.freeze({ scope: 'global', expiresAt: null });

/**
 * raw: the lowercase text of identifiers that could not be normalized, so they still match.
 * phoneDigits: the digits of a list phone without a country code (no default region), matched
 * against the end of an audience number; customerIdDigits: a list customer ID of digits without
 * its leading zeros, matched by a numeric audience ID (a JSON number or a spreadsheet drops them).
 */
export type IdentifierKind = 'email' | 'phone' | 'customerId' | 'sha256' | 'raw' | 'phoneDigits' | 'customerIdDigits';

/** Fewest digits of a list phone without a country code that still match the end of an audience number. */
export const MIN_PHONE_DIGITS = 7;

/**
 * Suppression entries by identifier: the mailbox without +tag, the E.164 phone, the customer ID,
 * the lowercase SHA-256. One table per kind, keyed by the value itself: building prefixed keys cost
 * more than the lookups (measured in bench/suppression.ts). A key may hold several entries
 * (different scopes or expiries).
 */
export class SuppressionIndex {
	readonly entries: IndexedEntry[] = [];
	readonly problems: EntryProblem[] = [];
	hasHashes = false;
	hasRaw = false;
	hasPhoneDigits = false;
	hasCustomerIdDigits = false;
	/** Entries with no identifier at all: every entry, when the list's columns are not the mapped ones. */
	withoutIdentifier = 0;
	private readonly tables: Record<IdentifierKind, KeyTable> = {
		email: new KeyTable(),
		phone: new KeyTable(),
		customerId: new KeyTable(),
		sha256: new KeyTable(),
		raw: new KeyTable(),
		phoneDigits: new KeyTable(),
		customerIdDigits: new KeyTable(),
	};

	lookup(kind: IdentifierKind, key: string): number | number[] | undefined {
		const table = this.tables[kind];
		return table.size === 0 ? undefined : table.get(key);
	}

	/** List E.164 numbers by every ending of their digits of MIN_PHONE_DIGITS or more: built on first use. */
	private phoneEndings?: KeyTable;

	/**
	 * The entries of list numbers (E.164) whose digits end in `digits`: an audience number written
	 * without a country code ("(408) 555-0142" and no default region) against the list, as a list
	 * number without one is matched against the end of audience numbers (phoneDigits).
	 */
	lookupPhoneEnding(digits: string): number | number[] | undefined {
		if (this.tables.phone.size === 0 || digits.length < MIN_PHONE_DIGITS) return undefined;
		if (this.phoneEndings === undefined) {
			const endings = new KeyTable();
			this.tables.phone.forEach((e164, entries) => {
				const all = e164.slice(1);
				for (let k = 0; all.length - k >= MIN_PHONE_DIGITS; k++) for (const entry of typeof entries === 'number' ? [entries] : entries) endings.add(all.slice(k), entry);
			});
			this.phoneEndings = endings;
		}
		return this.phoneEndings.get(digits);
	}

	add(kind: IdentifierKind, key: string, entry: number): void {
		this.tables[kind].add(key, entry);
	}

	get size(): number {
		return this.tables.email.size + this.tables.phone.size + this.tables.customerId.size + this.tables.sha256.size + this.tables.raw.size;
	}
}

function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return '';
}

/**
 * The identifier values of one field: a value, or each element of an array (CRM exports nest
 * them). An object (`{ value: "..." }`, `{ email: "..." }`) is not an identifier: its text is kept
 * so it is reported, and its string and number leaves are values too, so what it names applies.
 */
function identifierValues(value: unknown): string[] {
	const out: string[] = [];
	for (const one of Array.isArray(value) ? value : [value]) {
		if (isMissingValue(one)) continue;
		const t = text(one);
		if (t !== '') out.push(t);
		else {
			out.push(String(one));
			if (typeof one === 'object' && one !== null) leaves(one, out, 0);
		}
	}
	return out;
}

/** The string and number leaves of a nested value, a few levels deep. */
function leaves(value: unknown, out: string[], depth: number): void {
	if (depth > 3) return;
	for (const child of Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)) {
		if (isMissingValue(child)) continue;
		const t = text(child);
		if (t !== '') out.push(t);
		else if (typeof child === 'object' && child !== null) leaves(child, out, depth + 1);
	}
}

/** Text that may hide an address among other words: spaces, quotes, brackets, separators, non-ASCII. */
const GARBLED = /[\s"'<>()|,;]|[^\x00-\x7f]/;

/**
 * Bytes no address holds that broken exports leave in a cell: C0 and C1 control characters (a NUL,
 * a BEL) and U+FFFD, the mark of a failed decoding. Dropped, so the address around them applies;
 * where U+FFFD stood for a letter the entry then holds a namesake too, which errs closed.
 */
const STRAY = /[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]/g;

/**
 * The addresses a list cell that is not an address still names, as exports garble them: any
 * space as a plain space, zero-width characters, bidi marks and a BOM dropped, full-width letters,
 * digits, `＠` and `．` as ASCII, stray control bytes and U+FFFD dropped, `(comments)` dropped,
 * spaces around the @ closed up and a doubled @ made one, then each word holding an @ without the
 * quotes, brackets and trailing dots around it; an @ written as quoted-printable `=40` or
 * percent-encoded `%40` in a cell without one is read as an @ (`Jane Doe <jane@x.com>.`,
 * `"jane@x.com"`, `jane@x.com.`, `jane @ x.com`, `ｊａｎｅ＠x.com`, `a@x.com | b@y.com`, `jane@@x.com`).
 * The generated SQL repairs list cells the same way (lib/warehouse/suppression.ts).
 */
export function repairedAddresses(text: string): string[] {
	const out: string[] = [];
	for (const word of repairedAddressWords(text)) {
		const normalized = normalizeEmail(word).normalized;
		if (normalized && !out.includes(normalized)) out.push(normalized);
	}
	return out;
}

/**
 * The words of a garbled cell that may be addresses, repaired as repairedAddresses describes, before
 * normalizeEmail: the audience side (lib/suppression decide) normalizes each itself, for its hashes.
 */
export function repairedAddressWords(text: string): string[] {
	// An address without an @ may hide it encoded: quoted-printable `=40` (also in an RFC 2047
	// `=?UTF-8?Q?...?=` word) or percent-encoded `%40` (a mailto: link).
	const decoded = text.includes('@') ? text : text.replace(/=\?[^?]*\?q\?/gi, ' ').replace(/\?=/g, ' ').replace(/=40|%40/g, '@');
	const cleaned = decoded
		.replace(/\s/g, ' ')
		.replace(KEY_INVISIBLE, '')
		.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(STRAY, '')
		.replace(/\([^()]*\)/g, ' ')
		.replace(/ *@ */g, '@')
		.replace(/@@+/g, '@');
	const out: string[] = [];
	for (const word of cleaned.split(/[ ,;|]+/)) {
		if (!word.includes('@')) continue;
		const stripped = word.replace(/^["'<(`]+|["'>`).]+$/g, '');
		if (!out.includes(stripped)) out.push(stripped);
	}
	return out;
}

/**
 * The E.164 numbers a list cell that is not one phone number still names: each of several numbers
 * separated by `;`, `,`, `|` or `/`; a number pandas wrote as a float (`14155550101.0`) or Excel in
 * scientific notation (`1.4155550101E+10`) as its digits.
 */
export function repairedPhones(text: string, defaultRegion?: string): string[] {
	const region = defaultRegion as CountryCode | undefined;
	const trimmed = text.trim();
	const out: string[] = [];
	const add = (candidate: string) => {
		const e164 = normalizePhone(candidate, region).e164;
		if (e164 && !out.includes(e164)) out.push(e164);
	};
	if (/^[+]?\d+\.0+$/.test(trimmed)) add(trimmed.slice(0, trimmed.indexOf('.')));
	else if (/^\d(\.\d+)?e\+?\d+$/i.test(trimmed)) {
		const number = Number(trimmed);
		if (Number.isSafeInteger(number)) add(String(number));
	} else if (/[;,|/]/.test(trimmed)) for (const part of trimmed.split(/[;,|/]+/)) if (part.trim() !== '') add(part.trim());
	return out;
}

/** The lowercase hex of a SHA-256 digest, any case, optionally prefixed `sha256:`; else null. */
function digestOf(value: string): string | null {
	const hex = /^sha-?256:/i.test(value) ? value.slice(value.indexOf(':') + 1).trim() : value;
	return isSha256Hex(hex) ? hex.toLowerCase() : null;
}

/** Words in a scope name that mean every channel and list (a channel word in the same name wins). Generated SQL: lib/warehouse/suppression.ts. */
export const GLOBAL_SCOPE_WORDS = /(^|[^a-z0-9])(all|global|everything|marketing|promotional|promotions)([^a-z0-9]|$)/;
/** Words in a scope name that make it a channel's. */
export const SCOPE_CHANNEL_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
	['email', /(^|[^a-z0-9])(e[\s_-]?mails?|mails?)([^a-z0-9]|$)/],
	['sms', /(^|[^a-z0-9])(sms|mms|texts?|text[\s_-]?messages?)([^a-z0-9]|$)/],
	['push', /(^|[^a-z0-9])push([\s_-]?notifications?)?([^a-z0-9]|$)/],
];

/** Scope words that mean every channel and list. */
const GLOBAL_SCOPES = new Set(['global', 'all', '*', 'any', 'everything']);
/** Other names of the channels, compared without spaces, hyphens and underscores. */
const CHANNEL_SYNONYMS: Readonly<Record<string, string>> = {
	email: 'email', mail: 'email', emails: 'email',
	sms: 'sms', text: 'sms', textmessage: 'sms', textmessages: 'sms', texts: 'sms', mms: 'sms',
	push: 'push', pushnotification: 'push', pushnotifications: 'push',
};

/**
 * The scope of an entry: "global" for missing, global, all, * and any; otherwise the lowercase
 * name, channels by their own name (`text`, `TEXT_MESSAGE`, `mms` are sms; `mail`, `e-mail` are
 * email). A list scope (`email,sms`, `a;b`, `a|b`) becomes its names joined by commas: the entry
 * applies to each of them.
 */
export function entryScope(value: unknown): string {
	if (isMissingValue(value)) return 'global';
	const names: string[] = [];
	// Invisible characters dropped, full-width letters and Unicode dashes folded (`Ｅmail`, `E‑mail`).
	const folded = text(value)
		.replace(KEY_INVISIBLE, '')
		.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(UNICODE_DASHES, '-');
	for (const part of folded.toLowerCase().split(/[,;|]/)) {
		const name = part.trim();
		if (name === '') continue;
		if (GLOBAL_SCOPES.has(name)) return 'global';
		// Words as ESPs and CRMs write them: a channel word makes it that channel ("Email Marketing",
		// "marketing_emails", "SMS opt-out"); else a word for everything makes it global ("All
		// Channels", "unsubscribe_all", "Global Unsubscribe", "marketing", "promotional").
		const channel =
			CHANNEL_SYNONYMS[name.replace(/[\s_-]+/g, '')] ??
			SCOPE_CHANNEL_WORDS.find(([, words]) => words.test(name))?.[0] ??
			(GLOBAL_SCOPE_WORDS.test(name) ? 'global' : name);
		if (channel === 'global') return 'global';
		if (!names.includes(channel)) names.push(channel);
	}
	return names.length === 0 ? 'global' : names.join(',');
}

/** The names of an entryScope: one, or several for a list scope. */
export function scopeNames(scope: string): string[] {
	return scope.includes(',') ? scope.split(',') : [scope];
}

/**
 * Builds the index. An entry with an identifier that cannot be normalized, no identifier, or an
 * expiry that cannot be read is reported in `problems` (the node stops, or with Continue On Fail
 * shows an error item), and still applies as far as it can: its other identifiers are indexed as
 * usual, an unusable one by its raw lowercase text (matched against the audience's raw text), and
 * an unreadable expiry counts as never expiring. Nobody an entry names gets through because the
 * entry was malformed.
 */
export function buildSuppressionIndex(records: Iterable<SuppressionRecord>, defaultRegion?: string, dateOrder: DateOrder = 'ISO'): SuppressionIndex {
	const index = new SuppressionIndex();
	let entry = 0;
	for (const record of records) {
		const position = entry++;
		let expiresAt: number | null = null;
		if (!isMissingValue(record.expiresAt)) {
			// Until the latest moment it can stand for: a day-only expiry ("2026-01-01") until that day
			// has ended in every time zone, a time without a zone until it has passed in UTC-12.
			const span = readInstantSpan(record.expiresAt, dateOrder);
			if (span === null) index.problems.push({ entry: position, field: 'expiresAt', expected: `${expectedInstant(dateOrder)}; the entry applies as if it never expired` });
			else expiresAt = span.latest;
		}
		const scope = entryScope(record.scope);
		const reason = record.reason === undefined ? undefined : text(record.reason) || undefined;
		// Most entries are plain global ones: share one object for them (a million entries add up).
		index.entries.push(scope === 'global' && expiresAt === null && reason === undefined ? GLOBAL_ENTRY : { scope, expiresAt, reason });
		let keys = 0;
		const unusable = (field: EntryProblem['field'], expected: string, raw: string) => {
			index.problems.push({ entry: position, field, expected });
			index.add('raw', raw.toLowerCase(), position);
			index.hasRaw = true;
			keys++;
		};
		const addHash = (digest: string) => {
			index.add('sha256', digest, position);
			index.hasHashes = true;
			keys++;
		};
		if (record.email !== undefined) {
			for (const value of identifierValues(record.email)) {
				// A hash in the email column, or several addresses in one cell ("a@x.com; b@y.com").
				const digest = digestOf(value);
				const whole = normalizeEmail(value).normalized;
				const addresses = whole || digest || !/[;,]/.test(value) ? [value] : value.split(/[;,]/).filter((part) => part.trim() !== '');
				const added: string[] = [];
				const addEmail = (normalized: string) => {
					const key = withoutPlusTag(normalized);
					if (added.includes(key)) return;
					added.push(key);
					index.add('email', key, position);
					keys++;
				};
				for (const email of addresses) {
					const normalized = email === value && whole ? whole : normalizeEmail(email).normalized;
					if (normalized) addEmail(normalized);
					else if (digest) addHash(digest);
					else {
						// A garbled cell still applies to every address it names; only one naming none is unusable.
						const repaired = repairedAddresses(email);
						repaired.forEach(addEmail);
						if (repaired.length === 0) unusable('email', 'an email address', email);
					}
				}
				// Words glued into one address ("Jane\u00a0Doe\u00a0jane@x.com" reads as janedoejane@x.com once
				// the no-break spaces go): every address the cell's words name applies too.
				if (!digest && GARBLED.test(value)) repairedAddresses(value).forEach(addEmail);
			}
		}
		if (record.phone !== undefined) {
			for (const phone of identifierValues(record.phone)) {
				const normalized = normalizePhone(phone, defaultRegion as CountryCode | undefined);
				// A garbled cell (several numbers, a pandas float, Excel's scientific notation) still applies to each number it names.
				const numbers = normalized.e164 ? [normalized.e164] : repairedPhones(phone, defaultRegion);
				if (numbers.length === 0) {
					unusable('phone', 'a phone number with country code (or set a default region)', phone);
					// Still applies to every audience number it can be: one ending in its digits
					// (without a trunk prefix: "(408) 555-0142", "0207 946 0018").
					const digits = phone.replace(/\D/g, '').replace(/^0+/, '');
					if (digits.length >= MIN_PHONE_DIGITS) {
						index.add('phoneDigits', digits, position);
						index.hasPhoneDigits = true;
					}
				}
				for (const e164 of numbers) {
					index.add('phone', e164, position);
					keys++;
				}
			}
		}
		if (record.customerId !== undefined) {
			const raw = record.customerId;
			if (typeof raw === 'number' && Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
				// Beyond 2^53 the number was rounded on reading: it may name someone else; keep it as text too.
				unusable('customerId', 'a customer ID as text (a number beyond 2^53 has been rounded)', readKey(raw));
			} else
				for (const customerId of identifierValues(raw)) {
					const key = readKey(customerId);
					index.add('customerId', key, position);
					keys++;
					// "00123": an audience ID read as the number 123 may be this one.
					if (/^0+\d/.test(key) && /^\d+$/.test(key)) {
						index.add('customerIdDigits', key.replace(/^0+(?=\d)/, ''), position);
						index.hasCustomerIdDigits = true;
					}
				}
		}
		if (record.sha256 !== undefined) {
			for (const hash of identifierValues(record.sha256)) {
				const digest = digestOf(hash);
				if (digest) addHash(digest);
				else unusable('sha256', 'a 64-character hex SHA-256 digest', hash);
			}
		}
		if (keys === 0) {
			// Fail closed: whoever its other fields name (an address anywhere, a number written with +) is still held.
			let named = 0;
			for (const value of record.otherValues ?? []) {
				for (const other of identifierValues(value)) {
					for (const address of repairedAddresses(other)) {
						index.add('email', withoutPlusTag(address), position);
						named++;
					}
					if (/^\s*\+/.test(other)) {
						const e164 = normalizePhone(other, defaultRegion as CountryCode | undefined).e164;
						if (e164) {
							index.add('phone', e164, position);
							named++;
						}
					}
				}
			}
			const applied = named > 0 ? `; it applies to the ${named} address(es) and number(s) its other fields name` : '';
			index.problems.push({ entry: position, field: 'email', expected: `at least one identifier (email, phone, customer ID or SHA-256 hash)${applied}` });
			index.withoutIdentifier++;
		}
	}
	return index;
}
