// Audit records: what, where, when, outcome. No secrets, identifiers masked or hashed.
import { sha256Hex } from '../records';
import type { DestinationResult, OptOutEvent } from './types';

export type IdentifierMode = 'masked' | 'hashed';

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

/** a***@e***.com: enough for a person to recognise, not enough to contact. */
export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	if (at < 1) return '***';
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const tld = dot > 0 ? domain.slice(dot) : '';
	return `${email[0]}***@${domain[0] ?? ''}***${tld}`;
}

/** +44*******89: country prefix and the last two digits. */
export function maskPhone(phone: string): string {
	if (phone.length <= 4) return '***';
	return `${phone.slice(0, 3)}${'*'.repeat(Math.max(3, phone.length - 5))}${phone.slice(-2)}`;
}

export function maskId(id: string): string {
	return id.length <= 4 ? '***' : `${id.slice(0, 3)}***${id.slice(-2)}`;
}

/** Replaces the event's identifiers wherever they appear in a text (vendor messages quote them). */
export function scrub(textValue: string | undefined, event: OptOutEvent, mode: IdentifierMode): string | undefined {
	if (textValue === undefined) return undefined;
	let out = textValue;
	const ids = identifiersOf(event, mode);
	const replace = (value: string | undefined, by: string | undefined) => {
		if (!value || !by) return;
		out = out.split(value).join(by);
		const lower = value.toLowerCase();
		if (lower !== value) out = out.split(lower).join(by);
	};
	replace(event.email, ids.email);
	replace(event.phone, ids.phone);
	replace(event.customerId, ids.customerId);
	return out;
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

export function auditRecord(event: OptOutEvent, result: DestinationResult, mode: IdentifierMode): AuditRecord {
	return {
		eventId: event.eventId,
		destination: result.destination,
		outcome: result.outcome,
		attempts: result.attempts,
		...(result.vendorStatus !== undefined ? { vendorStatus: result.vendorStatus } : {}),
		...(result.message !== undefined ? { message: scrub(result.message, event, mode) } : {}),
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
}
