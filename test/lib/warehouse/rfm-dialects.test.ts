// Compute RFM's generated statements in BigQuery and Snowflake: parsed by node-sql-parser's grammar
// for the dialect, user values bound (statuses), and the functions each dialect relies on.
import { rfmSql, SqlGenerationError, type Dialect, type RfmSqlOptions } from '../../../lib/warehouse';
import { parseWith } from './parse';

const base = (dialect: Dialect, options: Partial<RfmSqlOptions> = {}): RfmSqlOptions => ({
	dialect,
	sourceTable: 'proj.marketing.orders',
	targetTable: 'marketing.rfm',
	customerIdColumn: 'customer id',
	timestampColumn: 'ordered_at',
	amountColumn: 'amount',
	orderIdColumn: 'order_id',
	quantityColumn: 'qty',
	statusColumn: 'status',
	cancelledStatuses: ["spring'; DROP TABLE x; --", 'void'],
	returnedStatuses: ['refund', 'rückgabe'],
	...options,
});

const variants: Array<[string, Partial<RfmSqlOptions>]> = [
	['quintiles', {}],
	['window, as-of, average, day-first', { windowDays: 90.5, asOf: '2024-11-15', monetary: 'average', dateOrder: 'DMY', currencyDecimals: 0 }],
	['cut points, no order or status column', { orderIdColumn: undefined, statusColumn: undefined, quantityColumn: undefined, cutPoints: { recency: [30, 90, 180, 365], frequency: [2, 3, 5, 10], monetary: [50, 100, 250, 1000] } }],
];

describe.each(['bigquery', 'snowflake'] as const)('generated %s RFM SQL', (dialect) => {
	it.each(variants)('%s parses', (_name, options) => {
		const statements = rfmSql(base(dialect, options)).statements;
		expect(statements.map((s) => s.name)).toEqual(['rows', 'scores', 'segments', 'report', 'cleanup']);
		// node-sql-parser's grammars lack DROP TABLE IF EXISTS (both warehouses have it): checked as text.
		for (const statement of statements.slice(0, -1)) expect(() => parseWith(dialect, statement.sql)).not.toThrow();
		expect(statements[4].sql).toBe(dialect === 'bigquery' ? 'DROP TABLE IF EXISTS `marketing`.`rfm_rows`' : 'DROP TABLE IF EXISTS "MARKETING"."RFM_ROWS"');
	});

	it.each(variants)('%s binds every status and never writes it into the text', (_name, options) => {
		for (const statement of rfmSql(base(dialect, options)).statements) {
			expect(statement.sql).not.toMatch(/DROP TABLE x|spring|rückgabe/);
			const placeholders = statement.sql.match(dialect === 'bigquery' ? /@p(\d+)/g : /:(\d+)\b/g) ?? [];
			const used = new Set(placeholders.map((p) => Number(p.replace(/\D/g, ''))));
			expect(used.size).toBe(statement.parameters.length);
		}
	});
});

describe('RFM SQL per dialect', () => {
	const text = (dialect: Dialect) => rfmSql(base(dialect)).statements.map((s) => s.sql).join('\n');

	it('reads values with each dialect\'s regular expressions and safe casts', () => {
		expect(text('postgres')).toContain('regexp_match(');
		expect(text('bigquery')).toContain('REGEXP_EXTRACT(');
		expect(text('bigquery')).toContain('SAFE_CAST(');
		expect(text('snowflake')).toContain("REGEXP_SUBSTR(");
		expect(text('snowflake')).toContain('TRY_CAST(');
		// No date function whose zone or calendar rules differ: days come from integer arithmetic.
		for (const dialect of ['postgres', 'bigquery', 'snowflake'] as const) expect(text(dialect)).not.toMatch(/TO_TIMESTAMP|PARSE_TIMESTAMP|DATE_DIFF|DATEDIFF|\bEXTRACT\(/i);
	});

	it('scores by rank with ties and the node\'s segment grid', () => {
		const sql = text('bigquery');
		expect(sql).toContain('RANK() OVER (PARTITION BY scored ORDER BY recency_days DESC)');
		expect(sql).toContain("'Can\\'t Lose Them'");
		expect(text('postgres')).toContain("'Can''t Lose Them'");
		// Snowflake returns the quoted lower-case output names the nodes read.
		expect(text('snowflake')).toContain('AS "r_score"');
	});

	it('holds no text String.replace would expand ($\', $&, $`, $$): n8n\'s Postgres node splices the statement in with it', () => {
		for (const dialect of ['postgres', 'bigquery', 'snowflake'] as const) {
			for (const statement of rfmSql(base(dialect)).statements) expect(statement.sql).not.toMatch(/\$['&`$]/);
		}
	});

	it('refuses options it cannot reproduce', () => {
		expect(() => rfmSql(base('postgres', { targetTable: ' ' }))).toThrow(SqlGenerationError);
		expect(() => rfmSql(base('postgres', { asOf: 'someday' }))).toThrow(SqlGenerationError);
		expect(() => rfmSql(base('postgres', { currencyDecimals: 7 }))).toThrow(SqlGenerationError);
		expect(() => rfmSql(base('postgres', { cutPoints: { recency: [1, 2, 3] } }))).toThrow(SqlGenerationError);
		expect(() => rfmSql(base('postgres', { windowDays: -1 }))).toThrow(SqlGenerationError);
	});
});
