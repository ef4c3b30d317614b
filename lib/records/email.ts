// Email normalization shared by identity resolution and suppression. The raw value is kept; the
// normalized form is the mailbox as the provider delivers it, so variants of one inbox compare equal.

export interface NormalizedEmail {
	raw: string;
	/** The canonical mailbox, or null when the value is not an email address. */
	normalized: string | null;
	/** Trimmed and lowercased only: what ESPs and ad platforms hash (SHA-256) when they exchange lists. */
	simple: string | null;
	valid: boolean;
	reason?: string;
	domain?: string;
	/** A role or shared mailbox (info@, sales@, noreply@ ...), not one person. */
	isRoleAccount: boolean;
}

/** Providers where dots in the local part are ignored and +tags are sub-addresses. */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
/** Providers with +tag sub-addressing (dots significant). */
const PLUS_TAG_DOMAINS = new Set([
	'outlook.com',
	'hotmail.com',
	'live.com',
	'msn.com',
	'hotmail.co.uk',
	'outlook.co.uk',
	'live.co.uk',
	'icloud.com',
	'me.com',
	'mac.com',
	'fastmail.com',
	'protonmail.com',
	'proton.me',
]);

/** Consumer mailbox providers: two of them are two services, however alike their names (gmail.com / hotmail.com). */
const MAILBOX_PROVIDERS = new Set([
	...GMAIL_DOMAINS,
	...PLUS_TAG_DOMAINS,
	'yahoo.com', 'ymail.com', 'rocketmail.com', 'aol.com', 'aim.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
	'cox.net', 'charter.net', 'earthlink.net', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 'mail.com', 'zoho.com', 'yandex.com',
	'yandex.ru', 'mail.ru', 'qq.com', '163.com', 'orange.fr', 'free.fr', 'btinternet.com', 'sky.com', 'virginmedia.com',
]);

/** True for a well-known consumer mailbox provider's domain (Gmail, Yahoo, Outlook, AOL, Comcast, GMX...). */
export function isMailboxProvider(domain: string): boolean {
	return MAILBOX_PROVIDERS.has(domain) || domain.startsWith('yahoo.');
}

export const ROLE_MAILBOXES = new Set([
	'abuse', 'accounts', 'admin', 'administrator', 'billing', 'careers', 'contact', 'customerservice', 'enquiries',
	'enquiry', 'feedback', 'finance', 'hello', 'help', 'helpdesk', 'hostmaster', 'hr', 'info', 'inquiries', 'jobs',
	'mail', 'marketing', 'media', 'newsletter', 'no-reply', 'noreply', 'do-not-reply', 'donotreply', 'office', 'orders',
	'postmaster', 'press', 'privacy', 'root', 'sales', 'security', 'service', 'support', 'team', 'webmaster',
]);

// Pragmatic syntax: one @, a dot-atom-ish local part, a domain with a dot and a 2+ letter TLD. It is
// /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
// checked by hand: the regex was a tenth of bulk suppression time (test/lib/records checks parity).
const LOCAL_CHARS = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-") LOCAL_CHARS[c.charCodeAt(0)] = 1;

const isLetter = (c: number) => c >= 97 && c <= 122;
const isLetterOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** Whether `text` has the pragmatic email syntax above; returns the position of its @, or -1. */
export function emailSyntaxAt(text: string): number {
	const length = text.length;
	let at = 0;
	while (at < length) {
		const c = text.charCodeAt(at);
		if (c === 64) break;
		if (c >= 128 || LOCAL_CHARS[c] === 0) return -1;
		at++;
	}
	if (at === 0 || at > 64 || at >= length) return -1;
	// Labels end with a dot; the last dot-free run is the TLD.
	const lastDot = text.lastIndexOf('.');
	if (lastDot <= at) return -1;
	const tldLength = length - lastDot - 1;
	if (tldLength < 2 || tldLength > 63) return -1;
	for (let i = lastDot + 1; i < length; i++) if (!isLetter(text.charCodeAt(i))) return -1;
	let start = at + 1;
	while (start < lastDot) {
		let end = start;
		while (end < lastDot && text.charCodeAt(end) !== 46) end++;
		const labelLength = end - start;
		if (labelLength < 1 || labelLength > 63) return -1;
		if (!isLetterOrDigit(text.charCodeAt(start)) || !isLetterOrDigit(text.charCodeAt(end - 1))) return -1;
		for (let i = start + 1; i < end - 1; i++) {
			const c = text.charCodeAt(i);
			if (c !== 45 && !isLetterOrDigit(c)) return -1;
		}
		start = end + 1;
	}
	return start === lastDot + 1 ? at : -1;
}

