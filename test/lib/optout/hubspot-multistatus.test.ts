// HubSpot's batch answers (207 multi-status: results beside StandardError errors and numErrors) are
// read as Mailchimp's are: an address listed as UNSUBSCRIBED and named in errors is contradicted,
// and errors naming no address of the request leave every address of it unconfirmed.
import nock from 'nock';
import { DONE_OUTCOMES, hubspotConnector, propagateOptOuts, type DestinationResult, type OptOutEvent } from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime, VENDOR_HOSTS } from './helpers';

const HS = VENDOR_HOSTS.hubspot;
const retry = { maxAttempts: 1, budgetMs: 60_000, baseDelayMs: 10, maxDelayMs: 20 };
const done = (email: string, reason = 'UNSUBSCRIBED') => ({ subscriberIdString: email, statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: reason, subscriptionId: 101 }] });

async function run(events: OptOutEvent[], answer: object): Promise<DestinationResult[]> {
	nock(HS).post('/communication-preferences/v4/statuses/batch/unsubscribe-all').query({ channel: 'EMAIL' }).reply(207, answer);
	const { results } = await propagateOptOuts(events, [{ connector: hubspotConnector(), client: createNodeHttpClient() }], { runtime: fakeRuntime(), retry });
	return results.map((r) => r[0]);
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('HubSpot 207 multi-status', () => {
	it('an error naming one address fails that one only; the others listed UNSUBSCRIBED are done', async () => {
		const results = await run([event(1), event(2)], {
			status: 'COMPLETE',
			results: [done('person1@example.com'), done('person2@example.com', 'NO_STATUS_CHANGE')],
			numErrors: 1,
			errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Could not unsubscribe from subscription 202', context: { subscriberIdString: ['Person1@Example.com'] } }],
		});
		expect(results[0]).toMatchObject({ outcome: 'failed_retryable' });
		expect(results[0].message).toMatch(/lists this address both as UNSUBSCRIBED and in errors \(HubSpot: Could not unsubscribe from subscription 202\); not confirmed/);
		expect(results[1].outcome).toBe('already_opted_out');
	});

	it('an error naming no address of the request: nobody in it is confirmed', async () => {
		const results = await run([event(1), event(2)], {
			status: 'COMPLETE',
			results: [done('person1@example.com'), done('person2@example.com')],
			numErrors: 1,
			errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Could not unsubscribe from subscription 202', context: { subscriptionId: ['202'] } }],
		});
		expect(results.map((r) => DONE_OUTCOMES.has(r.outcome))).toEqual([false, false]);
		expect(results[0].message).toMatch(/1 error\(s\) naming no address of this request/);
	});

	it('numErrors above the errors listed: nobody in it is confirmed', async () => {
		const results = await run([event(1)], { status: 'COMPLETE', results: [done('person1@example.com')], numErrors: 2, errors: [] });
		expect(results[0].outcome).toBe('failed_retryable');
		expect(results[0].message).toMatch(/numErrors 2, 0 listed/);
	});

	it('an error for a longer address that contains this one does not confirm it either', async () => {
		// Fail closed: an address quoted inside another one's error is read as named.
		const results = await run([event(1, { email: 'ann@example.com' })], {
			status: 'COMPLETE',
			results: [done('ann@example.com')],
			numErrors: 1,
			errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Could not unsubscribe', context: { subscriberIdString: ['joann@example.com'] } }],
		});
		expect(DONE_OUTCOMES.has(results[0].outcome)).toBe(false);
	});
});
