// Mailchimp Marketing API 3.0, batch subscribe or unsubscribe list members.
// Followed: https://mailchimp.com/developer/marketing/api/lists/batch-subscribe-or-unsubscribe/
//   POST /3.0/lists/{list_id}  {"members": [{"email_address", "status": "unsubscribed"}], "update_existing": true}
// Up to 500 members per call; the response lists new_members, updated_members and errors
// [{"email_address", "error", "error_code"}]. Members new to the list are created unsubscribed, so
// a later import cannot subscribe them by accident. (The single-member alternative is
// PUT /3.0/lists/{list_id}/members/{md5(lowercase email)}, see mailchimpSubscriberHash.)
// Limit: 10 simultaneous connections per API key.
import { createHash } from 'node:crypto';
import type { OptOutEvent } from '../types';
import { emailPrecheck, joinUrl, JSON_HEADERS, parseJson, type Connector, type EventVerdict } from './types';

export interface MailchimpOptions {
	/** https://<dc>.api.mailchimp.com/3.0 */
	baseUrl: string;
	/** Audience (list) ID for global events and list events without their own listId. */
	listId?: string;
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

export function mailchimpConnector(options: MailchimpOptions): Connector {
	const listOf = (event: OptOutEvent) => (event.scope === 'list' && event.listId ? event.listId : options.listId);
	return {
		destination: 'mailchimp',
		// members: "Up to 500 members may be added or updated with each API call" (batch-subscribe-or-unsubscribe).
		maxBatch: 500,
		// Mailchimp limits simultaneous connections (10 per API key), not requests per window.
		limits: { windows: [], concurrency: 10 },
		expectJson: true,
		precheck(event) {
			const verdict = emailPrecheck(event, 'Mailchimp');
			if (verdict) return verdict;
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
		interpret(batch, response) {
			const body = parseJson(response.body) as {
				new_members?: Array<{ email_address?: string }>;
				updated_members?: Array<{ email_address?: string }>;
				errors?: Array<{ email_address?: string; error?: string; error_code?: string }>;
			};
			const done = new Set<string>();
			for (const m of [...(body?.new_members ?? []), ...(body?.updated_members ?? [])]) done.add(String(m.email_address).toLowerCase());
			const errors = new Map<string, { error?: string; error_code?: string }>();
			for (const e of body?.errors ?? []) errors.set(String(e.email_address).toLowerCase(), e);
			return batch.map((event): EventVerdict => {
				const email = event.email!.toLowerCase();
				if (done.has(email)) return { outcome: 'propagated' };
				const error = errors.get(email);
				if (error) return { outcome: 'failed_permanent', message: `Mailchimp ${error.error_code ?? 'error'}: ${error.error ?? ''}`.trim() };
				// Mailchimp leaves members out of both lists when nothing changed (already unsubscribed).
				return { outcome: 'already_opted_out' };
			});
		},
		permanentFailure(batch, status, message) {
			return batch.map(() => ({ outcome: status === 404 ? 'not_found' : 'failed_permanent', message: `Mailchimp: ${message}` }));
		},
	};
}
