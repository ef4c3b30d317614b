// Attacks Propagate Opt-Out with vendor responses that confirm nothing, partial failures, SMS-only
// events, and vendor errors that echo identifiers and secrets. The node runs in-process; its
// authenticated request helper is answered by a scripted fake vendor (no network at all).
// Invariants: nothing is reported propagated / already_opted_out without a confirming response;
// no identifier or secret of the batch appears in the output field, hints or audit records.
//   npx tsx bench/adversarial/optout.ts [--root <worktree>] [--verbose]
import { attempt, executeNode, load, Report } from './common';

const { PropagateOptOut } = load('nodes/PropagateOptOut/PropagateOptOut.node.ts');
const node = new PropagateOptOut();
const report = new Report('optout');

const DESTINATIONS = ['hubspot', 'salesforce', 'mailchimp', 'sendgrid', 'klaviyo', 'braze', 'webhook'] as const;
type Destination = (typeof DESTINATIONS)[number];
const DONE = new Set(['propagated', 'already_opted_out', 'not_applicable']);

/** Secrets in every credential: a leak check looks for each of them. */
const SECRET = 'sk_live_9fQ2ZxSECRETk7Lm';
const WEBHOOK_SECRET = 'whsec_T0pS3cretValue42';
/** Mailchimp's Basic authentication header value, as a debugging proxy or vendor might echo it. */
const BASIC = Buffer.from(`anystring:${SECRET}-us21`).toString('base64');
const BASE = 'http://vendor.invalid';
const CREDENTIALS: Record<string, Record<string, unknown>> = {
	marketingAnalyticsHubSpotApi: { accessToken: SECRET, baseUrl: `${BASE}/hubspot` },
	marketingAnalyticsSalesforceApi: { accessToken: SECRET, instanceUrl: `${BASE}/salesforce`, apiVersion: 'v60.0' },
	marketingAnalyticsSalesforceOAuth2Api: { instanceUrl: `${BASE}/salesforce`, apiVersion: 'v60.0', clientSecret: SECRET },
	marketingAnalyticsMailchimpApi: { apiKey: `${SECRET}-us21`, baseUrl: `${BASE}/mailchimp/3.0` },
	marketingAnalyticsSendGridApi: { apiKey: SECRET, baseUrl: `${BASE}/sendgrid` },
	marketingAnalyticsKlaviyoApi: { apiKey: SECRET, revision: '2025-10-15', baseUrl: `${BASE}/klaviyo` },
	marketingAnalyticsBrazeApi: { apiKey: SECRET, restEndpoint: `${BASE}/braze` },
	marketingAnalyticsOptOutWebhookApi: { url: `${BASE}/webhook`, secret: WEBHOOK_SECRET, keyId: 'k1' },
};
/** The audiences of the scripted Mailchimp account (the configured one first). */
const MAILCHIMP_AUDIENCES = ['a1b2c3', 'd4e5f6'];
const SETTINGS = { mailchimpListId: 'a1b2c3', hubspotSubscriptionId: '123', sendgridGroupId: '42', klaviyoListId: 'XyZ12', brazeSubscriptionGroupId: 'grp-sms-1' };

interface VendorRequest {
	destination: Destination;
	method: string;
	url: string;
	body: string;
}
interface VendorReply {
	status: number;
	body: string;
	headers?: Record<string, string>;
}
type Vendor = (request: VendorRequest) => VendorReply;

const destinationOf = (url: string): Destination => DESTINATIONS.find((d) => url.includes(`/${d}`)) ?? 'webhook';

