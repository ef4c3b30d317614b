import { BUCKETS } from './hash';
import type { HoldoutPlan } from './assign';
import { GLOBAL_HOLDOUT_ARM } from './assign';

export type SqlDialect = 'postgres' | 'bigquery' | 'snowflake';

function literal(text: string): string {
	return `'${text.replace(/'/g, "''")}'`;
}

/**
 * SQL for the md5 bucket of `keyExpression` (a column or expression yielding text):
 * the first 8 hex digits of md5(salt || ':' || key) as an unsigned integer, mod 10000.
 */
export function bucketSql(salt: string, keyExpression: string, dialect: SqlDialect): string {
	const input = `${literal(`${salt}:`)} || CAST(${keyExpression} AS ${dialect === 'bigquery' ? 'STRING' : 'TEXT'})`;
	switch (dialect) {
		case 'postgres':
			return `(('x' || substr(md5(${input}), 1, 8))::bit(32)::bigint % ${BUCKETS})`;
		case 'bigquery':
			return `MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(${input})), 1, 8)) AS INT64), ${BUCKETS})`;
		case 'snowflake':
			return `MOD(TO_NUMBER(SUBSTR(MD5(${input}), 1, 8), 'XXXXXXXX'), ${BUCKETS})`;
	}
}

/**
 * A CASE expression giving the arm name, as the node assigns it in md5 mode without
 * stratification (stratified splits depend on the whole stratum and are not reproduced here).
 */
export function armSql(plan: HoldoutPlan, keyExpression: string, dialect: SqlDialect): string {
	if (plan.hashMode !== 'md5') throw new Error('Only the md5 hash mode has a SQL form');
	const bucket = bucketSql(plan.salt, keyExpression, dialect);
	const whens: string[] = [];
	if (plan.globalHoldout) {
		const cut = Math.round((plan.globalHoldout.percent / 100) * BUCKETS);
		whens.push(`WHEN ${bucketSql(plan.globalHoldout.salt, keyExpression, dialect)} < ${cut} THEN ${literal(GLOBAL_HOLDOUT_ARM)}`);
	}
	plan.arms.slice(0, -1).forEach((arm) => whens.push(`WHEN ${bucket} < ${arm.end} THEN ${literal(arm.name)}`));
	return `CASE ${whens.join(' ')} ELSE ${literal(plan.arms[plan.arms.length - 1].name)} END`;
}
