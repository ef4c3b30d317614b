// The one dialect layer for generated SQL: identifier quoting, value binding and the few functions
// whose spelling differs between PostgreSQL, BigQuery and Snowflake. Every generator in lib/ builds
// its statements through a `SqlBuilder`, so user data (salts, arm names, metric names, placeholder
// lists) is never written into the SQL text: it is bound, in the placeholder style n8n's own
// database node for the dialect sends (Postgres `$1` with Query Parameters, BigQuery `@p1` named
// parameters or, with `bigqueryParameters: 'json'`, one named parameter `@params` holding them all,
// Snowflake `:1` with an array of binds). Table and column names are quoted.

import { EMPTY_KEY_TEXTS, MISSING_MARKERS } from '../records/values';

export type Dialect = 'postgres' | 'bigquery' | 'snowflake';

export const DIALECTS: readonly Dialect[] = ['postgres', 'bigquery', 'snowflake'];

/**
 * How BigQuery statements take their values. `numbered`: one STRING named parameter a value, @p1,
 * @p2, ... `json`: one STRING named parameter, @params, holding every value as a JSON array of
 * strings (JSON.stringify of the statement's `parameters`), value i read as
 * `JSON_VALUE(@params, '$[i]')`. n8n's BigQuery node takes named parameters only as a fixed list
 * in the workflow, so one step running statements that bind different numbers of values needs
 * `json`. Other dialects ignore it.
 */
export type BigQueryParameters = 'numbered' | 'json';

/** The one named parameter of `json` BigQuery statements. */
export const BIGQUERY_JSON_PARAMETER = 'params';

export class SqlGenerationError extends Error {
	constructor(
		message: string,
		readonly parameter: string,
	) {
		super(message);
		this.name = 'SqlGenerationError';
	}
}

/** One statement to run with the warehouse node, in order. */
export interface SqlStatement {
	/** A short machine name: `assign`, `counts`, ... */
	name: string;
	description: string;
	sql: string;
	/** Values bound to the placeholders, in order ($1, $2 / @p1, @p2 or $[0], $[1] of @params / :1, :2). */
	parameters: string[];
	/** Whether the statement returns rows the next step reads. */
	returnsRows: boolean;
}

/** What a Generate SQL operation outputs. */
export interface SqlPlan {
	dialect: Dialect;
	description: string;
	statements: SqlStatement[];
}

/**
 * The characters String.prototype.trim() removes (ECMAScript WhiteSpace and LineTerminator), as a
 * regex bracket body in each dialect's escapes: PostgreSQL ARE \uhhhh, RE2 \x{hhhh}, Snowflake
 * string-literal escapes (no \v there: \x0b).
 */
const JS_SPACE: Record<Dialect, string> = {
	postgres: '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff',
	bigquery: '\\t\\n\\v\\f\\r \\x{00a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}',
	snowflake: '\\t\\n\\x0b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff',
};

/**
 * The zero-width and soft-hyphen characters lib/records/email.ts drops from an address (and the
 * no-break space and BOM), in the same escapes.
 */
const INVISIBLE: Record<Dialect, string> = {
	postgres: '\\u00a0\\u00ad\\u180e\\u200b-\\u200d\\u2060\\ufeff',
	bigquery: '\\x{00a0}\\x{00ad}\\x{180e}\\x{200b}-\\x{200d}\\x{2060}\\x{feff}',
	snowflake: '\\u00a0\\u00ad\\u180e\\u200b-\\u200d\\u2060\\ufeff',
};

/** lib/records KEY_INVISIBLE (zero-width, bidi marks, soft hyphen, BOM), in each dialect's escapes. */
const KEY_INVISIBLE: Record<Dialect, string> = {
	postgres: '\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff',
	bigquery: '\\x{00ad}\\x{180e}\\x{200b}-\\x{200f}\\x{202a}-\\x{202e}\\x{2060}-\\x{2064}\\x{2066}-\\x{2069}\\x{feff}',
	snowflake: '\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff',
};

/** lib/suppression's STRAY bytes of a list cell: C0 and C1 controls and U+FFFD (NUL is not text in these warehouses). */
const STRAY: Record<Dialect, string> = {
	postgres: '\\u0001-\\u0008\\u000e-\\u001f\\u007f-\\u009f\\ufffd',
	bigquery: '\\x{01}-\\x{08}\\x{0e}-\\x{1f}\\x{7f}-\\x{9f}\\x{fffd}',
	snowflake: '\\u0001-\\u0008\\u000e-\\u001f\\u007f-\\u009f\\ufffd',
};

