// Braze REST API.
// Followed: https://www.braze.com/docs/api/endpoints/email/post_email_subscription_status/
//   POST /email/status  {"email": [...up to 50], "subscription_state": "unsubscribed"}; default limit 250,000 requests/hour.
// and https://www.braze.com/docs/api/endpoints/subscription_groups/post_update_user_subscription_group_status_v2/ (scope "list")
//   POST /v2/subscription/status/set  {"subscription_groups": [{"subscription_group_id", "subscription_state": "unsubscribed", "emails": [...up to 50]}]}
//   5,000 requests a minute (shared with /subscription/status/set). "emails" and "phones" may not be
//   combined in one group, so email and phone batches are separate requests.
// Errors: {"message": "...", "errors": [...]} (vendorMessage reads message).
// SMS: subscription groups are per channel, so an SMS opt-out unsubscribes the phone (E.164) from
// the SMS subscription group(s) through the same /v2/subscription/status/set with "phones"; a
// global one uses the "Braze SMS Subscription Group ID" setting (comma-separated for several) and
// fails, naming that setting, when it is not set.
// Authorization: Bearer <REST API key> (credential). Success: 201 {"message": "success"}; any other
// 2xx body (empty, HTML from a dashboard URL, another message) confirms nothing: failed_retryable.
import type { OptOutEvent } from '../types';
import { joinUrl, JSON_HEADERS, parseJson, splitByChannel, unusablePhone, type Connector, type EventVerdict } from './types';

export interface BrazeOptions {
	/** The instance's REST endpoint, e.g. https://rest.iad-01.braze.com */
	baseUrl: string;
	/** Subscription group ID for list-scoped events without their own listId. */
	subscriptionGroupId?: string;
	/** SMS subscription group ID(s), comma-separated, that a global SMS opt-out unsubscribes the phone from. */
	smsSubscriptionGroupId?: string;
}

export const BRAZE_SMS_SETTING = 'Braze SMS Subscription Group ID';

export function brazeConnector(options: BrazeOptions): Connector {
	const smsGroups = (options.smsSubscriptionGroupId ?? '')
		.split(',')
		.map((g) => g.trim())
		.filter((g) => g !== '');
	const isSms = (event: OptOutEvent) => event.channels.includes('sms');
	const groupsOf = (event: OptOutEvent): string[] => {
		if (event.scope === 'list') {
			const group = event.listId ?? (isSms(event) ? smsGroups[0] : options.subscriptionGroupId);
			return group ? [group] : [];
		}
		return isSms(event) ? smsGroups : [];
	};
	return {
		destination: 'braze',
		// /email/status: "an array of up to 50 email addresses"; /v2/subscription/status/set: at most 50 emails or phones per group.
		maxBatch: 50,
		// The global call's limit (250,000/h); list-scoped calls use a separate 5,000/min bucket
		// that a run of this size cannot reach before the hourly one.
		limits: { windows: [{ limit: 250_000, windowMs: 3_600_000 }, { limit: 5_000, windowMs: 60_000 }], concurrency: 10 },
		expectJson: true,
		expectedAnswer: '{"message": "success"}',
		split: splitByChannel,
		precheck(event) {
			if (isSms(event)) {
				if (!event.phone) return { outcome: 'failed_permanent', message: 'Braze needs a phone number (E.164) for an SMS opt-out; the event has none' };
				// "phones": E.164 only; a number that could not be made E.164 is not sent (Braze would acknowledge it anyway).
				const unusable = unusablePhone('Braze', event);
				if (unusable) return unusable;
				if (groupsOf(event).length === 0) {
					return { outcome: 'failed_permanent', message: `Braze SMS opt-outs need the "${BRAZE_SMS_SETTING}" setting (the SMS subscription group to unsubscribe the phone from); it is not set` };
				}
				return undefined;
			}
			if (!event.email) return { outcome: 'failed_permanent', message: 'Braze needs an email address; the event has none' };
			if (event.scope === 'list' && groupsOf(event).length === 0) return { outcome: 'failed_permanent', message: 'Braze needs a subscription group ID for a list-scoped opt-out' };
			return undefined;
		},
		batchKey: (event) => {
			if (isSms(event)) return `sms:${groupsOf(event).join(',')}`;
			return event.scope === 'global' ? 'email-status' : `group:${groupsOf(event)[0]}:email`;
		},
		recordKey: (event) => (isSms(event) ? String(event.phone) : event.email!.toLowerCase()),
		build(batch, timeoutMs) {
			if (!isSms(batch[0]) && batch[0].scope === 'global') {
				return {
					method: 'POST',
					url: joinUrl(options.baseUrl, '/email/status'),
					headers: { ...JSON_HEADERS },
					body: JSON.stringify({ email: batch.map((e) => e.email!.toLowerCase()), subscription_state: 'unsubscribed' }),
					timeoutMs,
				};
			}
			const members = isSms(batch[0]) ? { phones: batch.map((e) => e.phone) } : { emails: batch.map((e) => e.email!.toLowerCase()) };
			return {
				method: 'POST',
				url: joinUrl(options.baseUrl, '/v2/subscription/status/set'),
				headers: { ...JSON_HEADERS },
				body: JSON.stringify({
					subscription_groups: groupsOf(batch[0]).map((group) => ({ subscription_group_id: group, subscription_state: 'unsubscribed', ...members })),
				}),
				timeoutMs,
			};
		},
		interpret(batch, response) {
			const body = parseJson(response.body) as { message?: unknown; errors?: unknown } | undefined;
			const errors = Array.isArray(body?.errors) ? body!.errors : [];
			if (body?.message === 'success' && errors.length === 0) return batch.map((): EventVerdict => ({ outcome: 'propagated' }));
			const said = typeof body?.message === 'string' ? `"${body.message}"${errors.length ? ` with ${errors.length} error(s): ${JSON.stringify(errors)}` : ''}` : 'no JSON message';
			return batch.map(() => ({ outcome: 'failed_retryable', message: `Braze answered HTTP ${response.status} with ${said}; expected {"message": "success"}` }));
		},
	};
}
