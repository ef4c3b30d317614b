// Twilio SendGrid suppressions (ASM).
// Followed: https://www.twilio.com/docs/sendgrid/api-reference/suppressions-global-suppressions/add-recipient-addresses-to-the-global-suppression-group
//   POST /v3/asm/suppressions/global  {"recipient_emails": [...]}  -> 201 {"recipient_emails": [...]}
// and https://www.twilio.com/docs/sendgrid/api-reference/suppressions-suppressions/add-suppressions-to-a-suppression-group
//   POST /v3/asm/groups/{group_id}/suppressions  {"recipient_emails": [...]}  -> 201
// SendGrid reports its per-endpoint limit in X-RateLimit-Limit / -Remaining / -Reset (epoch
// seconds) and answers 429 when it is reached; the client starts at 600 requests a minute and
// follows those headers. Errors: {"errors": [{"field", "message"}]}.
// Evidence: 201 with the documented recipient_emails echo listing the address; anything else (an
// HTML page from a dashboard URL, {} or a missing address, or an echo beside an errors array)
// confirms nothing: failed_retryable.
// SMS: SendGrid sends email only (Twilio's SMS is a different product): not applicable.
import type { OptOutEvent } from '../types';
import { emailPrecheck, joinUrl, JSON_HEADERS, parseJson, type Connector, type EventVerdict } from './types';

export interface SendGridOptions {
	baseUrl?: string;
	/** Unsubscribe group (ASM group) ID for list-scoped events without their own listId. */
	groupId?: string;
	/** Client-side start rate; SendGrid's X-RateLimit headers take over once it answers. */
	requestsPerMinute?: number;
}

export function sendgridConnector(options: SendGridOptions = {}): Connector {
	const baseUrl = options.baseUrl ?? 'https://api.sendgrid.com';
	const groupOf = (event: OptOutEvent) => event.listId ?? options.groupId;
	return {
		destination: 'sendgrid',
		// Neither add-to-global nor add-to-group documents a maximum for recipient_emails: 1,000 is our cap.
		maxBatch: 1000,
		// SendGrid publishes no fixed figure for /v3/asm: a start rate, then its X-RateLimit-* headers rule.
		limits: { windows: [{ limit: options.requestsPerMinute ?? 600, windowMs: 60_000 }], concurrency: 4 },
		expectJson: true,
		expectedAnswer: '201 {"recipient_emails": [...]}',
		precheck(event) {
			const verdict = emailPrecheck(event, 'SendGrid');
			if (verdict) return verdict;
			if (event.scope === 'list' && !groupOf(event)) return { outcome: 'failed_permanent', message: 'SendGrid needs an unsubscribe group ID for a list-scoped opt-out' };
			return undefined;
		},
		batchKey: (event) => (event.scope === 'global' ? 'global' : `group:${groupOf(event)}`),
		recordKey: (event) => event.email!.toLowerCase(),
		build(batch, timeoutMs) {
			const path = batch[0].scope === 'global' ? '/v3/asm/suppressions/global' : `/v3/asm/groups/${encodeURIComponent(String(groupOf(batch[0])))}/suppressions`;
			return {
				method: 'POST',
				url: joinUrl(baseUrl, path),
				headers: { ...JSON_HEADERS },
				body: JSON.stringify({ recipient_emails: batch.map((e) => e.email!.toLowerCase()) }),
				timeoutMs,
			};
		},
		interpret(batch, response) {
			const body = parseJson(response.body) as { recipient_emails?: unknown } | undefined;
			if (response.status !== 201 || !Array.isArray(body?.recipient_emails)) {
				return batch.map(() => ({
					outcome: 'failed_retryable',
					message: `SendGrid answered HTTP ${response.status} without a recipient_emails list; expected 201 {"recipient_emails": [...]}`,
				}));
			}
			// An errors array beside the echo is not the documented 201 (it is SendGrid's error shape): whatever
			// it says, the echo no longer proves the addresses were stored.
			const errors = (body as { errors?: unknown }).errors;
			if (errors !== undefined && !(Array.isArray(errors) && errors.length === 0)) {
				const words = Array.isArray(errors) ? errors.map((e) => (e && typeof e === 'object' ? String((e as { message?: unknown }).message ?? '') : String(e))).filter((w) => w !== '').join('; ') : '';
				return batch.map(() => ({
					outcome: 'failed_retryable',
					message: `SendGrid answered HTTP 201 with errors${words ? ` (${words})` : ''}; expected 201 {"recipient_emails": [...]} alone`,
				}));
			}
			const listed = new Set((body.recipient_emails as unknown[]).map((e) => String(e).toLowerCase()));
			return batch.map((event): EventVerdict =>
				listed.has(event.email!.toLowerCase())
					? { outcome: 'propagated' }
					: { outcome: 'failed_retryable', message: 'SendGrid did not list this address among the suppressions it stored' },
			);
		},
		permanentFailure(batch, status, message) {
			return batch.map(() => ({ outcome: status === 404 ? 'not_found' : 'failed_permanent', message: `SendGrid: ${message}` }));
		},
	};
}
