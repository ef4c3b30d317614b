// Resolve Identity in real n8n: personaldata A (CRM) and B (ESP) records linked into one customer
// per person, then a second Resolve Identity fed the first one's identity map keeps every ID.
import fs from 'node:fs';
import path from 'node:path';
import { manualStartWithItems, outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

function read(part: 'A' | 'B'): Array<Record<string, string>> {
	const lines = fs.readFileSync(path.join(__dirname, `../fixtures/identity/personaldata1000${part}.csv`), 'utf8').trim().split(/\r?\n/);
	const header = lines[0].split(';');
	return lines.slice(1).map((line) => {
		const cells = line.split(';');
		const row = Object.fromEntries(header.map((h, k) => [h, cells[k] ?? '']));
		return { ...row, key: `${part}:${row.record_id}`, source: part === 'A' ? 'crm' : 'esp' };
	});
}

// 400 A records, every B record of those people, and 60 B records of people not in A.
const allA = read('A');
const a = allA.slice(0, 400);
const entitiesOfA = new Set(allA.map((r) => r.entity_id));
const entities = new Set(a.map((r) => r.entity_id));
const allB = read('B');
const b = [...allB.filter((r) => entities.has(r.entity_id)), ...allB.filter((r) => !entitiesOfA.has(r.entity_id)).slice(0, 60)];
const records = [...a, ...b];

const resolveNode = (name: string, x: number) => ({
	id: name,
	name,
	type: `${PACKAGE}.resolveIdentity`,
	typeVersion: 1,
	position: [x, 0],
	parameters: {
		mode: 'probabilistic',
		recordFields: {
			recordKeyField: 'key',
			emailField: 'email',
			phoneField: 'phone_number',
			firstNameField: 'first_name',
			lastNameField: 'last_name',
			dateOfBirthField: 'birthdate',
			addressField: 'street_address',
			cityField: 'city',
			postcodeField: 'postcode',
		},
		guardrails: { uniqueSources: 'crm, esp' },
		options: { defaultRegion: 'US' },
	},
});

function workflow(): WorkflowJson {
	const start = manualStartWithItems(records, 'Records');
	return {
		name: 'e2e: resolve identity',
		nodes: [...start.nodes, resolveNode('Resolve Identity', 440), resolveNode('Re-run', 660)],
		connections: {
			...start.connections,
			Records: { main: [[{ node: 'Resolve Identity', type: 'main', index: 0 }, { node: 'Re-run', type: 'main', index: 0 }]] },
			'Resolve Identity': { main: [[], [], [{ node: 'Re-run', type: 'main', index: 1 }]] },
		},
	};
}

describe('Resolve Identity in real n8n', () => {
	it('links personaldata A and B records of the same person and keeps every ID on a re-run', async () => {
		const execution = await runWorkflow(workflow());
		const [out, golden, map] = outputsOf(execution, 'Resolve Identity');
		expect(out).toHaveLength(records.length);
		expect(map).toHaveLength(records.length);
		const idOf = new Map(out.map((i) => [i.json.key as string, i.json.customerId as string]));
		// B records without an A match have an empty entity_id: each is its own person.
		const truthOf = new Map(records.map((r) => [r.key, r.entity_id || r.key]));
		// Pairwise precision and recall against entity_id.
		let tp = 0;
		let predicted = 0;
		let actual = 0;
		const keys = records.map((r) => r.key);
		for (let x = 0; x < keys.length; x++) {
			for (let y = x + 1; y < keys.length; y++) {
				const p = idOf.get(keys[x]) === idOf.get(keys[y]);
				const t = truthOf.get(keys[x]) === truthOf.get(keys[y]);
				if (p) predicted++;
				if (t) actual++;
				if (p && t) tp++;
			}
		}
		expect(actual).toBeGreaterThan(300);
		expect(tp / predicted).toBeGreaterThan(0.97);
		expect(tp / actual).toBeGreaterThan(0.95);
		// Every linked B record says why.
		const linked = out.filter((i) => i.json.source === 'esp' && (i.json.identity as { explanation: { type: string } }).explanation.type !== 'none');
		expect(linked.length).toBeGreaterThan(300);
		expect(golden.length).toBe(new Set(idOf.values()).size);

		const [again] = outputsOf(execution, 'Re-run');
		expect(again).toHaveLength(records.length);
		for (const item of again) expect(item.json.customerId).toBe(idOf.get(item.json.key as string));
	});

	it('Outputs = Records + Identity Map, Only New, Compact explanations: the other outputs empty, the same customers, paired items that a Code step follows back to the input', async () => {
		const start = manualStartWithItems(records, 'Records');
		const full = resolveNode('Resolve Identity', 440);
		const lean = { ...resolveNode('Lean', 440), position: [440, 300] };
		lean.parameters = { ...lean.parameters, fillOutputs: ['records', 'map'], outputFields: 'onlyNew', options: { ...lean.parameters.options, explanations: 'compact' } } as typeof lean.parameters;
		const joined = {
			id: 'joined',
			name: 'Joined',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [660, 300],
			parameters: { mode: 'runOnceForEachItem', jsCode: "return { json: { key: $json.key, inputKey: $('Records').item.json.key, email: $('Records').item.json.email } };" },
		};
		const execution = await runWorkflow({
			name: 'e2e: resolve identity, lean outputs',
			nodes: [...start.nodes, full, lean, joined],
			connections: {
				...start.connections,
				Records: { main: [[{ node: 'Resolve Identity', type: 'main', index: 0 }, { node: 'Lean', type: 'main', index: 0 }]] },
				Lean: { main: [[{ node: 'Joined', type: 'main', index: 0 }]] },
			},
		});
		const [out] = outputsOf(execution, 'Resolve Identity');
		const [records2, golden, map, households] = outputsOf(execution, 'Lean');
		expect(golden).toEqual([]);
		expect(households).toEqual([]);
		expect(map).toHaveLength(records.length);
		const idOf = new Map(out.map((i) => [i.json.key as string, i.json.customerId as string]));
		expect(records2).toHaveLength(records.length);
		for (const item of records2) {
			expect(Object.keys(item.json).sort()).toEqual(['customerId', 'householdId', 'identity', 'key']);
			expect(item.json.customerId).toBe(idOf.get(item.json.key as string));
			expect(item.json.identity).toMatch(/^(rule \S+, linked to |probabilistic 0\.\d+, linked to |not linked: )/);
		}
		const emailOf = new Map(records.map((r) => [r.key, r.email]));
		const back = outputsOf(execution, 'Joined')[0];
		expect(back).toHaveLength(records.length);
		for (const item of back) {
			expect(item.json.inputKey).toBe(item.json.key);
			expect(item.json.email).toBe(emailOf.get(item.json.key as string));
		}
	});
});
