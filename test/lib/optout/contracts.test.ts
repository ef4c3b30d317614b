// HTTP contracts: the exact method, URL, headers and body each destination sends (nock), and how
// each vendor's answer is read back.
import nock from 'nock';
import {
	brazeConnector,
	hubspotConnector,
	klaviyoConnector,
	mailchimpBaseUrl,
	mailchimpConnector,
	mailchimpSubscriberHash,
	propagateOptOuts,
	salesforceConnector,
	sendgridConnector,
	verifyWebhook,
	webhookConnector,
	type Connector,
	type OptOutEvent,
} from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime, klaviyoJob, mailchimpAudiences } from './helpers';

interface Captured {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
	raw: string;
}

function capture(scope: nock.Scope, method: 'post' | 'patch', path: string | RegExp, status: number, reply: unknown, captured: Captured[]) {
	return scope.intercept(path, method.toUpperCase()).reply(function (uri, body) {
		const raw = typeof body === 'string' ? body : JSON.stringify(body);
		captured.push({ method: this.req.method, path: uri, headers: this.req.headers as Record<string, string>, body: JSON.parse(raw), raw });
		return [status, typeof reply === 'string' ? reply : JSON.stringify(reply), { 'content-type': 'application/json' }];
	});
}

async function run(connector: Connector, events: OptOutEvent[], auth: Record<string, string>) {
	const client = createNodeHttpClient({ authHeaders: auth });
	const { results } = await propagateOptOuts(events, [{ connector, client }], { runtime: fakeRuntime() });
	return results.map((r) => r[0]);
}

