// Klaviyo API (JSON:API), every request with the `revision` header.
// Followed: https://developers.klaviyo.com/en/reference/bulk_suppress_profiles
//   POST /api/profile-suppression-bulk-create-jobs
//   {"data": {"type": "profile-suppression-bulk-create-job", "attributes": {"profiles": {"data": [{"type": "profile", "attributes": {"email": "..."}}]}}}}
// and https://developers.klaviyo.com/en/reference/bulk_unsubscribe_profiles (scope "list")
//   POST /api/profile-subscription-bulk-delete-jobs
//   {"data": {"type": "profile-subscription-bulk-delete-job", "attributes": {"profiles": {"data": [{"type": "profile",
//     "attributes": {"email": "...", "subscriptions": {"email": {"marketing": {"consent": "UNSUBSCRIBED"}}}}}]}},
//     "relationships": {"list": {"data": {"type": "list", "id": "..."}}}}}
// and the same endpoint without a list (relationships is optional in the OpenAPI document,
// klaviyo/openapi stable/apis/bulk_unsubscribe_profiles.json) for a global SMS opt-out:
//   profiles [{"type": "profile", "attributes": {"phone_number": "<E.164>", "subscriptions": {"sms": {"marketing": {"consent": "UNSUBSCRIBED"}}}}}]
//   ("Unsubscribe one or more profiles from email marketing, SMS marketing, push marketing, or a combination").
// Both answer 202 Accepted (the only documented success): any other 2xx confirms nothing. Errors: {"errors": [{"id", "code", "title", "detail", "source"}]} (JSON:API).
// Headers: Authorization: Klaviyo-API-Key <key> (credential), revision (required), accept/content-type application/vnd.api+json.
// Revisions are stable one year, deprecated the next, then retired (410 or silent fall-forward):
// every 2024-* revision is retired as of October 2026, so the default is the current stable one.
// Confirmation: both are asynchronous jobs. A suppression job's status can be read back
// (GET /api/profile-suppression-bulk-create-jobs/{job_id}, get_bulk_suppress_profiles_job: status
// queued | processing | complete | cancelled, with total/completed/skipped counts), so a global email
// opt-out is done only when its job reads complete with every profile done: the 202 job document
// says so, or the job is polled (backoff 1, 2, 4 ... s within the run's time budget) until it does.
// A 202 without the job document (no data.id) gives nothing to poll: accepted, not confirmed
// (failed_retryable, saying so). Klaviyo documents no status read for the unsubscribe job
// (profile-subscription-bulk-delete-jobs: list-scoped and SMS opt-outs), so there its 202 (no
// content, or a job document not cancelled and without skips) is the only confirmation there is.
// Caution (bulk_unsubscribe_profiles description): profiles not in the given list are unsubscribed
// globally, so a list-scoped opt-out of a non-member reaches further than the list (never less).
import { readNumber } from '../../records/values';
import type { HttpRequest, OptOutEvent } from '../types';
import { coversEmail, coversSms, joinUrl, parseJson, splitByChannel, unusablePhone, type Connector, type EventVerdict } from './types';

export interface KlaviyoOptions {
	baseUrl?: string;
	revision?: string;
	/** List ID for list-scoped events without their own listId. */
	listId?: string;
}

// Latest stable revision per developers.klaviyo.com (API versioning and deprecation policy), Oct 2026.
export const KLAVIYO_REVISION = '2026-10-15';

/** The SMS part of a global event (see split): channels exactly ['sms']. */
const isSmsPart = (event: OptOutEvent) => event.channels.length === 1 && event.channels[0] === 'sms';

