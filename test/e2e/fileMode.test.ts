// File mode in real n8n 2.41: each heavy node reads a CSV / JSON Lines file (gzip too) from a binary
// property, with results identical to Items mode on the same rows; malformed files give errors
// naming row and column.
import { gzipSync } from 'node:zlib';
import type { IDataObject } from 'n8n-workflow';
import { extractCsvAfter, manualStartWithFile, manualStartWithItems, outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

const customers = Array.from({ length: 1500 }, (_, i) => ({ customerId: `cust-${i}`, email: `c${i}@example.com`, segment: i % 3 === 0 ? 'Gold, VIP' : 'Silver' }));
const csv = `customerId,email,segment\n${customers.map((c) => `${c.customerId},${c.email},"${c.segment}"`).join('\n')}\n`;

function node(name: string, type: string, parameters: IDataObject, extra: IDataObject = {}): IDataObject {
	return { id: name.replace(/\W/g, '-'), name, type: `${PACKAGE}.${type}`, typeVersion: 1, position: [440, 0], parameters, ...extra };
}

function chain(start: { nodes: IDataObject[]; connections: IDataObject }, from: string, target: IDataObject, after: Array<ReturnType<typeof extractCsvAfter>> = []): WorkflowJson {
	const connections: IDataObject = { ...start.connections, [from]: { main: [[{ node: target.name, type: 'main', index: 0 }]] } };
	const outputsByIndex: IDataObject[][] = [];
	for (const { connection } of after) {
		const { output, node: name } = connection as { output: number; node: string };
		while (outputsByIndex.length <= output) outputsByIndex.push([]);
		outputsByIndex[output].push({ node: name, type: 'main', index: 0 });
	}
	if (after.length > 0) connections[target.name as string] = { main: outputsByIndex };
	return { name: `e2e: file mode ${target.name}`, nodes: [...start.nodes, target, ...after.map(({ node: extract }) => extract)], connections };
}

const holdoutParameters = { customerIdField: 'customerId', campaignSalt: 'e2e-file', controlPercent: 20, options: {} };

function armById(items: Array<{ json: IDataObject }>, arm: (json: IDataObject) => unknown): Map<string, unknown> {
	return new Map(items.map((item) => [String(item.json.customerId), arm(item.json)]));
}

async function failureOf(file: Buffer | string, fileName: string): Promise<string> {
	const workflow = chain(manualStartWithFile(file, fileName), 'File', node('Split Holdout', 'splitHoldout', { ...holdoutParameters, inputSource: 'file', outputTarget: 'file' }));
	const execution = await runWorkflow(workflow);
	const run = (execution.data.resultData.runData['Split Holdout'] as Array<{ error?: { message: string } }> | undefined)?.[0];
	return run?.error?.message ?? execution.data.resultData.error?.message ?? '';
}

describe('file mode in real n8n', () => {
	it('Split Holdout: a CSV file gives the same rows and arms as items, as items or as one file per output', async () => {
		const items = outputsOf(await runWorkflow(chain(manualStartWithItems(customers, 'Customers'), 'Customers', node('Split Holdout', 'splitHoldout', holdoutParameters))), 'Split Holdout');
		const fromFile = outputsOf(
			await runWorkflow(chain(manualStartWithFile(gzipSync(csv), 'customers.csv.gz'), 'File', node('Split Holdout', 'splitHoldout', { ...holdoutParameters, inputSource: 'file', outputTarget: 'items' }))),
			'Split Holdout',
		);
		expect(fromFile.map((output) => output.map((item) => item.json))).toEqual(items.map((output) => output.map((item) => item.json)));

		const target = node('Split Holdout', 'splitHoldout', { ...holdoutParameters, inputSource: 'file', outputTarget: 'file' });
		const execution = await runWorkflow(
			chain(manualStartWithFile(csv, 'customers.csv'), 'File', target, [extractCsvAfter('Split Holdout', 0, 'Treatment Rows'), extractCsvAfter('Split Holdout', 1, 'Control Rows', 660, 200)]),
		);
		const [treatmentFile, controlFile] = outputsOf(execution, 'Split Holdout');
		expect(treatmentFile[0].json).toMatchObject({ output: 'Treatment', rows: items[0].length, fileName: 'holdout-treatment.csv' });
		expect(controlFile[0].json).toMatchObject({ output: 'Control', rows: items[1].length, badRows: 0 });
		expect(treatmentFile[0].binary?.data).toBeDefined();
		const rows = [...outputsOf(execution, 'Treatment Rows')[0], ...outputsOf(execution, 'Control Rows')[0]];
		expect(rows).toHaveLength(customers.length);
		const expected = armById([...items[0], ...items[1]], (json) => (json.holdout as IDataObject).arm);
		expect(armById(rows, (json) => json['holdout.arm'])).toEqual(expected);
		expect(rows.find((row) => row.json.customerId === 'cust-3')?.json.segment).toBe('Gold, VIP');
	});

	it('Apply Suppression: an audience file and a list of items give the same decisions as items', async () => {
		const audience = customers.slice(0, 400).map((c, i) => ({ ...c, consent: i % 7 === 0 ? 'unsubscribed' : 'opted_in' }));
		const audienceCsv = `customerId,email,segment,consent\n${audience.map((c) => `${c.customerId},${c.email},"${c.segment}",${c.consent}`).join('\n')}\n`;
		const list = [{ email: 'C5@Example.com' }, { email: 'c9@example.com', reason: 'complaint' }];
		const run = async (start: { nodes: IDataObject[]; connections: IDataObject }, from: string, parameters: IDataObject) => {
			const listStart = manualStartWithItems(list, 'List');
			const suppression = node('Apply Suppression', 'applySuppression', { channel: 'email', ...parameters });
			const workflow: WorkflowJson = {
				name: 'e2e: file mode suppression',
				nodes: [...start.nodes, listStart.nodes[1], suppression],
				connections: {
					Start: { main: [[{ node: from, type: 'main', index: 0 }, { node: 'List', type: 'main', index: 0 }]] },
					[from]: { main: [[{ node: 'Apply Suppression', type: 'main', index: 0 }]] },
					List: { main: [[{ node: 'Apply Suppression', type: 'main', index: 1 }]] },
				},
			};
			return outputsOf(await runWorkflow(workflow), 'Apply Suppression');
		};
		const items = await run(manualStartWithItems(audience, 'Customers'), 'Customers', {});
		const fromFile = await run(manualStartWithFile(audienceCsv, 'audience.csv'), 'File', { inputSource: 'file', outputTarget: 'items' });
		expect(items[1].length).toBeGreaterThan(50);
		expect(fromFile.map((output) => output.map((item) => item.json))).toEqual(items.map((output) => output.map((item) => item.json)));
	});

	it('Measure Lift: a gzip JSON Lines file of outcomes gives the same results as items', async () => {
		const outcomes = customers.map((c, i) => ({ customerId: c.customerId, holdout: { arm: i % 5 === 0 ? 'control' : 'treatment' }, converted: (i * 7919) % 11 < (i % 5 === 0 ? 2 : 3) ? 1 : 0 }));
		const parameters = { armField: 'holdout.arm', controlArm: 'control', metrics: { metric: [{ field: 'converted', kind: 'binary' }] }, confidence: 95, options: {} };
		const items = outputsOf(await runWorkflow(chain(manualStartWithItems(outcomes, 'Outcomes'), 'Outcomes', node('Measure Lift', 'measureLift', parameters))), 'Measure Lift');
		const jsonl = gzipSync(outcomes.map((o) => JSON.stringify(o)).join('\n'));
		const fromFile = outputsOf(await runWorkflow(chain(manualStartWithFile(jsonl, 'outcomes.jsonl.gz'), 'File', node('Measure Lift', 'measureLift', { ...parameters, inputSource: 'file' }))), 'Measure Lift');
		expect(items[0].length).toBeGreaterThan(0);
		expect(fromFile[0].map((item) => item.json)).toEqual(items[0].map((item) => item.json));
	});

	it('refuses malformed files with the row and column', async () => {
		expect(await failureOf('customerId,email\n1,a@x.com\n2,"b@x.com"junk\n', 'bad.csv')).toMatch(/Row 2 \(line 3\), column "email": a quoted cell has text after its closing quote/);
		expect(await failureOf('id,email\n1,a@x.com\n', 'wrong-header.csv')).toMatch(/has no column "customerId" \(the header has "id", "email"\)/);
		const broken = gzipSync(csv);
		broken.fill(0x41, 10, broken.length - 8);
		expect(await failureOf(broken, 'broken.csv.gz')).toMatch(/not valid gzip/);
		expect(await failureOf('customerId,email\n1,a@x.com\n,b@x.com\n', 'no-key.csv')).toMatch(/Row 2: column "customerId" is an empty string/);
	});
});
