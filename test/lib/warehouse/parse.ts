// Parses generated BigQuery and Snowflake SQL with node-sql-parser (5.4). Its BigQuery grammar lacks
// two things the GrowthBook statement uses, each replaced before parsing by a form it reads with the
// same structure (the text itself is checked by the unit tests): WITH RECURSIVE (-> WITH) and the
// XOR operator, always parenthesized `(a ^ b)` (-> `(a + b)`).
import { Parser } from 'node-sql-parser';
import type { Dialect } from '../../../lib/warehouse';

const parser = new Parser();

export function parseWith(dialect: Exclude<Dialect, 'postgres'>, sql: string): void {
	let text = sql;
	if (dialect === 'bigquery') text = text.replace(/\bWITH RECURSIVE\b/g, 'WITH').replace(/ \^ /g, ' + ');
	parser.astify(text, { database: dialect === 'bigquery' ? 'BigQuery' : 'Snowflake' });
}
