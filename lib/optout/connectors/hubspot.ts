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
// or another status confirms nothing (failed_retryable). A 207 multi-status also lists errors
// (StandardError, with numErrors): an address both in results and named in errors is contradicted,
// as at Mailchimp (not done), and errors naming no address of the request (or numErrors above the
// entries listed) leave every address of it unconfirmed.
// SMS: every v4 operation's channel enum is EMAIL only ("'EMAIL' as the only supported option"),
// so HubSpot's public API cannot record an SMS opt-out: it fails here, never counts as done.
import type { OptOutEvent } from '../types';
import { contradicted, emailPrecheck, joinUrl, JSON_HEADERS, parseJson, smsWithoutApi, splitByChannel, type Connector, type EventVerdict } from './types';

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
				errors?: unknown;
				numErrors?: unknown;
			};
			const found = new Map<string, HubSpotStatus[]>();
			for (const result of body?.results ?? []) {
				const id = String(result.subscriberIdString ?? '').toLowerCase();
				const statuses = result.statuses ?? [result];
				found.set(id, [...(found.get(id) ?? []), ...statuses]);
			}
			// StandardError entries ({message, category, context: {key: [values]}}); an address is named
			// in an error when its context or message quotes it.
			const errors = (Array.isArray(body?.errors) ? body.errors : body?.errors === undefined || body?.errors === null ? [] : [body.errors]) as Array<{ message?: unknown; context?: unknown } | null>;
			const errorTexts = errors.map((e) => JSON.stringify([e?.context ?? {}, e?.message ?? '']).toLowerCase());
			const emails = batch.map((event) => event.email!.toLowerCase());
			// Errors naming no address of this request, and numErrors above the entries listed: any of
			// them may be about one of the subscriptions of an address the results list (a 207
			// multi-status), so with them no address of the request is confirmed.
			const numErrors = typeof body?.numErrors === 'number' ? body.numErrors : undefined;
			const unattributed = errorTexts.filter((t) => !emails.some((email) => t.includes(email))).length + Math.max(0, (numErrors ?? 0) - errors.length);
			const incomplete = body?.status !== undefined && body.status !== 'COMPLETE';
			return batch.map((_event, i): EventVerdict => {
				const email = emails[i];
				const statuses = found.get(email);
				if (incomplete) return { outcome: 'failed_retryable', message: `HubSpot batch status "${String(body.status)}"; expected COMPLETE` };
				const index = errorTexts.findIndex((t) => t.includes(email));
				const said = index < 0 ? '' : `HubSpot: ${typeof errors[index]?.message === 'string' ? String(errors[index]?.message) : 'error'}`;
				if (statuses) {
					const other = statuses.find((s) => s.status !== 'UNSUBSCRIBED');
					if (statuses.length === 0 || other) {
						return { outcome: 'failed_retryable', message: `HubSpot reports ${other ? `status "${String(other.status)}"` : 'no subscription status'} for this address; expected UNSUBSCRIBED` };
					}
					// Listed as unsubscribed and named in errors (a subscription it could not change): not done.
					if (index >= 0) return contradicted('HubSpot', 'address', 'UNSUBSCRIBED', said);
					if (unattributed > 0) {
						return {
							outcome: 'failed_retryable',
							message: `HubSpot reports ${unattributed} error(s) naming no address of this request (numErrors ${String(numErrors ?? 'not given')}, ${errors.length} listed); this address is not confirmed`,
						};
					}
					const unchanged = statuses.every((s) => s.setStatusSuccessReason === 'NO_STATUS_CHANGE');
					return { outcome: unchanged ? 'already_opted_out' : 'propagated' };
				}
				if (index >= 0) {
					const notFound = /not (be )?found|does not exist/i.test(said);
					return { outcome: notFound ? 'not_found' : 'failed_permanent', message: said };
				}
				return { outcome: 'failed_retryable', message: 'HubSpot did not report this address in its response' };
			});
		},
	};
}
