// File mode in-process: Compute RFM, Score Propensity and Resolve Identity on a CSV / JSON Lines
// file (inline binary, as n8n passes a small one) give what Items mode gives on the same rows.
import { gzipSync } from 'node:zlib';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { ScorePropensity } from '../../nodes/ScorePropensity/ScorePropensity.node';
import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { identityRecords } from '../helpers/identityRecords';
import { executeNode } from '../helpers/executeNode';

function csvOf(rows: IDataObject[]): string {
	const names = Object.keys(rows[0]);
	const cell = (v: unknown) => {
		const text = v === undefined || v === null ? '' : String(v);
		return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return `${names.join(',')}\n${rows.map((r) => names.map((n) => cell(r[n])).join(',')).join('\n')}\n`;
}

/** The rows as Extract From File gives them: every value text. */
const asText = (rows: IDataObject[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)])));

function fileItem(content: string | Buffer, mimeType = 'text/csv'): INodeExecutionData {
	return { json: {}, binary: { data: { data: Buffer.from(content).toString('base64'), mimeType } } };
}

function parseCsv(buffer: Buffer): IDataObject[] {
	const [header, ...lines] = buffer.toString('utf8').trim().split('\n');
	const names = header.split(',');
	return lines.map((line) => {
		const cells: string[] = [];
		let cur = '';
		let quoted = false;
		for (let i = 0; i < line.length; i++) {
			const c = line[i];
			if (quoted) {
				if (c === '"' && line[i + 1] === '"') {
					cur += '"';
					i++;
				} else if (c === '"') quoted = false;
				else cur += c;
			} else if (c === '"') quoted = true;
			else if (c === ',') {
				cells.push(cur);
				cur = '';
			} else cur += c;
		}
		cells.push(cur);
		return Object.fromEntries(names.map((n, k) => [n, cells[k]]));
	});
}

jest.setTimeout(120_000);

const fileOf = (item: INodeExecutionData) => Buffer.from(item.binary?.data.data as string, 'base64');

const transactions = Array.from({ length: 600 }, (_, i) => ({
	customerId: `c${(i * 7) % 97}`,
	date: new Date(Date.UTC(2024, 0, 1) + ((i * 13) % 300) * 86400000).toISOString().slice(0, 10),
	amount: ((i * 31) % 200) + 5.5,
	orderId: `o${i}`,
}));

describe('Compute RFM in file mode', () => {
	const node = new ComputeRfm();
	const parameters = { customerIdField: 'customerId', timestampField: 'date', amountField: 'amount', options: { asOf: '2024-12-01', kmeans: true } };

	it('gives the customers and summary of Items mode, as items or as a file', async () => {
		const items = (await executeNode(node, { parameters, inputs: [asText(transactions)] })).outputs;
		const file = (await executeNode(node, { parameters: { ...parameters, inputSource: 'file' }, inputs: [[fileItem(gzipSync(csvOf(transactions)))]] })).outputs;
		expect(file[0].map((i) => i.json)).toEqual(items[0].map((i) => i.json));
		const { badRowList, ...summary } = items[1][0].json;
		expect(file[1][0].json).toMatchObject(summary);
		expect(badRowList).toEqual([]);
		const written = (await executeNode(node, { parameters: { ...parameters, inputSource: 'file', outputTarget: 'file', previewRows: 2 }, inputs: [[fileItem(csvOf(transactions))]] })).outputs;
		expect(written[0]).toHaveLength(3);
		expect(written[0][0].json).toMatchObject({ output: 'Customers', rows: items[0].length, fileName: 'customers.csv' });
		const rows = parseCsv(fileOf(written[0][0]));
		expect(rows.map((r) => [r.customerId, r.rfm, r.segment, r.clusterName])).toEqual(items[0].map((i) => [i.json.customerId, i.json.rfm, i.json.segment, i.json.clusterName]));
	});

	it('stops on a bad row naming row and column; with Continue On Fail counts and lists it', async () => {
		const bad = [...transactions.slice(0, 5), { ...transactions[5], amount: 'ten' }, ...transactions.slice(6, 20)];
		await expect(executeNode(node, { parameters: { ...parameters, inputSource: 'file' }, inputs: [[fileItem(csvOf(bad))]] })).rejects.toThrow(/Row 6: column "amount" is a string; expected a number/);
		const { outputs } = await executeNode(node, { parameters: { ...parameters, inputSource: 'file', outputTarget: 'file' }, inputs: [[fileItem(csvOf(bad))]], continueOnFail: true });
		expect(outputs[1][0].json).toMatchObject({ badRows: 1, badRowNumbers: '6', badRowList: [{ row: 6, field: 'amount' }] });
		expect(outputs[0].find((i) => i.json.error)?.json).toMatchObject({ amount: 'ten', details: { row: 6, field: 'amount' } });
		await expect(executeNode(node, { parameters: { ...parameters, inputSource: 'file' }, inputs: [[fileItem('customer,date,amount\nc1,2024-01-01,3\n')]] })).rejects.toThrow(
			/transactions file has no column "customerId" \(the header has "customer", "date", "amount"\)/,
		);
	});
});

