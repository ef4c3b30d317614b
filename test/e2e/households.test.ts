// Households in real n8n: Resolve Identity tells two people who share an address, a landline and a
// family mailbox apart (two customer IDs, one household ID) from a namesake elsewhere (a third
// customer, a second household); Split Holdout by household keeps the pair in one arm; Apply
// Suppression with Max Per Household 1 sends one item per household.
import { manualStartWithItems, outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

const home = { address: '12 Lara Lane', city: 'Springfield', postcode: '62704', consent: 'opted_in' };
const records = [
	{ id: 'crm:1', source: 'crm', firstName: 'Chloe', lastName: 'Lara', email: 'lara.family@gmail.com', phone: '(217) 555-0143', dateOfBirth: '1984-05-02', ...home },
	{ id: 'web:7', source: 'web', firstName: 'CHLOE', lastName: 'LARA', email: 'chloe.lara@yahoo.com', phone: '217-555-0143', ...home },
	{ id: 'crm:2', source: 'crm', firstName: 'David', lastName: 'Lara', email: 'lara.family@gmail.com', phone: '(217) 555-0143', dateOfBirth: '1981-11-20', ...home },
	{ id: 'crm:3', source: 'crm', firstName: 'Maria', lastName: 'Lara', email: 'maria.lara@outlook.com', phone: '(312) 555-0178', address: '400 Oak Avenue', city: 'Shelbyville', postcode: '62565', consent: 'opted_in' },
];

function workflow(): WorkflowJson {
	const start = manualStartWithItems(records, 'Records');
	const node = (name: string, type: string, x: number, parameters: Record<string, unknown>) => ({ id: name, name, type: `${PACKAGE}.${type}`, typeVersion: 1, position: [x, 0], parameters });
	return {
		name: 'e2e: households',
		nodes: [
			...start.nodes,
			node('Resolve Identity', 'resolveIdentity', 440, { mode: 'probabilistic', options: { defaultRegion: 'US' } }),
			node('Split Holdout', 'splitHoldout', 660, { campaignSalt: 'household-e2e', controlPercent: 50, randomizeBy: 'household' }),
			node('Apply Suppression', 'applySuppression', 660, { channel: 'email', rules: { asOf: '2026-11-24T15:00:00Z', maxPerHousehold: 1 } }),
		],
		connections: {
			...start.connections,
			Records: { main: [[{ node: 'Resolve Identity', type: 'main', index: 0 }]] },
			'Resolve Identity': {
				main: [
					[
						{ node: 'Split Holdout', type: 'main', index: 0 },
						{ node: 'Apply Suppression', type: 'main', index: 0 },
					],
				],
			},
		},
	};
}

describe('Households in real n8n', () => {
	it('separates household members, keeps the household in one holdout arm and sends one item per household', async () => {
		const execution = await runWorkflow(workflow());
		const [out, golden, , households] = outputsOf(execution, 'Resolve Identity');
		const byId = new Map(out.map((i) => [i.json.id as string, i.json]));
		expect(new Set(out.map((i) => i.json.customerId)).size).toBe(3);
		expect(byId.get('web:7')!.customerId).toBe(byId.get('crm:1')!.customerId);
		expect(byId.get('crm:2')!.customerId).not.toBe(byId.get('crm:1')!.customerId);
		expect(new Set(out.map((i) => i.json.householdId)).size).toBe(2);
		expect(byId.get('crm:2')!.householdId).toBe(byId.get('crm:1')!.householdId);
		expect(byId.get('crm:3')!.householdId).not.toBe(byId.get('crm:1')!.householdId);
		expect(golden).toHaveLength(3);
		expect(households).toHaveLength(2);
		const lara = households.find((h) => h.json.householdId === byId.get('crm:1')!.householdId)!;
		expect(lara.json).toMatchObject({ size: 2, sharedIdentifiers: { emails: ['lara.family@gmail.com'], phones: ['+12175550143'] } });

		const [treatment, control] = outputsOf(execution, 'Split Holdout');
		expect(treatment.length + control.length).toBe(4);
		const armOf = new Map([...treatment, ...control].map((i) => [i.json.id as string, (i.json.holdout as { arm: string; randomizedOn: string }).arm]));
		expect(armOf.get('crm:2')).toBe(armOf.get('crm:1'));
		expect(armOf.get('web:7')).toBe(armOf.get('crm:1'));
		for (const item of [...treatment, ...control]) expect((item.json.holdout as { randomizedOn: string }).randomizedOn).toBe(item.json.householdId);

		const [eligible, suppressed] = outputsOf(execution, 'Apply Suppression');
		expect(eligible.map((i) => i.json.householdId).sort()).toEqual([byId.get('crm:1')!.householdId, byId.get('crm:3')!.householdId].sort());
		expect(suppressed).toHaveLength(2);
		for (const item of suppressed) expect(item.json.suppression).toMatchObject({ eligible: false, reasons: [{ code: 'household_cap' }] });
	});
});
