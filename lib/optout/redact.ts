// The one redactor every text leaving Propagate Opt-Out passes through: vendor messages, retry
// reasons, errors and audit records. It masks every identifier of every event in the run (a
// vendor's 400 may quote another person's address), in any letter case and in the encodings a
// vendor echoes (URL, form, double URL, SHA-256 and MD5 hashes, a phone without its + or as dialled
// in its country, trunk prefix and all), and every credential secret of the node, plus anything
// shaped like a credential (Bearer …, api_key=…, Authorization: …, user:password@ in a URL) whether
// the node knew the secret or not.
import { createHash } from 'node:crypto';
import { nationalDialledDigits } from '../records';
import { maskEmail, maskId, maskPhone } from './mask';
import type { OptOutEvent } from './types';

export type IdentifierMode = 'masked' | 'hashed';

export interface RedactorInput {
	/** Every event of the run: each one's identifiers are masked in every text. */
	events?: ReadonlyArray<Pick<OptOutEvent, 'email' | 'phone' | 'customerId'>>;
	/** Raw identifier strings that did not make an event (unreadable items): masked too. */
	identifiers?: ReadonlyArray<string | undefined>;
	/** Credential secrets: API keys, tokens, passwords, webhook secrets. */
	secrets?: ReadonlyArray<string | undefined>;
	/** masked: a***@e***.com in place of an address; hashed: a neutral [email] placeholder. */
	mode?: IdentifierMode;
	/** Longest text out, cut after redaction (the one place vendor text is shortened). */
	maxLength?: number;
}

export interface Redactor {
	(text: string): string;
	/** A copy of a JSON-like value with every string redacted (keys in `keep` left as they are). */
	deep<T>(value: T, keep?: ReadonlySet<string>): T;
}

const REDACTED = '[redacted]';
export const DEFAULT_MAX_TEXT = 500;
// A secret shorter than this would mask ordinary text everywhere; no real credential is that short.
const MIN_SECRET = 4;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
// application/x-www-form-urlencoded, as URLSearchParams writes it.
const form = (s: string) => encodeURIComponent(s).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');

function encodings(value: string): string[] {
	const lower = value.toLowerCase();
	const url = encodeURIComponent(lower);
	return url === lower ? [lower] : [lower, url, encodeURIComponent(url), form(lower)];
}

// Named HTML entities for the characters of an address or phone; numeric ones are read generally.
const NAMED_ENTITIES: Record<string, string> = { commat: '@', period: '.', plus: '+', amp: '&', lowbar: '_', hyphen: '-', dash: '-', num: '#', lpar: '(', rpar: ')', sol: '/' };

