// A global opt-out at Mailchimp (red-team: "mailchimp global reaches one audience"). Mailchimp has
// no account-wide unsubscribe: each audience is its own member store. A global opt-out reads every
// audience (GET /3.0/lists, get-lists-info, paged by count/offset until total_items) and sends the
// documented batch call to each; it is done only when every audience confirms it.
import nock from 'nock';
import { mailchimpConnector, propagateOptOuts, type DestinationResult, type HttpClient, type OptOutEvent } from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime, mailchimpAudiences, VENDOR_HOSTS } from './helpers';

const MC = VENDOR_HOSTS.mailchimp;
const retry = { maxAttempts: 1, budgetMs: 60_000, baseDelayMs: 10, maxDelayMs: 20 };
const connector = () => mailchimpConnector({ baseUrl: `${MC}/3.0`, listId: 'a1b2c3' });

async function run(events: OptOutEvent[], maxAttempts = 1): Promise<DestinationResult[]> {
	const { results } = await propagateOptOuts(events, [{ connector: connector(), client: createNodeHttpClient({}) }], {
		runtime: fakeRuntime(),
		retry: { ...retry, maxAttempts },
	});
	return results.map((r) => r[0]);
}

/** The documented batch result, every member sent listed as unsubscribed; records what each audience got. */
function confirmEach(scope: nock.Scope, ids: string[], seen: Record<string, string[]>) {
	for (const id of ids) {
		scope.post(`/3.0/lists/${id}`).reply(200, (_uri, body: any) => {
			seen[id] = body.members.map((m: { email_address: string }) => m.email_address);
			return { new_members: [], updated_members: body.members, errors: [], total_created: 0, total_updated: body.members.length, error_count: 0 };
		});
	}
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('Mailchimp global opt-out reaches every audience of the account', () => {
	it('reads the audiences page by page and unsubscribes the address in each; done only then', async () => {
		// 1,002 audiences: an in-process vendor (nock for a thousand requests is slow on a loaded machine).
		const ids = [...Array.from({ length: 1000 }, (_, i) => `aud${i}`), 'zz1', 'a1b2c3'];
		const seen: Record<string, string[]> = {};
		const gets: string[] = [];
		const client: HttpClient = async (request) => {
			const url = new URL(request.url);
			if (request.method === 'GET') {
				gets.push(`${url.pathname}${url.search}`);
				const offset = Number(url.searchParams.get('offset'));
				const count = Number(url.searchParams.get('count'));
				return { status: 200, headers: {}, body: JSON.stringify({ lists: ids.slice(offset, offset + count).map((id) => ({ id })), total_items: ids.length }) };
			}
			const body = JSON.parse(request.body!);
			seen[url.pathname.split('/').pop()!] = body.members.map((m: { email_address: string }) => m.email_address);
			return { status: 200, headers: {}, body: JSON.stringify({ new_members: [], updated_members: body.members, errors: [], error_count: 0 }) };
		};
		const { results } = await propagateOptOuts([event(1), event(2, { scope: 'list' })], [{ connector: connector(), client }], { runtime: fakeRuntime(), retry });
		expect(results.map((r) => r[0].outcome)).toEqual(['propagated', 'propagated']);
		expect(gets).toEqual(['/3.0/lists?fields=lists.id,total_items&count=1000&offset=0', '/3.0/lists?fields=lists.id,total_items&count=1000&offset=1000']);
		expect(Object.keys(seen)).toHaveLength(1002);
		// The list-scoped event reached the configured audience only; the global one every audience.
		expect(seen.a1b2c3.sort()).toEqual(['person1@example.com', 'person2@example.com']);
		expect(seen.zz1).toEqual(['person1@example.com']);
	});

	it('one audience that does not confirm fails the global event, naming the audience', async () => {
		const scope = nock(MC);
		mailchimpAudiences(scope, ['a1b2c3', 'b2c3d4']);
		confirmEach(scope, ['a1b2c3'], {});
		scope.post('/3.0/lists/b2c3d4').reply(200, '<!doctype html><html><body>Sign in</body></html>', { 'content-type': 'text/html' });
		const [result] = await run([event(1)]);
		expect(result.outcome).toBe('failed_retryable');
		expect(result.message).toMatch(/audience b2c3d4/);
	});

	it('audiences that cannot be read (HTML, 401, a short page, no total_items): failed with the reason, nothing sent', async () => {
		const answers: Array<[number, unknown, RegExp, string]> = [
			[200, '<!doctype html><html><body>Dashboard</body></html>', /malformed JSON/, 'failed_retryable'],
			[200, {}, /without lists and total_items/, 'failed_retryable'],
			[200, { lists: [{ id: 'a1b2c3' }] }, /without lists and total_items/, 'failed_retryable'],
			[200, { lists: [{ name: 'no id' }], total_items: 1 }, /audience without an ID/, 'failed_retryable'],
			[401, { title: 'API Key Invalid', status: 401, detail: 'Your API key may be invalid, or you have attempted to access the wrong datacenter.' }, /API key may be invalid/, 'failed_permanent'],
		];
		for (const [status, body, message, outcome] of answers) {
			nock(MC).get('/3.0/lists').query(true).reply(status, body as nock.Body);
			const [result] = await run([event(1)]);
			expect(result).toMatchObject({ outcome });
			expect(result.message).toMatch(/Could not read the Mailchimp audiences for a global opt-out/);
			expect(result.message).toMatch(message);
		}
		// total_items above what the pages list: an empty page before the end.
		mailchimpAudiences(nock(MC), ['a1b2c3'], 0, 3);
		mailchimpAudiences(nock(MC), [], 1000, 3);
		const [short] = await run([event(1)]);
		expect(short.outcome).toBe('failed_retryable');
		expect(short.message).toMatch(/reports 3 audiences but listed 1/);
		// A vendor that answers every offset with the same page: stops at the first page that adds nothing.
		const page = Array.from({ length: 1000 }, (_, i) => ({ id: `aud${i}` }));
		nock(MC).get('/3.0/lists').query(true).times(2).reply(200, { lists: page, total_items: 5000 });
		const [repeated] = await run([event(1)]);
		expect(repeated).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/reports 5000 audiences but listed 1000/) });
	});

	it('a 429 on GET /lists is retried as any call; an account without audiences has nobody to unsubscribe', async () => {
		nock(MC).get('/3.0/lists').query(true).reply(429, { title: 'Too Many Requests', status: 429 }, { 'retry-after': '2' });
		mailchimpAudiences(nock(MC), ['a1b2c3']);
		confirmEach(nock(MC), ['a1b2c3'], {});
		expect((await run([event(1)], 2))[0].outcome).toBe('propagated');
		mailchimpAudiences(nock(MC), []);
		const [none] = await run([event(1)]);
		expect(none).toMatchObject({ outcome: 'not_applicable', message: expect.stringMatching(/no audience/) });
	});

	it('list-scoped events and SMS-only events do not read the audiences', async () => {
		confirmEach(nock(MC), ['XyZ'], {});
		const results = await run([event(1, { scope: 'list', listId: 'XyZ' }), event(2, { channels: ['sms'], email: undefined, phone: '+14155550100' })]);
		expect(results.map((r) => r.outcome)).toEqual(['propagated', 'failed_permanent']);
	});
});
