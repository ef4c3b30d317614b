// Mailchimp Marketing API 3.0, batch subscribe or unsubscribe list members.
// Followed: https://mailchimp.com/developer/marketing/api/lists/batch-subscribe-or-unsubscribe/
//   POST /3.0/lists/{list_id}  {"members": [{"email_address", "status": "unsubscribed"}], "update_existing": true}
// Up to 500 members per call; the response lists new_members, updated_members and errors
// [{"email_address", "error", "error_code"}]. Members new to the list are created unsubscribed, so
// a later import cannot subscribe them by accident. (The single-member alternative is
// PUT /3.0/lists/{list_id}/members/{md5(lowercase email)}, see mailchimpSubscriberHash.)
// Limit: 10 simultaneous connections per API key.
// Evidence: a 200 whose body has the documented new_members, updated_members and errors arrays;
// a listed member must say status "unsubscribed" (or "cleaned": a bounced address Mailchimp sends
// nothing and will not resubscribe, already opted out); an address in none of them was left unchanged
// (already unsubscribed), but only when every error is attributed: an errors entry without
// email_address, or error_count above the entries listed, leaves such an address unconfirmed. A member
// both listed and in errors is contradicted: not done. A body without those arrays ({} or HTML)
// confirms nothing: failed_retryable.
// Global opt-outs: Mailchimp has no account-wide unsubscribe; each audience (list) is its own member
// store, so an address in three audiences is three members. A global opt-out first reads every
// audience of the account (GET /3.0/lists?fields=lists.id,total_items&count=1000&offset=N, paged
// until total_items: https://mailchimp.com/developer/marketing/api/lists/get-lists-info/), then
// sends the batch call above to each audience; it is done only when every audience confirms
// (the event's verdict is its worst audience's). When the audiences cannot be read (an error, a
// body without lists and total_items, a page short of total_items), the global event fails with that
// reason and nothing is reported done. An account without any audience has nobody to unsubscribe:
// not_applicable, saying so. The configured audience is for list-scoped events without a list ID.
// SMS: the batch call takes email members only and this node knows no documented Mailchimp call
// that unsubscribes a phone from SMS marketing, so an SMS opt-out fails here (never "done").
import { createHash } from 'node:crypto';
import type { OptOutEvent } from '../types';
import { contradicted, DiscoveryError, emailPrecheck, joinUrl, JSON_HEADERS, parseJson, smsWithoutApi, splitByChannel, type Connector, type EventVerdict } from './types';

export interface MailchimpOptions {
	/** https://<dc>.api.mailchimp.com/3.0 */
	baseUrl: string;
	/** Audience (list) ID for list-scoped events without their own listId (global events reach every audience). */
	listId?: string;
}

/** GET /lists page size: "Maximum value is 1000" (get-lists-info). */
const LISTS_PAGE = 1000;
/** Pages read at most (a million audiences); a vendor that never ends its pages is not followed forever. */
const MAX_LIST_PAGES = 1000;

/** A global event's part for one audience. */
interface AudiencePart extends OptOutEvent {
	mailchimpAudience?: string;
}

