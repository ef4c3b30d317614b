// Red-team session 2 (bench/adversarial/optout.ts): answers that look like success but do not
// confirm an address, contradicting results, people sharing an event ID, vendor words cut before
// redaction, and a Retry-After beyond the time budget. Each vendor answer is its documented shape.
import nock from 'nock';
import * as optout from '../../../lib/optout';
import type { Connector, DestinationResult, OptOutEvent } from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime, mailchimpAudiences, VENDOR_HOSTS } from './helpers';

const { createRedactor, credentialSecrets, hubspotConnector, klaviyoConnector, mailchimpConnector, propagateOptOuts, sendgridConnector, webhookConnector } = optout;
const { hubspot: HS, mailchimp: MC, sendgrid: SG, klaviyo: KL, webhook: WH } = VENDOR_HOSTS;
const retry = { maxAttempts: 1, budgetMs: 60_000, baseDelayMs: 10, maxDelayMs: 20 };

async function run(connector: Connector, events: OptOutEvent[], options: { redact?: ReturnType<typeof createRedactor>; retry?: typeof retry; runtime?: ReturnType<typeof fakeRuntime> } = {}): Promise<DestinationResult[]> {
	const { results } = await propagateOptOuts(events, [{ connector, client: createNodeHttpClient({}) }], {
		runtime: options.runtime ?? fakeRuntime(),
		retry: options.retry ?? retry,
		...(options.redact ? { redact: options.redact } : {}),
	});
	return results.map((r) => r[0]);
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('Mailchimp batch result: an address listed nowhere is "already" only when every error is attributed', () => {
	const mailchimp = () => mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'a1b2c3' });
	const reply = (body: object) => mailchimpAudiences(nock(MC), ['a1b2c3']).post('/3.0/lists/a1b2c3').reply(200, { new_members: [], updated_members: [], errors: [], total_created: 0, total_updated: 0, error_count: 0, ...body });

	it('error_count 0 and the address nowhere: already_opted_out (the control)', async () => {
		reply({});
		expect((await run(mailchimp(), [event(1)]))[0].outcome).toBe('already_opted_out');
	});

	it('error_count 1 with an empty errors list (truncated): not done', async () => {
		reply({ error_count: 1 });
		const [result] = await run(mailchimp(), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/1 error\(s\) without an email address/);
	});

	it('an error without email_address: not done', async () => {
		reply({ errors: [{ error: "This member's status is compliance-locked", error_code: 'ERROR_GENERIC' }], error_count: 1 });
		expect((await run(mailchimp(), [event(1)]))[0].outcome).toBe('failed_retryable');
	});

	it('a member both in updated_members and in errors: contradicted, not done', async () => {
		reply({
			updated_members: [{ email_address: 'person1@example.com', status: 'unsubscribed' }],
			errors: [{ email_address: 'person1@example.com', error: 'compliance state, not updated', error_code: 'ERROR_GENERIC' }],
			total_updated: 1,
			error_count: 1,
		});
		const [result] = await run(mailchimp(), [event(1)]);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/both as updated and in errors/);
	});

	it('a member listed without its status: not done (red-team session 3)', async () => {
		reply({ updated_members: [{ email_address: 'person1@example.com' }], total_updated: 1 });
		const [result] = await run(mailchimp(), [event(1)]);
		expect(result).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/\(no status\)/) });
	});

	it('a member listed twice, once not unsubscribed: not done', async () => {
		reply({ new_members: [{ email_address: 'person1@example.com', status: 'unsubscribed' }], updated_members: [{ email_address: 'person1@example.com', status: 'subscribed' }] });
		expect((await run(mailchimp(), [event(1)]))[0].outcome).toBe('failed_retryable');
	});
});

it('SendGrid: a 201 echo beside an errors array confirms nothing', async () => {
	nock(SG)
		.post('/v3/asm/suppressions/global', { recipient_emails: ['person1@example.com'] })
		.reply(201, { recipient_emails: ['person1@example.com'], errors: [{ field: 'recipient_emails', message: 'not stored' }] });
	const [result] = await run(sendgridConnector(), [event(1)]);
	expect(result.outcome).toBe('failed_retryable');
	expect(result.message).toMatch(/201 with errors \(not stored\)/);
});