describe('Score Propensity in file mode', () => {
	const node = new ScorePropensity();
	const customers = Array.from({ length: 800 }, (_, i) => {
		const age = 20 + ((i * 37) % 50);
		const region = ['north', 'south', 'east'][i % 3];
		const visits = (i * 11) % 9;
		return { id: `p${i}`, age, region, visits, converted: (age + visits * 7 + (region === 'east' ? 15 : 0) + ((i * 53) % 40)) > 85 ? 'yes' : 'no' };
	});
	const rows = asText(customers);
	const train = { operation: 'train', targetField: 'converted', featureFields: 'age, region, visits', trainOptions: { validation: 'random', validationPercent: 25 } };

	it('trains the same model, scores and evaluates the same as Items mode; Score writes a file', async () => {
		const fromItems = (await executeNode(node, { parameters: train, inputs: [rows] })).outputs[0][0].json;
		const fromFile = (await executeNode(node, { parameters: { ...train, inputSource: 'file' }, inputs: [[fileItem(csvOf(customers))]] })).outputs[0][0].json;
		const created = (json: IDataObject) => ({ ...json, model: { ...(json.model as IDataObject), createdAt: 'the run' } });
		expect(created(fromFile)).toEqual(created(fromItems));
		const score = { operation: 'score' };
		const scoredItems = (await executeNode(node, { parameters: score, inputs: [rows, [{ json: fromItems }]] })).outputs;
		const jsonl = gzipSync(rows.map((r) => JSON.stringify(r)).join('\n'));
		const scoredFile = (await executeNode(node, { parameters: { ...score, inputSource: 'file' }, inputs: [[fileItem(jsonl, 'application/gzip')], [{ json: fromItems }]] })).outputs;
		expect(scoredFile[0].map((i) => i.json)).toEqual(scoredItems[0].map((i) => i.json));
		expect(scoredFile[1][0].json).toEqual(scoredItems[1][0].json);
		const written = (await executeNode(node, { parameters: { ...score, inputSource: 'file', outputTarget: 'file' }, inputs: [[fileItem(csvOf(customers))], [{ json: fromItems }]] })).outputs;
		expect(written[0][0].json).toMatchObject({ output: 'Scored', rows: customers.length, fileName: 'scored.csv' });
		const out = parseCsv(fileOf(written[0][0]));
		expect(out.map((r) => [r.id, Number(r['propensity.probability']), Number(r['propensity.decile']), r['propensity.tier']])).toEqual(
			scoredItems[0].map((i) => {
				const p = i.json.propensity as IDataObject;
				return [i.json.id, p.probability, p.decile, p.tier];
			}),
		);
		const evaluate = { operation: 'evaluate', targetField: 'converted' };
		const evalItems = (await executeNode(node, { parameters: evaluate, inputs: [rows, [{ json: fromItems }]] })).outputs[0][0].json;
		const evalFile = (await executeNode(node, { parameters: { ...evaluate, inputSource: 'file' }, inputs: [[fileItem(csvOf(customers))], [{ json: fromItems }]] })).outputs[0][0].json;
		expect(evalFile).toEqual(evalItems);
	});

	it('names the bad row of the target and a missing feature column', async () => {
		const bad = [...customers.slice(0, 9), { ...customers[9], converted: 'maybe' }, ...customers.slice(10)];
		await expect(executeNode(node, { parameters: { ...train, inputSource: 'file' }, inputs: [[fileItem(csvOf(bad))]] })).rejects.toThrow(/Row 10: column "converted" is a string; expected 0\/1/);
		const model = (await executeNode(node, { parameters: train, inputs: [rows] })).outputs[0][0].json;
		const noVisits = csvOf(customers.map(({ visits: _visits, ...rest }) => rest));
		await expect(executeNode(node, { parameters: { operation: 'score', inputSource: 'file' }, inputs: [[fileItem(noVisits)], [{ json: model }]] })).rejects.toThrow(/file to score has no column "visits"/);
	});
});

