// Apply Suppression's Generate SQL operation: the list check of an audience table against a
// suppression table, in the warehouse (email channel).
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { suppressionSql, SqlGenerationError, type Dialect } from '../../lib/warehouse';
import { addRunSummary, planItems } from '../shared';

/** A column the user mapped explicitly (the item defaults name fields a table may not have). */
function mapped(mapping: IDataObject, name: string): string | undefined {
	const value = String(mapping[name] ?? '').trim();
	return value || undefined;
}

export function generateSuppressionSql(this: IExecuteFunctions, channel: string, audienceFields: IDataObject, listFields: IDataObject): INodeExecutionData[][] {
	const node = this.getNode();
	if (channel !== 'email') {
		throw new NodeOperationError(node, 'Generate SQL covers the email channel', { description: 'Set "Channel" to Email, or decide SMS and push sends in n8n.' });
	}
	// Phone numbers need libphonenumber, which no warehouse has: an entry known only by its phone
	// would hold nobody in SQL while the node holds the person. A mapped phone column is refused
	// rather than silently left out.
	if (mapped(listFields, 'phone') || mapped(audienceFields, 'phone')) {
		throw new NodeOperationError(node, 'Generate SQL cannot match phone numbers, and a phone field is mapped', {
			description:
				'Suppression list entries known only by a phone number would not hold anyone in the warehouse. Clear the Phone field under "List Fields" and "Audience Fields" if the list has an email, customer ID or SHA-256 for everyone, or decide this send in n8n.',
		});
	}
	try {
		const generated = suppressionSql({
			dialect: this.getNodeParameter('dialect', 0) as Dialect,
			audienceTable: String(this.getNodeParameter('sourceTable', 0, '')),
			targetTable: String(this.getNodeParameter('targetTable', 0, '')),
			suppressionTable: String(this.getNodeParameter('suppressionTable', 0, '')),
			audienceEmailColumn: mapped(audienceFields, 'email') ?? 'email',
			audienceCustomerIdColumn: mapped(audienceFields, 'customerId'),
			suppressionEmailColumn: mapped(listFields, 'email') ?? 'email',
			suppressionCustomerIdColumn: mapped(listFields, 'customerId'),
			suppressionSha256Column: mapped(listFields, 'sha256'),
			suppressionScopeColumn: mapped(listFields, 'scope'),
			suppressionExpiresAtColumn: mapped(listFields, 'expiresAt'),
			suppressionReasonColumn: mapped(listFields, 'reason'),
			lists: String(this.getNodeParameter('lists', 0, ''))
				.split(',')
				.map((name) => name.trim().toLowerCase())
				.filter(Boolean),
		});
		addRunSummary(this, `${generated.statements.length} ${generated.dialect} statements: ${generated.description}`);
		return [planItems(generated, this.getInputData(0).length)];
	} catch (error) {
		const description = error instanceof SqlGenerationError ? `Check the "${error.parameter}" parameter.` : undefined;
		throw new NodeOperationError(node, error as Error, { description });
	}
}
