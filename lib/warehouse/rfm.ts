// Compute RFM in the warehouse: per-customer recency, frequency and monetary value with the node's
// rules (lib/rfm/features.ts: bad rows, cancelled and returned statuses, the window, netting within
// orders, an order whose net rounds to no minor unit not a purchase), scores by the same quintile rule (1 + floor(5 x the
// share of scored customers strictly worse), so equal values share a score; monetary on amounts
// rounded to the currency's minor unit) or cut points, and segments from the same grid, written to a
// table; then the customers per segment and a report of the rows.
//
// Values are read as lib/records/values.ts reads them (lib/warehouse/values.ts): a row SQL cannot
// read as the node would is *unverified*, and then nothing is scored (the table is written empty and
// the report says how many rows and why): fail closed rather than score customers differently.
import { readInstant } from '../records';
import { checkCutPoints, NO_PURCHASES, SEGMENT_GRID, type CutPoints } from '../rfm';
import { SqlBuilder, SqlGenerationError, type BigQueryParameters, type Dialect, type SqlPlan, type SqlStatement } from './dialect';
import { oddEnds, readInstantSql, readNumberSql, trimmedText } from './values';

export interface RfmSqlOptions {
	dialect: Dialect;
	/** BigQuery only: numbered named parameters (default) or one JSON array parameter (see BigQueryParameters). */
	bigqueryParameters?: BigQueryParameters;
	/** The transactions table: one row per transaction (line). */
	sourceTable: string;
	customerIdColumn: string;
	timestampColumn: string;
	amountColumn: string;
	orderIdColumn?: string;
	quantityColumn?: string;
	statusColumn?: string;
	/** The per-customer table written (replaced). */
	targetTable: string;
	/** As the node's options (lib/rfm RfmOptions). */
	asOf?: string;
	windowDays?: number;
	dateOrder?: 'MDY' | 'DMY' | 'ISO';
	frequency?: 'orders' | 'transactions';
	monetary?: 'total' | 'average';
	currencyDecimals?: number;
	cancelledStatuses?: string[];
	returnedStatuses?: string[];
	cutPoints?: { recency?: number[]; frequency?: number[]; monetary?: number[] };
}

/** Columns of the table written. */
export const RFM_SQL_COLUMNS = [
	'customer_id',
	'recency_days',
	'frequency',
	'monetary',
	'average_order_value',
	'tenure_days',
	'r_score',
	'f_score',
	'm_score',
	'rfm',
	'segment',
] as const;

const DAY_MS = 86_400_000;
const DEFAULT_CANCELLED = ['cancelled', 'canceled', 'void', 'voided', 'failed'];
const DEFAULT_RETURNED = ['returned', 'refunded', 'return', 'refund'];

/** A number the node computed or validated (never user text), as a SQL literal. */
function numberLiteral(sql: SqlBuilder, value: number): string {
	if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
	return `CAST(${String(value)} AS ${sql.float})`;
}