/** lib/records FULL_WIDTH_ASCII and the ASCII characters they stand for, for TRANSLATE. */
const FULL_WIDTH = Array.from({ length: 0x5e }, (_, i) => 0xff01 + i).filter((code) => ![0xff02, 0xff07, 0xff3c, 0xff40].includes(code));
const FULL_WIDTH_FROM = String.fromCharCode(...FULL_WIDTH);
const FULL_WIDTH_TO = String.fromCharCode(...FULL_WIDTH.map((code) => code - 0xfee0));

/** lib/records UNICODE_DASHES: hyphen, non-breaking hyphen, figure dash, en and em dashes, bar, minus, small and full-width hyphen-minus. */
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Quotes one identifier part. PostgreSQL and BigQuery keep it exactly as typed. Snowflake folds
 * unquoted names to upper case, so a plain name (letters, digits, _) is written upper case, as
 * Snowflake resolves `customer_id`; anything else is kept exactly.
 */
export function quoteIdentifierPart(part: string, dialect: Dialect): string {
	if (part === '' || part.includes('\u0000')) throw new SqlGenerationError('An empty table or column name', 'table');
	// n8n's BigQuery and Postgres steps evaluate {{ }} inside the query text they are given: a name
	// holding it would run as an expression.
	if (part.includes('{{') || part.includes('}}')) throw new SqlGenerationError('A table or column name cannot contain {{ or }} (n8n would read it as an expression)', 'table');
	if (dialect === 'bigquery') {
		// A backtick or backslash cannot be escaped in every BigQuery surface: refuse it.
		if (/[`\\\r\n]/.test(part)) throw new SqlGenerationError(`A BigQuery name cannot contain a backtick, backslash or line break`, 'table');
		return `\`${part}\``;
	}
	const name = dialect === 'snowflake' && PLAIN_NAME.test(part) ? part.toUpperCase() : part;
	return `"${name.replace(/"/g, '""')}"`;
}

/** A column name, quoted as one part (a dot is part of the name). */
export function quoteColumn(name: string, dialect: Dialect): string {
	return quoteIdentifierPart(name.trim(), dialect);
}

/** A table name, `schema.table` or `project.dataset.table`: each dot-separated part quoted. */
export function quoteTable(name: string, dialect: Dialect): string {
	const parts = name.trim().split('.');
	if (parts.length > 3 || parts.some((part) => part.trim() === '')) {
		throw new SqlGenerationError(`"${name}" is not a table name: expected table, schema.table or database.schema.table`, 'table');
	}
	return parts.map((part) => quoteIdentifierPart(part.trim(), dialect)).join('.');
}

/** Collects bound values and gives each its placeholder. */
export class SqlBuilder {
	private values: string[] = [];

	constructor(
		readonly dialect: Dialect,
		readonly bigqueryParameters: BigQueryParameters = 'numbered',
	) {}

	/** Starts a new statement's parameter list. */
	reset(): void {
		this.values = [];
	}

	/** A placeholder for a text value (the same value twice binds once). */
	bind(value: string): string {
		let index = this.values.indexOf(value);
		if (index < 0) index = this.values.push(value) - 1;
		// JSON_VALUE of a JSON string array element is that string (STRING, as a named parameter binds).
		if (this.dialect === 'bigquery' && this.bigqueryParameters === 'json') return `JSON_VALUE(@${BIGQUERY_JSON_PARAMETER}, '$[${index}]')`;
		const placeholder = this.dialect === 'postgres' ? `$${index + 1}` : this.dialect === 'bigquery' ? `@p${index + 1}` : `:${index + 1}`;
		// Postgres infers a bare $n's type from context; a text cast keeps `||` and comparisons unambiguous.
		return this.dialect === 'postgres' ? `CAST(${placeholder} AS TEXT)` : placeholder;
	}

	statement(name: string, description: string, sql: string, returnsRows: boolean): SqlStatement {
		const statement = { name, description, sql, parameters: this.values, returnsRows };
		this.values = [];
		return statement;
	}

	table(name: string): string {
		return quoteTable(name, this.dialect);
	}

	column(name: string): string {
		return quoteColumn(name, this.dialect);
	}

	/** A whole number the node computed itself (never user text). */
	integer(value: number): string {
		if (!Number.isSafeInteger(value)) throw new Error(`Not a safe integer: ${value}`);
		return String(value);
	}

	get text(): string {
		return this.dialect === 'bigquery' ? 'STRING' : this.dialect === 'snowflake' ? 'VARCHAR' : 'TEXT';
	}

	get float(): string {
		return this.dialect === 'bigquery' ? 'FLOAT64' : this.dialect === 'snowflake' ? 'DOUBLE' : 'DOUBLE PRECISION';
	}

	get bigint(): string {
		return this.dialect === 'bigquery' ? 'INT64' : this.dialect === 'snowflake' ? 'NUMBER(38, 0)' : 'BIGINT';
	}

	asText(expression: string): string {
		return `CAST(${expression} AS ${this.text})`;
	}

	/** Text concatenation (BigQuery's parser tools read CONCAT more reliably than `||`). */
	concat(...parts: string[]): string {
		return this.dialect === 'bigquery' ? `CONCAT(${parts.join(', ')})` : `(${parts.join(' || ')})`;
	}

	/** An arm or segment label as Measure Lift reads it: text, trimmed of spaces; empty becomes NULL. */
	key(expression: string): string {
		return `NULLIF(TRIM(${this.asText(expression)}), '')`;
	}

	/**
	 * A customer or household key as Split Holdout and Apply Suppression read it (lib/records readKey, lib/holdout holdoutKey): text without invisible
	 * characters (zero-width, bidi marks, BOM), full-width digits and letters as ASCII, trimmed of the
	 * white space JavaScript's trim() removes (tabs, line breaks, no-break and other Unicode spaces,
	 * the BOM), integer-valued decimal text as the integer (`1001.0`, as pandas writes an integer
	 * column with a gap, is `1001`; `+7.00` is `7`); empty text and missing markers (`null`, `N/A`,
	 * `#N/A`...) become NULL.
	 */
	customerKey(expression: string): string {
		const raw = this.asText(expression);
		// Most keys are ASCII: a plain trim of ASCII white space is all they need (regexes only for the rest).
		const trimmed = `CASE WHEN ${this.hasNonAscii(raw)} THEN ${this.jsTrim(this.asciiWidth(this.withoutKeyInvisible(raw)))} ELSE ${this.asciiTrim(raw)} END`;
		const integer = `CASE WHEN ${this.position("'.'", trimmed)} > 0 THEN COALESCE(${this.regexGroup(trimmed, '^[+]?([-]?[0-9]+)[.]0+($)')}, ${trimmed}) ELSE ${trimmed} END`;
		const markers = [...MISSING_MARKERS, ...EMPTY_KEY_TEXTS].map((marker) => this.literal(marker)).join(', ');
		return `CASE WHEN LOWER(${trimmed}) IN (${markers}) THEN NULL ELSE ${integer} END`;
	}

	/** The text with ASCII white space (tab, line feed, vertical tab, form feed, carriage return, space) trimmed. */
	asciiTrim(textExpression: string): string {
		if (this.dialect === 'postgres') return `btrim(${textExpression}, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))`;
		if (this.dialect === 'bigquery') return `TRIM(${textExpression}, CODE_POINTS_TO_STRING([32, 9, 10, 11, 12, 13]))`;
		return `TRIM(${textExpression}, ' ' || CHR(9) || CHR(10) || CHR(11) || CHR(12) || CHR(13))`;
	}

	/** Full-width digits, letters and punctuation as ASCII (lib/records FULL_WIDTH_ASCII). */
	asciiWidth(textExpression: string): string {
		return `TRANSLATE(${textExpression}, ${this.literal(FULL_WIDTH_FROM)}, ${this.literal(FULL_WIDTH_TO)})`;
	}

	/** jsTrim, with a plain trim for ASCII text (most rows): `textExpression` is evaluated up to three times. */
	jsTrimFast(textExpression: string): string {
		return `CASE WHEN ${this.hasNonAscii(textExpression)} THEN ${this.jsTrim(textExpression)} ELSE ${this.asciiTrim(textExpression)} END`;
	}

	/** Unicode hyphens and dashes (lib/records UNICODE_DASHES) as `-`. */
	foldDashes(textExpression: string): string {
		return `TRANSLATE(${textExpression}, ${this.literal(DASHES)}, ${this.literal('-'.repeat(DASHES.length))})`;
	}

	/** The text with what JavaScript's String.prototype.trim() removes taken off both ends. */
	jsTrim(textExpression: string): string {
		return this.escapedReplace(textExpression, `^[${JS_SPACE[this.dialect]}]+|[${JS_SPACE[this.dialect]}]+($)`);
	}

	/** The text without the invisible characters lib/records/email.ts drops (zero-width, soft hyphen, NBSP, BOM). */
	withoutInvisible(textExpression: string): string {
		return this.escapedReplace(textExpression, `[${INVISIBLE[this.dialect]}]+`);
	}

	/** Every character JavaScript's \s matches (the trim set) as a plain space. */
	spacesAsSpace(textExpression: string): string {
		return this.escapedReplace(textExpression, `[${JS_SPACE[this.dialect]}]`, ' ');
	}

	/** Without lib/records KEY_INVISIBLE characters (zero-width, bidi marks, soft hyphen, BOM). */
	withoutKeyInvisible(textExpression: string): string {
		return this.escapedReplace(textExpression, `[${KEY_INVISIBLE[this.dialect]}]+`);
	}

	/** Without lib/suppression's stray bytes (control characters, U+FFFD) that broken exports leave in a cell. */
	withoutStray(textExpression: string): string {
		return this.escapedReplace(textExpression, `[${STRAY[this.dialect]}]+`);
	}

	/** Every match replaced, for a pattern written in the dialect's own escapes (JS_SPACE, INVISIBLE); `replacement` is plain text. */
	private escapedReplace(textExpression: string, pattern: string, replacement = ''): string {
		const by = this.literal(replacement);
		if (this.dialect === 'postgres') return `regexp_replace(${textExpression}, '${pattern}', ${by}, 'g')`;
		// BigQuery: the literal doubles the backslashes, so RE2 reads its own escapes.
		if (this.dialect === 'bigquery') return `REGEXP_REPLACE(${textExpression}, ${this.literal(pattern)}, ${by})`;
		// Snowflake: the string literal's escapes (\t, \uhhhh) give the regex the characters themselves.
		return `REGEXP_REPLACE(${textExpression}, '${pattern}', ${by})`;
	}

	/** Whether the text holds a character outside ASCII (its UTF-8 bytes outnumber its characters). */
	hasNonAscii(textExpression: string): string {
		const bytes = this.dialect === 'bigquery' ? 'BYTE_LENGTH' : 'OCTET_LENGTH';
		return `(${bytes}(${textExpression}) > LENGTH(${textExpression}))`;
	}

	/**
	 * A FROM-clause item giving one row per part of `textExpression` split at commas and semicolons,
	 * for `FROM <table> <alias>` followed by it; the part is `<as>.v` (PostgreSQL, BigQuery) or
	 * `<as>.VALUE` (Snowflake): use `partColumn(as)`.
	 */
	splitParts(textExpression: string, as: string): string {
		const commas = `REPLACE(${textExpression}, ';', ',')`;
		if (this.dialect === 'postgres') return `CROSS JOIN LATERAL unnest(string_to_array(${commas}, ',')) AS ${as}(v)`;
		if (this.dialect === 'bigquery') return `CROSS JOIN UNNEST(SPLIT(${commas}, ',')) AS ${as}_v`;
		return `, LATERAL SPLIT_TO_TABLE(${commas}, ',') ${as}`;
	}

	partColumn(as: string): string {
		return this.dialect === 'postgres' ? `${as}.v` : this.dialect === 'bigquery' ? `${as}_v` : `${as}.VALUE`;
	}

	/** The first 32 bits of MD5 over the text's UTF-8 bytes, as a non-negative integer. */
	md5First32(textExpression: string): string {
		switch (this.dialect) {
			case 'postgres':
				return `(('x' || substr(md5(${textExpression}), 1, 8))::bit(32)::bigint)`;
			case 'bigquery':
				return `CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(${textExpression})), 1, 8)) AS INT64)`;
			case 'snowflake':
				return `TO_NUMBER(SUBSTR(MD5(${textExpression}), 1, 8), 'XXXXXXXX')`;
		}
	}

	xor(a: string, b: string): string {
		return this.dialect === 'postgres' ? `(${a} # ${b})` : this.dialect === 'bigquery' ? `(${a} ^ ${b})` : `BITXOR(${a}, ${b})`;
	}

	mod(a: string, b: string): string {
		return `MOD(${a}, ${b})`;
	}

	/** Integer division of non-negative integers. */
	intDiv(a: string, b: string): string {
		return this.dialect === 'postgres' ? `(${a} / ${b})` : this.dialect === 'bigquery' ? `DIV(${a}, ${b})` : `FLOOR(${a} / ${b})`;
	}

	/** Code point of the character at 1-based `position`. */
	codePointAt(textExpression: string, position: string): string {
		const character = `SUBSTR(${textExpression}, ${position}, 1)`;
		return this.dialect === 'postgres' ? `ascii(${character})` : `UNICODE(${character})`;
	}

	/** SHA-256 of text as lower-case hex. */
	sha256Hex(textExpression: string): string {
		switch (this.dialect) {
			case 'postgres':
				return `encode(sha256(convert_to(${textExpression}, 'UTF8')), 'hex')`;
			case 'bigquery':
				return `TO_HEX(SHA256(${textExpression}))`;
			case 'snowflake':
				return `SHA2(${textExpression}, 256)`;
		}
	}

	/** A text constant of the generator's own (never user data: that is bound). */
	literal(text: string): string {
		return this.dialect === 'bigquery' ? `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : `'${text.replace(/'/g, "''")}'`;
	}

	/**
	 * Whether the whole text matches `pattern` (a POSIX/RE2-common pattern without backslashes). The
	 * end anchor is written `($)`: n8n's Postgres node puts the statement into its query with
	 * String.replace, which reads `$'` (an anchor before the closing quote) as "the text after".
	 */
	regexMatches(expression: string, pattern: string): string {
		if (this.dialect === 'postgres') return `(${expression} ~ ${this.literal(`^(${pattern})($)`)})`;
		if (this.dialect === 'bigquery') return `REGEXP_CONTAINS(${expression}, ${this.literal(`^(${pattern})($)`)})`;
		return `REGEXP_LIKE(${expression}, ${this.literal(pattern)})`;
	}

	/** Every match of `pattern` replaced. */
	regexReplace(expression: string, pattern: string, replacement: string): string {
		if (this.dialect === 'postgres') return `regexp_replace(${expression}, ${this.literal(pattern)}, ${this.literal(replacement)}, 'g')`;
		return `REGEXP_REPLACE(${expression}, ${this.literal(pattern)}, ${this.literal(replacement)})`;
	}

	/** The first group of the first match of `pattern`, or NULL. */
	regexGroup(expression: string, pattern: string): string {
		if (this.dialect === 'postgres') return `substring(${expression} from ${this.literal(pattern)})`;
		if (this.dialect === 'bigquery') return `REGEXP_EXTRACT(${expression}, ${this.literal(pattern)})`;
		return `REGEXP_SUBSTR(${expression}, ${this.literal(pattern)}, 1, 1, 'e', 1)`;
	}

	/**
	 * A WITH clause. PostgreSQL inlines a CTE read once into the query, and its planner, misjudging
	 * row counts of regex-filtered rows, may then nest-loop over it and re-evaluate the expressions
	 * for every pair: MATERIALIZED computes each CTE once.
	 */
	withClause(ctes: readonly string[]): string {
		const list = this.dialect === 'postgres' ? ctes.map((cte) => cte.replace(/^(\w+) AS \(/, '$1 AS MATERIALIZED (')) : ctes;
		return `WITH ${list.join(',\n')}`;
	}

	/** 1-based position of `needle` in `haystack`, 0 when absent. */
	position(needle: string, haystack: string): string {
		return this.dialect === 'snowflake' ? `POSITION(${needle}, ${haystack})` : `STRPOS(${haystack}, ${needle})`;
	}

	/**
	 * Statements that (re)create `table` from a SELECT holding the values bound so far: PostgreSQL
	 * drops and creates (a `drop` statement, then `name`), the others CREATE OR REPLACE.
	 */
	createTableAs(table: string, select: string, name: string, description: string): SqlStatement[] {
		const quoted = this.table(table);
		const statements: SqlStatement[] = [];
		if (this.dialect === 'postgres') {
			statements.push({ name: 'drop', description: `Drops ${table} if it exists, so it is written afresh`, sql: `DROP TABLE IF EXISTS ${quoted}`, parameters: [], returnsRows: false });
			statements.push(this.statement(name, description, `CREATE TABLE ${quoted} AS\n${select}`, false));
		} else {
			statements.push(this.statement(name, description, `CREATE OR REPLACE TABLE ${quoted} AS\n${select}`, false));
		}
		return statements;
	}

	/** Quoted output alias, so Snowflake returns it lower case as the nodes read it. */
	alias(name: string): string {
		if (this.dialect === 'snowflake') return `"${name.replace(/"/g, '""')}"`;
		return this.column(name);
	}
}
