// One redactor for everything that leaves Propagate Opt-Out (issue 14): every identifier of every
// event in the run, in any case and encoding, and every credential secret, masked in results,
// retry reasons and audit records; a property test echoes random ones in random forms.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import nock from 'nock';
import {
	auditRecord,
	createRedactor,
	propagateOptOuts,
	sendgridConnector,
	webhookConnector,
	type DestinationResult,
	type HttpClient,
	type IdentifierMode,
	type OptOutEvent,
} from '../../../lib/optout';
import { createNodeHttpClient } from '../../helpers/nodeHttpClient';
import { event, fakeRuntime } from './helpers';

const SG = 'https://api.sendgrid.com';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const form = (s: string) => new URLSearchParams({ v: s }).toString().slice(2);
const once = { maxAttempts: 1, budgetMs: 1000, baseDelayMs: 1, maxDelayMs: 1 };

/** Every text a caller sees: results (all fields) and audit records without their identifiers field. */
function visible(events: OptOutEvent[], results: DestinationResult[][], mode: IdentifierMode, redact = createRedactor({ events, mode })): string {
	const audits = events.flatMap((e, i) => results[i].map((r) => ({ ...auditRecord(e, r, mode, redact), identifiers: undefined })));
	const reasons = results.flatMap((rs) => rs.map((r) => `${r.destination}: ${r.outcome}${r.message ? ` (${r.message})` : ''}`));
	return JSON.stringify({ results, audits, reasons });
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('identifiers of the whole batch', () => {
	it("a vendor's 400 quoting one person's address (any case, URL-encoded) is masked in every event's result and audit", async () => {
		const events = [event(1, { email: 'ann.smith@example.com' }), event(2), event(3)];
		nock(SG)
			.post('/v3/asm/suppressions/global')
			.reply(400, { errors: [{ field: 'recipient_emails', message: 'ANN.SMITH@EXAMPLE.COM is invalid (ann.smith%40example.com, Ann.Smith@Example.com)' }] });
		const { results } = await propagateOptOuts(events, [{ connector: sendgridConnector(), client: createNodeHttpClient() }], { runtime: fakeRuntime(), retry: once });
		expect(results.map((r) => r[0].outcome)).toEqual(['failed_permanent', 'failed_permanent', 'failed_permanent']);
		for (const mode of ['masked', 'hashed'] as const) {
			const text = visible(events, results, mode);
			expect(text).not.toMatch(/ann\.smith|ann\.smith%40/i);
		}
		expect(results[2][0].message).toBe('SendGrid: HTTP 400: a***@e***.com is invalid (a***@e***.com, a***@e***.com)');
	});

	it('hashed mode also masks a vendor echo of the SHA-256 of an address, and never puts the raw address in place', () => {
		const events = [event(1, { email: 'ann.smith@example.com' })];
		const redact = createRedactor({ events, mode: 'hashed' });
		expect(redact(`unknown subscriber ${sha256('ann.smith@example.com')} / Ann.Smith@example.com`)).toBe('unknown subscriber [email] / [email]');
	});
});

describe('identifiers through the encodings a vendor echoes them in', () => {
	const jane = event(1, { email: 'Jane.Doe+news@Example.com', phone: undefined, customerId: '003XX000004TmiQQAS' });
	const bob = event(2, { email: 'bob.kowalski@example.org', phone: '+14155550177', customerId: '003XX000004TmiRRAS' });
	const echoes: Array<[string, string]> = [
		['URL-encoded', 'jane.doe%2Bnews%40example.com'],
		['+ decoded as a space', 'jane.doe news@example.com'],
		['partly URL-encoded', 'jane.doe+news%40example.com'],
		['HTML entity &#64;', 'jane.doe+news&#64;example.com'],
		['HTML entity &#x40;', 'jane.doe+news&#x40;example.com'],
		['HTML entity &commat;', 'jane.doe+news&commat;example.com'],
		['phone without country code', '4155550177'],
		['phone formatted', '+1 (415) 555-0177'],
		['phone dotted, national', '415.555.0177'],
	];
	it.each(echoes)('a vendor 400 echoing an identifier %s is masked in results, reasons and audit, masked and hashed', async (_, echo) => {
		nock(SG).post('/v3/asm/suppressions/global').reply(400, { errors: [{ field: 'recipient_emails', message: `not valid: ${echo}` }] });
		const events = [jane, bob];
		const { results } = await propagateOptOuts(events, [{ connector: sendgridConnector(), client: createNodeHttpClient() }], { runtime: fakeRuntime(), retry: once });
		for (const mode of ['masked', 'hashed'] as const) {
			const text = visible(events, results, mode);
			expect(text).not.toContain(echo);
			expect(text.replace(/\D/g, '')).not.toContain('4155550177');
			expect(text.toLowerCase()).not.toMatch(/jane\.doe|news(?:@|%40|&)/);
		}
	});

	it('keeps the text around a match as the vendor wrote it, and other numbers alone', () => {
		const redact = createRedactor({ events: [bob] });
		expect(redact('call +1 (415) 555-0177 or 415-555-0188; ref 100%25 done')).toBe('call +14*******77 or 415-555-0188; ref 100%25 done');
		expect(redact('41555501770 is not it')).toBe('41555501770 is not it');
	});

	it('masks a number as dialled in its country, trunk prefix and all, and leaves its neighbours alone', () => {
		const redact = createRedactor({ events: [{ phone: '+442079460018' }, { phone: '+4915123456789' }, { phone: '+79123456789' }] });
		expect(redact('phone 020 7946 0018 / (020) 7946-0018 / 02079460018 unknown')).toBe('phone +44********18 / +44********18 / +44********18 unknown');
		expect(redact('Rufnummer 01512 3456789; 8 (912) 345-67-89')).not.toMatch(/3456789|345-67-89/);
		expect(redact('020 7946 0019 and 020 7946 00181 are other people')).toBe('020 7946 0019 and 020 7946 00181 are other people');
		// Raw identifiers (an item that made no event) the same way, when written internationally.
		expect(createRedactor({ identifiers: ['0044 20 7946 0018'] })('020 7946 0018')).not.toMatch(/7946/);
	});
});

describe('the redactor is the one place that shortens', () => {
	it('a long vendor message is cut after redaction, so no cut leaves part of an address', async () => {
		const events = [event(1, { email: 'bob.kowalski@example.org' })];
		for (let pad = 280; pad < 310; pad++) {
			nock(SG).post('/v3/asm/suppressions/global').reply(400, `${'x'.repeat(pad)} BOB.KOWALSKI@EXAMPLE.ORG rejected`, { 'content-type': 'text/plain' });
			const { results } = await propagateOptOuts(events, [{ connector: sendgridConnector(), client: createNodeHttpClient() }], { runtime: fakeRuntime(), retry: once });
			const message = results[0][0].message!;
			expect(message.toLowerCase()).not.toMatch(/bob\.k|kowalski/);
			expect(message).toContain('b***@e***.org');
		}
		const redact = createRedactor({ events, maxLength: 40 });
		const cut = redact(`${'y'.repeat(30)} bob.kowalski@example.org and more`);
		expect(cut).toBe(`${'y'.repeat(30)} b***@e***…`);
	});
});

describe('credential secrets', () => {
	it('a 401 body quoting "Bearer <key>" and the key in a URL never reaches results or audit', async () => {
		const key = 'SG.aBcDeFgHiJkLmNoP.qRsTuVwXyZ0123456789';
		const events = [event(1)];
		nock(SG)
			.post('/v3/asm/suppressions/global')
			.reply(401, { errors: [{ message: `Authorization: Bearer ${key} was rejected; see https://user:${key}@api.sendgrid.com/v3?api_key=${encodeURIComponent(key)}` }] });
		const redact = createRedactor({ events, secrets: [key] });
		const { results } = await propagateOptOuts(events, [{ connector: sendgridConnector(), client: createNodeHttpClient() }], { runtime: fakeRuntime(), retry: once, redact });
		const text = visible(events, results, 'masked', redact);
		expect(text).not.toContain(key);
		expect(text).not.toContain(encodeURIComponent(key));
		expect(text).not.toMatch(/aBcDeFgHiJk/i);
	});

	it('credential-shaped text is masked even when the node does not know the secret', () => {
		const redact = createRedactor();
		expect(redact('Authorization: Klaviyo-API-Key pk_0123456789abcdef')).toBe('Authorization: [redacted]');
		expect(redact('bad token: Bearer eyJhbGciOi.J9.x')).toBe('bad token: Bearer [redacted]');
		expect(redact('GET /v3?api_key=abc123def&x=1')).toBe('GET /v3?api_key=[redacted]&x=1');
		expect(redact('fetch https://admin:hunter22@crm.example/api failed')).toBe('fetch https://[redacted]@crm.example/api failed');
		expect(redact('Basic auth failed')).toBe('Basic auth failed');
		expect(redact('rejected apikey SK_LIVE_9FQ2ZXK7LM and API key 0f3c9a1e')).toBe('rejected apikey [redacted] and API key [redacted]');
		expect(redact('the api key is invalid')).toBe('the api key is invalid');
		// JSON quoted inside a JSON string: the quotes arrive backslash-escaped.
		expect(redact(String.raw`{"echo":"\"key\":\"sk_live_9fQ2Zx\", \"Authorization\":\"Bearer abcdef123\""}`)).toBe(
			String.raw`{"echo":"\"key\":\"[redacted]\", \"Authorization\":\"[redacted]\""}`,
		);
	});
});

// ---- property: random identifiers and secrets echoed in random forms never come out ----------

const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const chars = (alphabet: string, min: number, max: number) => fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));
const emailArb = fc
	.tuple(chars('abcdefghijklmnopqrstuvwxyz0123456789', 1, 1), chars('abcdefghijklmnopqrstuvwxyz0123456789._+-', 2, 14), chars('abcdefghijklmnopqrstuvwxyz0123456789', 2, 10), fc.constantFrom('com', 'org', 'co.uk', 'io', 'de'))
	.map(([a, local, domain, tld]) => `${a}${local}@${domain}.${tld}`);
