// Phones reach vendors in E.164 only (Braze "phones", Klaviyo "phone_number", the webhook's
// "phone"): toOptOutEvent normalizes through lib/records normalizePhone (with the node's default
// region); a number it cannot place is never sent, and an SMS opt-out with it fails naming the
// phone field, never done.
import {
	brazeConnector,
	klaviyoConnector,
	propagateOptOuts,
	toOptOutEvent,
	webhookConnector,
	type Connector,
	type DestinationResult,
	type HttpClient,
	type HttpRequest,
	type OptOutEvent,
} from '../../../lib/optout';
import { fakeRuntime } from './helpers';

const retry = { maxAttempts: 1, budgetMs: 1000, baseDelayMs: 1, maxDelayMs: 1 };
const now = Date.parse('2026-03-02T10:00:00Z');

function made(raw: Parameters<typeof toOptOutEvent>[0], region?: 'US' | 'GB'): OptOutEvent {
	const result = toOptOutEvent({ requestedAt: '2026-03-02T09:00:00Z', ...raw }, now, { defaultRegion: region });
	if (!('event' in result)) throw new Error(JSON.stringify(result.problem));
	return result.event;
}

async function run(connector: Connector, events: OptOutEvent[], answer: (request: HttpRequest) => { status: number; body: string }): Promise<{ results: DestinationResult[]; sent: HttpRequest[] }> {
	const sent: HttpRequest[] = [];
	const client: HttpClient = async (request) => {
		sent.push(request);
		return { headers: { 'content-type': 'application/json' }, ...answer(request) };
	};
	const { results } = await propagateOptOuts(events, [{ connector, client }], { runtime: fakeRuntime(), retry });
	return { results: results.map((r) => r[0]), sent };
}

describe('opt-out events: phones in E.164 through the one phone normalizer', () => {
	it('writes a number with 00, or a national one with the default region, as E.164', () => {
		expect(made({ phone: '0044 20 7946 0018', channels: 'sms' })).toMatchObject({ phone: '+442079460018' });
		expect(made({ phone: '0044 20 7946 0018', channels: 'sms' }).phoneProblem).toBeUndefined();
		expect(made({ phone: '(415) 555-0177', channels: 'sms' }, 'US')).toMatchObject({ phone: '+14155550177' });
		expect(made({ phone: '020 7946 0018', channels: 'sms' }, 'GB')).toMatchObject({ phone: '+442079460018' });
		// One person, one event ID, however the number is written.
		expect(made({ phone: '(415) 555-0177' }, 'US').eventId).toBe(made({ phone: '+1 415 555 0177' }).eventId);
	});

	it('keeps a number it cannot place as given and says why', () => {
		expect(made({ phone: '(415) 555-0177', channels: 'sms' })).toMatchObject({ phone: '4155550177', phoneProblem: 'no country code and no default region' });
		expect(made({ phone: '+1 555 123 4567', channels: 'sms' })).toMatchObject({ phone: '+15551234567', phoneProblem: 'not a valid number for its country' });
	});
});

describe('a phone that is not E.164 is never sent', () => {
	const success = () => ({ status: 201, body: JSON.stringify({ message: 'success' }) });

	it('Braze: the SMS part fails naming the phone field; the email part is still sent', async () => {
		const event = made({ email: 'ann@example.com', phone: '(415) 555-0177', channels: 'email,sms' });
		const { results, sent } = await run(brazeConnector({ baseUrl: 'https://rest.iad-01.braze.com', smsSubscriptionGroupId: 'sg-sms' }), [event], success);
		expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/email/status']);
		expect(results[0]).toMatchObject({ outcome: 'failed_permanent', retryable: false });
		expect(results[0].message).toMatch(/phone field could not be made E\.164 \(no country code and no default region\)/);
	});

	it('Klaviyo, list-scoped, all channels: failed before any request (one call would carry the phone)', async () => {
		const event = made({ email: 'ann@example.com', phone: '4155550177', channels: 'all', scope: 'list', listId: 'Y6nRLr' });
		const { results, sent } = await run(klaviyoConnector(), [event], () => ({ status: 202, body: '' }));
		expect(sent).toHaveLength(0);
		expect(results[0].outcome).toBe('failed_permanent');
		expect(results[0].message).toMatch(/Klaviyo takes phone numbers in E\.164/);
	});

	it('Klaviyo, list-scoped, email only: sent without the phone', async () => {
		const event = made({ email: 'ann@example.com', phone: '4155550177', channels: 'email', scope: 'list', listId: 'Y6nRLr' });
		const { results, sent } = await run(klaviyoConnector(), [event], () => ({ status: 202, body: '' }));
		expect(sent).toHaveLength(1);
		expect(sent[0].body).not.toContain('4155550177');
		expect(results[0].outcome).toBe('propagated');
	});

	it('webhook: an SMS opt-out fails unsent; an email opt-out is sent without the phone', async () => {
		const webhook = webhookConnector({ url: 'https://optout.internal.example/hook', secret: 'whsec_0123456789' });
		const ok = (request: HttpRequest) => ({
			status: 200,
			body: JSON.stringify({ results: (JSON.parse(request.body!) as { events: Array<{ eventId: string }> }).events.map((e) => ({ eventId: e.eventId, status: 'ok' })) }),
		});
		const sms = await run(webhook, [made({ phone: '4155550177', channels: 'sms' })], ok);
		expect(sms.sent).toHaveLength(0);
		expect(sms.results[0].outcome).toBe('failed_permanent');
		const phoneOnly = await run(webhook, [made({ phone: '4155550177' })], ok);
		expect(phoneOnly.sent).toHaveLength(0);
		expect(phoneOnly.results[0].outcome).toBe('failed_permanent');
		const email = await run(webhook, [made({ email: 'ann@example.com', phone: '4155550177' })], ok);
		expect(email.sent).toHaveLength(1);
		expect(email.sent[0].body).not.toContain('4155550177');
		expect(email.results[0].outcome).toBe('propagated');
	});
});
