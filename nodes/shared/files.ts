// File mode: the n8n side of reading a binary property as a table and writing a result file.
// The stream and parse logic is lib/io (no n8n); here are the parameters every heavy node shows,
// n8n's binary helpers (no file-system access of our own) and the errors n8n shows.
import {
	BINARY_ENCODING,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IPairedItemData,
} from 'n8n-workflow';
import { type FieldProblem } from './errors';
import { withField } from './fields';
import { readTable, TableReadError, TableWriter, type ColumnTable, type ReadTableResult, type TableFormat } from '../../lib/io';

export interface FileInputSettings {
	binaryPropertyName: string;
	format: TableFormat | 'auto';
	delimiter: string;
}

export interface FileOutputSettings {
	binaryPropertyName: string;
	format: TableFormat;
	fileName: string;
	previewRows: number;
}

/**
 * Input = Items | File and Output = Items | File, plus the file settings, shown on every heavy node.
 * `fileName` is the default name of the result file (without extension).
 */
export function fileModeParameters(fileName: string): INodeProperties[] {
	return [
		{
			displayName: 'Input',
			name: 'inputSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Items', value: 'items', description: 'One input item per row (up to some 100,000 rows)' },
				{
					name: 'File',
					value: 'file',
					description: 'A CSV (with a header) or JSON Lines file in a binary property, gzip accepted: for large data, which never becomes items',
				},
			],
			default: 'items',
		},
		{
			displayName: 'Input Binary Property',
			name: 'inputBinaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { inputSource: ['file'] } },
			description: 'The binary property of the first input item holding the file (Read/Write Files from Disk and HTTP Request put it in "data")',
		},
		{
			displayName: 'Input File Format',
			name: 'inputFileFormat',
			type: 'options',
			options: [
				{ name: 'Detect', value: 'auto', description: 'JSON Lines when the file starts with "{", otherwise CSV' },
				{ name: 'CSV', value: 'csv', description: 'Comma-separated values with a header row' },
				{ name: 'JSON Lines', value: 'jsonl', description: 'One JSON object a line' },
			],
			default: 'auto',
			displayOptions: { show: { inputSource: ['file'] } },
			description: 'Gzip-compressed files are recognised by their first bytes in every format',
		},
		{
			displayName: 'CSV Delimiter',
			name: 'inputDelimiter',
			type: 'string',
			default: ',',
			displayOptions: { show: { inputSource: ['file'], inputFileFormat: ['auto', 'csv'] } },
			description: 'The character between cells, e.g. "," or ";" (one character)',
		},
		{
			displayName: 'Output',
			name: 'outputTarget',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Items', value: 'items', description: 'One output item per row' },
				{ name: 'File', value: 'file', description: 'The rows as one file in a binary property, with a summary (for large data)' },
			],
			default: 'items',
			displayOptions: { show: { inputSource: ['file'] } },
		},
		{
			displayName: 'Output File Format',
			name: 'outputFileFormat',
			type: 'options',
			options: [
				{ name: 'CSV', value: 'csv', description: 'Nested results become dot-named columns, e.g. holdout.arm' },
				{ name: 'JSON Lines', value: 'jsonl', description: 'Each line is the JSON an output item would carry' },
			],
			default: 'csv',
			displayOptions: { show: { inputSource: ['file'], outputTarget: ['file'] } },
		},
		{
			displayName: 'Output Binary Property',
			name: 'outputBinaryPropertyName',
			type: 'string',
			default: 'data',
			displayOptions: { show: { inputSource: ['file'], outputTarget: ['file'] } },
			description: 'The binary property the result file is written to',
		},
		{
			displayName: 'Output File Name',
			name: 'outputFileName',
			type: 'string',
			default: fileName,
			displayOptions: { show: { inputSource: ['file'], outputTarget: ['file'] } },
			description: 'The result file\'s name without extension; on a node with several outputs, the output\'s name is added',
		},
		{
			displayName: 'Preview Rows',
			name: 'previewRows',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			displayOptions: { show: { inputSource: ['file'], outputTarget: ['file'] } },
			description: 'Also emit the first rows of each result file as items, after the file item, to inspect them',
		},
	];
}

export function isFileInput(context: IExecuteFunctions): boolean {
	return context.getNodeParameter('inputSource', 0, 'items') === 'file';
}

export function fileInputSettings(context: IExecuteFunctions): FileInputSettings {
	return {
		binaryPropertyName: String(context.getNodeParameter('inputBinaryPropertyName', 0, 'data')).trim() || 'data',
		format: context.getNodeParameter('inputFileFormat', 0, 'auto') as TableFormat | 'auto',
		delimiter: String(context.getNodeParameter('inputDelimiter', 0, ',')) || ',',
	};
}

/** The output settings, or undefined for Output = Items. */
export function fileOutputSettings(context: IExecuteFunctions, defaultName: string): FileOutputSettings | undefined {
	if (context.getNodeParameter('outputTarget', 0, 'items') !== 'file') return undefined;
	return {
		binaryPropertyName: String(context.getNodeParameter('outputBinaryPropertyName', 0, 'data')).trim() || 'data',
		format: context.getNodeParameter('outputFileFormat', 0, 'csv') as TableFormat,
		fileName: String(context.getNodeParameter('outputFileName', 0, defaultName)).trim() || defaultName,
		previewRows: Math.max(0, Math.floor(Number(context.getNodeParameter('previewRows', 0, 0)) || 0)),
	};
}