export function klaviyoConnector(options: KlaviyoOptions = {}): Connector {
	const baseUrl = options.baseUrl ?? 'https://a.klaviyo.com';
	const listOf = (event: OptOutEvent) => event.listId ?? options.listId;
	const headers = () => ({
		accept: 'application/vnd.api+json',
		'content-type': 'application/vnd.api+json',
		revision: options.revision || KLAVIYO_REVISION,
	});
	/** Klaviyo's subscription delete job: email and/or SMS consent UNSUBSCRIBED, for a list or (no list) altogether. */
	const subscriptionDeleteJob = (batch: OptOutEvent[], listId: string | undefined, timeoutMs: number): HttpRequest => ({
		method: 'POST',
		url: joinUrl(baseUrl, '/api/profile-subscription-bulk-delete-jobs'),
		headers: headers(),
		body: JSON.stringify({
			data: {
				type: 'profile-subscription-bulk-delete-job',
				attributes: {
					profiles: {
						data: batch.map((e) => {
							const subscriptions: Record<string, unknown> = {};
							const attributes: Record<string, unknown> = {};
							if (coversEmail(e) && e.email) {
								attributes.email = e.email.toLowerCase();
								subscriptions.email = { marketing: { consent: 'UNSUBSCRIBED' } };
							}
							if (coversSms(e) && e.phone) {
								attributes.phone_number = e.phone;
								subscriptions.sms = { marketing: { consent: 'UNSUBSCRIBED' } };
							}
							return { type: 'profile', attributes: { ...attributes, subscriptions } };
						}),
					},
				},
				...(listId === undefined ? {} : { relationships: { list: { data: { type: 'list', id: listId } } } }),
			},
		}),
		timeoutMs,
	});

	return {
		destination: 'klaviyo',
		// "Email address per request limit: 100" (suppress) / "Maximum number of profiles per call: 100" (unsubscribe).
		maxBatch: 100,
		// Both endpoints: burst 75/s, steady 750/m in revisions 2026-* (700/m in older ones).
		limits: { windows: [{ limit: 75, windowMs: 1000 }, { limit: 750, windowMs: 60_000 }], concurrency: 10 },
		expectJson: false,
		// A global opt-out is a suppression (email) and an unsubscribe job (SMS): two calls.
		split: (event) => (event.scope === 'global' ? splitByChannel(event) : [event]),
		precheck(event) {
			if (event.scope === 'global') {
				if (isSmsPart(event)) {
					// phone_number: E.164 only; one that could not be made E.164 is not sent (the 202 would not say).
					return event.phone ? unusablePhone('Klaviyo', event) : { outcome: 'failed_permanent', message: 'Klaviyo needs a phone number (E.164) for an SMS opt-out; the event has none' };
				}
				if (!event.email) return { outcome: 'failed_permanent', message: 'Klaviyo needs an email address; the event has none' };
				return undefined;
			}
			if (!listOf(event)) return { outcome: 'failed_permanent', message: 'Klaviyo needs a list ID for a list-scoped opt-out' };
			const email = coversEmail(event) && event.email;
			const sms = coversSms(event) && event.phone;
			if (!email && !sms) return { outcome: 'failed_permanent', message: 'Klaviyo needs an email (email channel) or phone (SMS channel)' };
			// A channel asked for by name needs its identifier: one part of the opt-out must not be dropped silently.
			if (event.channels.includes('sms') && !event.phone) return { outcome: 'failed_permanent', message: 'Klaviyo needs a phone number (E.164) for an SMS opt-out; the event has none' };
			if (event.channels.includes('email') && !event.email) return { outcome: 'failed_permanent', message: 'Klaviyo needs an email address; the event has none' };
			if (sms) {
				const unusable = unusablePhone('Klaviyo', event);
				if (unusable) return unusable;
			}
			return undefined;
		},
		batchKey: (event) => (event.scope === 'global' ? (isSmsPart(event) ? 'sms-unsubscribe' : 'suppress') : `list:${listOf(event)}`),
		recordKey: (event) => `${event.email?.toLowerCase() ?? ''}|${event.phone ?? ''}`,
		build(batch, timeoutMs) {
			// A global SMS opt-out is the list job without a list (Klaviyo: unsubscribe from SMS altogether).
			if (batch[0].scope === 'global' && isSmsPart(batch[0])) return subscriptionDeleteJob(batch, undefined, timeoutMs);
			if (batch[0].scope === 'global') {
				return {
					method: 'POST',
					url: joinUrl(baseUrl, '/api/profile-suppression-bulk-create-jobs'),
					headers: headers(),
					body: JSON.stringify({
						data: {
							type: 'profile-suppression-bulk-create-job',
							attributes: { profiles: { data: batch.map((e) => ({ type: 'profile', attributes: { email: e.email!.toLowerCase() } })) } },
						},
					}),
					timeoutMs,
				};
			}
			return subscriptionDeleteJob(batch, String(listOf(batch[0])), timeoutMs);
		},
		// 202 Accepted and either no content or the JSON:API job document (data.type the job type, data.id,
		// and attributes, when given, not cancelled nor with skipped profiles: see jobProblem);
		// a JSON:API `errors` array fails the events its source points at (profiles/data/N), or all.
		interpret: (batch, response) => {
			const suppression = isSuppression(batch);
			const jobType = suppression ? SUPPRESSION_JOB : 'profile-subscription-bulk-delete-job';
			const expected = suppression
				? `expected 202 Accepted with the JSON:API job document {"data": {"type": "${jobType}", "id"}}`
				: `expected 202 Accepted with no content or a JSON:API {"data": {"type": "${jobType}", "id"}}`;
			if (response.status !== 202) return batch.map(() => ({ outcome: 'failed_retryable', message: `Klaviyo answered HTTP ${response.status}; ${expected}` }));
			const noJob: EventVerdict = { outcome: 'failed_retryable', message: 'Klaviyo accepted the suppression job (202) without its job document, so there is no job ID to read its status from; accepted, not confirmed' };
			if (response.body.trim() === '') return batch.map(() => (suppression ? noJob : { outcome: 'propagated' }));
			const body = parseJson(response.body) as { data?: { type?: unknown; id?: unknown }; errors?: unknown } | undefined;
			if (body && typeof body === 'object' && Array.isArray(body.errors) && body.errors.length > 0) {
				// The profiles no error names: for a suppression job still only accepted (no job to read back).
				return klaviyoErrors(batch, body.errors).map((v) => (suppression && v.outcome === 'propagated' ? noJob : v));
			}
			const job = body && typeof body === 'object' ? body.data : undefined;
			if (job && typeof job === 'object' && job.type === jobType && typeof job.id === 'string' && job.id !== '' && body?.errors === undefined) {
				const attributes = (job as { attributes?: unknown }).attributes;
				const unconfirmed = jobProblem(attributes, batch.length);
				if (unconfirmed) return batch.map(() => ({ outcome: 'failed_retryable', message: `Klaviyo job ${job.id}: ${unconfirmed}; not confirmed` }));
				// A suppression job is done when it reads complete (here or when polled: see confirm).
				if (suppression && (attributes as { status?: unknown } | undefined)?.status === 'complete') {
					const short = completeShort(attributes, batch.length);
					if (short) return batch.map(() => ({ outcome: 'failed_retryable', message: `Klaviyo job ${job.id}: ${short}; not confirmed` }));
				}
				if (suppression && (attributes as { status?: unknown } | undefined)?.status !== 'complete') {
					return batch.map(() => ({ outcome: 'failed_retryable', message: `${PENDING} ${job.id} (status ${String((attributes as { status?: unknown } | undefined)?.status ?? 'not given')}); not confirmed` }));
				}
				return batch.map(() => ({ outcome: 'propagated' }));
			}
			return batch.map(() => ({ outcome: 'failed_retryable', message: `Klaviyo answered 202 with an unexpected body; ${expected}` }));
		},
		// A suppression job accepted but not yet complete: read its status until it is (or the budget ends).
		async confirm(batch, verdicts, response, io) {
			if (!isSuppression(batch) || !verdicts.every((v) => v.outcome === 'failed_retryable' && v.message?.startsWith(PENDING))) return verdicts;
			const id = String((parseJson(response.body) as { data: { id: string } }).data.id);
			const url = joinUrl(baseUrl, `/api/profile-suppression-bulk-create-jobs/${encodeURIComponent(id)}`);
			let status = 'queued';
			for (let poll = 0; poll < JOB_POLLS; poll++) {
				if (!(await io.wait(Math.min(1000 * 2 ** poll, 16_000)))) break;
				let read;
				try {
					const { accept, revision } = headers();
					read = await io.get(url, { accept, revision });
				} catch (error) {
					return batch.map(() => ({ outcome: 'failed_retryable', message: `${PENDING} ${id}; its status could not be read (${(error as Error).message}); not confirmed` }));
				}
				const job = (parseJson(read.body) as { data?: { type?: unknown; id?: unknown; attributes?: { status?: unknown } } } | undefined)?.data;
				if (!job || job.type !== SUPPRESSION_JOB || job.id !== id) {
					return batch.map(() => ({ outcome: 'failed_retryable', message: `${PENDING} ${id}; reading its status gave an unexpected body (expected {"data": {"type": "${SUPPRESSION_JOB}", "id": "${id}"}}); not confirmed` }));
				}
				const problem = jobProblem(job.attributes, batch.length);
				if (problem) return batch.map(() => ({ outcome: 'failed_retryable', message: `Klaviyo job ${id}: ${problem}; not confirmed` }));
				status = String(job.attributes?.status ?? 'not given');
				if (status === 'complete') {
					const short = completeShort(job.attributes, batch.length);
					return batch.map(() => (short ? { outcome: 'failed_retryable', message: `Klaviyo job ${id}: ${short}; not confirmed` } : { outcome: 'propagated' }));
				}
			}
			return batch.map(() => ({ outcome: 'failed_retryable', message: `${PENDING} ${id}, still ${status} when this run's time budget ended; not confirmed` }));
		},
	};
}

