// Feature spec and fitted transforms: numeric (standardized, imputed, missing indicator),
// categorical (one-hot against a reference level, rare levels pooled, unseen levels handled),
// boolean and date-derived (days since an as-of date). Everything fitted is plain JSON so it
// travels inside the model.
import { DAY_MS, isMissingValue, readBoolean, readInstant, readNumber } from '../records';
import { PropensityError } from './errors';
import type { RowDesign } from './logistic';

/** Columns of raw values keyed by field name (one entry per row). */
export type Columns = Record<string, ArrayLike<unknown>>;

export type FeatureSpec =
	| { name: string; type: 'numeric'; standardize?: boolean; impute?: 'mean' | 'median' }
	| { name: string; type: 'categorical'; minLevelCount?: number; reference?: string }
	| { name: string; type: 'boolean' }
	| { name: string; type: 'date'; asOf?: string; standardize?: boolean; impute?: 'mean' | 'median' };

export interface FittedNumeric {
	name: string;
	type: 'numeric' | 'date';
	/** Dates: days since this instant (ISO); the value is (asOf - date) in days. */
	asOf?: string;
	center: number;
	scale: number;
	/** Raw value that stands in for a missing one. */
	impute: number;
	missingIndicator: boolean;
}

export interface FittedCategorical {
	name: string;
	type: 'categorical';
	reference: string;
	/** Non-reference levels, one design column each (may include OTHER_LEVEL). */
	levels: string[];
	/** Rare training levels folded into OTHER_LEVEL (or into the reference when too few for a column). */
	pooled: string[];
}

export interface FittedBoolean {
	name: string;
	type: 'boolean';
	impute: 0 | 1;
	missingIndicator: boolean;
}

export type FittedFeature = FittedNumeric | FittedCategorical | FittedBoolean;

export const MISSING_LEVEL = '(missing)';
export const OTHER_LEVEL = '(other)';
export const INTERCEPT = '(intercept)';

// ---------------------------------------------------------------------------------------------
// Value parsing

// Read as everywhere in the pack (lib/records/values.ts): the names are this module's public API.
export const parseNumber = readNumber;
export const parseBoolean = readBoolean;
/** Epoch milliseconds, or NaN (month-first for numeric day/month dates, as before). */
export const parseDate = (value: unknown): number => readInstant(value);

export function categoryOf(value: unknown): string {
	if (isMissingValue(value)) return MISSING_LEVEL;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return MISSING_LEVEL;
}

const isMissing = isMissingValue;

// ---------------------------------------------------------------------------------------------
// Spec inference

/** Guesses each field's type from its values: booleans, numbers, ISO dates, else categories. */
export function inferSpec(columns: Columns, fields: string[]): FeatureSpec[] {
	return fields.map((name) => {
		const column = columns[name];
		if (!column) throw new PropensityError('missing-feature', `Feature "${name}" is not in the data`, name);
		let numbers = 0;
		let booleans = 0;
		let dates = 0;
		let present = 0;
		for (let i = 0; i < column.length; i++) {
			const v = column[i];
			if (isMissing(v)) continue;
			present++;
			if (typeof v === 'boolean') booleans++;
			else if (!Number.isNaN(parseNumber(v))) numbers++;
			else if (v instanceof Date || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.trim()) && !Number.isNaN(readInstant(v)))) dates++;
			// A value that is neither boolean, number nor date settles it: categorical.
			else break;
		}
		if (present === 0) throw new PropensityError('all-missing', `Feature "${name}" has no values (all missing)`, name);
		if (booleans === present) return { name, type: 'boolean' };
		if (numbers === present) return { name, type: 'numeric' };
		if (dates === present) return { name, type: 'date' };
		return { name, type: 'categorical' };
	});
}

// ---------------------------------------------------------------------------------------------
// Fitting

function column(columns: Columns, name: string): ArrayLike<unknown> {
	const c = columns[name];
	if (!c) throw new PropensityError('missing-feature', `Feature "${name}" is not in the data`, name);
	return c;
}

function numericValues(spec: FeatureSpec, values: ArrayLike<unknown>, rows: ArrayLike<number>, asOf: number): { x: Float64Array; invalid: number } {
	const x = new Float64Array(rows.length);
	let invalid = 0;
	for (let k = 0; k < rows.length; k++) {
		const raw = values[rows[k]];
		let v: number;
		if (spec.type === 'date') {
			const t = parseDate(raw);
			v = Number.isNaN(t) ? NaN : (asOf - t) / DAY_MS;
		} else v = parseNumber(raw);
		if (Number.isNaN(v) && !isMissing(raw)) invalid++;
		x[k] = v;
	}
	return { x, invalid };
}

