// Compute RFM's Generate SQL operation: the per-customer RFM table in the warehouse, with the node's
// reading of values, netting, statuses, window, tie rule and segment grid (lib/warehouse/rfm.ts).
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { rfmSql } from '../../lib/warehouse';
import { addRunSummary, sqlGenerationFailure, getFieldName, dialectOptions, planItems } from '../shared';
import { warehouseParameters } from '../shared/warehouse';
import { rfmOptionsOf } from './results';

/** The Operation parameter and the warehouse tables of Generate SQL (spread first into the node's properties). */
export const generateSqlProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Compute', value: 'compute', action: 'Compute RFM from transactions', description: 'Score the input transactions in n8n' },
			{
				name: 'Generate SQL',
				value: 'generateSql',
				action: 'Generate SQL for a warehouse',
				description:
					"Output SQL statements that write the same per-customer RFM table in PostgreSQL, BigQuery or Snowflake, then the customers per segment; run them with n8n's database node",
			},
		],
		default: 'compute',
	},
	...warehouseParameters(
		{},
		{
			source: 'The transactions table, one row per transaction; its columns are the fields below',
			target:
				'The customer table the statements write (replaced): customer_id, recency_days, frequency, monetary, average_order_value, tenure_days, r_score, f_score, m_score, rfm, segment',
		},
	),
];

export function generateRfmSql(this: IExecuteFunctions): INodeExecutionData[][] {
	const node = this.getNode();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	if (options.kmeans || options.clv) {
		throw new NodeOperationError(node, 'K-means segments and CLV have no SQL form here', {
			description: 'Turn off "K-Means Segments" and "Compute CLV", or compute them in n8n on the customer table.',
		});
	}
	// The same reading of the options as the node's own run, so SQL and node score alike.
	const { asOf, windowDays, dateOrder, frequency, monetary, currencyDecimals, cancelledStatuses, returnedStatuses, cutPoints } = rfmOptionsOf(this);
	try {
		const sqlDialect = dialectOptions(this);
		const generated = rfmSql({
			...sqlDialect,
			sourceTable: String(this.getNodeParameter('sourceTable', 0, '')),
			targetTable: String(this.getNodeParameter('targetTable', 0, '')),
			customerIdColumn: getFieldName(this, 'customerIdField'),
			timestampColumn: getFieldName(this, 'timestampField'),
			amountColumn: getFieldName(this, 'amountField'),
			orderIdColumn: getFieldName(this, 'orderIdField') || undefined,
			quantityColumn: getFieldName(this, 'options.quantityField') || undefined,
			statusColumn: getFieldName(this, 'options.statusField') || undefined,
			asOf: asOf === undefined ? undefined : String(asOf),
			windowDays,
			dateOrder,
			frequency,
			monetary,
			currencyDecimals,
			cancelledStatuses,
			returnedStatuses,
			cutPoints,
		});
		addRunSummary(this, `${generated.statements.length} ${generated.dialect} statements: ${generated.description}`);
		return [planItems(generated, this.getInputData().length, sqlDialect.bigqueryParameters)];
	} catch (error) {
		throw sqlGenerationFailure(node, error);
	}
}
