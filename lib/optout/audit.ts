// Audit records: what, where, when, outcome. No secrets, identifiers masked or hashed.
import { sha256Hex } from '../records';
import { maskEmail, maskId, maskPhone } from './mask';
import { createRedactor, type IdentifierMode, type Redactor } from './redact';
import type { DestinationResult, OptOutEvent } from './types';

export { maskEmail, maskId, maskPhone } from './mask';
export type { IdentifierMode } from './redact';

export interface AuditRecord {
	eventId: string;
	destination: string;
	outcome: DestinationResult['outcome'];
	attempts: number;
	vendorStatus?: number;
	message?: string;
	identifiers: { email?: string; phone?: string; customerId?: string };
	identifierMode: IdentifierMode;
	channels: string[];
	scope: string;
	listId?: string;
	reason?: string;
	source?: string;
	requestedAt: string;
	startedAt: string;
	completedAt: string;
	ageHours: number;
	withinSla: boolean;
}

/**
 * Replaces identifiers in a text. Kept for callers outside the node; it goes through the one
 * redactor, for this event only (the node's redactor covers every event of the run and secrets).
 */
export function scrub(textValue: string | undefined, event: OptOutEvent, mode: IdentifierMode): string | undefined {
	return textValue === undefined ? undefined : createRedactor({ events: [event], mode })(textValue);
}

export function identifiersOf(event: OptOutEvent, mode: IdentifierMode): AuditRecord['identifiers'] {
	const ids: AuditRecord['identifiers'] = {};
	if (mode === 'hashed') {
		if (event.email) ids.email = sha256Hex(event.email.toLowerCase());
		if (event.phone) ids.phone = sha256Hex(event.phone);
		if (event.customerId) ids.customerId = sha256Hex(event.customerId);
	} else {
		if (event.email) ids.email = maskEmail(event.email);
		if (event.phone) ids.phone = maskPhone(event.phone);
		if (event.customerId) ids.customerId = maskId(event.customerId);
	}
	return ids;
}

/**
 * One audit record. Every text in it passes `redact` (pass the run's redactor: all events'
 * identifiers and the node's secrets); the identifiers field is the masked or hashed form itself.
 */
export function auditRecord(
	event: OptOutEvent,
	result: DestinationResult,
	mode: IdentifierMode,
	redact: Redactor = createRedactor({ events: [event], mode }),
): AuditRecord {
	const record: AuditRecord = {
		eventId: event.eventId,
		destination: result.destination,
		outcome: result.outcome,
		attempts: result.attempts,
		...(result.vendorStatus !== undefined ? { vendorStatus: result.vendorStatus } : {}),
		...(result.message !== undefined ? { message: result.message } : {}),
		identifiers: identifiersOf(event, mode),
		identifierMode: mode,
		channels: event.channels,
		scope: event.scope,
		...(event.listId ? { listId: event.listId } : {}),
		...(event.reason ? { reason: event.reason } : {}),
		...(event.source ? { source: event.source } : {}),
		requestedAt: event.requestedAt,
		startedAt: result.startedAt,
		completedAt: result.completedAt,
		ageHours: result.ageHours,
		withinSla: result.withinSla,
	};
	return redact.deep(record, KEEP_AS_IS);
}

// Already masked or hashed on purpose (a hashed identifier must stay joinable).
const KEEP_AS_IS: ReadonlySet<string> = new Set(['identifiers']);
