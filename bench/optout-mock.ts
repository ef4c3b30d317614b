// Local mock servers for the opt-out destinations, one HTTP server on 127.0.0.1 with a path prefix
// per vendor (/hubspot, /salesforce, /mailchimp/3.0, /sendgrid, /klaviyo, /braze, /webhook). Each
// checks authentication, method, path and batch size as the vendor documents them, enforces the
// vendor's documented rate limits (sliding windows; 429 with Retry-After and the vendor's rate
// headers; Mailchimp's 10 simultaneous connections), records who is opted out, and can inject
// faults (500, 503, connection resets, malformed JSON). Used by bench/optout.ts and the e2e test.
// Run alone: `npx tsx bench/optout-mock.ts [--faults 0.05]` prints {"baseUrl": ...} and serves
// until stdin closes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../lib/optout';
import { seededRandom } from '../lib/stats/random';

/** The mock Mailchimp account's audiences (a global opt-out reaches each). */
export const MAILCHIMP_AUDIENCES = ['mc-list', 'mc-list-2'];

export const MOCK_SECRETS = {
	hubspot: 'pat-mock-hubspot',
	salesforce: 'sf-mock-token',
	mailchimp: 'mc-mock-key-us21',
	sendgrid: 'SG.mock',
	klaviyo: 'pk_mock',
	braze: 'braze-mock-key',
	webhook: 'whsec-mock',
};

/** The limits each mock enforces: the vendors' documented figures. */
export const MOCK_LIMITS: Record<string, { windows: Array<{ limit: number; windowMs: number }>; concurrency?: number }> = {
	hubspot: { windows: [{ limit: 100, windowMs: 10_000 }] },
	salesforce: { windows: [], concurrency: 25 },
	mailchimp: { windows: [], concurrency: 10 },
	sendgrid: { windows: [{ limit: 600, windowMs: 60_000 }] },
	klaviyo: { windows: [{ limit: 75, windowMs: 1000 }, { limit: 750, windowMs: 60_000 }] },
	braze: { windows: [{ limit: 250_000, windowMs: 3_600_000 }] },
	webhook: { windows: [] },
};

export interface MockOptions {
	port?: number;
	/** Probability per request of an injected fault. */
	faultRate?: number;
	/** Milliseconds each answer takes (network and vendor time). */
	latencyMs?: number;
	seed?: number;
}

export interface MockStats {
	requests: Record<string, number>;
	rateLimited: Record<string, number>;
	faults: Record<string, number>;
	rejected: Record<string, number>;
	/** vendor -> identifiers opted out there */
	optedOut: Record<string, Set<string>>;
}

export interface MockServers {
	baseUrl: string;
	stats: MockStats;
	close(): Promise<void>;
}

const VENDORS = Object.keys(MOCK_LIMITS);

