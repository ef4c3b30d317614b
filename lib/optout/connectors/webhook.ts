// A generic signed webhook for in-house systems.
//   POST <url>  {"events": [{eventId, email, phone, customerId, channels, scope, listId, reason, source, requestedAt}]}
// Headers: X-Opt-Out-Timestamp: <unix seconds>; X-Opt-Out-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>;
// Idempotency-Key: SHA-256 of the body (the events with their identifiers: a batch with other people
// under the same event IDs is a different request, never mistaken for a replay). A receiver checks the signature and rejects
// timestamps older than a few minutes (replay). It answers 2xx with JSON
//   {"results": [{"eventId", "status", "message"?}]}, one result for every event it was sent,
// status one of WEBHOOK_STATUSES: ok | propagated | already_opted_out (done), not_found,
// retry (try again later), failed (will not work). Anything else (an empty or HTML body, an event
// missing from results, an unknown status such as "error") is not a confirmation: failed_retryable.
// Each attempt is signed afresh, so a retry carries a current timestamp. Events are deduplicated on
// the person (identifiers and channels), not the event ID: people who share an event ID (a ticket
// ID mapped as Event ID) are all sent. Results are matched by eventId; when several results name one
// event ID, the worst wins, and when several events share one ID, each needs its own result (as
// many results as events) or none of them is done.
import { createHmac } from 'node:crypto';
import { sha256Hex } from '../../records/hash';
import type { OptOutEvent, Outcome } from '../types';
import { JSON_HEADERS, OUTCOME_SEVERITY, parseJson, unusablePhone, wantsSms, type Connector, type EventVerdict } from './types';

export interface WebhookOptions {
	url: string;
	secret: string;
	signatureHeader?: string;
	timestampHeader?: string;
	maxBatch?: number;
	requestsPerSecond?: number;
	/** Seconds since the epoch (injectable for tests). */
	nowSeconds?: () => number;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: number, body: string, signature: string): boolean {
	return signWebhook(secret, timestamp, body) === signature;
}

/** The receiver's per-event statuses and what each means; nothing else counts as done. */
export const WEBHOOK_STATUSES: Readonly<Record<string, Outcome>> = {
	ok: 'propagated',
	propagated: 'propagated',
	already_opted_out: 'already_opted_out',
	not_found: 'not_found',
	failed: 'failed_permanent',
	retry: 'failed_retryable',
};

export function webhookConnector(options: WebhookOptions): Connector {
	const signatureHeader = (options.signatureHeader ?? 'X-Opt-Out-Signature').toLowerCase();
	const timestampHeader = (options.timestampHeader ?? 'X-Opt-Out-Timestamp').toLowerCase();
	const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
	return {
		destination: 'webhook',
		maxBatch: options.maxBatch ?? 100,
		limits: { windows: options.requestsPerSecond ? [{ limit: options.requestsPerSecond, windowMs: 1000 }] : [], concurrency: 4 },
		expectJson: true,
		expectedAnswer: '{"results": [{"eventId", "status"}]}',
		precheck: (event) => {
			if (!event.email && !event.phone && !event.customerId) return { outcome: 'failed_permanent', message: 'The event has no identifier' };
			// A phone that could not be made E.164 is never sent: an SMS opt-out, or an event with no other
			// identifier, cannot be done without it.
			return wantsSms(event) || (!event.email && !event.customerId) ? unusablePhone('The webhook', event) : undefined;
		},
		batchKey: () => 'all',
		recordKey: (event) => JSON.stringify([event.eventId, event.email?.toLowerCase() ?? '', event.phone ?? '', event.customerId ?? '', [...event.channels].sort()]),
		build(batch, timeoutMs) {
			const body = JSON.stringify({
				events: batch.map((e: OptOutEvent) => ({
					eventId: e.eventId,
					email: e.email,
					phone: e.phoneProblem === undefined ? e.phone : undefined,
					customerId: e.customerId,
					channels: e.channels,
					scope: e.scope,
					listId: e.listId,
					reason: e.reason,
					source: e.source,
					requestedAt: e.requestedAt,
				})),
			});
			const timestamp = nowSeconds();
			const idempotencyKey = sha256Hex(body);
			return {
				method: 'POST',
				url: options.url,
				headers: {
					...JSON_HEADERS,
					[timestampHeader]: String(timestamp),
					[signatureHeader]: signWebhook(options.secret, timestamp, body),
					'idempotency-key': idempotencyKey,
				},
				body,
				timeoutMs,
			};
		},
		interpret(batch, response) {
			const body = parseJson(response.body) as { results?: Array<{ eventId?: unknown; status?: unknown; message?: unknown }> } | undefined;
			const expected = `a JSON body {"results": [{"eventId", "status"}]} with status one of ${Object.keys(WEBHOOK_STATUSES).join(', ')}`;
			if (!body || typeof body !== 'object' || !Array.isArray(body.results)) {
				return batch.map(() => ({ outcome: 'failed_retryable', message: `Webhook answered HTTP ${response.status} without per-event results; expected ${expected}` }));
			}
			const byId = new Map<string, Array<{ status?: unknown; message?: unknown }>>();
			for (const r of body.results) {
				if (!r || typeof r !== 'object') continue;
				const id = String(r.eventId);
				byId.set(id, [...(byId.get(id) ?? []), r]);
			}
			const sharing = new Map<string, number>();
			for (const event of batch) sharing.set(event.eventId, (sharing.get(event.eventId) ?? 0) + 1);
			const verdictOf = (result: { status?: unknown; message?: unknown }): EventVerdict => {
				const status = String(result.status);
				const said = typeof result.message === 'string' && result.message !== '' ? `: ${result.message}` : '';
				const outcome = Object.prototype.hasOwnProperty.call(WEBHOOK_STATUSES, status) ? WEBHOOK_STATUSES[status] : undefined;
				// The whole status word: the redactor masks, then shortens (a cut here could leave part of an address).
				if (!outcome) return { outcome: 'failed_retryable', message: `Webhook status "${status}"${said}; expected ${expected}` };
				return said ? { outcome, message: `Webhook ${status}${said}` } : { outcome };
			};
			return batch.map((event): EventVerdict => {
				const results = byId.get(event.eventId) ?? [];
				if (results.length === 0) return { outcome: 'failed_retryable', message: `Webhook did not report this event; expected ${expected}` };
				const events = sharing.get(event.eventId) ?? 1;
				if (events > 1 && results.length !== events) {
					return { outcome: 'failed_retryable', message: `Webhook sent ${results.length} result(s) for ${events} events sharing event ID "${event.eventId}"; each needs its own result` };
				}
				// Several results for one event (or for events sharing its ID): the worst wins.
				const verdicts = results.map(verdictOf);
				const worst = [...verdicts].sort((a, b) => OUTCOME_SEVERITY.indexOf(a.outcome) - OUTCOME_SEVERITY.indexOf(b.outcome))[0];
				if (verdicts.length === 1) return worst;
				const contradicted = verdicts.some((v) => v.outcome !== worst.outcome);
				return contradicted ? { ...worst, message: `Webhook sent contradicting results for this event: ${verdicts.map((v) => v.message ?? v.outcome).join('; ')}` } : worst;
			});
		},
	};
}
