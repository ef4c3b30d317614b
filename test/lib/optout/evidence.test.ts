// Outcomes only from a response that proves them (issue 14): a 2xx that confirms nothing is
// failed_retryable with what was expected; the webhook's per-event statuses are a closed list.
// And SMS opt-outs reach each destination's SMS consent API, or fail saying why; never "done" unsent.
import nock from 'nock';
import {
	brazeConnector,
	DONE_OUTCOMES,
	hubspotConnector,
	KLAVIYO_REVISION,
	klaviyoConnector,
	mailchimpConnector,
	propagateOptOuts,
	salesforceConnector,
	sendgridConnector,
	webhookConnector,
	type Connector,
	type DestinationResult,
	type OptOutEvent,
} from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime, klaviyoJob, mailchimpAudiences } from './helpers';

const HS = 'https://api.hubapi.com';
const MC = 'https://us21.api.mailchimp.com';
const SG = 'https://api.sendgrid.com';
const KL = 'https://a.klaviyo.com';
const BZ = 'https://rest.iad-01.braze.com';
const WH = 'https://optout.internal.example';
// A dashboard URL typed where the REST endpoint belongs answers 200 with its sign-in page.
const HTML = '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login"></form></body></html>';
const retry = { maxAttempts: 2, budgetMs: 60_000, baseDelayMs: 10, maxDelayMs: 20 };

async function run(connector: Connector, events: OptOutEvent[], auth: Record<string, string> = {}): Promise<DestinationResult[]> {
	const { results } = await propagateOptOuts(events, [{ connector, client: createNodeHttpClient({ authHeaders: auth }) }], { runtime: fakeRuntime(), retry });
	return results.map((r) => r[0]);
}

