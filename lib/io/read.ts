// Reads a CSV (with a header) or JSON Lines file, gzip or not, from a stream of byte chunks into a
// ColumnTable: one array per column, never one object per row. Errors name the row (1-based,
// counted after the header) and the column, never a cell's value (it may be personal data).
import { transform, type CsvParseError } from 'csv-parse/lib/api/index.js';
import { ColumnTable, TableReadError } from './table';

export type TableFormat = 'csv' | 'jsonl';

export interface ReadTableOptions {
	/** 'auto' (default): JSON Lines when the first non-blank character is `{`, CSV otherwise. */
	format?: TableFormat | 'auto';
	/** CSV cell separator, one character (default ','). */
	delimiter?: string;
	/**
	 * Only these columns are read (the mapped fields: a header name, or a dot path's first
	 * segment); the rest of each row is skipped as it is parsed. Default: every column.
	 */
	columns?: ReadonlySet<string>;
}

/** The columns `readTable` must keep for these mapped fields: each field's name and, for a dot path, its first segment. */
export function columnsFor(fields: Iterable<string>): Set<string> {
	const out = new Set<string>();
	for (const field of fields) {
		if (field === '') continue;
		out.add(field);
		if (field.includes('.')) out.add(field.split('.')[0]);
	}
	return out;
}

