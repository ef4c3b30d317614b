import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { BIGQUERY_JSON_PARAMETER, SqlGenerationError, type BigQueryParameters, type Dialect, type SqlPlan } from '../../lib/warehouse';

/** Dialect, source and target table parameters of a Generate SQL operation. */
export function warehouseParameters(show: IDataObject, tables: { source: string; target?: string }): INodeProperties[] {
	const displayOptions = { show: { operation: ['generateSql'], ...show } };
	const parameters: INodeProperties[] = [
		{
			displayName: 'SQL Dialect',
			name: 'dialect',
			type: 'options',
			options: [
				{ name: 'PostgreSQL', value: 'postgres' },
				{ name: 'BigQuery', value: 'bigquery' },
				{ name: 'Snowflake', value: 'snowflake' },
			],
			default: 'postgres',
			displayOptions,
			description: 'The warehouse that runs the statements (each item holds one statement and its bound values)',
		},
		{
			displayName: 'BigQuery Parameters',
			name: 'bigqueryParameters',
			type: 'options',
			options: [
				{
					name: 'Numbered',
					value: 'numbered',
					description: 'One named parameter per value, read as @p1, @p2, ...: bind p1, p2, ... in the BigQuery step.',
				},
				{
					name: 'One JSON Array',
					value: 'json',
					description: 'Every value in one named parameter, read as @params: bind params to the item\'s parameters as JSON text, the same for every statement',
				},
			],
			default: 'numbered',
			displayOptions: { show: { ...displayOptions.show, dialect: ['bigquery'] } },
			description:
				"How the statements take their values. n8n's BigQuery step lists its named parameters in the workflow, so one step running statements with different numbers of values needs One JSON Array.",
		},
		{
			displayName: 'Source Table',
			name: 'sourceTable',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. marketing.customers',
			displayOptions,
			description: tables.source,
		},
	];
	if (tables.target) {
		parameters.push({
			displayName: 'Target Table',
			name: 'targetTable',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. marketing.assignments',
			displayOptions,
			description: tables.target,
		});
	}
	return parameters;
}

/** The dialect and, for BigQuery, how its statements take their values (the Generate SQL parameters). */
/** A Generate SQL failure as every node reports it: a setting the SQL refuses names its parameter. */
export function sqlGenerationFailure(node: INode, error: unknown): NodeOperationError {
	const description = error instanceof SqlGenerationError ? `Check the "${error.parameter}" parameter.` : undefined;
	return new NodeOperationError(node, error as Error, { description });
}

export function dialectOptions(context: IExecuteFunctions): { dialect: Dialect; bigqueryParameters: BigQueryParameters } {
	const dialect = context.getNodeParameter('dialect', 0) as Dialect;
	const bigqueryParameters = dialect === 'bigquery' ? (context.getNodeParameter('bigqueryParameters', 0, 'numbered') as BigQueryParameters) : 'numbered';
	return { dialect, bigqueryParameters };
}

/**
 * One item per statement, in order: `sql`, `parameters` (the values for $1.. / :1.. as an array,
 * for the Postgres and Snowflake nodes' Query Parameters) and `namedParameters` (name/value pairs
 * for the BigQuery node: p1, p2, ..., or with One JSON Array the one pair `params`), with what
 * each statement does.
 */
export function planItems(plan: SqlPlan, pairedItems: number, bigqueryParameters: BigQueryParameters = 'numbered'): INodeExecutionData[] {
	const json = plan.dialect === 'bigquery' && bigqueryParameters === 'json';
	const paired = Array.from({ length: Math.max(pairedItems, 1) }, (_, item) => ({ item }));
	return plan.statements.map((statement, index) => ({
		json: {
			step: index + 1,
			steps: plan.statements.length,
			name: statement.name,
			dialect: plan.dialect,
			sql: statement.sql,
			parameters: statement.parameters,
			namedParameters: json
				? statement.parameters.length
					? [{ name: BIGQUERY_JSON_PARAMETER, value: JSON.stringify(statement.parameters) }]
					: []
				: statement.parameters.map((value, i) => ({ name: `p${i + 1}`, value })),
			returnsRows: statement.returnsRows,
			description: statement.description,
			planDescription: plan.description,
		},
		pairedItem: paired,
	}));
}