/** Mailchimp's subscriber hash: MD5 of the lowercase email address. */
export function mailchimpSubscriberHash(email: string): string {
	return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

/** https://<dc>.api.mailchimp.com/3.0 from an API key ending in -<dc>. */
export function mailchimpBaseUrl(apiKey: string): string {
	const dc = apiKey.includes('-') ? apiKey.slice(apiKey.lastIndexOf('-') + 1) : '';
	if (!/^[a-z]+\d+$/.test(dc)) throw new Error('The Mailchimp API key should end in -<data centre>, e.g. -us21');
	return `https://${dc}.api.mailchimp.com/3.0`;
}

/** Every audience ID of the account, paged until total_items; throws a DiscoveryError on anything else. */
async function readAudiences(baseUrl: string, fetch: (url: string) => Promise<{ status: number; body: string }>): Promise<string[]> {
	const ids: string[] = [];
	const seen = new Set<string>();
	for (let page = 0; page < MAX_LIST_PAGES; page++) {
		const offset = page * LISTS_PAGE;
		const response = await fetch(joinUrl(baseUrl, `/lists?fields=lists.id,total_items&count=${LISTS_PAGE}&offset=${offset}`));
		const body = parseJson(response.body) as { lists?: unknown; total_items?: unknown } | undefined;
		const lists = body?.lists;
		const total = body?.total_items;
		if (!Array.isArray(lists) || typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
			throw new DiscoveryError({
				outcome: 'failed_retryable',
				message: `Mailchimp answered HTTP ${response.status} to GET /lists without lists and total_items; a global opt-out must reach every audience, so none is reported done`,
			});
		}
		const before = ids.length;
		for (const list of lists as Array<{ id?: unknown }>) {
			const id = typeof list?.id === 'string' ? list.id.trim() : '';
			if (id === '') throw new DiscoveryError({ outcome: 'failed_retryable', message: 'Mailchimp listed an audience without an ID; a global opt-out must reach every audience, so none is reported done' });
			if (!seen.has(id)) ids.push(id);
			seen.add(id);
		}
		if (ids.length >= total) return ids;
		// An empty page, or one that repeats audiences already listed, before total_items: the pages do not add up.
		if (ids.length === before) {
			throw new DiscoveryError({
				outcome: 'failed_retryable',
				message: `Mailchimp reports ${total} audiences but listed ${ids.length}; a global opt-out must reach every audience, so none is reported done`,
			});
		}
	}
	throw new DiscoveryError({ outcome: 'failed_retryable', message: `Mailchimp's audience list did not end after ${MAX_LIST_PAGES} pages; a global opt-out is not reported done` });
}

export function mailchimpConnector(options: MailchimpOptions): Connector {
	const listOf = (event: AudiencePart) => event.mailchimpAudience ?? (event.scope === 'list' && event.listId ? event.listId : options.listId);
	const isGlobal = (event: OptOutEvent) => event.scope === 'global';
	// Every audience of the account, read once (discover) when a global event needs it.
	let audiences: string[] | undefined;
	let discoveryFailure: EventVerdict | undefined;
	return {
		destination: 'mailchimp',
		// members: "Up to 500 members may be added or updated with each API call" (batch-subscribe-or-unsubscribe).
		maxBatch: 500,
		// Mailchimp limits simultaneous connections (10 per API key), not requests per window.
		limits: { windows: [], concurrency: 10 },
		expectJson: true,
		expectedAnswer: 'the batch result: new_members, updated_members and errors lists',
		async discover(events, fetch) {
			if (audiences || !events.some((e) => isGlobal(e) && Boolean(e.email) && !(e.channels.length === 1 && e.channels[0] === 'sms'))) return;
			try {
				audiences = await readAudiences(options.baseUrl, fetch);
				discoveryFailure = undefined;
			} catch (error) {
				discoveryFailure =
					error instanceof DiscoveryError
						? { outcome: error.verdict.outcome, message: `Could not read the Mailchimp audiences for a global opt-out: ${error.verdict.message ?? ''}` }
						: { outcome: 'failed_retryable', message: `Could not read the Mailchimp audiences for a global opt-out: ${(error as Error).message}` };
			}
		},
		split(event) {
			const parts = splitByChannel(event);
			// A global email part becomes one part per audience; the event's verdict is the worst of them.
			return parts.flatMap((part): AudiencePart[] =>
				isGlobal(part) && part.channels[0] === 'email' && part.email && audiences && audiences.length > 0 ? audiences.map((id) => ({ ...part, mailchimpAudience: id })) : [part],
			);
		},
		precheck(event: AudiencePart) {
			if (event.channels.includes('sms')) return smsWithoutApi('Mailchimp', 'this node knows no documented Mailchimp API call that unsubscribes a phone number from SMS marketing');
			const verdict = emailPrecheck(event, 'Mailchimp');
			if (verdict) return verdict;
			if (isGlobal(event) && !event.mailchimpAudience) {
				if (discoveryFailure) return discoveryFailure;
				if (audiences && audiences.length === 0) return { outcome: 'not_applicable', message: 'The Mailchimp account has no audience: nobody to unsubscribe there' };
				return { outcome: 'failed_retryable', message: 'The Mailchimp audiences were not read; a global opt-out must reach every audience' };
			}
			if (!listOf(event)) return { outcome: 'failed_permanent', message: 'Mailchimp needs an audience (list) ID' };
			return undefined;
		},
		batchKey: (event) => String(listOf(event)),
		recordKey: (event) => event.email!.toLowerCase(),
		build(batch, timeoutMs) {
			return {
				method: 'POST',
				url: joinUrl(options.baseUrl, `/lists/${encodeURIComponent(String(listOf(batch[0])))}`),
				headers: { ...JSON_HEADERS },
				body: JSON.stringify({
					members: batch.map((e) => ({ email_address: e.email!.toLowerCase(), status: 'unsubscribed' })),
					update_existing: true,
				}),
				timeoutMs,
			};
		},
		batchLabel: (batch: AudiencePart[]) => (batch[0]?.mailchimpAudience === undefined ? undefined : `Mailchimp audience ${batch[0].mailchimpAudience}`),
		interpret(batch: AudiencePart[], response) {
			const verdicts = interpretBatch(batch, response);
			// A global event's part names its audience: the event's message then says which one failed.
			const audience = batch[0]?.mailchimpAudience;
			return audience === undefined ? verdicts : verdicts.map((v) => (v.message ? { ...v, message: `audience ${audience}: ${v.message}` } : v));
		},
		permanentFailure(batch: AudiencePart[], status, message) {
			const audience = batch[0]?.mailchimpAudience;
			return batch.map(() => ({ outcome: status === 404 ? 'not_found' : 'failed_permanent', message: `Mailchimp${audience === undefined ? '' : ` audience ${audience}`}: ${message}` }));
		},
	};
}

function interpretBatch(batch: OptOutEvent[], response: { status: number; body: string }): EventVerdict[] {
	const body = parseJson(response.body) as {
		new_members?: unknown;
		updated_members?: unknown;
		errors?: unknown;
	};
	if (!body || !Array.isArray(body.new_members) || !Array.isArray(body.updated_members) || !Array.isArray(body.errors)) {
		return batch.map(() => ({
			outcome: 'failed_retryable',
			message: `Mailchimp answered HTTP ${response.status} without the batch result; expected new_members, updated_members and errors lists`,
		}));
	}
	// Every status a member is listed with (a member listed twice must be unsubscribed both times).
	const listed = new Map<string, string[]>();
	for (const m of [...body.new_members, ...body.updated_members] as Array<{ email_address?: unknown; status?: unknown }>) {
		const email = String(m?.email_address).toLowerCase();
		// A member listed without its status confirms nothing (the documented member carries one).
		const status = typeof m?.status === 'string' ? m.status : '(no status)';
		const statuses = listed.get(email);
		if (statuses) statuses.push(status);
		else listed.set(email, [status]);
	}
	const errors = new Map<string, { error?: string; error_code?: string }>();
	// Errors Mailchimp does not attribute to an address: an entry without email_address, or an
	// error_count above the entries listed (a truncated errors array).
	let unattributed = 0;
	for (const e of body.errors as Array<{ email_address?: unknown; error?: string; error_code?: string }>) {
		if (typeof e?.email_address === 'string' && e.email_address !== '') errors.set(e.email_address.toLowerCase(), e);
		else unattributed++;
	}
	const errorCount = (body as { error_count?: unknown }).error_count;
	const errorsListed = (body.errors as unknown[]).length;
	if (typeof errorCount === 'number' && errorCount > errorsListed) unattributed += errorCount - errorsListed;
	return batch.map((event): EventVerdict => {
		const email = event.email!.toLowerCase();
		const statuses = listed.get(email);
		const error = errors.get(email);
		const said = error ? `Mailchimp ${error.error_code ?? 'error'}: ${error.error ?? ''}`.trim() : '';
		// Listed as updated and in errors: contradicting results confirm nothing.
		if (statuses && error) return contradicted('Mailchimp', 'member', 'updated', said);
		if (statuses) {
			const other = statuses.find((s) => s !== 'unsubscribed' && s !== 'cleaned');
			// The whole status word: the redactor masks, then shortens (a cut here could leave part of an address).
			if (other === undefined) {
				// "cleaned": the address bounced and Mailchimp sends it nothing, nor lets an import or API
				// call subscribe it again, so its status stays cleaned whatever is sent: done, said so
				// (before: failed_retryable, retried forever).
				if (statuses.includes('cleaned')) {
					return { outcome: 'already_opted_out', message: 'Mailchimp reports this member as "cleaned" (bounced): it sends the address nothing and its status cannot be changed' };
				}
				return { outcome: 'propagated' };
			}
			return { outcome: 'failed_retryable', message: `Mailchimp reports this member as "${other}"; expected "unsubscribed"` };
		}
		if (error) return { outcome: 'failed_permanent', message: said };
		// Listed nowhere means "already unsubscribed, nothing changed" only in a result that
		// attributes every error: an error without an address may be this one's.
		if (unattributed > 0) {
			return { outcome: 'failed_retryable', message: `Mailchimp reports ${unattributed} error(s) without an email address (error_count ${String(errorCount)}, ${errorsListed} listed); this address is not confirmed` };
		}
		return { outcome: 'already_opted_out' };
	});
}