interface Captured {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
}
function capture(scope: nock.Scope, method: 'POST', path: string, status: number, reply: string | object, captured: Captured[], times = 1) {
	scope
		.intercept(path, method)
		.times(times)
		.reply(function (uri, body) {
			const raw = typeof body === 'string' ? body : JSON.stringify(body);
			captured.push({ method: this.req.method, path: uri, headers: this.req.headers as Record<string, string>, body: JSON.parse(raw) });
			return [status, typeof reply === 'string' ? reply : JSON.stringify(reply), { 'content-type': typeof reply === 'string' ? 'text/html' : 'application/json' }];
		});
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('a 2xx counts only when its body confirms the opt-out', () => {
	it('signed webhook: 200 with results [{status: "error"}] is failed, not propagated', async () => {
		nock(WH)
			.post('/optout')
			.reply(200, { results: [{ eventId: 'ev-1', status: 'error', message: 'receiver could not store it' }] });
		const [result] = await run(webhookConnector({ url: `${WH}/optout`, secret: 'whsec-0123456789', nowSeconds: () => 1_772_445_600 }), [event(1)]);
		expect(DONE_OUTCOMES.has(result.outcome)).toBe(false);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/Webhook status "error": receiver could not store it; expected .*ok, propagated, already_opted_out/);
	});

	it('signed webhook: the documented statuses map exactly; a plain 200, an event missing from results and HTML are not done', async () => {
		const events = [event(1), event(2), event(3), event(4)];
		nock(WH)
			.post('/optout')
			.reply(200, {
				results: [
					{ eventId: 'ev-1', status: 'ok' },
					{ eventId: 'ev-2', status: 'already_opted_out' },
					{ eventId: 'ev-3', status: 'failed', message: 'address on legal hold' },
				],
			});
		const results = await run(webhookConnector({ url: `${WH}/optout`, secret: 'whsec-0123456789' }), events);
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'already_opted_out', 'failed_permanent', 'failed_retryable']);
		expect(results[3].message).toMatch(/did not report this event/);

		// Not JSON: retried like any malformed answer, then failed saying what was expected.
		nock(WH).post('/optout').times(2).reply(204, '');
		nock(WH).post('/optout').times(2).reply(200, HTML, { 'content-type': 'text/html' });
		nock(WH).post('/optout').reply(200, { received: true });
		for (let k = 0; k < 3; k++) {
			const [plain] = await run(webhookConnector({ url: `${WH}/optout`, secret: 'whsec-0123456789' }), [event(1)]);
			expect(plain.outcome).toBe('failed_retryable');
			expect(plain.message).toMatch(/expected (a JSON body )?\{"results": \[\{"eventId", "status"/);
		}
	});

	it('Mailchimp: 200 {} is not already_opted_out', async () => {
		mailchimpAudiences(nock(MC), ['a1b2c3']);
		nock(MC).post('/3.0/lists/a1b2c3').reply(200, {});
		const [result] = await run(mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'a1b2c3' }), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/expected new_members, updated_members and errors lists/);
	});

	it('Mailchimp: a member listed with a status other than unsubscribed is not done', async () => {
		mailchimpAudiences(nock(MC), ['a1b2c3']);
		nock(MC)
			.post('/3.0/lists/a1b2c3')
			.reply(200, { new_members: [], updated_members: [{ email_address: 'person1@example.com', status: 'subscribed' }], errors: [] });
		const [result] = await run(mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'a1b2c3' }), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
	});

	it.each(['pending', 'archived', 'transactional', '(none)'])('Mailchimp: a member listed as %j is not done', async (status) => {
		mailchimpAudiences(nock(MC), ['a1b2c3']);
		nock(MC)
			.post('/3.0/lists/a1b2c3')
			.reply(200, { new_members: [], updated_members: [{ email_address: 'person1@example.com', ...(status === '(none)' ? {} : { status }) }], errors: [] });
		const [result] = await run(mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'a1b2c3' }), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
	});

	// Before: "cleaned" was failed_retryable, and retried on every run for ever: Mailchimp keeps a
	// bounced address cleaned whatever is sent, and sends it nothing.
	it('Mailchimp: a member listed as cleaned is already opted out, once, and said so', async () => {
		mailchimpAudiences(nock(MC), ['a1b2c3']);
		const scope = nock(MC)
			.post('/3.0/lists/a1b2c3')
			.once()
			.reply(200, { new_members: [], updated_members: [{ email_address: 'person1@example.com', status: 'cleaned' }], errors: [], error_count: 0 });
		const [result] = await run(mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'a1b2c3' }), [event(1)]);
		expect(result.outcome).toBe('already_opted_out');
		expect(DONE_OUTCOMES.has(result.outcome)).toBe(true);
		expect(result.message).toMatch(/cleaned/);
		expect(result.attempts).toBe(1);
		expect(scope.isDone()).toBe(true);
	});

	it('SendGrid: 200 with an HTML page is failed_retryable, not propagated', async () => {
		nock(SG).post('/v3/asm/suppressions/global').times(2).reply(200, HTML, { 'content-type': 'text/html' });
		const [result] = await run(sendgridConnector(), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/expected 201 \{"recipient_emails"/);
	});

	it('Braze: 200 with an HTML page is failed_retryable, not propagated', async () => {
		nock(BZ).post('/email/status').times(2).reply(200, HTML, { 'content-type': 'text/html' });
		const [result] = await run(brazeConnector({ baseUrl: BZ }), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/expected \{"message": "success"\}/);
	});

	it('Klaviyo: only the documented 202 Accepted counts; a 200 HTML page does not', async () => {
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(200, HTML, { 'content-type': 'text/html' });
		const [result] = await run(klaviyoConnector(), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/expected 202 Accepted/);
	});

	it('Klaviyo: a suppression 202 counts with the JSON:API job document complete, not with an HTML page or another body', async () => {
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, { data: { type: 'profile-suppression-bulk-create-job', id: 'job_7Qx2', attributes: { status: 'complete', total_count: 1, completed_count: 1, skipped_count: 0 } } });
		expect((await run(klaviyoConnector(), [event(1)]))[0].outcome).toBe('propagated');
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, HTML, { 'content-type': 'text/html' });
		const [html] = await run(klaviyoConnector(), [event(1)]);
		expect(html.outcome).toBe('failed_retryable');
		expect(html.message).toMatch(/unexpected body; expected 202 Accepted with the JSON:API job document/);
		// A job of the other kind (or one without an id) is not the job this request created.
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, { data: { type: 'profile-subscription-bulk-delete-job', id: 'job_7Qx2' } });
		expect((await run(klaviyoConnector(), [event(1)]))[0].outcome).toBe('failed_retryable');
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, { data: { type: 'profile-suppression-bulk-create-job' } });
		expect((await run(klaviyoConnector(), [event(1)]))[0].outcome).toBe('failed_retryable');
	});

	it('Klaviyo: a 202 with JSON:API errors fails the events the errors point at, or all of them', async () => {
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, { errors: [{ detail: 'Invalid email address' }] });
		const [whole] = await run(klaviyoConnector(), [event(1)]);
		expect(whole.outcome).toBe('failed_retryable');
		expect(whole.message).toBe('Klaviyo error: Invalid email address');
		nock(KL)
			.post('/api/profile-suppression-bulk-create-jobs')
			.reply(202, { errors: [{ status: 400, code: 'invalid', title: 'Invalid input.', detail: 'Invalid email address', source: { pointer: '/data/attributes/profiles/data/1' } }] });
		const [first, second] = await run(klaviyoConnector(), [event(1), event(2)]);
		// The other profile: accepted, but no job document to confirm it by.
		expect(first).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/accepted, not confirmed/) });
		expect(second).toMatchObject({ outcome: 'failed_permanent', message: 'Klaviyo error: Invalid input.: Invalid email address' });
	});

	it('Salesforce: results match records by ID, not position; a success for another record confirms nothing', async () => {
		const SF = 'https://acme.my.salesforce.com';
		const sf = salesforceConnector({ instanceUrl: SF });
		nock(SF).patch('/services/data/v62.0/composite/sobjects').reply(200, [{ id: '003XX000009ZZZZZZZ', success: true, errors: [] }]);
		const [other] = await run(sf, [event(1, { customerId: '003XX000004TmiQQAS' })]);
		expect(other.outcome).toBe('failed_retryable');
		expect(other.message).toMatch(/a result for another record ID/);
		// Out of order, and a 15-character ID answered in its 18-character form: each matched by ID.
		nock(SF)
			.patch('/services/data/v62.0/composite/sobjects')
			.reply(200, [
				{ id: '003XX000004TmiRRAS', success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Blocked' }] },
				{ id: '003XX000004TmiQQAS', success: true, errors: [] },
			]);
		const [ok, blocked] = await run(sf, [event(1, { customerId: '003XX000004TmiQ' }), event(2, { customerId: '003XX000004TmiRRAS' })]);
		expect(ok.outcome).toBe('propagated');
		expect(blocked).toMatchObject({ outcome: 'failed_permanent', message: 'Salesforce FIELD_CUSTOM_VALIDATION_EXCEPTION: Blocked' });
		// A success without an id is not evidence for any record.
		nock(SF).patch('/services/data/v62.0/composite/sobjects').reply(200, [{ success: true, errors: [] }]);
		expect((await run(sf, [event(1, { customerId: '003XX000004TmiQQAS' })]))[0]).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/without its record ID/) });
	});

	it('HubSpot: 200 {} and a status other than UNSUBSCRIBED are failed_retryable', async () => {
		nock(HS).post('/communication-preferences/v4/statuses/batch/unsubscribe-all').query({ channel: 'EMAIL' }).reply(200, {});
		const [empty] = await run(hubspotConnector(), [event(1)]);
		expect(empty.outcome).toBe('failed_retryable');
		nock(HS)
			.post('/communication-preferences/v4/statuses/batch/unsubscribe-all')
			.query({ channel: 'EMAIL' })
			.reply(200, { status: 'COMPLETE', results: [{ subscriberIdString: 'person1@example.com', statuses: [{ status: 'SUBSCRIBED', setStatusSuccessReason: 'NO_STATUS_CHANGE' }] }] });
		const [subscribed] = await run(hubspotConnector(), [event(1)]);
		expect(subscribed.outcome).toBe('failed_retryable');
		expect(subscribed.message).toMatch(/status "SUBSCRIBED".*expected UNSUBSCRIBED/);
	});
});

