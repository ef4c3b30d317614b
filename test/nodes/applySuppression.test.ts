import fc from 'fast-check';
import { sha256Hex } from '../../lib/records';
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { executeNode } from '../helpers/executeNode';

const node = new ApplySuppression();
const rules = { asOf: '2026-11-24T15:00:00Z', optInCountries: 'DE' };

const audience = [
	{ customerId: 'c1', email: 'jane@example.com', consent: 'opted_in' },
	{ customerId: 'c2', email: 'John.Doe+spring@GoogleMail.com', consent: 'opted_in' },
	{ customerId: 'c3', email: 'info@shop.example', consent: 'opted_in' },
	{ customerId: 'c4', email: 'max@example.de', country: 'DE' },
	{ customerId: 'c5', email: 'ann@example.com', consent: 'opted_in' },
	{ customerId: 'c6', email: 'not an email', consent: 'opted_in' },
];
const suppressionList = [
	{ email: 'johndoe@gmail.com', reason: 'unsubscribed', source: 'ESP' },
	{ sha256: sha256Hex('ann@example.com'), scope: 'email' },
	{ email: 'jane@example.com', scope: 'sms' },
];

describe('Apply Suppression node', () => {
	it('splits Eligible and Suppressed, with every reason on each held-back item', async () => {
		const { outputs, hints } = await executeNode(node, { parameters: { rules }, inputs: [audience, suppressionList] });
		const [eligible, suppressed] = outputs;
		expect(eligible.map((i) => i.json.customerId)).toEqual(['c1']);
		expect(suppressed.map((i) => i.json.customerId)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6']);
		const codes = (id: string) => (suppressed.find((i) => i.json.customerId === id)!.json.suppression as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code);
		expect(codes('c2')).toEqual(['suppression_list']);
		expect(codes('c3')).toEqual(['role_account']);
		expect(codes('c4')).toEqual(['no_opt_in']);
		expect(codes('c5')).toEqual(['suppression_list']);
		expect(codes('c6')).toEqual(['invalid_identifier']);
		expect(suppressed[0].pairedItem).toEqual({ item: 1 });
		expect(hints[0].message).toMatch(/^1 eligible, 5 suppressed \(.*suppression_list 2/);
	});

	it('adds a summary output on request', async () => {
		const { outputs } = await executeNode(node, { parameters: { rules, options: { summaryOutput: true } }, inputs: [audience, suppressionList] });
		expect(outputs).toHaveLength(3);
		expect(outputs[2][0].json).toMatchObject({ channel: 'email', eligible: 1, suppressed: 5, role_account: 1, listEntries: 3, unusableListEntries: 0 });
	});

	it('stops on an unusable suppression entry, naming it, or shows it as an error item with Continue On Fail', async () => {
		const badList = [...suppressionList, { email: 'broken@' }];
		await expect(executeNode(node, { parameters: { rules }, inputs: [audience, badList] })).rejects.toThrow(
			/Suppression list item 3: field "email" is unusable; expected an email address/,
		);
		const { outputs } = await executeNode(node, { parameters: { rules }, inputs: [audience, badList], continueOnFail: true });
		const errors = outputs[1].filter((i) => i.json.error);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 3, input: 1 });
		expect(outputs[0].length + outputs[1].length).toBe(audience.length + 1);
	});

	it('stops, even with Continue On Fail, when no list item has an identifier under the mapped fields (Mailchimp "Email Address")', async () => {
		const mailchimpExport = [{ 'Email Address': 'jane@example.com' }, { 'Email Address': 'ann@example.com' }];
		for (const continueOnFail of [false, true]) {
			await expect(executeNode(node, { parameters: { rules }, inputs: [audience, mailchimpExport], continueOnFail })).rejects.toThrow(
				/No suppression list item has an identifier under the mapped fields \("email", "phone", "customerId", "sha256"\)/,
			);
		}
		// One usable entry among unusable ones still runs (the others are error items with Continue On Fail).
		const { outputs } = await executeNode(node, { parameters: { rules }, inputs: [audience, [...mailchimpExport, { email: 'jane@example.com' }]], continueOnFail: true });
		expect(outputs[0].map((i) => i.json.customerId)).not.toContain('c1');
	});

	it('stops when a mapped audience field is on no item but the first item has it under another case', async () => {
		const people = [{ customerId: 'c1', email: 'jane@example.com', Consent: 'unsubscribed' }];
		await expect(executeNode(node, { parameters: { rules }, inputs: [people, []] })).rejects.toThrow(/No audience item has the field "consent"; the first item has "Consent"/);
		const { outputs } = await executeNode(node, { parameters: { rules, audienceFields: { consentField: 'Consent' } }, inputs: [people, []] });
		expect(outputs[0]).toHaveLength(0);
	});

	it('maps fields, including nested ones', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { rules, audienceFields: { emailField: 'contact.mail', consentField: 'contact.optIn' }, listFields: { emailField: 'address' } },
			inputs: [[{ contact: { mail: 'a@example.com', optIn: true } }, { contact: { mail: 'b@example.com', optIn: true } }], [{ address: 'B@EXAMPLE.COM' }]],
		});
		expect(outputs[0].map((i) => (i.json.contact as { mail: string }).mail)).toEqual(['a@example.com']);
	});

	it('reads consent timestamps and per-channel send history from mapped fields', async () => {
		const people = [
			{ id: 1, email: 'a@example.com', consent: 'opted_in', withdrawn: '2026-10-01T00:00:00Z' },
			{ id: 2, email: 'b@example.com', given: '2026-01-01', log: [{ channel: 'sms', at: '2026-11-23' }, { channel: 'sms', at: '2026-11-24' }] },
			{ id: 3, email: 'c@example.com', given: '2026-01-01', log: [{ channel: 'email', at: '2026-11-23' }, { channel: 'email', at: '2026-11-24' }] },
		];
		const { outputs } = await executeNode(node, {
			parameters: {
				rules: { ...rules, optInChannels: ['email'], frequencyCapMax: 2, frequencyCapDays: 7 },
				audienceFields: { optedOutAtField: 'withdrawn', optedInAtField: 'given', sendsField: 'log' },
			},
			inputs: [people, []],
		});
		expect(outputs[0].map((i) => i.json.id)).toEqual([2]);
		const codes = outputs[1].map((i) => (i.json.suppression as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code));
		expect(codes).toEqual([['opted_out'], ['frequency_cap']]);
	});

	it('with Continue On Fail, unusable list entries come out as errors and still hold back the people they name', async () => {
		const people = [
			{ id: 'idn', email: 'ånn@example.com', phone: '+14155550000', consent: 'opted_in' },
			{ id: 'expiry', email: 'bo@example.com', phone: '+14155550001', consent: 'opted_in' },
			{ id: 'hash', email: 'cy@example.com', phone: '+14155550002', customerId: 'c3', consent: 'opted_in' },
			{ id: 'clean', email: 'di@example.com', phone: '+14155550003', consent: 'opted_in' },
		];
		const list = [{ email: 'Ånn@example.com' }, { phone: '+14155550001', expiresAt: 'whenever' }, { sha256: 'zz', customerId: 'c3' }];
		const { outputs } = await executeNode(node, { parameters: { channel: 'sms', rules: { ...rules, optInChannels: [] } }, inputs: [people, list], continueOnFail: true });
		expect(outputs[0].map((i) => i.json.id)).toEqual(['clean']);
		const held = outputs[1].filter((i) => !i.json.error);
		expect(held.map((i) => [i.json.id, (i.json.suppression as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code)])).toEqual([
			['idn', ['suppression_list']],
			['expiry', ['suppression_list']],
			['hash', ['suppression_list']],
		]);
		expect(outputs[1].filter((i) => i.json.error).map((i) => i.pairedItem)).toEqual([
			{ item: 0, input: 1 },
			{ item: 1, input: 1 },
			{ item: 2, input: 1 },
		]);
	});

	it('reads YYYYMMDD opt-outs and expiries, global scopes, list arrays and ESP consent words', async () => {
		const people = [
			{ id: 'yyyymmdd', email: 'a@example.com', consent: 'opted_in', optedInAt: '2025-01-10T09:00:00Z', optedOutAt: '20250301' },
			{ id: 'expires', email: 'b@example.com', consent: 'opted_in' },
			{ id: 'expiresNumber', email: 'c@example.com', consent: 'opted_in' },
			{ id: 'all', email: 'd@example.com', consent: 'opted_in' },
			{ id: 'star', email: 'e@example.com', consent: 'opted_in' },
			{ id: 'array', email: 'f@example.com', customerId: 'other', consent: 'opted_in' },
			{ id: 'arrayId', email: 'g@example.com', customerId: 'c7', consent: 'opted_in' },
			{ id: 'cleaned', email: 'h@example.com', consent: 'cleaned', country: 'US' },
			{ id: 'optedOut', email: 'i@example.com', consent: 'opted-out', country: 'US' },
			{ id: 'unsubscribe', email: 'j@example.com', consent: 'unsubscribe', country: 'US' },
			{ id: 'N', email: 'k@example.com', consent: 'N', country: 'US' },
			{ id: 'unknownWord', email: 'l@example.com', consent: 'abgemeldet', country: 'US' },
			{ id: 'unreadable', email: 'm@example.com', consent: 'opted_in', optedInAt: '2025-02-30' },
			{ id: 'brand', email: 'n@example.com', consent: 'opted_in' },
			{ id: 'fine', email: 'o@example.com', consent: 'subscribed' },
		];
		const list = [
			{ email: 'b@example.com', expiresAt: '20991231' },
			{ email: 'c@example.com', expiresAt: 20991231 },
			{ email: 'd@example.com', scope: 'all' },
			{ email: 'e@example.com', scope: '*' },
			{ email: ['f@example.com'], customerId: 'c7' },
			{ email: 'n@example.com', scope: 'brand-b' },
		];
		const { outputs, hints } = await executeNode(node, { parameters: { rules }, inputs: [people, list] });
		expect(outputs[0].map((i) => i.json.id)).toEqual(['brand', 'fine']);
		const reasons = Object.fromEntries(outputs[1].map((i) => [i.json.id, (i.json.suppression as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code)]));
		expect(reasons).toEqual({
			yyyymmdd: ['opted_out'],
			expires: ['suppression_list'],
			expiresNumber: ['suppression_list'],
			all: ['suppression_list'],
			star: ['suppression_list'],
			array: ['suppression_list'],
			arrayId: ['suppression_list'],
			cleaned: ['opted_out'],
			optedOut: ['opted_out'],
			unsubscribe: ['opted_out'],
			N: ['opted_out'],
			unknownWord: ['unknown_consent_value'],
			unreadable: ['unreadable_date'],
		});
		expect((outputs[0][0].json.suppression as { warnings: string[] }).warnings).toEqual([expect.stringMatching(/scoped to "brand-b"/)]);
		expect(hints.map((h) => h.message)).toEqual(
			expect.arrayContaining([expect.stringMatching(/scoped to "brand-b".*not applied/), expect.stringMatching(/Consent values not recognised.*"abgemeldet"/)]),
		);
	});

	it('reads day/month consent dates under its Date Order option, and holds them back without one', async () => {
		const people = [{ email: 'a@example.com', consent: 'opted_in', optedInAt: '10/01/2025', optedOutAt: '01/03/2025' }];
		const run = async (dateOrder?: string) => {
			const { outputs } = await executeNode(node, { parameters: { rules: { ...rules, ...(dateOrder ? { dateOrder } : {}) } }, inputs: [people, []] });
			return outputs[1].map((i) => (i.json.suppression as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code))[0] ?? [];
		};
		expect(await run()).toEqual(['unreadable_date', 'unreadable_date', 'opted_out']);
		// Day-first: opted in 10 Jan 2025, out 1 Mar 2025. Month-first: out 3 Jan, in again 1 Oct.
		expect(await run('DMY')).toEqual(['opted_out']);
		expect(await run('MDY')).toEqual([]);
	});

	it('never loses or duplicates an audience item', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ email: fc.oneof(fc.emailAddress(), fc.string()), consent: fc.constantFrom('opted_in', 'unknown', 'no') }), { maxLength: 40 }),
				fc.array(fc.record({ email: fc.emailAddress() }), { maxLength: 20 }),
				async (people, entries) => {
					const { outputs } = await executeNode(node, { parameters: { rules }, inputs: [people, entries] });
					const seen = outputs.flat().map((i) => (i.pairedItem as { item: number }).item).sort((a, b) => a - b);
					const suppressedHaveReasons = outputs[1].every((i) => (i.json.suppression as { reasons: unknown[] }).reasons.length > 0);
					return suppressedHaveReasons && JSON.stringify(seen) === JSON.stringify(people.map((_, i) => i));
				},
			),
			{ numRuns: 60 },
		);
	});

	it('sends one item per household with Max Per Household 1, and extends an opt-out to the household on request', async () => {
		const households = [
			{ customerId: 'c1', householdId: 'hh1', email: 'chloe@example.com', consent: 'opted_in' },
			{ customerId: 'c2', householdId: 'hh1', email: 'david@example.com', consent: 'opted_in' },
			{ customerId: 'c3', householdId: 'hh2', email: 'maria@example.com', consent: 'opted_in' },
			{ customerId: 'c4', householdId: 'hh2', email: 'luis@example.com', consent: 'opted_out' },
		];
		const capped = await executeNode(node, { parameters: { channel: 'email', rules: { ...rules, maxPerHousehold: 1 } }, inputs: [households, []] });
		expect(capped.outputs[0].map((i) => i.json.customerId)).toEqual(['c1', 'c3']);
		expect(capped.outputs[1].find((i) => i.json.customerId === 'c2')!.json.suppression).toMatchObject({ eligible: false, reasons: [{ code: 'household_cap' }] });
		const extended = await executeNode(node, { parameters: { channel: 'email', rules: { ...rules, extendOptOutToHousehold: true } }, inputs: [households, []] });
		expect(extended.outputs[0].map((i) => i.json.customerId)).toEqual(['c1', 'c2']);
		expect(extended.outputs[1].find((i) => i.json.customerId === 'c3')!.json.suppression).toMatchObject({ reasons: [{ code: 'household_opt_out' }] });
	});
});