function median(sorted: Float64Array): number {
	const n = sorted.length;
	return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

export interface FitFeatureOptions {
	/** Levels seen fewer times than this are pooled into "(other)" (default 10). */
	minLevelCount?: number;
	/** Training rows (default all). */
	rows?: ArrayLike<number>;
}

function allRows(n: number): Int32Array {
	const r = new Int32Array(n);
	for (let i = 0; i < n; i++) r[i] = i;
	return r;
}

export function rowCount(columns: Columns): number {
	for (const key of Object.keys(columns)) return columns[key].length;
	return 0;
}

export function fitFeatures(columns: Columns, specs: FeatureSpec[], options: FitFeatureOptions = {}): FittedFeature[] {
	const rows = options.rows ?? allRows(rowCount(columns));
	if (rows.length === 0) throw new PropensityError('empty-input', 'No rows to fit the features on');
	return specs.map((spec) => {
		const values = column(columns, spec.name);
		if (spec.type === 'numeric' || spec.type === 'date') {
			let asOf = 0;
			if (spec.type === 'date') {
				if (spec.asOf) asOf = parseDate(spec.asOf);
				else {
					asOf = -Infinity;
					for (let k = 0; k < rows.length; k++) {
						const t = parseDate(values[rows[k]]);
						if (t > asOf) asOf = t;
					}
				}
				if (!Number.isFinite(asOf)) throw new PropensityError('all-missing', `Date feature "${spec.name}" has no valid dates`, spec.name);
			}
			const { x, invalid } = numericValues(spec, values, rows, asOf);
			if (invalid > 0) {
				throw new PropensityError('bad-value', `Feature "${spec.name}" has ${invalid} value(s) that are not ${spec.type === 'date' ? 'dates' : 'numbers'}`, spec.name);
			}
			let n = 0;
			let sum = 0;
			for (let k = 0; k < x.length; k++) {
				if (Number.isNaN(x[k])) continue;
				n++;
				sum += x[k];
			}
			if (n === 0) throw new PropensityError('all-missing', `Feature "${spec.name}" has no values (all missing)`, spec.name);
			const mean = sum / n;
			let ss = 0;
			for (let k = 0; k < x.length; k++) if (!Number.isNaN(x[k])) ss += (x[k] - mean) ** 2;
			const sd = Math.sqrt(ss / n);
			if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) {
				throw new PropensityError('constant-column', `Feature "${spec.name}" is constant (every value is the same): it cannot inform the model`, spec.name);
			}
			let impute = mean;
			if (spec.impute === 'median') {
				const present = new Float64Array(n);
				let j = 0;
				for (let k = 0; k < x.length; k++) if (!Number.isNaN(x[k])) present[j++] = x[k];
				impute = median(present.sort());
			}
			const standardize = spec.standardize !== false;
			return {
				name: spec.name,
				type: spec.type,
				...(spec.type === 'date' ? { asOf: new Date(asOf).toISOString() } : {}),
				center: standardize ? mean : 0,
				scale: standardize ? sd : 1,
				impute,
				missingIndicator: n < x.length,
			} satisfies FittedNumeric;
		}
		if (spec.type === 'boolean') {
			let ones = 0;
			let n = 0;
			for (let k = 0; k < rows.length; k++) {
				const raw = values[rows[k]];
				const v = parseBoolean(raw);
				if (Number.isNaN(v)) {
					if (!isMissing(raw)) throw new PropensityError('bad-value', `Feature "${spec.name}" has a value that is not a boolean (true/false, yes/no, 1/0)`, spec.name, rows[k]);
					continue;
				}
				n++;
				ones += v;
			}
			if (n === 0) throw new PropensityError('all-missing', `Feature "${spec.name}" has no values (all missing)`, spec.name);
			if (ones === 0 || ones === n) throw new PropensityError('constant-column', `Feature "${spec.name}" is constant (every value is the same): it cannot inform the model`, spec.name);
			return { name: spec.name, type: 'boolean', impute: ones * 2 >= n ? 1 : 0, missingIndicator: n < rows.length } satisfies FittedBoolean;
		}
		// categorical
		const counts = new Map<string, number>();
		let present = 0;
		for (let k = 0; k < rows.length; k++) {
			const level = categoryOf(values[rows[k]]);
			if (level !== MISSING_LEVEL) present++;
			counts.set(level, (counts.get(level) ?? 0) + 1);
		}
		if (present === 0) throw new PropensityError('all-missing', `Feature "${spec.name}" has no values (all missing)`, spec.name);
		const minCount = spec.minLevelCount ?? options.minLevelCount ?? 10;
		const pooled: string[] = [];
		const kept: Array<[string, number]> = [];
		let otherCount = 0;
		for (const [level, count] of counts) {
			if (count < minCount && level !== spec.reference) {
				pooled.push(level);
				otherCount += count;
			} else kept.push([level, count]);
		}
		// Pooled levels get their own "(other)" column when there are enough of them together;
		// otherwise they score as the reference level.
		if (otherCount >= minCount) kept.push([OTHER_LEVEL, otherCount]);
		if (kept.length < 2) throw new PropensityError('constant-column', `Feature "${spec.name}" has a single level: it cannot inform the model`, spec.name);
		kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		const reference = spec.reference !== undefined && counts.has(spec.reference) ? spec.reference : kept[0][0];
		const levels = kept.map(([level]) => level).filter((level) => level !== reference).sort();
		return { name: spec.name, type: 'categorical', reference, levels, pooled: pooled.sort() } satisfies FittedCategorical;
	});
}

