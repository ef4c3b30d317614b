// The templates pass each statement to n8n's database nodes through `{{ $json.sql }}`, which n8n
// substitutes with String.replace: a `$'` in the text (a regex anchor before a closing quote) would be
// replaced by the rest of the query. No generator may write one, in any dialect.
import { planHoldout, treatmentControlArms } from '../../../lib/holdout';
import { DIALECTS, holdoutSql, liftSql, rfmSql, suppressionSql, type SqlPlan } from '../../../lib/warehouse';

function everyPlan(dialect: (typeof DIALECTS)[number]): Array<[string, SqlPlan]> {
	const plan = planHoldout({ salt: 's', arms: treatmentControlArms(10), globalHoldout: { salt: 'g', percent: 5 } });
	return [
		['holdout', holdoutSql(plan, { dialect, sourceTable: 'customers', targetTable: 'assignments', customerKeyColumn: 'customer_id', householdColumn: 'household_id' })],
		['lift', liftSql({ dialect, sourceTable: 'outcomes', armColumn: 'arm', segmentColumn: 'tier', cuped: true, metrics: [{ name: 'revenue', kind: 'continuous', covariateColumn: 'pre' }] })],
		[
			'suppression',
			suppressionSql({
				dialect,
				audienceTable: 'audience',
				audienceEmailColumn: 'email',
				audienceCustomerIdColumn: 'customer_id',
				suppressionTable: 'suppressions',
				suppressionEmailColumn: 'email',
				suppressionCustomerIdColumn: 'customer_id',
				suppressionSha256Column: 'sha256',
				suppressionScopeColumn: 'scope',
				suppressionExpiresAtColumn: 'expires_at',
				lists: ['newsletter'],
				targetTable: 'decisions',
			}),
		],
		['rfm', rfmSql({ dialect, sourceTable: 'orders', targetTable: 'rfm', customerIdColumn: 'customer_id', timestampColumn: 'ordered_at', amountColumn: 'amount', orderIdColumn: 'order_id', statusColumn: 'status' })],
	];
}

describe.each([...DIALECTS])('%s statements survive n8n’s expression substitution', (dialect) => {
	it.each(everyPlan(dialect))('%s has no $\' and is unchanged by a String.replace substitution', (_name, plan) => {
		for (const statement of plan.statements) {
			expect(statement.sql).not.toContain("$'");
			expect('{{SQL}}'.replace('{{SQL}}', statement.sql)).toBe(statement.sql);
		}
	});
});