const SUPPRESSION_JOB = 'profile-suppression-bulk-create-job';
/** The start of the message of a suppression job accepted but not (yet) complete. */
const PENDING = 'Klaviyo accepted suppression job';
/** Status reads of one job at most (backoff 1, 2, 4, 8, 16, 16 s: about a minute). */
const JOB_POLLS = 6;
/** A global email batch: Klaviyo's suppression job (the one whose status can be read back). */
const isSuppression = (batch: OptOutEvent[]) => batch[0].scope === 'global' && !isSmsPart(batch[0]);

/**
 * Why a job document does not confirm its profiles, or undefined. Klaviyo's job attributes
 * (get_bulk_suppress_profiles_job, get_bulk_unsubscribe…): status one of cancelled | complete |
 * processing | queued, total_count, completed_count, skipped_count. A cancelled job unsubscribed
 * nobody; a skipped profile was not unsubscribed and the counts do not say which one, so any skip
 * leaves the whole batch unconfirmed; a complete job that completed fewer than its total likewise.
 */
function jobProblem(attributes: unknown, sent: number): string | undefined {
	if (!attributes || typeof attributes !== 'object') return undefined;
	const a = attributes as { status?: unknown; total_count?: unknown; completed_count?: unknown; skipped_count?: unknown };
	// A job counting fewer profiles than were sent did not take them all (and does not say which).
	if (typeof a.total_count === 'number' && a.total_count < sent) return `the job counts ${a.total_count} profiles, ${sent} were sent`;
	if (a.status !== undefined && !['queued', 'processing', 'complete'].includes(String(a.status))) return `status "${String(a.status)}"`;
	if (typeof a.skipped_count === 'number' && a.skipped_count > 0) return `${a.skipped_count} of ${String(a.total_count ?? '?')} profiles skipped (Klaviyo does not say which)`;
	if (a.status === 'complete' && typeof a.total_count === 'number' && typeof a.completed_count === 'number' && a.completed_count < a.total_count) {
		return `complete with ${a.completed_count} of ${a.total_count} profiles done`;
	}
	return undefined;
}