describe('SMS opt-outs reach SMS, or fail saying why', () => {
	const phone = '+15005550006';
	// A STOP reply: phone only, SMS channel, global.
	const stop = (i = 1): OptOutEvent => ({ eventId: `sms-${i}`, phone, channels: ['sms'], scope: 'global', reason: 'STOP', requestedAt: '2026-03-02T09:00:00.000Z' });

	it('Braze: the phone is unsubscribed from the configured SMS subscription group(s) via /v2/subscription/status/set', async () => {
		const captured: Captured[] = [];
		capture(nock(BZ), 'POST', '/v2/subscription/status/set', 201, { message: 'success' }, captured);
		const [result] = await run(brazeConnector({ baseUrl: BZ, smsSubscriptionGroupId: 'sg-sms-promo, sg-sms-alerts' }), [stop()], { authorization: 'Bearer braze-rest-key' });
		expect(captured).toHaveLength(1);
		expect(captured[0]).toMatchObject({ method: 'POST', path: '/v2/subscription/status/set' });
		expect(captured[0].headers).toMatchObject({ authorization: 'Bearer braze-rest-key', 'content-type': 'application/json', accept: 'application/json' });
		expect(captured[0].body).toEqual({
			subscription_groups: [
				{ subscription_group_id: 'sg-sms-promo', subscription_state: 'unsubscribed', phones: [phone] },
				{ subscription_group_id: 'sg-sms-alerts', subscription_state: 'unsubscribed', phones: [phone] },
			],
		});
		expect(result.outcome).toBe('propagated');
	});

	it('Braze without the SMS subscription group setting: failed, naming the setting; nothing sent', async () => {
		const [result] = await run(brazeConnector({ baseUrl: BZ }), [stop()]);
		expect(result.outcome).toBe('failed_permanent');
		expect(result.message).toMatch(/"Braze SMS Subscription Group ID" setting/);
		expect(result.attempts).toBe(0);
	});

	it('Klaviyo: SMS marketing consent revoked by phone_number through a bulk unsubscribe job (no list)', async () => {
		const captured: Captured[] = [];
		capture(nock(KL), 'POST', '/api/profile-subscription-bulk-delete-jobs', 202, '', captured);
		const [result] = await run(klaviyoConnector(), [stop()], { authorization: 'Klaviyo-API-Key pk_live_0123456789' });
		expect(captured).toHaveLength(1);
		expect(captured[0].headers).toMatchObject({
			authorization: 'Klaviyo-API-Key pk_live_0123456789',
			revision: KLAVIYO_REVISION,
			accept: 'application/vnd.api+json',
			'content-type': 'application/vnd.api+json',
		});
		expect(captured[0].body).toEqual({
			data: {
				type: 'profile-subscription-bulk-delete-job',
				attributes: {
					profiles: { data: [{ type: 'profile', attributes: { phone_number: phone, subscriptions: { sms: { marketing: { consent: 'UNSUBSCRIBED' } } } } }] },
				},
			},
		});
		expect(result.outcome).toBe('propagated');
	});

	it('an email + SMS opt-out at Braze and Klaviyo makes both calls; the event is done only when both are', async () => {
		const both: OptOutEvent = { ...event(1), phone, channels: ['email', 'sms'] };
		nock(BZ).post('/email/status', { email: ['person1@example.com'], subscription_state: 'unsubscribed' }).reply(201, { message: 'success' });
		nock(BZ).post('/v2/subscription/status/set').reply(500, { message: 'internal' });
		nock(BZ).post('/v2/subscription/status/set').reply(500, { message: 'internal' });
		const [braze] = await run(brazeConnector({ baseUrl: BZ, smsSubscriptionGroupId: 'sg-sms' }), [both]);
		expect(braze.outcome).toBe('failed_retryable');
		expect(braze.attempts).toBe(3);

		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, klaviyoJob(1));
		nock(KL).post('/api/profile-subscription-bulk-delete-jobs').reply(202, '');
		const [klaviyo] = await run(klaviyoConnector(), [both]);
		expect(klaviyo.outcome).toBe('propagated');
	});

	it('HubSpot and Mailchimp send SMS but their APIs cannot record SMS consent: failed, never done; nothing sent', async () => {
		for (const connector of [hubspotConnector(), mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'a1b2c3' })]) {
			const [result] = await run(connector, [stop()]);
			expect(result.outcome).toBe('failed_permanent');
			expect(result.message).toMatch(/by hand, or leave .* out of the destinations of SMS opt-outs/);
			expect(result.attempts).toBe(0);
		}
	});

	it('SendGrid and Salesforce have no SMS channel: not applicable', async () => {
		for (const connector of [sendgridConnector(), salesforceConnector({ instanceUrl: 'https://acme.my.salesforce.com' })]) {
			const [result] = await run(connector, [{ ...stop(), customerId: '003000000000001AAA' }]);
			expect(result.outcome).toBe('not_applicable');
		}
	});
});
