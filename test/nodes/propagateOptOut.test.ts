// Propagate Opt-Out in-process: items in, every destination called through the stand-in for
// helpers.httpRequestWithAuthentication (which adds each credential's authentication, as n8n
// does) against the local mock vendors; Propagated / Failed outputs, audit records, retries.
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import type { HttpRequest } from '../../lib/optout';
import { createNodeHttpClient } from '../helpers/nodeHttpClient';
import { PropagateOptOut } from '../../nodes/PropagateOptOut/PropagateOptOut.node';
import { DESTINATIONS } from '../../nodes/PropagateOptOut/properties';
import { MAILCHIMP_AUDIENCES, MOCK_SECRETS, startMockServers, type MockServers } from '../../bench/optout-mock';
import { executeNode } from '../helpers/executeNode';

let mock: MockServers;
beforeAll(async () => {
	mock = await startMockServers({ latencyMs: 0 });
});
afterAll(() => mock.close());

function credentials(base: string, overrides: Record<string, IDataObject> = {}): Record<string, IDataObject> {
	return {
		marketingAnalyticsHubSpotApi: { accessToken: MOCK_SECRETS.hubspot, baseUrl: `${base}/hubspot` },
		marketingAnalyticsSalesforceApi: { accessToken: MOCK_SECRETS.salesforce, instanceUrl: `${base}/salesforce`, apiVersion: 'v62.0' },
		marketingAnalyticsMailchimpApi: { apiKey: MOCK_SECRETS.mailchimp, baseUrl: `${base}/mailchimp/3.0` },
		marketingAnalyticsSendGridApi: { apiKey: MOCK_SECRETS.sendgrid, baseUrl: `${base}/sendgrid` },
		marketingAnalyticsKlaviyoApi: { apiKey: MOCK_SECRETS.klaviyo, revision: '2026-10-15', baseUrl: `${base}/klaviyo` },
		marketingAnalyticsBrazeApi: { apiKey: MOCK_SECRETS.braze, restEndpoint: `${base}/braze` },
		marketingAnalyticsOptOutWebhookApi: { url: `${base}/webhook/optout`, secret: MOCK_SECRETS.webhook, keyId: 'k1' },
		...overrides,
	};
}

/** What each credential's `authenticate` block adds, resolved like n8n would. */
function authFor(type: string, c: IDataObject): Record<string, string> {
	switch (type) {
		case 'marketingAnalyticsMailchimpApi':
			return { authorization: `Basic ${Buffer.from(`anystring:${c.apiKey}`).toString('base64')}` };
		case 'marketingAnalyticsKlaviyoApi':
			return { authorization: `Klaviyo-API-Key ${c.apiKey}`, revision: String(c.revision) };
		case 'marketingAnalyticsOptOutWebhookApi':
			return { 'x-opt-out-key-id': String(c.keyId) };
		case 'marketingAnalyticsSalesforceOAuth2Api':
			return { authorization: `Bearer ${(c.oauthTokenData as IDataObject).access_token}` };
		case 'marketingAnalyticsHubSpotApi':
		case 'marketingAnalyticsSalesforceApi':
			return { authorization: `Bearer ${c.accessToken}` };
		default:
			return { authorization: `Bearer ${c.apiKey}` };
	}
}

function standIn(creds: Record<string, IDataObject>, calls: string[]) {
	return async (type: string, options: IDataObject) => {
		calls.push(type);
		expect(options).toMatchObject({ returnFullResponse: true, ignoreHttpStatusErrors: true, json: false });
		const client = createNodeHttpClient({ authHeaders: authFor(type, creds[type]) });
		const response = await client({
			method: options.method as HttpRequest['method'],
			url: String(options.url),
			headers: options.headers as Record<string, string>,
			body: options.body as string | undefined,
			timeoutMs: Number(options.timeout),
		});
		return { statusCode: response.status, headers: response.headers, body: response.body };
	};
}

const ALL = ['hubspot', 'salesforce', 'mailchimp', 'sendgrid', 'klaviyo', 'braze', 'webhook'];
const items = Array.from({ length: 30 }, (_, i) => ({
	email: `Node.Test${i}@Example.com`,
	customerId: `003${String(i).padStart(12, '0')}AAA`,
	requestedAt: '2026-03-01T08:00:00Z',
	reason: 'one-click',
}));

