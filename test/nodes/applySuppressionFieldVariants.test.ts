// Apply Suppression never silently picks one of two spellings of a field (red-team
// bench/adversarial/suppression.ts): an item with both `consent` and `Consent` saying different
// things, a CSV whose header repeats a column under another case or with a BOM, is held back with a
// reason naming both fields; and a field mapping that was evaluated from a dragged expression stops.
import { FieldVariants, foldFieldName } from '../../lib/suppression';
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { executeNode } from '../helpers/executeNode';

const node = new ApplySuppression();
const rules = { asOf: '2026-11-24T15:00:00Z' };
const codes = (item: { json: Record<string, unknown> }) => (item.json.suppression as { reasons: Array<{ code: string; detail: string }> }).reasons.map((r) => r.code);

describe('Apply Suppression: one field under two spellings', () => {
	it('consent "subscribed" and Consent "unsubscribed": held back naming both fields, whichever is mapped', async () => {
		for (const consentField of ['consent', 'Consent']) {
			const { outputs } = await executeNode(node, {
				parameters: { rules, audienceFields: { consentField } },
				inputs: [[{ email: 'jane.doe@gmail.com', customerId: 'C-1001', consent: 'subscribed', Consent: 'unsubscribed', country: 'US' }], []],
			});
			expect(outputs[0]).toHaveLength(0);
			expect(codes(outputs[1][0])).toContain('conflicting_fields');
			const detail = (outputs[1][0].json.suppression as { reasons: Array<{ detail: string }> }).reasons.find((r) => /"consent"/.test(r.detail))!.detail;
			expect(detail).toMatch(/"Consent"/);
		}
	});

	it('the same reading under both spellings, or the other spelling empty, is no conflict', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { rules },
			inputs: [
				[
					{ email: 'a@example.com', consent: 'subscribed', Consent: 'Opted In', country: 'US' },
					{ email: 'b@example.com', consent: 'subscribed', CONSENT: '', country: 'US' },
					{ email: 'c@example.com', consent: 'subscribed', Email: 'C@Example.com ', country: 'US' },
					{ email: 'd@example.com', consent: 'subscribed', customerId: 1001, customer_id: '1001.0', country: 'US' },
					{ email: 'e@example.com', consent: 'subscribed', phone: '+1 415 555 0101', Phone: '(415) 555-0101', country: 'US' },
					{ email: 'f.g@gmail.com', consent: 'subscribed', 'E-mail': 'fg+news@gmail.com', country: 'US' },
				],
				[],
			],
		});
		expect(outputs[0]).toHaveLength(6);
	});

	it('a mapped value missing while another spelling has one (customer_id / Customer ID, bounced / Bounced) holds', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { rules },
			inputs: [
				[
					{ email: 'a@example.com', consent: 'yes', customerId: '', 'Customer ID': 'C-7', country: 'US' },
					{ email: 'b@example.com', consent: 'yes', bounced: false, Bounced: 'hard bounce', country: 'US' },
				],
				[{ customerId: 'C-9' }],
			],
		});
		expect(outputs[0]).toHaveLength(0);
		for (const item of outputs[1]) expect(codes(item)).toContain('conflicting_fields');
	});

	it('folds case, spaces, dashes, underscores, a BOM and zero-width characters in names', () => {
		expect(['\ufeffemail', 'E-Mail', 'e_mail', 'Email\u200b', ' EMAIL '].map(foldFieldName)).toEqual(Array(5).fill('email'));
		const finder = new FieldVariants({ email: 'email', consent: 'consent' });
		expect(finder.variants(['email', '\ufeffEmail', 'Consent', 'name'])).toEqual([
			{ name: 'email', field: 'email', variant: '\ufeffEmail' },
			{ name: 'consent', field: 'consent', variant: 'Consent' },
		]);
	});

	it('File mode: a CSV header with consent and Consent holds the row where they disagree', async () => {
		const csv = 'email,consent,Consent,country\njane.doe@gmail.com,subscribed,unsubscribed,US\nbob@example.com,subscribed,subscribed,US\n';
		const { outputs } = await executeNode(node, {
			parameters: { rules, inputSource: 'file' },
			inputs: [[{ json: {}, binary: { data: { data: Buffer.from(csv).toString('base64'), mimeType: 'text/csv', fileName: 'audience.csv' } } } as never], []],
		});
		expect(outputs[0].map((item) => item.json.email)).toEqual(['bob@example.com']);
		expect(codes(outputs[1][0])).toContain('conflicting_fields');
	});
});

describe('Apply Suppression: a field mapping evaluated from a dragged expression', () => {
	it('stops when the consent mapping is item 0\'s value of another field and no item has such a field', async () => {
		await expect(
			executeNode(node, {
				parameters: { rules, audienceFields: { consentField: 'unsubscribed' } },
				inputs: [[{ email: 'jane.doe@gmail.com', marketing_status: 'unsubscribed', country: 'US' }, { email: 'bob@example.com', marketing_status: 'subscribed', country: 'US' }], []],
				continueOnFail: true,
			}),
		).rejects.toThrow(/value of the first item's "marketing_status"/);
		// A default mapping that happens to be a value ("email" as a channel word) is not taken for a drag.
		const { outputs } = await executeNode(node, {
			parameters: { channel: 'sms', rules: { ...rules, optInChannels: [] } },
			inputs: [[{ phone: '+14155550101', preferred: 'email', consent: 'yes', country: 'US' }], []],
		});
		expect(outputs[0]).toHaveLength(1);
	});
});

describe('Apply Suppression File mode: a header the mapping does not name stops the node', () => {
	const file = (text: string, fileName: string) => ({ json: {}, binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'text/csv', fileName } } }) as never;

	it('a list file whose header has no mapped identifier column stops even with Continue On Fail', async () => {
		await expect(
			executeNode(node, {
				parameters: { rules, inputSource: 'file' },
				inputs: [[file('email,consent,country\njane.doe@gmail.com,yes,US\n', 'audience.csv')], [file('Email Address,Reason\njane.doe@gmail.com,unsubscribed\n', 'list.csv')]],
				continueOnFail: true,
			}),
		).rejects.toThrow(/No suppression list row has an identifier/);
	});

	it('an audience file with "Consent" where "consent" is mapped stops, naming the column', async () => {
		await expect(
			executeNode(node, {
				parameters: { rules, inputSource: 'file' },
				inputs: [[file('email,Consent,country\njane.doe@gmail.com,unsubscribed,US\n', 'audience.csv')], []],
				continueOnFail: true,
			}),
		).rejects.toThrow(/has no column "consent"; it has "Consent"/);
	});
});

describe('Apply Suppression households read as keys', () => {
	it('an opt-out reaches the household whether its ID is 1001 or "1001.0"; N/A is no household', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { rules: { ...rules, extendOptOutToHousehold: true } },
			inputs: [
				[
					{ email: 'dad@example.com', consent: 'unsubscribed', householdId: 1001, country: 'US' },
					{ email: 'mum@example.com', consent: 'yes', householdId: '1001.0', country: 'US' },
					{ email: 'x@example.com', consent: 'unsubscribed', householdId: 'N/A', country: 'US' },
					{ email: 'y@example.com', consent: 'yes', householdId: 'N/A', country: 'US' },
				],
				[],
			],
		});
		expect(outputs[0].map((item) => item.json.email)).toEqual(['y@example.com']);
	});
});
