// Template 6 (lift-report-postgres.json) in real n8n against PostgreSQL: assignments and
// conversions aggregated in SQL, Measure Lift on the sufficient statistics, the report text and
// the result rows stored back. Slack steps are removed in the test copy (no account here).
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../helpers/postgres';
import { outputsOf, runWorkflow, type WorkflowJson } from '../e2e/n8n';
import { importCredential, newId, postgresCredential, readTemplate, testCopy } from './n8n';

jest.setTimeout(180_000);

let db: TestDatabase;
const schema = uniqueSchema('tpl_lift');

// Deterministic data: 3,000 customers, 10% control; treatment converts more often.
function hash(i: number): number {
	let x = (i + 1) * 2654435761;
	x ^= x >>> 13;
	x = Math.imul(x, 0x5bd1e995);
	return ((x ^ (x >>> 15)) >>> 0) / 4294967296;
}
const customers = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, arm: hash(i) < 0.1 ? 'control' : 'treatment' }));
const assignedAt = '2026-03-01T00:00:00Z';
const conversions: Array<{ customer: string; order: string; revenue: number; at: string }> = [];
customers.forEach((c, i) => {
	const u = hash(i + 100000);
	if (u < (c.arm === 'control' ? 0.06 : 0.11)) conversions.push({ customer: c.id, order: `o${i}`, revenue: 20 + Math.round(hash(i + 7) * 8000) / 100, at: '2026-03-05T10:00:00Z' });
	if (u > 0.97) conversions.push({ customer: c.id, order: `late${i}`, revenue: 50, at: '2026-04-20T10:00:00Z' }); // outside the 14-day window
});

beforeAll(async () => {
	db = await connectTestDatabase();
	const c = db.client;
	await c.query(`CREATE SCHEMA ${schema}`);
	await c.query(`CREATE TABLE ${schema}.campaign_assignments (campaign text, customer_id text, arm text, bucket int, assigned_at timestamptz)`);
	await c.query(`CREATE TABLE ${schema}.campaign_conversions (customer_id text, order_id text, revenue numeric, converted_at timestamptz)`);
	await c.query(`CREATE TABLE ${schema}.lift_results (campaign text, computed_at timestamptz, arm text, metric text, result jsonb)`);
	await c.query(
		`INSERT INTO ${schema}.campaign_assignments SELECT 'spring-2026', x->>'id', x->>'arm', 0, $2::timestamptz FROM jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(customers), assignedAt],
	);
	await c.query(`INSERT INTO ${schema}.campaign_assignments VALUES ('other-campaign', 'c1', 'control', 0, $1)`, [assignedAt]);
	await c.query(
		`INSERT INTO ${schema}.campaign_conversions SELECT x->>'customer', x->>'order', (x->>'revenue')::numeric, (x->>'at')::timestamptz FROM jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(conversions)],
	);
});

afterAll(async () => {
	await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await db.close();
});

describe('template: lift report (Postgres)', () => {
	it('aggregates in Postgres, measures lift, formats the report and stores the results', async () => {
		const credentialId = newId();
		importCredential(postgresCredential(credentialId, db.url));
		const workflow = testCopy(readTemplate('lift-report-postgres.json'), {
			schema,
			postgresCredentialId: credentialId,
			remove: ['Every Monday 08:00', 'Post to Slack', 'Upload Chart to Slack'],
		});
		const execution = await runWorkflow(workflow as WorkflowJson);
		expect(execution.data.resultData.error).toBeUndefined();

		const inWindow = conversions.filter((c) => c.at < '2026-03-15');
		const stats = (arm: string) => {
			const ids = new Set(customers.filter((c) => c.arm === arm).map((c) => c.id));
			const conv = inWindow.filter((c) => ids.has(c.customer));
			return { n: ids.size, rate: new Set(conv.map((c) => c.customer)).size / ids.size, revenue: conv.reduce((s, c) => s + c.revenue, 0) / ids.size };
		};
		const [lift] = outputsOf(execution, 'Measure Lift');
		const converted = lift.find((i) => i.json.metric === 'converted' && i.json.arm === 'treatment')!.json;
		const revenue = lift.find((i) => i.json.metric === 'revenue' && i.json.arm === 'treatment')!.json;
		expect(converted.n).toBe(stats('treatment').n);
		expect(converted.controlN).toBe(stats('control').n);
		expect(converted.value as number).toBeCloseTo(stats('treatment').rate, 10);
		expect(converted.controlValue as number).toBeCloseTo(stats('control').rate, 10);
		expect(converted.absoluteCiLow as number).toBeLessThan(converted.absoluteLift as number);
		expect(converted.pValue as number).toBeLessThan(0.05);
		expect(revenue.value as number).toBeCloseTo(stats('treatment').revenue, 6);
		expect(lift[0].binary?.chart?.mimeType).toBe('image/svg+xml');

		const [report] = outputsOf(execution, 'Format Report');
		expect(report).toHaveLength(1);
		expect(String(report[0].json.text)).toMatch(/^\*Lift report: spring-2026\* \(3000 customers, 95% intervals\)/);
		expect(String(report[0].json.text)).toMatch(/converted, treatment vs control: .* lift .* pp \[/);

		const stored = await db.client.query(`SELECT arm, metric, result FROM ${schema}.lift_results ORDER BY metric, arm`);
		expect(stored.rows.map((r) => `${r.metric}/${r.arm}`)).toEqual(['converted/treatment', 'revenue/treatment']);
		expect(stored.rows[0].result.controlN).toBe(stats('control').n);
	});
});
