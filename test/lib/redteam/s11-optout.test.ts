// Red team (s11): Propagate Opt-Out (lib/optout). An opt-out is "done" only when the vendor confirmed
// it for the person as its documented API identifies them, and no identifier leaves the node.
// Vendor calls go through nock, as test/lib/optout does. Plain it(): every case fails now.
import nock from 'nock';
import {
	brazeConnector,
	createRedactor,
	DONE_OUTCOMES,
	hubspotConnector,
	klaviyoConnector,
	propagateOptOuts,
	toOptOutEvent,
	type Connector,
	type DestinationResult,
	type OptOutEvent,
} from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime } from '../optout/helpers';

const HS = 'https://api.hubapi.com';
const KL = 'https://a.klaviyo.com';
const BZ = 'https://rest.iad-01.braze.com';
const retry = { maxAttempts: 2, budgetMs: 60_000, baseDelayMs: 10, maxDelayMs: 20 };
const E164 = /^\+[1-9]\d{6,14}$/;

async function run(connector: Connector, events: OptOutEvent[]): Promise<DestinationResult[]> {
	const { results } = await propagateOptOuts(events, [{ connector, client: createNodeHttpClient() }], { runtime: fakeRuntime(), retry });
	return results.map((r) => r[0]);
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

/** The event the node makes from an item's fields (toOptOutEvent). */
function smsEvent(phone: string): OptOutEvent {
	const made = toOptOutEvent({ phone, channels: 'sms', requestedAt: '2026-03-02T09:00:00Z' }, Date.parse('2026-03-02T10:00:00Z'));
	if (!('event' in made)) throw new Error(`no event: ${JSON.stringify(made.problem)}`);
	return made.event;
}

describe('red team s11 opt-out: SMS opt-outs reach the vendor as the E.164 number it documents', () => {
	// lib/optout/events.ts keeps the phone as typed minus separators ("00442079460018",
	// "4155550177"); braze.ts / klaviyo.ts send it as is, and the vendor's plain acknowledgement
	// ({"message": "success"}, 202) is then read as the number being unsubscribed.
	it.each(['0044 20 7946 0018', '(415) 555-0177', '1 415 555 0177'])(
		'Braze: an SMS STOP from %j is never reported done unless Braze was sent that number in E.164',
		async (phone) => {
			const sent: string[] = [];
			nock(BZ)
				.post('/v2/subscription/status/set')
				.reply(function (_uri, body) {
					const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { subscription_groups: Array<{ phones?: string[] }> };
					for (const group of parsed.subscription_groups) sent.push(...(group.phones ?? []));
					return [201, { message: 'success' }];
				});
			const [result] = await run(brazeConnector({ baseUrl: BZ, smsSubscriptionGroupId: 'sms-group-1' }), [smsEvent(phone)]);
			const reportedDone = DONE_OUTCOMES.has(result.outcome);
			expect({ reportedDone, sentE164: sent.length > 0 && sent.every((p) => E164.test(p)) }).not.toEqual({ reportedDone: true, sentE164: false });
		},
	);

	it.each(['0044 20 7946 0018', '(415) 555-0177'])(
		'Klaviyo: a global SMS STOP from %j is never reported done unless Klaviyo was sent phone_number in E.164',
		async (phone) => {
			const sent: string[] = [];
			nock(KL)
				.post('/api/profile-subscription-bulk-delete-jobs')
				.reply(function (_uri, body) {
					const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { data: { attributes: { profiles: { data: Array<{ attributes: { phone_number?: string } }> } } } };
					for (const p of parsed.data.attributes.profiles.data) if (p.attributes.phone_number !== undefined) sent.push(p.attributes.phone_number);
					return [202, ''];
				});
			const [result] = await run(klaviyoConnector(), [smsEvent(phone)]);
			const reportedDone = DONE_OUTCOMES.has(result.outcome);
			expect({ reportedDone, sentE164: sent.length > 0 && sent.every((p) => E164.test(p)) }).not.toEqual({ reportedDone: true, sentE164: false });
		},
	);
});

describe('red team s11 opt-out: HubSpot 207 multi-status', () => {
	it('an address HubSpot lists as UNSUBSCRIBED in results and also names in errors (partial failure) is not done', async () => {
		// hubspot.ts interpret: `statuses` found -> done, before errors are looked at; Mailchimp's
		// connector treats the same contradiction as not confirmed.
		nock(HS)
			.post('/communication-preferences/v4/statuses/batch/unsubscribe-all')
			.query({ channel: 'EMAIL' })
			.reply(207, {
				status: 'COMPLETE',
				results: [{ subscriberIdString: 'person1@example.com', statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED', subscriptionId: 101 }] }],
				numErrors: 1,
				errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Could not unsubscribe from subscription 202', context: { subscriberIdString: ['person1@example.com'], subscriptionId: ['202'] } }],
			});
		const [result] = await run(hubspotConnector(), [event(1)]);
		expect(DONE_OUTCOMES.has(result.outcome)).toBe(false);
	});
});

describe('red team s11 opt-out: redaction of phone numbers a vendor quotes', () => {
	// redact.ts: matchPhone follows the digits of the E.164 number and nationalForms drops a
	// 1-3 digit country code, but the national trunk prefix ("0" in the UK, DE, FR ...) is
	// never matched, so the number as Europeans write it passes through.
	it.each([
		['national with trunk 0', 'Braze: phone 020 7946 0018 is not subscribed to this group'],
		['national, no spaces', 'invalid phone_number "02079460018"'],
	])('a vendor message quoting +44 20 7946 0018 %s does not come out', (_label, message) => {
		const redact = createRedactor({ events: [{ phone: '+442079460018' }] });
		const out = redact(message);
		expect(out.replace(/\D/g, '')).not.toMatch(/79460018/);
	});
});
