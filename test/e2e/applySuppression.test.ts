// Apply Suppression in real n8n with both inputs connected: an audience and a suppression list
// (plain and SHA-256 entries), out to Eligible and Suppressed with reasons.
import { sha256Hex } from '../../lib/records';
import { outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

const audience = Array.from({ length: 500 }, (_, i) => ({
	customerId: `c${i}`,
	email: i % 50 === 0 ? `Person.${i}+promo@Gmail.com` : `person.${i}@example.com`,
	consent: i % 25 === 0 ? 'unknown' : 'opted_in',
	country: i % 25 === 0 ? 'DE' : 'US',
	// c101 opted out after opting in; c125 has no status but a dated opt-in.
	...(i === 101 ? { optedInAt: '2026-01-05', optedOutAt: '2026-10-01T08:00:00Z' } : {}),
	...(i === 125 ? { optedInAt: '2026-03-01' } : {}),
}));
const list = [
	...Array.from({ length: 10 }, (_, k) => ({ email: `person${k * 50}@gmail.com`, reason: 'unsubscribed' })),
	{ sha256: sha256Hex('person.7@example.com'), scope: 'email' },
	{ email: 'person.8@example.com', scope: 'sms' },
];

function workflow(): WorkflowJson {
	const code = (name: string, items: object[], y: number) => ({
		id: name,
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, y],
		parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
	});
	return {
		name: 'e2e: apply suppression',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 100], parameters: {} },
			code('Audience', audience, 0),
			code('Suppression List', list, 200),
			{
				id: 'suppress',
				name: 'Apply Suppression',
				type: `${PACKAGE}.applySuppression`,
				typeVersion: 1,
				position: [440, 100],
				parameters: { channel: 'email', rules: { asOf: '2026-11-24T12:00:00Z', optInCountries: 'DE' }, options: { summaryOutput: true } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Audience', type: 'main', index: 0 }, { node: 'Suppression List', type: 'main', index: 0 }]] },
			Audience: { main: [[{ node: 'Apply Suppression', type: 'main', index: 0 }]] },
			'Suppression List': { main: [[{ node: 'Apply Suppression', type: 'main', index: 1 }]] },
		},
	};
}

