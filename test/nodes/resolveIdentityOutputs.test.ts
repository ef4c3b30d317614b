// Resolve Identity's Outputs and Explanations options: what a large Items-mode run leaves out to
// stay light (empty outputs, no or compact explanations) gives the same customers, households and
// paired items as the full run.
import fs from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { explanationValue } from '../../nodes/ResolveIdentity/results';
import { executeNode } from '../helpers/executeNode';
import { identityRecords } from '../helpers/identityRecords';

jest.setTimeout(120_000);

const node = new ResolveIdentity();

/** personaldata A (CRM) and B (ESP) records: many probabilistic links, with their comparisons. */
function personalData(): IDataObject[] {
	const read = (part: 'A' | 'B'): Array<Record<string, string>> => {
		const lines = fs.readFileSync(path.join(__dirname, `../fixtures/identity/personaldata1000${part}.csv`), 'utf8').trim().split(/\r?\n/);
		const header = lines[0].split(';');
		return lines.slice(1).map((line) => {
			const cells = line.split(';');
			const row: Record<string, string> = Object.fromEntries(header.map((h, k) => [h, cells[k] ?? '']));
			return { ...row, key: `${part}:${row.record_id}`, source: part === 'A' ? 'crm' : 'esp' };
		});
	};
	// 300 A records and the B records of those people.
	const a = read('A').slice(0, 300);
	const people = new Set(a.map((r) => r.entity_id));
	return [...a, ...read('B').filter((r) => people.has(r.entity_id))];
}
const personalParameters = {
	mode: 'probabilistic',
	// A strict rule, so that most links are probabilistic.
	rules: 'email+phone+dob',
	recordFields: {
		recordKeyField: 'key', emailField: 'email', phoneField: 'phone_number', firstNameField: 'first_name', lastNameField: 'last_name',
		dateOfBirthField: 'birthdate', addressField: 'street_address', cityField: 'city', postcodeField: 'postcode',
	},
	options: { defaultRegion: 'US' },
};