/** Design column names, intercept first. */
export function designNames(features: FittedFeature[]): string[] {
	const names = [INTERCEPT];
	for (const f of features) {
		if (f.type === 'categorical') for (const level of f.levels) names.push(`${f.name}=${level}`);
		else {
			names.push(f.name);
			if (f.missingIndicator) names.push(`${f.name} (missing)`);
		}
	}
	return names;
}

/** Which original feature each design column belongs to (-1 for the intercept). */
export function designOwners(features: FittedFeature[]): Int32Array {
	const owners: number[] = [-1];
	features.forEach((f, j) => {
		const width = f.type === 'categorical' ? f.levels.length : f.missingIndicator ? 2 : 1;
		for (let k = 0; k < width; k++) owners.push(j);
	});
	return Int32Array.from(owners);
}

// ---------------------------------------------------------------------------------------------
// Per-feature column encoders (shared by the design matrix and the fast scoring path)

export interface EncodeReport {
	/** Rows per categorical feature whose level was not seen in training (scored as "(other)" or the reference). */
	unseen: Record<string, number>;
	/** Rows per feature whose value could not be read (treated as missing). */
	invalid: Record<string, number>;
	/** Rows per feature with a missing value (imputed). */
	missing: Record<string, number>;
}

/**
 * For one feature, calls `emit(row, offset, value)` for each non-zero design entry, where offset is
 * the column within the feature's block. Numeric values come out standardized.
 */
export function encodeFeature(
	f: FittedFeature,
	values: ArrayLike<unknown>,
	rows: ArrayLike<number> | null,
	n: number,
	emit: (k: number, offset: number, value: number) => void,
	report: EncodeReport,
): void {
	if (f.type === 'numeric' || f.type === 'date') {
		const asOf = f.type === 'date' ? readInstant(f.asOf) : 0;
		let missing = 0;
		let invalid = 0;
		const inv = 1 / f.scale;
		for (let k = 0; k < n; k++) {
			const raw = values[rows === null ? k : rows[k]];
			let v: number;
			if (f.type === 'date') {
				const t = parseDate(raw);
				v = Number.isNaN(t) ? NaN : (asOf - t) / DAY_MS;
			} else v = typeof raw === 'number' && Number.isFinite(raw) ? raw : parseNumber(raw);
			if (Number.isNaN(v)) {
				missing++;
				if (!isMissing(raw)) invalid++;
				v = f.impute;
				if (f.missingIndicator) emit(k, 1, 1);
			}
			emit(k, 0, (v - f.center) * inv);
		}
		if (missing) report.missing[f.name] = missing;
		if (invalid) report.invalid[f.name] = invalid;
		return;
	}
	if (f.type === 'boolean') {
		let missing = 0;
		let invalid = 0;
		for (let k = 0; k < n; k++) {
			const raw = values[rows === null ? k : rows[k]];
			let v = parseBoolean(raw);
			if (Number.isNaN(v)) {
				missing++;
				if (!isMissing(raw)) invalid++;
				v = f.impute;
				if (f.missingIndicator) emit(k, 1, 1);
			}
			if (v) emit(k, 0, 1);
		}
		if (missing) report.missing[f.name] = missing;
		if (invalid) report.invalid[f.name] = invalid;
		return;
	}
	const c = f as FittedCategorical;
	const index = new Map<string, number>();
	c.levels.forEach((level, j) => index.set(level, j));
	index.set(c.reference, -1);
	const other = index.get(OTHER_LEVEL);
	for (const level of c.pooled) if (other !== undefined) index.set(level, other);
	let unseen = 0;
	for (let k = 0; k < n; k++) {
		const raw = values[rows === null ? k : rows[k]];
		let j = index.get(typeof raw === 'string' ? raw : categoryOf(raw));
		if (j === undefined && typeof raw === 'string') j = index.get(categoryOf(raw));
		if (j === undefined) {
			unseen++;
			j = other ?? -1;
		}
		if (j >= 0) emit(k, j, 1);
	}
	if (unseen) report.unseen[c.name] = unseen;
}

