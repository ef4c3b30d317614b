// Template 5 (campaign-holdout-sendgrid.json) in real n8n against PostgreSQL, on the bundled
// sample CRM contacts and opt-outs: suppression, a deterministic holdout that matches the SQL
// formula, every assignment and suppression logged. SendGrid is a stand-in that records what it got.
import path from 'node:path';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../helpers/postgres';
import { outputsOf, runWorkflow, type WorkflowJson } from '../e2e/n8n';
import { importCredential, newId, postgresCredential, readCsv, readTemplate, schemaSql, testCopy } from './n8n';

jest.setTimeout(600_000);

const sampleData = path.resolve(__dirname, '..', '..', 'templates', 'sample-data');
const contacts = readCsv(path.join(sampleData, 'crm_contacts.csv'));
const optouts = readCsv(path.join(sampleData, 'optouts.csv'));
const customers: Array<Record<string, string>> = contacts.map((c, i) => ({ ...c, consent: i % 40 === 7 ? 'opted_out' : 'opted_in' }));
const audience = customers.filter((c) => c.email.trim() !== '');

let db: TestDatabase;
const schema = uniqueSchema('tpl_campaign');

beforeAll(async () => {
	db = await connectTestDatabase();
	await db.client.query(schemaSql(schema));
	await db.client.query(
		`INSERT INTO ${schema}.customers (customer_id, email, phone, first_name, last_name, country, consent)
		 SELECT x->>'crm_id', x->>'email', x->>'phone', x->>'first_name', x->>'last_name', x->>'country', x->>'consent' FROM jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(customers)],
	);
	await db.client.query(
		`INSERT INTO ${schema}.suppressions (email, phone, reason, scope)
		 SELECT NULLIF(x->>'email', ''), NULLIF(x->>'phone', ''), x->>'reason', x->>'channel' FROM jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(optouts)],
	);
});

afterAll(async () => {
	await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await db.close();
});

describe('template: campaign with holdout (Postgres, SendGrid stand-in)', () => {
	it('suppresses, splits deterministically, sends to treatment only and logs everything', async () => {
		const credentialId = newId();
		importCredential(postgresCredential(credentialId, db.url));
		const workflow = testCopy(readTemplate('campaign-holdout-sendgrid.json'), {
			schema,
			postgresCredentialId: credentialId,
			standIns: { 'Send with SendGrid': 'return $input.all().map((item) => ({ json: { sentTo: item.json.email, customerId: item.json.customer_id, arm: item.json.holdout.arm } }));' },
		});
		const execution = await runWorkflow(workflow as WorkflowJson);
		expect(execution.data.resultData.error).toBeUndefined();

		const [eligible, suppressed, summary] = outputsOf(execution, 'Apply Suppression');
		expect(eligible.length + suppressed.length).toBe(audience.length);
		const suppressedIds = new Set(suppressed.map((i) => String(i.json.customer_id)));
		// Exact (trimmed, case-insensitive) matches of an opt-out email are always held back, and so is
		// everyone who opted out in the CRM.
		const optedOutEmails = new Set(optouts.map((o) => o.email.trim().toLowerCase()).filter(Boolean));
		const mustSuppress = audience.filter((c) => optedOutEmails.has(c.email.trim().toLowerCase()) || c.consent === 'opted_out');
		expect(mustSuppress.length).toBeGreaterThan(30);
		expect(mustSuppress.filter((c) => !suppressedIds.has(c.crm_id))).toEqual([]);
		expect(summary[0].json).toMatchObject({ eligible: eligible.length, suppressed: suppressed.length });

		const sent = outputsOf(execution, 'Send with SendGrid')[0];
		expect(sent.every((i) => i.json.arm === 'treatment')).toBe(true);
		expect(sent.filter((i) => suppressedIds.has(String(i.json.customerId)))).toEqual([]);

		const assignments = await db.client.query(`SELECT arm, count(*)::int AS n FROM ${schema}.campaign_assignments WHERE campaign = 'spring-2026' GROUP BY arm ORDER BY arm`);
		const byArm = Object.fromEntries(assignments.rows.map((r) => [r.arm, r.n]));
		expect(byArm.control + byArm.treatment).toBe(eligible.length);
		expect(byArm.treatment).toBe(sent.length);
		expect(byArm.control / eligible.length).toBeGreaterThan(0.06);
		expect(byArm.control / eligible.length).toBeLessThan(0.14);
		// The logged arm is the one the documented SQL formula gives.
		const mismatches = await db.client.query(
			`SELECT count(*)::int AS n FROM ${schema}.campaign_assignments
			 WHERE arm <> CASE WHEN (('x' || substr(md5('spring-2026:' || customer_id), 1, 8))::bit(32)::bigint % 10000) < 1000 THEN 'control' ELSE 'treatment' END`,
		);
		expect(mismatches.rows[0].n).toBe(0);

		const logged = await db.client.query(`SELECT customer_id, reasons FROM ${schema}.campaign_suppressed`);
		expect(logged.rows).toHaveLength(suppressed.length);
		const codes = new Set(logged.rows.flatMap((r) => (r.reasons as Array<{ code: string }>).map((x) => x.code)));
		expect(codes).toContain('suppression_list');
		expect(codes).toContain('opted_out');
	});
});
