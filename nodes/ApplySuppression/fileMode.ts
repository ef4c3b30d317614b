// Apply Suppression with Input = File: the audience is a CSV or JSON Lines file read into columns
// (lib/io); the suppression list is a file too when the Suppression List input's first item carries
// one in the same binary property, else its items. Same decisions as items, fail closed.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { ColumnTable } from '../../lib/io';
import { resultColumns, TableWriter } from '../../lib/io';
import { readConsent, readPresentKey, type DateOrder } from '../../lib/records';
import {
	applyHouseholdRules,
	buildSuppressionIndex,
	countReasons,
	decide,
	FieldVariants,
	foldFieldName,
	isKnownScope,
	ListFieldVariants,
	type AudienceMember,
	type ListField,
	type Decision,
	type SuppressionPolicy,
	type SuppressionRecord,
} from '../../lib/suppression';
import { addRunSummary, fileInputSettings, fileItem, fileOutputSettings, readField, readInputTable, requireColumns, rowError, rowList, withField } from '../shared';

export interface SuppressionFileSettings {
	policy: SuppressionPolicy;
	audienceFields: Record<string, string>;
	householdField: string;
	listFields: Record<string, string>;
	listFieldNames: readonly string[];
	audienceFieldNames: readonly string[];
	rules: IDataObject;
	summaryOutput: boolean;
	outputField: string;
	dateOrder: DateOrder;
}

/** Row objects of the named fields only (one at a time, never kept). */
function* rowsOf(table: ColumnTable, names: readonly string[], fields: Record<string, string>): Generator<Record<string, unknown>> {
	const readers = names.map((name) => [name, table.field(fields[name])] as const);
	for (let row = 0; row < table.rowCount; row++) {
		const record: Record<string, unknown> = {};
		for (const [name, read] of readers) record[name] = read(row);
		yield record;
	}
}

/** List entries of a file, its columns read as ListFieldVariants reads item fields (one row at a time, never kept). */
function* listRows(table: ColumnTable, fields: Record<ListField, string>, listVariants: ListFieldVariants): Generator<SuppressionRecord> {
	const variants = listVariants.variants(table.names);
	const readers = new Map<string, (row: number) => unknown>();
	const reader = (field: string) => {
		let read = readers.get(field);
		if (read === undefined) readers.set(field, (read = table.field(field)));
		return read;
	};
	for (let row = 0; row < table.rowCount; row++) yield ListFieldVariants.record(fields, variants, (field) => reader(field)(row), table.names);
}