/** The row-level CTEs: read, classify, window. Binds the status lists (call once per statement). */
function rowCtes(sql: SqlBuilder, options: RfmSqlOptions, asOfMs: number | undefined): string[] {
	const col = (name: string) => `s.${sql.column(name)}`;
	const order = options.dateOrder ?? 'MDY';
	const byOrder = (options.frequency ?? 'orders') === 'orders' && !!options.orderIdColumn;
	const lower = (list: string[]) => [...new Set(list.map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))];
	const cancelled = lower(options.cancelledStatuses ?? DEFAULT_CANCELLED);
	const returned = lower(options.returnedStatuses ?? DEFAULT_RETURNED);
	const inList = (list: string[]) => (list.length ? `s_l IN (${list.map((s) => sql.bind(s)).join(', ')})` : 'FALSE');

	const texts = [
		`${sql.asText(col(options.customerIdColumn))} AS c_raw`,
		// The customer key as every node reads it (readPresentKey): 1001.0 is 1001, missing markers are no key.
		`${sql.customerKey(col(options.customerIdColumn))} AS c_t`,
		`${trimmedText(sql, col(options.timestampColumn))} AS t_t`,
		`${trimmedText(sql, col(options.amountColumn))} AS a_t`,
		`${options.quantityColumn ? trimmedText(sql, col(options.quantityColumn)) : `CAST('1' AS ${sql.text})`} AS q_t`,
		`${byOrder ? sql.asText(col(options.orderIdColumn!)) : `CAST(NULL AS ${sql.text})`} AS o_raw`,
		`${options.statusColumn ? sql.asText(col(options.statusColumn)) : `CAST(NULL AS ${sql.text})`} AS s_raw`,
	];
	const t = readInstantSql(sql, 't_t', order, 'ts');
	const a = readNumberSql(sql, 'a_t', 'amt');
	const q = readNumberSql(sql, 'q_t', 'qty');
	const stages = [0, 1, 2].map((k, i) => `r${i + 1} AS (\n  SELECT r.*, ${[...t.stages[k], ...a.stages[k], ...q.stages[k]].join(',\n         ')}\n  FROM ${i === 0 ? 'texts' : `r${i}`} r\n)`);
	// A customer ID whose raw text starts or ends with a space or control is trimmed by the node with
	// JavaScript's trim (Unicode spaces too): unverified when the space-trimmed text still has one.
	const rawEdge = `(${sql.codePointAt('c_raw', '1')} <= 32 OR ${sql.codePointAt('c_raw', 'LENGTH(c_raw)')} <= 32)`;
	const anyNonAscii = [...cancelled, ...returned].some((s) => /[^ -~]/.test(s));
	const statusUnverified = `(s_t IS NOT NULL AND NOT cancelled AND NOT returned AND (${oddEnds(sql, 's_t')}${anyNonAscii ? ` OR ${sql.regexMatches('s_t', '.*[^ -~].*')}` : ''}))`;
	const field = (r: typeof t) => ({
		value: r.value,
		bad: (v: string) => `(${v} IS NULL AND (${r.matched} OR ${r.refused}))`,
	});
	const ft = field(t);
	const fa = field(a);
	const fq = field(q);
	// The node's default: the UTC day after the last valid transaction (1970-01-02 without one).
	const asOf =
		asOfMs !== undefined
			? `SELECT CAST(${sql.integer(asOfMs)} AS ${sql.bigint}) AS as_of`
			: `SELECT COALESCE((CAST(FLOOR(CAST(MAX(t_ms) AS ${sql.float}) / ${DAY_MS}) AS ${sql.bigint}) + 1) * ${DAY_MS}, ${DAY_MS}) AS as_of FROM classified WHERE state = 'valid'`;
	const windowStart = options.windowDays !== undefined ? `CAST(as_of AS ${sql.float}) - ${numberLiteral(sql, options.windowDays * DAY_MS)}` : 'NULL';
	return [
		`texts AS (\n  SELECT ${texts.join(',\n         ')}\n  FROM ${sql.table(options.sourceTable)} s\n)`,
		...stages,
		`readings AS (
  SELECT c_raw, c_t, o_raw, s_raw, TRIM(s_raw) AS s_t, LOWER(TRIM(s_raw)) AS s_l,
         ${ft.value} AS t_ms, ${ft.bad(ft.value)} AS t_bad,
         ${fa.value} AS a_v, ${fa.bad(fa.value)} AS a_bad,
         ${fq.value} AS q_v, ${fq.bad(fq.value)} AS q_bad,
         (c_t IS NULL OR c_t = '') AS c_bad,
         (c_t IS NOT NULL AND c_t <> '' AND ${oddEnds(sql, 'c_t')} AND ${rawEdge}) AS c_odd
  FROM r3
)`,
		`statuses AS (
  SELECT readings.*,
         COALESCE(s_raw <> '' AND ${inList(cancelled)}, FALSE) AS cancelled,
         COALESCE(s_raw <> '' AND NOT (${inList(cancelled)}) AND ${inList(returned)}, FALSE) AS returned
  FROM readings
)`,
		`classified AS (
  SELECT c_t AS customer_key, ${byOrder ? "CASE WHEN o_raw <> '' THEN o_raw END" : 'o_raw'} AS order_key, t_ms,
         CASE WHEN returned THEN -ABS(a_v * q_v) ELSE a_v * q_v END AS v,
         returned,
         CASE
           WHEN c_bad THEN 'customerId'
           WHEN t_bad THEN 'timestamp'
           WHEN a_bad THEN 'amount'
           WHEN q_bad THEN 'quantity'
           WHEN c_odd OR t_ms IS NULL OR a_v IS NULL OR q_v IS NULL THEN 'unverified'
           WHEN cancelled THEN 'cancelled'
           WHEN ${statusUnverified} THEN 'unverified'
           ELSE 'valid'
         END AS state
  FROM statuses
)`,
		`asof AS (\n  ${asOf}\n)`,
		`windowed AS (
  SELECT c.*, w.as_of,
         CASE WHEN c.state <> 'valid' THEN c.state
              WHEN c.t_ms >= w.as_of${options.windowDays !== undefined ? ` OR c.t_ms < w.window_start` : ''} THEN 'outside_window'
              ELSE 'in_window' END AS use_state
  FROM classified c CROSS JOIN (SELECT as_of, ${windowStart} AS window_start FROM asof) w
)`,
	];
}