function isYahoo(domain: string): boolean {
	return domain === 'yahoo.com' || domain.startsWith('yahoo.') || domain === 'ymail.com' || domain === 'rocketmail.com';
}

export function normalizeEmail(value: unknown): NormalizedEmail {
	const raw = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
	// Strip a display name ("Ann <ann@x.com>") and mailto:, common in CRM exports.
	let text = raw.trim().toLowerCase();
	if (text.includes('<')) {
		const angle = /<([^<>]+)>\s*$/.exec(text);
		if (angle) text = angle[1].trim();
	}
	if (text.startsWith('mailto:')) text = text.slice(7);
	if (NON_ASCII.test(text)) text = asciiAddress(text);
	if (text === '') return { raw, normalized: null, simple: null, valid: false, reason: 'empty', isRoleAccount: false };
	const at = text.length > 254 ? -1 : emailSyntaxAt(text);
	if (at < 0 || text.includes('..') || text.charCodeAt(0) === 46 || text.charCodeAt(at - 1) === 46) {
		return { raw, normalized: null, simple: null, valid: false, reason: 'not an email address', isRoleAccount: false };
	}
	const domain = text.slice(at + 1);
	const isRoleAccount = ROLE_MAILBOXES.has(stripTag(text.slice(0, at), '+'));
	const gmail = GMAIL_DOMAINS.has(domain);
	const canonical = providerCanonical(text, at, domain, gmail);
	if (canonical === null) return { raw, normalized: null, simple: null, valid: false, reason: 'empty mailbox name', isRoleAccount: false };
	return { raw, normalized: canonical, simple: text, valid: true, domain: gmail ? 'gmail.com' : domain, isRoleAccount };
}

const NON_ASCII = /[^\x00-\x7f]/;
// Zero-width and soft-hyphen characters pasted along with addresses (trim() already drops the
// no-break space and the BOM at the ends).
const INVISIBLE = /[\u00a0\u00ad\u180e\u200b-\u200d\u2060\ufeff]/g;

/**
 * The address without invisible characters, its internationalized domain in the ASCII (punycode)
 * form DNS and most ESPs use: `anna@bücher.de` is `anna@xn--bcher-kva.de`. The conversion is the
 * runtime's own WHATWG URL host parser (node:url is not allowed in community nodes); a domain it
 * refuses is left as is and fails the syntax check.
 */
function asciiAddress(text: string): string {
	const visible = text.replace(INVISIBLE, '').trim();
	const at = visible.lastIndexOf('@');
	const domain = visible.slice(at + 1);
	// Only a bare host name goes to the URL parser: it would drop a port or a path.
	if (at < 0 || !NON_ASCII.test(domain) || /[\s:/?#@\\[\]%]/.test(domain)) return visible;
	try {
		const host = new URL(`http://${domain}`).hostname;
		return NON_ASCII.test(host) ? visible : `${visible.slice(0, at + 1)}${host}`;
	} catch {
		return visible;
	}
}

/** Applies the provider's rules; most addresses come back unchanged, as the same string. */
function providerCanonical(text: string, at: number, domain: string, gmail: boolean): string | null {
	let local: string;
	if (gmail) {
		local = stripTag(text.slice(0, at), '+').replace(/\./g, '');
		return local === '' ? null : `${local}@gmail.com`;
	}
	if (PLUS_TAG_DOMAINS.has(domain)) local = stripTag(text.slice(0, at), '+');
	else if (isYahoo(domain)) local = stripTag(text.slice(0, at), '-');
	else return text;
	return local === '' ? null : `${local}@${domain}`;
}

/** The mailbox with any +tag removed, whatever the provider: the broadest match, for failing closed. */
export function withoutPlusTag(normalized: string): string {
	const at = normalized.lastIndexOf('@');
	const plus = normalized.indexOf('+');
	return plus > 0 && plus < at ? normalized.slice(0, plus) + normalized.slice(at) : normalized;
}

function stripTag(local: string, separator: string): string {
	const index = local.indexOf(separator);
	return index > 0 ? local.slice(0, index) : local;
}
