// The fault matrix: 429 with Retry-After, 500, 503, timeout, connection reset, malformed JSON,
// 401, 404; every event ends propagated or failed with its reason, and retries wait as told.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import nock from 'nock';
import {
	DONE_OUTCOMES,
	hubspotConnector,
	propagateOptOuts,
	sendgridConnector,
	TransportError,
	type DestinationResult,
	type HttpClient,
	type HttpResponse,
} from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime } from './helpers';

const SG = 'https://api.sendgrid.com';
const SG_PATH = '/v3/asm/suppressions/global';
const HS = 'https://api.hubapi.com';
const HS_PATH = '/communication-preferences/v4/statuses/batch/unsubscribe-all?channel=EMAIL';
const events = [event(1), event(2), event(3)];
const retry = { maxAttempts: 4, budgetMs: 60_000, baseDelayMs: 1000, maxDelayMs: 8000 };

async function runSendGrid(timeoutMs = 5000) {
	const runtime = fakeRuntime();
	const { results, runs } = await propagateOptOuts(events, [{ connector: sendgridConnector(), client: createNodeHttpClient({ authHeaders: { authorization: 'Bearer k' } }) }], {
		runtime,
		retry,
		timeoutMs,
	});
	return { results: results.map((r) => r[0]), sleeps: runtime.sleeps, runs };
}

function expectNoneLost(results: DestinationResult[]) {
	expect(results).toHaveLength(events.length);
	expect(results.map((r) => r.eventId)).toEqual(events.map((e) => e.eventId));
	for (const r of results) expect(DONE_OUTCOMES.has(r.outcome) || /^failed_|not_found/.test(r.outcome)).toBe(true);
}