describe('Klaviyo job document: a cancelled job, or one that skipped profiles, unsubscribed nobody it can name', () => {
	const job = (attributes: object) => ({ data: { type: 'profile-suppression-bulk-create-job', id: 'job-1', attributes: { created_at: '2026-03-02T10:00:00+00:00', ...attributes } } });
	const cases: Array<[string, object, string]> = [
		['complete, every profile done', { status: 'complete', total_count: 2, completed_count: 2, skipped_count: 0 }, 'propagated'],
		['cancelled', { status: 'cancelled', total_count: 2, completed_count: 0, skipped_count: 0 }, 'failed_retryable'],
		['complete with a profile skipped', { status: 'complete', total_count: 2, completed_count: 1, skipped_count: 1 }, 'failed_retryable'],
		['complete with fewer completed than total', { status: 'complete', total_count: 2, completed_count: 1, skipped_count: 0 }, 'failed_retryable'],
		['complete, counting fewer profiles than were sent', { status: 'complete', total_count: 1, completed_count: 1, skipped_count: 0 }, 'failed_retryable'],
		['complete without counts (red-team O1)', { status: 'complete' }, 'failed_retryable'],
		['complete, counts as numeric text, one skipped (red-team O1)', { status: 'complete', total_count: '2', completed_count: '1', skipped_count: '1' }, 'failed_retryable'],
		['complete, counts as numeric text, all done', { status: 'complete', total_count: '2', completed_count: '2', skipped_count: '0' }, 'propagated'],
	];
	it.each(cases)('%s', async (_label, attributes, outcome) => {
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, job(attributes), { 'content-type': 'application/vnd.api+json' });
		const results = await run(klaviyoConnector({}), [event(1), event(2)]);
		expect(results.map((r) => r.outcome)).toEqual([outcome, outcome]);
	});

	it('queued (just accepted): the job is read back until complete; done only then', async () => {
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, job({ status: 'queued', total_count: 2, completed_count: 0, skipped_count: 0 }));
		nock(KL).get('/api/profile-suppression-bulk-create-jobs/job-1').matchHeader('accept', 'application/vnd.api+json').reply(200, job({ status: 'processing', total_count: 2, completed_count: 1, skipped_count: 0 }));
		nock(KL).get('/api/profile-suppression-bulk-create-jobs/job-1').matchHeader('revision', '2026-10-15').reply(200, job({ status: 'complete', total_count: 2, completed_count: 2, skipped_count: 0 }));
		const runtime = fakeRuntime();
		const results = await run(klaviyoConnector({}), [event(1), event(2)], { runtime });
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'propagated']);
		expect(runtime.sleeps).toEqual([1000, 2000]);
	});

	it('queued until the time budget ends, cancelled when read back, or unreadable: accepted, not confirmed', async () => {
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, job({ status: 'queued' }));
		nock(KL).get('/api/profile-suppression-bulk-create-jobs/job-1').times(4).reply(200, job({ status: 'queued' }));
		const [pending] = await run(klaviyoConnector({}), [event(1)], { retry: { ...retry, budgetMs: 20_000 } });
		expect(pending).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/accepted suppression job job-1, still queued when this run's time budget ended; not confirmed/) });

		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, job({ status: 'processing' }));
		nock(KL).get('/api/profile-suppression-bulk-create-jobs/job-1').reply(200, job({ status: 'cancelled', total_count: 1, completed_count: 0 }));
		const [cancelled] = await run(klaviyoConnector({}), [event(1)]);
		expect(cancelled).toMatchObject({ outcome: 'failed_retryable', message: 'Klaviyo job job-1: status "cancelled"; not confirmed' });

		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, job({ status: 'queued' }));
		nock(KL).get('/api/profile-suppression-bulk-create-jobs/job-1').reply(200, '<html>Sign in</html>', { 'content-type': 'text/html' });
		const [unreadable] = await run(klaviyoConnector({}), [event(1)]);
		expect(unreadable).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/status could not be read .*malformed JSON.*not confirmed/) });

		// Read back complete, but without counts (red-team O1): confirms nothing.
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, job({ status: 'queued' }));
		nock(KL).get('/api/profile-suppression-bulk-create-jobs/job-1').reply(200, job({ status: 'complete' }));
		const [uncounted] = await run(klaviyoConnector({}), [event(1)]);
		expect(uncounted).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/counts do not show every profile done/) });
	});

	it('a 202 without the job document gives no job to read: accepted, not confirmed', async () => {
		nock(KL).post('/api/profile-suppression-bulk-create-jobs').reply(202, '');
		const [result] = await run(klaviyoConnector({}), [event(1)]);
		expect(result).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/without its job document.*accepted, not confirmed/) });
	});
});