/** What each vendor documents as success, echoing the records it was sent (the control). */
export function confirming(request: VendorRequest): VendorReply {
	const emails = [...new Set(request.body.match(/[^\s"@,[\]{}]+@[^\s"@,[\]{}]+\.[a-z]{2,}/gi) ?? [])];
	const body = request.body ? JSON.parse(request.body) : {};
	switch (request.destination) {
		case 'hubspot':
			return {
				status: 200,
				body: JSON.stringify({
					status: 'COMPLETE',
					results: emails.map((e) => ({ subscriberIdString: e, statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBE_FROM_ALL_OCCURRED', channel: 'EMAIL' }] })),
				}),
			};
		case 'salesforce':
			return { status: 200, body: JSON.stringify((body.records ?? [{}]).map((r: { id?: string; Id?: string }) => ({ id: r.id ?? r.Id ?? '003000000000001AAA', success: true, errors: [] }))) };
		case 'mailchimp':
			// GET /3.0/lists (get-lists-info): the account's audiences, which a global opt-out reaches.
			if (request.method === 'GET' && /\/lists\/?(\?|$)/.test(request.url)) return { status: 200, body: JSON.stringify({ lists: [{ id: 'a1b2c3' }, { id: 'd4e5f6' }], total_items: 2 }) };
			return { status: 200, body: JSON.stringify({ new_members: [], updated_members: emails.map((e) => ({ email_address: e, status: 'unsubscribed' })), errors: [], total_created: 0, total_updated: emails.length, error_count: 0 }) };
		case 'sendgrid':
			return { status: 201, body: JSON.stringify({ recipient_emails: emails }) };
		case 'klaviyo': {
			// The suppression job: 202 with the job document, and its read-back (GET .../{id}) complete with
			// every profile done (get_bulk_suppress_profiles_job). The unsubscribe job: 202, no content.
			const count = Math.max(1, emails.length + (request.body.match(/"phone_number"/g) ?? []).length);
			const job = (status: string) => ({ data: { type: 'profile-suppression-bulk-create-job', id: 'job-adv-1', attributes: { status, total_count: count, completed_count: status === 'complete' ? count : 0, skipped_count: 0 } } });
			if (/profile-suppression-bulk-create-jobs\/[^/?]+/.test(request.url) && request.method.toUpperCase() === 'GET') return { status: 200, body: JSON.stringify(job('complete')) };
			if (/profile-suppression-bulk-create-jobs/.test(request.url)) return { status: 202, body: JSON.stringify(job('queued')) };
			return { status: 202, body: '' };
		}
		case 'braze':
			return { status: 201, body: JSON.stringify({ message: 'success' }) };
		case 'webhook':
			return { status: 200, body: JSON.stringify({ results: (body.events ?? []).map((e: { eventId: string }) => ({ eventId: e.eventId, status: 'propagated' })) }) };
	}
}

interface Run {
	outputs: any[][];
	hints: any[];
	requests: VendorRequest[];
	error?: Error;
}

async function run(destinations: readonly Destination[], events: object[], vendor: Vendor, options: Record<string, unknown> = {}): Promise<Run> {
	const requests: VendorRequest[] = [];
	const { value, error } = await attempt(() =>
		executeNode(node, {
			parameters: { destinations, settings: SETTINGS, options: { maxAttempts: 1, timeBudgetSeconds: 5, timeoutSeconds: 5, ...options } },
			inputs: [events],
			continueOnFail: true,
			credentials: CREDENTIALS,
			httpRequestWithAuthentication: async (_type: string, request: Record<string, unknown>) => {
				const seen: VendorRequest = {
					destination: destinationOf(String(request.url)),
					method: String(request.method),
					url: String(request.url),
					body: typeof request.body === 'string' ? request.body : request.body === undefined ? '' : JSON.stringify(request.body),
				};
				requests.push(seen);
				// Mailchimp's audience listing (GET /3.0/lists), as the account documents it: two audiences.
				// Answered here for every scripted vendor so a connector that enumerates audiences for a
				// global opt-out reaches the member call each attack scripts (else the attack is vacuous).
				const listing = seen.destination === 'mailchimp' && seen.method.toUpperCase() === 'GET' && /\/lists\/?(\?|$)/.test(seen.url);
				const reply = listing ? { status: 200, body: JSON.stringify({ lists: MAILCHIMP_AUDIENCES.map((id) => ({ id, name: `Audience ${id}` })), total_items: MAILCHIMP_AUDIENCES.length }) } : vendor(seen);
				return { statusCode: reply.status, headers: { 'content-type': 'application/json', ...(reply.headers ?? {}) }, body: reply.body };
			},
		}),
	);
	return { outputs: value?.outputs ?? [], hints: value?.hints ?? [], requests, error };
}

/** Per input item: [output index, the node's result object]. */
function resultsByItem(outputs: any[][]): Map<number, Array<{ output: number; result: any }>> {
	const byItem = new Map<number, Array<{ output: number; result: any }>>();
	outputs.forEach((items, output) =>
		(items ?? []).forEach((item: any) => {
			const index = item.pairedItem?.item ?? -1;
			byItem.set(index, [...(byItem.get(index) ?? []), { output, result: item.json?.optOut ?? item.json }]);
		}),
	);
	return byItem;
}

const JANE = { email: 'Jane.Doe+news@Example.com' };
const CUSTOMER = '003XX000004TmiQQAS';

/** A response that confirms nothing must not count as done, for every destination. */
async function unconfirmed() {
	const replies: Array<[string, VendorReply]> = [
		['200 HTML dashboard page', { status: 200, body: '<!doctype html><html><head><title>Dashboard</title></head><body>Sign in</body></html>', headers: { 'content-type': 'text/html' } }],
		['200 {}', { status: 200, body: '{}' }],
		['200 empty body', { status: 200, body: '' }],
		['201 {}', { status: 201, body: '{}' }],
		['202 HTML', { status: 202, body: '<html>Accepted</html>', headers: { 'content-type': 'text/html' } }],
		['200 with errors[]', { status: 200, body: JSON.stringify({ errors: [{ message: 'Invalid input', code: 'VALIDATION_ERROR' }] }) }],
		['200 JSON null', { status: 200, body: 'null' }],
		['200 JSON array []', { status: 200, body: '[]' }],
		['200 {"status":"error"}', { status: 200, body: JSON.stringify({ status: 'error', message: 'could not store' }) }],
		['207 multi-status, all failed', { status: 207, body: JSON.stringify({ results: [], errors: [{ status: 'error', message: 'failed', category: 'VALIDATION_ERROR' }], numErrors: 1 }) }],
		['200 {"message":"queued"} (Braze-like, not success)', { status: 200, body: JSON.stringify({ message: 'queued' }) }],
		['200 {"success":false}', { status: 200, body: JSON.stringify({ success: false }) }],
		['200 results for another event', { status: 200, body: JSON.stringify({ results: [{ eventId: 'someone-else', status: 'propagated' }], recipient_emails: ['someone@else.org'], updated_members: [{ email_address: 'someone@else.org' }] }) }],
	];
	for (const destination of DESTINATIONS) {
		for (const [label, reply] of replies) {
			const event = { ...JANE, customerId: CUSTOMER, channels: 'email' };
			const out = await run([destination], [event], () => reply);
			const got = resultsByItem(out.outputs).get(0) ?? [];
			const outcome = got[0]?.result?.destinations?.[destination]?.outcome ?? got[0]?.result?.status ?? out.error?.message;
			const done = got.some((r) => r.output === 0) || DONE.has(outcome);
			report.check(!done, {
				id: `${destination} ${label}`,
				harm: 'falseDone',
				title: `${destination}: ${label} counted as done`,
				input: { destination, event, reply },
				expected: 'Failed output, failed_retryable (unconfirmed)',
				got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), outcome },
				responsible: `lib/optout/connectors/${destination}.ts interpret`,
			});
		}
	}
}

/** Vendor-shaped answers that look like success but say the opposite (or nothing) about this record. */
async function vendorLies() {
	const email = 'jane.doe+news@example.com';
	const lies: Array<[Destination, string, VendorReply]> = [
		['hubspot', 'result with empty statuses', { status: 200, body: JSON.stringify({ status: 'COMPLETE', results: [{ subscriberIdString: email, statuses: [] }] }) }],
		['hubspot', 'result still SUBSCRIBED', { status: 200, body: JSON.stringify({ status: 'COMPLETE', results: [{ subscriberIdString: email, statuses: [{ status: 'SUBSCRIBED', channel: 'EMAIL' }] }] }) }],
		['hubspot', 'batch status CANCELED', { status: 200, body: JSON.stringify({ status: 'CANCELED', results: [{ subscriberIdString: email, statuses: [{ status: 'UNSUBSCRIBED' }] }] }) }],
		['mailchimp', 'updated member still subscribed', { status: 200, body: JSON.stringify({ new_members: [], updated_members: [{ email_address: email, status: 'subscribed' }], errors: [], error_count: 0 }) }],
		['mailchimp', 'no member lists at all', { status: 200, body: JSON.stringify({ total_created: 0, total_updated: 0, error_count: 0 }) }],
		['sendgrid', '201 with empty recipient_emails', { status: 201, body: JSON.stringify({ recipient_emails: [] }) }],
		['salesforce', 'success for another record ID', { status: 200, body: JSON.stringify([{ id: '003XX000009ZZZZZZZ', success: true, errors: [] }]) }],
		['salesforce', 'empty array', { status: 200, body: '[]' }],
		['braze', '201 message success with errors', { status: 201, body: JSON.stringify({ message: 'success', errors: [`Invalid email ${email}`] }) }],
		['klaviyo', '202 with JSON:API errors', { status: 202, body: JSON.stringify({ errors: [{ status: 400, code: 'invalid', detail: 'Invalid email address' }] }) }],
		['webhook', 'results only for eventId "*"', { status: 200, body: JSON.stringify({ results: [{ eventId: '*', status: 'failed' }] }) }],
	];
	for (const [destination, label, reply] of lies) {
		const event = { ...JANE, customerId: CUSTOMER, channels: 'email' };
		const out = await run([destination], [event], () => reply);
		const got = resultsByItem(out.outputs).get(0) ?? [];
		const outcome = got[0]?.result?.destinations?.[destination]?.outcome;
		report.check(!got.some((r) => r.output === 0), {
			id: `${destination} ${label}`,
			harm: 'falseDone',
			title: `${destination}: ${label} counted as done`,
			input: { destination, event, reply },
			expected: 'Failed: the body does not confirm this record is unsubscribed',
			got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), outcome },
			responsible: `lib/optout/connectors/${destination}.ts interpret`,
		});
	}
}