// SendGrid's documented 201 echoes the addresses it stored.
const sendgridEcho = (_uri: string, body: nock.Body) => ({ recipient_emails: (body as { recipient_emails: string[] }).recipient_emails });

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('fault matrix (SendGrid global suppressions)', () => {
	it('429 with Retry-After: waits the seconds asked, then succeeds', async () => {
		nock(SG).post(SG_PATH).reply(429, { errors: [{ message: 'too many requests' }] }, { 'Retry-After': '7' });
		nock(SG).post(SG_PATH).reply(201, sendgridEcho);
		const { results, sleeps } = await runSendGrid();
		expectNoneLost(results);
		expect(results.every((r) => r.outcome === 'propagated' && r.attempts === 2)).toBe(true);
		// The backoff for attempt 2 is 750 ms at random 0.5; the vendor asked 7 s, which wins.
		expect(sleeps).toContain(7000);
		expect(Math.max(...sleeps)).toBe(7000);
	});

	it('429 with an HTTP-date Retry-After and X-RateLimit-Reset are honoured', async () => {
		const runtime = fakeRuntime();
		const date = new Date(runtime.now() + 12_000).toUTCString();
		nock(SG).post(SG_PATH).reply(429, '', { 'Retry-After': date });
		nock(SG).post(SG_PATH).reply(429, '', { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(runtime.now() / 1000) + 20 + 12) });
		nock(SG).post(SG_PATH).reply(201, sendgridEcho);
		const { results } = await propagateOptOuts(events, [{ connector: sendgridConnector(), client: createNodeHttpClient() }], { runtime, retry });
		expect(results.every((r) => r[0].outcome === 'propagated' && r[0].attempts === 3)).toBe(true);
		expect(runtime.sleeps[0]).toBe(12_000);
		expect(runtime.sleeps[1]).toBe(20_000);
	});

	it('500 then 503 then success: exponential backoff with jitter', async () => {
		nock(SG).post(SG_PATH).reply(500, { errors: [{ message: 'internal' }] });
		nock(SG).post(SG_PATH).reply(503, 'Service Unavailable');
		nock(SG).post(SG_PATH).reply(201, sendgridEcho);
		const { results, sleeps } = await runSendGrid();
		expectNoneLost(results);
		expect(results.every((r) => r.outcome === 'propagated' && r.attempts === 3)).toBe(true);
		// base 1000 ms: attempt 1 -> [500, 1000], attempt 2 -> [1000, 2000]; random 0.5 -> 750, 1500.
		expect(sleeps).toEqual([750, 1500]);
	});

	it('503 on every attempt: failed, retryable, after maxAttempts, with the vendor status', async () => {
		nock(SG).post(SG_PATH).times(4).reply(503, { errors: [{ message: 'maintenance' }] });
		const { results, sleeps } = await runSendGrid();
		expectNoneLost(results);
		for (const r of results) expect(r).toMatchObject({ outcome: 'failed_retryable', retryable: true, attempts: 4, vendorStatus: 503, message: 'HTTP 503: maintenance' });
		expect(sleeps).toEqual([750, 1500, 3000]);
	});

	it('timeout then success', async () => {
		// Generous margins: on a loaded machine the prompt second answer must still beat the timeout.
		nock(SG).post(SG_PATH).delay(4000).reply(201, sendgridEcho);
		nock(SG).post(SG_PATH).reply(201, sendgridEcho);
		const { results } = await runSendGrid(1000);
		expect(results.every((r) => r.outcome === 'propagated' && r.attempts === 2)).toBe(true);
	});

	it('connection reset on every attempt: failed, retryable, with the reason', async () => {
		// A real server that resets every connection (TCP RST): nock's replyWithError emits the error
		// on its mock socket a second time, after the request has let go of it, which jest reports as
		// an unhandled error whenever the timing shifts (a cold transform cache in CI).
		let connections = 0;
		const server = http.createServer((req) => {
			connections++;
			req.socket.resetAndDestroy();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			const { port } = server.address() as AddressInfo;
			const runtime = fakeRuntime();
			const { results } = await propagateOptOuts(
				events,
				[{ connector: sendgridConnector({ baseUrl: `http://127.0.0.1:${port}` }), client: createNodeHttpClient({ authHeaders: { authorization: 'Bearer k' } }) }],
				{ runtime, retry, timeoutMs: 5000 },
			);
			const firsts = results.map((r) => r[0]);
			expectNoneLost(firsts);
			for (const r of firsts) expect(r).toMatchObject({ outcome: 'failed_retryable', retryable: true, attempts: 4, message: expect.stringMatching(/^ECONNRESET/) });
			expect(connections).toBe(4);
		} finally {
			nock.disableNetConnect();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('401: permanent at once, with the vendor message', async () => {
		nock(SG).post(SG_PATH).reply(401, { errors: [{ field: null, message: 'authorization required' }] });
		const { results, sleeps } = await runSendGrid();
		expectNoneLost(results);
		for (const r of results) expect(r).toMatchObject({ outcome: 'failed_permanent', retryable: false, attempts: 1, vendorStatus: 401, message: 'SendGrid: HTTP 401: authorization required' });
		expect(sleeps).toEqual([]);
	});

	it('404: not found at once', async () => {
		nock(SG).post(SG_PATH).reply(404, { errors: [{ message: 'resource not found' }] });
		const { results } = await runSendGrid();
		for (const r of results) expect(r).toMatchObject({ outcome: 'not_found', attempts: 1, vendorStatus: 404 });
	});

	it('a Retry-After beyond the time budget stops retrying and says when to retry', async () => {
		nock(SG).post(SG_PATH).reply(429, '', { 'Retry-After': '3600' });
		const { results, sleeps } = await runSendGrid();
		for (const r of results) {
			expect(r).toMatchObject({ outcome: 'failed_retryable', attempts: 1, vendorStatus: 429, retryAfter: '2026-03-02T11:00:00.000Z' });
			expect(r.message).toMatch(/time budget/);
		}
		expect(sleeps).toEqual([]);
	});
});

describe('fault matrix (HubSpot: per-record JSON results)', () => {
	const hubspotOk = (inputs: string[]) => ({ results: inputs.map((s) => ({ subscriberIdString: s, statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED' }] })) });

	it('malformed JSON on a 200 is retried', async () => {
		nock(HS).post(HS_PATH).reply(200, '{"results": [', { 'content-type': 'application/json' });
		nock(HS).post(HS_PATH).reply(200, (_uri, body) => hubspotOk((body as { inputs: string[] }).inputs));
		const runtime = fakeRuntime();
		const { results } = await propagateOptOuts(events, [{ connector: hubspotConnector(), client: createNodeHttpClient() }], { runtime, retry });
		expect(results.map((r) => [r[0].outcome, r[0].attempts])).toEqual([['propagated', 2], ['propagated', 2], ['propagated', 2]]);
	});

	it('malformed JSON every time ends failed (retryable), never lost', async () => {
		nock(HS).post(HS_PATH).times(4).reply(200, 'not json');
		const { results } = await propagateOptOuts(events, [{ connector: hubspotConnector(), client: createNodeHttpClient() }], { runtime: fakeRuntime(), retry });
		for (const r of results) expect(r[0]).toMatchObject({ outcome: 'failed_retryable', attempts: 4, message: expect.stringMatching(/^HTTP 200: malformed JSON in the response; expected /) });
	});
});

describe('no event is ever lost (property)', () => {
	it('under any sequence of faults, every event gets one result per destination, propagated only after a 2xx', async () => {
		const reply = fc.constantFrom<'ok' | '429' | '500' | '503' | 'reset' | 'timeout' | '401' | '404' | 'garbage'>(
			'ok', '429', '500', '503', 'reset', 'timeout', '401', '404', 'garbage',
		);
		await fc.assert(
			fc.asyncProperty(fc.array(reply, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 260 }), async (script, n) => {
				let k = 0;
				const sentOk = new Set<string>();
				const client: HttpClient = async (request) => {
					const step = script[k++ % script.length];
					if (step === 'reset') throw new TransportError('socket hang up', 'ECONNRESET');
					if (step === 'timeout') throw new TransportError('no response', 'ETIMEDOUT');
					const statuses: Record<string, number> = { '429': 429, '500': 500, '503': 503, '401': 401, '404': 404 };
					if (step in statuses) return { status: statuses[step], headers: step === '429' ? { 'retry-after': '2' } : {}, body: '{"message":"nope"}' } as HttpResponse;
					const inputs = (JSON.parse(request.body!) as { inputs?: string[] }).inputs ?? [];
					if (step === 'garbage') return { status: 200, headers: {}, body: '<html>' };
					for (const s of inputs) sentOk.add(s);
					return { status: 200, headers: {}, body: JSON.stringify(hubspotOkBody(inputs)) };
				};
				const batch = Array.from({ length: n }, (_, i) => event(i));
				const { results } = await propagateOptOuts(batch, [{ connector: hubspotConnector(), client }], { runtime: fakeRuntime(), retry });
				expect(results).toHaveLength(n);
				for (let i = 0; i < n; i++) {
					expect(results[i]).toHaveLength(1);
					const r = results[i][0];
					expect(r.eventId).toBe(batch[i].eventId);
					if (r.outcome === 'propagated') expect(sentOk.has(batch[i].email!)).toBe(true);
					else expect(r.message).toBeTruthy();
					expect(r.attempts).toBeLessThanOrEqual(retry.maxAttempts);
				}
			}),
			{ numRuns: 30 },
		);
	});
});

function hubspotOkBody(inputs: string[]) {
	return { results: inputs.map((s) => ({ subscriberIdString: s, statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED' }] })) };
}
