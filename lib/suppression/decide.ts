import { normalizeEmail, normalizePhone, sha256Hex, toEpochMs, withoutPlusTag, type CountryCode } from '../records';
import type { IdentifierKind, SuppressionIndex } from './listIndex';
import type { AudienceMember, ConsentStatus, Decision, Reason, SuppressionPolicy } from './types';

const DAY_MS = 86_400_000;

const CONSENT_WORDS: Record<string, ConsentStatus> = {
	opted_in: 'opted_in', optedin: 'opted_in', 'opted in': 'opted_in', opt_in: 'opted_in', 'opt-in': 'opted_in', subscribed: 'opted_in',
	yes: 'opted_in', true: 'opted_in', granted: 'opted_in', '1': 'opted_in',
	opted_out: 'opted_out', optedout: 'opted_out', 'opted out': 'opted_out', opt_out: 'opted_out', 'opt-out': 'opted_out',
	unsubscribed: 'opted_out', no: 'opted_out', false: 'opted_out', withdrawn: 'opted_out', denied: 'opted_out', '0': 'opted_out',
};

/** Opted in, opted out, or unknown (anything else, including missing). */
export function consentStatus(value: unknown): ConsentStatus {
	if (typeof value === 'boolean') return value ? 'opted_in' : 'opted_out';
	if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONSENT_WORDS, value)) return CONSENT_WORDS[value];
	const word = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
	return Object.prototype.hasOwnProperty.call(CONSENT_WORDS, word) ? CONSENT_WORDS[word] : 'unknown';
}