export function emptyReport(): EncodeReport {
	return { unseen: {}, invalid: {}, missing: {} };
}

export interface Design {
	/** Row-major n x p, intercept column first. */
	x: Float64Array;
	n: number;
	p: number;
	names: string[];
	report: EncodeReport;
}

/** The design matrix for the given rows (default all). */
export function encode(features: FittedFeature[], columns: Columns, rows?: ArrayLike<number>): Design {
	const names = designNames(features);
	const p = names.length;
	const n = rows ? rows.length : rowCount(columns);
	if (rows && isAllRows(rows, rowCount(columns))) rows = undefined;
	const x = new Float64Array(n * p);
	for (let i = 0; i < n; i++) x[i * p] = 1;
	const report = emptyReport();
	let base = 1;
	for (const f of features) {
		const values = column(columns, f.name);
		const b = base;
		encodeFeature(f, values, rows ?? null, n, (k, offset, value) => (x[k * p + b + offset] = value), report);
		base += f.type === 'categorical' ? f.levels.length : f.missingIndicator ? 2 : 1;
	}
	return { x, n, p, names, report };
}

/** True when rows is 0, 1, ..., n - 1 (then encoders read the columns directly, without the indirection). */
export function isAllRows(rows: ArrayLike<number>, n: number): boolean {
	if (rows.length !== n) return false;
	for (let k = 0; k < n; k++) if (rows[k] !== k) return false;
	return true;
}

/**
 * The design for the given rows (default all) as a row design: the intercept, then per feature one
 * stored entry (a one-hot block stores only its level's column) or two (value and missing
 * indicator). Same columns and values as encode(), without materializing the zeros.
 */
export function encodeRows(features: FittedFeature[], columns: Columns, rows?: ArrayLike<number>): RowDesign & { report: EncodeReport } {
	const p = designNames(features).length;
	const n = rows ? rows.length : rowCount(columns);
	const direct = !rows || isAllRows(rows, rowCount(columns));
	let stride = 1;
	for (const f of features) stride += f.type === 'categorical' ? 1 : f.missingIndicator ? 2 : 1;
	const index = new Int32Array(n * stride);
	const value = new Float64Array(n * stride);
	for (let i = 0; i < n; i++) value[i * stride] = 1;
	const report = emptyReport();
	let column0 = 1;
	let slot0 = 1;
	for (const f of features) {
		const b = column0;
		const s = slot0;
		const width = f.type === 'categorical' ? f.levels.length : f.missingIndicator ? 2 : 1;
		const slots = f.type === 'categorical' ? 1 : width;
		// Default entries: value 0 at the block's own columns (the reference level, a false boolean).
		for (let i = 0, o = s; i < n; i++, o += stride) for (let t = 0; t < slots; t++) index[o + t] = b + t;
		const emit =
			f.type === 'categorical'
				? (k: number, offset: number, v: number) => {
						index[k * stride + s] = b + offset;
						value[k * stride + s] = v;
					}
				: (k: number, offset: number, v: number) => {
						value[k * stride + s + offset] = v;
					};
		encodeFeature(f, column(columns, f.name), direct ? null : rows!, n, emit, report);
		column0 += width;
		slot0 += slots;
	}
	return { n, p, stride, index, value, report };
}