/**
 * WITH: in PostgreSQL the reading stages are MATERIALIZED (each regular expression and part computed
 * once a row, where inlining would repeat them for every reference); the source scan and the
 * per-order and per-customer stages are inlined and pipelined.
 */
function withClause(sql: SqlBuilder, ctes: readonly string[]): string {
	if (sql.dialect !== 'postgres') return `WITH ${ctes.join(',\n')}`;
	return `WITH ${ctes.map((cte) => cte.replace(/^(r1|r2|r3|readings|statuses|classified) AS \(/, '$1 AS MATERIALIZED (')).join(',\n')}`;
}

function quintile(worse: string, count: string): string {
	return `1 + ${[1, 2, 3, 4].map((k) => `CASE WHEN 5 * ${worse} >= ${k} * ${count} THEN 1 ELSE 0 END`).join(' + ')}`;
}

function cutScore(sql: SqlBuilder, value: string, cuts: CutPoints, higherIsBetter: boolean): string {
	const hits = cuts.map((c) => `CASE WHEN ${numberLiteral(sql, c)} ${higherIsBetter ? '<=' : '<'} ${value} THEN 1 ELSE 0 END`).join(' + ');
	return higherIsBetter ? `1 + ${hits}` : `5 - (${hits})`;
}

export function rfmSql(options: RfmSqlOptions): SqlPlan {
	const sql = new SqlBuilder(options.dialect, options.bigqueryParameters);
	if (!options.targetTable.trim()) throw new SqlGenerationError('Name the customer table to write', 'targetTable');
	if (!options.sourceTable.trim()) throw new SqlGenerationError('Name the transactions table to read', 'sourceTable');
	const decimals = options.currencyDecimals ?? 2;
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new SqlGenerationError(`Currency decimals: expected a whole number from 0 to 6, got ${decimals}`, 'currencyDecimals');
	let asOfMs: number | undefined;
	if (options.asOf !== undefined && options.asOf.trim() !== '') {
		asOfMs = readInstant(options.asOf.trim(), options.dateOrder ?? 'MDY');
		if (!Number.isFinite(asOfMs) || !Number.isSafeInteger(asOfMs)) throw new SqlGenerationError('The as-of date is not a valid date', 'asOf');
	}
	if (options.windowDays !== undefined && !(Number.isFinite(options.windowDays) && options.windowDays > 0)) throw new SqlGenerationError('Window (days) must be a positive number', 'windowDays');
	const cuts = options.cutPoints ?? {};
	const cutOf = (name: 'recency' | 'frequency' | 'monetary') => {
		try {
			return cuts[name] && cuts[name]!.length ? checkCutPoints(cuts[name]!, name) : undefined;
		} catch (error) {
			throw new SqlGenerationError((error as Error).message, 'cutPoints');
		}
	};
	const rCuts = cutOf('recency');
	const fCuts = cutOf('frequency');
	const mCuts = cutOf('monetary');
	const a = (name: string) => sql.alias(name);
	const scale = numberLiteral(sql, 10 ** decimals);
	const day = (ms: string) => `CAST(FLOOR(CAST(${ms} AS ${sql.float}) / ${DAY_MS}) AS ${sql.bigint})`;

	// Every transaction is read once, into a staging table the scores and the report both read.
	const rowsTable = `${options.targetTable.trim()}_rows`;
	const rowsSelect = `${withClause(sql, rowCtes(sql, options, asOfMs))}
SELECT customer_key, order_key, t_ms, v, returned, use_state, as_of FROM windowed`;
	const statements: SqlStatement[] = sql.createTableAs(
		rowsTable,
		rowsSelect,
		'rows',
		`Reads every transaction of ${options.sourceTable} once as the node reads it (customer, order, time, value, state) into ${rowsTable}, dropped at the end`,
	);
	const rows = sql.table(rowsTable);

	const segmentCases = SEGMENT_GRID.flatMap((row, r) => row.map((name, fm) => `WHEN r_score = ${r + 1} AND fm = ${fm + 1} THEN ${sql.literal(name)}`)).join('\n              ');
	const ctes = [
		`lines AS (\n  SELECT customer_key, order_key, t_ms, v, as_of FROM ${rows} WHERE use_state = 'in_window'\n)`,
		`orders AS (
  SELECT customer_key, MIN(t_ms) AS t_ms, SUM(v) AS net, MAX(as_of) AS as_of FROM lines WHERE order_key IS NOT NULL GROUP BY customer_key, order_key
  UNION ALL
  SELECT customer_key, t_ms, v, as_of FROM lines WHERE order_key IS NULL
)`,
		`customers AS (
  SELECT customer_key, SUM(net) AS monetary,
         SUM(CASE WHEN net * ${scale} >= 0.5 THEN 1 ELSE 0 END) AS frequency,
         MIN(CASE WHEN net * ${scale} >= 0.5 THEN t_ms END) AS first_ms,
         MAX(CASE WHEN net * ${scale} >= 0.5 THEN t_ms END) AS last_ms,
         MAX(as_of) AS as_of
  FROM orders GROUP BY customer_key
)`,
		`features AS (
  SELECT customer_key, monetary, frequency,
         CASE WHEN frequency > 0 THEN ${day('as_of')} - ${day('last_ms')} END AS recency_days,
         CASE WHEN frequency > 0 THEN ${day('as_of')} - ${day('first_ms')} END AS tenure_days,
         CASE WHEN frequency > 0 THEN monetary / frequency END AS average_order_value,
         CASE WHEN frequency > 0 THEN 1 ELSE 0 END AS scored
  FROM customers
)`,
		`money AS (
  SELECT features.*,
         CASE WHEN scored = 1 THEN FLOOR(${options.monetary === 'average' ? 'average_order_value' : 'monetary'} * ${scale} + 0.5) / ${scale} END AS m_value
  FROM features
)`,
		`ranked AS (
  SELECT money.*,
         COUNT(*) OVER (PARTITION BY scored) AS n_scored,
         RANK() OVER (PARTITION BY scored ORDER BY recency_days DESC) - 1 AS r_worse,
         RANK() OVER (PARTITION BY scored ORDER BY frequency) - 1 AS f_worse,
         RANK() OVER (PARTITION BY scored ORDER BY m_value) - 1 AS m_worse
  FROM money
)`,
		`scores AS (
  SELECT ranked.*,
         CASE WHEN scored = 1 THEN ${rCuts ? cutScore(sql, 'recency_days', rCuts, false) : quintile('r_worse', 'n_scored')} END AS r_score,
         CASE WHEN scored = 1 THEN ${fCuts ? cutScore(sql, 'frequency', fCuts, true) : quintile('f_worse', 'n_scored')} END AS f_score,
         CASE WHEN scored = 1 THEN ${mCuts ? cutScore(sql, 'm_value', mCuts, true) : quintile('m_worse', 'n_scored')} END AS m_score
  FROM ranked
)`,
		`graded AS (\n  SELECT scores.*, ${sql.intDiv('(f_score + m_score + 1)', '2')} AS fm FROM scores\n)`,
	];
	const select = `${withClause(sql, ctes)}
SELECT customer_key AS ${a('customer_id')},
       recency_days AS ${a('recency_days')},
       frequency AS ${a('frequency')},
       monetary AS ${a('monetary')},
       average_order_value AS ${a('average_order_value')},
       tenure_days AS ${a('tenure_days')},
       r_score AS ${a('r_score')},
       f_score AS ${a('f_score')},
       m_score AS ${a('m_score')},
       CASE WHEN scored = 1 THEN ${sql.concat(sql.asText('r_score'), sql.asText('f_score'), sql.asText('m_score'))} END AS ${a('rfm')},
       CASE WHEN scored = 0 THEN ${sql.literal(NO_PURCHASES)}
              ${segmentCases}
       END AS ${a('segment')}
FROM graded
WHERE (SELECT COUNT(*) FROM ${rows} WHERE use_state = 'unverified') = 0`;
	statements.push(
		...sql.createTableAs(
		options.targetTable,
		select,
		'scores',
		`Writes one row per customer of ${options.sourceTable} (recency, frequency, monetary, scores, segment) to ${options.targetTable}; nothing when a row is unverified`,
		),
	);
	statements.push(
		sql.statement(
			'segments',
			'Customers and revenue per segment',
			`SELECT ${a('segment')} AS ${a('segment')}, COUNT(*) AS ${a('customers')}, SUM(${a('monetary')}) AS ${a('revenue')}\nFROM ${sql.table(options.targetTable)}\nGROUP BY ${a('segment')}\nORDER BY ${a('segment')}`,
			true,
		),
	);
	const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
	const report = `SELECT COUNT(*) AS ${a('rows')},
       ${count("use_state = 'in_window'")} AS ${a('valid_rows')},
       ${count("use_state IN ('customerId', 'timestamp', 'amount', 'quantity')")} AS ${a('bad_rows')},
       ${count("use_state = 'customerId'")} AS ${a('bad_customer_id')},
       ${count("use_state = 'timestamp'")} AS ${a('bad_timestamp')},
       ${count("use_state = 'amount'")} AS ${a('bad_amount')},
       ${count("use_state = 'quantity'")} AS ${a('bad_quantity')},
       ${count("use_state = 'cancelled'")} AS ${a('cancelled_rows')},
       ${count("use_state IN ('in_window', 'outside_window') AND returned")} AS ${a('return_rows')},
       ${count("use_state = 'outside_window'")} AS ${a('outside_window_rows')},
       ${count("use_state = 'unverified'")} AS ${a('unverified_rows')},
       ${count("use_state = 'unverified'")} = 0 AS ${a('computed')},
       MAX(as_of) AS ${a('as_of_ms')}
FROM ${rows}`;
	statements.push(
		sql.statement(
			'report',
			'Rows read, left out (bad, cancelled, outside the window) and unverified: when unverified_rows > 0 (values SQL does not read as the node does) computed is false and the table is empty',
			report,
			true,
		),
		sql.statement('cleanup', `Drops ${rowsTable}`, `DROP TABLE IF EXISTS ${rows}`, false),
	);
	return {
		dialect: options.dialect,
		description: `Compute RFM in ${options.dialect}: ${options.sourceTable} -> ${options.targetTable}, ${rCuts || fCuts || mCuts ? 'cut-point' : 'quintile'} scores (ties share a score), monetary ${options.monetary === 'average' ? 'average order value' : 'total'} at ${decimals} decimals, statuses bound as parameters. Values are read as the node reads them; rows SQL cannot read the same way are counted as unverified and then nothing is scored.`,
		statements,
	};
}