describe('Propagate Opt-Out node', () => {
	it('sends every item to every destination and puts all on Propagated with an audit trail', async () => {
		const creds = credentials(mock.baseUrl);
		const calls: string[] = [];
		const { outputs } = await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ALL, settings: { mailchimpListId: 'aud1' }, options: { identifierMode: 'hashed' } },
			inputs: [items],
			credentials: creds,
			httpRequestWithAuthentication: standIn(creds, calls),
		});
		const [propagated, failed] = outputs;
		expect(failed).toEqual([]);
		expect(propagated).toHaveLength(30);
		expect(new Set(calls)).toEqual(new Set(Object.keys(creds)));
		const first = propagated[0];
		expect(first.pairedItem).toEqual({ item: 0 });
		expect(first.json.email).toBe('Node.Test0@Example.com');
		const optOut = first.json.optOut as IDataObject;
		expect(optOut.status).toBe('propagated');
		expect(Object.keys(optOut.destinations as IDataObject).sort()).toEqual([...ALL].sort());
		const audit = optOut.audit as IDataObject[];
		expect(audit).toHaveLength(7);
		expect(JSON.stringify(audit)).not.toMatch(/node\.test0|Node\.Test0|mock/i);
		expect((audit[0].identifiers as IDataObject).email).toMatch(/^[0-9a-f]{64}$/);
		// A global opt-out reaches every audience of the Mailchimp account, not only the configured one.
		for (const i of [0, 29]) for (const id of MAILCHIMP_AUDIENCES) expect(mock.stats.optedOut.mailchimp.has(`${id}:node.test${i}@example.com`)).toBe(true);
		expect(mock.stats.optedOut.salesforce.has('003000000000029AAA')).toBe(true);
	});

	it('routes to Failed with reasons and retry info when a destination refuses; a retry sends only there', async () => {
		const bad = credentials(mock.baseUrl, { marketingAnalyticsSendGridApi: { apiKey: 'SG.wrong', baseUrl: `${mock.baseUrl}/sendgrid` } });
		const first = await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ['hubspot', 'sendgrid'] },
			inputs: [items.slice(0, 3)],
			credentials: bad,
			httpRequestWithAuthentication: standIn(bad, []),
		});
		const [propagated, failed] = first.outputs;
		expect(propagated).toEqual([]);
		expect(failed).toHaveLength(3);
		const optOut = failed[0].json.optOut as IDataObject;
		expect(optOut.status).toBe('failed');
		expect(optOut.retry).toMatchObject({ retryable: false, destinations: ['sendgrid'], attempts: 1 });
		expect((optOut.retry as IDataObject).reasons).toEqual(['sendgrid: failed_permanent (SendGrid: HTTP 401: authentication failed)']);
		expect((optOut.destinations as IDataObject).hubspot).toMatchObject({ outcome: 'already_opted_out' });

		// The Failed items, fed back with the key fixed, go to SendGrid only.
		const good = credentials(mock.baseUrl);
		const calls: string[] = [];
		const second = await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ['hubspot', 'sendgrid'] },
			inputs: [failed.map((item) => item.json)],
			credentials: good,
			httpRequestWithAuthentication: standIn(good, calls),
		});
		expect(second.outputs[0]).toHaveLength(3);
		expect(new Set(calls)).toEqual(new Set(['marketingAnalyticsSendGridApi']));
	});

	it('a retry list from another node never skips a destination this node has not confirmed', async () => {
		const creds = credentials(mock.baseUrl);
		// From a node with HubSpot and Mailchimp: HubSpot failed, Mailchimp done; no Salesforce at all.
		const foreign = {
			email: 'stale.retry@example.com',
			customerId: '003000000000555AAA',
			eventId: 'unsub_8c1f',
			optOut: {
				eventId: 'unsub_8c1f',
				status: 'failed',
				destinations: { hubspot: { outcome: 'failed_retryable' }, mailchimp: { outcome: 'propagated' } },
				retry: { retryable: true, destinations: ['hubspot'], reasons: ['hubspot: failed_retryable'] },
			},
		};
		const calls: string[] = [];
		const first = await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ['hubspot', 'salesforce'], eventIdField: 'eventId' },
			inputs: [[foreign]],
			credentials: creds,
			httpRequestWithAuthentication: standIn(creds, calls),
		});
		expect(new Set(calls)).toEqual(new Set(['marketingAnalyticsHubSpotApi', 'marketingAnalyticsSalesforceApi']));
		expect(mock.stats.optedOut.salesforce.has('003000000000555AAA')).toBe(true);
		expect(first.outputs[0]).toHaveLength(1);
		const optOut = first.outputs[0][0].json.optOut as IDataObject;
		expect(Object.keys(optOut.destinations as IDataObject)).toEqual(['hubspot', 'salesforce']);

		// A done result with another target (other settings: another list) is not this node's: sent again.
		const hubspotOnly: string[] = [];
		await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ['hubspot', 'salesforce'], eventIdField: 'eventId', settings: { hubspotSubscriptionId: '999' } },
			inputs: [[{ ...foreign, optOut: { ...optOut, destinations: { ...(optOut.destinations as IDataObject), salesforce: { outcome: 'failed_retryable' } } } }]],
			credentials: creds,
			httpRequestWithAuthentication: standIn(creds, hubspotOnly),
		});
		expect(new Set(hubspotOnly)).toEqual(new Set(['marketingAnalyticsHubSpotApi', 'marketingAnalyticsSalesforceApi']));
	});

	it('asks for one credential per destination, in DESTINATIONS order, each labelled', () => {
		const { credentials: listed } = new PropagateOptOut().description;
		expect((listed ?? []).map((c) => c.name)).toEqual([...DESTINATIONS.map(({ credential }) => credential), 'marketingAnalyticsSalesforceOAuth2Api']);
		expect(new Set((listed ?? []).map((c) => c.displayName)).size).toBe(listed?.length);
	});

	it('waits through n8n\'s sleep: a cancelled execution stops waiting for a retry and the event ends on Failed', async () => {
		const creds = credentials(mock.baseUrl);
		let calls = 0;
		const busy = async () => {
			calls++;
			return { statusCode: 503, headers: { 'retry-after': '60' }, body: '' };
		};
		const { outputs } = await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ['sendgrid'] },
			inputs: [[{ email: 'cancelled@example.com' }]],
			credentials: creds,
			httpRequestWithAuthentication: busy,
			cancelSignal: AbortSignal.abort(),
		});
		// A timer of its own would wait the 60 s Retry-After and outlast the test's timeout.
		expect(calls).toBe(1);
		expect(outputs[0]).toEqual([]);
		expect(outputs[1]).toHaveLength(1);
		expect((outputs[1][0].json.optOut as IDataObject).status).toBe('failed');
	});

	it('uses the Salesforce OAuth2 credential when chosen', async () => {
		const creds = credentials(mock.baseUrl, {
			marketingAnalyticsSalesforceOAuth2Api: { instanceUrl: `${mock.baseUrl}/salesforce`, apiVersion: 'v62.0', oauthTokenData: { access_token: MOCK_SECRETS.salesforce } },
		});
		const calls: string[] = [];
		const { outputs } = await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ['salesforce'], salesforceAuthentication: 'oAuth2' },
			inputs: [[{ email: 'oauth@example.com', customerId: '00Q000000000777AAA' }]],
			credentials: creds,
			httpRequestWithAuthentication: standIn(creds, calls),
		});
		expect(calls).toEqual(['marketingAnalyticsSalesforceOAuth2Api']);
		expect(outputs[0]).toHaveLength(1);
		expect(mock.stats.optedOut.salesforce.has('00Q000000000777AAA')).toBe(true);
	});

	it('bad input: throws naming the item and field, or with Continue On Fail puts it on Failed', async () => {
		const creds = credentials(mock.baseUrl);
		const input = [{ email: 'not an email' }, { email: 'ok@example.com' }];
		await expect(
			executeNode(new PropagateOptOut(), { parameters: { destinations: ['sendgrid'] }, inputs: [input], credentials: creds, httpRequestWithAuthentication: standIn(creds, []) }),
		).rejects.toThrow('Item 0: field "email" is a string; expected an email address');
		const { outputs } = await executeNode(new PropagateOptOut(), {
			parameters: { destinations: ['sendgrid'] },
			inputs: [input],
			continueOnFail: true,
			credentials: creds,
			httpRequestWithAuthentication: standIn(creds, []),
		});
		expect(outputs[0].map((i) => i.json.email)).toEqual(['ok@example.com']);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].json).toMatchObject({ email: 'not an email', details: { itemIndex: 0, field: 'email' } });
	});

	it('masks the API key and every person of the batch in results, retry reasons and audit, whatever the vendor echoes', async () => {
		const key = 'SG.liveKey0123456789.abcdefghijklmnop';
		const creds = credentials(mock.baseUrl, { marketingAnalyticsSendGridApi: { apiKey: key, baseUrl: 'https://sendgrid.echo.test' } });
		try {
			for (const identifierMode of ['masked', 'hashed']) {
				nock('https://sendgrid.echo.test')
					.post('/v3/asm/suppressions/global')
					.reply(401, { errors: [{ message: `key ${key} (Authorization: Bearer ${key}) refused for NODE.TEST0@EXAMPLE.COM and node.test1%40example.com` }] });
				const { outputs } = await executeNode(new PropagateOptOut(), {
					parameters: { destinations: ['sendgrid'], options: { identifierMode } },
					inputs: [items.slice(0, 3)],
					credentials: creds,
					httpRequestWithAuthentication: standIn(creds, []),
				});
				expect(outputs[1]).toHaveLength(3);
				for (const item of outputs[1]) {
					// The item's own fields pass through; what the node adds must carry no one's address and no key.
					const added = JSON.stringify(item.json.optOut);
					expect(added).not.toMatch(/node\.test[0-2]|liveKey/i);
					expect(added).not.toContain(key.toLowerCase().slice(3, 20));
					expect(((item.json.optOut as IDataObject).retry as IDataObject).reasons).toEqual([expect.stringMatching(/^sendgrid: failed_permanent \(SendGrid: HTTP 401: key \[redacted\]/)]);
				}
			}
		} finally {
			nock.cleanAll();
		}
	});
});