describe('Resolve Identity in file mode', () => {
	const node = new ResolveIdentity();
	const records = identityRecords(240);
	const rows = asText(records);
	const parameters = { options: { defaultRegion: 'US' } };
	/** The run's time, which names when an ID was first seen, aside. */
	const stable = (outputs: INodeExecutionData[][]) =>
		outputs.map((output) => output.map((item) => JSON.parse(JSON.stringify(item.json).replace(/"(firstSeen|householdFirstSeen|lastSeen)":"[^"]*"/g, '"$1":"run"'))));

	it('gives the records, golden profiles, identity map and households of Items mode, as items or as files', async () => {
		const items = (await executeNode(node, { parameters, inputs: [rows] })).outputs;
		expect(new Set(items[0].map((i) => i.json.customerId)).size).toBeLessThan(records.length);
		const file = (await executeNode(node, { parameters: { ...parameters, inputSource: 'file' }, inputs: [[fileItem(gzipSync(csvOf(records)))]] })).outputs;
		expect(stable(file)).toEqual(stable(items));
		const written = (await executeNode(node, { parameters: { ...parameters, inputSource: 'file', outputTarget: 'file' }, inputs: [[fileItem(csvOf(records))]] })).outputs;
		expect(written.map((output) => output[0].json.fileName)).toEqual(['identity-records.csv', 'identity-golden-profiles.csv', 'identity-identity-map.csv', 'identity-households.csv']);
		expect(written[0][0].json).toMatchObject({ output: 'Records', rows: records.length, badRows: 0 });
		const out = parseCsv(fileOf(written[0][0]));
		expect(out.map((r) => [r.id, r.customerId, r['identity.explanation.type']])).toEqual(
			items[0].map((i) => [i.json.id, i.json.customerId, ((i.json.identity as IDataObject).explanation as IDataObject).type]),
		);
		expect(parseCsv(fileOf(written[1][0])).map((r) => r.customerId)).toEqual(items[1].map((i) => i.json.customerId));
	});

	it('stops on a missing or repeated record key naming the row; with Continue On Fail keeps the row in place with its error', async () => {
		const bad = [...records.slice(0, 3), { ...records[3], id: '' }, ...records.slice(4, 30)];
		await expect(executeNode(node, { parameters: { ...parameters, inputSource: 'file' }, inputs: [[fileItem(csvOf(bad))]] })).rejects.toThrow(/Row 4: column "id" is an empty string/);
		const repeated = [...records.slice(0, 30), { ...records[31], id: records[2].id }];
		await expect(executeNode(node, { parameters: { ...parameters, inputSource: 'file' }, inputs: [[fileItem(csvOf(repeated))]] })).rejects.toThrow(/Duplicate record keys in column "id"/);
		const { outputs } = await executeNode(node, { parameters: { ...parameters, inputSource: 'file', outputTarget: 'file' }, inputs: [[fileItem(csvOf(bad))]], continueOnFail: true });
		expect(outputs[0][0].json).toMatchObject({ rows: 30, records: 29, badRows: 1, badRowNumbers: '4' });
		const out = parseCsv(fileOf(outputs[0][0]));
		expect(out[3]).toMatchObject({ id: '', customerId: '', error: expect.stringMatching(/^Row 4: column "id"/) });
		await expect(executeNode(node, { parameters: { ...parameters, inputSource: 'file' }, inputs: [[fileItem('key,mail\nk1,a@x.com\n')]] })).rejects.toThrow(/records file has no column "id"/);
	});
});
