import fs from 'node:fs';
import path from 'node:path';
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { computeRfm } from '../../lib/rfm';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { executeNode } from '../helpers/executeNode';

const node = new ComputeRfm();
const cdnow = fs
	.readFileSync(path.join(__dirname, '../fixtures/rfm/cdnow_master_first2000.csv'), 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.map((line) => {
		const [customer_id, date, cds, dollars] = line.split(',');
		return { customer_id, date, cds: Number(cds), dollars: Number(dollars) };
	});
const parameters = { customerIdField: 'customer_id', timestampField: 'date', amountField: 'dollars' };

describe('Compute RFM node', () => {
	it('reads 20240315 and, under Date Order day-first, 15/03/2024; 2024-02-30 is a bad row, never March 1', async () => {
		const rows = [
			{ c: 'a', t: 20240315, v: 10 },
			{ c: 'b', t: '15/03/2024', v: 20 },
		];
		const { outputs } = await executeNode(node, {
			parameters: { customerIdField: 'c', timestampField: 't', amountField: 'v', options: { dateOrder: 'DMY', asOf: '2024-03-20' } },
			inputs: [rows],
		});
		expect(outputs[0].map((i) => [i.json.customerId, i.json.recencyDays])).toEqual([
			['a', 5],
			['b', 5],
		]);
		await expect(
			executeNode(node, { parameters: { customerIdField: 'c', timestampField: 't', amountField: 'v' }, inputs: [[...rows.slice(0, 1), { c: 'c', t: '2024-02-30', v: 1 }]] }),
		).rejects.toThrow(/Item 1: field "t" is a string; expected a date/);
	});

	it('gives one item per customer paired to its transactions, and a summary', async () => {
		const { outputs } = await executeNode(node, { parameters, inputs: [cdnow] });
		const [customers, summary] = outputs;
		const lib = computeRfm({ customerId: cdnow.map((r) => r.customer_id), timestamp: cdnow.map((r) => r.date), amount: cdnow.map((r) => r.dollars) });
		expect(customers).toHaveLength(lib.features.customerIds.length);
		const paired = customers.flatMap((item) => (item.pairedItem as Array<{ item: number }>).map((p) => p.item)).sort((a, b) => a - b);
		expect(paired).toEqual(cdnow.map((_, i) => i)); // every transaction belongs to exactly one customer
		for (const item of customers) {
			for (const p of item.pairedItem as Array<{ item: number }>) expect(cdnow[p.item].customer_id).toBe(item.json.customerId);
		}
		const first = customers[0].json;
		expect(first).toMatchObject({
			customerId: lib.features.customerIds[0],
			frequency: lib.features.frequency[0],
			recencyDays: lib.features.recencyDays[0],
			rScore: lib.rScore[0],
			segment: lib.segment[0],
			rfm: `${lib.rScore[0]}${lib.fScore[0]}${lib.mScore[0]}`,
		});
		expect(summary).toHaveLength(1);
		const s = summary[0].json as IDataObject & { segments: Array<{ segment: string; customers: number }> };
		expect(s).toMatchObject({ customers: lib.features.report.customers, rows: cdnow.length, badRows: 0, asOf: '1998-07-01T00:00:00.000Z' });
		expect(s.segments.reduce((sum, seg) => sum + seg.customers, 0)).toBe(customers.length);
		expect((summary[0].pairedItem as unknown[]).length).toBe(cdnow.length);
	});

	it('adds k-means clusters and CLV when asked', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { ...parameters, options: { kmeans: true, kMax: 4, clv: true, asOf: '1997-10-01', horizonDays: 273 } },
			inputs: [cdnow],
		});
		const [customers, [summary]] = outputs;
		const bought = customers.filter((item) => (item.json.frequency as number) > 0);
		expect(bought.every((item) => typeof item.json.clusterName === 'string' && (item.json.pAlive as number) > 0)).toBe(true);
		const clv = summary.json.clv as { bgnbd: { r: number; converged: boolean } };
		expect(clv.bgnbd.converged).toBe(true);
		const km = summary.json.kmeans as { k: number; clusters: Array<{ size: number }> };
		expect(km.clusters.reduce((a, c) => a + c.size, 0)).toBe(bought.length);
		expect(summary.json.outsideWindowRows).toBeGreaterThan(0); // transactions after the as-of date
	});

	it('throws a NodeOperationError naming the item and field of a bad row', async () => {
		const inputs = [[{ customer_id: 'a', date: '2024-01-01', dollars: 5 }, { customer_id: 'b', date: '2024-01-01', dollars: 'ten' }]];
		await expect(executeNode(node, { parameters, inputs })).rejects.toThrow(/Item 1: field "dollars" is a string; expected a number/);
		await expect(executeNode(node, { parameters, inputs })).rejects.toBeInstanceOf(NodeOperationError);
	});

	it('with Continue On Fail, reports each bad row as an error item and in the summary', async () => {
		const inputs = [
			[
				{ customer_id: 'a', date: '2024-01-01', dollars: 5 },
				{ date: '2024-01-01', dollars: 5 },
				{ customer_id: 'b', date: 'yesterday', dollars: 5 },
				{ customer_id: 'c', date: '2024-01-02', dollars: null },
			],
		];
		const { outputs, hints } = await executeNode(node, { parameters, inputs, continueOnFail: true });
		const [customers, [summary]] = outputs;
		const errors = customers.filter((item) => item.json.error);
		expect(errors.map((e) => (e.json.details as { itemIndex: number; field: string }).field)).toEqual(['customer_id', 'date', 'dollars']);
		expect(errors.map((e) => e.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		expect(customers.filter((item) => !item.json.error).map((item) => item.json.customerId)).toEqual(['a']);
		expect(summary.json.badByReason).toEqual({ 'missing customer ID (missing)': 1, 'unparseable date (a string)': 1, 'non-numeric amount (null)': 1 });
		expect(hints[0].message).toMatch(/3 of 4 transactions could not be used/);
	});

	it('nets returns by order and applies cut points and statuses', async () => {
		const inputs = [
			[
				{ customerId: 'a', orderId: 'o1', date: '2024-01-01', amount: 100 },
				{ customerId: 'a', orderId: 'o1', date: '2024-01-01', amount: -100 },
				{ customerId: 'a', orderId: 'o2', date: '2024-01-10', amount: 40, status: 'paid' },
				{ customerId: 'a', orderId: 'o3', date: '2024-01-20', amount: 60, status: 'Cancelled' },
			],
		];
		const { outputs } = await executeNode(node, {
			parameters: { options: { statusField: 'status', cutPoints: { values: { recency: '7,30,60,90', frequency: '2,3,4,5', monetary: '10,50,100,400' } } } },
			inputs,
		});
		const [[customer], [summary]] = outputs;
		expect(customer.json).toMatchObject({ frequency: 1, monetary: 40, recencyDays: 1, rScore: 5, fScore: 1, mScore: 2 });
		expect(summary.json).toMatchObject({ nonPositiveOrders: 1, cancelledRows: 1, orders: 2 });
		expect((customer.pairedItem as unknown[]).length).toBe(3);
	});

	it('handles empty input and rejects bad cut points', async () => {
		const { outputs } = await executeNode(node, { parameters: {}, inputs: [[]] });
		expect(outputs[0]).toEqual([]);
		expect(outputs[1][0].json).toMatchObject({ customers: 0, rows: 0 });
		await expect(
			executeNode(node, { parameters: { options: { cutPoints: { values: { recency: '30,10,60,90' } } } }, inputs: [[{ customerId: 'a', date: '2024-01-01', amount: 1 }]] }),
		).rejects.toThrow(/ascending/);
	});
});
