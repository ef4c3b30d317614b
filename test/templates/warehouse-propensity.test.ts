// Template 4 (warehouse-propensity-postgres.json) in real n8n against PostgreSQL, on the bundled
// sample orders: training data built in SQL, the model JSON and metrics stored, every customer
// scored with the stored model and the scores written back.
import path from 'node:path';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../helpers/postgres';
import { outputsOf, runWorkflow, type WorkflowJson } from '../e2e/n8n';
import { importCredential, newId, postgresCredential, readCsv, readTemplate, schemaSql, testCopy } from './n8n';

jest.setTimeout(240_000);

const orders = readCsv(path.resolve(__dirname, '..', '..', 'templates', 'sample-data', 'orders.csv'));
let db: TestDatabase;
const schema = uniqueSchema('tpl_propensity');

beforeAll(async () => {
	db = await connectTestDatabase();
	await db.client.query(schemaSql(schema));
	await db.client.query(
		`INSERT INTO ${schema}.orders (order_id, customer_id, email, ordered_at, amount)
		 SELECT x->>'order_id', NULLIF(x->>'customer_ref', ''), NULLIF(x->>'email', ''), (x->>'ordered_at')::timestamptz, (x->>'amount')::numeric
		 FROM jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(orders)],
	);
});

afterAll(async () => {
	await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await db.close();
});

describe('template: warehouse propensity (Postgres)', () => {
	it('trains on SQL features, stores the model, scores every customer and writes the scores', async () => {
		const credentialId = newId();
		importCredential(postgresCredential(credentialId, db.url));
		const workflow = testCopy(readTemplate('warehouse-propensity-postgres.json'), { schema, postgresCredentialId: credentialId, remove: ['Every Night 04:00'] });
		const execution = await runWorkflow(workflow as WorkflowJson);
		expect(execution.data.resultData.error).toBeUndefined();

		const buyersBefore = new Set(orders.filter((o) => o.customer_ref && o.ordered_at < '2025-04-01' && Number(o.amount) > 0).map((o) => o.customer_ref));
		const [[trained]] = outputsOf(execution, 'Train Model');
		expect(trained.json.trainingRows as number).toBe(buyersBefore.size - (trained.json.validationRows as number));
		const models = await db.client.query(`SELECT model_id, metrics, model FROM ${schema}.propensity_models`);
		expect(models.rows).toHaveLength(1);
		expect(models.rows[0].model_id).toBe(trained.json.modelId);
		expect(models.rows[0].model.modelId).toBe(trained.json.modelId);
		expect(models.rows[0].metrics.validation.auc).toBeGreaterThan(0.6);

		const customers = new Set(orders.filter((o) => o.customer_ref && Number(o.amount) > 0).map((o) => o.customer_ref));
		const scores = await db.client.query(
			`SELECT count(*)::int AS n, min(score) AS lo, max(score) AS hi, min(decile) AS dmin, max(decile) AS dmax, count(DISTINCT model_id)::int AS models FROM ${schema}.propensity_scores`,
		);
		expect(scores.rows[0]).toMatchObject({ n: customers.size, models: 1 });
		// Deciles on the training population's cut points (stable across nightly runs).
		expect(scores.rows[0].dmin).toBeGreaterThanOrEqual(1);
		expect(scores.rows[0].dmax).toBeLessThanOrEqual(10);
		expect(scores.rows[0].lo).toBeGreaterThanOrEqual(0);
		expect(scores.rows[0].hi).toBeLessThanOrEqual(1);
		// Frequent recent buyers score higher than lapsed one-time buyers.
		const byGroup = await db.client.query(
			`WITH f AS (SELECT customer_id, count(*) AS n, max(ordered_at) AS last FROM ${schema}.orders WHERE customer_id IS NOT NULL GROUP BY 1)
			 SELECT avg(s.score) FILTER (WHERE f.n >= 5 AND f.last >= '2025-05-01') AS active, avg(s.score) FILTER (WHERE f.n = 1 AND f.last < '2024-06-01') AS lapsed
			 FROM ${schema}.propensity_scores s JOIN f USING (customer_id)`,
		);
		expect(byGroup.rows[0].active).toBeGreaterThan(byGroup.rows[0].lapsed);
	});
});
