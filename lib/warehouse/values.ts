// The SQL form of the readers in lib/records/values.ts, for generated statements that must read a
// column the way the nodes read the same value. SQL cannot reproduce every reader exactly (JavaScript's
// Unicode trim and lower case, month names, AM/PM, decimal epochs), so each reader gives three answers:
// `value` (the same value the node reads), `bad` (the node surely refuses it too), or neither: the
// value is *unverified* (the node may read it; SQL does not guess). A generator fails closed on
// unverified rows (it says how many and writes no result computed without them).
//
// Every pattern is ASCII and free of backslashes (the dialect layer's rule); user text is never in it.
import type { SqlBuilder } from './dialect';

/**
 * A read column, from text already trimmed of spaces (`trimmedText`, one CTE column, so the text is
 * cast once), in stages so that each regular expression runs once a row: `stages` are column lists
 * for successive CTEs (each selects the previous one's columns and these), and the final `value`,
 * `matched` and `refused` refer to their columns. `value` is NULL unless read; a value not read is
 * bad (the node refuses it too) when `matched` (a form SQL reads fully) or `refused` (no form the node
 * reads) holds, else unverified.
 */
export interface SqlReading {
	stages: string[][];
	value: string;
	matched: string;
	refused: string;
}

/** JavaScript's String.prototype.trim removes these besides the ASCII controls 9-13 and space. */
const JS_WHITESPACE = [160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279];

/** Text trimmed of spaces (what SQL's TRIM removes); NULL stays NULL. */
export function trimmedText(sql: SqlBuilder, expression: string): string {
	return `TRIM(${sql.asText(expression)})`;
}

/**
 * Whether the first or last character of `text` (already trimmed of spaces) is one JavaScript's
 * trim might remove, or an ASCII control: then SQL's TRIM and the node's may disagree.
 */
export function oddEnds(sql: SqlBuilder, text: string): string {
	const odd = (codePoint: string) => `(${codePoint} <= 32 OR ${codePoint} IN (${JS_WHITESPACE.join(', ')}))`;
	return `(LENGTH(${text}) > 0 AND (${odd(sql.codePointAt(text, '1'))} OR ${odd(sql.codePointAt(text, `LENGTH(${text})`))}))`;
}

/** Whether the text contains any printable ASCII character besides those listed (a bracket body). */
function hasOtherPrintable(sql: SqlBuilder, text: string, allowed: string): string {
	return sql.regexMatches(sql.regexReplace(text, `[${allowed}]`, ''), '.*[!-~].*');
}

const hasDigit = (sql: SqlBuilder, text: string) => sql.regexMatches(text, '.*[0-9].*');

/**
 * The capturing groups of a whole-text `pattern` (all its groups capturing), matched once: a stage
 * of columns, and the expression of group n. PostgreSQL keeps regexp_match's array; BigQuery's
 * REGEXP_EXTRACT takes one group (the others become non-capturing); Snowflake picks it by number.
 */
