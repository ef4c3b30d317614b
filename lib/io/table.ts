// A table held by columns: one array of values per column, never one object per row. What the
// file readers produce and the file-mode nodes read their mapped fields from.

/** Thrown for a file that cannot be read as a table; names the row (1-based, after the header) and column. */
export class TableReadError extends Error {
	constructor(
		message: string,
		readonly row?: number,
		readonly column?: string,
	) {
		super(message);
		this.name = 'TableReadError';
	}
}

const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** Distinct values per column worth sharing: past this a column is taken as unique (order IDs) and no longer interned. */
const INTERN_LIMIT = 1 << 20;
/**
 * A column whose first this-many rows are all distinct is taken as unique at once (order IDs). Customer
 * IDs in date order repeat within them (a few thousand of 65,536 rows among 1M customers), so they
 * stay interned.
 */
const INTERN_PROBE = 1 << 16;

export class ColumnTable {
	readonly names: string[] = [];
	readonly columns: unknown[][] = [];
	private readonly index = new Map<string, number>();
	/** Per column, one string per distinct value (customer IDs and dates repeat on every row of a transactions file); null once given up. */
	private readonly interned: Array<Map<string, string> | null | undefined> = [];
	/** Every column the file has, including those a projection left out (for "the header has ..." messages). */
	readonly fileColumns: string[] = [];
	rowCount = 0;

	/**
	 * `wanted`: only these columns are kept (a mapped field's header name; for a dot path, its first
	 * segment too); undefined keeps all.
	 */
	constructor(readonly wanted?: ReadonlySet<string>) {}

	/** Whether a column of the file is kept. */
	keeps(name: string): boolean {
		return this.wanted === undefined || this.wanted.has(name);
	}

	/** The stored form of a string cell: the first equal string seen in its column, while the column's values repeat. */
	intern(column: number, value: string): string {
		let seen = this.interned[column];
		if (seen === null) return value;
		if (seen === undefined) {
			seen = new Map();
			this.interned[column] = seen;
		}
		const known = seen.get(value);
		if (known !== undefined) return known;
		// A column of (mostly) unique values, such as order IDs: the map saves nothing, so it goes.
		if (seen.size >= INTERN_LIMIT || (seen.size === INTERN_PROBE && this.rowCount <= INTERN_PROBE + 1)) {
			this.interned[column] = null;
			return value;
		}
		seen.set(value, value);
		return value;
	}

	/** The column's position, adding an empty column (missing in every row so far) when it is new. */
	columnIndex(name: string): number {
		let at = this.index.get(name);
		if (at === undefined) {
			at = this.names.length;
			this.index.set(name, at);
			this.names.push(name);
			this.columns.push(new Array<unknown>(this.rowCount));
		}
		return at;
	}

	has(name: string): boolean {
		return this.index.has(name);
	}

	column(name: string): unknown[] | undefined {
		const at = this.index.get(name);
		return at === undefined ? undefined : this.columns[at];
	}

	/**
	 * A reader of one field over rows, by name as item fields are mapped: a column of that exact name
	 * wins; otherwise a dot path walks into an object-valued column (JSON Lines), never through
	 * `__proto__`, `constructor` or `prototype`. Undefined in every row when nothing matches.
	 */
	field(path: string): (row: number) => unknown {
		const exact = this.column(path);
		if (exact) return (row) => exact[row];
		const segments = path.split('.');
		if (segments.length < 2 || segments.some((segment) => UNSAFE_SEGMENTS.has(segment))) return () => undefined;
		const head = this.column(segments[0]);
		if (!head) return () => undefined;
		const rest = segments.slice(1);
		return (row) => {
			let current: unknown = head[row];
			for (const segment of rest) {
				if (current === null || typeof current !== 'object') return undefined;
				if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
				current = (current as Record<string, unknown>)[segment];
			}
			return current;
		};
	}

	/**
	 * A mapped field's values over all rows (or the given rows), as lib/ takes columns: the column
	 * itself when the header names the field and no rows are picked (no copy), else read along
	 * the dot path. Missing values are undefined.
	 */
	values(path: string, rows?: ArrayLike<number> | null): unknown[] {
		const exact = this.column(path);
		if (exact && !rows && exact.length === this.rowCount) return exact;
		const read = this.field(path);
		const n = rows ? rows.length : this.rowCount;
		const out = new Array<unknown>(n);
		for (let k = 0; k < n; k++) out[k] = read(rows ? rows[k] : k);
		return out;
	}

	/** Whether a field mapping can find anything in this table (for a "wrong header" error). */
	hasField(path: string): boolean {
		return this.has(path) || (path.includes('.') && this.has(path.split('.')[0]));
	}

	/** Appends one row given by column position (values at positions past the row are missing). */
	appendRow(values: readonly unknown[]): void {
		const row = this.rowCount;
		for (let c = 0; c < this.columns.length; c++) this.columns[c][row] = values[c];
		this.rowCount = row + 1;
	}

	/** Row `row` as a plain object (for a handful of preview rows only, never for the whole table). */
	rowObject(row: number): Record<string, unknown> {
		const object: Record<string, unknown> = {};
		for (let c = 0; c < this.names.length; c++) {
			const value = this.columns[c][row];
			if (value !== undefined) Object.defineProperty(object, this.names[c], { value, enumerable: true, writable: true, configurable: true });
		}
		return object;
	}
}
