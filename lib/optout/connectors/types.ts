import type { RateLimits } from '../rateLimit';
import type { HttpRequest, HttpResponse, OptOutEvent, Outcome } from '../types';

/** Worst first: the verdict of an event from several parts or several results is the worst one's. */
export const OUTCOME_SEVERITY: readonly Outcome[] = ['failed_permanent', 'failed_retryable', 'not_found', 'propagated', 'already_opted_out', 'not_applicable'];

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
	/** Whether a 2xx body must be JSON (it carries per-record results); anything else is retried. */
	readonly expectJson: boolean;
	/** The documented success answer, named in the message when a 2xx is not it. */
	readonly expectedAnswer?: string;
	/**
	 * The parts of one event this destination handles by separate calls (e.g. its email opt-out and
	 * its SMS opt-out), each an event narrowed to its channel; default: the event as one part. The
	 * event's verdict is the worst of its parts', so a part that failed is never reported as done.
	 */
	split?(event: OptOutEvent): OptOutEvent[];
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
	/** Names what a batch was sent to when it is not the whole destination (Mailchimp: "audience X"), for failure messages. */
	batchLabel?(batch: OptOutEvent[]): string | undefined;
	/**
	 * Reads what the destination must know before splitting (Mailchimp: every audience of the
	 * account, for a global opt-out), once per run and only when some event needs it. `fetch` sends
	 * a GET with the run's retries and rate limits and resolves with a 2xx JSON response, or rejects
	 * with a DiscoveryError (its verdict then applies to the events that needed the discovery).
	 */
	discover?(events: OptOutEvent[], fetch: (url: string) => Promise<HttpResponse>): Promise<void>;
	/**
	 * After interpret: confirms what the 2xx only accepted (Klaviyo's asynchronous job, polled until
	 * complete). `io.get` sends a GET with the run's retries and rate limits (rejects when it fails);
	 * `io.wait` sleeps and resolves false, without sleeping, when the wait would end past the run's
	 * time budget. Returns the final verdicts, in batch order.
	 */
	confirm?(batch: OptOutEvent[], verdicts: EventVerdict[], response: HttpResponse, io: { get(url: string, headers?: Record<string, string>): Promise<HttpResponse>; wait(ms: number): Promise<boolean> }): Promise<EventVerdict[]>;
}

/** A discovery request that failed: the verdict for every event that needed it. */
export class DiscoveryError extends Error {
	constructor(readonly verdict: EventVerdict) {
		super(verdict.message ?? verdict.outcome);
		this.name = 'DiscoveryError';
	}
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

/** Whether an event asks for SMS: the sms channel, or all channels with a phone to act on. */
export function wantsSms(event: OptOutEvent): boolean {
	return event.channels.includes('sms') || (event.channels.includes('all') && Boolean(event.phone));
}

/** Splits an event into an email part and an SMS part (each with only its own identifier). */
export function splitByChannel(event: OptOutEvent): OptOutEvent[] {
	const parts: OptOutEvent[] = [];
	const { email, phone, phoneProblem, ...rest } = event;
	if (coversEmail(event) && (email || !wantsSms(event))) parts.push({ ...rest, ...(email ? { email } : {}), channels: ['email'] });
	if (wantsSms(event)) parts.push({ ...rest, ...(phone ? { phone } : {}), ...(phoneProblem ? { phoneProblem } : {}), channels: ['sms'] });
	return parts.length > 0 ? parts : [event];
}

/**
 * The verdict for the SMS part of an opt-out at a destination whose public API has no way to
 * change SMS consent although the vendor sends SMS: never done, and says what to do instead.
 */
export function smsWithoutApi(destination: string, why: string): EventVerdict {
	return {
		outcome: 'failed_permanent',
		message: `${destination} sends SMS but ${why}: record this SMS opt-out in ${destination} by hand, or leave ${destination} out of the destinations of SMS opt-outs`,
	};
}

/**
 * The verdict for an event whose phone could not be made E.164 (see OptOutEvent.phoneProblem), where
 * the destination would be sent the phone: not sent, never done, saying which field to fix.
 */
export function unusablePhone(destination: string, event: OptOutEvent): EventVerdict | undefined {
	if (event.phoneProblem === undefined) return undefined;
	return {
		outcome: 'failed_permanent',
		message: `${destination} takes phone numbers in E.164 (+<country code><number>); the event's phone field could not be made E.164 (${event.phoneProblem}), so the opt-out was not sent: correct the phone field or give it with its country code, or set the node's Default Phone Region`,
	};
}

/**
 * The verdict for a record a batch answer lists as done and also names in its errors (Mailchimp's
 * updated_members and errors, HubSpot's results and errors): contradicting results confirm nothing.
 */
export function contradicted(vendor: string, record: string, listedAs: string, said: string): EventVerdict {
	return { outcome: 'failed_retryable', message: `${vendor} lists this ${record} both as ${listedAs} and in errors (${said}); not confirmed` };
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
