import type { DateOrder } from '../records';
import type { HouseholdReasonCode } from './household';

export type Channel = 'email' | 'sms' | 'push';

/** One do-not-contact entry, from the suppression input (an ESP export, a CRM list, a table). */
export interface SuppressionRecord {
	email?: unknown;
	phone?: unknown;
	customerId?: unknown;
	/** Hex SHA-256 of a normalized email or phone, as ESPs and ad platforms exchange lists. */
	sha256?: unknown;
	/** global (also all, *), a channel (email, sms, push), or the name of a list or brand. Missing: global. */
	scope?: unknown;
	/** When the entry stops applying (any instant lib/records reads); missing: never; unreadable: never (and reported). */
	expiresAt?: unknown;
	reason?: unknown;
	/**
	 * The entry's other values, given when it has no identifier under any name: each address they
	 * name (and each number written with `+`) still applies, and the entry is still reported.
	 */
	otherValues?: unknown[];
}

/**
 * opted_in / opted_out; not_opted_in: a status that says there is no opt-in (Mailchimp pending,
 * transactional); unknown: no consent information; unrecognized: a consent word this pack does not know.
 */
export type ConsentStatus = 'opted_in' | 'opted_out' | 'not_opted_in' | 'unknown' | 'unrecognized';

/** One person of the audience, as the decision sees them. */
export interface AudienceMember {
	email?: unknown;
	phone?: unknown;
	customerId?: unknown;
	consent?: unknown;
	/** When consent was given (ISO date or epoch ms): an opt-in counts only once it is on record. */
	optedInAt?: unknown;
	/** When consent was withdrawn: an opt-out newer than the last opt-in wins over the status field. */
	optedOutAt?: unknown;
	bounced?: unknown;
	complained?: unknown;
	country?: unknown;
	timeZone?: unknown;
	/**
	 * Send history for frequency caps: an array of send times on this campaign's channel (ISO strings
	 * or epoch ms), an object of such arrays by channel ({ email: [...], sms: [...] }), or an array of
	 * { channel, at } records (a send log; `sentAt` and `timestamp` are read too).
	 */
	sends?: unknown;
}

export interface FrequencyCap {
	maxMessages: number;
	windowDays: number;
}

export interface QuietHours {
	/** Local hour (0-23) when quiet time starts, inclusive. */
	startHour: number;
	/** Local hour (0-23) when it ends, exclusive; may wrap past midnight (e.g. 21 to 8). */
	endHour: number;
}

export interface SuppressionPolicy {
	channel: Channel;
	/** Named lists or brands this send belongs to: entries scoped to them apply. */
	lists: string[];
	/** The moment of the decision (epoch ms): expiry, caps and quiet hours are judged at it. */
	asOf: number;
	/** Channels where consent must be an explicit opt-in (unknown consent is suppressed). */
	optInChannels: Channel[];
	/** Countries (ISO 3166 alpha-2) where any channel needs an explicit opt-in. */
	optInCountries: string[];
	suppressRoleAccounts: boolean;
	/** Test or seed addresses: substrings or /regex/ of the normalized email, held out of real sends. */
	testPatterns: string[];
	frequencyCap?: FrequencyCap;
	quietHours?: QuietHours;
	defaultRegion?: string;
	/** Order of day and month in numeric dates (03/04/2026). Default ISO: such dates are not read (fail closed). */
	dateOrder?: DateOrder;
	/** The item field behind each audience field, for reasons that name the field (default: the field's own name). */
	fieldNames?: Partial<Record<keyof AudienceMember, string>>;
}

export type ReasonCode =
	| 'suppression_list'
	| 'opted_out'
	| 'no_opt_in'
	| 'hard_bounce'
	| 'complaint'
	| 'role_account'
	| 'test_account'
	| 'frequency_cap'
	| 'quiet_hours'
	| 'missing_identifier'
	| 'invalid_identifier'
	| 'unreadable_date'
	| 'unknown_consent_value'
	| 'unknown_flag_value'
	| 'conflicting_fields'
	| HouseholdReasonCode;

export interface Reason {
	code: ReasonCode;
	detail: string;
	/** For list matches: which identifier matched, the entry's scope and its index in the list. */
	matched?: { by: 'email' | 'phone' | 'customerId' | 'sha256' | 'raw'; scope: string; entry: number; reason?: string };
}

export interface Decision {
	eligible: boolean;
	reasons: Reason[];
	/** Problems that did not block this channel but were not ignored either (e.g. a bad phone on an email send). */
	warnings: string[];
}
