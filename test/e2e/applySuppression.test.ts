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
});
