// Turns loose input (item fields) into opt-out events, or says which field is wrong.
import { expectedInstant, isMissingValue, normalizeEmail, normalizePhone, readInstant, sha256Hex, type CountryCode } from '../records';
import type { Channel, OptOutEvent } from './types';

export interface RawOptOut {
	eventId?: unknown;
	email?: unknown;
	phone?: unknown;
	customerId?: unknown;
	channels?: unknown;
	scope?: unknown;
	listId?: unknown;
	reason?: unknown;
	source?: unknown;
	requestedAt?: unknown;
}

export interface EventProblem {
	field: keyof RawOptOut;
	expected: string;
}

const CHANNELS = new Set<Channel>(['email', 'sms', 'all']);

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** A deterministic event ID: the same opt-out sent twice gets the same ID (idempotency). */
export function deriveEventId(event: Omit<OptOutEvent, 'eventId'>): string {
	const key = [event.email ?? '', event.phone ?? '', event.customerId ?? '', event.scope, event.listId ?? '', [...event.channels].sort().join('+'), event.requestedAt].join('|');
	return `oo_${sha256Hex(key).slice(0, 24)}`;
}

/**
 * What an event asks of a destination: the person's identifiers and the opt-out's reach (channels,
 * scope, list). An earlier confirmation under the same event ID covers the event only when this is
 * the same: a corrected email or record ID, another phone or more channels must be sent again.
 */
export function requestKey(event: OptOutEvent): string {
	return JSON.stringify([event.email ?? '', event.phone ?? '', event.customerId ?? '', [...event.channels].sort(), event.scope, event.listId ?? '']);
}

export interface EventOptions {
	/** Country assumed for phone numbers written without a country code (e.g. US). */
	defaultRegion?: CountryCode;
}

export function toOptOutEvent(raw: RawOptOut, nowMs: number, options: EventOptions = {}): { event: OptOutEvent } | { problem: EventProblem } {
	let email: string | undefined;
	if (raw.email !== undefined && raw.email !== null && raw.email !== '') {
		const normalized = normalizeEmail(raw.email);
		if (!normalized.valid || !normalized.simple) return { problem: { field: 'email', expected: 'an email address' } };
		email = normalized.simple;
	}
	let phone: string | undefined;
	let phoneProblem: string | undefined;
	if (raw.phone !== undefined && raw.phone !== null && raw.phone !== '') {
		phone = text(raw.phone);
		if (!phone || !/^\+?[0-9 ()./-]{6,20}$/.test(phone)) return { problem: { field: 'phone', expected: 'a phone number, preferably E.164 (+15551234567)' } };
		// Vendors take E.164 only: through the one phone normalizer (00 prefix, national forms with the
		// default region). A number it cannot place stays as given (for redaction and the event ID) and is
		// marked, so no destination is sent it and an SMS opt-out fails saying why (never done).
		const normalized = normalizePhone(phone, options.defaultRegion);
		if (normalized.e164) {
			phone = normalized.e164;
		} else {
			phone = phone.replace(/[ ()./-]/g, '');
			phoneProblem = normalized.reason ?? 'not a valid phone number';
		}
	}
	const customerId = text(raw.customerId);
	if (!email && !phone && !customerId) return { problem: { field: 'email', expected: 'an email, phone or customer ID (at least one)' } };

	let channels: Channel[] = ['email'];
	if (raw.channels !== undefined && raw.channels !== null && raw.channels !== '') {
		const list = Array.isArray(raw.channels) ? raw.channels : String(raw.channels).split(',');
		const parsed = list.map((c) => String(c).trim().toLowerCase()).filter((c) => c !== '');
		if (parsed.length === 0 || parsed.some((c) => !CHANNELS.has(c as Channel))) {
			return { problem: { field: 'channels', expected: 'email, sms or all (a list or comma-separated)' } };
		}
		channels = [...new Set(parsed as Channel[])];
	}
	const scopeText = text(raw.scope)?.toLowerCase() ?? 'global';
	if (scopeText !== 'global' && scopeText !== 'list') return { problem: { field: 'scope', expected: 'global or list' } };
	const scope = scopeText as 'global' | 'list';

	let requestedAt: string;
	if (isMissingValue(raw.requestedAt)) {
		requestedAt = new Date(nowMs).toISOString();
	} else {
		const ms = readInstant(raw.requestedAt);
		if (Number.isNaN(ms)) return { problem: { field: 'requestedAt', expected: expectedInstant() } };
		requestedAt = new Date(ms).toISOString();
	}
	const base: Omit<OptOutEvent, 'eventId'> = {
		...(email ? { email } : {}),
		...(phone ? { phone } : {}),
		...(phoneProblem ? { phoneProblem } : {}),
		...(customerId ? { customerId } : {}),
		channels,
		scope,
		...(text(raw.listId) ? { listId: text(raw.listId) } : {}),
		...(text(raw.reason) ? { reason: text(raw.reason) } : {}),
		...(text(raw.source) ? { source: text(raw.source) } : {}),
		requestedAt,
	};
	return { event: { eventId: text(raw.eventId) ?? deriveEventId(base), ...base } };
}
