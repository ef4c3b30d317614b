// The warehouse RFM campaign template (warehouse-rfm-campaign-postgres.json) in real n8n against
// PostgreSQL, as imported (it makes its own sample orders): RFM, the holdout and the lift statistics
// computed by the generated SQL, each checked against the nodes run in-process on the same rows.
import type { IDataObject } from 'n8n-workflow';
import { assignKey, planHoldout, treatmentControlArms } from '../../lib/holdout';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { executeNode } from '../helpers/executeNode';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../helpers/postgres';
import { outputsOf, runWorkflow, type WorkflowJson } from '../e2e/n8n';
import { importCredential, newId, postgresCredential, readTemplate, testCopy } from './n8n';

jest.setTimeout(300_000);

let db: TestDatabase;
const schema = uniqueSchema('tpl_wh_rfm');

beforeAll(async () => {
	db = await connectTestDatabase();
	await db.client.query(`CREATE SCHEMA ${schema}`);
});

afterAll(async () => {
	await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await db.close();
});

describe('template: warehouse RFM campaign (Postgres)', () => {
	it('runs as imported; RFM, arms and lift statistics equal the nodes\' on the same rows', async () => {
		const credentialId = newId();
		importCredential(postgresCredential(credentialId, db.url));
		const template = readTemplate('warehouse-rfm-campaign-postgres.json');
		const workflow = testCopy(template, { schema, postgresCredentialId: credentialId });
		const execution = await runWorkflow(workflow as WorkflowJson);
		expect(execution.data.resultData.error).toBeUndefined();

		// RFM: the table vs Compute RFM on the orders read back from the table.
		const orders = (await db.client.query(`SELECT * FROM ${schema}.wh_orders`)).rows as IDataObject[];
		const rfmStep = template.nodes.find((n: IDataObject) => n.name === 'RFM SQL');
		const node = await executeNode(new ComputeRfm(), {
			parameters: { ...rfmStep.parameters, operation: 'compute' },
			inputs: [orders],
			continueOnFail: true,
		});
		const customers = node.outputs[0].filter((item) => item.json.customerId !== undefined).map((item) => item.json);
		const table = new Map((await db.client.query(`SELECT * FROM ${schema}.wh_rfm`)).rows.map((row) => [row.customer_id, row]));
		expect(table.size).toBe(customers.length);
		const different = customers.filter((c) => {
			const row = table.get(c.customerId);
			return !row || row.segment !== c.segment || row.rfm !== c.rfm || Number(row.frequency) !== c.frequency;
		});
		expect(different).toEqual([]);
		const [report] = outputsOf(execution, 'RFM Report');
		expect(report[0].json).toMatchObject({ badRows: 2 + 1, customers: customers.length });
		expect(node.outputs[1][0].json.badRows).toBe(3);

		// Holdout: every assignment is the node's.
		const plan = planHoldout({ salt: 'winback-2026', arms: treatmentControlArms(10) });
		const assignments = (await db.client.query(`SELECT customer_key, arm, bucket FROM ${schema}.wh_assignments`)).rows;
		const audience = (await db.client.query(`SELECT customer_id FROM ${schema}.wh_audience`)).rows;
		expect(assignments.length).toBe(audience.length);
		expect(assignments.length).toBeGreaterThan(200);
		expect(assignments.filter((a) => assignKey(plan, a.customer_key).arm !== a.arm)).toEqual([]);
		const targeted = new Set(["At Risk", "Can't Lose Them", 'Hibernating', 'About to Sleep']);
		expect(audience.length).toBe(customers.filter((c) => targeted.has(String(c.segment))).length);
		const [srm] = outputsOf(execution, 'Check Sample Ratio');
		expect((srm[0].json.srm as IDataObject).mismatch).toBe(false);

		// Lift: Measure Lift on the warehouse statistics vs Measure Lift on the outcome rows.
		const outcomes = (await db.client.query(`SELECT arm, converted, revenue, pre_revenue FROM ${schema}.wh_outcomes`)).rows as IDataObject[];
		const liftStep = template.nodes.find((n: IDataObject) => n.name === 'Measure Lift');
		const onRows = await executeNode(new MeasureLift(), {
			parameters: { armField: 'arm', controlArm: 'control', metrics: liftStep.parameters.metrics, options: { cuped: true } },
			inputs: [outcomes],
		});
		const [lift] = outputsOf(execution, 'Measure Lift');
		expect(lift.length).toBe(onRows.outputs[0].length);
		for (const expected of onRows.outputs[0].map((item) => item.json)) {
			const actual = lift.find((item) => item.json.arm === expected.arm && item.json.metric === expected.metric)!.json;
			expect(actual.n).toBe(expected.n);
			expect(actual.controlN).toBe(expected.controlN);
			expect(actual.value as number).toBeCloseTo(expected.value as number, 8);
			expect(actual.absoluteLift as number).toBeCloseTo(expected.absoluteLift as number, 8);
		}
	});
});
