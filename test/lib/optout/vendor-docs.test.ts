// Each connector against its vendor's documentation: query strings and enums the docs require,
// documented batch sizes (one over the limit splits into two requests), documented rate limits,
// the vendor's own rate-limit headers, and the vendor's error body shape read back into the result.
import nock from 'nock';
import {
	brazeConnector,
	hubspotConnector,
	KLAVIYO_REVISION,
	klaviyoConnector,
	mailchimpConnector,
	propagateOptOuts,
	salesforceConnector,
	sendgridConnector,
	type Connector,
	type DestinationResult,
	type OptOutEvent,
} from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime, klaviyoJob, mailchimpAudiences } from './helpers';

const HS = 'https://api.hubapi.com';
const SF = 'https://acme.my.salesforce.com';
const MC = 'https://us21.api.mailchimp.com';
const SG = 'https://api.sendgrid.com';
const KL = 'https://a.klaviyo.com';
const BZ = 'https://rest.iad-01.braze.com';

const retry = { maxAttempts: 3, budgetMs: 120_000, baseDelayMs: 100, maxDelayMs: 400 };

async function run(connector: Connector, events: OptOutEvent[]): Promise<{ results: DestinationResult[]; sleeps: number[] }> {
	const runtime = fakeRuntime();
	const { results } = await propagateOptOuts(events, [{ connector, client: createNodeHttpClient() }], { runtime, retry });
	return { results: results.map((r) => r[0]), sleeps: runtime.sleeps };
}

const many = (n: number, extra: (i: number) => Partial<OptOutEvent> = () => ({})) => Array.from({ length: n }, (_, i) => event(i, extra(i)));
const sfId = (i: number) => `003${String(i).padStart(12, '0')}AAA`;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('documented batch sizes and rate limits', () => {
	// [connector, documented max records per request, documented windows]
	const table: Array<[string, Connector, number, Array<{ limit: number; windowMs: number }>]> = [
		['hubspot', hubspotConnector(), 100, [{ limit: 100, windowMs: 10_000 }]],
		['salesforce', salesforceConnector({ instanceUrl: SF }), 200, []],
		['mailchimp', mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'l1' }), 500, []],
		['sendgrid', sendgridConnector(), 1000, [{ limit: 600, windowMs: 60_000 }]],
		['klaviyo', klaviyoConnector(), 100, [{ limit: 75, windowMs: 1000 }, { limit: 750, windowMs: 60_000 }]],
		['braze', brazeConnector({ baseUrl: BZ }), 50, [{ limit: 250_000, windowMs: 3_600_000 }, { limit: 5_000, windowMs: 60_000 }]],
	];
	it.each(table)('%s: max batch and rate windows as documented', (_name, connector, maxBatch, windows) => {
		expect(connector.maxBatch).toBe(maxBatch);
		expect(connector.limits.windows).toEqual(windows);
	});

	// One record over the documented maximum must become two requests: [max, 1].
	const sizesOf = async (scope: nock.Scope, method: 'POST' | 'PATCH', path: string | RegExp, count: (body: any) => number, reply: (body: any) => [number, unknown]) => {
		const sizes: number[] = [];
		scope.intercept(path, method).times(2).reply((_uri, raw) => {
			// nock parses application/json only; Klaviyo's application/vnd.api+json arrives as text.
			const body = typeof raw === 'string' ? JSON.parse(raw) : raw;
			sizes.push(count(body));
			return reply(body);
		});
		return sizes;
	};

	it('Salesforce: 201 records -> 200 + 1 (sObject Collections: up to 200)', async () => {
		const sizes = await sizesOf(nock(SF), 'PATCH', '/services/data/v62.0/composite/sobjects', (b) => b.records.length, (b) => [200, b.records.map((r: { id: string }) => ({ id: r.id, success: true, errors: [] }))]);
		const { results } = await run(salesforceConnector({ instanceUrl: SF }), many(201, (i) => ({ customerId: sfId(i) })));
		expect(sizes.sort((a, b) => b - a)).toEqual([200, 1]);
		expect(results.every((r) => r.outcome === 'propagated')).toBe(true);
	});

	it('Mailchimp: 501 members -> 500 + 1 (batch subscribe/unsubscribe: up to 500)', async () => {
		mailchimpAudiences(nock(MC), ['l1']);
		const sizes = await sizesOf(nock(MC), 'POST', '/3.0/lists/l1', (b) => b.members.length, (b) => [200, { new_members: [], updated_members: b.members, errors: [] }]);
		const { results } = await run(mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'l1' }), many(501));
		expect(sizes.sort((a, b) => b - a)).toEqual([500, 1]);
		expect(results.every((r) => r.outcome === 'propagated')).toBe(true);
	});

	it('Klaviyo: 101 profiles -> 100 + 1 for suppression and for list unsubscribe jobs', async () => {
		const suppress = await sizesOf(nock(KL), 'POST', '/api/profile-suppression-bulk-create-jobs', (b) => b.data.attributes.profiles.data.length, (b) => [202, klaviyoJob(b.data.attributes.profiles.data.length)]);
		const unsubscribe = await sizesOf(nock(KL), 'POST', '/api/profile-subscription-bulk-delete-jobs', (b) => b.data.attributes.profiles.data.length, () => [202, '']);
		const events = [...many(101), ...many(101, (i) => ({ eventId: `list-${i}`, scope: 'list', listId: 'Y6nRLr' }))];
		const { results } = await run(klaviyoConnector(), events);
		expect(suppress.sort((a, b) => b - a)).toEqual([100, 1]);
		expect(unsubscribe.sort((a, b) => b - a)).toEqual([100, 1]);
		expect(results.every((r) => r.outcome === 'propagated')).toBe(true);
	});

	it('Braze: 51 addresses in one subscription group -> 50 + 1 (v2/subscription/status/set: at most 50)', async () => {
		const sizes = await sizesOf(nock(BZ), 'POST', '/v2/subscription/status/set', (b) => b.subscription_groups[0].emails.length, () => [201, { message: 'success' }]);
		const { results } = await run(brazeConnector({ baseUrl: BZ, subscriptionGroupId: 'sg-1' }), many(51, () => ({ scope: 'list' })));
		expect(sizes.sort((a, b) => b - a)).toEqual([50, 1]);
		expect(results.every((r) => r.outcome === 'propagated')).toBe(true);
	});

	it('SendGrid: 1001 addresses -> 1000 + 1 (our cap: SendGrid documents none)', async () => {
		const sizes = await sizesOf(nock(SG), 'POST', '/v3/asm/suppressions/global', (b) => b.recipient_emails.length, (b) => [201, b]);
		await run(sendgridConnector(), many(1001));
		expect(sizes.sort((a, b) => b - a)).toEqual([1000, 1]);
	});
});

