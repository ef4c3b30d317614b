// Real n8n 2.41.0 reads the CDNOW master transactions file, parses it in a Code node and runs
// n8n-nodes-marketing-analytics.computeRfm with k-means and CLV; the result equals lib/rfm run
// in-process on the same rows. The customers 00001-04000 are kept (about 11,000 transactions): n8n's
// `execute --rawOutput` prints every node's items through an asynchronous logger and exits, which
// cuts off output of the full 69,659 rows with their paired items.
import fs from 'node:fs';
import path from 'node:path';
import { computeRfm } from '../../lib/rfm';
import { outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

const datasets = fs.realpathSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets', 'rfm'));
const file = path.join(datasets, 'CDNOW_master.txt');

const MAX_CUSTOMER = 4000;
const parse = `const MAX_CUSTOMER = ${MAX_CUSTOMER};
const lines = $input.first().json.data.split(/\\r?\\n/).slice(1);
const out = [];
for (const line of lines) {
	const cells = line.trim().split(/\\s+/);
	if (cells.length < 4 || Number(cells[0]) > MAX_CUSTOMER) continue;
	out.push({ json: { customerId: cells[0], date: cells[1], cds: Number(cells[2]), amount: Number(cells[3]) } });
}
return out;`;

function workflow(): WorkflowJson {
	return {
		name: 'e2e: compute RFM on CDNOW',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'read', name: 'Read CDNOW', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [220, 0], parameters: { operation: 'read', fileSelector: file, options: {} } },
			{ id: 'text', name: 'Extract Text', type: 'n8n-nodes-base.extractFromFile', typeVersion: 1.1, position: [440, 0], parameters: { operation: 'text', destinationKey: 'data', options: {} } },
			{ id: 'parse', name: 'Parse', type: 'n8n-nodes-base.code', typeVersion: 2, position: [660, 0], parameters: { jsCode: parse } },
			{
				id: 'rfm',
				name: 'Compute RFM',
				type: `${PACKAGE}.computeRfm`,
				typeVersion: 1,
				position: [880, 0],
				parameters: {
					customerIdField: 'customerId',
					timestampField: 'date',
					amountField: 'amount',
					orderIdField: '',
					options: { kmeans: true, kMax: 5, clv: true, horizonDays: 365, annualDiscountRate: 10 },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Read CDNOW', type: 'main', index: 0 }]] },
			'Read CDNOW': { main: [[{ node: 'Extract Text', type: 'main', index: 0 }]] },
			'Extract Text': { main: [[{ node: 'Parse', type: 'main', index: 0 }]] },
			Parse: { main: [[{ node: 'Compute RFM', type: 'main', index: 0 }]] },
		},
	};
}

describe('Compute RFM in real n8n', () => {
	it('computes RFM, segments, k-means clusters and CLV from the CDNOW transactions', async () => {
		const [customers, [summary]] = outputsOf(await runWorkflow(workflow(), { N8N_RESTRICT_FILE_ACCESS_TO: datasets }), 'Compute RFM');

		const rows = fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1).map((l) => l.trim().split(/\s+/)).filter((c) => c.length >= 4 && Number(c[0]) <= MAX_CUSTOMER);
		const lib = computeRfm(
			{ customerId: rows.map((r) => r[0]), timestamp: rows.map((r) => r[1]), amount: rows.map((r) => Number(r[3])) },
			{ kmeans: { kMin: 2, kMax: 5 }, clv: { horizonDays: 365, annualDiscountRate: 0.1 } },
		);
		expect(new Set(rows.map((r) => r[0])).size).toBe(MAX_CUSTOMER);
		expect(customers).toHaveLength(MAX_CUSTOMER);
		expect(customers).toHaveLength(lib.features.customerIds.length);
		// Every transaction is paired to exactly one customer item.
		expect(customers.reduce((sum, item) => sum + (item.pairedItem as unknown[]).length, 0)).toBe(rows.length);
		const byId = new Map(customers.map((item) => [item.json.customerId as string, item.json]));
		for (const c of [0, 1, 100, MAX_CUSTOMER - 1]) {
			const json = byId.get(lib.features.customerIds[c])!;
			expect(json.frequency).toBe(lib.features.frequency[c]);
			expect(json.recencyDays).toBe(lib.features.recencyDays[c]);
			expect(json.segment).toBe(lib.segment[c]);
			expect(json.clusterName).toBe(lib.kmeans!.clusters[lib.kmeans!.assignments[c]].name);
			expect(json.clv as number).toBeCloseTo(lib.clv!.clv[c], 3);
		}
		const s = summary.json as { customers: number; asOf: string; segments: Array<{ segment: string; customers: number }>; clv: { bgnbd: { r: number; alpha: number } }; kmeans: { k: number } };
		expect(s.customers).toBe(MAX_CUSTOMER);
		expect(s.asOf).toBe('1998-07-01T00:00:00.000Z');
		expect(Object.fromEntries(s.segments.map((seg) => [seg.segment, seg.customers]))).toEqual(
			Object.fromEntries(lib.segments.map((seg) => [seg.segment, seg.customers])),
		);
		expect(s.clv.bgnbd.r).toBeCloseTo(lib.clv!.bgnbd.r, 5);
		expect(s.kmeans.k).toBe(lib.kmeans!.k);
	});
});
