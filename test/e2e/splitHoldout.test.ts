// Real n8n 2.41.0 loads n8n-nodes-marketing-analytics.splitHoldout from the packed package and
// splits 10,000 customers; a second run gives the same arms.
import { manualStartWithItems, outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

const customers = Array.from({ length: 10000 }, (_, i) => ({ customerId: `cust-${i}`, email: `c${i}@example.com` }));

function workflow(): WorkflowJson {
	const start = manualStartWithItems(customers, 'Customers');
	return {
		name: 'e2e: split holdout',
		nodes: [
			...start.nodes,
			{
				id: 'split',
				name: 'Split Holdout',
				type: `${PACKAGE}.splitHoldout`,
				typeVersion: 1,
				position: [440, 0],
				parameters: { customerIdField: 'customerId', campaignSalt: 'e2e-spring', controlPercent: 10, options: {} },
			},
		],
		connections: { ...start.connections, Customers: { main: [[{ node: 'Split Holdout', type: 'main', index: 0 }]] } },
	};
}

function multiArmWorkflow(): WorkflowJson {
	const input = [...customers.slice(0, 3000), { customerId: '' }, { email: 'no-key@example.com' }];
	const start = manualStartWithItems(input, 'Customers');
	return {
		name: 'e2e: split holdout, multi-arm, global holdout, error output',
		nodes: [
			...start.nodes,
			{
				id: 'split',
				name: 'Split Holdout',
				type: `${PACKAGE}.splitHoldout`,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueErrorOutput',
				parameters: {
					customerIdField: 'customerId',
					campaignSalt: 'e2e-multi',
					mode: 'multiArm',
					arms: { arm: [{ name: 'control', weight: 20 }, { name: 'creative_a', weight: 40 }, { name: 'creative_b', weight: 40 }] },
					options: { globalHoldout: true, globalHoldoutPercent: 5, globalHoldoutSalt: 'all-campaigns' },
				},
			},
		],
		connections: { ...start.connections, Customers: { main: [[{ node: 'Split Holdout', type: 'main', index: 0 }]] } },
	};
}

function armsById(outputs: ReturnType<typeof outputsOf>): Map<string, string> {
	const arms = new Map<string, string>();
	for (const items of outputs) {
		for (const item of items) arms.set(String(item.json.customerId), String((item.json.holdout as { arm: string }).arm));
	}
	return arms;
}

describe('Split Holdout in real n8n', () => {
	it('splits 10,000 items deterministically across two runs', async () => {
		const first = outputsOf(await runWorkflow(workflow()), 'Split Holdout');
		const second = outputsOf(await runWorkflow(workflow()), 'Split Holdout');
		const [treatment, control] = first;
		expect(treatment.length + control.length).toBe(10000);
		expect(control.length).toBeGreaterThan(900);
		expect(control.length).toBeLessThan(1100);
		expect(control[0].json.holdout).toMatchObject({ arm: 'control', campaignSalt: 'e2e-spring', hashMode: 'md5' });
		expect((control[0].json.holdout as { srm: { pValue: number } }).srm.pValue).toBeGreaterThan(0.001);
		expect(control[0].pairedItem).toBeDefined();
		const a = armsById(first);
		const b = armsById(second);
		expect(a.size).toBe(10000);
		expect([...a].every(([id, arm]) => b.get(id) === arm)).toBe(true);
	});

	it('gives one output per arm, a global holdout output and routes bad items to the error output', async () => {
		const outputs = outputsOf(await runWorkflow(multiArmWorkflow()), 'Split Holdout');
		expect(outputs).toHaveLength(5); // control, creative_a, creative_b, Global Holdout, Error
		const [control, a, b, global, errors] = outputs;
		expect(control.length + a.length + b.length + global.length).toBe(3000);
		expect(a.every((item) => (item.json.holdout as { arm: string }).arm === 'creative_a')).toBe(true);
		expect(global.length).toBeGreaterThan(100);
		expect(global.every((item) => (item.json.holdout as { arm: string }).arm === 'global_holdout')).toBe(true);
		expect(errors).toHaveLength(2);
		expect(String(errors[0].json.error)).toMatch(/Item 3000: field "customerId" is an empty string/);
		expect(errors[1].json.email).toBe('no-key@example.com');
		expect(errors[1].json.details).toMatchObject({ itemIndex: 3001, field: 'customerId', received: 'missing' });
	});
});
