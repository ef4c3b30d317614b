// Writes result rows as CSV (RFC 4180) or JSON Lines into byte chunks of about 1 MB, so a file of
// a million rows is built without one string of its whole size.
import type { TableFormat } from './read';

const CHUNK_CHARACTERS = 1 << 20;
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** A CSV cell: quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvCell(value: unknown, delimiter = ','): string {
	if (value === undefined || value === null) return '';
	let text: string;
	if (typeof value === 'string') text = value;
	else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
	else if (value instanceof Date) text = value.toISOString();
	else text = JSON.stringify(value);
	if (
		text.includes(delimiter) ||
		text.includes('"') ||
		text.includes('\n') ||
		text.includes('\r') ||
		(text.length > 0 && (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32))
	) {
		return `"${text.replace(/"/g, '""')}"`;
	}
	return text;
}

/** The value at a CSV column of a row object: the own field of that exact name, else the dot path into nested objects. */
function valueAt(row: Record<string, unknown>, column: string): unknown {
	if (Object.prototype.hasOwnProperty.call(row, column)) return row[column];
	if (!column.includes('.')) return undefined;
	let current: unknown = row;
	for (const segment of column.split('.')) {
		if (UNSAFE_SEGMENTS.has(segment) || current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

export interface TableWriterOptions {
	format: TableFormat;
	/** CSV: the header, in order. A nested object field is written as its dot-path columns (`holdout.arm`). */
	columns?: readonly string[];
	delimiter?: string;
}

export class TableWriter {
	readonly chunks: Buffer[] = [];
	rows = 0;
	bytes = 0;
	private text = '';
	private readonly columns: readonly string[];
	private readonly delimiter: string;

	constructor(private readonly options: TableWriterOptions) {
		this.columns = options.columns ?? [];
		this.delimiter = options.delimiter ?? ',';
		if (options.format === 'csv') this.text = `${this.columns.map((name) => csvCell(name, this.delimiter)).join(this.delimiter)}\n`;
	}

	/** Writes one row: the object an item would carry as its JSON. */
	write(row: Record<string, unknown>): void {
		if (this.options.format === 'jsonl') this.text += `${JSON.stringify(row)}\n`;
		else {
			let line = '';
			for (let c = 0; c < this.columns.length; c++) {
				if (c > 0) line += this.delimiter;
				line += csvCell(valueAt(row, this.columns[c]), this.delimiter);
			}
			this.text += `${line}\n`;
		}
		this.rows++;
		if (this.text.length >= CHUNK_CHARACTERS) this.flush();
	}

	private flush(): void {
		if (this.text === '') return;
		const chunk = Buffer.from(this.text, 'utf8');
		this.chunks.push(chunk);
		this.bytes += chunk.length;
		this.text = '';
	}

	/** The whole file as one buffer (what n8n's prepareBinaryData stores), the chunks released. */
	finish(): Buffer {
		this.flush();
		const all = Buffer.concat(this.chunks, this.bytes);
		this.chunks.length = 0;
		return all;
	}
}

/**
 * A CSV header grown from rows whose fields vary (golden profiles, explanations of several kinds):
 * each object field becomes its dot-path leaves (`holdout.arm`), arrays and values are one column.
 */
export class ColumnSet {
	readonly names: string[] = [];
	private readonly seen = new Set<string>();

	constructor(initial: readonly string[] = []) {
		for (const name of initial) this.addName(name);
	}

	private addName(name: string): void {
		if (this.seen.has(name)) return;
		this.seen.add(name);
		this.names.push(name);
	}

	/** Adds the leaves of `fields` not seen yet, in their order. */
	add(fields: Record<string, unknown>): this {
		const walk = (prefix: string, value: unknown) => {
			if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
				for (const key of Object.keys(value)) walk(`${prefix}.${key}`, (value as Record<string, unknown>)[key]);
			} else this.addName(prefix);
		};
		for (const key of Object.keys(fields)) walk(key, fields[key]);
		return this;
	}
}

/**
 * The CSV header of a result: the input's columns, then each new field, written as its dot-path
 * leaves when it is an object (`holdout.arm`, `holdout.srm.pValue`), as found in `example`.
 */
export function resultColumns(inputColumns: readonly string[], newFields: Record<string, unknown>): string[] {
	return new ColumnSet(inputColumns).add(newFields).names;
}