/** One encoded character at i (%XX, %25XX, &#NN;, &#xHH;, &name;): [character, encoded length]. */
function encodedAt(text: string, i: number): [string, number] | undefined {
	const c = text[i];
	if (c === '%') {
		const m = /^%(?:25)*([0-7][0-9a-f])/i.exec(text.slice(i, i + 12));
		if (m) return [String.fromCharCode(parseInt(m[1], 16)), m[0].length];
	} else if (c === '&') {
		const m = /^&(?:amp;)?(?:#(\d{1,7});?|#x([0-9a-f]{1,6});?|([a-z]{2,8});)/i.exec(text.slice(i, i + 16));
		if (m) {
			const code = m[1] !== undefined ? parseInt(m[1], 10) : m[2] !== undefined ? parseInt(m[2], 16) : undefined;
			const ch = code !== undefined ? (code > 0 && code < 0x10ffff ? String.fromCodePoint(code) : undefined) : NAMED_ENTITIES[m[3].toLowerCase()];
			if (ch !== undefined && ch.length === 1) return [ch, m[0].length];
		}
	}
	return undefined;
}

/** The text decoded and lower-cased for matching, each character mapped to its original span. */
function decodeForMatching(text: string): { decoded: string; from: number[]; to: number[] } {
	let decoded = '';
	const from: number[] = [];
	const to: number[] = [];
	let i = 0;
	while (i < text.length) {
		const encoded = encodedAt(text, i);
		const raw = encoded ? encoded[0] : text[i];
		const length = encoded ? encoded[1] : 1;
		const lower = raw.toLowerCase();
		decoded += lower.length === 1 ? lower : raw;
		from.push(i);
		to.push(i + length);
		i += length;
	}
	return { decoded, from, to };
}

/** A phone's digits without a country code of 1 to 3 digits, while 7 or more remain. */
function nationalForms(digits: string): string[] {
	const out: string[] = [];
	for (let cc = 1; cc <= 3 && digits.length - cc >= 7; cc++) out.push(digits.slice(cc));
	return out;
}

const PHONE_SEPARATOR = /[\s().\-/+]/;

/** A known phone starting at j, through any separators: [end, replacement] of the longest one. */
function matchPhone(decoded: string, j: number, phones: ReadonlyMap<string, string>, maxDigits: number): [number, string] | undefined {
	let digits = '';
	let best: [number, string] | undefined;
	for (let k = j; k < decoded.length && digits.length < maxDigits; k++) {
		const c = decoded[k];
		if (c >= '0' && c <= '9') {
			digits += c;
			const replacement = phones.get(digits);
			if (replacement !== undefined && !/\d/.test(decoded[k + 1] ?? '')) best = [k + 1, replacement];
		} else if (!PHONE_SEPARATOR.test(c) || (digits === '' && c !== '+' && c !== '(')) break;
	}
	return best;
}

// Credential-shaped text, known secret or not. Each keeps its label and masks the value.
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
	// Quotes may come backslash-escaped (JSON quoted inside a JSON string).
	[/(authorization(?:\\*["'])?\s*[:=]\s*(?:\\*["'])?)[^\r\n"'\\,;}]+/gi, `$1${REDACTED}`],
	[/\b(bearer|klaviyo-api-key)(\s+)[A-Za-z0-9._~+/=%-]{4,}/gi, `$1$2${REDACTED}`],
	// "Basic auth failed" keeps its words: only credential-looking values (a digit, or 12+ characters).
	// Also "apikey <value>" with a space where the key=value pattern below wants ':' or '='.
	[/\b(basic|digest|token|api[-_ ]?key)(\s+)(?=[A-Za-z0-9._~+/=%-]*\d|[A-Za-z0-9._~+/=%-]{12})[A-Za-z0-9._~+/=%-]{4,}/gi, `$1$2${REDACTED}`],
	[
		/\b((?:x-)?(?:api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|client[-_]?secret|secret|password|passwd|pwd|token|signature|sig|key)(?:\\*["'])?\s*[:=]\s*(?:\\*["'])?)(?!bearer\b|basic\b|klaviyo-api-key\b)[^\s"'\\&,;}<>]+/gi,
		`$1${REDACTED}`,
	],
	[/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, `$1${REDACTED}@`],
];

export function createRedactor(input: RedactorInput = {}): Redactor {
	const mode = input.mode ?? 'masked';
	const maxLength = input.maxLength ?? DEFAULT_MAX_TEXT;
	// Lower-case variant -> replacement; lengths by first character for the scan. Built on first use:
	// a run where no text needs it (every vendor confirmed) pays nothing.
	const table = new Map<string, string>();
	const lengths = new Map<string, number[]>();
	// A phone's digits (with and without its country code) -> replacement: matched through any separators.
	const phoneDigits = new Map<string, string>();
	let maxPhoneDigits = 0;
	let built = false;
	const build = () => {
		built = true;
	const add = (variant: string, replacement: string) => {
		if (variant.length === 0) return;
		const existing = table.get(variant);
		// A secret wins over an identifier replacement of the same text.
		if (existing === undefined || replacement === REDACTED) table.set(variant, replacement);
	};
	const addIdentifier = (kind: 'email' | 'phone' | 'customerId', raw: string | undefined) => {
		const value = raw?.trim();
		if (!value) return;
		const replacement =
			mode === 'hashed'
				? { email: '[email]', phone: '[phone]', customerId: '[customer ID]' }[kind]
				: kind === 'email'
					? maskEmail(value)
					: kind === 'phone'
						? maskPhone(value)
						: maskId(value);
		const forms = new Set<string>([value]);
		if (kind === 'phone') {
			const digits = value.replace(/\D/g, '');
			if (digits.length >= 6) {
				forms.add(digits).add(`+${digits}`);
				for (const national of nationalForms(digits)) if (!phoneDigits.has(national)) phoneDigits.set(national, replacement);
				// As dialled inside its country, with the trunk prefix ("020 7946 0018" for +44 20 7946 0018):
				// from the number's own country and prefix, so no other number is caught.
				const dialled = nationalDialledDigits(`+${value.startsWith('+') || !digits.startsWith('00') ? digits : digits.slice(2)}`);
				if (dialled !== undefined && !phoneDigits.has(dialled)) phoneDigits.set(dialled, replacement);
				if (dialled !== undefined) maxPhoneDigits = Math.max(maxPhoneDigits, dialled.length);
				phoneDigits.set(digits, replacement);
				maxPhoneDigits = Math.max(maxPhoneDigits, digits.length);
			}
		}
		if (kind === 'customerId' && /^[a-zA-Z0-9]{18}$/.test(value)) forms.add(value.slice(0, 15)); // Salesforce 15-character form
		// A form-encoded "+" a vendor decoded to a space (jane.doe news@example.com).
		if (value.includes('+') && kind !== 'phone') forms.add(value.replace(/\+/g, ' '));
		for (const f of forms) {
			for (const variant of encodings(f)) add(variant, replacement);
			const lower = f.toLowerCase();
			// The hashes the audit itself uses, where it uses them.
			if (mode === 'hashed') {
				add(sha256(lower), replacement);
				if (lower !== f) add(sha256(f).toLowerCase(), replacement);
			}
			if (kind === 'email') add(md5(lower), replacement); // Mailchimp's subscriber hash, in its member URLs
		}
	};
	for (const event of input.events ?? []) {
		addIdentifier('email', event.email);
		addIdentifier('phone', event.phone);
		addIdentifier('customerId', event.customerId);
	}
	for (const raw of input.identifiers ?? []) {
		if (!raw) continue;
		addIdentifier(raw.includes('@') ? 'email' : /^\+?[\d ()./-]{6,}$/.test(raw) ? 'phone' : 'customerId', raw);
	}
	for (const raw of input.secrets ?? []) {
		const secret = raw?.trim();
		if (!secret || secret.length < MIN_SECRET) continue;
		for (const variant of encodings(secret)) add(variant, REDACTED);
		add(Buffer.from(secret).toString('base64').toLowerCase(), REDACTED);
	}
	for (const variant of table.keys()) {
		const list = lengths.get(variant[0]) ?? [];
		if (!list.includes(variant.length)) list.push(variant.length);
		lengths.set(variant[0], list);
	}
	for (const list of lengths.values()) list.sort((a, b) => b - a);
	};

	const redactKnown = (text: string): string => {
		if (!built) build();
		if (table.size === 0 && phoneDigits.size === 0) return text;
		// Match on the decoded text (percent-encoding of any part, double encoding, HTML entities),
		// lower-cased; `from`/`to` map each decoded character back to its span of the original.
		const { decoded, from, to } = decodeForMatching(text);
		let out = '';
		let j = 0;
		while (j < decoded.length) {
			let end = -1;
			let replacement: string | undefined;
			for (const length of lengths.get(decoded[j]) ?? []) {
				replacement = table.get(decoded.substr(j, length));
				if (replacement !== undefined) {
					end = j + length;
					break;
				}
			}
			if (end < 0 && phoneDigits.size > 0 && !/\d/.test(decoded[j - 1] ?? '')) {
				const phone = matchPhone(decoded, j, phoneDigits, maxPhoneDigits);
				if (phone) [end, replacement] = phone;
			}
			if (end > j && replacement !== undefined) {
				out += replacement;
				j = end;
			} else {
				out += text.slice(from[j], to[j]);
				j++;
			}
		}
		return out;
	};

	const redact = ((text: string): string => {
		if (typeof text !== 'string' || text === '') return text;
		let out = redactKnown(text);
		for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
		// Cut only now: a cut before redaction could leave part of an address no variant matches.
		return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
	}) as Redactor;

	redact.deep = <T>(value: T, keep: ReadonlySet<string> = new Set()): T => {
		const walk = (v: unknown): unknown => {
			if (typeof v === 'string') return redact(v);
			if (Array.isArray(v)) return v.map(walk);
			if (v && typeof v === 'object') {
				const out: Record<string, unknown> = {};
				for (const [key, inner] of Object.entries(v as Record<string, unknown>)) out[key] = keep.has(key) ? inner : walk(inner);
				return out;
			}
			return v;
		};
		return walk(value) as T;
	};
	return redact;
}

const SECRET_FIELD = /key|token|secret|password|passphrase|signature/i;

/** Every secret a credential holds (keys, tokens, passwords, OAuth token data), for the redactor. */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	const secrets: string[] = [];
	const walk = (value: unknown, key: string) => {
		if (typeof value === 'string') {
			if (SECRET_FIELD.test(key)) {
				secrets.push(value);
				// A Mailchimp API key is "<key>-<data centre>" (…-us21): the key without its data centre is
				// the secret part, and may be quoted alone.
				const dataCentre = /^(.{8,})-[a-z]{2,}\d+$/.exec(value.trim());
				if (dataCentre) secrets.push(dataCentre[1]);
			}
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, /oauthTokenData/i.test(key) ? `${k}Token` : k);
		}
	};
	walk(credentials, '');
	return secrets;
}
