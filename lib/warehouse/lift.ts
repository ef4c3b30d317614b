// Measure Lift in the warehouse: the per-arm (x segment) sufficient statistics its aggregated input
// reads. One row per arm, [segment,] and metric with n, sum, sum of squares (of y - shift, shift the
// metric's mean over all rows, so the variance survives large means; 0 for binary metrics, whose
// counts stay exact) and, for CUPED, the sums of x - d, its square and (x - d) (y - shift), d the
// covariate's mean (Measure Lift's Shift and Covariate Shift fields read both shifts).
import { SqlBuilder, SqlGenerationError, type BigQueryParameters, type Dialect, type SqlPlan } from './dialect';

export interface LiftSqlMetric {
	/** Column holding the metric (and the metric name Measure Lift reports). */
	name: string;
	kind: 'binary' | 'continuous';
	/** Column holding the pre-period covariate (CUPED). */
	covariateColumn?: string;
}

export interface LiftSqlOptions {
	dialect: Dialect;
	/** BigQuery only: numbered named parameters (default) or one JSON array parameter (see BigQueryParameters). */
	bigqueryParameters?: BigQueryParameters;
	/** One row per customer: arm, metric columns, optional segment and covariate columns. */
	sourceTable: string;
	armColumn: string;
	metrics: readonly LiftSqlMetric[];
	segmentColumn?: string;
	cuped?: boolean;
	/** Missing metric values count as 0 (the node's option of the same name); otherwise the row is left out. */
	missingAsZero?: boolean;
}

/** Column names of the result, as Measure Lift's aggregated-input parameters default to them. */
export const LIFT_SQL_COLUMNS = {
	arm: 'arm',
	segment: 'segment',
	metric: 'metric',
	n: 'n',
	sum: 'sum',
	sumSquares: 'sum_squares',
	shift: 'shift',
	covariateSum: 'covariate_sum',
	covariateSumSquares: 'covariate_sum_squares',
	crossSum: 'cross_sum',
	covariateShift: 'covariate_shift',
} as const;

export function liftSql(options: LiftSqlOptions): SqlPlan {
	const sql = new SqlBuilder(options.dialect, options.bigqueryParameters);
	if (options.metrics.length === 0) throw new SqlGenerationError('Add at least one metric', 'metrics');
	const source = sql.table(options.sourceTable);
	const a = (name: string) => sql.alias(name);
	const arm = sql.key(sql.column(options.armColumn));
	const segment = options.segmentColumn ? `COALESCE(${sql.key(sql.column(options.segmentColumn))}, '(none)')` : undefined;

	const value = (column: string, kind: 'binary' | 'continuous') => {
		const read = kind === 'binary' ? `CAST(CAST(${sql.column(column)} AS INTEGER) AS ${sql.float})` : `CAST(${sql.column(column)} AS ${sql.float})`;
		return options.missingAsZero ? `COALESCE(${read}, 0)` : read;
	};
	const columns: string[] = [`${arm} AS arm`];
	if (segment) columns.push(`${segment} AS seg`);
	const required: string[] = [`${arm} IS NOT NULL`];
	options.metrics.forEach((metric, i) => {
		columns.push(`${value(metric.name, metric.kind)} AS y${i}`);
		if (!options.missingAsZero) required.push(`${sql.column(metric.name)} IS NOT NULL`);
		if (options.cuped && metric.covariateColumn) {
			columns.push(`${value(metric.covariateColumn, 'continuous')} AS x${i}`);
			if (!options.missingAsZero) required.push(`${sql.column(metric.covariateColumn)} IS NOT NULL`);
		}
	});
	const shifts = options.metrics.flatMap((metric, i) => [
		metric.kind === 'binary' ? `CAST(0 AS ${sql.float}) AS c${i}` : `AVG(y${i}) AS c${i}`,
		...(options.cuped && metric.covariateColumn ? [`AVG(x${i}) AS d${i}`] : []),
	]);
	const groupBy = segment ? 'arm, seg' : 'arm';
	const selects = options.metrics.map((metric, i) => {
		const d = `(y${i} - c${i})`;
		const parts = [
			`arm AS ${a(LIFT_SQL_COLUMNS.arm)}`,
			...(segment ? [`seg AS ${a(LIFT_SQL_COLUMNS.segment)}`] : []),
			`${sql.bind(metric.name)} AS ${a(LIFT_SQL_COLUMNS.metric)}`,
			`COUNT(*) AS ${a(LIFT_SQL_COLUMNS.n)}`,
			`SUM(${d}) AS ${a(LIFT_SQL_COLUMNS.sum)}`,
			`SUM(${d} * ${d}) AS ${a(LIFT_SQL_COLUMNS.sumSquares)}`,
			`MAX(c${i}) AS ${a(LIFT_SQL_COLUMNS.shift)}`,
		];
		if (options.cuped) {
			const x = metric.covariateColumn ? `(x${i} - d${i})` : undefined;
			parts.push(
				`${x ? `SUM(${x})` : 'NULL'} AS ${a(LIFT_SQL_COLUMNS.covariateSum)}`,
				`${x ? `SUM(${x} * ${x})` : 'NULL'} AS ${a(LIFT_SQL_COLUMNS.covariateSumSquares)}`,
				`${x ? `SUM(${x} * ${d})` : 'NULL'} AS ${a(LIFT_SQL_COLUMNS.crossSum)}`,
				`${x ? `MAX(d${i})` : 'NULL'} AS ${a(LIFT_SQL_COLUMNS.covariateShift)}`,
			);
		}
		return `SELECT ${parts.join(',\n       ')}\nFROM base CROSS JOIN shifts\nGROUP BY ${groupBy}`;
	});
	const text = `WITH base AS (
  SELECT ${columns.join(',\n         ')}
  FROM ${source}
  WHERE ${required.join('\n    AND ')}
),
shifts AS (
  SELECT ${shifts.join(', ')} FROM base
)
${selects.join('\nUNION ALL\n')}
ORDER BY 1, 2${segment ? ', 3' : ''}`;
	const statement = sql.statement(
		'statistics',
		'n, sum, sum of squares (about the shift) per arm and metric' +
			(segment ? ' and segment' : '') +
			(options.cuped ? ', with the CUPED covariate sums' : '') +
			': feed the rows to Measure Lift with Input Format "Aggregated Statistics"',
		text,
		true,
	);
	return {
		dialect: options.dialect,
		description: `Measure Lift in ${options.dialect}: sufficient statistics of ${options.metrics.map((m) => m.name).join(', ')} per ${options.armColumn}${segment ? ` and ${options.segmentColumn}` : ''}. ${
			options.missingAsZero ? 'Missing values count as 0.' : 'Rows with a missing arm or metric value are left out (the node rejects them).'
		}`,
		statements: [statement],
	};
}
