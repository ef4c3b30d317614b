export {
	BIGQUERY_JSON_PARAMETER,
	DIALECTS,
	quoteColumn,
	quoteIdentifierPart,
	quoteTable,
	SqlBuilder,
	SqlGenerationError,
	type BigQueryParameters,
	type Dialect,
	type SqlPlan,
	type SqlStatement,
} from './dialect';
export { holdoutSql, type HoldoutSqlOptions } from './holdout';
export { LIFT_SQL_COLUMNS, liftSql, type LiftSqlMetric, type LiftSqlOptions } from './lift';
export { suppressionSql, type SuppressionSqlOptions } from './suppression';
export { RFM_SQL_COLUMNS, rfmSql, type RfmSqlOptions } from './rfm';
export { IDENTITY_SQL_COLUMNS, identitySql, type IdentitySqlOptions } from './identity';
