// Template 3 (unify-identity-salesforce-mailchimp-postgres.json) in real n8n against PostgreSQL,
// run twice: Salesforce and Mailchimp are stand-ins that return the bundled sample CRM contacts and
// ESP subscribers in those systems' shapes; orders come from the warehouse table. The identity map
// and golden profiles land in Postgres, obvious matches share an ID, and the second run keeps every ID.
import path from 'node:path';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../helpers/postgres';
import { runWorkflow, type WorkflowJson } from '../e2e/n8n';
import { importCredential, newId, postgresCredential, readCsv, readTemplate, schemaSql, testCopy } from './n8n';

jest.setTimeout(240_000);

const sampleData = path.resolve(__dirname, '..', '..', 'templates', 'sample-data');
const crm = readCsv(path.join(sampleData, 'crm_contacts.csv'));
const esp = readCsv(path.join(sampleData, 'esp_subscribers.csv'));
const orders = readCsv(path.join(sampleData, 'orders.csv'));

// What the Salesforce and Mailchimp nodes return (the fields the template asks for).
const salesforce = crm.map((c) => ({
	attributes: { type: 'Contact' },
	Id: c.crm_id,
	Email: c.email || null,
	FirstName: c.first_name,
	LastName: c.last_name,
	Phone: c.phone || null,
	MailingCountry: c.country,
	LastModifiedDate: `${c.created_at}T00:00:00.000+0000`,
}));
const mailchimp = esp.map((e) => ({
	id: e.esp_id,
	email_address: e.email,
	status: e.status,
	merge_fields: { FNAME: e.first_name, LNAME: e.last_name, PHONE: e.phone },
	location: { country_code: e.country },
	last_changed: e.subscribed_at,
}));
const standIn = (rows: object[]) => `return ${JSON.stringify(rows)}.map((json) => ({ json }));`;

let db: TestDatabase;
const schema = uniqueSchema('tpl_unify');

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

async function mapSnapshot(): Promise<Map<string, string>> {
	const { rows } = await db.client.query(`SELECT record_key, customer_id FROM ${schema}.identity_map`);
	return new Map(rows.map((r) => [r.record_key as string, r.customer_id as string]));
}

describe('template: unify (Salesforce + Mailchimp stand-ins, Postgres)', () => {
	it('upserts the identity map and golden profiles, links obvious matches, and keeps IDs on a re-run', async () => {
		const credentialId = newId();
		importCredential(postgresCredential(credentialId, db.url));
		const workflow = () =>
			testCopy(readTemplate('unify-identity-salesforce-mailchimp-postgres.json'), {
				schema,
				postgresCredentialId: credentialId,
				remove: ['Every Night 03:00'],
				standIns: { 'Salesforce Contacts': standIn(salesforce), 'Mailchimp Members': standIn(mailchimp) },
			}) as WorkflowJson;

		const first = await runWorkflow(workflow());
		expect(first.data.resultData.error).toBeUndefined();
		const map = await mapSnapshot();
		const orderGroups = new Set(orders.map((o) => `${o.customer_ref}|${o.email.trim().toLowerCase()}`));
		expect(map.size).toBe(crm.length + esp.length + orderGroups.size);

		// Same email (trimmed, any case) in Salesforce and Mailchimp: same customer.
		const crmByEmail = new Map(crm.filter((c) => c.email).map((c) => [c.email.trim().toLowerCase(), c.crm_id]));
		const pairs = esp.filter((e) => crmByEmail.has(e.email.trim().toLowerCase()));
		expect(pairs.length).toBeGreaterThan(300);
		const unlinked = pairs.filter((e) => map.get(`mailchimp:${e.esp_id}`) !== map.get(`salesforce:${crmByEmail.get(e.email.trim().toLowerCase())}`));
		expect(unlinked).toEqual([]);
		// Orders the shop keyed by the Salesforce ID: same customer as that contact.
		const keyed = orders.filter((o) => o.customer_ref);
		expect(keyed.every((o) => map.get(`orders:${o.customer_ref}|${o.email.trim().toLowerCase()}`) === map.get(`salesforce:${o.customer_ref}`))).toBe(true);
		// Fewer customers than records, one profile per customer.
		const customers = new Set(map.values());
		expect(customers.size).toBeLessThan(crm.length + esp.length);
		const profiles = await db.client.query(`SELECT count(*)::int AS n, count(email)::int AS with_email FROM ${schema}.customer_profiles`);
		expect(profiles.rows[0].n).toBe(customers.size);

		const second = await runWorkflow(workflow());
		expect(second.data.resultData.error).toBeUndefined();
		const again = await mapSnapshot();
		expect(again.size).toBe(map.size);
		expect([...map].filter(([key, id]) => again.get(key) !== id)).toEqual([]);
	});
});
