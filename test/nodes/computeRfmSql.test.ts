// Compute RFM's Generate SQL operation through the node: statements as items with their bound values,
// the node's field and option parameters as columns and rules, and what has no SQL form refused.
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { executeNode } from '../helpers/executeNode';

const fields = { customerIdField: 'customer_id', timestampField: 'ordered_at', amountField: 'total', orderIdField: 'order_id' };

describe('Compute RFM: Generate SQL', () => {
	it('outputs one item per statement with its bound values', async () => {
		const { outputs, hints } = await executeNode(new ComputeRfm(), {
			parameters: {
				...fields,
				operation: 'generateSql',
				dialect: 'snowflake',
				sourceTable: 'mk.orders',
				targetTable: 'mk.rfm',
				options: { statusField: 'status', cancelledStatuses: 'Void, test order', windowDays: 365, asOf: '2026-01-01' },
			},
			inputs: [[{}]],
		});
		expect(outputs).toHaveLength(1);
		const items = outputs[0].map((item) => item.json);
		expect(items.map((item) => item.name)).toEqual(['rows', 'scores', 'segments', 'report', 'cleanup']);
		expect(items[0].sql).toContain('CREATE OR REPLACE TABLE "MK"."RFM_ROWS"');
		expect(items[0].sql).toContain('"CUSTOMER_ID"');
		expect(items[0].parameters).toEqual(['void', 'test order', 'returned', 'refunded', 'return', 'refund']);
		expect(items[0].sql).not.toContain('test order');
		expect(items[1].sql).toContain('CREATE OR REPLACE TABLE "MK"."RFM"');
		expect(items[3].returnsRows).toBe(true);
		expect(items[4].sql).toBe('DROP TABLE IF EXISTS "MK"."RFM_ROWS"');
		expect(hints[hints.length - 1].message).toMatch(/5 snowflake statements/);
	});

	it('refuses k-means and CLV, which have no SQL form', async () => {
		await expect(
			executeNode(new ComputeRfm(), { parameters: { ...fields, operation: 'generateSql', sourceTable: 'o', targetTable: 'r', options: { clv: true } }, inputs: [[{}]] }),
		).rejects.toThrow(/CLV/);
	});

	it('names the parameter of an option it cannot reproduce', async () => {
		await expect(
			executeNode(new ComputeRfm(), { parameters: { ...fields, operation: 'generateSql', sourceTable: 'o', targetTable: 'r', options: { asOf: 'next week' } }, inputs: [[{}]] }),
		).rejects.toThrow(/as-of/);
	});
});