/** Bad events beside good ones: every item comes out exactly once, the bad ones on Failed. */
async function everyItemOut() {
	const events = [
		{ email: 'good.one@example.com' },
		{ email: 'not-an-email' },
		{ phone: 'n/a', channels: 'sms' },
		{ email: 'x@example.com', channels: 'text' },
		{ email: 'y@example.com', requestedAt: '2024-02-30' },
		{ email: ['arr@example.com'] },
		{ email: 'GOOD.ONE@example.com ' },
		{},
	];
	for (const destination of DESTINATIONS) {
		const out = await run([destination], events, confirming);
		const counts = new Map<number, number>();
		out.outputs.forEach((items) => (items ?? []).forEach((item: any) => counts.set(item.pairedItem?.item, (counts.get(item.pairedItem?.item) ?? 0) + 1)));
		const wrong = events.map((_, i) => i).filter((i) => counts.get(i) !== 1);
		report.check(!out.error && wrong.length === 0, {
			id: `${destination} every item out`,
			harm: 'lost',
			title: `${destination}: with Continue On Fail, items lost or duplicated: ${wrong.join(', ')}`,
			input: { destination, events },
			expected: 'each input item exactly once',
			got: out.error?.message ?? Object.fromEntries(wrong.map((i) => [i, counts.get(i) ?? 0])),
			responsible: 'nodes/PropagateOptOut/PropagateOptOut.node.ts execute',
		});
		const falseDone = [1, 2, 3, 7].filter((i) => (out.outputs[0] ?? []).some((item: any) => item.pairedItem?.item === i));
		report.check(falseDone.length === 0, {
			id: `${destination} bad events done`,
			harm: 'falseDone',
			title: `${destination}: unreadable events ${falseDone.join(', ')} on Propagated`,
			input: { destination, events },
			expected: 'bad events on Failed with an error',
			got: falseDone,
			responsible: 'lib/optout/events.ts toOptOutEvent',
		});
	}
}

/** Partial failures in one batch: the failed event must not ride on the other's success. */
async function partial() {
	const events = [
		{ email: 'ok.person@example.com', customerId: '003XX000004TmiAAAA', channels: 'email' },
		{ email: 'bad.person@example.com', customerId: '003XX000004TmiBBBB', channels: 'email' },
	];
	const replies: Record<Destination, (r: VendorRequest) => VendorReply> = {
		hubspot: () => ({
			status: 207,
			body: JSON.stringify({
				status: 'COMPLETE',
				results: [{ subscriberIdString: 'ok.person@example.com', statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBE_FROM_ALL_OCCURRED' }] }],
				numErrors: 1,
				errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Invalid subscriber', context: { subscriberIdString: ['BAD.PERSON@EXAMPLE.COM'] } }],
			}),
		}),
		salesforce: () => ({ status: 200, body: JSON.stringify([{ id: '003XX000004TmiAAAA', success: true, errors: [] }]) }),
		mailchimp: () => ({
			status: 200,
			body: JSON.stringify({ new_members: [], updated_members: [{ email_address: 'ok.person@example.com' }], errors: [{ email_address: 'BAD.PERSON@EXAMPLE.COM', error: 'looks fake', error_code: 'ERROR_CONTACT_EXISTS' }], error_count: 1 }),
		}),
		sendgrid: () => ({ status: 201, body: JSON.stringify({ recipient_emails: ['ok.person@example.com'] }) }),
		klaviyo: () => ({ status: 202, body: JSON.stringify({ errors: [{ detail: 'bad.person@example.com is invalid', source: { pointer: '/data/attributes/profiles/data/1' } }] }) }),
		braze: () => ({ status: 201, body: JSON.stringify({ message: 'success', errors: ['Invalid email: bad.person@example.com'] }) }),
		webhook: (r) => {
			const sent = JSON.parse(r.body).events as Array<{ eventId: string; email: string }>;
			return { status: 207, body: JSON.stringify({ results: sent.map((e) => ({ eventId: e.eventId, status: e.email.startsWith('ok') ? 'propagated' : 'error', message: 'receiver could not store it' })) }) };
		},
	};
	for (const destination of DESTINATIONS) {
		const out = await run([destination], events, replies[destination]);
		const got = resultsByItem(out.outputs).get(1) ?? [];
		const outcome = got[0]?.result?.destinations?.[destination]?.outcome;
		report.check(!got.some((r) => r.output === 0) && !DONE.has(outcome), {
			id: `${destination} partial failure`,
			harm: 'falseDone',
			title: `${destination}: the failed half of a batch counted as done`,
			input: { destination, events, reply: replies[destination].toString() },
			expected: 'bad.person on Failed',
			got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), outcome },
			responsible: `lib/optout/connectors/${destination}.ts interpret`,
		});
	}
}

