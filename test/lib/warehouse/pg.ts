// Runs a generated plan's statements in PostgreSQL with the bound values, as n8n's Postgres node would.
import type { Client } from 'pg';
import type { SqlPlan } from '../../../lib/warehouse';

export async function runPlan(client: Client, plan: SqlPlan): Promise<Record<string, Array<Record<string, unknown>>>> {
	const results: Record<string, Array<Record<string, unknown>>> = {};
	for (const statement of plan.statements) {
		const { rows } = await client.query(statement.sql, statement.parameters);
		results[statement.name] = rows;
	}
	return results;
}
