import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SqlPlan } from '../../lib/warehouse';

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

/**
 * One item per statement, in order: `sql`, `parameters` (the values for $1.. / :1.. as an array,
 * for the Postgres and Snowflake nodes' Query Parameters) and `namedParameters` (name/value pairs
 * for the BigQuery node), with what each statement does.
 */
export function planItems(plan: SqlPlan, pairedItems: number): INodeExecutionData[] {
	const paired = Array.from({ length: Math.max(pairedItems, 1) }, (_, item) => ({ item }));
	return plan.statements.map((statement, index) => ({
		json: {
			step: index + 1,
			steps: plan.statements.length,
			name: statement.name,
			dialect: plan.dialect,
			sql: statement.sql,
			parameters: statement.parameters,
			namedParameters: statement.parameters.map((value, i) => ({ name: `p${i + 1}`, value })),
			returnsRows: statement.returnsRows,
			description: statement.description,
			planDescription: plan.description,
		},
		pairedItem: paired,
	}));
}
