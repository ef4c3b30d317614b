// npm run bench:optout: 10,000 opt-outs to all seven destinations (HubSpot, Salesforce, Mailchimp,
// SendGrid, Klaviyo, Braze, signed webhook) through lib/optout against local mock servers that
// enforce the vendors' documented rate limits (bench/optout-mock.ts). Prints, as JSON Lines, the
// total time against the least time those limits allow (the ratio), requests, 429s, and the count
// lost (must be 0): an event x destination with no result, or reported propagated while the mock
// never recorded it. Two runs: clean, and with 5% injected faults (500, 503, reset, malformed JSON).
import {
	brazeConnector,
	DONE_OUTCOMES,
	hubspotConnector,
	klaviyoConnector,
	mailchimpConnector,
	minimumDurationMs,
	propagateOptOuts,
	salesforceConnector,
	sendgridConnector,
	systemRuntime,
	webhookConnector,
	type Connector,
	type Destination,
	type OptOutEvent,
} from '../lib/optout';
import { setTimeout as wait } from 'node:timers/promises';
import { createNodeHttpClient } from '../test/helpers/nodeHttpClient';
import { MAILCHIMP_AUDIENCES, MOCK_LIMITS, MOCK_SECRETS, startMockServers } from './optout-mock';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const size = arg('events', 10_000);
const faultRate = arg('faults', 0.05);
const latencyMs = arg('latency', 2);

const LISTS = { hubspot: '4242', mailchimp: 'mc-list', sendgrid: '77', klaviyo: 'KL1', braze: 'sg-1', brazeSms: 'sg-sms' };

function makeEvents(n: number): OptOutEvent[] {
	return Array.from({ length: n }, (_, i) => {
		const list = i % 5 === 4;
		const sms = i % 10 === 3;
		return {
			eventId: `bench-${i}`,
			email: `person.${i}@example${i % 13}.com`,
			...(sms ? { phone: `+1555${String(1000000 + i).slice(-7)}` } : {}),
			customerId: `003${String(i).padStart(12, '0')}AAA`,
			channels: sms ? ['email', 'sms'] : ['email'],
			scope: list ? 'list' : 'global',
			reason: 'one-click unsubscribe',
			source: 'bench',
			requestedAt: new Date(Date.now() - 3_600_000).toISOString(),
		};
	});
}

function destinations(baseUrl: string): Destination[] {
	const client = (auth: Record<string, string>) => createNodeHttpClient({ authHeaders: auth, maxSockets: 32 });
	const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
	return [
		{ connector: hubspotConnector({ baseUrl: `${baseUrl}/hubspot`, subscriptionId: LISTS.hubspot }), client: client(bearer(MOCK_SECRETS.hubspot)) },
		{ connector: salesforceConnector({ instanceUrl: `${baseUrl}/salesforce` }), client: client(bearer(MOCK_SECRETS.salesforce)) },
		{
			connector: mailchimpConnector({ baseUrl: `${baseUrl}/mailchimp/3.0`, listId: LISTS.mailchimp }),
			client: client({ authorization: `Basic ${Buffer.from(`anystring:${MOCK_SECRETS.mailchimp}`).toString('base64')}` }),
		},
		{ connector: sendgridConnector({ baseUrl: `${baseUrl}/sendgrid`, groupId: LISTS.sendgrid }), client: client(bearer(MOCK_SECRETS.sendgrid)) },
		{ connector: klaviyoConnector({ baseUrl: `${baseUrl}/klaviyo`, listId: LISTS.klaviyo }), client: client({ authorization: `Klaviyo-API-Key ${MOCK_SECRETS.klaviyo}`, revision: '2026-10-15' }) },
		{ connector: brazeConnector({ baseUrl: `${baseUrl}/braze`, subscriptionGroupId: LISTS.braze, smsSubscriptionGroupId: LISTS.brazeSms }), client: client(bearer(MOCK_SECRETS.braze)) },
		{ connector: webhookConnector({ url: `${baseUrl}/webhook/optout`, secret: MOCK_SECRETS.webhook }), client: client({}) },
	];
}