/** The signed webhook's per-event statuses: only the documented "done" words may count. */
async function webhookStatuses() {
	// "ok", "propagated" and "already_opted_out" are the documented done words (lib/optout/connectors/webhook.ts
	// WEBHOOK_STATUSES, README webhook contract): they must count, everything else must not.
	for (const status of ['ok', 'propagated', 'already_opted_out']) {
		const out = await run(['webhook'], [{ ...JANE }], (r) => ({
			status: 200,
			body: JSON.stringify({ results: JSON.parse(r.body).events.map((e: { eventId: string }) => ({ eventId: e.eventId, status })) }),
		}));
		const got = resultsByItem(out.outputs).get(0) ?? [];
		report.check(got.some((r) => r.output === 0), {
			id: `webhook status ${JSON.stringify(status)} control`,
			harm: 'split',
			title: `webhook documented done status ${JSON.stringify(status)} not counted as done`,
			input: { status },
			expected: 'Propagated (documented contract)',
			got: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')),
		});
	}
	for (const status of ['error', 'failed_permanent', 'queued', 'accepted', 'pending', 'OK', 'PROPAGATED', 'unknown', '', null, 'success', 'skipped', 'ok ']) {
		const out = await run(['webhook'], [{ ...JANE }], (r) => ({
			status: 200,
			body: JSON.stringify({ results: JSON.parse(r.body).events.map((e: { eventId: string }) => ({ eventId: e.eventId, status, message: 'receiver says so' })) }),
		}));
		const got = resultsByItem(out.outputs).get(0) ?? [];
		const outcome = got[0]?.result?.destinations?.webhook?.outcome;
		report.check(!got.some((r) => r.output === 0), {
			id: `webhook status ${JSON.stringify(status)}`,
			harm: 'falseDone',
			title: `webhook per-event status ${JSON.stringify(status)} counted as done`,
			input: { status },
			expected: 'Failed (not a documented done status)',
			got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), outcome },
			responsible: 'lib/optout/connectors/webhook.ts interpret (STATUSES fallback)',
		});
	}
	// An eventId the receiver echoes with different case/whitespace, and a missing eventId.
	const out = await run(['webhook'], [{ ...JANE }], () => ({ status: 200, body: JSON.stringify({ results: [{ status: 'failed', message: 'no eventId' }] }) }));
	const got = resultsByItem(out.outputs).get(0) ?? [];
	report.check(!got.some((r) => r.output === 0), {
		id: 'webhook result without eventId',
		harm: 'falseDone',
		title: 'webhook answering one failed result without an eventId counts as done',
		input: { reply: { results: [{ status: 'failed' }] } },
		expected: 'Failed',
		got: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')),
		responsible: 'lib/optout/connectors/webhook.ts interpret',
	});
}

/** A phone-only SMS STOP must reach an SMS API, or not count as done. */
async function smsOnly() {
	const events: Array<[string, object]> = [
		['phone-only sms', { phone: '+14155550123', channels: 'sms' }],
		['phone-only SMS uppercase', { phone: '+14155550123', channels: 'SMS' }],
		['email+phone all', { email: 'sms.person@example.com', phone: '+14155550123', channels: 'all' }],
		['email+phone email,sms', { email: 'sms.person@example.com', phone: '+14155550123', channels: ['email', 'sms'] }],
		['phone-only sms list scope', { phone: '+14155550123', channels: 'sms', scope: 'list' }],
	];
	// Vendors with a documented SMS subscription API (Braze, Klaviyo; the webhook carries everything).
	const withSms: Destination[] = ['braze', 'klaviyo', 'webhook', 'hubspot', 'mailchimp'];
	for (const destination of withSms) {
		for (const [label, event] of events) {
			const out = await run([destination], [event], confirming);
			const got = resultsByItem(out.outputs).get(0) ?? [];
			const outcome = got[0]?.result?.destinations?.[destination]?.outcome ?? out.error?.message;
			const carried = out.requests.some((r) => r.destination === destination && (r.body + r.url).replace(/\D/g, '').includes('4155550123'));
			const done = got.some((r) => r.output === 0);
			const strict = destination === 'braze' || destination === 'klaviyo' || destination === 'webhook';
			report.check(!done || carried, {
				id: `${destination} ${label}`,
				harm: strict ? 'falseDone' : 'split',
				title: `${destination}: ${label} opt-out done without any request carrying the phone${strict ? '' : ' (vendor has an SMS API; check README table)'}`,
				input: { destination, event },
				expected: 'a request to the SMS subscription API with the phone, or Failed',
				got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), outcome, requests: out.requests.map((r) => `${r.method} ${r.url}`) },
				responsible: `lib/optout/connectors/${destination}.ts precheck/build`,
			});
		}
	}
}

/** Forms a vendor may echo an identifier in. */
function echoes(email: string): string[] {
	return [email.toUpperCase(), encodeURIComponent(email), encodeURIComponent(email).toUpperCase(), email.replace(/\+/g, ' '), email.replace(/@/g, '%40')];
}

/** A fragment as it may be printed in a report: the harness's fake secrets replaced by names. */
function hideSecrets(text: string): string {
	return text
		.replace(new RegExp(SECRET, 'gi'), '<API key>')
		.replace(new RegExp(WEBHOOK_SECRET, 'gi'), '<webhook secret>')
		.replace(BASIC, '<base64 of anystring:API key>');
}

