// Braze REST API.
// Followed: https://www.braze.com/docs/api/endpoints/email/post_email_subscription_status/
//   POST /email/status  {"email": [...up to 50], "subscription_state": "unsubscribed"}; default limit 250,000 requests/hour.
// and https://www.braze.com/docs/api/endpoints/subscription_groups/post_update_user_subscription_group_status_v2/ (scope "list")
//   POST /v2/subscription/status/set  {"subscription_groups": [{"subscription_group_id", "subscription_state": "unsubscribed", "emails": [...up to 50]}]}
//   5,000 requests a minute (shared with /subscription/status/set). "emails" and "phones" may not be
//   combined in one group, so email and phone batches are separate requests.
// Errors: {"message": "...", "errors": [...]} (vendorMessage reads message).
// Authorization: Bearer <REST API key> (credential). Success: 201 {"message": "success"}.
import type { OptOutEvent } from '../types';
import { coversEmail, coversSms, joinUrl, JSON_HEADERS, parseJson, type Connector, type EventVerdict } from './types';

export interface BrazeOptions {
	/** The instance's REST endpoint, e.g. https://rest.iad-01.braze.com */
	baseUrl: string;
	/** Subscription group ID for list-scoped events without their own listId. */
	subscriptionGroupId?: string;
}

export function brazeConnector(options: BrazeOptions): Connector {
	const groupOf = (event: OptOutEvent) => event.listId ?? options.subscriptionGroupId;
	return {
		destination: 'braze',
		// /email/status: "an array of up to 50 email addresses"; /v2/subscription/status/set: at most 50 emails or phones per group.
		maxBatch: 50,
		// The global call's limit (250,000/h); list-scoped calls use a separate 5,000/min bucket
		// that a run of this size cannot reach before the hourly one.
		limits: { windows: [{ limit: 250_000, windowMs: 3_600_000 }, { limit: 5_000, windowMs: 60_000 }], concurrency: 10 },
		expectJson: false,
		precheck(event) {
			if (event.scope === 'global') {
				if (!coversEmail(event)) return { outcome: 'not_applicable', message: 'Braze /email/status covers email' };
				if (!event.email) return { outcome: 'failed_permanent', message: 'Braze needs an email address; the event has none' };
				return undefined;
			}
			if (!groupOf(event)) return { outcome: 'failed_permanent', message: 'Braze needs a subscription group ID for a list-scoped opt-out' };
			if (!(coversEmail(event) && event.email) && !(coversSms(event) && event.phone)) {
				return { outcome: 'failed_permanent', message: 'Braze needs an email (email channel) or phone (SMS channel)' };
			}
			return undefined;
		},
		batchKey: (event) => (event.scope === 'global' ? 'email-status' : `group:${groupOf(event)}:${event.email ? 'email' : 'phone'}`),
		recordKey: (event) => (event.email ? event.email.toLowerCase() : String(event.phone)),
		build(batch, timeoutMs) {
			if (batch[0].scope === 'global') {
				return {
					method: 'POST',
					url: joinUrl(options.baseUrl, '/email/status'),
					headers: { ...JSON_HEADERS },
					body: JSON.stringify({ email: batch.map((e) => e.email!.toLowerCase()), subscription_state: 'unsubscribed' }),
					timeoutMs,
				};
			}
			const group: Record<string, unknown> = { subscription_group_id: String(groupOf(batch[0])), subscription_state: 'unsubscribed' };
			if (batch[0].email) group.emails = batch.map((e) => e.email!.toLowerCase());
			else group.phones = batch.map((e) => e.phone);
			return {
				method: 'POST',
				url: joinUrl(options.baseUrl, '/v2/subscription/status/set'),
				headers: { ...JSON_HEADERS },
				body: JSON.stringify({ subscription_groups: [group] }),
				timeoutMs,
			};
		},
		interpret(batch, response) {
			const body = parseJson(response.body) as { message?: string } | undefined;
			if (body?.message !== undefined && body.message !== 'success') {
				return batch.map(() => ({ outcome: 'failed_retryable', message: `Braze: ${body.message}` }));
			}
			return batch.map((): EventVerdict => ({ outcome: 'propagated' }));
		},
	};
}
