import fc from 'fast-check';
import { NodeOperationError } from 'n8n-workflow';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { executeNode } from '../helpers/executeNode';

const node = new SplitHoldout();
const customers = (n: number) => Array.from({ length: n }, (_, i) => ({ customerId: `cust-${i}`, segment: i % 3 === 0 ? 'gold' : 'other' }));

describe('Split Holdout node', () => {
	it('routes treatment and control, adds the assignment and keeps paired items', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 'spring-2026', controlPercent: 20 },
			inputs: [customers(1000)],
		});
		const [treatment, control] = outputs;
		expect(outputs).toHaveLength(2);
		expect(treatment.length + control.length).toBe(1000);
		expect(control.length).toBeGreaterThan(130);
		expect(control.length).toBeLessThan(270);
		for (const item of treatment) expect(item.json.holdout).toMatchObject({ arm: 'treatment', campaignSalt: 'spring-2026', hashMode: 'md5' });
		for (const item of control) expect((item.json.holdout as { arm: string }).arm).toBe('control');
		const paired = [...treatment, ...control].map((item) => (item.pairedItem as { item: number }).item).sort((a, b) => a - b);
		expect(paired).toEqual(Array.from({ length: 1000 }, (_, i) => i));
		expect(treatment[0].json.customerId).toBe(`cust-${(treatment[0].pairedItem as { item: number }).item}`);
	});

	it('with Output Fields = Only New, carries just the customer ID and the holdout field, same arms', async () => {
		const all = await executeNode(node, { parameters: { campaignSalt: 'lean', controlPercent: 20 }, inputs: [customers(300)] });
		const lean = await executeNode(node, { parameters: { campaignSalt: 'lean', controlPercent: 20, outputFields: 'onlyNew' }, inputs: [customers(300)] });
		expect(Object.keys(lean.outputs[0][0].json)).toEqual(['customerId', 'holdout']);
		expect(lean.outputs.map((o) => o.map((item) => item.json.holdout))).toEqual(all.outputs.map((o) => o.map((item) => item.json.holdout)));
		expect(lean.outputs[1][0].pairedItem).toEqual(all.outputs[1][0].pairedItem);
	});

	it('gives one output per arm in multi-arm mode', async () => {
		const { outputs } = await executeNode(node, {
			parameters: {
				campaignSalt: 'x',
				mode: 'multiArm',
				arms: { arm: [{ name: 'control', weight: 1 }, { name: 'creative_a', weight: 1 }, { name: 'creative_b', weight: 1 }] },
			},
			inputs: [customers(600)],
		});
		expect(outputs.map((o) => o.length).reduce((a, b) => a + b)).toBe(600);
		expect(outputs[1].every((item) => (item.json.holdout as { arm: string }).arm === 'creative_a')).toBe(true);
	});

	it('sends the global holdout to its own output', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 'x', options: { globalHoldout: true, globalHoldoutPercent: 10, globalHoldoutSalt: 'g' } },
			inputs: [customers(2000)],
		});
		expect(outputs).toHaveLength(3);
		expect(outputs[2].length).toBeGreaterThan(100);
		expect(outputs[2].every((item) => (item.json.holdout as { globalHoldout: boolean }).globalHoldout)).toBe(true);
	});

	it('throws a NodeOperationError naming the item and field for a missing key', async () => {
		const inputs = [[{ customerId: 'a' }, { customerId: '  ' }]];
		await expect(executeNode(node, { parameters: { campaignSalt: 'x' }, inputs })).rejects.toThrow(
			/Item 1: field "customerId" is an empty string/,
		);
		await expect(executeNode(node, { parameters: { campaignSalt: 'x' }, inputs })).rejects.toBeInstanceOf(NodeOperationError);
	});

	it('puts bad items on Control as error items with Continue On Fail, so they are never treated', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 'x', customerIdField: 'customer.id' },
			inputs: [[{ customer: { id: 7 } }, { customer: {} }, { customer: { id: { nested: true } } }, { other: 1 }]],
			continueOnFail: true,
		});
		const [treatment, control] = outputs;
		const errors = control.filter((item) => item.json.error);
		expect(errors).toHaveLength(3);
		expect(errors.map((item) => (item.json.details as { itemIndex: number }).itemIndex)).toEqual([1, 2, 3]);
		expect(errors[1].json.details).toMatchObject({ field: 'customer.id', received: 'an object' });
		expect(errors[0].json.customer).toEqual({});
		expect(treatment.length + control.length).toBe(4);
	});

	it('leaves only error and details on the item with "Continue (using error output)", for n8n to route', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { campaignSalt: 'x' },
			inputs: [[{ customerId: 'a' }, { name: 'no key' }]],
			onError: 'continueErrorOutput',
		});
		const errors = outputs.flat().filter((item) => item.json.error);
		expect(errors).toHaveLength(1);
		expect(Object.keys(errors[0].json).sort()).toEqual(['details', 'error']);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
	});

	it('does not read a key through __proto__', async () => {
		const item = JSON.parse('{"__proto__": {"id": "polluted"}}');
		await expect(
			executeNode(node, { parameters: { campaignSalt: 'x', customerIdField: '__proto__.id' }, inputs: [[item]] }),
		).rejects.toThrow(/missing/);
	});

	it('rejects a bad configuration with the parameter to check', async () => {
		await expect(executeNode(node, { parameters: { campaignSalt: '' }, inputs: [customers(3)] })).rejects.toThrow(/salt/);
	});

	it('warns with an execution hint on a sample-ratio mismatch', async () => {
		const { outputs } = await executeNode(node, { parameters: { campaignSalt: 'x', controlPercent: 50 }, inputs: [customers(4000)] });
		const treatedOnly = outputs[0].map((item) => ({ customerId: item.json.customerId }));
		const { hints } = await executeNode(node, { parameters: { campaignSalt: 'x', controlPercent: 50 }, inputs: [treatedOnly] });
		expect(hints[0].message).toMatch(/Sample-ratio mismatch/);
	});

	it('never loses or duplicates an item, whatever the input', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.oneof(fc.record({ customerId: fc.string() }), fc.record({ customerId: fc.integer() }), fc.record({ other: fc.boolean() })), {
					maxLength: 60,
				}),
				async (input) => {
					const { outputs } = await executeNode(node, { parameters: { campaignSalt: 'p' }, inputs: [input], continueOnFail: true });
					const seen = outputs.flat().map((item) => (item.pairedItem as { item: number }).item).sort((a, b) => a - b);
					return JSON.stringify(seen) === JSON.stringify(input.map((_, i) => i));
				},
			),
			{ numRuns: 100 },
		);
	});

	it('randomizes by household: everyone sharing a household ID lands in one arm', async () => {
		// 400 households of two or three people each.
		const people = Array.from({ length: 1000 }, (_, i) => ({ customerId: `cust-${i}`, householdId: `hh-${i % 400}` }));
		people.push({ customerId: 'alone' } as { customerId: string; householdId: string });
		const { outputs, hints } = await executeNode(node, { parameters: { campaignSalt: 'spring-2026', controlPercent: 30, randomizeBy: 'household' }, inputs: [people] });
		const armOf = new Map<string, Set<string>>();
		for (const item of [...outputs[0], ...outputs[1]]) {
			const household = String(item.json.householdId ?? item.json.customerId);
			const arms = armOf.get(household) ?? new Set<string>();
			arms.add((item.json.holdout as { arm: string }).arm);
			armOf.set(household, arms);
		}
		expect([...armOf.values()].every((arms) => arms.size === 1)).toBe(true);
		expect(new Set([...armOf.values()].map((arms) => [...arms][0]))).toEqual(new Set(['treatment', 'control']));
		expect(hints.map((h) => h.message).join(' ')).toMatch(/1 item\(s\) had no "householdId"/);
		// By customer (the default), households are split across arms.
		const byCustomer = await executeNode(node, { parameters: { campaignSalt: 'spring-2026', controlPercent: 30 }, inputs: [people] });
		const split = new Map<string, Set<string>>();
		for (const item of [...byCustomer.outputs[0], ...byCustomer.outputs[1]]) {
			const arms = split.get(String(item.json.householdId)) ?? new Set<string>();
			arms.add((item.json.holdout as { arm: string }).arm);
			split.set(String(item.json.householdId), arms);
		}
		expect([...split.values()].some((arms) => arms.size > 1)).toBe(true);
	});
	describe('Output Arms: One Output', () => {
		const armOf = (item: { json: Record<string, unknown> }) => (item.json.holdout as { arm: string }).arm;

		it('sends every item through one output in input order, with the same arms as separate outputs', async () => {
			const input = customers(3000);
			const one = await executeNode(node, { parameters: { campaignSalt: 'spring-2026', controlPercent: 20, outputArms: 'one' }, inputs: [input] });
			const separate = await executeNode(node, { parameters: { campaignSalt: 'spring-2026', controlPercent: 20 }, inputs: [input] });
			expect(one.outputs).toHaveLength(1);
			const [all] = one.outputs;
			expect(all.map((item) => (item.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
			expect(all.map((item) => item.json.customerId)).toEqual(input.map((c) => c.customerId));
			const expected = new Map([...separate.outputs[0], ...separate.outputs[1]].map((item) => [item.json.customerId, armOf(item)]));
			expect(all.every((item) => expected.get(item.json.customerId) === armOf(item))).toBe(true);
			expect(all.filter((item) => armOf(item) === 'control')).toHaveLength(separate.outputs[1].length);
			expect(one.hints.map((h) => h.message).join(' ')).toMatch(/3000 item\(s\) on one output: treatment \d+, control \d+/);
		});

		it('keeps multi-arm and global holdout assignments on the one output', async () => {
			const { outputs } = await executeNode(node, {
				parameters: {
					campaignSalt: 'x',
					mode: 'multiArm',
					outputArms: 'one',
					arms: { arm: [{ name: 'control', weight: 1 }, { name: 'creative_a', weight: 1 }, { name: 'creative_b', weight: 1 }] },
					options: { globalHoldout: true, globalHoldoutPercent: 10, globalHoldoutSalt: 'g' },
				},
				inputs: [customers(1500)],
			});
			expect(outputs).toHaveLength(1);
			expect(new Set(outputs[0].map(armOf))).toEqual(new Set(['control', 'creative_a', 'creative_b', 'global_holdout']));
		});

		it('with Continue On Fail, marks an unassignable item as control and not assigned, in its place', async () => {
			const { outputs } = await executeNode(node, {
				parameters: { campaignSalt: 'x', outputArms: 'one' },
				inputs: [[{ customerId: 'a' }, { name: 'no key' }, { customerId: 'b' }]],
				continueOnFail: true,
			});
			expect(outputs).toHaveLength(1);
			const [a, bad, b] = outputs[0];
			expect(a.json.customerId).toBe('a');
			expect(b.json.customerId).toBe('b');
			expect(bad.json).toMatchObject({ name: 'no key', holdout: { arm: 'control', assigned: false } });
			expect(String(bad.json.error)).toMatch(/Item 1: field "customerId"/);
		});

		it('with "Continue (using error output)", leaves only error and details on the item for n8n to route', async () => {
			const { outputs } = await executeNode(node, {
				parameters: { campaignSalt: 'x', outputArms: 'one' },
				inputs: [[{ customerId: 'a' }, { name: 'no key' }]],
				onError: 'continueErrorOutput',
			});
			const errors = outputs.flat().filter((item) => item.json.error);
			expect(errors).toHaveLength(1);
			expect(Object.keys(errors[0].json).sort()).toEqual(['details', 'error']);
		});

		it('keeps households together', async () => {
			const people = Array.from({ length: 600 }, (_, i) => ({ customerId: `cust-${i}`, householdId: `hh-${i % 250}` }));
			const { outputs } = await executeNode(node, {
				parameters: { campaignSalt: 'spring-2026', controlPercent: 30, randomizeBy: 'household', outputArms: 'one' },
				inputs: [people],
			});
			const arms = new Map<string, Set<string>>();
			for (const item of outputs[0]) arms.set(String(item.json.householdId), (arms.get(String(item.json.householdId)) ?? new Set()).add(armOf(item)));
			expect([...arms.values()].every((set) => set.size === 1)).toBe(true);
		});
	});
});