/** The binary's bytes as a stream of chunks: n8n's binary stream when stored by reference (filesystem, S3), the buffer otherwise. */
async function binaryChunks(context: IExecuteFunctions, itemIndex: number, propertyName: string, inputIndex: number): Promise<AsyncIterable<Uint8Array>> {
	const items = context.getInputData(inputIndex);
	const binary = items[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		throw new NodeOperationError(context.getNode(), `Input item ${itemIndex} has no binary property "${propertyName}"`, {
			itemIndex,
			description: 'In file mode the node reads a CSV or JSON Lines file from the first input item, e.g. from Read/Write Files from Disk. Check "Input Binary Property".',
		});
	}
	if (binary.id) return (await context.helpers.getBinaryStream(binary.id, 1 << 20)) as AsyncIterable<Uint8Array>;
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	return (async function* () {
		yield buffer;
	})();
}

/** Reads the file of the first item of an input into a column table; a file that cannot be read is a NodeOperationError naming row and column. */
export async function readInputTable(
	context: IExecuteFunctions,
	settings: FileInputSettings,
	{ inputIndex = 0, what = 'input file', columns }: { inputIndex?: number; what?: string; columns?: ReadonlySet<string> } = {},
): Promise<ReadTableResult> {
	const chunks = await binaryChunks(context, 0, settings.binaryPropertyName, inputIndex);
	try {
		return await readTable(chunks, { format: settings.format, delimiter: settings.delimiter, columns });
	} catch (error) {
		const message = error instanceof TableReadError ? error.message : `Reading it failed (${(error as Error).message})`;
		throw new NodeOperationError(context.getNode(), `The ${what} cannot be read. ${message}`, {
			description: 'Fix the file (or its export settings) and run again. The node reads CSV with a header row, or JSON Lines; gzip is detected by its first bytes.',
		});
	}
}

/** Refuses a file whose header lacks a mapped field (a wrong header), naming the field and the columns found. */
export function requireColumns(context: IExecuteFunctions, table: ColumnTable, fields: Array<{ parameter: string; field: string }>, what = 'input file'): void {
	const missing = fields.filter(({ field }) => !table.hasField(field));
	if (missing.length === 0) return;
	const shown = table.fileColumns.slice(0, 20).map((name) => `"${name}"`).join(', ');
	throw new NodeOperationError(
		context.getNode(),
		`The ${what} has no column ${missing.map(({ field }) => `"${field}"`).join(', ')} (the header has ${shown}${table.fileColumns.length > 20 ? ', ...' : ''})`,
		{ description: `Map ${missing.map(({ parameter }) => `"${parameter}"`).join(', ')} to a column of the file's header row.` },
	);
}

/** One output item: a summary, the result file in a binary property, paired with the input item that brought the file. */
export async function fileItem(
	context: IExecuteFunctions,
	writer: TableWriter,
	settings: FileOutputSettings,
	summary: IDataObject,
	suffix = '',
	pairedItem: IPairedItemData = { item: 0 },
): Promise<INodeExecutionData> {
	const rows = writer.rows;
	const extension = settings.format === 'csv' ? 'csv' : 'jsonl';
	const fileName = `${settings.fileName}${suffix ? `-${suffix}` : ''}.${extension}`;
	const binary = await context.helpers.prepareBinaryData(writer.finish(), fileName, settings.format === 'csv' ? 'text/csv' : 'application/x-ndjson');
	return { json: { ...summary, rows, fileName }, binary: { [settings.binaryPropertyName]: binary }, pairedItem };
}

/** A bad row of a file, reported as a bad item field is: row number (1-based, after the header) and column, never the value. */
export function rowError(context: IExecuteFunctions, row: number, problem: FieldProblem): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Row ${row}: column "${problem.field}" is ${problem.received}; expected ${problem.expected}`, {
		description: `Check row ${row} of the file (the first row after the header is row 1), or map a different column in the node's parameters. With "On Error" set to continue, bad rows go to the node's fail-safe output instead.`,
	});
}

/** "rows 3, 17, 250 and 12 more": where the bad rows of a file are, for a summary. */
export function rowList(rows: readonly number[], shown = 20): string {
	const head = rows.slice(0, shown).join(', ');
	return rows.length > shown ? `${head} and ${rows.length - shown} more` : head;
}

/** Output Fields = All | Only New, for Items mode: whether each output item copies its input's whole JSON. */
export function outputFieldsParameter(idField: string, idName = 'customer ID'): INodeProperties {
	return {
		displayName: 'Output Fields',
		name: 'outputFields',
		type: 'options',
		options: [
			{ name: 'All', value: 'all', description: 'Each output item is its input item with the new fields added' },
			{
				name: 'Only New',
				value: 'onlyNew',
				description: `Each output item holds only the ${idName} field (${idField}) and the new fields: lighter items for large audiences`,
			},
		],
		default: 'all',
		displayOptions: { show: { inputSource: ['items'] } },
	};
}

/** The JSON of an output item under Output Fields: the input's whole JSON, or just the ID field and the new field. */
export function outputJson(onlyNew: boolean, json: IDataObject, idField: string, idValue: unknown, field: string, value: unknown): IDataObject {
	if (!onlyNew) return withField(json, field, value);
	return withField(withField({}, idField, idValue), field, value);
}