/** Vendor errors that echo every identifier of the batch and the API key, in many encodings. */
async function leaks() {
	const events = [
		{ email: 'Jane.Doe+news@Example.com', customerId: '003XX000004TmiQQAS', channels: 'email' },
		{ email: 'bob.kowalski@example.org', phone: '+14155550177', customerId: '003XX000004TmiRRAS', channels: 'all' },
	];
	const emails = ['jane.doe+news@example.com', 'bob.kowalski@example.org'];
	const fragments = [
		...emails.flatMap(echoes),
		'+1 (415) 555-0177',
		'4155550177',
		'003XX000004TmiQQAS',
		'003XX000004TmiRRAS',
		`Authorization: Bearer ${SECRET}`,
		`api_key=${SECRET}`,
		`apikey ${SECRET.toUpperCase()}`,
		`"key":"${SECRET}"`,
		`secret=${encodeURIComponent(WEBHOOK_SECRET)}`,
		'jane.doe+news&#64;example.com',
		`Authorization: Basic ${BASIC}`,
	];
	const echoText = fragments.join(' | ');
	const bodies: Array<[string, (status: number) => VendorReply]> = [
		['JSON message', (status) => ({ status, body: JSON.stringify({ message: `Invalid request: ${echoText}`, errors: [{ message: echoText, detail: echoText }] }) })],
		['JSON errors[] only', (status) => ({ status, body: JSON.stringify({ errors: [{ field: 'email', message: `not valid: ${echoText}` }] }) })],
		['plain text', (status) => ({ status, body: `Bad Request: ${echoText}`, headers: { 'content-type': 'text/plain' } })],
		['JSON with escaped quotes', (status) => ({ status, body: JSON.stringify({ title: 'Error', detail: JSON.stringify({ echo: echoText }) }) })],
	];
	const labels: Array<[string, string]> = [
		...emails.flatMap((e, i): Array<[string, string]> => [
			[e, `email#${i + 1}`],
			[encodeURIComponent(e), `email#${i + 1} url-encoded`],
			[e.replace(/\+/g, ' '), `email#${i + 1} +-as-space`],
			[e.split('@')[0], `email#${i + 1} local part`],
		]),
		['+14155550177', 'phone E.164'],
		['4155550177', 'phone national'],
		['003XX000004TmiQQAS', 'customer ID#1'],
		['003XX000004TmiRRAS', 'customer ID#2'],
		[SECRET, 'API key'],
		[WEBHOOK_SECRET, 'webhook secret'],
		['jane.doe+news&#64;example.com', 'email#1 HTML entity'],
		[BASIC, 'Basic auth (base64 of the API key)'],
	];
	const distinct = labels.filter(([needle], i) => labels.findIndex(([other]) => other === needle) === i);
	for (const destination of DESTINATIONS) {
		// One finding per destination: which kinds leaked, and in which response / mode.
		const leaked = new Map<string, string[]>();
		// Every echo at once (as a verbose vendor does), then each alone (a message cut at 500
		// characters must not hide a leak further on).
		const cases: Array<[string, VendorReply, string]> = [];
		for (const status of [400, 401, 422, 200]) for (const [label, reply] of bodies) for (const mode of ['masked', 'hashed']) cases.push([`${status} ${label} ${mode}`, reply(status), mode]);
		for (const fragment of fragments) {
			for (const status of [400, 401]) for (const mode of ['masked', 'hashed']) cases.push([`single echo ${JSON.stringify(hideSecrets(fragment))} ${mode}`, { status, body: JSON.stringify({ message: `Invalid value: ${fragment}` }) }, mode]);
		}
		for (const [label, reply, identifierMode] of cases) {
			{
				{
					const status = reply.status;
					const out = await run([destination], events, () => reply, { identifierMode });
					const texts = [
						...out.outputs.flat().map((item: any) => JSON.stringify(item.json?.optOut ?? {})),
						JSON.stringify(out.hints),
						out.error?.message ?? '',
						JSON.stringify((out.error as any)?.description ?? ''),
					].map((t) => t.toLowerCase());
					for (const [needle, kind] of distinct) {
						if (texts.some((t) => t.includes(needle.toLowerCase()))) leaked.set(kind, [...(leaked.get(kind) ?? []), `${label} (HTTP ${status})`]);
					}
					// A phone echoed as "+1 (415) 555-0177": compare digits only.
					if (texts.some((t) => t.replace(/[^0-9]/g, '').includes('4155550177'))) {
						leaked.set('phone formatted', [...(leaked.get('phone formatted') ?? []), `${label} (HTTP ${status})`]);
					}
				}
			}
		}
		report.check(leaked.size === 0, {
			id: `${destination} echo leak`,
			harm: 'leak',
			title: `${destination}: vendor error echoes reach optOut.destinations / retry.reasons / audit (${[...leaked.keys()].join(', ')})`,
			input: { destination, events, echoed: hideSecrets(echoText) },
			expected: 'no email (any case/encoding), phone, customer ID, API key or webhook secret in the output field, hints or error',
			got: Object.fromEntries(
				[...leaked].map(([kind, where]) => {
					const single = where.filter((w) => w.startsWith('single'));
					return [kind, `${where.length} responses, e.g. ${[...new Set(single.length > 0 ? single : where)].slice(0, 2).join('; ')}`];
				}),
			),
			responsible: 'lib/optout/audit.ts scrub (one event, lower case only), lib/optout/retry.ts vendorMessage, node result.destinations.*.message and retry.reasons unscrubbed',
		});
	}
}

/** An address cut in half by message truncation must not survive as a partial address. */
async function truncatedEchoes() {
	const event = { email: 'bob.kowalski@example.org' };
	for (const destination of DESTINATIONS) {
		const found: string[] = [];
		// The address starts at character cut + 14 of the body: these cuts straddle a 300 or 500 limit.
		for (const cut of [258, 262, 266, 270, 274, 278, 282, 458, 462, 466, 470, 474, 478, 482]) {
			for (const json of [false, true]) {
				const text = `Bad Request: ${'x'.repeat(cut)} BOB.KOWALSKI@EXAMPLE.ORG rejected`;
				const reply: VendorReply = json ? { status: 400, body: JSON.stringify({ message: text }) } : { status: 400, body: text, headers: { 'content-type': 'text/plain' } };
				const out = await run([destination], [event], () => reply);
				const all = out.outputs.flat().map((item: any) => JSON.stringify(item.json?.optOut ?? {})).join('').toLowerCase();
				if (all.includes('bob.kowalski')) found.push(`${json ? 'JSON message' : 'plain text'} with the address after ${cut} characters`);
			}
		}
		report.check(found.length === 0, {
			id: `${destination} truncated echo`,
			harm: 'leak',
			title: `${destination}: a vendor message cut before redaction leaves a partial address (${found.length} of 28 cuts)`,
			input: { destination, event, body: 'Bad Request: <N x "x"> BOB.KOWALSKI@EXAMPLE.ORG rejected' },
			expected: 'no part of the address in the output (redact before truncating)',
			got: found.slice(0, 3),
			responsible: 'lib/optout/retry.ts vendorMessage (slices to 300/500) runs before the redactor',
		});
	}
}

/** Identifiers the user's own fields carry into the result: an event ID or a reason quoting the address. */
async function fieldLeaks() {
	const events = [
		{ email: 'Jane.Doe+news@Example.com', eventId: 'unsub:Jane.Doe+news@Example.com:1709287200', reason: 'Called support: please remove jane.doe+news@example.com', source: 'zendesk ticket from Jane.Doe+news@Example.com' },
	];
	for (const destination of ['webhook', 'sendgrid'] as const) {
		for (const identifierMode of ['masked', 'hashed']) {
			const out = await run([destination], events, confirming, { identifierMode });
			const text = out.outputs.flat().map((item: any) => JSON.stringify(item.json?.optOut ?? {})).join('\n').toLowerCase();
			const where = ['eventId', 'reason', 'source'].filter((field) => {
				const result = out.outputs.flat()[0]?.json?.optOut;
				const values = [result?.[field], ...(result?.audit ?? []).map((a: any) => a[field])].map((v) => String(v ?? '').toLowerCase());
				return values.some((v) => v.includes('jane.doe+news@example.com'));
			});
			report.check(!text.includes('jane.doe+news@example.com'), {
				id: `${destination} user fields ${identifierMode}`,
				harm: 'leak',
				title: `${destination}: the address in the event's own ${where.join('/') || 'fields'} reaches the result and audit (${identifierMode})`,
				input: { destination, events, identifierMode },
				expected: 'no raw address in optOut (eventId/reason/source redacted like vendor text)',
				got: where,
				responsible: 'lib/optout/audit.ts auditRecord, node result.eventId',
			});
		}
	}
}


// ---- Session 2 attacks -------------------------------------------------------------------------

