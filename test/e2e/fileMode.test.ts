// File mode in real n8n 2.41: each heavy node reads a CSV / JSON Lines file (gzip too) from a binary
// property, with results identical to Items mode on the same rows; malformed files give errors
// naming row and column.
import { gzipSync } from 'node:zlib';
import type { IDataObject } from 'n8n-workflow';
import { identityRecords } from '../helpers/identityRecords';
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


/** One workflow of several branches from one Manual Trigger; edges are [from, to, from output, to input]. */
function graph(name: string, nodes: IDataObject[], edges: Array<[string, string, number?, number?]>): WorkflowJson {
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {};
	for (const [from, to, output = 0, input = 0] of edges) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: input });
	}
	const start = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	return { name, nodes: [start, ...nodes.map((n, i) => ({ ...n, id: `${n.id}-${i}`, position: [220 * (1 + (i % 4)), 200 * Math.floor(i / 4)] }))], connections };
}
const itemsNode = (rows: IDataObject[], name: string) => ({ ...manualStartWithItems(rows, name).nodes[1], name });
const fileNode = (content: Buffer | string, fileName: string, name: string) => ({ ...manualStartWithFile(content, fileName, name).nodes[1], name });
const extractNode = (name: string) => extractCsvAfter('', 0, name).node;

function csvOf(rows: IDataObject[]): string {
	const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const cell = (v: unknown) => {
		const text = v === undefined || v === null ? '' : String(v);
		return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return `${names.join(',')}\n${rows.map((r) => names.map((n) => cell(r[n])).join(',')).join('\n')}\n`;
}
/** The rows as Extract From File gives them: every value text. */
const asText = (rows: IDataObject[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)])));
const jsonOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);

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

	it('Compute RFM: a transactions file gives the customers and summary of items, as items or as a file', async () => {
		const transactions = Array.from({ length: 900 }, (_, i) => ({
			customerId: `c${(i * 7) % 151}`,
			date: new Date(Date.UTC(2024, 0, 1) + ((i * 13) % 300) * 86400000).toISOString().slice(0, 10),
			amount: (((i * 31) % 200) + 5.25).toFixed(2),
			orderId: `o${i}`,
		}));
		const parameters = { customerIdField: 'customerId', timestampField: 'date', amountField: 'amount', options: { asOf: '2024-12-01', kmeans: true } };
		const execution = await runWorkflow(
			graph(
				'e2e: file mode Compute RFM',
				[
					itemsNode(transactions, 'Rows'),
					fileNode(gzipSync(csvOf(transactions)), 'transactions.csv.gz', 'File'),
					node('RFM Items', 'computeRfm', parameters),
					node('RFM File', 'computeRfm', { ...parameters, inputSource: 'file' }),
					node('RFM To File', 'computeRfm', { ...parameters, inputSource: 'file', outputTarget: 'file' }),
					extractNode('Customers Rows'),
				],
				[['Start', 'Rows'], ['Start', 'File'], ['Rows', 'RFM Items'], ['File', 'RFM File'], ['File', 'RFM To File'], ['RFM To File', 'Customers Rows']],
			),
		);
		const items = outputsOf(execution, 'RFM Items');
		const file = outputsOf(execution, 'RFM File');
		expect(items[0].length).toBe(151);
		expect(jsonOf(file[0])).toEqual(jsonOf(items[0]));
		const { badRowList, ...summary } = items[1][0].json;
		expect(badRowList).toEqual([]);
		expect(file[1][0].json).toMatchObject(summary);
		expect(outputsOf(execution, 'RFM To File')[0][0].json).toMatchObject({ output: 'Customers', rows: 151, fileName: 'customers.csv' });
		const rows = outputsOf(execution, 'Customers Rows')[0];
		expect(rows.map((r) => [r.json.customerId, r.json.rfm, r.json.segment, r.json.clusterName])).toEqual(items[0].map((i) => [i.json.customerId, i.json.rfm, i.json.segment, i.json.clusterName]));
	});

	it('Score Propensity: a file trains the same model and scores the same rows as items; Score writes a file', async () => {
		const people = Array.from({ length: 900 }, (_, i) => {
			const age = 20 + ((i * 37) % 50);
			const region = ['north', 'south', 'east'][i % 3];
			const visits = (i * 11) % 9;
			return { id: `p${i}`, age, region, visits, converted: age + visits * 7 + (region === 'east' ? 15 : 0) + ((i * 53) % 40) > 85 ? 'yes' : 'no' };
		});
		const rows = asText(people);
		const train = { operation: 'train', targetField: 'converted', featureFields: 'age, region, visits', trainOptions: { validation: 'random', validationPercent: 25 } };
		const execution = await runWorkflow(
			graph(
				'e2e: file mode Score Propensity',
				[
					itemsNode(rows, 'Rows'),
					fileNode(csvOf(people), 'people.csv', 'File'),
					node('Train Items', 'scorePropensity', train),
					node('Train File', 'scorePropensity', { ...train, inputSource: 'file' }),
					node('Score Items', 'scorePropensity', { operation: 'score' }),
					node('Score File', 'scorePropensity', { operation: 'score', inputSource: 'file', outputTarget: 'file' }),
					extractNode('Scored Rows'),
				],
				[['Start', 'Rows'], ['Start', 'File'], ['Rows', 'Train Items'], ['File', 'Train File'], ['Rows', 'Score Items'], ['Train Items', 'Score Items', 0, 1], ['File', 'Score File'], ['Train Items', 'Score File', 0, 1], ['Score File', 'Scored Rows']],
			),
		);
		const created = (json: IDataObject) => ({ ...json, model: { ...(json.model as IDataObject), createdAt: 'the run' } });
		const model = outputsOf(execution, 'Train Items')[0][0].json;
		expect(created(outputsOf(execution, 'Train File')[0][0].json)).toEqual(created(model));
		const [scored, [report]] = outputsOf(execution, 'Score Items');
		const [[fileItem], [fileReport]] = outputsOf(execution, 'Score File');
		expect(fileItem.json).toMatchObject({ output: 'Scored', rows: people.length, fileName: 'scored.csv', modelId: model.modelId });
		expect(fileReport.json).toEqual(report.json);
		const written = outputsOf(execution, 'Scored Rows')[0];
		expect(written.map((r) => [r.json.id, Number(r.json['propensity.probability']), Number(r.json['propensity.decile']), r.json['propensity.tier']])).toEqual(
			scored.map((i) => {
				const p = i.json.propensity as IDataObject;
				return [i.json.id, p.probability, p.decile, p.tier];
			}),
		);
	});

	it('Resolve Identity: a records file gives the records, golden profiles, map and households of items; files on request', async () => {
		const records = identityRecords(200);
		const parameters = { options: { defaultRegion: 'US' } };
		const execution = await runWorkflow(
			graph(
				'e2e: file mode Resolve Identity',
				[
					itemsNode(asText(records), 'Rows'),
					fileNode(gzipSync(csvOf(records)), 'records.csv.gz', 'File'),
					node('Identity Items', 'resolveIdentity', parameters),
					node('Identity File', 'resolveIdentity', { ...parameters, inputSource: 'file' }),
					node('Identity To File', 'resolveIdentity', { ...parameters, inputSource: 'file', outputTarget: 'file' }),
					extractNode('Record Rows'),
				],
				[['Start', 'Rows'], ['Start', 'File'], ['Rows', 'Identity Items'], ['File', 'Identity File'], ['File', 'Identity To File'], ['Identity To File', 'Record Rows']],
			),
		);
		const stable = (outputs: Array<Array<{ json: IDataObject }>>) => outputs.map((output) => output.map((item) => JSON.parse(JSON.stringify(item.json).replace(/"(firstSeen|householdFirstSeen)":"[^"]*"/g, '"$1":"run"'))));
		const items = outputsOf(execution, 'Identity Items');
		expect(items[0]).toHaveLength(records.length);
		expect(items[1].length).toBeLessThan(records.length);
		expect(stable(outputsOf(execution, 'Identity File'))).toEqual(stable(items));
		const files = outputsOf(execution, 'Identity To File');
		expect(files.map((output) => output[0].json.rows)).toEqual(items.map((output) => output.length));
		const rows = outputsOf(execution, 'Record Rows')[0];
		expect(rows.map((r) => [r.json.id, r.json.customerId])).toEqual(items[0].map((i) => [i.json.id, i.json.customerId]));
	});

	it('Compute RFM, Score Propensity and Resolve Identity refuse a malformed file naming row and column', async () => {
		const bad = 'customerId,date,amount,id,email\nc1,2024-01-01,5,r1,a@x.com\nc2,2024-01-02,"6"x,r2,b@x.com\n';
		const wrong = 'customer,when,value\nc1,2024-01-01,5\n';
		const broken = gzipSync(csvOf(Array.from({ length: 200 }, (_, i) => ({ customerId: `c${i}`, date: '2024-01-01', amount: '1' }))));
		broken.fill(0x41, 10, broken.length - 8);
		const targets = [
			['RFM', 'computeRfm', { customerIdField: 'customerId', timestampField: 'date', amountField: 'amount', inputSource: 'file' }],
			['Train', 'scorePropensity', { operation: 'train', targetField: 'amount', featureFields: 'date', inputSource: 'file' }],
			['Identity', 'resolveIdentity', { inputSource: 'file' }],
		] as const;
		const files = [['Bad Quoting', bad, 'bad.csv'], ['Wrong Header', wrong, 'wrong.csv'], ['Invalid Gzip', broken, 'broken.csv.gz']] as const;
		const nodes: IDataObject[] = files.map(([name, content, fileName]) => fileNode(content, fileName, name));
		const edges: Array<[string, string]> = files.map(([name]) => ['Start', name]);
		for (const [label, type, parameters] of targets) {
			for (const [name] of files) {
				nodes.push(node(`${label} ${name}`, type, parameters, { onError: 'continueRegularOutput' }));
				edges.push([name, `${label} ${name}`]);
			}
		}
		const execution = await runWorkflow(graph('e2e: file mode malformed', nodes, edges));
		// With "On Error: Continue", n8n keeps the node's error on its run (and an item with the message).
		const message = (name: string) => {
			const run = execution.data.resultData.runData[name]?.[0] as { error?: { message: string }; data?: { main?: Array<Array<{ json: IDataObject }>> } } | undefined;
			return String(run?.error?.message ?? run?.data?.main?.[0]?.[0]?.json.error ?? '');
		};
		for (const [label] of targets) {
			expect(message(`${label} Bad Quoting`)).toMatch(/Row 2 \(line 3\), column "amount": a quoted cell has text after its closing quote/);
			expect(message(`${label} Invalid Gzip`)).toMatch(/not valid gzip/);
		}
		expect(message('RFM Wrong Header')).toMatch(/transactions file has no column "customerId", "date", "amount" \(the header has "customer", "when", "value"\)/);
		expect(message('Train Wrong Header')).toMatch(/training file has no column "amount", "date"/);
		expect(message('Identity Wrong Header')).toMatch(/records file has no column "id" \(the header has "customer", "when", "value"\)/);
	});
});
