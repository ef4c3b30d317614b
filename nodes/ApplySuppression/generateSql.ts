// Apply Suppression's Generate SQL operation: the list check of an audience table against a
// suppression table, in the warehouse (email channel).
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { suppressionSql } from '../../lib/warehouse';
import { addRunSummary, sqlGenerationFailure, dialectOptions, planItems } from '../shared';

/** A column the user mapped explicitly (the item defaults name fields a table may not have). */
function mapped(mapping: IDataObject, name: string): string | undefined {
	const value = String(mapping[name] ?? '').trim();
	return value || undefined;
}

/** Audience fields the SQL does not read: each decides who may be contacted in the node. */
const PERSON_FIELDS = ['consent', 'optedInAt', 'optedOutAt', 'bounced', 'complained', 'country', 'timeZone', 'sends'] as const;
const FIELD_LABELS: Record<(typeof PERSON_FIELDS)[number], string> = {
	consent: 'Consent Field',
	optedInAt: 'Opted In At Field',
	optedOutAt: 'Opted Out At Field',
	bounced: 'Bounced Field',
	complained: 'Complained Field',
	country: 'Country Field',
	timeZone: 'Time Zone Field',
	sends: 'Send History Field',
};

export function generateSuppressionSql(
	this: IExecuteFunctions,
	channel: string,
	audienceFields: IDataObject,
	listFields: IDataObject,
	rules: IDataObject,
): INodeExecutionData[][] {
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
	// The SQL is the list check only: consent, bounces, complaints, countries, send histories and the
	// rules read per-person values it does not see. A mapped field or a set rule it would ignore is
	// refused, so nobody comes out eligible in the warehouse whom the node would hold back.
	const ignoredFields = PERSON_FIELDS.filter((name) => mapped(audienceFields, name));
	if (ignoredFields.length > 0) {
		throw new NodeOperationError(node, `Generate SQL checks the suppression list only, and ${ignoredFields.map((name) => `"${FIELD_LABELS[name]}"`).join(', ')} ${ignoredFields.length === 1 ? 'is' : 'are'} mapped`, {
			description:
				'The warehouse would write eligible = true for people whose consent, bounce or complaint these fields record. Decide this send in n8n (operation Decide), or clear those fields under "Audience Fields" if the audience table already holds only people who may be contacted.',
		});
	}
	const ignoredRules = Object.keys(rules).filter((name) => rules[name] !== undefined && rules[name] !== '');
	if (ignoredRules.length > 0) {
		throw new NodeOperationError(node, `Generate SQL applies no rules, and ${ignoredRules.map((name) => `"${name}"`).join(', ')} ${ignoredRules.length === 1 ? 'is' : 'are'} set`, {
			description: 'Caps, quiet hours, opt-in countries and household rules need per-person histories the SQL does not read. Remove the rules, or decide this send in n8n (operation Decide).',
		});
	}
	try {
		const sqlDialect = dialectOptions(this);
		const generated = suppressionSql({
			...sqlDialect,
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
		return [planItems(generated, this.getInputData(0).length, sqlDialect.bigqueryParameters)];
	} catch (error) {
		throw sqlGenerationFailure(node, error);
	}
}
