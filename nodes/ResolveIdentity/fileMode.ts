// Resolve Identity with Input = File: the records are a CSV or JSON Lines file read into columns
// (lib/io) and resolved through lib/identity's columnar entry point. Records, golden profiles,
// the identity map and households come out as items or as one file each with a summary. The
// previous identity map is a file too when the second input's first item carries one.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { PreviousMapEntry } from '../../lib/identity';
import { resolveIdentityColumnParts, type IdentityColumns } from '../../lib/identity/columns';
import { ColumnSet, columnsFor, TableWriter } from '../../lib/io';
import { addRunSummary, asKey, fieldProblem, fileInputSettings, fileItem, fileOutputSettings, readField, readInputTable, requireColumns, rowError, rowList, type FileOutputSettings } from '../shared';
import { FIELDS, householdJson, PARAMETERS, PREVIOUS_MAP_FIELDS, previousEntry, profileJson, recordJson, relatedIds, resolveOptionsOf, statsHint, type IdentitySettings } from './results';

const MATCHING = FIELDS.filter((name) => name !== 'recordKey' && name !== 'source' && name !== 'updatedAt');

/** One output as items, or as a file (two passes: the header is the union of the rows' fields) with its previews. */
async function emit(
	context: IExecuteFunctions,
	output: FileOutputSettings | undefined,
	count: number,
	json: (k: number) => IDataObject,
	name: string,
	initialColumns: readonly string[] = [],
): Promise<INodeExecutionData[]> {
	if (!output) {
		const items: INodeExecutionData[] = new Array(count);
		for (let k = 0; k < count; k++) items[k] = { json: json(k), pairedItem: { item: 0 } };
		return items;
	}
	let columns: readonly string[] = [];
	if (output.format === 'csv') {
		const set = new ColumnSet(initialColumns);
		for (let k = 0; k < count; k++) set.add(json(k));
		columns = set.names;
	}
	const writer = new TableWriter({ format: output.format, columns });
	const preview: INodeExecutionData[] = [];
	for (let k = 0; k < count; k++) {
		const row = json(k);
		writer.write(row);
		if (preview.length < output.previewRows) preview.push({ json: row, pairedItem: { item: 0 } });
	}
	const suffix = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	return [await fileItem(context, writer, output, { output: name }, suffix), ...preview];
}

async function previousMapOf(context: IExecuteFunctions, binaryPropertyName: string): Promise<PreviousMapEntry[]> {
	let items: INodeExecutionData[] = [];
	try {
		items = context.getInputData(1);
	} catch {
		items = [];
	}
	const previousMap: PreviousMapEntry[] = [];
	if (items[0]?.binary?.[binaryPropertyName] !== undefined) {
		// Only the map's own columns are read: the map is often the records file itself.
		const { table } = await readInputTable(context, fileInputSettings(context), { inputIndex: 1, what: 'previous identity map file', columns: columnsFor(PREVIOUS_MAP_FIELDS) });
		requireColumns(context, table, [{ parameter: 'Previous Identity Map: recordKey', field: 'recordKey' }, { parameter: 'Previous Identity Map: customerId', field: 'customerId' }], 'previous identity map file');
		const readers = new Map<string, (row: number) => unknown>();
		const reader = (field: string) => {
			let read = readers.get(field);
			if (!read) readers.set(field, (read = table.field(field)));
			return read;
		};
		for (let row = 0; row < table.rowCount; row++) {
			const entry = previousEntry((field) => reader(field)(row));
			if (entry) previousMap.push(entry);
		}
		return previousMap;
	}
	for (const item of items) {
		const entry = previousEntry((field) => readField(item.json, field));
		if (entry) previousMap.push(entry);
	}
	return previousMap;
}