export interface ReadTableResult {
	table: ColumnTable;
	format: TableFormat;
	gzip: boolean;
}

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(bytes: Uint8Array): boolean {
	return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Chunks of the decompressed stream, through the runtime's own DecompressionStream (zlib underneath). */
async function* gunzip(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
	const decompressor = new DecompressionStream('gzip');
	const writer = decompressor.writable.getWriter();
	const pump = (async () => {
		try {
			await writer.write(first);
			for (;;) {
				const next = await rest.next();
				if (next.done) break;
				await writer.write(next.value);
			}
			await writer.close();
		} catch (error) {
			await writer.abort(error).catch(() => undefined);
		}
	})();
	try {
		for await (const chunk of decompressor.readable as unknown as AsyncIterable<Uint8Array>) yield chunk;
	} catch (error) {
		throw new TableReadError(`The file starts like gzip but is not valid gzip data (${(error as Error).message}). Upload the file again, or an uncompressed CSV or JSON Lines file.`);
	}
	await pump;
}

/** The stream's chunks, decompressed when it starts with the gzip magic bytes. */
async function* decoded(source: AsyncIterable<Uint8Array>, onGzip: () => void): AsyncGenerator<Uint8Array> {
	const iterator = source[Symbol.asyncIterator]();
	let first = await iterator.next();
	while (!first.done && first.value.length === 0) first = await iterator.next();
	if (first.done) return;
	if (isGzip(first.value)) {
		onGzip();
		yield* gunzip(first.value, iterator);
		return;
	}
	yield first.value;
	for (;;) {
		const next = await iterator.next();
		if (next.done) return;
		yield next.value;
	}
}

function firstCharacter(chunk: Uint8Array): number {
	for (let i = 0; i < chunk.length; i++) {
		const c = chunk[i];
		if (c === 0xef && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf) {
			i += 2;
			continue;
		}
		if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
	}
	return -1;
}

function asBuffer(chunk: Uint8Array): Buffer {
	return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export async function readTable(source: AsyncIterable<Uint8Array>, options: ReadTableOptions = {}): Promise<ReadTableResult> {
	let gzip = false;
	const chunks = decoded(source, () => (gzip = true));
	const iterator = chunks[Symbol.asyncIterator]();
	const first = await iterator.next();
	const rest: AsyncIterable<Uint8Array> = {
		[Symbol.asyncIterator]: () => iterator,
	};
	let format: TableFormat = options.format === 'csv' || options.format === 'jsonl' ? options.format : 'csv';
	if (options.format === undefined || options.format === 'auto') format = !first.done && firstCharacter(first.value) === 0x7b ? 'jsonl' : 'csv';
	const all: AsyncIterable<Uint8Array> = {
		async *[Symbol.asyncIterator]() {
			if (first.done) return;
			yield first.value;
			yield* rest;
		},
	};
	const table = new ColumnTable(options.columns);
	if (format === 'jsonl') await readJsonLines(all, table);
	else await readCsv(all, options.delimiter ?? ',', table);
	return { table, format, gzip };
}

// ---------------------------------------------------------------------------------------------
// CSV

function csvProblem(error: CsvParseError, table: ColumnTable, header: string[] | undefined): TableReadError {
	const row = table.rowCount + 1;
	const line = error.lines;
	const at = header === undefined ? 'The header row' : `Row ${row}${line ? ` (line ${line})` : ''}`;
	const columnIndex = typeof error.column === 'number' ? error.column : typeof error.index === 'number' ? error.index : undefined;
	const columnName = header && columnIndex !== undefined ? header[columnIndex] : undefined;
	const column = columnName !== undefined ? `, column "${columnName}"` : columnIndex !== undefined ? `, column ${columnIndex + 1}` : '';
	switch (error.code) {
		case 'CSV_QUOTE_NOT_CLOSED':
			return new TableReadError(`${at}${column}: a quoted cell is never closed (a missing closing quote)`, header ? row : 0, columnName);
		case 'CSV_INVALID_CLOSING_QUOTE':
			return new TableReadError(`${at}${column}: a quoted cell has text after its closing quote (write a quote inside a quoted cell as "")`, header ? row : 0, columnName);
		case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
			return new TableReadError(`${at}${column}: text after a closing quote`, header ? row : 0, columnName);
		case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
			return new TableReadError(
				`${at}: ${((error as unknown as { record?: unknown[] }).record ?? []).length} cells, but the header has ${header?.length ?? 0} columns (check the delimiter and the quoting)`,
				row,
			);
		default:
			return new TableReadError(`${at}${column}: the CSV cannot be read (${error.code})`, header ? row : 0, columnName);
	}
}

const NOT_TEXT = 'bytes that are not UTF-8 text (in Excel: Save As "CSV UTF-8"; or convert the file to UTF-8)';

/** A cell holding U+FFFD: bytes that were not UTF-8 (a Windows-1252 or Latin-1 export), read as the replacement character. Two such names would become one. */
function checkText(record: readonly string[], row: number, header: readonly string[] | undefined): void {
	for (let c = 0; c < record.length; c++) {
		if (record[c].includes('\uFFFD')) {
			const at = row === 0 ? 'The header row' : `Row ${row}`;
			const column = header?.[c] !== undefined ? `column "${header[c]}"` : `column ${c + 1}`;
			throw new TableReadError(`${at}, ${column}: ${NOT_TEXT}`, row, header?.[c]);
		}
	}
}

function checkHeader(names: string[]): void {
	const seen = new Set<string>();
	names.forEach((raw, index) => {
		const name = raw.trim();
		if (name === '') throw new TableReadError(`The header row: column ${index + 1} has no name. The first row of a CSV file must name every column.`, 0);
		if (seen.has(name)) throw new TableReadError(`The header row: the column name "${name}" appears twice (columns must have distinct names).`, 0, name);
		seen.add(name);
	});
}

async function readCsv(source: AsyncIterable<Uint8Array>, delimiter: string, table: ColumnTable): Promise<void> {
	let header: string[] | undefined;
	// Per kept column, its position in each record.
	let picked: number[] = [];
	const parser = transform({ bom: true, delimiter, skip_empty_lines: true, relax_column_count: false });
	const push = (record: string[]) => {
		checkText(record, header === undefined ? 0 : table.rowCount + 1, header);
		if (header === undefined) {
			header = record.map((name) => name.trim());
			checkHeader(header);
			table.fileColumns.push(...header);
			picked = [];
			header.forEach((name, at) => {
				if (!table.keeps(name)) return;
				table.columnIndex(name);
				picked.push(at);
			});
			return;
		}
		const row = table.rowCount;
		for (let c = 0; c < picked.length; c++) table.columns[c][row] = table.intern(c, record[picked[c]]);
		table.rowCount = row + 1;
	};
	const close = () => undefined;
	for await (const chunk of source) {
		const error = parser.parse(asBuffer(chunk), false, push, close);
		if (error) throw csvProblem(error, table, header);
	}
	const error = parser.parse(undefined, true, push, close);
	if (error) throw csvProblem(error, table, header);
	if (header === undefined) throw new TableReadError('The file is empty: expected a header row naming the columns.', 0);
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/** A JSON.parse reviver refusing integers that a double cannot hold exactly. */
function exactNumbers(row: number, line: number): (key: string, value: unknown) => unknown {
	return (key, value) => {
		if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
			throw new TableReadError(
				`Row ${row} (line ${line}), column "${key}": a number too large to read exactly (more than 15 digits); write identifiers as strings ("${key}": "...")`,
				row,
				key,
			);
		}
		return value;
	};
}

async function readJsonLines(source: AsyncIterable<Uint8Array>, table: ColumnTable): Promise<void> {
	const seen = new Set<string>();
	const decoder = new TextDecoder('utf-8', { fatal: false });
	let pending = '';
	let line = 0;
	const take = (text: string) => {
		line++;
		const trimmed = text.trim();
		if (trimmed === '') return;
		const row = table.rowCount + 1;
		if (trimmed.includes('\uFFFD')) throw new TableReadError(`Row ${row} (line ${line}): ${NOT_TEXT}`, row);
		let value: unknown;
		try {
			// A number past 2^53 would be rounded (two IDs becoming one): refused, naming its field.
			value = /\d{16}/.test(trimmed) ? JSON.parse(trimmed, exactNumbers(row, line)) : JSON.parse(trimmed);
		} catch (error) {
			if (error instanceof TableReadError) throw error;
			const position = /position (\d+)/.exec((error as Error).message);
			throw new TableReadError(`Row ${row} (line ${line})${position ? `, character ${Number(position[1]) + 1}` : ''}: not valid JSON`, row);
		}
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			throw new TableReadError(`Row ${row} (line ${line}): expected a JSON object (one record a line)`, row);
		}
		const at = table.rowCount;
		table.rowCount = at + 1;
		for (const key of Object.keys(value)) {
			if (!seen.has(key)) {
				seen.add(key);
				table.fileColumns.push(key);
			}
			if (!table.keeps(key)) continue;
			const c = table.columnIndex(key);
			const cell = (value as Record<string, unknown>)[key];
			table.columns[c][at] = typeof cell === 'string' ? table.intern(c, cell) : cell;
		}
		// Columns first seen later are missing in earlier rows; keep every column as long as the table.
		for (const column of table.columns) if (column.length < at + 1) column.length = at + 1;
	};
	for await (const chunk of source) {
		pending += decoder.decode(chunk, { stream: true });
		let start = 0;
		for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
			take(pending.slice(start, end));
			start = end + 1;
		}
		pending = pending.slice(start);
	}
	pending += decoder.decode();
	if (pending.trim() !== '') take(pending);
}