export async function startMockServers(options: MockOptions = {}): Promise<MockServers> {
	const random = seededRandom(options.seed ?? 42);
	const faultRate = options.faultRate ?? 0;
	const latencyMs = options.latencyMs ?? 2;
	const zero = () => Object.fromEntries(VENDORS.map((v) => [v, 0]));
	const stats: MockStats = {
		requests: zero(),
		rateLimited: zero(),
		faults: zero(),
		rejected: zero(),
		optedOut: Object.fromEntries(VENDORS.map((v) => [v, new Set<string>()])),
	};
	const starts: Record<string, number[]> = Object.fromEntries(VENDORS.map((v) => [v, []]));
	const inFlight: Record<string, number> = zero();

	const server = http.createServer((req, res) => {
		const parts: Buffer[] = [];
		req.on('data', (p: Buffer) => parts.push(p));
		req.on('end', () => {
			const body = Buffer.concat(parts).toString('utf8');
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const vendor = url.pathname.split('/')[1];
			const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
				setTimeout(() => {
					inFlight[vendor]--;
					res.writeHead(status, { 'content-type': 'application/json', ...headers });
					res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
				}, latencyMs);
			};
			if (url.pathname === '/__stats') {
				// For tests that run the mock in another process: who is opted out where.
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ ...stats, optedOut: Object.fromEntries(Object.entries(stats.optedOut).map(([v, set]) => [v, [...set]])) }));
				return;
			}
			if (!MOCK_LIMITS[vendor]) {
				res.writeHead(404).end('{"message":"no such mock"}');
				return;
			}
			inFlight[vendor]++;
			stats.requests[vendor]++;
			const path = url.pathname.slice(vendor.length + 1);
			// Credential test requests (GET) answer 200 when authenticated.
			const auth = req.headers.authorization ?? '';
			const expectedAuth: Record<string, boolean> = {
				hubspot: auth === `Bearer ${MOCK_SECRETS.hubspot}`,
				salesforce: auth === `Bearer ${MOCK_SECRETS.salesforce}`,
				mailchimp: auth === `Basic ${Buffer.from(`anystring:${MOCK_SECRETS.mailchimp}`).toString('base64')}`,
				sendgrid: auth === `Bearer ${MOCK_SECRETS.sendgrid}`,
				klaviyo: auth === `Klaviyo-API-Key ${MOCK_SECRETS.klaviyo}` && typeof req.headers.revision === 'string' && /^\d{4}-\d{2}-\d{2}/.test(req.headers.revision),
				braze: auth === `Bearer ${MOCK_SECRETS.braze}`,
				webhook: true,
			};
			if (!expectedAuth[vendor]) {
				stats.rejected[vendor]++;
				send(401, { message: 'authentication failed' });
				return;
			}
			if (req.method === 'GET') {
				// Mailchimp's GET /3.0/lists (get-lists-info): the audiences a global opt-out reaches.
				if (vendor === 'mailchimp' && path === '/3.0/lists') {
					send(200, { lists: MAILCHIMP_AUDIENCES.map((id) => ({ id })), total_items: MAILCHIMP_AUDIENCES.length });
					return;
				}
				send(200, { ok: true });
				return;
			}
			// Rate limits: concurrency, then sliding windows.
			const limits = MOCK_LIMITS[vendor];
			if (limits.concurrency !== undefined && inFlight[vendor] > limits.concurrency) {
				stats.rateLimited[vendor]++;
				send(429, { title: 'Too Many Requests', detail: `more than ${limits.concurrency} simultaneous connections` });
				return;
			}
			const now = Date.now();
			const log = starts[vendor];
			for (const w of limits.windows) {
				let count = 0;
				for (let i = log.length - 1; i >= 0 && log[i] > now - w.windowMs; i--) count++;
				if (count >= w.limit) {
					stats.rateLimited[vendor]++;
					const waitMs = log[log.length - w.limit] + w.windowMs - now;
					const headers: Record<string, string> = { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) };
					if (vendor === 'sendgrid') Object.assign(headers, { 'x-ratelimit-limit': String(w.limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil((now + waitMs) / 1000)) });
					if (vendor === 'hubspot') Object.assign(headers, { 'x-hubspot-ratelimit-max': String(w.limit), 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': String(w.windowMs) });
					if (vendor === 'klaviyo') Object.assign(headers, { 'ratelimit-limit': String(w.limit), 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil(waitMs / 1000)) });
					send(429, { errors: [{ status: 429, code: 'throttled', detail: 'Request was throttled.' }] }, headers);
					return;
				}
			}
			log.push(now);
			if (log.length > 2000) log.splice(0, log.length - 1000);
			// Injected faults: before any state change, or (malformed JSON) after it.
			const roll = random();
			let malformed = false;
			if (roll < faultRate) {
				stats.faults[vendor]++;
				const kind = Math.floor((roll / faultRate) * 4);
				if (kind === 0) return send(500, { message: 'Internal Server Error' });
				if (kind === 1) return send(503, 'Service Unavailable');
				if (kind === 2) {
					inFlight[vendor]--;
					req.socket.destroy();
					return;
				}
				malformed = true;
			}
			let json: any;
			try {
				json = JSON.parse(body);
			} catch {
				return send(400, { message: 'body is not JSON' });
			}
			const out = handle(vendor, req.method ?? '', path, url.searchParams, req.headers, body, json, stats.optedOut[vendor]);
			if (out.status >= 400) stats.rejected[vendor]++;
			send(out.status, malformed && out.status < 300 ? '{"results": [' : out.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		stats,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function handle(vendor: string, method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, raw: string, json: any, store: Set<string>): { status: number; body?: unknown } {
	const bad = (message: string) => ({ status: 400, body: { message } });
	switch (vendor) {
		case 'hubspot': {
			const inputs = json.inputs;
			if (method !== 'POST' || !Array.isArray(inputs) || inputs.length > 100) return bad('inputs: 1 to 100 required');
			if (path === '/communication-preferences/v4/statuses/batch/unsubscribe-all') {
				if (query.get('channel') !== 'EMAIL') return bad('channel (query) is required: EMAIL');
				const results = inputs.map((email: string) => {
					const reason = store.has(`all:${email}`) ? 'NO_STATUS_CHANGE' : 'UNSUBSCRIBED';
					store.add(`all:${email}`);
					return { subscriberIdString: email, statuses: [{ channel: 'EMAIL', status: 'UNSUBSCRIBED', setStatusSuccessReason: reason }] };
				});
				return { status: 200, body: { status: 'COMPLETE', results } };
			}
			if (path === '/communication-preferences/v4/statuses/batch/write') {
				for (const i of inputs) if (i.statusState !== 'UNSUBSCRIBED' || i.channel !== 'EMAIL' || !i.subscriptionId) return bad('statusState UNSUBSCRIBED, channel, subscriptionId required');
				for (const i of inputs) store.add(`${i.subscriptionId}:${i.subscriberIdString}`);
				return { status: 200, body: { status: 'COMPLETE', results: inputs.map((i: any) => ({ subscriberIdString: i.subscriberIdString, status: 'UNSUBSCRIBED' })) } };
			}
			return { status: 404, body: { message: 'not found' } };
		}
		case 'salesforce': {
			if (method !== 'PATCH' || !/^\/services\/data\/v\d+\.\d\/composite\/sobjects$/.test(path)) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
			if (!Array.isArray(json.records) || json.records.length > 200) return bad('records: 1 to 200');
			return {
				status: 200,
				body: json.records.map((r: any) => {
					if (r.HasOptedOutOfEmail !== true || !['Contact', 'Lead'].includes(r.attributes?.type)) return { success: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'bad record', fields: [] }] };
					store.add(r.id);
					return { id: r.id, success: true, errors: [] };
				}),
			};
		}
		case 'mailchimp': {
			const match = /^\/3\.0\/lists\/([^/]+)$/.exec(path);
			if (method !== 'POST' || !match) return { status: 404, body: { title: 'Resource Not Found', status: 404, detail: 'The requested resource could not be found.' } };
			if (!Array.isArray(json.members) || json.members.length > 500 || json.update_existing !== true) return bad('members: up to 500, update_existing');
			const updated: unknown[] = [];
			const created: unknown[] = [];
			for (const m of json.members) {
				if (m.status !== 'unsubscribed') return bad('status must be unsubscribed');
				const key = `${match[1]}:${m.email_address}`;
				(store.has(key) ? updated : created).push({ email_address: m.email_address, status: 'unsubscribed' });
				store.add(key);
			}
			return { status: 200, body: { new_members: created, updated_members: updated, errors: [], total_created: created.length, total_updated: updated.length, error_count: 0 } };
		}
		case 'sendgrid': {
			const emails = json.recipient_emails;
			if (method !== 'POST' || !Array.isArray(emails)) return bad('recipient_emails required');
			const group = /^\/v3\/asm\/groups\/(\d+)\/suppressions$/.exec(path);
			if (path !== '/v3/asm/suppressions/global' && !group) return { status: 404, body: { errors: [{ message: 'resource not found' }] } };
			for (const e of emails) store.add(`${group ? group[1] : 'global'}:${e}`);
			return { status: 201, body: { recipient_emails: emails } };
		}
		case 'klaviyo': {
			// Klaviyo retires a revision two years after its release (every 2024-* one by October 2026).
			if (String(headers.revision).slice(0, 4) < '2025') return { status: 410, body: { errors: [{ id: 'retired', code: 'gone', title: 'Revision retired', detail: `revision ${String(headers.revision)} is retired` }] } };
			if (headers['content-type'] !== 'application/vnd.api+json') return bad('content-type must be application/vnd.api+json');
			const profiles = json.data?.attributes?.profiles?.data;
			if (!Array.isArray(profiles) || profiles.length > 100) return bad('profiles: 1 to 100');
			if (path === '/api/profile-suppression-bulk-create-jobs' && json.data.type === 'profile-suppression-bulk-create-job') {
				for (const p of profiles) store.add(`suppressed:${p.attributes.email}`);
				// The job document (bulk_suppress_profiles, revision 2026-10-15): this mock completes jobs at once.
				const n = profiles.length;
				return { status: 202, body: { data: { type: 'profile-suppression-bulk-create-job', id: `job-${store.size}`, attributes: { status: 'complete', total_count: n, completed_count: n, skipped_count: 0 } } } };
			}
			if (path === '/api/profile-subscription-bulk-delete-jobs' && json.data.type === 'profile-subscription-bulk-delete-job') {
				// The list is optional: without one the profiles are unsubscribed from the channels given.
				const list = json.data.relationships?.list?.data?.id;
				for (const p of profiles) {
					if (!p.attributes?.subscriptions) return bad('profiles[].attributes.subscriptions required');
					if (list) store.add(`${list}:${p.attributes.email ?? p.attributes.phone_number}`);
					else if (p.attributes.subscriptions.sms && p.attributes.phone_number) store.add(`sms:${p.attributes.phone_number}`);
					else return bad('a profile without a list needs phone_number and sms consent here');
				}
				return { status: 202 };
			}
			return { status: 404, body: { errors: [{ detail: 'not found' }] } };
		}
		case 'braze': {
			if (path === '/email/status') {
				const emails = Array.isArray(json.email) ? json.email : [json.email];
				if (emails.length > 50 || json.subscription_state !== 'unsubscribed') return bad('email: up to 50; subscription_state');
				for (const e of emails) store.add(`email:${e}`);
				return { status: 201, body: { message: 'success' } };
			}
			if (path === '/v2/subscription/status/set') {
				for (const g of json.subscription_groups ?? []) {
					const ids = g.emails ?? g.phones ?? [];
					if (ids.length > 50) return bad('up to 50 per group');
					for (const e of ids) store.add(`${g.subscription_group_id}:${e}`);
				}
				return { status: 201, body: { message: 'success' } };
			}
			return { status: 404, body: { message: 'not found' } };
		}
		case 'webhook': {
			const timestamp = Number(headers['x-opt-out-timestamp']);
			const signature = String(headers['x-opt-out-signature'] ?? '');
			if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return { status: 401, body: { message: 'stale or missing timestamp' } };
			if (!verifyWebhook(MOCK_SECRETS.webhook, timestamp, raw, signature)) return { status: 401, body: { message: 'bad signature' } };
			for (const e of json.events ?? []) store.add(e.eventId);
			return { status: 200, body: { results: (json.events ?? []).map((e: any) => ({ eventId: e.eventId, status: 'propagated' })) } };
		}
	}
	return { status: 404 };
}

if (require.main === module) {
	const faults = process.argv.indexOf('--faults');
	startMockServers({ faultRate: faults >= 0 ? Number(process.argv[faults + 1]) : 0 }).then((mock) => {
		process.stdout.write(`${JSON.stringify({ baseUrl: mock.baseUrl })}\n`);
		process.stdin.resume();
		process.stdin.on('end', () => void mock.close().then(() => process.exit(0)));
		process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
	});
}
