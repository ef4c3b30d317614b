import { BUCKETS } from './hash';
import { SqlBuilder } from '../warehouse/dialect';
import type { HoldoutPlan } from './assign';
import { GLOBAL_HOLDOUT_ARM } from './assign';

export type SqlDialect = 'postgres' | 'bigquery' | 'snowflake';

function literal(text: string): string {
	return `'${text.replace(/'/g, "''")}'`;
}

/**
 * SQL for the md5 bucket of `keyExpression` (a column or expression yielding the key as the table
 * holds it: it is read the node's way, trimmed and `1001.0` as `1001`, see SqlBuilder.customerKey): the first 8
 * hex digits of md5(salt || ':' || key) as an unsigned integer, mod 10000. The MD5 expression is
 * the dialect layer's (lib/warehouse), which Generate SQL uses with the salt bound as a parameter;
 * this literal form is for documentation and audits.
 */
export function bucketSql(salt: string, keyExpression: string, dialect: SqlDialect): string {
	const sql = new SqlBuilder(dialect);
	return `${sql.mod(sql.md5First32(sql.concat(literal(`${salt}:`), sql.customerKey(keyExpression))), String(BUCKETS))}`;
}

/**
 * A CASE expression giving the arm name, as the node assigns it in md5 mode without
 * stratification (stratified splits depend on the whole stratum and are not reproduced here).
 */
export function armSql(plan: HoldoutPlan, keyExpression: string, dialect: SqlDialect): string {
	if (plan.hashMode !== 'md5') throw new Error('Only the md5 hash mode has a SQL form');
	const bucket = bucketSql(plan.salt, keyExpression, dialect);
	// A row without a usable key has no arm (the node rejects the item; it is never treated).
	const whens: string[] = [`WHEN ${new SqlBuilder(dialect).customerKey(keyExpression)} IS NULL THEN NULL`];
	if (plan.globalHoldout) {
		const cut = Math.round((plan.globalHoldout.percent / 100) * BUCKETS);
		whens.push(`WHEN ${bucketSql(plan.globalHoldout.salt, keyExpression, dialect)} < ${cut} THEN ${literal(GLOBAL_HOLDOUT_ARM)}`);
	}
	plan.arms.slice(0, -1).forEach((arm) => whens.push(`WHEN ${bucket} < ${arm.end} THEN ${literal(arm.name)}`));
	return `CASE ${whens.join(' ')} ELSE ${literal(plan.arms[plan.arms.length - 1].name)} END`;
}
