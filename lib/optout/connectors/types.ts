import type { RateLimits } from '../rateLimit';
import type { HttpRequest, HttpResponse, OptOutEvent, Outcome } from '../types';

export interface EventVerdict {
	outcome: Outcome;
	message?: string;
}

/** One destination: how its events are grouped, batched, sent and read back. */
export interface Connector {
	/** Destination name in results and audit records, e.g. "hubspot". */
	readonly destination: string;
	/** The vendor's documented maximum records per request. */
	readonly maxBatch: number;
	/** The vendor's documented rate limits. */
	readonly limits: RateLimits;
	/** Whether a 2xx body must be JSON (it carries per-record results). */
	readonly expectJson: boolean;
	/** A verdict without any request (not applicable, missing identifier), or undefined to send. */
	precheck(event: OptOutEvent): EventVerdict | undefined;
	/** Events with the same key may share a request (same list, group, object type). */
	batchKey(event: OptOutEvent): string;
	/** The identifier a batch deduplicates on (the same email twice in one request is sent once). */
	recordKey(event: OptOutEvent): string;
	/** The request for a batch of events with distinct record keys, all of one batch key. */
	build(batch: OptOutEvent[], timeoutMs: number): HttpRequest;
	/** Per-event verdicts for a 2xx response, in batch order. */
	interpret(batch: OptOutEvent[], response: HttpResponse): EventVerdict[];
	/** Per-event verdict for a permanent (non-retryable 4xx) failure; default failed_permanent. */
	permanentFailure?(batch: OptOutEvent[], status: number, message: string): EventVerdict[];
}

export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function coversEmail(event: OptOutEvent): boolean {
	return event.channels.includes('email') || event.channels.includes('all');
}

export function coversSms(event: OptOutEvent): boolean {
	return event.channels.includes('sms') || event.channels.includes('all');
}

/** The email-keyed precheck most ESPs share. */
export function emailPrecheck(event: OptOutEvent, destination: string): EventVerdict | undefined {
	if (!coversEmail(event)) return { outcome: 'not_applicable', message: `${destination} handles email opt-outs; this event covers ${event.channels.join(', ')}` };
	if (!event.email) return { outcome: 'failed_permanent', message: `${destination} needs an email address; the event has none` };
	return undefined;
}

export function parseJson(body: string): unknown {
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
