// Resolve Identity's Generate SQL operation: the deterministic rules as warehouse statements
// (lib/warehouse/identity.ts). Only columns mapped in Record Fields are read: a default field name
// the table may not have would fail in the warehouse, not here.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { callingCodeOf } from '../../lib/records';
import { identitySql } from '../../lib/warehouse';
import { addRunSummary, sqlGenerationFailure, commaList, dialectOptions, planItems } from '../shared';
import { warehouseParameters } from '../shared/warehouse';

const show = { show: { operation: ['generateSql'] } };

/** The Operation parameter, the warehouse tables and the passes of Generate SQL (spread first into the node's properties). */
export const generateSqlProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Resolve', value: 'resolve', action: 'Resolve identities', description: 'Link the input records in n8n (rules and probabilistic matching)' },
			{
				name: 'Generate SQL',
				value: 'generateSql',
				action: 'Generate SQL for a warehouse',
				description: "Output SQL statements that link the records of a warehouse table by the deterministic rules (email, phone, extra identifiers), for n8n's database node",
			},
		],
		default: 'resolve',
	},
	{
		displayName:
			'The warehouse runs the deterministic rules only (email, phone, extra identifiers; probabilistic matching stays in n8n) and errs apart: a value whose records disagree on given name, surname or birth date links nobody, and on an email or phone a record without a given name links nobody. Map the name and birth date columns in Record Fields so it can tell.',
		name: 'sqlNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	...warehouseParameters(
		{},
		{
			source: 'The records table, one row per record; its columns are the Record Fields below',
			target: 'The table the statements write (replaced): record_key, customer_key (the smallest record key of the customer)',
		},
	),
	{
		displayName: 'Passes',
		name: 'passes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 200 },
		default: 20,
		displayOptions: show,
		description: 'Label-propagation passes. A chain of n links settles in about log2(n); the summary statement counts records another pass would still change (unsettled).',
	},
];

/** Guardrails with no SQL form: set, they stop the node rather than be ignored. */
const NOT_IN_SQL = ['blockedPatterns', 'blockedValues', 'maxClusterSize', 'maxEmails', 'maxNamesPerValue', 'maxPhones', 'uniqueSources'];

export function generateIdentitySql(this: IExecuteFunctions): INodeExecutionData[][] {
	const node = this.getNode();
	const mapped = this.getNodeParameter('recordFields', 0, {}) as IDataObject;
	const column = (name: string): string | undefined => {
		const value = mapped[name];
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	const guardrails = this.getNodeParameter('guardrails', 0, {}) as IDataObject;
	const unsupported = NOT_IN_SQL.filter((name) => guardrails[name] !== undefined && guardrails[name] !== '');
	if (unsupported.length > 0) {
		throw new NodeOperationError(node, `Guardrails ${unsupported.map((name) => `"${name}"`).join(', ')} have no SQL form here`, {
			description: 'Remove them to generate SQL (the SQL refuses values whose records disagree on names or birth dates, and values held by more than 50 records), or resolve in n8n.',
		});
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const region = String(options.defaultRegion ?? '').trim();
	const countryCode = region ? callingCodeOf(region) : undefined;
	if (region && !countryCode) throw new NodeOperationError(node, `Default Region "${region}" is not a country code`, { description: 'Use a two-letter country code such as US, GB or DE.' });
	try {
		const sqlDialect = dialectOptions(this);
		const generated = identitySql({
			...sqlDialect,
			sourceTable: String(this.getNodeParameter('sourceTable', 0, '')),
			targetTable: String(this.getNodeParameter('targetTable', 0, '')),
			recordKeyColumn: column('recordKeyField') ?? 'id',
			emailColumn: column('emailField'),
			phoneColumn: column('phoneField'),
			idColumns: commaList(column('extraIdFields') ?? ''),
			firstNameColumn: column('firstNameField'),
			lastNameColumn: column('lastNameField'),
			birthDateColumn: column('dateOfBirthField'),
			allowRoleEmails: guardrails.allowRoleEmails === true,
			passes: Number(this.getNodeParameter('passes', 0, 20)),
			countryCode,
		});
		addRunSummary(this, `${generated.statements.length} ${generated.dialect} statements: ${generated.description}`);
		return [planItems(generated, this.getInputData().length, sqlDialect.bigqueryParameters), [], [], []];
	} catch (error) {
		throw sqlGenerationFailure(node, error);
	}
}