afterEach(() => nock.cleanAll());
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe('HubSpot', () => {
	it('unsubscribes from all email with one batch call of lowercase addresses', async () => {
		const captured: Captured[] = [];
		capture(nock('https://api.hubapi.com'), 'post', '/communication-preferences/v4/statuses/batch/unsubscribe-all?channel=EMAIL', 200, {
			status: 'COMPLETE',
			results: [
				{ subscriberIdString: 'person1@example.com', statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED' }] },
				{ subscriberIdString: 'person2@example.com', statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'NO_STATUS_CHANGE' }] },
			],
			errors: [{ message: 'Contact not found', context: { ids: ['person3@example.com'] } }],
		}, captured);
		const results = await run(hubspotConnector(), [event(1, { email: 'Person1@Example.com' }), event(2), event(3)], { authorization: 'Bearer pat-na1-x' });
		expect(captured).toHaveLength(1);
		expect(captured[0].method).toBe('POST');
		expect(captured[0].headers).toMatchObject({ authorization: 'Bearer pat-na1-x', 'content-type': 'application/json', accept: 'application/json' });
		expect(captured[0].body).toEqual({ inputs: ['person1@example.com', 'person2@example.com', 'person3@example.com'] });
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'already_opted_out', 'not_found']);
		expect(results[2].message).toBe('HubSpot: Contact not found');
	});

	it('writes UNSUBSCRIBED (the documented statusState) for one subscription type with a legal basis', async () => {
		const captured: Captured[] = [];
		capture(nock('https://api.hubapi.com'), 'post', '/communication-preferences/v4/statuses/batch/write', 200, {
			results: [{ subscriberIdString: 'person1@example.com', status: 'UNSUBSCRIBED' }],
		}, captured);
		const results = await run(hubspotConnector({ subscriptionId: '123' }), [event(1, { scope: 'list' })], { authorization: 'Bearer t' });
		expect(captured[0].body).toEqual({
			inputs: [
				{
					subscriberIdString: 'person1@example.com',
					statusState: 'UNSUBSCRIBED',
					channel: 'EMAIL',
					subscriptionId: 123,
					legalBasis: 'CONSENT_WITH_NOTICE',
					legalBasisExplanation: 'Opt-out: one-click unsubscribe (source: esp-webhook)',
				},
			],
		});
		expect(results[0].outcome).toBe('propagated');
	});

	it('splits 250 addresses into batches of at most 100', async () => {
		const sizes: number[] = [];
		nock('https://api.hubapi.com')
			.post('/communication-preferences/v4/statuses/batch/unsubscribe-all?channel=EMAIL')
			.times(3)
			.reply((_uri, body) => {
				const inputs = (body as { inputs: string[] }).inputs;
				sizes.push(inputs.length);
				return [200, { results: inputs.map((s) => ({ subscriberIdString: s, statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED' }] })) }];
			});
		const results = await run(hubspotConnector(), Array.from({ length: 250 }, (_, i) => event(i)), { authorization: 'Bearer t' });
		expect(sizes.sort((a, b) => b - a)).toEqual([100, 100, 50]);
		expect(results.every((r) => r.outcome === 'propagated')).toBe(true);
	});
});

describe('Salesforce', () => {
	it('PATCHes HasOptedOutOfEmail on Contacts and Leads through sObject Collections', async () => {
		const captured: Captured[] = [];
		capture(nock('https://acme.my.salesforce.com'), 'patch', '/services/data/v62.0/composite/sobjects', 200, [
			{ id: '003000000000001AAA', success: true, errors: [] },
			{ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
			{ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Blocked by rule', fields: [] }] },
		], captured);
		const events = [
			event(1, { customerId: '003000000000001AAA' }),
			event(2, { customerId: '00Q000000000002AAA' }),
			event(3, { customerId: '003000000000003AAA' }),
			event(4, { customerId: undefined }),
		];
		const results = await run(salesforceConnector({ instanceUrl: 'https://acme.my.salesforce.com' }), events, { authorization: 'Bearer 00D!x' });
		expect(captured[0].method).toBe('PATCH');
		expect(captured[0].headers.authorization).toBe('Bearer 00D!x');
		expect(captured[0].body).toEqual({
			allOrNone: false,
			records: [
				{ attributes: { type: 'Contact' }, id: '003000000000001AAA', HasOptedOutOfEmail: true },
				{ attributes: { type: 'Lead' }, id: '00Q000000000002AAA', HasOptedOutOfEmail: true },
				{ attributes: { type: 'Contact' }, id: '003000000000003AAA', HasOptedOutOfEmail: true },
			],
		});
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'not_found', 'failed_permanent', 'failed_permanent']);
		expect(results[2].message).toBe('Salesforce FIELD_CUSTOM_VALIDATION_EXCEPTION: Blocked by rule');
		expect(results[3]).toMatchObject({ attempts: 0, message: expect.stringMatching(/record ID/) });
	});
});

describe('Mailchimp', () => {
	it('derives the data centre from the key and the subscriber hash from the lowercase email', () => {
		expect(mailchimpBaseUrl('0123456789abcdef-us21')).toBe('https://us21.api.mailchimp.com/3.0');
		expect(() => mailchimpBaseUrl('nodc')).toThrow(/data centre/);
		// md5("urist.mcvankab@freddiesjokes.com"), Mailchimp's own documented example.
		expect(mailchimpSubscriberHash('Urist.McVankab@freddiesjokes.com')).toBe('62eeb292278cc15f5817cb78f7790b08');
	});

	it('batch-unsubscribes list members with update_existing', async () => {
		const captured: Captured[] = [];
		mailchimpAudiences(nock('https://us21.api.mailchimp.com'), ['a1b2c3']);
		capture(nock('https://us21.api.mailchimp.com'), 'post', '/3.0/lists/a1b2c3', 200, {
			new_members: [{ email_address: 'person1@example.com', status: 'unsubscribed' }],
			updated_members: [{ email_address: 'person2@example.com', status: 'unsubscribed' }],
			errors: [{ email_address: 'person3@example.com', error: 'person3@example.com looks fake or invalid', error_code: 'ERROR_FAKE_EMAIL' }],
			total_created: 1,
			total_updated: 1,
			error_count: 1,
		}, captured);
		const results = await run(
			mailchimpConnector({ baseUrl: 'https://us21.api.mailchimp.com/3.0', listId: 'a1b2c3' }),
			[event(1), event(2), event(3), event(4)],
			{ authorization: `Basic ${Buffer.from('anystring:key-us21').toString('base64')}` },
		);
		expect(captured[0].headers.authorization).toBe(`Basic ${Buffer.from('anystring:key-us21').toString('base64')}`);
		expect(captured[0].body).toEqual({
			members: [1, 2, 3, 4].map((i) => ({ email_address: `person${i}@example.com`, status: 'unsubscribed' })),
			update_existing: true,
		});
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'propagated', 'failed_permanent', 'already_opted_out']);
		expect(results[2].message).toMatch(/ERROR_FAKE_EMAIL/);
	});
});

describe('SendGrid', () => {
	it('adds to the global suppression list and to an unsubscribe group', async () => {
		const captured: Captured[] = [];
		const scope = nock('https://api.sendgrid.com');
		capture(scope, 'post', '/v3/asm/suppressions/global', 201, { recipient_emails: ['person1@example.com'] }, captured);
		capture(scope, 'post', '/v3/asm/groups/4242/suppressions', 201, { recipient_emails: ['person2@example.com'] }, captured);
		const results = await run(sendgridConnector({ groupId: '4242' }), [event(1), event(2, { scope: 'list' })], { authorization: 'Bearer SG.x' });
		const byPath = Object.fromEntries(captured.map((c) => [c.path, c]));
		expect(byPath['/v3/asm/suppressions/global'].body).toEqual({ recipient_emails: ['person1@example.com'] });
		expect(byPath['/v3/asm/groups/4242/suppressions'].body).toEqual({ recipient_emails: ['person2@example.com'] });
		expect(captured.every((c) => c.headers.authorization === 'Bearer SG.x')).toBe(true);
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'propagated']);
	});

	it('sends the same address once per request and reports it for every event', async () => {
		const captured: Captured[] = [];
		capture(nock('https://api.sendgrid.com'), 'post', '/v3/asm/suppressions/global', 201, { recipient_emails: ['person1@example.com'] }, captured);
		const results = await run(sendgridConnector(), [event(1), event(1, { eventId: 'again' })], { authorization: 'Bearer SG.x' });
		expect(captured[0].body).toEqual({ recipient_emails: ['person1@example.com'] });
		expect(results.map((r) => [r.eventId, r.outcome])).toEqual([['ev-1', 'propagated'], ['again', 'propagated']]);
	});
});