export async function resolveIdentityFile(context: IExecuteFunctions, settings: IdentitySettings): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const { fields, idFields } = settings;
	const input = fileInputSettings(context);
	const { table } = await readInputTable(context, input, { what: 'records file' });
	requireColumns(context, table, [{ parameter: 'Record Fields: Record Key Field', field: fields.recordKey }, ...idFields.map((field) => ({ parameter: 'Record Fields: Extra ID Fields', field }))], 'records file');
	if (!MATCHING.some((name) => table.hasField(fields[name])) && idFields.length === 0) {
		requireColumns(context, table, MATCHING.map((name) => ({ parameter: `Record Fields: ${PARAMETERS[name]}`, field: fields[name] })), 'records file');
	}
	const output = fileOutputSettings(context, 'identity');

	// Keys: a bad or repeated key stops the node (fail closed), or with Continue On Fail becomes an error row.
	const readKey = table.field(fields.recordKey);
	const keys: string[] = [];
	const recordRows: number[] = [];
	const errors = new Map<number, IDataObject>();
	const firstRow = new Map<string, number>();
	const duplicates: string[] = [];
	for (let row = 0; row < table.rowCount; row++) {
		const value = readKey(row);
		const key = asKey(value);
		if (key === undefined) {
			const problem = fieldProblem(fields.recordKey, 'a non-empty record key (text or number)', value);
			const error = rowError(context, row + 1, problem);
			if (!context.continueOnFail()) throw error;
			errors.set(row, { error: error.message, details: { row: row + 1, ...problem } });
			continue;
		}
		const first = firstRow.get(key);
		if (first !== undefined) {
			duplicates.push(key);
			const problem = { field: fields.recordKey, expected: 'a record key not used by an earlier row', received: 'a duplicate key' };
			errors.set(row, { error: `Row ${row + 1}: record key "${key}" is also used by row ${first + 1}`, details: { row: row + 1, ...problem } });
			continue;
		}
		firstRow.set(key, row);
		keys.push(key);
		recordRows.push(row);
	}
	if (duplicates.length > 0 && !context.continueOnFail()) {
		const names = [...new Set(duplicates)];
		throw new NodeOperationError(node, `Duplicate record keys in column "${fields.recordKey}": ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`, {
			description: 'Every record needs its own key (e.g. prefix it with its source: "crm:123"). Remove or rename the duplicates.',
		});
	}

	// The mapped columns of the usable rows, as lib/identity's columnar entry point takes them.
	const rows = recordRows.length === table.rowCount ? null : recordRows;
	const columns: IdentityColumns = { key: keys };
	for (const name of FIELDS) {
		if (name === 'recordKey' || !table.hasField(fields[name])) continue;
		columns[name] = table.values(fields[name], rows);
	}
	if (columns.source) columns.source = Array.from(columns.source as ArrayLike<unknown>, (value) => asKey(value));
	if (idFields.length > 0) columns.ids = Object.fromEntries(idFields.map((field) => [field, table.values(field, rows)]));

	const previousMap = await previousMapOf(context, input.binaryPropertyName);
	let result;
	try {
		// Results are built row by row as the files are written, never all held at once.
		result = resolveIdentityColumnParts(columns, resolveOptionsOf(context, previousMap));
	} catch (error) {
		throw new NodeOperationError(node, error as Error, { description: 'Check the "Identifier Rules" parameter.' });
	}

	// Records in file order, error rows in place.
	const resolvedAt = new Int32Array(table.rowCount).fill(-1);
	recordRows.forEach((row, x) => (resolvedAt[row] = x));
	const recordOf = (row: number): IDataObject => {
		const base = table.rowObject(row) as IDataObject;
		const x = resolvedAt[row];
		return x >= 0 ? recordJson(base, result.record(x), settings) : { ...base, ...errors.get(row) };
	};
	const related = relatedIds(result);
	const { fill } = settings;
	// An output not to fill stays empty (no file), except that rows with an error still come out on Records.
	const errorRows = [...errors.keys()];
	const outputs: INodeExecutionData[][] = [
		fill.records
			? await emit(context, output, table.rowCount, recordOf, 'Records', table.names)
			: errorRows.length > 0
				? await emit(context, output, errorRows.length, (k) => recordOf(errorRows[k]), 'Records', table.names)
				: [],
		fill.profiles ? await emit(context, output, result.profileCount, (k) => profileJson(result.profile(k), related), 'Golden Profiles') : [],
		fill.map ? await emit(context, output, result.recordCount, (k) => result.mapEntry(k) as unknown as IDataObject, 'Identity Map') : [],
		fill.households ? await emit(context, output, result.households.length, (k) => householdJson(result.households[k], related), 'Households') : [],
	];
	if (output) {
		const s = result.stats;
		if (outputs[0][0]) Object.assign(outputs[0][0].json, { records: s.records, badRows: errors.size, ...(errors.size > 0 ? { badRowNumbers: rowList([...errors.keys()].map((row) => row + 1)) } : {}) });
		if (outputs[1][0]) Object.assign(outputs[1][0].json, { customers: s.clusters, merges: result.merges.length, splits: result.splits.length, newIds: s.newIds });
		if (outputs[3][0]) Object.assign(outputs[3][0].json, { households: s.households });
	}
	if (errors.size > 0) {
		context.addExecutionHints({
			message: `${errors.size} row(s) had no usable or a repeated "${fields.recordKey}" (rows ${rowList([...errors.keys()].map((row) => row + 1))}); they are on Records with an error, never linked.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	addRunSummary(context, `File of ${table.rowCount} rows: ${statsHint(result)}`);
	return outputs;
}
