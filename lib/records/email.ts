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

export const ROLE_MAILBOXES = new Set([
	'abuse', 'accounts', 'admin', 'administrator', 'billing', 'careers', 'contact', 'customerservice', 'enquiries',
	'enquiry', 'feedback', 'finance', 'hello', 'help', 'helpdesk', 'hostmaster', 'hr', 'info', 'inquiries', 'jobs',
	'mail', 'marketing', 'media', 'newsletter', 'no-reply', 'noreply', 'do-not-reply', 'donotreply', 'office', 'orders',
	'postmaster', 'press', 'privacy', 'root', 'sales', 'security', 'service', 'support', 'team', 'webmaster',
]);

// Pragmatic syntax: one @, a dot-atom-ish local part, a domain with a dot and a 2+ letter TLD.
const EMAIL_PATTERN = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

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
	if (text === '') return { raw, normalized: null, simple: null, valid: false, reason: 'empty', isRoleAccount: false };
	if (text.length > 254 || !EMAIL_PATTERN.test(text) || text.includes('..') || text.startsWith('.') || text.includes('.@')) {
		return { raw, normalized: null, simple: null, valid: false, reason: 'not an email address', isRoleAccount: false };
	}
	const at = text.lastIndexOf('@');
	const domain = text.slice(at + 1);
	const isRoleAccount = ROLE_MAILBOXES.has(stripTag(text.slice(0, at), '+'));
	const canonical = providerCanonical(text, at, domain);
	if (canonical === null) return { raw, normalized: null, simple: null, valid: false, reason: 'empty mailbox name', isRoleAccount: false };
	return { raw, normalized: canonical, simple: text, valid: true, domain: GMAIL_DOMAINS.has(domain) ? 'gmail.com' : domain, isRoleAccount };
}

/** Applies the provider's rules; most addresses come back unchanged, as the same string. */
function providerCanonical(text: string, at: number, domain: string): string | null {
	let local: string;
	if (GMAIL_DOMAINS.has(domain)) {
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