export async function applySuppressionFile(context: IExecuteFunctions, settings: SuppressionFileSettings): Promise<INodeExecutionData[][]> {
	const { policy, outputField } = settings;
	const input = fileInputSettings(context);
	const { table } = await readInputTable(context, input, { what: 'audience file' });
	// A wrong header: none of the identifier columns the decision looks people up by.
	const identifiers = ['email', 'phone', 'customerId'].map((name) => ({ parameter: `Audience Fields: ${name}`, field: settings.audienceFields[name] }));
	if (!identifiers.some(({ field }) => table.hasField(field))) requireColumns(context, table, identifiers, 'audience file');
	const output = fileOutputSettings(context, 'audience');
	const outputs: INodeExecutionData[][] = [[], []];
	if (settings.summaryOutput) outputs.push([]);

	// The list: a file in the same binary property of its first item, or its items.
	const listItems = context.getInputData(1);
	const listIsFile = listItems[0]?.binary?.[input.binaryPropertyName] !== undefined;
	const listTable = listIsFile ? (await readInputTable(context, input, { inputIndex: 1, what: 'suppression list file' })).table : undefined;
	// List fields under another spelling (a BOM, `Email`, `Email Address`) are read too (lib/suppression ListFieldVariants).
	const listFields = settings.listFields as Record<ListField, string>;
	const listVariants = new ListFieldVariants(listFields);
	const records: Iterable<SuppressionRecord> = listTable
		? listRows(listTable, listFields, listVariants)
		: listItems.map((item) => {
				const keys = Object.keys(item.json);
				return ListFieldVariants.record(listFields, listVariants.variants(keys), (field) => readField(item.json, field), keys);
			});
	const index = buildSuppressionIndex(records, policy.defaultRegion, settings.dateOrder);
	// A list that names no one is a mapping mistake (a header the mapping does not name), not an
	// empty list: even with Continue On Fail nobody can be judged against it, so the node stops.
	const listCount = listTable ? listTable.rowCount : listItems.length;
	if (listCount > 0 && index.withoutIdentifier === listCount) {
		const mapped = ['email', 'phone', 'customerId', 'sha256'].map((name) => `"${settings.listFields[name]}"`).join(', ');
		const found = listTable ? listTable.names : Object.keys(listItems[0].json);
		throw new NodeOperationError(context.getNode(), `No suppression list ${listTable ? 'row' : 'item'} has an identifier under the mapped fields (${mapped})`, {
			description: `The list has the ${listTable ? 'columns' : 'fields'} ${found.slice(0, 10).map((name) => `"${name}"`).join(', ')}. Map its email, phone, customer ID or SHA-256 field under "List Fields".`,
		});
	}
	// A mapped audience column missing from the header while another spelling of it is there
	// ("Consent" for "consent") would read as missing on every row: stop and name it.
	for (const name of settings.audienceFieldNames) {
		const field = settings.audienceFields[name];
		if (table.hasField(field)) continue;
		const variant = table.names.find((column) => foldFieldName(column) === foldFieldName(field));
		if (variant !== undefined) {
			throw new NodeOperationError(context.getNode(), `The audience file has no column "${field}"; it has "${variant}"`, {
				description: `Set the audience field mapping to "${variant}" (field names are case-sensitive), or rename the column upstream.`,
			});
		}
	}
	// Fail closed: an unusable list entry stops the node; with Continue On Fail it is reported on
	// Suppressed while it still applies as far as it can.
	for (const problem of index.problems) {
		const fieldName = settings.listFields[problem.field];
		const error = rowError(context, problem.entry + 1, { field: fieldName, expected: problem.expected, received: 'unusable' });
		error.message = `Suppression list ${listTable ? 'file' : 'item'} ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
		if (!context.continueOnFail()) throw error;
		outputs[1].push({ json: { error: error.message, details: { entry: problem.entry, field: fieldName, expected: problem.expected } }, pairedItem: { item: listTable ? 0 : problem.entry, input: 1 } });
	}
	const unknownScopes = new Set<string>();
	for (const entry of index.entries) if (!isKnownScope(entry.scope, policy)) unknownScopes.add(entry.scope);
	if (unknownScopes.size > 0) {
		context.addExecutionHints({
			message: `Suppression list entries are scoped to ${[...unknownScopes].slice(0, 5).map((scope) => `"${scope}"`).join(', ')}, which is not global, a channel or one of this send's lists: they were not applied.`,
			type: 'warning',
			location: 'outputPane',
		});
	}

	const unrecognizedConsent: number[] = [];
	const ownDecisions: Decision[] = [];
	// A mapped column under a second spelling ("consent" and "Consent", a BOM-prefixed header) that
	// says something else on a row holds that person back.
	const variants = new FieldVariants(settings.audienceFields).variants(table.names);
	const variantReaders = new Map(variants.map(({ variant }) => [variant, table.field(variant)] as const));
	let row = 0;
	for (const member of rowsOf(table, settings.audienceFieldNames, settings.audienceFields)) {
		if (readConsent(member.consent) === 'unrecognized') unrecognizedConsent.push(row + 1);
		const decision = decide(member as AudienceMember, index, policy);
		const at = row;
		ownDecisions.push(variants.length === 0 ? decision : FieldVariants.apply(decision, variants, member as AudienceMember, (field) => variantReaders.get(field)!(at)));
		row++;
	}
	const household = table.field(settings.householdField);
	const households: Array<string | undefined> = new Array(table.rowCount);
	for (let r = 0; r < table.rowCount; r++) households[r] = readPresentKey(household(r));
	const decisions = applyHouseholdRules(ownDecisions, households, {
		maxPerHousehold: Number(settings.rules.maxPerHousehold ?? 0),
		extendOptOut: settings.rules.extendOptOutToHousehold === true,
	});
	const result = (r: number): IDataObject => {
		const decision = decisions[r];
		return withField(table.rowObject(r) as IDataObject, outputField, { eligible: decision.eligible, reasons: decision.reasons, warnings: decision.warnings } as unknown as IDataObject);
	};
	const counts = countReasons(decisions);
	const summary: IDataObject = { channel: policy.channel, ...counts, listEntries: listTable ? listTable.rowCount : listItems.length, unusableListEntries: index.problems.length };

	if (!output) {
		for (let r = 0; r < table.rowCount; r++) outputs[decisions[r].eligible ? 0 : 1].push({ json: result(r), pairedItem: { item: 0 } });
	} else {
		const example = { eligible: true, reasons: [], warnings: [] };
		const columns = resultColumns(table.names, { [outputField]: example });
		const writers = [new TableWriter({ format: output.format, columns }), new TableWriter({ format: output.format, columns })];
		const previews: INodeExecutionData[][] = [[], []];
		for (let r = 0; r < table.rowCount; r++) {
			const at = decisions[r].eligible ? 0 : 1;
			const json = result(r);
			writers[at].write(json);
			if (previews[at].length < output.previewRows) previews[at].push({ json, pairedItem: { item: 0 } });
		}
		outputs[0] = [await fileItem(context, writers[0], output, { output: 'Eligible', ...summary }, 'eligible'), ...previews[0]];
		outputs[1] = [...outputs[1], await fileItem(context, writers[1], output, { output: 'Suppressed', ...summary }, 'suppressed'), ...previews[1]];
	}
	if (unrecognizedConsent.length > 0) {
		context.addExecutionHints({
			message: `Consent values not recognised in rows ${rowList(unrecognizedConsent)}, so those people were held back (unknown_consent_value).`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	const byReason = Object.entries(counts)
		.filter(([key]) => key !== 'eligible' && key !== 'suppressed')
		.map(([key, count]) => `${key} ${count}`)
		.join(', ');
	addRunSummary(context, `File of ${table.rowCount} rows: ${counts.eligible} eligible, ${counts.suppressed} suppressed${byReason ? ` (${byReason})` : ''}`);
	if (settings.summaryOutput) outputs[2].push({ json: summary, pairedItem: { item: 0 } });
	return outputs;
}
