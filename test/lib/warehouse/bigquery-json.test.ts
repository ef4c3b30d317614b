// BigQuery statements with One JSON Array parameters (`bigqueryParameters: 'json'`): the same
// statements as with numbered @p1, @p2, ..., each value read as JSON_VALUE(@params, '$[i]') from
// the one named parameter n8n's BigQuery step binds; PostgreSQL and Snowflake ignore the option.
import { planHoldout, treatmentControlArms } from '../../../lib/holdout';
import { holdoutSql, identitySql, liftSql, rfmSql, suppressionSql, type BigQueryParameters, type Dialect, type SqlPlan } from '../../../lib/warehouse';
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

function plans(dialect: Dialect, bigqueryParameters?: BigQueryParameters): Array<[string, SqlPlan]> {
	const style = bigqueryParameters ? { bigqueryParameters } : {};
	const tables = { sourceTable: 'proj.marketing.customers', targetTable: 'marketing.assignments', customerKeyColumn: 'customer_id' };
	const rfm = {
		dialect,
		...style,
		sourceTable: 'marketing.orders',
		targetTable: 'marketing.rfm',
		customerIdColumn: 'customer_id',
		timestampColumn: 'ordered_at',
		amountColumn: 'amount',
		orderIdColumn: 'order_id',
		statusColumn: 'status',
		cancelledStatuses: ["it's cancelled", 'void'],
		returnedStatuses: ['refund', 'rückgabe'],
	};
	return [
		['holdout md5', holdoutSql(md5Plan, { dialect, ...style, ...tables, householdColumn: 'household id' })],
		['holdout growthbook', holdoutSql(gbPlan, { dialect, ...style, ...tables })],
		[
			'lift',
			liftSql({
				dialect,
				...style,
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
				...style,
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
				lists: ["brand's news", 'weekly, digest'],
				targetTable: 'marketing.decisions',
			}),
		],
		['rfm', rfmSql(rfm)],
		['rfm window', rfmSql({ ...rfm, windowDays: 90, asOf: '2024-11-15', monetary: 'average' })],
		['identity', identitySql({ dialect, ...style, sourceTable: 'mk.records', targetTable: 'mk.customers', recordKeyColumn: 'id', emailColumn: 'email', phoneColumn: 'phone', idColumns: ['crm_id'], passes: 2 })],
	];
}

const JSON_VALUE = /JSON_VALUE\(@params, '\$\[(\d+)\]'\)/g;
/** SQL without string literals and comments (a `$[0]` or `@x` inside them is no placeholder). */
const code = (sql: string): string => sql.replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/--[^\n]*/g, '');

describe("BigQuery with bigqueryParameters: 'json'", () => {
	const numbered = plans('bigquery');
	const json = plans('bigquery', 'json');

	it('numbered is the default', () => {
		expect(plans('bigquery', 'numbered')).toEqual(numbered);
	});

	it.each(json.map(([name], k) => [name, k]))('%s: the numbered statements, each @pN read as JSON_VALUE(@params, $[N-1])', (_name, k) => {
		const [, plan] = json[k as number];
		const [, reference] = numbered[k as number];
		expect(plan.statements.map((s) => s.name)).toEqual(reference.statements.map((s) => s.name));
		plan.statements.forEach((statement, i) => {
			const before = reference.statements[i];
			expect(statement.parameters).toEqual(before.parameters);
			expect(statement.sql.replace(JSON_VALUE, (_m, index) => `@p${Number(index) + 1}`)).toBe(before.sql);
			const text = code(statement.sql);
			expect(text).not.toMatch(/@p\d/);
			// Every value is read, at every index from 0, and @params is the only named parameter.
			const indexes = new Set([...statement.sql.matchAll(JSON_VALUE)].map((m) => Number(m[1])));
			expect([...indexes].sort((a, b) => a - b)).toEqual(statement.parameters.map((_v, j) => j));
			expect(new Set([...text.matchAll(/@([A-Za-z_]\w*)/g)].map((m) => m[1]))).toEqual(new Set(statement.parameters.length ? ['params'] : []));
		});
	});

	it.each(json.map(([name], k) => [name, k]))('%s: parses with the BigQuery grammar', (_name, k) => {
		// Its grammar fails on every UPDATE and has no DROP TABLE IF EXISTS (tested as text elsewhere).
		for (const statement of json[k as number][1].statements.filter((s) => !/^(UPDATE|DROP TABLE IF EXISTS) /.test(s.sql))) {
			expect(() => parseWith('bigquery', statement.sql)).not.toThrow();
		}
	});

	it.each(['postgres', 'snowflake'] as const)('%s ignores the option', (dialect) => {
		expect(plans(dialect, 'json')).toEqual(plans(dialect));
	});
});
