// The one dialect layer for generated SQL: identifier quoting, value binding and the few functions
// whose spelling differs between PostgreSQL, BigQuery and Snowflake. Every generator in lib/ builds
// its statements through a `SqlBuilder`, so user data (salts, arm names, metric names, placeholder
// lists) is never written into the SQL text: it is bound, in the placeholder style n8n's own
// database node for the dialect sends (Postgres `$1` with Query Parameters, BigQuery `@p1` named
// parameters, Snowflake `:1` with an array of binds). Table and column names are quoted.

export type Dialect = 'postgres' | 'bigquery' | 'snowflake';

export const DIALECTS: readonly Dialect[] = ['postgres', 'bigquery', 'snowflake'];

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
	/** Values bound to the placeholders, in order ($1, $2 / @p1, @p2 / :1, :2). */
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

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Quotes one identifier part. PostgreSQL and BigQuery keep it exactly as typed. Snowflake folds
 * unquoted names to upper case, so a plain name (letters, digits, _) is written upper case, as
 * Snowflake resolves `customer_id`; anything else is kept exactly.
 */
export function quoteIdentifierPart(part: string, dialect: Dialect): string {
	if (part === '' || part.includes('\u0000')) throw new SqlGenerationError('An empty table or column name', 'table');
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

	constructor(readonly dialect: Dialect) {}

	/** Starts a new statement's parameter list. */
	reset(): void {
		this.values = [];
	}

	/** A placeholder for a text value (the same value twice binds once). */
	bind(value: string): string {
		let index = this.values.indexOf(value);
		if (index < 0) index = this.values.push(value) - 1;
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

	/** A key as the nodes read it: text, trimmed of spaces; empty becomes NULL. */
	key(expression: string): string {
		return `NULLIF(TRIM(${this.asText(expression)}), '')`;
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