const parameters = { options: { defaultRegion: 'US' } };
const records = identityRecords(120);
/** The run's time, which names when an ID was first seen, aside. */
const stable = (output: INodeExecutionData[]) =>
	output.map((item) => ({ json: JSON.parse(JSON.stringify(item.json).replace(/"(firstSeen|householdFirstSeen)":"[^"]*"/g, '"$1":"run"')), pairedItem: item.pairedItem }));

describe('Resolve Identity: Outputs', () => {
	it('fills all four outputs by default; any other choice leaves the others empty and the chosen ones as in the full run', async () => {
		const all = (await executeNode(node, { parameters, inputs: [records] })).outputs;
		expect(all.map((output) => output.length > 0)).toEqual([true, true, true, true]);
		const choices: Array<Array<'records' | 'profiles' | 'map' | 'households'>> = [['records'], ['profiles'], ['map', 'households'], ['records', 'profiles', 'map', 'households']];
		for (const fillOutputs of choices) {
			const { outputs, hints } = await executeNode(node, { parameters: { ...parameters, fillOutputs }, inputs: [records] });
			expect(outputs).toHaveLength(4);
			['records', 'profiles', 'map', 'households'].forEach((name, o) => {
				// Paired items too: a profile pairs with its records' items whether or not Records is filled.
				expect(stable(outputs[o])).toEqual(fillOutputs.includes(name as never) ? stable(all[o]) : []);
			});
			expect(hints[0].message).toMatch(/^\d+ records -> \d+ customers/);
		}
	});

	it('with Continue On Fail, records that cannot be resolved still come out on Records, in place, when Records is not filled', async () => {
		const bad = [...records.slice(0, 5), { source: 'crm', email: 'x@y.io' }, ...records.slice(5, 10)];
		const { outputs } = await executeNode(node, { parameters: { ...parameters, fillOutputs: ['map'] }, inputs: [bad], continueOnFail: true });
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ error: expect.stringContaining('"id"'), details: { itemIndex: 5, field: 'id' } });
		expect(outputs[0][0].pairedItem).toEqual({ item: 5 });
		expect(outputs[2].map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10].map((item) => ({ item })));
		expect(outputs[1]).toEqual([]);
		expect(outputs[3]).toEqual([]);
		// Without Continue On Fail the node still stops.
		await expect(executeNode(node, { parameters: { ...parameters, fillOutputs: ['map'] }, inputs: [bad] })).rejects.toThrow('Item 5: field "id" is missing');
	});

	it('in File mode writes only the chosen outputs\' files, and the rows with an error on Records', async () => {
		const csv = (rows: IDataObject[]) => `id,source,email\n${rows.map((r) => `${r.id ?? ''},${r.source},${r.email}`).join('\n')}\n`;
		const file = (rows: IDataObject[]) => [{ json: {}, binary: { data: { data: Buffer.from(csv(rows)).toString('base64'), mimeType: 'text/csv' } } }];
		const fileParameters = { ...parameters, inputSource: 'file', outputTarget: 'file' };
		const only = await executeNode(node, { parameters: { ...fileParameters, fillOutputs: ['profiles'] }, inputs: [file(records.slice(0, 20))] });
		expect(only.outputs.map((output) => output.length)).toEqual([0, 1, 0, 0]);
		expect(only.outputs[1][0].json).toMatchObject({ output: 'Golden Profiles', customers: expect.any(Number) });
		const bad = [...records.slice(0, 3), { source: 'crm', email: 'x@y.io' }, ...records.slice(3, 20)];
		const withError = await executeNode(node, { parameters: { ...fileParameters, fillOutputs: ['profiles'] }, inputs: [file(bad)], continueOnFail: true });
		expect(withError.outputs[0]).toHaveLength(1);
		expect(withError.outputs[0][0].json).toMatchObject({ output: 'Records', rows: 1, badRows: 1, badRowNumbers: '4' });
		expect(Buffer.from(withError.outputs[0][0].binary?.data.data as string, 'base64').toString('utf8')).toMatch(/^id,source,email,error,.*\n,crm,x@y\.io,"Row 4: column ""id""/);
	});
});

describe('Resolve Identity: Explanations', () => {
	const rows = personalData();

	it('Compact is one line of text (the rule, or the probability, the linked record and any flags) without the comparisons; None has no explanation field; the customers are the same', async () => {
		const full = (await executeNode(node, { parameters: personalParameters, inputs: [rows] })).outputs[0];
		const compact = (await executeNode(node, { parameters: { ...personalParameters, options: { ...personalParameters.options, explanations: 'compact' } }, inputs: [rows] })).outputs[0];
		const none = (await executeNode(node, { parameters: { ...personalParameters, options: { ...personalParameters.options, explanations: 'none' } }, inputs: [rows] })).outputs[0];
		type Identity = { explanation: IDataObject & { type: string }; flags?: IDataObject[] };
		const probabilistic = full.filter((item) => (item.json.identity as Identity).explanation.type === 'probabilistic');
		expect(probabilistic.length).toBeGreaterThan(20);
		full.forEach((item, k) => {
			const { explanation, flags } = item.json.identity as Identity;
			const line = compact[k].json.identity;
			const flagged = flags!.length > 0 ? `; flagged: ${flags!.map((f) => (f.field === '*' ? f.reason : `${f.field} ${f.reason}`)).join(', ')}` : '';
			if (explanation.type === 'probabilistic') {
				expect(explanation.comparisons).toEqual(expect.arrayContaining([expect.objectContaining({ comparison: expect.any(String) })]));
				expect(line).toBe(`probabilistic ${Math.floor((explanation.probability as number) * 1e6) / 1e6}, linked to ${explanation.linkedTo}${flagged}`);
			} else if (explanation.type === 'rule') expect(line).toBe(`rule ${explanation.rule}, linked to ${explanation.linkedTo}${flagged}`);
			else expect(line).toBe(`not linked: ${explanation.reason}${flagged}`);
			expect(none[k].json).not.toHaveProperty('identity');
			for (const other of [compact[k], none[k]]) {
				expect(other.json.customerId).toBe(item.json.customerId);
				expect(other.json.householdId).toBe(item.json.householdId);
				expect(other.pairedItem).toEqual(item.pairedItem);
			}
		});
	});

	it('explanationValue: Full is the record\'s explanation and flags as they are', () => {
		const record = { key: 'a', customerId: 'cus_1', explanation: { type: 'none' as const, reason: 'no usable identifier' }, flags: [{ field: '*', reason: 'no usable identifier' }] };
		expect(explanationValue(record, 'full')).toEqual({ explanation: record.explanation, flags: record.flags });
		expect(explanationValue(record, 'compact')).toBe('not linked: no usable identifier; flagged: no usable identifier');
		expect(explanationValue({ ...record, explanation: { type: 'rule', rule: 'email', linkedTo: 'esp:8842' }, flags: [] }, 'compact')).toBe('rule email, linked to esp:8842');
		expect(explanationValue(record, 'none')).toBeUndefined();
	});
});