/**
 * A vendor's status word that quotes the address or the key, cut to 40 characters by the connector
 * before the redactor sees it: the cut leaves "bob.kowalski@exam", which no known variant matches.
 * Expectation: no part of the address (its local part) and no 8-character run of the key's
 * non-public part in the output. Why: the redactor can only mask what it sees whole (README: one
 * redactor, cut after redaction); a connector that cuts first defeats it.
 */
async function truncatedStatuses() {
	const email = 'bob.kowalski@example.org';
	const event = { email, customerId: '003XX000004TmiQQAS', channels: 'email' };
	const said: Array<[Destination, (word: string) => (r: VendorRequest) => VendorReply]> = [
		['hubspot', (word) => () => ({ status: 200, body: JSON.stringify({ status: 'COMPLETE', results: [{ subscriberIdString: email, statuses: [{ status: word }] }] }) })],
		['mailchimp', (word) => () => ({ status: 200, body: JSON.stringify({ new_members: [], updated_members: [{ email_address: email, status: word }], errors: [] }) })],
		['webhook', (word) => (r) => ({ status: 200, body: JSON.stringify({ results: JSON.parse(r.body).events.map((e: { eventId: string }) => ({ eventId: e.eventId, status: word })) }) })],
	];
	for (const [destination, reply] of said) {
		const found: string[] = [];
		// The secret of the destination's own credential: a webhook run loads only the webhook credential
		// (its secret is WEBHOOK_SECRET), so it cannot know, and need not mask, the ESPs' API key SECRET.
		const secret = destination === 'webhook' ? WEBHOOK_SECRET : SECRET;
		const secretCore = secret.slice(destination === 'webhook' ? 6 : 8); // after the public "whsec_" / "sk_live_" prefix
		for (let pad = 10; pad <= 38; pad += 2) {
			for (const [kind, needle] of [['address', email.toUpperCase()], ['API key', secret]] as const) {
				const word = `${'REJECTED_BY_POLICY_FOR_'.padEnd(pad, '_')}${needle}`;
				const out = await run([destination], [event], reply(word));
				const text = out.outputs.flat().map((item: any) => JSON.stringify(item.json?.optOut ?? {})).join('\n');
				const lower = text.toLowerCase();
				const leakedAddress = kind === 'address' && lower.includes('bob.kowalski');
				let leakedKey = false;
				if (kind === 'API key') for (let i = 0; i + 8 <= secretCore.length; i++) if (text.includes(secretCore.slice(i, i + 8))) leakedKey = true;
				if (leakedAddress || leakedKey) found.push(`${kind} after ${pad} characters`);
			}
		}
		report.check(found.length === 0, {
			id: `${destination} status cut before redaction`,
			harm: 'leak',
			title: `${destination}: a status word quoting the address or key is cut to 40 characters before redaction (${found.length} of 30 cuts leak)`,
			input: { destination, status: '"REJECTED_BY_POLICY_FOR_…" + the address or the API key' },
			expected: 'no part of the address or key in optOut (redact, then cut)',
			got: found.slice(0, 4),
			responsible: `lib/optout/connectors/${destination}.ts interpret (.slice(0, 40) before ctx.redact)`,
		});
	}
}

/**
 * Two different people whose events share an event ID (a help-desk ticket ID, an export's batch
 * ID, a campaign ID mapped as the Event ID Field). Expectation: each person is done only if some
 * request carried that person's address. Why: a connector that deduplicates a batch on the event ID
 * sends the first person only and copies that verdict to the second.
 */
async function sharedEventIds() {
	const events = [
		{ eventId: 'ticket-4711', email: 'anna.meyer@example.de', customerId: '003XX000004TmiAAAA', channels: 'email' },
		{ eventId: 'ticket-4711', email: 'jonas.meyer@example.de', customerId: '003XX000004TmiBBBB', channels: 'email' },
		{ eventId: 4711, email: 'lena.meyer@example.de', customerId: '003XX000004TmiCCCC', channels: 'email' },
		{ eventId: '4711', email: 'paul.meyer@example.de', customerId: '003XX000004TmiDDDD', channels: 'email' },
	];
	for (const destination of DESTINATIONS) {
		const out = await run([destination], events, confirming);
		const byItem = resultsByItem(out.outputs);
		const wrong: string[] = [];
		events.forEach((event, i) => {
			const done = (byItem.get(i) ?? []).some((r) => r.output === 0);
			const carried = out.requests.some((r) => r.body.toLowerCase().includes(event.email) || r.body.includes(event.customerId));
			if (done && !carried) wrong.push(`${event.email} Propagated, never sent`);
		});
		report.check(wrong.length === 0, {
			id: `${destination} shared event ID`,
			harm: 'falseDone',
			title: `${destination}: people sharing an event ID reported done without a request carrying them (${wrong.length} of ${events.length})`,
			input: { destination, events },
			expected: 'every Propagated person in some request (deduplicate on the person, not the event ID)',
			got: wrong,
			responsible: `lib/optout/connectors/${destination}.ts recordKey (+ lib/optout/propagate.ts dedup)`,
		});
	}
}

/**
 * A receiver that answers once per channel, or a retried batch, with two results for one event:
 * one failed, one done. Expectation: Failed. Why: the contract says one result per event; a second,
 * contradicting one confirms nothing, and the worse one must win (as split parts do).
 */
async function contradictingResults() {
	const cases: Array<[Destination, string, (r: VendorRequest) => VendorReply]> = [
		[
			'webhook',
			'failed then propagated for one event',
			(r) => ({ status: 200, body: JSON.stringify({ results: JSON.parse(r.body).events.flatMap((e: { eventId: string }) => [{ eventId: e.eventId, status: 'failed', message: 'sms leg failed' }, { eventId: e.eventId, status: 'propagated' }]) }) }),
		],
		[
			'mailchimp',
			'member in errors and in updated_members',
			() => ({ status: 200, body: JSON.stringify({ new_members: [], updated_members: [{ email_address: 'jane.doe+news@example.com', status: 'unsubscribed' }], errors: [{ email_address: 'jane.doe+news@example.com', error: 'compliance state, not updated', error_code: 'ERROR_GENERIC' }], error_count: 1 }) }),
		],
		[
			'salesforce',
			'same id twice, failure first',
			(r) => {
				const id = JSON.parse(r.body).records[0].id;
				return { status: 200, body: JSON.stringify([{ id, success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'blocked' }] }, { id, success: true, errors: [] }]) };
			},
		],
	];
	for (const [destination, label, reply] of cases) {
		const out = await run([destination], [{ ...JANE, customerId: CUSTOMER, channels: 'email' }], reply);
		const got = resultsByItem(out.outputs).get(0) ?? [];
		report.check(!got.some((r) => r.output === 0), {
			id: `${destination} ${label}`,
			harm: 'falseDone',
			title: `${destination}: ${label} counted as done`,
			input: { destination, label },
			expected: 'Failed (contradicting results confirm nothing)',
			got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), outcome: got[0]?.result?.destinations?.[destination]?.outcome },
			responsible: `lib/optout/connectors/${destination}.ts interpret (last/first result wins)`,
		});
	}
}

