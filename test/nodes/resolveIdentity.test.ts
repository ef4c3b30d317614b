import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { executeNode } from '../helpers/executeNode';

const node = new ResolveIdentity();

const records = [
	{ id: 'crm:1', source: 'crm', email: 'Jane.Doe@gmail.com', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1985-03-02', phone: '+1 415 555 0101', updatedAt: '2025-01-01' },
	{ id: 'esp:9', source: 'esp', email: 'janedoe+news@gmail.com', firstName: 'jane', lastName: 'doe', updatedAt: '2025-05-01' },
	{ id: 'web:3', source: 'web', email: 'j.doe@work.example.org', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '02/03/1985', updatedAt: '2024-01-01' },
	{ id: 'crm:2', source: 'crm', email: 'bob.smith@yahoo.com', firstName: 'Robert', lastName: 'Smith', dateOfBirth: '1970-11-30', updatedAt: '2025-02-01' },
	{ id: 'ord:7', source: 'orders', email: 'bob.smith-shop@yahoo.com', firstName: 'Bob', lastName: 'Smith', phone: '(415) 555-0199' },
	{ id: 'crm:4', source: 'crm', email: 'info@acme.io', firstName: 'Carla', lastName: 'Mendes' },
	{ id: 'esp:5', source: 'esp', email: 'info@acme.io', firstName: 'Dev', lastName: 'Patel' },
	{ id: 'web:8', source: 'web' },
];

const params = { options: { defaultRegion: 'US' } };

describe('Resolve Identity node', () => {
	it('reads a Suffix column (Salesforce): a Jr. and a Sr. on one landline and address stay two people, also under a mapped field', async () => {
		const fir = { address: '8 Fir Ln', city: 'Portland', state: 'OR', postcode: '97201', country: 'US' };
		const baker = [
			{ id: 'sf:l1', source: 'crm', firstName: 'Paul', lastName: 'Baker', suffix: 'Sr.', nameSuffix: 'Sr.', email: 'pbaker1956@comcast.net', phone: '+1 503 555 0120', ...fir },
			{ id: 'sf:l2', source: 'crm', firstName: 'Paul', lastName: 'Baker', suffix: 'Jr.', nameSuffix: 'Jr.', email: 'paulbaker.pdx@gmail.com', phone: '+1 503 555 0120', ...fir },
		];
		for (const parameters of [params, { ...params, recordFields: { suffixField: 'nameSuffix' } }]) {
			const { outputs } = await executeNode(node, { parameters, inputs: [baker] });
			expect(outputs[0][0].json.customerId).not.toBe(outputs[0][1].json.customerId);
		}
	});

	it('links one person across sources, explains each link and emits golden profiles and the identity map', async () => {
		const { outputs, hints } = await executeNode(node, { parameters: params, inputs: [records] });
		const [out, golden, map] = outputs;
		expect(out).toHaveLength(records.length);
		const id = (key: string) => out.find((i) => i.json.id === key)!.json.customerId as string;
		expect(id('esp:9')).toBe(id('crm:1'));
		expect(id('web:3')).toBe(id('crm:1'));
		expect(id('ord:7')).toBe(id('crm:2'));
		expect(id('crm:2')).not.toBe(id('crm:1'));
		// Role mailboxes never link two different people.
		expect(id('crm:4')).not.toBe(id('esp:5'));
		expect(new Set(out.map((i) => i.json.customerId)).size).toBe(5);
		const esp9 = out.find((i) => i.json.id === 'esp:9')!.json.identity as { explanation: { type: string; rule?: string } };
		expect(esp9.explanation).toMatchObject({ type: 'rule', rule: 'email', linkedTo: 'crm:1' });
		const web3 = out.find((i) => i.json.id === 'web:3')!.json.identity as { explanation: { type: string; comparisons?: unknown[] } };
		expect(web3.explanation.type).toBe('rule');
		const empty = out.find((i) => i.json.id === 'web:8')!.json.identity as { flags: Array<{ reason: string }> };
		expect(empty.flags).toContainEqual({ field: '*', reason: 'no usable identifier' });
		expect(out[0].pairedItem).toEqual({ item: 0 });

		const jane = golden.find((g) => g.json.customerId === id('crm:1'))!;
		expect(jane.json).toMatchObject({ records: 3, email: 'janedoe+news@gmail.com', firstName: 'jane', sources: ['crm', 'esp', 'web'] });
		expect(jane.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(map.map((m) => m.json.recordKey)).toEqual(records.map((r) => r.id));
		expect(hints[0].message).toMatch(/^8 records -> 5 customers/);
	});

	it('Output Fields = Only New: a Records item holds the record key and the new fields, with the same customer IDs', async () => {
		const all = await executeNode(node, { parameters: params, inputs: [records] });
		const lean = await executeNode(node, { parameters: { ...params, outputFields: 'onlyNew' }, inputs: [records] });
		expect(lean.outputs[0]).toHaveLength(records.length);
		lean.outputs[0].forEach((item, k) => {
			expect(Object.keys(item.json).sort()).toEqual(['customerId', 'householdId', 'id', 'identity']);
			expect(item.json.customerId).toBe(all.outputs[0][k].json.customerId);
			expect(item.pairedItem).toEqual(all.outputs[0][k].pairedItem);
		});
		expect(lean.outputs[1]).toEqual(all.outputs[1]);
	});

	it('keeps every customer ID when re-run with the previous identity map', async () => {
		const first = await executeNode(node, { parameters: params, inputs: [records] });
		const previous = first.outputs[2].map((i) => i.json);
		const second = await executeNode(node, { parameters: params, inputs: [[...records].reverse(), previous] });
		const before = new Map(first.outputs[0].map((i) => [i.json.id, i.json.customerId]));
		for (const item of second.outputs[0]) expect(item.json.customerId).toBe(before.get(item.json.id));
		expect(second.outputs[2].every((i) => i.json.previousCustomerId === undefined)).toBe(true);
	});

	it('names both sides of a split on the golden profiles when a record stops linking', async () => {
		const first = await executeNode(node, { parameters: params, inputs: [records] });
		const jane = first.outputs[0].find((i) => i.json.id === 'crm:1')!.json.customerId as string;
		const changed = records.map((r) => (r.id === 'web:3' ? { id: 'web:3', source: 'web', email: 'z.quux@elsewhere.example.org', firstName: 'Zed', lastName: 'Quux' } : r));
		const second = await executeNode(node, { parameters: params, inputs: [changed, first.outputs[2].map((i) => i.json)] });
		const web3 = second.outputs[0].find((i) => i.json.id === 'web:3')!.json.customerId as string;
		expect(web3).not.toBe(jane);
		expect(second.outputs[0].find((i) => i.json.id === 'crm:1')!.json.customerId).toBe(jane);
		const profile = (id: string) => second.outputs[1].find((g) => g.json.customerId === id)!.json;
		expect(profile(jane).splitIntoCustomerIds).toEqual([web3]);
		expect(profile(web3).splitFromCustomerId).toBe(jane);
		expect(second.outputs[2].find((i) => i.json.recordKey === 'web:3')!.json.previousCustomerId).toBe(jane);
	});

	it('links none of 50 different people who share a placeholder email', async () => {
		const people = Array.from({ length: 50 }, (_, k) => ({ id: `r${k}`, email: 'noemail@noemail.com', firstName: `Person${String.fromCharCode(65 + (k % 26))}${k}`, lastName: `Family${k * 7919}` }));
		const { outputs } = await executeNode(node, { parameters: params, inputs: [people] });
		expect(new Set(outputs[0].map((i) => i.json.customerId)).size).toBe(50);
	});

	it('stops on a missing record key, or emits an error item with Continue On Fail', async () => {
		const bad = [...records, { source: 'crm', email: 'x@y.io' }];
		await expect(executeNode(node, { parameters: params, inputs: [bad] })).rejects.toThrow('Item 8: field "id" is missing');
		const { outputs } = await executeNode(node, { parameters: params, inputs: [bad], continueOnFail: true });
		expect(outputs[0]).toHaveLength(9);
		expect(outputs[0][8].json).toMatchObject({ error: expect.stringContaining('"id"'), details: { itemIndex: 8, field: 'id' } });
		expect(outputs[2]).toHaveLength(8);
	});

	it('names duplicate record keys', async () => {
		const dup = [...records, { ...records[3] }, { ...records[0] }];
		await expect(executeNode(node, { parameters: params, inputs: [dup] })).rejects.toThrow('Duplicate record keys in field "id": crm:2, crm:1');
	});

	it('honours deterministic mode, custom rules, blocked values and one record per source', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { ...params, mode: 'deterministic', rules: 'email', guardrails: { blockedValues: 'bob.smith@yahoo.com', uniqueSources: 'crm' } },
			inputs: [records],
		});
		const ids = new Map(outputs[0].map((i) => [i.json.id, i.json.customerId]));
		expect(ids.get('esp:9')).toBe(ids.get('crm:1'));
		expect(ids.get('web:3')).not.toBe(ids.get('crm:1'));
		expect(ids.get('ord:7')).not.toBe(ids.get('crm:2'));
	});

	it('refuses a rule naming an identifier the records do not have, instead of linking nobody', async () => {
		const run = (rules: string) => executeNode(node, { parameters: { ...params, mode: 'deterministic', rules }, inputs: [records] });
		await expect(run('email, first+last+dob, emial')).rejects.toThrow('Identifier rule "emial" uses "emial", which is not an identifier');
		await expect(run('id:crmId')).rejects.toThrow(/extra identifiers are id:<field>/);
		await expect(run('email, first+last+dob')).resolves.toBeDefined();
	});

	it('gives each record and profile a household ID and emits one Households item per household, persisted across runs', async () => {
		const home = { address: '12 Lara Lane', city: 'Springfield', postcode: '62704' };
		const family = [
			{ id: 'crm:1', source: 'crm', firstName: 'Chloe', lastName: 'Lara', email: 'lara.family@gmail.com', phone: '(217) 555-0143', ...home },
			{ id: 'crm:2', source: 'crm', firstName: 'David', lastName: 'Lara', email: 'lara.family@gmail.com', phone: '(217) 555-0143', ...home },
			{ id: 'crm:3', source: 'crm', firstName: 'Maria', lastName: 'Lara', email: 'maria.lara@yahoo.com', address: '400 Oak Avenue', city: 'Shelbyville', postcode: '62565' },
		];
		const { outputs } = await executeNode(node, { parameters: params, inputs: [family] });
		const [out, golden, map, households] = outputs;
		expect(new Set(out.map((i) => i.json.customerId)).size).toBe(3);
		expect(new Set(out.map((i) => i.json.householdId)).size).toBe(2);
		expect(out[0].json.householdId).toBe(out[1].json.householdId);
		expect(golden.every((g) => typeof g.json.householdId === 'string')).toBe(true);
		expect(households).toHaveLength(2);
		const lara = households.find((h) => h.json.householdId === out[0].json.householdId)!;
		expect(lara.json).toMatchObject({ size: 2, address: { street: home.address, postcode: home.postcode }, sharedIdentifiers: { emails: ['lara.family@gmail.com'], phones: ['+12175550143'] } });
		expect(lara.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		const again = await executeNode(node, { parameters: { ...params, options: { ...params.options, idPrefix: 'x_' } }, inputs: [family, map.map((i) => i.json)] });
		expect(again.outputs[0].map((i) => i.json.householdId)).toEqual(out.map((i) => i.json.householdId));
		const off = await executeNode(node, { parameters: { ...params, households: 'off' }, inputs: [family] });
		expect(off.outputs[3]).toEqual([]);
		expect(off.outputs[0].every((i) => i.json.householdId === undefined)).toBe(true);
	});

	it('reads the extra-identifier prefix as the editor writes it (ID:) or as lib/identity does (id:)', async () => {
		const withCrmIds = records.map((r, i) => ({ ...r, crmId: i === 1 || i === 5 ? 'C-1' : `C-${i + 10}` }));
		const run = async (rules: string) => {
			const { outputs } = await executeNode(node, {
				parameters: { ...params, mode: 'deterministic', rules, recordFields: { extraIdFields: 'crmId' } },
				inputs: [withCrmIds],
			});
			return outputs[0].map((item) => item.json.customerId);
		};
		const editorStyle = await run('ID:crmId, email');
		expect(editorStyle).toEqual(await run('id:crmId, email'));
		// esp:9 and crm:4 share only the CRM ID: linked through the ID: rule.
		expect(editorStyle[1]).toBe(editorStyle[5]);
	});
});
