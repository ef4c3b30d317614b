// The generated statements in BigQuery and Snowflake: the text (quoting, binding, the functions each
// dialect relies on) and a parse by node-sql-parser's grammar for the dialect.
import { planHoldout, treatmentControlArms } from '../../../lib/holdout';
import { holdoutSql, liftSql, quoteColumn, quoteTable, suppressionSql, SqlGenerationError, type Dialect, type SqlPlan } from '../../../lib/warehouse';
import { parseWith } from './parse';

const md5Plan = planHoldout({
	salt: "spring'; DROP TABLE x; --",
	arms: [
		{ name: 'control', weight: 1 },
		{ name: 'a`b"c', weight: 2 },
	],
	globalHoldout: { salt: 'global', percent: 5 },
});
const gbPlan = planHoldout({ salt: 'gb', hashMode: 'growthbook', arms: treatmentControlArms(10), globalHoldout: { salt: 'g2', percent: 3 } });

function plans(dialect: Dialect): Array<[string, SqlPlan]> {
	const tables = { sourceTable: 'proj.marketing.customers', targetTable: 'marketing.assignments', customerKeyColumn: 'customer_id' };
	return [
		['holdout md5', holdoutSql(md5Plan, { dialect, ...tables, householdColumn: 'household id' })],
		['holdout growthbook', holdoutSql(gbPlan, { dialect, ...tables })],
		[
			'lift',
			liftSql({
				dialect,
				sourceTable: 'marketing.outcomes',
				armColumn: 'arm',
				segmentColumn: 'tier',
				cuped: true,
				metrics: [
					{ name: 'converted', kind: 'binary' },
					{ name: "rev'enue", kind: 'continuous', covariateColumn: 'pre_revenue' },
				],
			}),
		],
		[
			'suppression',
			suppressionSql({
				dialect,
				audienceTable: 'marketing.audience',
				audienceEmailColumn: 'email',
				audienceCustomerIdColumn: 'customer_id',
				suppressionTable: 'marketing.suppressions',
				suppressionEmailColumn: 'email',
				suppressionCustomerIdColumn: 'customer_id',
				suppressionSha256Column: 'sha256',
				suppressionScopeColumn: 'scope',
				suppressionExpiresAtColumn: 'expires_at',
				suppressionReasonColumn: 'reason',
				lists: ["brand's news"],
				targetTable: 'marketing.decisions',
			}),
		],
	];
}

describe.each(['bigquery', 'snowflake'] as const)('generated %s SQL', (dialect) => {
	it.each(plans(dialect))('%s parses', (_name, plan) => {
		for (const statement of plan.statements) expect(() => parseWith(dialect, statement.sql)).not.toThrow();
	});

	it.each(plans(dialect))('%s binds every user value and never writes it into the text', (_name, plan) => {
		for (const statement of plan.statements) {
			for (const value of statement.parameters) expect(statement.sql).not.toContain(`'${value.replace(/'/g, "''")}'`);
			expect(statement.sql).not.toMatch(/DROP TABLE x|spring/);
			const placeholders = statement.sql.match(dialect === 'bigquery' ? /@p(\d+)/g : /:(\d+)\b/g) ?? [];
			const used = new Set(placeholders.map((p) => Number(p.replace(/\D/g, ''))));
			expect(used.size).toBe(statement.parameters.length);
		}
	});
});

describe('dialect functions', () => {
	const text = (dialect: Dialect, plan = md5Plan) => holdoutSql(plan, { dialect, sourceTable: 's', targetTable: 't', customerKeyColumn: 'id' }).statements.map((s) => s.sql).join('\n');

	it('uses each warehouse\'s MD5 (hex digits 1-8 as an unsigned 32-bit number), never a fingerprint', () => {
		expect(text('postgres')).toContain("('x' || substr(md5(");
		expect(text('bigquery')).toContain("CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(");
		expect(text('snowflake')).toContain("TO_NUMBER(SUBSTR(MD5(");
		for (const dialect of ['postgres', 'bigquery', 'snowflake'] as const) expect(text(dialect)).not.toMatch(/FARM_FINGERPRINT|HASH\(/);
	});

	it('computes GrowthBook\'s FNV-1a with a recursive CTE and each dialect\'s XOR', () => {
		expect(text('postgres', gbPlan)).toMatch(/WITH RECURSIVE[\s\S]* # /);
		expect(text('bigquery', gbPlan)).toMatch(/WITH RECURSIVE[\s\S]* \^ /);
		expect(text('snowflake', gbPlan)).toMatch(/WITH RECURSIVE[\s\S]*BITXOR\(/);
	});

	it('quotes table and column names per dialect', () => {
		expect(quoteTable('proj.marketing.customers', 'bigquery')).toBe('`proj`.`marketing`.`customers`');
		expect(quoteTable('marketing.customers', 'snowflake')).toBe('"MARKETING"."CUSTOMERS"');
		expect(quoteTable('marketing."Mixed Case"', 'snowflake')).toBe('"MARKETING"."""Mixed Case"""');
		expect(quoteTable('Marketing.Customers', 'postgres')).toBe('"Marketing"."Customers"');
		expect(() => quoteTable('a`b', 'bigquery')).toThrow(SqlGenerationError);
		expect(() => quoteTable('a..b', 'postgres')).toThrow(SqlGenerationError);
		// n8n evaluates {{ }} in the query text of its BigQuery and Postgres steps.
		for (const dialect of ['postgres', 'bigquery', 'snowflake'] as const) expect(() => quoteColumn('x{{ $env.SECRET }}', dialect)).toThrow(/expression/);
		expect(text('snowflake')).toContain(`REGEXP_REPLACE(CAST("ID" AS VARCHAR), '[`);
	});

	it('refuses a plan it cannot reproduce', () => {
		expect(() => holdoutSql(md5Plan, { dialect: 'postgres', sourceTable: 's', targetTable: ' ', customerKeyColumn: 'id' })).toThrow(SqlGenerationError);
		expect(() => liftSql({ dialect: 'postgres', sourceTable: 's', armColumn: 'arm', metrics: [] })).toThrow(SqlGenerationError);
	});
});