/**
 * Responses that carry an error the connector cannot attribute to an address, or a job the vendor
 * says it cancelled. Expectation: not done. Why: Mailchimp's "an address listed nowhere was already
 * unsubscribed" only holds when the batch reports no unattributed error (error_count 0); Klaviyo's
 * job document has a status (cancelled | complete | processing | queued) and skipped_count, and a
 * cancelled or fully skipped job unsubscribed nobody.
 */
async function unattributedErrors() {
	const cases: Array<[Destination, string, VendorReply]> = [
		['mailchimp', 'error_count 1, error without email_address', { status: 200, body: JSON.stringify({ new_members: [], updated_members: [], errors: [{ error: 'This member\'s status is compliance-locked', error_code: 'ERROR_GENERIC' }], total_created: 0, total_updated: 0, error_count: 1 }) }],
		['mailchimp', 'error_count 1 with errors [] (truncated)', { status: 200, body: JSON.stringify({ new_members: [], updated_members: [], errors: [], total_created: 0, total_updated: 0, error_count: 1 }) }],
		['klaviyo', '202 job cancelled', { status: 202, body: JSON.stringify({ data: { type: 'profile-suppression-bulk-create-job', id: 'job-1', attributes: { status: 'cancelled', total_count: 1, completed_count: 0, skipped_count: 0 } } }) }],
		['klaviyo', '202 job with every profile skipped', { status: 202, body: JSON.stringify({ data: { type: 'profile-suppression-bulk-create-job', id: 'job-2', attributes: { status: 'complete', total_count: 1, completed_count: 0, skipped_count: 1 } } }) }],
		['hubspot', '207 COMPLETE, address only in an errors entry without context', { status: 207, body: JSON.stringify({ status: 'COMPLETE', results: [], numErrors: 1, errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Invalid subscriber' }] }) }],
		['sendgrid', '201 echo with errors[]', { status: 201, body: JSON.stringify({ recipient_emails: ['jane.doe+news@example.com'], errors: [{ field: 'recipient_emails', message: 'not stored' }] }) }],
	];
	for (const [destination, label, reply] of cases) {
		const out = await run([destination], [{ ...JANE, customerId: CUSTOMER, channels: 'email' }], () => reply);
		const got = resultsByItem(out.outputs).get(0) ?? [];
		report.check(!got.some((r) => r.output === 0), {
			id: `${destination} ${label}`,
			harm: 'falseDone',
			title: `${destination}: ${label} counted as done`,
			input: { destination, reply },
			expected: 'Failed (nothing confirms this address)',
			got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), outcome: got[0]?.result?.destinations?.[destination]?.outcome },
			responsible: `lib/optout/connectors/${destination}.ts interpret`,
		});
	}
}

/**
 * Redirects (an instance URL moved, a dashboard login page): never done, and the run ends.
 * A long Retry-After (HubSpot daily limit, SendGrid reset an hour away) must not hold the execution
 * past the node's time budget: README says what is left goes to Failed with when to retry.
 */
async function redirectsAndLongWaits() {
	for (const status of [301, 302, 303, 307, 308]) {
		for (const destination of DESTINATIONS) {
			const out = await run([destination], [{ ...JANE, customerId: CUSTOMER, channels: 'email' }], () => ({ status, body: '', headers: { location: 'https://login.example.com/' } }));
			const got = resultsByItem(out.outputs).get(0) ?? [];
			report.check(!got.some((r) => r.output === 0), {
				id: `${destination} ${status} redirect`,
				harm: 'falseDone',
				title: `${destination}: HTTP ${status} redirect counted as done`,
				input: { destination, status },
				expected: 'Failed',
				got: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')),
			});
		}
	}
	// 701 HubSpot opt-outs: 8 batches, 5 at a time; every answer is 429 with Retry-After 15 s.
	const events = Array.from({ length: 701 }, (_, i) => ({ email: `person${i}@example.com` }));
	const started = Date.now();
	const out = await run(['hubspot'], events, () => ({ status: 429, body: JSON.stringify({ status: 'error', message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' }), headers: { 'retry-after': '15' } }), {
		maxAttempts: 2,
		timeBudgetSeconds: 2,
	});
	const seconds = (Date.now() - started) / 1000;
	const failed = (out.outputs[1] ?? []).length;
	report.check(seconds < 10 && failed === events.length, {
		id: 'hubspot Retry-After beyond the time budget',
		harm: 'lost',
		title: `hubspot: a 15 s Retry-After holds the run ${seconds.toFixed(1)} s past a 2 s time budget (${failed} of ${events.length} on Failed)`,
		input: { events: '701 addresses', reply: '429 Retry-After: 15', timeBudgetSeconds: 2, maxAttempts: 2 },
		expected: 'the run ends near the budget; every item on Failed with retry.notBefore',
		got: { seconds, failed },
		responsible: 'lib/optout/rateLimit.ts RateLimiter.acquire (sleeps pausedUntil with no budget)',
	});
}

/**
 * An item that already carries an optOut result from another Propagate Opt-Out node (an ESP node
 * [HubSpot, Mailchimp] feeding a CRM node [HubSpot, Salesforce], one output field "optOut"), whose
 * retry list names HubSpot only. Expectation: Salesforce, which that earlier run never tried, gets
 * the opt-out or the item is not Propagated. Why: README "feed Failed back in and only the failed
 * destinations are tried again" must mean destinations that were tried and succeeded, not every
 * destination missing from the list.
 */
async function staleRetryList() {
	const previous = {
		eventId: 'unsub_8c1f',
		status: 'failed',
		destinations: { hubspot: { outcome: 'failed_retryable' }, mailchimp: { outcome: 'propagated' } },
		retry: { retryable: true, destinations: ['hubspot'], reasons: ['hubspot: failed_retryable'] },
	};
	const event = { ...JANE, customerId: CUSTOMER, channels: 'email', optOut: previous };
	const out = await run(['hubspot', 'salesforce'], [event], confirming);
	const got = resultsByItem(out.outputs).get(0) ?? [];
	const salesforceCalled = out.requests.some((r) => r.destination === 'salesforce');
	report.check(salesforceCalled || !got.some((r) => r.output === 0), {
		id: 'retry list from another node',
		harm: 'falseDone',
		title: 'an item whose optOut.retry lists only HubSpot (from a node without Salesforce) comes out Propagated without any Salesforce request',
		input: { destinations: ['hubspot', 'salesforce'], item: event },
		expected: 'a Salesforce request, or Failed',
		got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), requests: out.requests.map((r) => r.destination) },
		responsible: 'nodes/PropagateOptOut/PropagateOptOut.node.ts (only = previous.retry.destinations)',
	});
}

/**
 * A global opt-out at Mailchimp, whose audiences (lists) are separate member stores: an address in
 * three audiences is three members. Expectation: a global opt-out reported done reached every
 * audience (GET /lists, or /search-members across them), or it is not reported as global. Why: the
 * connector unsubscribes the one configured audience and reports "propagated" for scope global.
 */
async function mailchimpGlobal() {
	const out = await run(['mailchimp'], [{ ...JANE, scope: 'global', channels: 'email' }], confirming);
	const got = resultsByItem(out.outputs).get(0) ?? [];
	const lists = new Set(out.requests.map((r) => /\/lists\/([^/?]+)/.exec(r.url)?.[1] ?? (/\/lists\/?(\?|$)/.test(r.url) ? '(enumerated)' : r.url)));
	const coversAll = (lists.has('(enumerated)') && MAILCHIMP_AUDIENCES.every((id) => out.requests.some((r) => r.method.toUpperCase() !== 'GET' && r.url.includes(`/lists/${id}`)))) || out.requests.some((r) => /search-members/.test(r.url));
	report.check(coversAll || !got.some((r) => r.output === 0), {
		id: 'mailchimp global reaches one audience',
		harm: 'falseDone',
		title: `mailchimp: a global opt-out is reported done after unsubscribing one audience (${[...lists].join(', ')}); other audiences keep the address subscribed`,
		input: { event: { ...JANE, scope: 'global' }, settings: SETTINGS },
		expected: 'every audience of the account, or not reported as a global opt-out done',
		got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), requests: out.requests.map((r) => `${r.method} ${r.url}`) },
		responsible: 'lib/optout/connectors/mailchimp.ts (global = options.listId)',
	});
}

/** The control: a vendor that confirms must give Propagated, else every check above is vacuous. */
async function controls() {
	for (const destination of DESTINATIONS) {
		const event = { ...JANE, customerId: CUSTOMER, channels: 'email' };
		const out = await run([destination], [event], confirming);
		const got = resultsByItem(out.outputs).get(0) ?? [];
		report.check(got.some((r) => r.output === 0), {
			id: `${destination} control`,
			harm: 'split',
			title: `${destination}: a documented success response is not Propagated (harness vendor shape or over-strict)`,
			input: { destination, event },
			expected: 'Propagated',
			got: { outcome: got[0]?.result?.destinations?.[destination], error: out.error?.message },
		});
	}
}

/**
 * Klaviyo's suppression job read back as real jobs go: complete with skipped profiles, complete with
 * fewer completed than sent, cancelled, stuck processing, the read-back 404 or HTML, an id that
 * differs, counts as strings. Expectation: a global email opt-out is done only when the job reads
 * complete with every profile done. Why: the 202 only queues the job.
 */
async function klaviyoJobs() {
	const doc = (attributes: Record<string, unknown>, id = 'job-adv-1') => JSON.stringify({ data: { type: 'profile-suppression-bulk-create-job', id, attributes } });
	const scripted: Array<[string, VendorReply]> = [
		['complete with one skipped', { status: 200, body: doc({ status: 'complete', total_count: 1, completed_count: 0, skipped_count: 1 }) }],
		['complete, completed_count 0', { status: 200, body: doc({ status: 'complete', total_count: 1, completed_count: 0, skipped_count: 0 }) }],
		['complete, total_count 0', { status: 200, body: doc({ status: 'complete', total_count: 0, completed_count: 0, skipped_count: 0 }) }],
		['complete, counts missing', { status: 200, body: doc({ status: 'complete' }) }],
		['complete, counts as strings "1"', { status: 200, body: doc({ status: 'complete', total_count: '1', completed_count: '0', skipped_count: '1' }) }],
		['cancelled', { status: 200, body: doc({ status: 'cancelled', total_count: 1, completed_count: 0, skipped_count: 0 }) }],
		['processing forever', { status: 200, body: doc({ status: 'processing', total_count: 1, completed_count: 0, skipped_count: 0 }) }],
		['COMPLETE upper case with skipped', { status: 200, body: doc({ status: 'COMPLETE', total_count: 1, completed_count: 0, skipped_count: 1 }) }],
		['read-back 404', { status: 404, body: JSON.stringify({ errors: [{ status: 404, code: 'not_found', title: 'Not found' }] }) }],
		['read-back HTML 200', { status: 200, body: '<html><body>Service Unavailable</body></html>' }],
		['read-back of another job id, complete', { status: 200, body: doc({ status: 'complete', total_count: 1, completed_count: 1, skipped_count: 0 }, 'job-someone-else') }],
	];
	for (const [label, readBack] of scripted) {
		const vendor: Vendor = (request) => {
			if (/profile-suppression-bulk-create-jobs\/[^/?]+/.test(request.url) && request.method.toUpperCase() === 'GET') return readBack;
			if (/profile-suppression-bulk-create-jobs/.test(request.url)) return { status: 202, body: doc({ status: 'queued', total_count: 1, completed_count: 0, skipped_count: 0 }) };
			return { status: 202, body: '' };
		};
		const out = await run(['klaviyo'], [{ ...JANE, scope: 'global', channels: 'email' }], vendor, { timeBudgetSeconds: 3 });
		const got = resultsByItem(out.outputs).get(0) ?? [];
		report.check(!got.some((r) => r.output === 0), {
			id: `klaviyo job ${label}`,
			harm: 'falseDone',
			title: `klaviyo: a global email opt-out is reported done although the suppression job reads back "${label}"`,
			input: { event: { ...JANE, scope: 'global' }, readBack },
			expected: 'Failed (not confirmed), never Propagated',
			got: { output: got.map((r) => (r.output === 0 ? 'Propagated' : 'Failed')), result: got[0]?.result, requests: out.requests.map((r) => `${r.method} ${r.url}`) },
			responsible: 'lib/optout/connectors/klaviyo.ts (job confirmation)',
		});
	}
}

async function main() {
	await controls();
	await unconfirmed();
	await vendorLies();
	await partial();
	await everyItemOut();
	await webhookStatuses();
	await smsOnly();
	await leaks();
	await fieldLeaks();
	await truncatedEchoes();
	await truncatedStatuses();
	await sharedEventIds();
	await contradictingResults();
	await unattributedErrors();
	await redirectsAndLongWaits();
	await staleRetryList();
	await mailchimpGlobal();
	await klaviyoJobs();
	report.finish();
}

void main();
