// Shapes shared by the opt-out connectors, the retry engine and the audit trail.

/** What a person opted out of, and how we know. */
export interface OptOutEvent {
	/** Stable ID of the event; derived from identifiers + requested-at when the source has none. */
	eventId: string;
	email?: string;
	/** E.164 (+<country code><number>), unless phoneProblem says why it could not be made so. */
	phone?: string;
	/**
	 * Why the phone given could not be made E.164 (lib/records normalizePhone's reason). `phone` is
	 * then as given, minus separators: it is never sent to a destination, and an SMS opt-out fails.
	 */
	phoneProblem?: string;
	/** The destination-side record ID where a destination needs one (Salesforce Contact/Lead ID). */
	customerId?: string;
	/** Channels the opt-out covers, e.g. ['email'] or ['email', 'sms']. */
	channels: Channel[];
	/** global: every list / subscription; list: one list, subscription type or group. */
	scope: 'global' | 'list';
	/** The list, subscription type or group ID when scope is list (destination-specific if set per destination). */
	listId?: string;
	reason?: string;
	source?: string;
	/** ISO 8601 instant the person asked. */
	requestedAt: string;
}

export type Channel = 'email' | 'sms' | 'all';

export type Outcome =
	| 'propagated'
	| 'already_opted_out'
	| 'not_applicable'
	| 'not_found'
	| 'failed_retryable'
	| 'failed_permanent';

/** Outcomes that count as done: the destination will not contact the person on these channels. */
export const DONE_OUTCOMES: ReadonlySet<Outcome> = new Set(['propagated', 'already_opted_out', 'not_applicable']);

export interface DestinationResult {
	eventId: string;
	destination: string;
	outcome: Outcome;
	/** HTTP attempts made for the request that carried this event (0 when none was needed). */
	attempts: number;
	/** The last HTTP status the vendor returned, if any. */
	vendorStatus?: number;
	/** Why it failed or what the vendor said, with the event's identifiers masked. */
	message?: string;
	retryable: boolean;
	/** When a retry is worth trying (from Retry-After / rate-limit headers), ISO 8601. */
	retryAfter?: string;
	startedAt: string;
	completedAt: string;
	/** Hours from requestedAt to completedAt. */
	ageHours: number;
	slaHours: number;
	withinSla: boolean;
}

/** One HTTP request as connectors build it; authentication is added by the client (n8n credentials). */
export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	/** Serialized body (JSON text), exactly as sent: the webhook signs these bytes. */
	body?: string;
	timeoutMs: number;
}

export interface HttpResponse {
	status: number;
	/** Lowercase header names. */
	headers: Record<string, string>;
	body: string;
}

/** Thrown (or rejected) by a client when no HTTP response arrived: timeout, reset, refused, DNS. */
export class TransportError extends Error {
	constructor(
		message: string,
		readonly code: string,
	) {
		super(message);
		this.name = 'TransportError';
	}
}

/** The only thing lib/optout needs from an HTTP stack. */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** Time, sleeping and randomness, injectable so retry tests never wait and stay deterministic. */
export interface Runtime {
	now(): number;
	sleep(ms: number): Promise<void>;
	random(): number;
}

/**
 * The wall clock with the caller's sleep. lib/ never starts a timer itself (n8n's verification
 * refuses timer globals in shipped code): the node hands in n8n-workflow's `sleep`, bound to the
 * execution's cancel signal, so a cancelled execution stops waiting.
 */
export function systemRuntime(sleep: (ms: number) => Promise<void>): Runtime {
	return { now: () => Date.now(), sleep, random: () => Math.random() };
}