function groups(sql: SqlBuilder, text: string, pattern: string, name: string, count: number, guard?: string) {
	const when = (expression: string) => (guard ? `CASE WHEN ${guard} THEN ${expression} END` : expression);
	// `($)`, not `$'`: see SqlBuilder.regexMatches.
	const anchored = `^${pattern}($)`;
	if (sql.dialect === 'postgres') return { columns: [`${when(`regexp_match(${text}, ${sql.literal(anchored)})`)} AS ${name}`], matched: `${name} IS NOT NULL`, group: (n: number) => `${name}[${n}]` };
	const columns = [`COALESCE(${when(sql.regexMatches(text, pattern))}, FALSE) AS ${name}_m`];
	for (let n = 1; n <= count; n++) {
		let seen = 0;
		const one = anchored.replace(/\(/g, () => (++seen === n ? '(' : '(?:'));
		columns.push(
			sql.dialect === 'bigquery'
				? `${when(`REGEXP_EXTRACT(${text}, ${sql.literal(one)})`)} AS ${name}_${n}`
				: `${when(`REGEXP_SUBSTR(${text}, ${sql.literal(anchored)}, 1, 1, 'e', ${n})`)} AS ${name}_${n}`,
		);
	}
	return { columns, matched: `${name}_m`, group: (n: number) => `${name}_${n}` };
}

/** A digit string (already matched) as an integer. */
function integer(sql: SqlBuilder, text: string): string {
	return `CAST(${text} AS ${sql.bigint})`;
}

/** (a) DIV (b) of non-negative integers, both parenthesized. */
const div = (sql: SqlBuilder, a: string, b: string) => sql.intDiv(`(${a})`, `(${b})`);

/**
 * readNumber: a plain decimal (`12`, `-3.5`, `.5`, `1e3`) as a double; thousands separators,
 * currency signs and words are bad; what only JavaScript's trim would make a number is unverified.
 * Plain decimals up to 300 characters, exponents within +-280 with mantissas up to 30 characters
 * are read (so no cast overflows); longer ones are unverified.
 */
export function readNumberSql(sql: SqlBuilder, t: string, name: string): SqlReading {
	const plain = sql.regexMatches(t, '[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)');
	const exponent = groups(sql, t, '([-+]?[0-9]*[.]?[0-9]*)[eE]([-+]?[0-9]{1,3})', `${name}_e`, 2, `NOT ${plain} AND ${sql.regexMatches(t, '.*[eE].*')}`);
	const mantissa = exponent.group(1);
	const readable = `((${name}_plain AND LENGTH(${t}) <= 300) OR (${exponent.matched} AND ${sql.regexMatches(mantissa, '[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)')} AND LENGTH(${mantissa}) <= 30 AND ABS(${integer(sql, exponent.group(2))}) <= 280))`;
	const cast = sql.dialect === 'postgres' ? `CAST(${t} AS ${sql.float})` : sql.dialect === 'bigquery' ? `SAFE_CAST(${t} AS FLOAT64)` : `TRY_CAST(${t} AS DOUBLE)`;
	return {
		stages: [
			[`${plain} AS ${name}_plain`, ...exponent.columns, `CASE WHEN ${t} IS NULL THEN TRUE WHEN ${plain} THEN FALSE ELSE (NOT ${hasDigit(sql, t)} OR ${hasOtherPrintable(sql, t, '-+.eE0-9')}) END AS ${name}_refused`],
			[`${readable} AS ${name}_readable`],
			[`CASE WHEN ${name}_readable THEN ${cast} END AS ${name}`],
		],
		value: name,
		matched: `${name}_readable`,
		refused: `${name}_refused`,
	};
}

// Time of day and zone after a date, as lib/records/values.ts TIME, with spaces for \s and without
// AM/PM (unverified): groups time(1) separator(2) hour(3) minute(4) seconds(5, 6) fraction(7, 8)
// zone(9) sign(10) zone hours(11) zone minutes(12, 13).
const TIME = '(( +|T|t)([0-9]{1,2}):([0-9]{2})(:([0-9]{2})([.,]([0-9]{1,9}))?)?)? *(Z|z|UTC|GMT|([-+])([0-9]{2})(:?([0-9]{2}))?)?';
const ISO_DATE = `([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})${TIME}`;
const NUMERIC_DATE = `([0-9]{1,2})([-/.])([0-9]{1,2})([-/.])([0-9]{4})${TIME}`;
const DATE_GROUPS = 5;
const ALL_GROUPS = DATE_GROUPS + 13;

const DAY_MS = 86400000;

/** Days since 1970-01-01 of a Gregorian y-m-d (years 1000-2999), integer arithmetic only (Hinnant). */
function daysFromCivil(sql: SqlBuilder, y: string, m: string, d: string): string {
	const year = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
	const era = div(sql, year, '400');
	const yoe = `(${year} - ${era} * 400)`;
	const doy = `(${div(sql, `153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2`, '5')} + ${d} - 1)`;
	const doe = `(${yoe} * 365 + ${div(sql, yoe, '4')} - ${div(sql, yoe, '100')} + ${doy})`;
	return `(${era} * 146097 + ${doe} - 719468)`;
}

function isCalendarDate(y: string, m: string, d: string): string {
	const leap = `(MOD(${y}, 4) = 0 AND (MOD(${y}, 100) <> 0 OR MOD(${y}, 400) = 0))`;
	const days = `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
	return `(${y} BETWEEN 1000 AND 2999 AND ${m} BETWEEN 1 AND 12 AND ${d} >= 1 AND ${d} <= ${days})`;
}

/** instantFromNumber for a whole number `v` (BIGINT column): epoch ms or NULL. */
function instantFromInteger(sql: SqlBuilder, v: string): string {
	const compactDay = (n: string) => {
		const y = div(sql, n, '10000');
		const m = `MOD(${div(sql, n, '100')}, 100)`;
		const d = `MOD(${n}, 100)`;
		return { valid: isCalendarDate(y, m, d), days: daysFromCivil(sql, y, m, d) };
	};
	const eight = compactDay(v);
	// 12 digits YYYYMMDDHHMM, 14 digits YYYYMMDDHHMMSS.
	const minutes = `CASE WHEN ${v} >= 10000000000000 THEN ${div(sql, v, '100')} ELSE ${v} END`;
	const seconds = `CASE WHEN ${v} >= 10000000000000 THEN MOD(${v}, 100) ELSE 0 END`;
	const day = compactDay(div(sql, minutes, '10000'));
	const hour = `MOD(${div(sql, minutes, '100')}, 100)`;
	const minute = `MOD(${minutes}, 100)`;
	const compactRange = `((${v} >= 100000000000 AND ${v} < 1000000000000) OR (${v} >= 10000000000000 AND ${v} < 100000000000000))`;
	const compactValid = `(${compactRange} AND ${day.valid} AND ${hour} <= 23 AND ${minute} <= 59 AND ${seconds} <= 59)`;
	const ms = `CASE WHEN ABS(${v}) < 100000000000 THEN ${v} * 1000 ELSE ${v} END`;
	return `CASE
        WHEN ${v} BETWEEN 10000000 AND 99999999 THEN CASE WHEN ${eight.valid} THEN ${eight.days} * ${DAY_MS} END
        WHEN ABS(${v}) < 100000000 THEN NULL
        WHEN ${compactRange} AND ${compactValid} THEN ${day.days} * ${DAY_MS} + ((${hour} * 60 + ${minute}) * 60 + ${seconds}) * 1000
        WHEN ABS(${ms}) <= 8640000000000000 THEN ${ms}
      END`;
}

/**
 * readInstant in `order` as epoch ms (BIGINT): ISO dates and date-times (any zone offset), numeric
 * day/month dates, YYYYMMDD, 12/14-digit compact date-times and whole epoch seconds or ms. Month
 * names, AM/PM, decimal epochs and odd whitespace are unverified; text without a digit is bad.
 */
export function readInstantSql(sql: SqlBuilder, t: string, order: 'MDY' | 'DMY' | 'ISO', name: string): SqlReading {
	// The common fixed-width forms (YYYY-MM-DD, with T or space and HH:MM:SS, .mmm, Z) are matched
	// without captures and cut by position (as lib/records readIsoUtcFast); the rest by the patterns.
	const fast = `${name}_fast`;
	const isFast = sql.regexMatches(t, '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?)?');
	const iso = groups(sql, t, ISO_DATE, `${name}_iso`, ALL_GROUPS, `NOT ${isFast} AND ${sql.regexMatches(t, '[0-9]{4}[-/.].*')}`);
	const numeric = groups(sql, t, NUMERIC_DATE, `${name}_num`, ALL_GROUPS, sql.regexMatches(t, '[0-9]{1,2}[-/.].*'));
	const isInteger = sql.regexMatches(t, '[-+]?[0-9]{1,16}');
	// The parts of whichever date form matched (they exclude each other).
	// Positions of the fast form's parts: year, -, month, -, day, then time groups (see TIME).
	const FAST: Record<number, string> = {
		1: `SUBSTR(${t}, 1, 4)`,
		2: "'-'",
		3: `SUBSTR(${t}, 6, 2)`,
		4: "'-'",
		5: `SUBSTR(${t}, 9, 2)`,
		[DATE_GROUPS + 3]: `CASE WHEN LENGTH(${t}) > 10 THEN SUBSTR(${t}, 12, 2) END`,
		[DATE_GROUPS + 4]: `CASE WHEN LENGTH(${t}) > 10 THEN SUBSTR(${t}, 15, 2) END`,
		[DATE_GROUPS + 6]: `CASE WHEN LENGTH(${t}) > 10 THEN SUBSTR(${t}, 18, 2) END`,
		[DATE_GROUPS + 8]: `CASE WHEN LENGTH(${t}) >= 23 THEN SUBSTR(${t}, 21, 3) END`,
		[DATE_GROUPS + 9]: `CASE WHEN SUBSTR(${t}, LENGTH(${t}), 1) = 'Z' THEN 'Z' END`,
	};
	const part = (isoGroup: number, numericGroup: number) =>
		`CASE WHEN ${fast} THEN ${FAST[isoGroup] ?? 'NULL'} ELSE COALESCE(${iso.group(isoGroup)}, ${numeric.group(numericGroup)}) END`;
	const int = (n: number) => `COALESCE(${integer(sql, part(n, n))}, 0)`;
	const numericYmd = order === 'DMY' ? { y: 5, m: 3, d: 1 } : { y: 5, m: 1, d: 3 };
	const at = (k: number) => DATE_GROUPS + k;
	const p = (column: string) => `${name}_${column}`;
	const partsStage = [
		`(${fast} OR ${iso.matched}) AS ${p('is_iso')}`,
		`${numeric.matched} AS ${p('is_num')}`,
		`(${part(2, 2)} = ${part(4, 4)}) AS ${p('same_sep')}`,
		`${integer(sql, part(1, numericYmd.y))} AS ${p('y')}`,
		`${integer(sql, part(3, numericYmd.m))} AS ${p('mo')}`,
		`${integer(sql, part(5, numericYmd.d))} AS ${p('d')}`,
		`${int(at(3))} AS ${p('h')}`,
		`${int(at(4))} AS ${p('mi')}`,
		`${int(at(6))} AS ${p('s')}`,
		`COALESCE(${integer(sql, `SUBSTR(${sql.concat(part(at(8), at(8)), "'00'")}, 1, 3)`)}, 0) AS ${p('ms')}`,
		`${part(at(9), at(9))} AS ${p('zone')}`,
		`CASE WHEN ${part(at(10), at(10))} = '-' THEN -1 WHEN ${part(at(10), at(10))} = '+' THEN 1 ELSE 0 END AS ${p('sign')}`,
		`${int(at(11))} AS ${p('zh')}`,
		`${int(at(13))} AS ${p('zm')}`,
		`CASE WHEN ${name}_int THEN ${integer(sql, sql.regexReplace(t, '^[+]', ''))} END AS ${p('v')}`,
	];
	const [y, m, d] = [p('y'), p('mo'), p('d')];
	const valid = `(${p('same_sep')} AND ${isCalendarDate(y, m, d)} AND ${p('h')} <= 23 AND ${p('mi')} <= 59 AND ${p('s')} <= 59 AND (${p('zone')} IS NULL OR (${p('zh')} <= 23 AND ${p('zm')} <= 59)))`;
	const epoch = `(${daysFromCivil(sql, y, m, d)} * ${DAY_MS} + ((${p('h')} * 60 + ${p('mi')}) * 60 + ${p('s')}) * 1000 + ${p('ms')} - ${p('sign')} * (${p('zh')} * 60 + ${p('zm')}) * 60000)`;
	const dateForm = order === 'ISO' ? p('is_iso') : `(${p('is_iso')} OR ${p('is_num')})`;
	const value = `CASE
      WHEN LENGTH(${t}) > 64 THEN NULL
      WHEN ${dateForm} THEN CASE WHEN ${valid} THEN ${epoch} END
      WHEN ${p('v')} IS NOT NULL THEN ${instantFromInteger(sql, p('v'))}
    END`;
	return {
		stages: [
			[`${isFast} AS ${fast}`, ...iso.columns, ...numeric.columns, `${isInteger} AS ${name}_int`],
			partsStage,
			[`${value} AS ${name}`, `(${p('is_iso')} OR ${p('is_num')} OR ${name}_int) AS ${p('matched')}`, `(${t} IS NULL OR NOT ${hasDigit(sql, t)}) AS ${p('refused')}`],
		],
		value: name,
		matched: p('matched'),
		refused: p('refused'),
	};
}
