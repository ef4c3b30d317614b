// Hillstrom's 64,000 customers read from CSV in real n8n, through Measure Lift: the lift per arm
// and metric equals the reference figures in ../shared/datasets/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

// Real path: n8n compares a file's resolved path with the allowed folder, so a symlinked
// ../shared would otherwise be refused.
const datasets = fs.realpathSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'datasets', 'lift'));

function workflow(): WorkflowJson {
	return {
		name: 'e2e: measure lift on Hillstrom',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'read',
				name: 'Read Hillstrom',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [220, 0],
				parameters: { operation: 'read', fileSelector: path.join(datasets, 'hillstrom.csv'), options: {} },
			},
			{
				id: 'parse',
				name: 'Parse CSV',
				type: 'n8n-nodes-base.extractFromFile',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: { operation: 'csv', options: { headerRow: true } },
			},
			{
				id: 'lift',
				name: 'Measure Lift',
				type: `${PACKAGE}.measureLift`,
				typeVersion: 1,
				position: [660, 0],
				parameters: {
					inputFormat: 'rows',
					armField: 'segment',
					controlArm: 'No E-Mail',
					metrics: {
						metric: [
							{ field: 'visit', kind: 'binary' },
							{ field: 'conversion', kind: 'binary' },
							{ field: 'spend', kind: 'continuous' },
						],
					},
					confidence: 95,
					options: { chart: true },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Read Hillstrom', type: 'main', index: 0 }]] },
			'Read Hillstrom': { main: [[{ node: 'Parse CSV', type: 'main', index: 0 }]] },
			'Parse CSV': { main: [[{ node: 'Measure Lift', type: 'main', index: 0 }]] },
		},
	};
}

describe('Measure Lift in real n8n', () => {
	it('reproduces the Hillstrom reference table', async () => {
		const [items] = outputsOf(await runWorkflow(workflow(), { N8N_RESTRICT_FILE_ACCESS_TO: datasets }), 'Measure Lift');
		expect(items).toHaveLength(6);
		const get = (arm: string, metric: string) => items.find((i) => i.json.arm === arm && i.json.metric === metric)!.json;
		const r = (v: unknown, d: number) => Number((v as number).toFixed(d));
		const mensVisit = get('Mens E-Mail', 'visit');
		expect([r(mensVisit.value, 5), r(mensVisit.controlValue, 5)]).toEqual([0.18276, 0.10617]);
		expect([r(mensVisit.absoluteCiLow, 5), r(mensVisit.absoluteCiHigh, 5)]).toEqual([0.06995, 0.08323]);
		const womensConversion = get('Womens E-Mail', 'conversion');
		expect([r(womensConversion.absoluteCiLow, 5), r(womensConversion.absoluteCiHigh, 5)]).toEqual([0.0015, 0.00472]);
		const mensSpend = get('Mens E-Mail', 'spend');
		expect([r(mensSpend.absoluteLift, 3), r(mensSpend.absoluteCiLow, 3), r(mensSpend.absoluteCiHigh, 3), r(mensSpend.statistic, 2)]).toEqual([
			0.77, 0.485, 1.055, 5.3,
		]);
		expect(r((mensSpend.srm as { chiSquare: number }).chiSquare, 4)).toBe(0.2025);
		expect(items[0].binary?.chart?.mimeType).toBe('image/svg+xml');
		expect(items[0].binary?.chartPng?.mimeType).toBe('image/png');
		expect((items[0].pairedItem as unknown[]).length).toBe(42693); // Womens (21,387) + control (21,306)
	});
});