function given(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Consent from the status field and the opt-in / opt-out timestamps, failing closed: an opted-out
 * status always wins; a recorded opt-out wins unless a readable opt-in is newer (and not after the
 * decision time); an opt-out whose date cannot be read still counts; an opt-in counts only when its
 * date, if given, is readable and not after the decision time.
 */
export function resolveConsent(member: Pick<AudienceMember, 'consent' | 'optedInAt' | 'optedOutAt'>, asOf: number): { status: ConsentStatus; detail?: string } {
	const field = consentStatus(member.consent);
	const inGiven = given(member.optedInAt);
	const inAt = inGiven ? toEpochMs(member.optedInAt) : null;
	const outGiven = given(member.optedOutAt);
	const outAt = outGiven ? toEpochMs(member.optedOutAt) : null;
	const inUsable = inAt !== null && inAt <= asOf;
	if (field === 'opted_out') return { status: 'opted_out', detail: outAt !== null ? `Consent was withdrawn (opted out ${iso(outAt)})` : undefined };
	if (outGiven) {
		if (outAt === null) return { status: 'opted_out', detail: 'An opt-out is recorded but its date cannot be read' };
		if (!(inUsable && inAt > outAt)) {
			return { status: 'opted_out', detail: `Opted out ${iso(outAt)}${inAt !== null ? `, after the opt-in of ${iso(inAt)}` : ''}` };
		}
		return { status: 'opted_in' }; // opted in again after the opt-out
	}
	if (inGiven) {
		if (inAt === null) return { status: 'unknown', detail: 'the opt-in date cannot be read' };
		if (!inUsable) return { status: 'unknown', detail: `the opt-in is dated ${iso(inAt)}, after the decision time` };
		return { status: 'opted_in' };
	}
	return { status: field };
}

function truthy(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') return ['true', 'yes', '1', 'hard', 'hard_bounce', 'bounced', 'complaint', 'spam'].includes(value.trim().toLowerCase());
	return false;
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
function checkList(index: SuppressionIndex, policy: SuppressionPolicy, by: IdentifierKind, key: string, reasons: Reason[]): void {
	addHits(index.lookup(by, key), index, policy, by, reasons);
}

/** The same for a SHA-256 list, from the normalized form the digest is taken of. */
function checkHashed(index: SuppressionIndex, policy: SuppressionPolicy, form: string, reasons: Reason[]): void {
	addHits(index.lookup('sha256', sha256Hex(form)), index, policy, 'sha256', reasons);
}

function addHits(hit: number | number[] | undefined, index: SuppressionIndex, policy: SuppressionPolicy, by: IdentifierKind, reasons: Reason[]): void {
	if (hit === undefined) return;
	// No per-hit array or closure: most members hit one entry or none, a million times over.
	if (typeof hit === 'number') addHit(hit, index, policy, by, reasons);
	else for (const entry of hit) addHit(entry, index, policy, by, reasons);
}

function addHit(entry: number, index: SuppressionIndex, policy: SuppressionPolicy, by: IdentifierKind, reasons: Reason[]): void {
	for (const r of reasons) if (r.matched?.entry === entry) return;
	const { scope, expiresAt, reason } = index.entries[entry];
	if (expiresAt !== null && expiresAt <= policy.asOf) return;
	if (scope !== 'global' && scope !== policy.channel && !policy.lists.includes(scope)) return;
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
	if (email.normalized) {
		const bare = withoutPlusTag(email.normalized);
		checkList(index, policy, 'email', bare, reasons);
		if (index.hasHashes) {
			// ESPs hash the trimmed lowercase address; our canonical forms are tried too.
			const simple = email.simple!;
			checkHashed(index, policy, simple, reasons);
			if (email.normalized !== simple) checkHashed(index, policy, email.normalized, reasons);
			if (bare !== simple && bare !== email.normalized) checkHashed(index, policy, bare, reasons);
		}
	}
	const phoneGiven = member.phone !== undefined && member.phone !== null && String(member.phone).trim() !== '';
	const phone = phoneGiven ? normalizePhone(member.phone, policy.defaultRegion as CountryCode | undefined) : null;
	if (phone?.e164) {
		checkList(index, policy, 'phone', phone.e164, reasons);
		if (index.hasHashes) {
			checkHashed(index, policy, phone.e164, reasons);
			checkHashed(index, policy, phone.e164.slice(1), reasons);
		}
	}
	const customerId = typeof member.customerId === 'string' ? member.customerId.trim() : typeof member.customerId === 'number' ? String(member.customerId) : '';
	if (customerId) checkList(index, policy, 'customerId', customerId, reasons);

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
	if (policy.channel !== 'email' && emailGiven && !email.normalized) warnings.push(`email not matched against the list: ${email.reason}`);
	if (policy.channel !== 'sms' && phone && !phone.e164) warnings.push(`phone not matched against the list: ${phone.reason}`);

	const consent = resolveConsent(member, policy.asOf);
	if (consent.status === 'opted_out') reasons.push({ code: 'opted_out', detail: consent.detail ?? 'Consent was withdrawn (opted out)' });
	const country = consent.status === 'unknown' && typeof member.country === 'string' ? member.country.trim().toUpperCase() : '';
	if (consent.status === 'unknown' && (policy.optInChannels.includes(policy.channel) || (country !== '' && policy.optInCountries.includes(country)))) {
		const where = policy.optInChannels.includes(policy.channel) ? `the ${policy.channel} channel` : `country ${country}`;
		reasons.push({ code: 'no_opt_in', detail: `No recorded opt-in${consent.detail ? ` (${consent.detail})` : ''}, and ${where} requires one` });
	} else if (consent.status === 'unknown' && consent.detail) {
		warnings.push(`consent unknown: ${consent.detail}`);
	}
	if (truthy(member.bounced)) reasons.push({ code: 'hard_bounce', detail: 'The address hard-bounced' });
	if (truthy(member.complained)) reasons.push({ code: 'complaint', detail: 'The person marked a message as spam' });
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
		for (const send of sendsOnChannel(member.sends, policy.channel)) {
			const at = toEpochMs(send);
			if (at === null) unreadable++;
			else if (at > since && at <= policy.asOf) recent++;
		}
		if (unreadable > 0) warnings.push(`${unreadable} send time(s) in the history are not dates and were not counted`);
		if (recent >= maxMessages) {
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

/** Send times on `channel` from a list of times, an object of lists by channel, or { channel, at } records. */
function sendsOnChannel(sends: unknown, channel: string): unknown[] {
	if (sends === undefined || sends === null || sends === '') return [];
	if (!Array.isArray(sends)) {
		if (typeof sends === 'object' && !(sends instanceof Date)) {
			const own = Object.prototype.hasOwnProperty.call(sends, channel) ? (sends as Record<string, unknown>)[channel] : undefined;
			return own === undefined || own === null ? [] : Array.isArray(own) ? own : [own];
		}
		return [sends];
	}
	const times: unknown[] = [];
	for (const send of sends) {
		if (send !== null && typeof send === 'object' && !(send instanceof Date)) {
			const record = send as Record<string, unknown>;
			const on = typeof record.channel === 'string' ? record.channel.trim().toLowerCase() : '';
			// A send whose channel is not stated counts against every channel (failing closed).
			if (on === '' || on === channel) times.push(record.at ?? record.sentAt ?? record.timestamp);
		} else times.push(send);
	}
	return times;
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
