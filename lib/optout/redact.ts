// The one redactor every text leaving Propagate Opt-Out passes through: vendor messages, retry
// reasons, errors and audit records. It masks every identifier of every event in the run (a
// vendor's 400 may quote another person's address), in any letter case and in the encodings a
// vendor echoes (URL, form, double URL, SHA-256 and MD5 hashes, a phone without its +), and every
// credential secret of the node, plus anything shaped like a credential (Bearer …, api_key=…,
// Authorization: …, user:password@ in a URL) whether the node knew the secret or not.
import { createHash } from 'node:crypto';
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
}

export interface Redactor {
	(text: string): string;
	/** A copy of a JSON-like value with every string redacted (keys in `keep` left as they are). */
	deep<T>(value: T, keep?: ReadonlySet<string>): T;
}

const REDACTED = '[redacted]';
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

// Credential-shaped text, known secret or not. Each keeps its label and masks the value.
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
	[/(authorization["']?\s*[:=]\s*["']?)[^\r\n"',;}]+/gi, `$1${REDACTED}`],
	[/\b(bearer|klaviyo-api-key)(\s+)[A-Za-z0-9._~+/=%-]{4,}/gi, `$1$2${REDACTED}`],
	// "Basic auth failed" keeps its words: only credential-looking values (a digit, or 12+ characters).
	[/\b(basic|digest|token)(\s+)(?=[A-Za-z0-9._~+/=%-]*\d|[A-Za-z0-9._~+/=%-]{12})[A-Za-z0-9._~+/=%-]{4,}/gi, `$1$2${REDACTED}`],
	[
		/\b((?:x-)?(?:api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|client[-_]?secret|secret|password|passwd|pwd|token|signature|sig|key)["']?\s*[:=]\s*["']?)(?!bearer\b|basic\b|klaviyo-api-key\b)[^\s"'&,;}<>]+/gi,
		`$1${REDACTED}`,
	],
	[/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, `$1${REDACTED}@`],
];

export function createRedactor(input: RedactorInput = {}): Redactor {
	const mode = input.mode ?? 'masked';
	// Lower-case variant -> replacement; lengths by first character for the scan. Built on first use:
	// a run where no text needs it (every vendor confirmed) pays nothing.
	const table = new Map<string, string>();
	const lengths = new Map<string, number[]>();
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
			if (digits.length >= 6) forms.add(digits).add(`+${digits}`);
		}
		if (kind === 'customerId' && /^[a-zA-Z0-9]{18}$/.test(value)) forms.add(value.slice(0, 15)); // Salesforce 15-character form
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
		if (table.size === 0) return text;
		const lower = text.toLowerCase();
		// toLowerCase keeps UTF-16 length for the text we scan except a few rare letters; fall back
		// to scanning the lower-case text itself when it does not.
		const source = lower.length === text.length ? text : lower;
		let out = '';
		let i = 0;
		while (i < lower.length) {
			const candidates = lengths.get(lower[i]);
			let matched = false;
			if (candidates) {
				for (const length of candidates) {
					const replacement = table.get(lower.substr(i, length));
					if (replacement !== undefined) {
						out += replacement;
						i += length;
						matched = true;
						break;
					}
				}
			}
			if (!matched) out += source[i++];
		}
		return out;
	};

	const redact = ((text: string): string => {
		if (typeof text !== 'string' || text === '') return text;
		let out = redactKnown(text);
		for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
		return out;
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
