import {
	DAY_MS,
	expectedInstant,
	isMissingValue,
	normalizeEmail,
	normalizePhone,
	readBoolean,
	readConsent,
	readInstantSpan,
	readPresentKey,
	sha256Hex,
	toEpochMs,
	valueKind,
	withoutPlusTag,
	type CountryCode,
	type DateOrder,
} from '../records';
import { entryScope, MIN_PHONE_DIGITS, repairedAddressWords, scopeNames, type IdentifierKind, type SuppressionIndex } from './listIndex';
import type { AudienceMember, ConsentStatus, Decision, Reason, SuppressionPolicy } from './types';

/** The consent field read as a status (see lib/records readConsent for the vocabulary). */
export function consentStatus(value: unknown): ConsentStatus {
	const reading = readConsent(value);
	return reading === 'missing' ? 'unknown' : reading;
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface ConsentResolution {
	status: ConsentStatus;
	detail?: string;
	/** Consent dates that were given but cannot be read: each holds the person back. */
	unreadable: Array<{ field: 'optedInAt' | 'optedOutAt'; kind: string }>;
}

/**
 * Consent from the status field and the opt-in / opt-out timestamps, failing closed: an opted-out
 * status always wins; a recorded opt-out wins unless a readable opt-in is newer (and not after the
 * decision time); an opt-out whose date cannot be read still counts; an opt-in counts only when its
 * date, if given, is readable and not after the decision time. Unreadable dates are listed.
 */
export function resolveConsent(
	member: Pick<AudienceMember, 'consent' | 'optedInAt' | 'optedOutAt'>,
	asOf: number,
	dateOrder: DateOrder = 'ISO',
): ConsentResolution {
	const field = consentStatus(member.consent);
	const unreadable: ConsentResolution['unreadable'] = [];
	const inGiven = !isMissingValue(member.optedInAt);
	const inAt = inGiven ? toEpochMs(member.optedInAt, dateOrder) : null;
	const outGiven = !isMissingValue(member.optedOutAt);
	const outAt = outGiven ? toEpochMs(member.optedOutAt, dateOrder) : null;
	if (inGiven && inAt === null) unreadable.push({ field: 'optedInAt', kind: valueKind(member.optedInAt) });
	if (outGiven && outAt === null) unreadable.push({ field: 'optedOutAt', kind: valueKind(member.optedOutAt) });
	const inUsable = inAt !== null && inAt <= asOf;
	if (field === 'opted_out') return { status: 'opted_out', detail: outAt !== null ? `Consent was withdrawn (opted out ${iso(outAt)})` : undefined, unreadable };
	if (outGiven) {
		if (outAt === null) return { status: 'opted_out', detail: 'An opt-out is recorded but its date cannot be read', unreadable };
		// Opted in again only when certainly after the opt-out: a date without a time could be any
		// time of that day, in any time zone.
		const inSpan = inGiven ? readInstantSpan(member.optedInAt, dateOrder) : null;
		const outSpan = readInstantSpan(member.optedOutAt, dateOrder);
		if (!(inUsable && inSpan !== null && outSpan !== null && inSpan.earliest > outSpan.latest)) {
			return { status: 'opted_out', detail: `Opted out ${iso(outAt)}${inAt !== null ? `, after the opt-in of ${iso(inAt)}` : ''}`, unreadable };
		}
		// Opted in again after the opt-out, unless the status field says something else closed.
		return { status: field === 'unrecognized' || field === 'not_opted_in' ? field : 'opted_in', unreadable };
	}
	if (inGiven && field !== 'unrecognized' && field !== 'not_opted_in') {
		if (inAt === null) return { status: 'unknown', detail: 'the opt-in date cannot be read', unreadable };
		if (!inUsable) return { status: 'unknown', detail: `the opt-in is dated ${iso(inAt)}, after the decision time`, unreadable };
		return { status: 'opted_in', unreadable };
	}
	return { status: field, unreadable };
}

// ESP words for a bounce or complaint (SendGrid, Mailgun, SES, Postmark, Braze exports), compared
// with case, spaces and hyphens folded to underscores.
const BOUNCE_OR_COMPLAINT_WORDS = new Set([
	'hard', 'hard_bounce', 'hardbounce', 'bounced', 'bounce', 'blocked', 'block', 'complaint', 'complained', 'spam', 'spam_report',
	'spamreport', 'spam_complaint', 'abuse', 'abuse_report', 'invalid', 'invalid_email', 'suppressed', 'dropped',
]);
const NO_BOUNCE_OR_COMPLAINT_WORDS = new Set(['none', 'no_bounce', 'not_bounced', 'no_complaint', 'ok', 'clean', 'delivered', 'valid']);

/**
 * A bounce or complaint flag: 'yes' for yes values as lib/records reads them, any non-zero number or
 * a word naming it; 'no' for no values, missing values and words saying none; else 'unknown'
 * (which holds the person back: an unknown word may be some ESP's bounce).
 */
export function readBounceOrComplaint(value: unknown): 'yes' | 'no' | 'unknown' {
	if (typeof value === 'number') return Number.isNaN(value) ? 'no' : value !== 0 ? 'yes' : 'no';
	if (isMissingValue(value)) return 'no';
	const yesNo = readBoolean(value);
	if (yesNo === 1) return 'yes';
	if (yesNo === 0) return 'no';
	if (typeof value !== 'string') return 'unknown';
	const word = value.trim().toLowerCase().replace(/[\s_-]+/g, '_');
	return BOUNCE_OR_COMPLAINT_WORDS.has(word) ? 'yes' : NO_BOUNCE_OR_COMPLAINT_WORDS.has(word) ? 'no' : 'unknown';
}

const hourFormatters = new Map<string, Intl.DateTimeFormat | null>();

/** Local hour 0-23 at `when` in an IANA time zone, or null for an unknown zone. */
export function localHour(timeZone: string, when: number): number | null {
	let formatter = hourFormatters.get(timeZone);
	if (formatter === undefined) {
		try {
			formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
		} catch {
			formatter = null;
		}
		hourFormatters.set(timeZone, formatter);
	}
	if (!formatter) return null;
	return Number(formatter.format(when)) % 24;
}

function inQuietHours(hour: number, start: number, end: number): boolean {
	return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
}

/** Adds a reason for each in-scope, unexpired list entry under this identifier, once per entry. */
/** The identifier a list match is reported by (a digits-only table reports as its own kind). */
type MatchedBy = NonNullable<Reason['matched']>['by'];

function checkList(index: SuppressionIndex, policy: SuppressionPolicy, by: IdentifierKind, key: string, reasons: Reason[], warnings: string[], reportedAs = by as MatchedBy): void {
	addHits(index.lookup(by, key), index, policy, reportedAs, reasons, warnings);
}

/** The same for a SHA-256 list, from the normalized form the digest is taken of. */
function checkHashed(index: SuppressionIndex, policy: SuppressionPolicy, form: string, reasons: Reason[], warnings: string[]): void {
	addHits(index.lookup('sha256', sha256Hex(form)), index, policy, 'sha256', reasons, warnings);
}

function addHits(hit: number | number[] | undefined, index: SuppressionIndex, policy: SuppressionPolicy, by: MatchedBy, reasons: Reason[], warnings: string[]): void {
	if (hit === undefined) return;
	// No per-hit array or closure: most members hit one entry or none, a million times over.
	if (typeof hit === 'number') addHit(hit, index, policy, by, reasons, warnings);
	else for (const entry of hit) addHit(entry, index, policy, by, reasons, warnings);
}

const CHANNELS = new Set(['email', 'sms', 'push']);

/** Whether every name of an entry's scope is one this send knows: global, a channel, or one of its lists. */
export function isKnownScope(scope: string, policy: Pick<SuppressionPolicy, 'lists'>): boolean {
	return scopeNames(scope).every((name) => name === 'global' || CHANNELS.has(name) || policy.lists.includes(name));
}

/** The name of an entry's scope that makes it apply to this send, or undefined. */
function applyingScope(scope: string, policy: SuppressionPolicy): string | undefined {
	if (scope === 'global' || scope === policy.channel || policy.lists.includes(scope)) return scope;
	if (!scope.includes(',')) return undefined;
	return scopeNames(scope).find((name) => name === policy.channel || policy.lists.includes(name));
}

function addHit(entry: number, index: SuppressionIndex, policy: SuppressionPolicy, by: MatchedBy, reasons: Reason[], warnings: string[]): void {
	for (const r of reasons) if (r.matched?.entry === entry) return;
	const { scope, expiresAt, reason } = index.entries[entry];
	if (expiresAt !== null && expiresAt <= policy.asOf) return;
	if (applyingScope(scope, policy) === undefined) {
		if (!isKnownScope(scope, policy)) {
			const warning = `suppression list entry ${entry} is scoped to "${scope}", which is not global, a channel or one of this send's lists: not applied`;
			if (!warnings.includes(warning)) warnings.push(warning);
		}
		return;
	}
	reasons.push({
		code: 'suppression_list',
		detail: `On the suppression list (${scope}${reason ? `: ${reason}` : ''}), matched by ${by}`,
		matched: reason ? { by, scope, entry, reason } : { by, scope, entry },
	});
}

/**
 * Decides one member: every reason that applies is listed, not just the first. Fails closed: the
 * channel's own identifier must normalize, unknown consent is suppressed where opt-in is required,
 * an unknown time zone is held back when quiet hours apply.
 */
export function decide(member: AudienceMember, index: SuppressionIndex, policy: SuppressionPolicy): Decision {
	const reasons: Reason[] = [];
	const warnings: string[] = [];
	const email = normalizeEmail(member.email);
	const emailGiven = email.raw.trim() !== '';
	let emailRepaired = false;
	const checkEmail = (normalized: string, simple: string) => {
		const bare = withoutPlusTag(normalized);
		checkList(index, policy, 'email', bare, reasons, warnings);
		if (index.hasHashes) {
			// ESPs hash the trimmed lowercase address; our canonical forms are tried too.
			checkHashed(index, policy, simple, reasons, warnings);
			if (normalized !== simple) checkHashed(index, policy, normalized, reasons, warnings);
			if (bare !== simple && bare !== normalized) checkHashed(index, policy, bare, reasons, warnings);
			// The address as typed without its +tag, dots kept: what lists built by stripping tags hash.
			const simpleBare = withoutPlusTag(simple);
			if (simpleBare !== simple && simpleBare !== normalized && simpleBare !== bare) checkHashed(index, policy, simpleBare, reasons, warnings);
		}
	};
	if (email.normalized) checkEmail(email.normalized, email.simple!);
	else if (emailGiven) {
		// A garbled cell (a trailing dot, full-width letters, quotes, a name before the address) is
		// matched by every address it names, as list cells are (repairedAddresses): on another
		// channel's send it is not the address sent to, but an entry naming it still holds the person.
		for (const word of repairedAddressWords(email.raw)) {
			const repaired = normalizeEmail(word);
			if (!repaired.normalized) continue;
			checkEmail(repaired.normalized, repaired.simple!);
			emailRepaired = true;
		}
	}
	const phoneGiven = member.phone !== undefined && member.phone !== null && String(member.phone).trim() !== '';
	const phone = phoneGiven ? normalizePhone(member.phone, policy.defaultRegion as CountryCode | undefined) : null;
	if (phone?.e164) {
		checkList(index, policy, 'phone', phone.e164, reasons, warnings);
		if (index.hasHashes) {
			checkHashed(index, policy, phone.e164, reasons, warnings);
			checkHashed(index, policy, phone.e164.slice(1), reasons, warnings);
		}
		// List numbers written without a country code: every number ending in their digits.
		if (index.hasPhoneDigits) {
			const digits = phone.e164.slice(1);
			for (let k = 0; digits.length - k >= MIN_PHONE_DIGITS; k++) checkList(index, policy, 'phoneDigits', digits.slice(k), reasons, warnings, 'phone');
		}
	}
	let phoneByDigits = false;
	if (phone && !phone.e164) {
		// A number written without a country code ("(408) 555-0142", no default region): matched as
		// list numbers without one are, by its digits (trunk zeros dropped) against the end of list
		// numbers, and list numbers without a country code against the end of its digits.
		// A number not in service but of a possible length is read without its extension and with
		// its country code ("955-335-9315 x400" is 19553359315), so its every ending is tried.
		const digits = (phone.possible ? phone.possible.slice(1) : String(member.phone).replace(/\D/g, '')).replace(/^0+/, '');
		if (digits.length >= MIN_PHONE_DIGITS) {
			phoneByDigits = true;
			addHits(index.lookupPhoneEnding(digits), index, policy, 'phone', reasons, warnings);
			if (index.hasPhoneDigits) for (let k = 0; digits.length - k >= MIN_PHONE_DIGITS; k++) checkList(index, policy, 'phoneDigits', digits.slice(k), reasons, warnings, 'phone');
		}
	}
	// A missing marker (`NULL`, `N/A`) is no customer ID: no push to customer "NULL".
	const customerId = readPresentKey(member.customerId) ?? '';
	if (typeof member.customerId === 'number' && Number.isInteger(member.customerId) && !Number.isSafeInteger(member.customerId)) {
		// An 18-digit ID read as a JSON number was rounded: the list match by ID cannot be trusted.
		reasons.push({ code: 'invalid_identifier', detail: 'The customer ID is a number beyond 2^53, rounded on reading: read it as text' });
	}
	if (customerId) checkList(index, policy, 'customerId', customerId, reasons, warnings);
	if (customerId && index.hasCustomerIdDigits && /^\d+$/.test(customerId)) checkList(index, policy, 'customerIdDigits', customerId.replace(/^0+(?=\d)/, ''), reasons, warnings, 'customerId');
	if (index.hasRaw) {
		// Entries whose identifier could not be normalized match on the raw lowercase text.
		const rawEmail = email.raw.trim().toLowerCase();
		if (rawEmail) checkList(index, policy, 'raw', rawEmail, reasons, warnings);
		if (phoneGiven) checkList(index, policy, 'raw', String(member.phone).trim().toLowerCase(), reasons, warnings);
		if (customerId) checkList(index, policy, 'raw', customerId.toLowerCase(), reasons, warnings);
	}

	// The channel's own address must be usable; other identifiers that fail are warned about.
	if (policy.channel === 'email') {
		if (!emailGiven) reasons.push({ code: 'missing_identifier', detail: 'No email address to send to' });
		else if (!email.normalized) reasons.push({ code: 'invalid_identifier', detail: `The email address cannot be normalized (${email.reason})` });
	} else if (policy.channel === 'sms') {
		if (!phone) reasons.push({ code: 'missing_identifier', detail: 'No phone number to send to' });
		else if (!phone.e164) reasons.push({ code: 'invalid_identifier', detail: `The phone number cannot be normalized (${phone.reason})` });
	} else if (!customerId) {
		reasons.push({ code: 'missing_identifier', detail: 'No customer ID to send a push notification to' });
	}
	if (policy.channel !== 'email' && emailGiven && !email.normalized) {
		warnings.push(emailRepaired ? `email cannot be normalized (${email.reason}): matched against the list as the address(es) it names` : `email not matched against the list: ${email.reason}`);
	}
	if (policy.channel !== 'sms' && phone && !phone.e164) {
		warnings.push(phoneByDigits ? `phone cannot be normalized (${phone.reason}): matched by its digits against the end of list numbers` : `phone not matched against the list: ${phone.reason}`);
	}

	const consent = resolveConsent(member, policy.asOf, policy.dateOrder);
	const fieldName = (field: keyof AudienceMember) => policy.fieldNames?.[field] ?? field;
	for (const { field, kind } of consent.unreadable) {
		const what = field === 'optedInAt' ? 'opt-in' : 'opt-out';
		reasons.push({ code: 'unreadable_date', detail: `The ${what} date in "${fieldName(field)}" cannot be read (${kind}); expected ${expectedInstant(policy.dateOrder ?? 'ISO')}` });
	}
	if (consent.status === 'opted_out') reasons.push({ code: 'opted_out', detail: consent.detail ?? 'Consent was withdrawn (opted out)' });
	else if (consent.status === 'not_opted_in') {
		reasons.push({ code: 'no_opt_in', detail: `The consent status in "${fieldName('consent')}" says there is no opt-in (e.g. pending confirmation, transactional only)` });
	} else if (consent.status === 'unrecognized') {
		// Err closed: an unknown word may be some system's opt-out, so it never makes anyone eligible.
		reasons.push({ code: 'unknown_consent_value', detail: `The consent value in "${fieldName('consent')}" is not a recognised consent word (${valueKind(member.consent)})` });
	}
	const country = consent.status === 'unknown' && typeof member.country === 'string' ? member.country.trim().toUpperCase() : '';
	if (consent.status === 'unknown' && (policy.optInChannels.includes(policy.channel) || (country !== '' && policy.optInCountries.includes(country)))) {
		const where = policy.optInChannels.includes(policy.channel) ? `the ${policy.channel} channel` : `country ${country}`;
		reasons.push({ code: 'no_opt_in', detail: `No recorded opt-in${consent.detail ? ` (${consent.detail})` : ''}, and ${where} requires one` });
	} else if (consent.status === 'unknown' && consent.detail) {
		warnings.push(`consent unknown: ${consent.detail}`);
	}
	const bounced = readBounceOrComplaint(member.bounced);
	if (bounced === 'yes') reasons.push({ code: 'hard_bounce', detail: 'The address hard-bounced' });
	else if (bounced === 'unknown') {
		reasons.push({ code: 'unknown_flag_value', detail: `The bounce value in "${fieldName('bounced')}" is not a recognised yes/no or bounce word (${valueKind(member.bounced)})` });
	}
	const complained = readBounceOrComplaint(member.complained);
	if (complained === 'yes') reasons.push({ code: 'complaint', detail: 'The person marked a message as spam' });
	else if (complained === 'unknown') {
		reasons.push({ code: 'unknown_flag_value', detail: `The complaint value in "${fieldName('complained')}" is not a recognised yes/no or complaint word (${valueKind(member.complained)})` });
	}
	if (policy.channel === 'email' && policy.suppressRoleAccounts && email.isRoleAccount) {
		reasons.push({ code: 'role_account', detail: 'A role or shared mailbox, not a person' });
	}
	if (email.normalized && policy.testPatterns.length > 0 && policy.testPatterns.some((pattern) => matchesPattern(email.normalized!, email.simple!, pattern))) {
		reasons.push({ code: 'test_account', detail: 'A test or seed address' });
	}

	if (policy.frequencyCap) {
		const { maxMessages, windowDays } = policy.frequencyCap;
		const since = policy.asOf - windowDays * DAY_MS;
		let recent = 0;
		let unreadable = 0;
		const unknownChannels = new Set<string>();
		for (const send of sendsOnChannel(member.sends, policy.channel, unknownChannels)) {
			const at = toEpochMs(send, policy.dateOrder ?? 'ISO');
			if (at === null) unreadable++;
			else if (at > since && at <= policy.asOf) recent++;
		}
		if (unknownChannels.size > 0) {
			const names = [...unknownChannels].slice(0, 3).map((name) => `"${name.slice(0, 40)}"`);
			warnings.push(`sends in "${fieldName('sends')}" on ${names.join(', ')}, not a channel (email, sms, push): counted against this ${policy.channel} send's cap`);
		}
		if (unreadable > 0) {
			// An unreadable send may be a recent one: hold back rather than risk going over the cap.
			reasons.push({
				code: 'frequency_cap',
				detail: `${unreadable} send(s) in "${fieldName('sends')}" cannot be read as ${expectedInstant(policy.dateOrder ?? 'ISO')}: the cap of ${maxMessages} cannot be checked`,
			});
		} else if (recent >= maxMessages) {
			reasons.push({ code: 'frequency_cap', detail: `${recent} message(s) in the last ${windowDays} day(s); the cap is ${maxMessages}` });
		}
	}

	if (policy.quietHours) {
		const zone = typeof member.timeZone === 'string' ? member.timeZone.trim() : '';
		const hour = zone ? localHour(zone, policy.asOf) : null;
		if (hour === null) {
			reasons.push({ code: 'quiet_hours', detail: zone ? 'Unknown time zone: quiet hours cannot be checked' : 'No time zone: quiet hours cannot be checked' });
		} else if (inQuietHours(hour, policy.quietHours.startHour, policy.quietHours.endHour)) {
			reasons.push({ code: 'quiet_hours', detail: `It is ${hour}:00 for this person (${zone}), inside quiet hours` });
		}
	}
	return { eligible: reasons.length === 0, reasons, warnings };
}

const SEND_TIME_KEYS = ['at', 'sentAt', 'sent_at', 'timestamp', 'date', 'time', 'sent', 'sentOn', 'sent_on', 'createdAt', 'created_at'];

const sendChannels = new Map<string, string[]>();

/**
 * The channels a send's channel name says, read as list entry scopes are (entryScope: any case,
 * hyphens, `e-mail`, `EMAIL`, `Email Marketing`, `text` for sms): ['global'] for a missing name or
 * a word for everything; a name that is no channel stays as its lowercase self.
 */
function channelsOf(name: unknown): string[] {
	const key = typeof name === 'string' ? name : String(name);
	let names = sendChannels.get(key);
	if (names === undefined) {
		names = scopeNames(entryScope(name));
		if (sendChannels.size < 1000) sendChannels.set(key, names);
	}
	return names;
}

/**
 * Whether a send on these channels counts against `channel`: its own, a word for every channel, or a
 * name that is no channel at all (counted everywhere, failing closed, and listed in `unknown`); a
 * send on another channel only does not.
 */
function countsOn(names: readonly string[], channel: string, unknown: Set<string>): boolean {
	let counts = false;
	for (const name of names) {
		if (name === channel || name === 'global') counts = true;
		else if (!CHANNELS.has(name)) {
			unknown.add(name);
			counts = true;
		}
	}
	return counts;
}

/**
 * Send times on `channel` from a list of times, an object of lists by channel, { channel, at }
 * records (`sentAt`, `sent_at`, `timestamp`, `date` ... are read too), a JSON text of any of these,
 * or comma-separated text. Channel names are read as scopes are (channelsOf); a name that is no
 * channel counts on every channel and is added to `unknown`. What cannot be read comes back as is,
 * so it is counted as unreadable.
 */
function sendsOnChannel(sends: unknown, channel: string, unknown: Set<string>, out: unknown[] = [], depth = 0): unknown[] {
	if (isMissingValue(sends)) return out;
	if (depth > 4) {
		out.push(sends);
		return out;
	}
	if (Array.isArray(sends)) {
		for (const send of sends) {
			if (send !== null && typeof send === 'object' && !(send instanceof Date) && !Array.isArray(send)) {
				const record = send as Record<string, unknown>;
				// A send whose channel is not stated counts against every channel (failing closed).
				if (isMissingValue(record.channel) || countsOn(channelsOf(record.channel), channel, unknown)) out.push(sendTime(record));
			} else if (!isMissingValue(send)) sendsOnChannel(send, channel, unknown, out, depth + 1);
		}
		return out;
	}
	if (typeof sends === 'string') {
		const text = sends.trim();
		if (text.startsWith('[') || text.startsWith('{')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(text);
			} catch {
				out.push(sends);
				return out;
			}
			return sendsOnChannel(parsed, channel, unknown, out, depth + 1);
		}
		// One date (which may hold commas itself, "Mar 15, 2024"), or a comma/semicolon-separated list.
		if (!/[,;|]/.test(text) || toEpochMs(text) !== null) out.push(text);
		else for (const part of text.split(/[,;|]/)) if (part.trim() !== '') out.push(part.trim());
		return out;
	}
	if (typeof sends === 'object' && !(sends instanceof Date)) {
		const record = sends as Record<string, unknown>;
		// One send record rather than lists by channel.
		if (record.channel !== undefined || SEND_TIME_KEYS.some((key) => record[key] !== undefined)) return sendsOnChannel([record], channel, unknown, out, depth + 1);
		// Lists by channel, keyed in any spelling ({ Email: [...] }, { EMAIL: [...] }, { "e-mail": [...] }).
		for (const key of Object.keys(record)) if (countsOn(channelsOf(key), channel, unknown)) sendsOnChannel(record[key], channel, unknown, out, depth + 1);
		return out;
	}
	out.push(sends);
	return out;
}

/** The time of one send record, or the record itself when it has none (then it is unreadable). */
function sendTime(record: Record<string, unknown>): unknown {
	for (const key of SEND_TIME_KEYS) if (!isMissingValue(record[key])) return record[key];
	return record;
}

function matchesPattern(normalized: string, simple: string, pattern: string): boolean {
	const trimmed = pattern.trim();
	if (!trimmed) return false;
	const regex = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
	if (regex) {
		try {
			const re = new RegExp(regex[1], regex[2]);
			return re.test(normalized) || re.test(simple);
		} catch {
			return false;
		}
	}
	const needle = trimmed.toLowerCase();
	return normalized.includes(needle) || simple.includes(needle);
}