describe('Klaviyo', () => {
	it('creates a suppression job with the revision header and JSON:API content type', async () => {
		const captured: Captured[] = [];
		capture(nock('https://a.klaviyo.com'), 'post', '/api/profile-suppression-bulk-create-jobs', 202, klaviyoJob(1), captured);
		const results = await run(klaviyoConnector(), [event(1)], { authorization: 'Klaviyo-API-Key pk_x' });
		expect(captured[0].headers).toMatchObject({
			authorization: 'Klaviyo-API-Key pk_x',
			revision: '2026-10-15',
			'content-type': 'application/vnd.api+json',
			accept: 'application/vnd.api+json',
		});
		expect(captured[0].body).toEqual({
			data: {
				type: 'profile-suppression-bulk-create-job',
				attributes: { profiles: { data: [{ type: 'profile', attributes: { email: 'person1@example.com' } }] } },
			},
		});
		expect(results[0]).toMatchObject({ outcome: 'propagated', vendorStatus: 202 });
	});

	it('unsubscribes email and SMS consent from a list', async () => {
		const captured: Captured[] = [];
		capture(nock('https://a.klaviyo.com'), 'post', '/api/profile-subscription-bulk-delete-jobs', 202, '', captured);
		await run(klaviyoConnector({ revision: '2025-01-15' }), [event(1, { scope: 'list', listId: 'Y6nRLr', channels: ['email', 'sms'], phone: '+15005550006' })], {
			authorization: 'Klaviyo-API-Key pk_x',
		});
		expect(captured[0].headers.revision).toBe('2025-01-15');
		expect(captured[0].body).toEqual({
			data: {
				type: 'profile-subscription-bulk-delete-job',
				attributes: {
					profiles: {
						data: [
							{
								type: 'profile',
								attributes: {
									email: 'person1@example.com',
									phone_number: '+15005550006',
									subscriptions: { email: { marketing: { consent: 'UNSUBSCRIBED' } }, sms: { marketing: { consent: 'UNSUBSCRIBED' } } },
								},
							},
						],
					},
				},
				relationships: { list: { data: { type: 'list', id: 'Y6nRLr' } } },
			},
		});
	});
});

describe('Braze', () => {
	it('sets email status unsubscribed in batches of 50, and subscription groups for list scope', async () => {
		const captured: Captured[] = [];
		const scope = nock('https://rest.iad-01.braze.com');
		capture(scope, 'post', '/email/status', 201, { message: 'success' }, captured);
		capture(scope, 'post', '/email/status', 201, { message: 'success' }, captured);
		capture(scope, 'post', '/v2/subscription/status/set', 201, { message: 'success' }, captured);
		const events = [...Array.from({ length: 60 }, (_, i) => event(i)), event(99, { scope: 'list', listId: 'sg-1' })];
		const results = await run(brazeConnector({ baseUrl: 'https://rest.iad-01.braze.com' }), events, { authorization: 'Bearer braze-key' });
		const statusCalls = captured.filter((c) => c.path === '/email/status');
		expect(statusCalls.map((c) => (c.body as { email: string[] }).email.length).sort()).toEqual([10, 50]);
		expect(statusCalls[0].body).toMatchObject({ subscription_state: 'unsubscribed' });
		expect(captured.find((c) => c.path === '/v2/subscription/status/set')!.body).toEqual({
			subscription_groups: [{ subscription_group_id: 'sg-1', subscription_state: 'unsubscribed', emails: ['person99@example.com'] }],
		});
		expect(results.every((r) => r.outcome === 'propagated')).toBe(true);
	});
});

describe('signed webhook', () => {
	it('signs timestamp.body with HMAC-SHA256 and sends an idempotency key', async () => {
		const captured: Captured[] = [];
		capture(nock('http://127.0.0.1:9999'), 'post', '/optout', 200, { results: [{ eventId: 'ev-1', status: 'propagated' }, { eventId: 'ev-2', status: 'not_found', message: 'unknown' }] }, captured);
		const connector = webhookConnector({ url: 'http://127.0.0.1:9999/optout', secret: 's3cret', nowSeconds: () => 1772445600 });
		const results = await run(connector, [event(1), event(2)], {});
		const { headers, raw } = captured[0];
		expect(headers['x-opt-out-timestamp']).toBe('1772445600');
		expect(verifyWebhook('s3cret', 1772445600, raw, headers['x-opt-out-signature'])).toBe(true);
		expect(verifyWebhook('other', 1772445600, raw, headers['x-opt-out-signature'])).toBe(false);
		expect(headers['x-opt-out-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(headers['idempotency-key']).toMatch(/^[0-9a-f]{64}$/);
		expect((captured[0].body as { events: unknown[] }).events[0]).toEqual({
			eventId: 'ev-1',
			email: 'person1@example.com',
			channels: ['email'],
			scope: 'global',
			reason: 'one-click unsubscribe',
			source: 'esp-webhook',
			requestedAt: '2026-03-02T09:00:00.000Z',
		});
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'not_found']);
	});
});
