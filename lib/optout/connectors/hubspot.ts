// HubSpot communication preferences API v4 (OpenAPI: HubSpot/HubSpot-public-api-spec-collection,
// PublicApiSpecs/Communication Preferences/Subscriptions/Rollouts/176901/v4/subscriptions.json).
// Followed: https://developers.hubspot.com/docs/api-reference/legacy/communication-preferences/status/batch/unsubscribe-contacts-batch
//   POST /communication-preferences/v4/statuses/batch/unsubscribe-all?channel=EMAIL  {"inputs": ["<email>", ...]}
//   (channel is a required query parameter, enum EMAIL)
// and (one subscription type, scope "list") POST /communication-preferences/v4/statuses/batch/write (no query)
//   {"inputs": [{"subscriberIdString", "statusState": "UNSUBSCRIBED", "channel": "EMAIL", "subscriptionId", "legalBasis", "legalBasisExplanation"}]}
//   statusState is one of NOT_SPECIFIED | SUBSCRIBED | UNSUBSCRIBED (PublicStatusRequest in the spec).
// Answers: {"status", "results": [{"subscriberIdString", "statuses": [{"status", "setStatusSuccessReason"}]}], "errors": [StandardError]}
// for unsubscribe-all; batch/write returns flat PublicStatus results. Errors: {"message", "category", "correlationId"}.
// Evidence: the address among results with every status "UNSUBSCRIBED" (setStatusSuccessReason
// NO_STATUS_CHANGE on all of them: already); a batch status other than COMPLETE, a missing address
// or another status confirms nothing (failed_retryable).
// SMS: every v4 operation's channel enum is EMAIL only ("'EMAIL' as the only supported option"),
// so HubSpot's public API cannot record an SMS opt-out: it fails here, never counts as done.
import type { OptOutEvent } from '../types';
import { emailPrecheck, joinUrl, JSON_HEADERS, parseJson, smsWithoutApi, splitByChannel, type Connector, type EventVerdict } from './types';

export interface HubSpotOptions {
	baseUrl?: string;
	/** Subscription type ID for scope "list" events without their own listId. */
	subscriptionId?: string;
	legalBasis?: string;
	requestsPer10Seconds?: number;
}

interface HubSpotStatus {
	setStatusSuccessReason?: string;
	status?: string;
}

export function hubspotConnector(options: HubSpotOptions = {}): Connector {
	const baseUrl = options.baseUrl ?? 'https://api.hubapi.com';
	const subscriptionOf = (event: OptOutEvent) => event.listId ?? options.subscriptionId;
	return {
		destination: 'hubspot',
		// Unverified: the v4 spec sets no maxItems on inputs; 100 is HubSpot's usual batch-input cap.
		maxBatch: 100,
		// Private apps: 100 requests / 10 s (Free/Starter); 190 on Pro/Enterprise (developers.hubspot.com/changelog/increasing-our-api-limits).
		limits: { windows: [{ limit: options.requestsPer10Seconds ?? 100, windowMs: 10_000 }], concurrency: 5 },
		expectJson: true,
		expectedAnswer: 'the batch result: results with each address\'s statuses',
		split: splitByChannel,
		precheck(event) {
			if (event.channels.includes('sms')) return smsWithoutApi('HubSpot', 'its subscription API (communication preferences v4) supports the EMAIL channel only');
			const verdict = emailPrecheck(event, 'HubSpot');
			if (verdict) return verdict;
			if (event.scope === 'list' && !subscriptionOf(event)) {
				return { outcome: 'failed_permanent', message: 'HubSpot needs a subscription type ID for a list-scoped opt-out' };
			}
			return undefined;
		},
		batchKey: (event) => (event.scope === 'global' ? 'all' : `subscription:${subscriptionOf(event)}`),
		recordKey: (event) => event.email!.toLowerCase(),
		build(batch, timeoutMs) {
			if (batch[0].scope === 'global') {
				return {
					method: 'POST',
					url: joinUrl(baseUrl, '/communication-preferences/v4/statuses/batch/unsubscribe-all?channel=EMAIL'),
					headers: { ...JSON_HEADERS },
					body: JSON.stringify({ inputs: batch.map((e) => e.email!.toLowerCase()) }),
					timeoutMs,
				};
			}
			return {
				method: 'POST',
				url: joinUrl(baseUrl, '/communication-preferences/v4/statuses/batch/write'),
				headers: { ...JSON_HEADERS },
				body: JSON.stringify({
					inputs: batch.map((e) => ({
						subscriberIdString: e.email!.toLowerCase(),
						statusState: 'UNSUBSCRIBED',
						channel: 'EMAIL',
						subscriptionId: Number(subscriptionOf(e)),
						legalBasis: options.legalBasis ?? 'CONSENT_WITH_NOTICE',
						legalBasisExplanation: `Opt-out${e.reason ? `: ${e.reason}` : ''}${e.source ? ` (source: ${e.source})` : ''}`,
					})),
				}),
				timeoutMs,
			};
		},
		interpret(batch, response) {
			const body = parseJson(response.body) as {
				status?: string;
				results?: Array<{ subscriberIdString?: string; statuses?: HubSpotStatus[] } & HubSpotStatus>;
				errors?: Array<{ message?: string; context?: Record<string, unknown> }>;
			};
			const found = new Map<string, HubSpotStatus[]>();
			for (const result of body?.results ?? []) {
				const id = String(result.subscriberIdString ?? '').toLowerCase();
				const statuses = result.statuses ?? [result];
				found.set(id, [...(found.get(id) ?? []), ...statuses]);
			}
			const errors = body?.errors ?? [];
			const incomplete = body?.status !== undefined && body.status !== 'COMPLETE';
			return batch.map((event): EventVerdict => {
				const email = event.email!.toLowerCase();
				const statuses = found.get(email);
				if (incomplete) return { outcome: 'failed_retryable', message: `HubSpot batch status "${String(body.status)}"; expected COMPLETE` };
				if (statuses) {
					const other = statuses.find((s) => s.status !== 'UNSUBSCRIBED');
					if (statuses.length === 0 || other) {
						return { outcome: 'failed_retryable', message: `HubSpot reports ${other ? `status "${String(other.status)}"` : 'no subscription status'} for this address; expected UNSUBSCRIBED` };
					}
					const unchanged = statuses.every((s) => s.setStatusSuccessReason === 'NO_STATUS_CHANGE');
					return { outcome: unchanged ? 'already_opted_out' : 'propagated' };
				}
				const error = errors.find((e) => JSON.stringify(e.context ?? {}).toLowerCase().includes(email));
				if (error) {
					const notFound = /not (be )?found|does not exist/i.test(error.message ?? '');
					return { outcome: notFound ? 'not_found' : 'failed_permanent', message: `HubSpot: ${error.message ?? 'error'}` };
				}
				return { outcome: 'failed_retryable', message: 'HubSpot did not report this address in its response' };
			});
		},
	};
}