describe('Webhook: the worst of several results wins; people sharing an event ID are each sent', () => {
	const webhook = () => webhookConnector({ url: `${WH}/optout`, secret: 'whsec_test_secret_1234', nowSeconds: () => 1_772_445_600 });

	it('failed then propagated for one event: not done', async () => {
		nock(WH)
			.post('/optout')
			.reply(200, { results: [{ eventId: 'ev-1', status: 'failed', message: 'sms leg failed' }, { eventId: 'ev-1', status: 'propagated' }] });
		const [result] = await run(webhook(), [event(1)]);
		expect(result.outcome).toBe('failed_permanent');
		expect(result.message).toMatch(/contradicting results/);
	});

	it('two people under one event ID: both in the request; done only with a result for each', async () => {
		const anna = event(1, { eventId: 'ticket-4711', email: 'anna.meyer@example.de' });
		const jonas = event(2, { eventId: 'ticket-4711', email: 'jonas.meyer@example.de' });
		const keys: string[] = [];
		nock(WH)
			.post('/optout')
			.reply(function (_uri, body) {
				keys.push(String(this.req.headers['idempotency-key']));
				const sent = (body as { events: Array<{ eventId: string; email: string }> }).events;
				expect(sent.map((e) => e.email)).toEqual(['anna.meyer@example.de', 'jonas.meyer@example.de']);
				return [200, { results: sent.map((e) => ({ eventId: e.eventId, status: 'propagated' })) }];
			});
		expect((await run(webhook(), [anna, jonas])).map((r) => r.outcome)).toEqual(['propagated', 'propagated']);

		// One result for the shared ID: it cannot say whom it means.
		nock(WH).post('/optout').reply(200, { results: [{ eventId: 'ticket-4711', status: 'propagated' }] });
		const results = await run(webhook(), [anna, jonas]);
		expect(results.map((r) => r.outcome)).toEqual(['failed_retryable', 'failed_retryable']);
		expect(results[0].message).toMatch(/1 result\(s\) for 2 events sharing event ID/);

		// Another person under the same event ID is another request, never a replay of the first.
		nock(WH)
			.post('/optout')
			.reply(function () {
				keys.push(String(this.req.headers['idempotency-key']));
				return [200, { results: [{ eventId: 'ticket-4711', status: 'propagated' }] }];
			});
		await run(webhook(), [anna]);
		expect(new Set(keys).size).toBe(2);
	});
});

describe('vendor words are masked whole, then shortened', () => {
	const email = 'bob.kowalski@example.org';
	const key = 'sk_live_9fQ2ZxSECRETk7Lm';
	it.each([10, 17, 24, 31, 38])('HubSpot status quoting the address or key after %i characters', async (pad) => {
		const bob = event(1, { email });
		const redact = createRedactor({ events: [bob], secrets: [key] });
		for (const needle of [email.toUpperCase(), key]) {
			const word = `${'REJECTED_BY_POLICY_FOR_'.padEnd(pad, '_')}${needle}`;
			nock(HS)
				.post('/communication-preferences/v4/statuses/batch/unsubscribe-all', { inputs: [email] })
				.query({ channel: 'EMAIL' })
				.reply(200, { status: 'COMPLETE', results: [{ subscriberIdString: email, statuses: [{ status: word, channel: 'EMAIL' }] }] });
			const [result] = await run(hubspotConnector({}), [bob], { redact });
			expect(result.outcome).toBe('failed_retryable');
			expect(result.message).not.toMatch(/bob\.kow|9fQ2Zx|SECRETk7/i);
		}
	});

	it('a Mailchimp API key quoted without its data centre is masked', () => {
		const secrets = credentialSecrets({ apiKey: `${key}-us21` });
		expect(createRedactor({ secrets })(`key ${key} refused; ${key}-us21`)).not.toMatch(/9fQ2Zx/);
	});
});

it('a Retry-After beyond the time budget fails what is left at once, retryable, saying when', async () => {
	// 701 addresses: 8 batches of 100 at most; HubSpot answers every one 429 with Retry-After 15 s.
	const events = Array.from({ length: 701 }, (_, i) => event(i));
	nock(HS)
		.post('/communication-preferences/v4/statuses/batch/unsubscribe-all')
		.query({ channel: 'EMAIL' })
		.times(8)
		.optionally()
		.reply(429, { status: 'error', message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' }, { 'retry-after': '15' });
	const runtime = fakeRuntime();
	const started = runtime.now();
	const results = await run(hubspotConnector({}), events, { runtime, retry: { maxAttempts: 2, budgetMs: 2_000, baseDelayMs: 10, maxDelayMs: 20 } });
	expect(runtime.now() - started).toBeLessThanOrEqual(2_000);
	expect(results.every((r) => r.outcome === 'failed_retryable' && r.retryAfter !== undefined)).toBe(true);
	expect(results.some((r) => /beyond the .* left of the time budget|time budget of 2000 ms used up/.test(r.message ?? ''))).toBe(true);
	nock.cleanAll();
});