describe('Apply Suppression in real n8n', () => {
	it('holds back list matches and missing opt-ins, with reasons, and loses nobody', async () => {
		const [eligible, suppressed, summary] = outputsOf(await runWorkflow(workflow()), 'Apply Suppression');
		expect(eligible.length + suppressed.length).toBe(500);
		// 10 gmail variants on the list (i = 0, 50, ... 450), person.7 by hash, 20 unknown-consent
		// Germans (i % 25 === 0) of whom the 10 at multiples of 50 are already counted and c125 has a
		// dated opt-in, and c101, who opted out after opting in.
		expect(suppressed.length).toBe(10 + 1 + 9 + 1);
		const reasonsOf = (id: string) =>
			(suppressed.find((i) => i.json.customerId === id)!.json.suppression as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code).sort();
		expect(reasonsOf('c0')).toEqual(['no_opt_in', 'suppression_list']);
		expect(reasonsOf('c7')).toEqual(['suppression_list']);
		expect(reasonsOf('c25')).toEqual(['no_opt_in']);
		expect(reasonsOf('c101')).toEqual(['opted_out']);
		expect(eligible.some((i) => i.json.customerId === 'c125')).toBe(true);
		expect(eligible.some((i) => i.json.customerId === 'c8')).toBe(true); // its entry is SMS-only
		expect(summary[0].json).toMatchObject({ eligible: 479, suppressed: 21, suppression_list: 11, no_opt_in: 19, opted_out: 1 });
	});

	it('fails closed on the dates, scopes, consent words and malformed entries of issue 13', async () => {
		const people = [
			{ id: 'yyyymmdd', email: 'a@example.com', phone: '+14155550100', consent: 'opted_in', optedInAt: '2025-01-10T09:00:00Z', optedOutAt: '20250301' },
			{ id: 'expires', email: 'b@example.com', phone: '+14155550101', consent: 'opted_in' },
			{ id: 'expiresNumber', email: 'c@example.com', phone: '+14155550102', consent: 'opted_in' },
			{ id: 'all', email: 'd@example.com', phone: '+14155550103', consent: 'opted_in' },
			{ id: 'star', email: 'e@example.com', phone: '+14155550104', consent: 'opted_in' },
			{ id: 'arrayId', email: 'g@example.com', phone: '+14155550106', customerId: 'c7', consent: 'opted_in' },
			{ id: 'cleaned', email: 'h@example.com', phone: '+14155550107', consent: 'cleaned', country: 'US' },
			{ id: 'optedOut', email: 'i@example.com', phone: '+14155550108', consent: 'opted-out', country: 'US' },
			{ id: 'unsubscribe', email: 'j@example.com', phone: '+14155550109', consent: 'unsubscribe', country: 'US' },
			{ id: 'N', email: 'k@example.com', phone: '+14155550110', consent: 'N', country: 'US' },
			{ id: 'unknownWord', email: 'l@example.com', phone: '+14155550111', consent: 'abgemeldet', country: 'US' },
			{ id: 'unreadable', email: 'm@example.com', phone: '+14155550112', consent: 'opted_in', optedInAt: '2025-02-30' },
			{ id: 'idn', email: 'ånn@example.com', phone: '+14155550113', consent: 'opted_in' },
			{ id: 'badExpiry', email: 'p@example.com', phone: '+14155550114', consent: 'opted_in' },
			{ id: 'badHash', email: 'q@example.com', phone: '+14155550115', customerId: 'c15', consent: 'opted_in' },
			{ id: 'brand', email: 'n@example.com', phone: '+14155550116', consent: 'opted_in' },
			{ id: 'fine', email: 'o@example.com', phone: '+14155550117', consent: 'subscribed' },
		];
		const entries = [
			{ email: 'b@example.com', phone: '+14155550101', expiresAt: '20991231' },
			{ email: 'c@example.com', phone: '+14155550102', expiresAt: 20991231 },
			{ email: 'd@example.com', phone: '+14155550103', scope: 'all' },
			{ email: 'e@example.com', phone: '+14155550104', scope: '*' },
			{ email: ['g-old@example.com'], customerId: 'c7' },
			{ email: 'Ånn@example.com' },
			{ email: 'p@example.com', phone: '+14155550114', expiresAt: 'whenever' },
			{ sha256: 'not-a-digest', customerId: 'c15' },
			{ email: 'n@example.com', phone: '+14155550116', scope: 'brand-b' },
		];
		const base = workflow();
		const suppress = (name: string, channel: string, y: number) => ({
			id: name,
			name,
			type: `${PACKAGE}.applySuppression`,
			typeVersion: 1,
			position: [440, y],
			onError: 'continueRegularOutput',
			parameters: { channel, rules: { asOf: '2026-11-24T12:00:00Z', optInCountries: 'DE', optInChannels: [] } },
		});
		const flow: WorkflowJson = {
			...base,
			name: 'e2e: apply suppression fails closed',
			nodes: [
				base.nodes[0],
				{ ...base.nodes[1], parameters: { jsCode: `return ${JSON.stringify(people.map((json) => ({ json })))};` } },
				{ ...base.nodes[2], parameters: { jsCode: `return ${JSON.stringify(entries.map((json) => ({ json })))};` } },
				suppress('Email', 'email', 0),
				suppress('SMS', 'sms', 200),
			] as unknown as WorkflowJson['nodes'],
			connections: {
				Start: base.connections.Start,
				Audience: { main: [[{ node: 'Email', type: 'main', index: 0 }, { node: 'SMS', type: 'main', index: 0 }]] },
				'Suppression List': { main: [[{ node: 'Email', type: 'main', index: 1 }, { node: 'SMS', type: 'main', index: 1 }]] },
			},
		};
		const execution = await runWorkflow(flow);
		const decisions = (nodeName: string) => {
			const [eligible, suppressed] = outputsOf(execution, nodeName);
			const reasons = Object.fromEntries(
				suppressed.filter((i) => !i.json.error).map((i) => [i.json.id, (i.json.suppression as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code)]),
			);
			return { eligible: eligible.map((i) => i.json.id), reasons, errors: suppressed.filter((i) => i.json.error).length };
		};
		const expected = {
			yyyymmdd: ['opted_out'],
			expires: ['suppression_list'],
			expiresNumber: ['suppression_list'],
			all: ['suppression_list'],
			star: ['suppression_list'],
			arrayId: ['suppression_list'],
			cleaned: ['opted_out'],
			optedOut: ['opted_out'],
			unsubscribe: ['opted_out'],
			N: ['opted_out'],
			unknownWord: ['unknown_consent_value'],
			unreadable: ['unreadable_date'],
			badExpiry: ['suppression_list'],
			badHash: ['suppression_list'],
		};
		const email = decisions('Email');
		expect(email.eligible).toEqual(['brand', 'fine']);
		// On email the non-ASCII mailbox is not a usable address at all, whatever the list says.
		expect(email.reasons).toEqual({ ...expected, idn: ['suppression_list', 'invalid_identifier'] });
		expect(email.errors).toBe(3); // the non-ASCII address, the unreadable expiry, the bad hash
		const sms = decisions('SMS');
		expect(sms.eligible).toEqual(['brand', 'fine']);
		// On SMS the non-ASCII entry still matches the person's raw email text.
		expect(sms.reasons).toEqual({ ...expected, idn: ['suppression_list'] });
	});
});