const phoneArb = fc.tuple(chars('123456789', 1, 1), chars('0123456789', 9, 12)).map(([a, rest]) => `+${a}${rest}`);
const idArb = chars(alnum, 15, 15).map((s) => `003${s}`);
const secretArb = chars(`${alnum}_-`, 16, 40);

type Form = (value: string, rnd: number[]) => string;
const randomCase: Form = (v, rnd) => v.split('').map((c, i) => ((rnd[i % rnd.length] ?? 0) > 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
const IDENTIFIER_FORMS: Form[] = [
	(v) => v,
	(v) => v.toUpperCase(),
	randomCase,
	(v) => encodeURIComponent(v),
	(v, rnd) => randomCase(encodeURIComponent(v), rnd),
	(v) => form(v),
	(v) => encodeURIComponent(encodeURIComponent(v)),
	(v) => sha256(v.toLowerCase()),
	(v) => (v.startsWith('+') ? ` ${v.slice(1)}` : v), // a + read back as a space from a query string
	(v) => v.replace(/\+/g, ' '), // every + of an address read back as a space
	// Percent-encoding of a random subset of characters, hex in either case.
	(v, rnd) => v.split('').map((c, i) => ((rnd[i % rnd.length] ?? 0) > 0.6 ? `%${c.charCodeAt(0).toString(16).padStart(2, '0')}` : (rnd[i % rnd.length] ?? 0) > 0.3 ? encodeURIComponent(c).toUpperCase() : c)).join(''),
	(v, rnd) => v.replace('@', ['&#64;', '&#x40;', '&commat;', '&#X40'][Math.floor((rnd[0] ?? 0) * 4) % 4]),
	// A phone with separators anywhere, with or without its (one-digit, here) country code.
	(v, rnd) => {
		if (!/^\+\d+$/.test(v)) return v;
		const digits = (rnd[0] ?? 0) > 0.5 ? v.slice(2) : v.slice(1);
		const sep = [' ', '-', '.', '(', ')', ' (', ') ', ''];
		return `${digits.length === v.length - 1 ? '+' : ''}${digits.split('').map((d, i) => `${d}${sep[Math.floor((rnd[(i + 1) % rnd.length] ?? 0) * 8) % 8]}`).join('')}`.trim();
	},
];
/** A decoder written apart from the redactor's: percent (nested), numeric and named HTML entities. */
function decodeEchoes(text: string): string {
	let out = text;
	for (let k = 0; k < 3; k++) out = out.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
	return out
		.replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
		.replace(/&commat;/gi, '@');
}
const SECRET_FORMS: Form[] = [
	(v) => v,
	(v) => v.toUpperCase(),
	randomCase,
	(v) => encodeURIComponent(v),
	(v) => `Bearer ${v}`,
	(v) => `api_key=${v}`,
	(v) => `Authorization: Basic ${Buffer.from(`anystring:${v}`).toString('base64')}`,
	(v) => `https://svc:${v}@hooks.example/x`,
	(v) => `Klaviyo-API-Key ${v}`,
];

/** What must not come out: each identifier in every form echoed (its SHA-256 where the audit hashes). */
function forbidden(events: OptOutEvent[], secrets: string[], mode: IdentifierMode): string[] {
	const out: string[] = [];
	for (const e of events) {
		for (const v of [e.email, e.phone, e.customerId]) {
			if (!v) continue;
			const lower = v.toLowerCase();
			out.push(lower, encodeURIComponent(lower), form(lower));
			if (mode === 'hashed') out.push(sha256(lower));
			if (v.startsWith('+')) out.push(v.slice(1));
		}
	}
	for (const s of secrets) out.push(s.toLowerCase(), encodeURIComponent(s).toLowerCase(), Buffer.from(`anystring:${s}`).toString('base64').toLowerCase());
	return out;
}

describe('property: no identifier or secret of the run survives in any output', () => {
	it('holds for vendor 400/401 bodies and webhook per-event messages echoing random forms', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ email: emailArb, phone: phoneArb, customerId: idArb }), { minLength: 1, maxLength: 5 }),
				fc.array(secretArb, { minLength: 1, maxLength: 3 }),
				fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 8 }),
				fc.constantFrom(400, 401, 200),
				fc.constantFrom<IdentifierMode>('masked', 'hashed'),
				async (people, secrets, echoes, status, mode) => {
					const events: OptOutEvent[] = people.map((p, i) => ({ ...event(i), ...p, channels: ['email'] }));
					const fragments = echoes.map(([who, kind, how, rnd]) => {
						if (kind % 4 === 3) {
							const secret = secrets[who % secrets.length];
							return SECRET_FORMS[how % SECRET_FORMS.length](secret, rnd);
						}
						const person = events[who % events.length];
						const value = [person.email!, person.phone!, person.customerId!][kind % 3];
						return IDENTIFIER_FORMS[how % IDENTIFIER_FORMS.length](value, rnd);
					});
					const echo = `rejected: ${fragments.join(' | ')}`;
					const client: HttpClient = async (request) => {
						if (status === 200) {
							const sent = JSON.parse(request.body!) as { events: Array<{ eventId: string }> };
							return { status: 200, headers: {}, body: JSON.stringify({ results: sent.events.map((e) => ({ eventId: e.eventId, status: 'failed', message: echo })) }) };
						}
						return { status, headers: {}, body: JSON.stringify({ errors: [{ message: echo }] }) };
					};
					const connector = status === 200 ? webhookConnector({ url: 'https://hooks.example/optout', secret: secrets[0] }) : sendgridConnector();
					const redact = createRedactor({ events, secrets, mode });
					const { results } = await propagateOptOuts(events, [{ connector, client }], { runtime: fakeRuntime(), retry: once, redact });
					const text = visible(events, results, mode, redact).toLowerCase();
					for (const bad of forbidden(events, secrets, mode)) {
						if (text.includes(bad)) throw new Error(`"${bad}" survived in: ${text.slice(0, 400)}`);
					}
					// Through any encoding: the decoded text holds no address (nor its + read as a space),
					// and its digits, separators dropped, no phone with or without the country code.
					const decoded = decodeEchoes(text);
					const digitsOnly = decoded.replace(/[\s().\-+\\"]/g, '');
					for (const e of events) {
						for (const bad of [e.email!.toLowerCase(), e.email!.toLowerCase().replace(/\+/g, ' ')]) {
							if (decoded.includes(bad)) throw new Error(`"${bad}" survived (decoded) in: ${decoded.slice(0, 400)}`);
						}
						if (digitsOnly.includes(e.phone!.slice(2))) throw new Error(`phone ${e.phone} survived in: ${decoded.slice(0, 400)}`);
					}
				},
			),
			{ numRuns: 150 },
		);
	});
});