describe('HubSpot v4: required query and enums', () => {
	it('unsubscribe-all carries channel=EMAIL as its query; batch/write has no query and statusState UNSUBSCRIBED', async () => {
		const bodies: any[] = [];
		nock(HS)
			.post('/communication-preferences/v4/statuses/batch/unsubscribe-all')
			.query({ channel: 'EMAIL' })
			.reply(200, (_uri, body: any) => ({ status: 'COMPLETE', results: body.inputs.map((s: string) => ({ subscriberIdString: s, statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED' }] })) }));
		nock(HS)
			.post('/communication-preferences/v4/statuses/batch/write')
			.query((q) => Object.keys(q).length === 0)
			.reply(200, (_uri, body: any) => {
				bodies.push(body);
				return { status: 'COMPLETE', results: body.inputs.map((i: any) => ({ subscriberIdString: i.subscriberIdString, status: 'UNSUBSCRIBED', subscriptionId: i.subscriptionId })) };
			});
		const { results } = await run(hubspotConnector({ subscriptionId: '77' }), [event(1), event(2, { scope: 'list' })]);
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'propagated']);
		// PublicStatusRequest.statusState: NOT_SPECIFIED | SUBSCRIBED | UNSUBSCRIBED.
		expect(['NOT_SPECIFIED', 'SUBSCRIBED', 'UNSUBSCRIBED']).toContain(bodies[0].inputs[0].statusState);
		expect(bodies[0].inputs[0]).toMatchObject({ statusState: 'UNSUBSCRIBED', channel: 'EMAIL', subscriptionId: 77, legalBasis: 'CONSENT_WITH_NOTICE' });
	});
});

describe('Klaviyo revision', () => {
	it('defaults to a supported revision (2024-* revisions are retired)', async () => {
		let revision = '';
		nock(KL)
			.post('/api/profile-suppression-bulk-create-jobs')
			.reply(function () {
				revision = String(this.req.headers.revision);
				return [202, ''];
			});
		await run(klaviyoConnector(), [event(1)]);
		expect(revision).toBe(KLAVIYO_REVISION);
		expect(KLAVIYO_REVISION).toBe('2026-10-15');
	});

	it('a retired revision (410 Gone) is a permanent failure with Klaviyo\'s JSON:API error detail', async () => {
		nock(KL)
			.post('/api/profile-suppression-bulk-create-jobs')
			.reply(410, { errors: [{ id: 'x', code: 'gone', title: 'Gone', detail: 'The revision 2023-02-22 is retired.' }] });
		const { results } = await run(klaviyoConnector({ revision: '2023-02-22' }), [event(1)]);
		expect(results[0]).toMatchObject({ outcome: 'failed_permanent', attempts: 1, vendorStatus: 410, message: 'HTTP 410: The revision 2023-02-22 is retired.' });
	});
});

describe('the vendors\' rate-limit headers are obeyed', () => {
	it('HubSpot: 429 with X-HubSpot-RateLimit-Remaining 0 waits the interval, then succeeds', async () => {
		nock(HS)
			.post('/communication-preferences/v4/statuses/batch/unsubscribe-all')
			.query({ channel: 'EMAIL' })
			.reply(429, { status: 'error', message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' }, { 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' });
		nock(HS)
			.post('/communication-preferences/v4/statuses/batch/unsubscribe-all')
			.query({ channel: 'EMAIL' })
			.reply(200, { results: [{ subscriberIdString: 'person1@example.com', statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED' }] }] });
		const { results, sleeps } = await run(hubspotConnector(), [event(1)]);
		expect(results[0]).toMatchObject({ outcome: 'propagated', attempts: 2 });
		expect(sleeps).toContain(10_000);
	});

	it('Klaviyo: 429 with Retry-After and RateLimit-* waits as told, then succeeds', async () => {
		nock(KL)
			.post('/api/profile-suppression-bulk-create-jobs')
			.reply(429, { errors: [{ id: 'r', code: 'throttled', title: 'Request was throttled.', detail: 'Request was throttled. Expected available in 4 seconds.' }] }, { 'retry-after': '4', 'ratelimit-limit': '75', 'ratelimit-remaining': '0', 'ratelimit-reset': '4' });
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, klaviyoJob(1));
		const { results, sleeps } = await run(klaviyoConnector(), [event(1)]);
		expect(results[0]).toMatchObject({ outcome: 'propagated', attempts: 2 });
		expect(sleeps).toContain(4000);
	});

	it('Braze: 429 with X-RateLimit-Reset (epoch seconds) waits until the reset', async () => {
		const reset = Date.parse('2026-03-02T10:00:30Z') / 1000; // fakeRuntime starts at 10:00:00
		nock(BZ).post('/email/status').reply(429, { message: 'Rate limit exceeded' }, { 'x-ratelimit-limit': '250000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
		nock(BZ).post('/email/status').reply(201, { message: 'success' });
		const { results, sleeps } = await run(brazeConnector({ baseUrl: BZ }), [event(1)]);
		expect(results[0]).toMatchObject({ outcome: 'propagated', attempts: 2 });
		expect(sleeps).toContain(30_000);
	});
});

describe('each vendor\'s error body is read into the result', () => {
	it('HubSpot {message, category, correlationId}', async () => {
		nock(HS)
			.post('/communication-preferences/v4/statuses/batch/unsubscribe-all')
			.query({ channel: 'EMAIL' })
			.reply(403, { status: 'error', message: 'This app hasn\'t been granted all required scopes', category: 'MISSING_SCOPES', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' });
		const { results } = await run(hubspotConnector(), [event(1)]);
		expect(results[0]).toMatchObject({ outcome: 'failed_permanent', vendorStatus: 403, message: 'HTTP 403: This app hasn\'t been granted all required scopes' });
	});

	it('Salesforce [{message, errorCode}]', async () => {
		nock(SF).patch('/services/data/v62.0/composite/sobjects').reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
		const { results } = await run(salesforceConnector({ instanceUrl: SF }), [event(1, { customerId: sfId(1) })]);
		expect(results[0]).toMatchObject({ outcome: 'failed_permanent', vendorStatus: 401, message: 'HTTP 401: Session expired or invalid' });
	});

	it('Mailchimp problem+json {type, title, status, detail}', async () => {
		mailchimpAudiences(nock(MC), ['l1']);
		nock(MC).post('/3.0/lists/l1').reply(400, { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: 'Invalid Resource', status: 400, detail: 'The resource submitted could not be validated.', instance: 'x' });
		const { results } = await run(mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'l1' }), [event(1)]);
		expect(results[0]).toMatchObject({ outcome: 'failed_permanent', vendorStatus: 400, message: 'Mailchimp audience l1: HTTP 400: The resource submitted could not be validated.' });
	});

	it('SendGrid {errors: [{field, message}]}', async () => {
		nock(SG).post('/v3/asm/groups/4242/suppressions').reply(400, { errors: [{ field: 'recipient_emails', message: 'is invalid' }] });
		const { results } = await run(sendgridConnector({ groupId: '4242' }), [event(1, { scope: 'list' })]);
		expect(results[0]).toMatchObject({ outcome: 'failed_permanent', vendorStatus: 400, message: 'SendGrid: HTTP 400: is invalid' });
	});

	it('Braze {message}', async () => {
		nock(BZ).post('/email/status').reply(400, { message: 'Invalid subscription_state' });
		const { results } = await run(brazeConnector({ baseUrl: BZ }), [event(1)]);
		expect(results[0]).toMatchObject({ outcome: 'failed_permanent', vendorStatus: 400, message: 'HTTP 400: Invalid subscription_state' });
	});
});