/** The key each mock stores for an event it opted out (see bench/optout-mock.ts). */
function storedKeys(vendor: string, e: OptOutEvent): string[] {
	const email = e.email!;
	const list = e.scope === 'list';
	switch (vendor) {
		case 'hubspot':
			return [list ? `${LISTS.hubspot}:${email}` : `all:${email}`];
		case 'salesforce':
			return [e.customerId!];
		case 'mailchimp':
			// A global opt-out reaches every audience of the account.
			return list ? [`${LISTS.mailchimp}:${email}`] : MAILCHIMP_AUDIENCES.map((id) => `${id}:${email}`);
		case 'sendgrid':
			return [`${list ? LISTS.sendgrid : 'global'}:${email}`];
		case 'klaviyo':
			// A list-scoped job carries email and phone in one profile (the mock keys it by email).
			return [list ? `${LISTS.klaviyo}:${email}` : `suppressed:${email}`, ...(e.phone && !list ? [`sms:${e.phone}`] : [])];
		case 'braze':
			return [list ? `${LISTS.braze}:${email}` : `email:${email}`, ...(e.phone ? [`${list ? LISTS.braze : LISTS.brazeSms}:${e.phone}`] : [])];
		default:
			return [e.eventId];
	}
}

/** Requests a run needs at least: per batch key, ceil(distinct records / batch size). */
function requestsNeeded(connector: Connector, events: OptOutEvent[]): number {
	const groups = new Map<string, Set<string>>();
	for (const e of events.flatMap((event) => (connector.split ? connector.split(event) : [event]))) {
		if (connector.precheck(e)) continue;
		const key = connector.batchKey(e);
		const set = groups.get(key) ?? new Set<string>();
		set.add(connector.recordKey(e));
		groups.set(key, set);
	}
	let total = 0;
	for (const set of groups.values()) total += Math.ceil(set.size / connector.maxBatch);
	return total;
}

async function run(mode: 'clean' | 'faults') {
	const mock = await startMockServers({ faultRate: mode === 'faults' ? faultRate : 0, latencyMs, seed: 7 });
	const events = makeEvents(size);
	const dests = destinations(mock.baseUrl);
	let minimumMs = 0;
	const perDestination: Record<string, { requestsNeeded: number; minimumSeconds: number }> = {};
	for (const { connector } of dests) {
		const needed = requestsNeeded(connector, events);
		const limits = MOCK_LIMITS[connector.destination];
		// The rate-limit bound, and the latency bound of the concurrency the vendor allows.
		const bound = Math.max(minimumDurationMs(needed, { windows: limits.windows, concurrency: 1 }), Math.ceil(needed / (limits.concurrency ?? connector.limits.concurrency)) * latencyMs);
		perDestination[connector.destination] = { requestsNeeded: needed, minimumSeconds: bound / 1000 };
		minimumMs = Math.max(minimumMs, bound);
	}
	const started = process.hrtime.bigint();
	const { results } = await propagateOptOuts(events, dests, {
		runtime: systemRuntime(wait),
		retry: { maxAttempts: 8, budgetMs: 120_000, baseDelayMs: 100, maxDelayMs: 5000 },
		timeoutMs: 10_000,
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	let lost = 0;
	let failed = 0;
	let done = 0;
	const outcomes: Record<string, number> = {};
	events.forEach((e, i) => {
		dests.forEach(({ connector }, d) => {
			const r = results[i]?.[d];
			if (!r) {
				lost++;
				return;
			}
			outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
			if (DONE_OUTCOMES.has(r.outcome)) {
				done++;
				if (r.outcome !== 'not_applicable' && !storedKeys(connector.destination, e).every((k) => mock.stats.optedOut[connector.destination].has(k))) lost++;
			} else failed++;
		});
	});
	// With faults, retries add requests: the least time the limits allow for the requests actually sent.
	let minimumSentMs = 0;
	for (const { connector } of dests) {
		const limits = MOCK_LIMITS[connector.destination];
		const sent = mock.stats.requests[connector.destination];
		minimumSentMs = Math.max(minimumSentMs, minimumDurationMs(sent, { windows: limits.windows, concurrency: 1 }), Math.ceil(sent / (limits.concurrency ?? connector.limits.concurrency)) * latencyMs);
	}
	const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
	console.log(
		JSON.stringify({
			bench: 'optout',
			mode,
			events: size,
			destinations: dests.length,
			seconds: Number(seconds.toFixed(3)),
			minimumSeconds: minimumMs / 1000,
			ratio: Number((seconds / Math.max(minimumMs / 1000, 0.001)).toFixed(3)),
			minimumSecondsForRequestsSent: minimumSentMs / 1000,
			ratioForRequestsSent: Number((seconds / Math.max(minimumSentMs / 1000, 0.001)).toFixed(3)),
			lost,
			failed,
			propagated: done,
			outcomes,
			requests: sum(mock.stats.requests),
			rateLimited429: mock.stats.rateLimited,
			faultsInjected: sum(mock.stats.faults),
			perDestination,
		}),
	);
	await mock.close();
	return lost;
}

(async () => {
	let lost = await run('clean');
	if (faultRate > 0) lost += await run('faults');
	process.exitCode = lost === 0 ? 0 : 1;
})();
