// Split Holdout in the warehouse: an assignment table whose arms are bit for bit the node's (md5 and
// GrowthBook modes, any number of arms, the global holdout), and the per-arm counts the node's
// sample-ratio check reads (Split Holdout, operation Check Sample Ratio).
import { BUCKETS } from '../holdout/hash';
import { GLOBAL_HOLDOUT_ARM, type HoldoutPlan } from '../holdout/assign';
import { SqlBuilder, SqlGenerationError, type BigQueryParameters, type Dialect, type SqlPlan, type SqlStatement } from './dialect';

export interface HoldoutSqlOptions {
	dialect: Dialect;
	/** BigQuery only: numbered named parameters (default) or one JSON array parameter (see BigQueryParameters). */
	bigqueryParameters?: BigQueryParameters;
	/** The customer table (or view): one row per customer. */
	sourceTable: string;
	/** Its customer key column (the node's customer key field). */
	customerKeyColumn: string;
	/** When randomizing by household: the household column (a customer without one is its own household). */
	householdColumn?: string;
	/** The assignment table written. */
	targetTable: string;
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const TWO_32 = 4294967296;

/** One FNV-1a step: ((h xor c) * prime) mod 2^32, which is what the node's shifts and adds compute. */
function fnvStep(sql: SqlBuilder, h: string, c: string): string {
	return sql.mod(`${sql.xor(h, c)} * ${FNV_PRIME}`, String(TWO_32));
}

/**
 * FNV-1a over the UTF-16 code units of one character given its code point (GrowthBook's SDK hashes
 * UTF-16 units): a character above U+FFFF is its two surrogates.
 */
function fnvCharacter(sql: SqlBuilder, h: string, codePoint: string): string {
	const offset = `(${codePoint} - 65536)`;
	const high = `(55296 + ${sql.intDiv(offset, '1024')})`;
	const low = `(56320 + ${sql.mod(offset, '1024')})`;
	return `CASE WHEN ${codePoint} > 65535 THEN ${fnvStep(sql, fnvStep(sql, h, high), low)} ELSE ${fnvStep(sql, h, codePoint)} END`;
}

/**
 * The recursive CTE computing GrowthBook's v2 bucket, fnv1a32(String(fnv1a32(salt + key))) % 10000,
 * for each row of `inputs` (unit_key, which, s = salt + key): one character per iteration, then the
 * decimal digits of the first hash. Reads `inputs`, defines `fnv`.
 */
function growthbookCte(sql: SqlBuilder): string {
	const length = 'LENGTH(s)';
	const cp = `CAST(${sql.codePointAt('s', 'pos')} AS ${sql.bigint})`;
	return `fnv AS (
  SELECT unit_key, which, s, 1 AS pos, CAST(${FNV_OFFSET} AS ${sql.bigint}) AS h, 1 AS phase FROM inputs
  UNION ALL
  SELECT unit_key, which,
         CASE WHEN pos > ${length} THEN ${sql.asText('h')} ELSE s END,
         CASE WHEN pos > ${length} THEN 1 ELSE pos + 1 END,
         CASE WHEN pos > ${length} THEN CAST(${FNV_OFFSET} AS ${sql.bigint}) ELSE ${fnvCharacter(sql, 'h', cp)} END,
         CASE WHEN pos > ${length} THEN 2 ELSE phase END
  FROM fnv
  WHERE phase = 1 OR pos <= ${length}
)`;
}

export function holdoutSql(plan: HoldoutPlan, options: HoldoutSqlOptions): SqlPlan {
	const sql = new SqlBuilder(options.dialect, options.bigqueryParameters);
	const source = sql.table(options.sourceTable);
	const target = options.targetTable;
	if (!target.trim()) throw new SqlGenerationError('Name the assignment table to write', 'targetTable');
	// Keys read the node's way once per row (SqlBuilder.customerKey: trimmed, 1001.0 as 1001, missing markers NULL).
	const keyed = `keyed AS (
  SELECT ${sql.customerKey(sql.column(options.customerKeyColumn))} AS customer_key${options.householdColumn ? `, ${sql.customerKey(sql.column(options.householdColumn))} AS household_key` : ''}
  FROM ${source}
)`;
	const customerKey = 'customer_key';
	const unitKey = options.householdColumn ? 'COALESCE(household_key, customer_key)' : customerKey;
	const a = (name: string) => sql.alias(name);
	const global = plan.globalHoldout;
	const cut = global ? Math.round((global.percent / 100) * BUCKETS) : 0;

	const units = `${keyed},
units AS (
  SELECT DISTINCT ${customerKey} AS customer_key, ${unitKey} AS unit_key
  FROM keyed
  WHERE ${customerKey} IS NOT NULL
)`;
	let ctes: string[];
	let bucket: string;
	let globalBucket = '';
	if (plan.hashMode === 'md5') {
		const md5Bucket = (salt: string, key: string) => sql.mod(sql.md5First32(sql.concat(sql.bind(`${salt}:`), key)), String(BUCKETS));
		ctes = [units];
		bucket = md5Bucket(plan.salt, 'u.unit_key');
		// The global holdout is decided on the customer, however the campaign is randomized (as in the node).
		if (global) globalBucket = md5Bucket(global.salt, 'u.customer_key');
	} else {
		const inputs = [`SELECT DISTINCT unit_key, 'c' AS which, ${sql.concat(sql.bind(plan.salt), 'unit_key')} AS s FROM units`];
		// The global holdout's input is the customer key (in the unit_key column of the hash rows).
		if (global) inputs.push(`SELECT DISTINCT customer_key, 'g', ${sql.concat(sql.bind(global.salt), 'customer_key')} FROM units`);
		ctes = [
			units,
			`inputs AS (\n  ${inputs.join('\n  UNION ALL\n  ')}\n)`,
			growthbookCte(sql),
			`buckets AS (
  SELECT unit_key,
         MAX(CASE WHEN which = 'c' THEN ${sql.mod('h', String(BUCKETS))} END) AS bucket,
         MAX(CASE WHEN which = 'g' THEN ${sql.mod('h', String(BUCKETS))} END) AS global_bucket
  FROM fnv
  WHERE phase = 2 AND pos > LENGTH(s)
  GROUP BY unit_key
)`,
		];
		bucket = 'b.bucket';
		if (global) globalBucket = 'bg.global_bucket';
	}
	const whens: string[] = [];
	if (global) whens.push(`WHEN g < ${sql.integer(cut)} THEN ${sql.bind(GLOBAL_HOLDOUT_ARM)}`);
	plan.arms.slice(0, -1).forEach((arm) => whens.push(`WHEN bucket < ${sql.integer(arm.end)} THEN ${sql.bind(arm.name)}`));
	const last = sql.bind(plan.arms[plan.arms.length - 1].name);
	const from = plan.hashMode === 'md5' ? 'units u' : `units u JOIN buckets b ON b.unit_key = u.unit_key${global ? ' JOIN buckets bg ON bg.unit_key = u.customer_key' : ''}`;
	const assigned = `assigned AS (
  SELECT u.customer_key, u.unit_key, ${bucket} AS bucket, ${global ? globalBucket : 'NULL'} AS g
  FROM ${from}
)`;
	const select = `${plan.hashMode === 'md5' ? 'WITH' : 'WITH RECURSIVE'} ${[...ctes, assigned].join(',\n')}
SELECT customer_key AS ${a('customer_key')},
       ${options.householdColumn ? `unit_key AS ${a('randomized_on')},\n       ` : ''}CAST(bucket AS ${sql.bigint}) AS ${a('bucket')},
       CASE ${whens.join(' ')} ELSE ${last} END AS ${a('arm')},
       ${global ? `g < ${sql.integer(cut)}` : 'FALSE'} AS ${a('global_holdout')},
       ${sql.bind(plan.salt)} AS ${a('campaign_salt')}
FROM assigned`;

	const statements: SqlStatement[] = sql.createTableAs(target, select, 'assign', `Writes one row per customer of ${options.sourceTable} with its ${plan.hashMode} bucket and arm (${plan.arms.map((arm) => arm.name).join(', ')}${global ? `, after a ${global.percent}% global holdout` : ''}) to ${target}`);
	statements.push(
		sql.statement(
			'counts',
			'Customers per arm: feed these rows to Split Holdout (operation Check Sample Ratio) for the sample-ratio check',
			`SELECT ${a('arm')} AS ${a('arm')}, COUNT(*) AS ${a('n')}\nFROM ${sql.table(target)}\nGROUP BY ${a('arm')}\nORDER BY ${a('arm')}`,
			true,
		),
	);
	return {
		dialect: options.dialect,
		description: `Split Holdout in ${options.dialect}: ${plan.hashMode} buckets of ${options.householdColumn ? 'the household (else customer) key' : 'the customer key'} with campaign salt bound as a parameter; ${plan.arms.length} arms${global ? ' plus the global holdout' : ''}. Rows without a key are left out (the node rejects them).`,
		statements,
	};
}