/**
 * Why a complete suppression job does not show every profile sent as done, or undefined: its counts
 * (numbers, or numeric text, read as lib/records reads numbers) must be there and say total >= sent,
 * completed = total and nothing skipped. A job complete without counts confirms nothing.
 */
function completeShort(attributes: unknown, sent: number): string | undefined {
	const a = (attributes ?? {}) as { total_count?: unknown; completed_count?: unknown; skipped_count?: unknown };
	const total = readNumber(a.total_count);
	const completed = readNumber(a.completed_count);
	const skipped = a.skipped_count === undefined || a.skipped_count === null ? 0 : readNumber(a.skipped_count);
	if (Number.isNaN(total) || Number.isNaN(completed) || Number.isNaN(skipped)) return 'complete, but its counts do not show every profile done (total_count and completed_count expected)';
	if (skipped > 0) return `complete with ${skipped} of ${total} profiles skipped (Klaviyo does not say which)`;
	if (total < sent || completed < total) return `complete with ${completed} of ${total} profiles done, ${sent} sent`;
	return undefined;
}

type KlaviyoError = { status?: unknown; code?: unknown; title?: unknown; detail?: unknown; source?: { pointer?: unknown } };

/** Verdicts from JSON:API errors: an error pointing at profiles/data/N fails event N; any other fails every event. */
function klaviyoErrors(batch: OptOutEvent[], errors: unknown[]): EventVerdict[] {
	const verdicts: Array<EventVerdict | undefined> = batch.map(() => undefined);
	const fail = (error: KlaviyoError): EventVerdict => {
		const words = [error.title, error.detail].filter((w) => typeof w === 'string' && w !== '').join(': ') || String(error.code ?? 'error');
		const status = Number(error.status);
		// An explicit 4xx (not 429) will not work on retry; anything else may.
		const permanent = status >= 400 && status < 500 && status !== 429;
		return { outcome: permanent ? 'failed_permanent' : 'failed_retryable', message: `Klaviyo error: ${words}` };
	};
	for (const raw of errors) {
		const error = (raw && typeof raw === 'object' ? raw : {}) as KlaviyoError;
		const pointer = typeof error.source?.pointer === 'string' ? /\/profiles\/data\/(\d+)(?:\/|$)/.exec(error.source.pointer) : null;
		const index = pointer ? Number(pointer[1]) : -1;
		if (index >= 0 && index < batch.length) verdicts[index] ??= fail(error);
		else return batch.map((_, i) => verdicts[i] ?? fail(error));
	}
	return verdicts.map((v) => v ?? { outcome: 'propagated' });
}
