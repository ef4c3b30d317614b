// Attacks the shipped templates where they touch opt-outs: the one-click unsubscribe workflow's
// token table, run against PostgreSQL exactly as a deployment that followed an earlier release has it.
// Invariant: a person who clicks a working unsubscribe link in an email already sent is opted out,
// or at least recorded and alerted on; never a 200 answer and nothing else.
//   npx tsx bench/adversarial/templates.ts [--root <worktree>] [--verbose]
// Needs PostgreSQL (DATABASE_URL, 127.0.0.1:5432 with trust auth, or the embedded one the tests use).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, Report, ROOT } from './common';

const report = new Report('templates');
const { connectTestDatabase, uniqueSchema } = load('test/helpers/postgres');

/** The unsubscribe_tokens table as the schema file of the first release created it (commit 11c2c5b). */
const RELEASED_TOKENS_TABLE = `CREATE TABLE IF NOT EXISTS marketing.unsubscribe_tokens (
  token      text PRIMARY KEY,
  email      text NOT NULL,
  list_id    text,
  issued_at  timestamptz NOT NULL DEFAULT now()
);`;

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, any>;
	alwaysOutputData?: boolean;
	onError?: string;
}

function template(file: string): { nodes: TemplateNode[]; connections: Record<string, any> } {
	return JSON.parse(readFileSync(path.join(ROOT, 'templates', file), 'utf8'));
}

/** The n8n Postgres node's $1, $2 from the template's queryReplacement for a request with this token. */
function replacements(node: TemplateNode, token: string): unknown[] {
	const expression = String(node.parameters.options?.queryReplacement ?? '');
	const $json = { query: { token }, body: {} };
	// The template writes an n8n expression "={{ [ ... ] }}" over $json only.
	const body = expression.replace(/^=\{\{\s*/, '').replace(/\s*\}\}$/, '');
	return new Function('$json', `return (${body});`)($json) as unknown[];
}

async function oneClickTokens() {
	const workflow = template('one-click-unsubscribe-rfc8058.json');
	const lookUp = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.postgres' && /unsubscribe_tokens/.test(String(n.parameters.query)));
	if (!lookUp) {
		report.check(false, { id: 'one-click lookup', harm: 'lost', title: 'one-click template: no token lookup found', input: '', expected: 'a Postgres lookup on unsubscribe_tokens', got: 'none' });
		return;
	}
	const schemaSql = readFileSync(path.join(ROOT, 'templates', 'sql', 'postgres-schema.sql'), 'utf8');
	const db = await connectTestDatabase();
	const schema = uniqueSchema('adv_tpl');
	const inSchema = (sql: string) => sql.replace(/\bmarketing\./g, `${schema}.`).replace(/CREATE SCHEMA IF NOT EXISTS marketing;/g, `CREATE SCHEMA IF NOT EXISTS ${schema};`);
	try {
		// 1. An existing deployment: the released table, a token in an email sent last week; then the
		//    upgrade as the schema file says to run it (psql -f templates/sql/postgres-schema.sql).
		await db.client.query(`CREATE SCHEMA ${schema}`);
		await db.client.query(inSchema(RELEASED_TOKENS_TABLE));
		await db.client.query(`INSERT INTO ${schema}.unsubscribe_tokens (token, email, issued_at) VALUES ('tok_7Qx2mLr9', 'dana.whitfield@gmail.com', now() - interval '7 days')`);
		let upgrade = 'ok';
		try {
			await db.client.query(inSchema(schemaSql));
		} catch (error) {
			upgrade = (error as Error).message;
		}
		let rows: unknown[] | undefined;
		let failure = '';
		try {
			rows = (await db.client.query(inSchema(String(lookUp.parameters.query)), replacements(lookUp, 'tok_7Qx2mLr9'))).rows;
		} catch (error) {
			failure = (error as Error).message;
		}
		report.check(rows !== undefined && rows.length === 1, {
			id: 'one-click token table upgrade',
			harm: 'contact',
			title: `one-click template on a database set up by the previous release: the unsubscribe link in an email sent last week ${failure ? `fails ("${failure}")` : 'finds no token'} after the 200 was already sent`,
			input: { before: 'unsubscribe_tokens(token text PRIMARY KEY, ...) with a 7-day-old token', upgrade: `psql -f templates/sql/postgres-schema.sql (${upgrade})`, request: 'POST /webhook/unsubscribe?token=tok_7Qx2mLr9' },
			expected: 'the token resolves to dana.whitfield@gmail.com (a migration that hashes existing tokens, or a lookup that also reads the old column)',
			got: failure || rows,
			responsible: 'templates/sql/postgres-schema.sql (CREATE TABLE IF NOT EXISTS keeps the old table; no ALTER / UPDATE for token_hash), scripts/build-templates.js Look Up Token',
		});

		// 2. A link that resolves to no row (expired, or never issued) must leave a trace: the webhook has
		//    answered 200 already ("responseMode": "onReceived"), so the person believes it worked.
		const hook = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
		const answersFirst = hook?.parameters.responseMode === undefined || hook?.parameters.responseMode === 'onReceived';
		const traced = lookUp.alwaysOutputData === true || lookUp.onError === 'continueErrorOutput';
		report.check(!answersFirst || traced, {
			id: 'one-click unknown or expired token',
			harm: 'contact',
			title: 'one-click template: a token that resolves to no row (or a lookup that errors) ends the run silently after the 200: no audit row, no alert',
			input: { webhook: hook?.parameters, lookUp: { alwaysOutputData: lookUp.alwaysOutputData, onError: lookUp.onError } },
			expected: 'an audit row or an alert for a click that could not be resolved (or answer 200 only after the opt-out is recorded)',
			got: { responseMode: hook?.parameters.responseMode, alwaysOutputData: lookUp.alwaysOutputData ?? false, onError: lookUp.onError ?? 'stop' },
			responsible: 'scripts/build-templates.js one-click workflow',
		});
	} finally {
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await db.close();
	}
}


/** A sample-data CSV, read by the template tests' own reader (test/templates/n8n.ts). */
function readCsv(file: string): Record<string, string>[] {
	return load('test/templates/n8n').readCsv(path.join(ROOT, 'templates', 'sample-data', file));
}

/**
 * The flagship demo as imported: its own Code nodes (run as written) and the pack's nodes with the
 * template's parameters, on the shipped sample data. The ESP export marks 79 addresses "cleaned"
 * (Mailchimp: hard-bounced, undeliverable; the pack's consent reader reads "cleaned" as an opt-out).
 * Expectation: no address the ESP cleaned comes out Eligible. Why: the template's Identity Records
 * step turns every ESP status but "subscribed" into consent "unknown", so the bounce never reaches
 * Apply Suppression, and 71 of the 79 are not in optouts.csv.
 */
async function flagshipCleaned() {
	const { ResolveIdentity } = load('nodes/ResolveIdentity/ResolveIdentity.node.ts');
	const { ApplySuppression } = load('nodes/ApplySuppression/ApplySuppression.node.ts');
	const { executeNode } = load('test/helpers/executeNode');
	const workflow = template('flagship-campaign-demo.json');
	const byName = (name: string) => workflow.nodes.find((n) => n.name === name)!;
	const runCode = (name: string, input: Array<{ json: object }>, lookup: (node: string) => unknown = () => undefined) =>
		new Function('$input', '$', byName(name).parameters.jsCode)({ all: () => input }, lookup) as Array<{ json: Record<string, any> }>;
	// The sample data: made by the workflow's own "Sample Data" step where it has one (templates run
	// as imported), else the CSV files it reads.
	const generator = workflow.nodes.find((n) => n.name === 'Sample Data');
	const made = generator ? (runCode('Sample Data', [])[0].json as Record<string, Array<Record<string, string>>>) : undefined;
	const table = (key: string, file: string) => (made ? made[key] : readCsv(file));
	const esp = table('esp', 'esp_subscribers.csv');
	const optouts = table('optouts', 'optouts.csv');
	const sources = [...table('crm', 'crm_contacts.csv'), ...esp, ...table('signups', 'web_signups.csv'), ...table('orders', 'orders.csv')].map((json) => ({ json }));
	const records = runCode('Identity Records', sources);
	const resolved = await executeNode(new ResolveIdentity(), { parameters: byName('Resolve Identity').parameters, inputs: [records.map((r) => r.json), []] });
	// Score Customers passes on every customer with orders; Campaign Audience adds the golden contact details and consent.
	const customers = [...new Set(resolved.outputs[0].filter((i: any) => i.json.source === 'orders').map((i: any) => i.json.customerId))].map((customerId) => ({ json: { customerId } }));
	const audience = runCode('Campaign Audience', customers, (node) => (node === 'Resolve Identity' ? { all: (output = 0) => resolved.outputs[output] } : undefined));
	const settingsNode = byName('Settings');
	const settings: Record<string, any> =
		settingsNode.type === 'n8n-nodes-base.set'
			? Object.fromEntries((settingsNode.parameters.assignments?.assignments ?? []).map((a: { name: string; value: unknown }) => [a.name, a.value]))
			: runCode('Settings', [])[0].json;
	const parameters = { ...byName('Apply Suppression').parameters, rules: { ...byName('Apply Suppression').parameters.rules, asOf: settings.cutoff } };
	const out = await executeNode(new ApplySuppression(), { parameters, inputs: [audience.map((a) => a.json), optouts] });
	const cleaned = new Set(esp.filter((r) => r.status === 'cleaned').map((r) => r.email.trim().toLowerCase()));
	const sentToCleaned = out.outputs[0].map((i: any) => String(i.json.email)).filter((email: string) => cleaned.has(email.trim().toLowerCase()));
	report.check(sentToCleaned.length === 0, {
		id: 'flagship ESP cleaned addresses',
		harm: 'contact',
		title: `flagship demo: ${sentToCleaned.length} addresses the ESP marked "cleaned" (hard-bounced) come out Eligible: Identity Records maps every ESP status but "subscribed" to consent "unknown"`,
		input: { esp: `${cleaned.size} of ${esp.length} ESP subscribers have status "cleaned"`, optouts: generator ? 'the workflow\'s Sample Data step' : 'templates/sample-data/optouts.csv' },
		expected: 'none Eligible (pass the ESP status through as consent: the pack reads "cleaned" as an opt-out)',
		got: sentToCleaned.slice(0, 5),
		responsible: 'scripts/build-templates.js flagship "Identity Records" consent mapping',
	});
}

async function main() {
	await oneClickTokens();
	await flagshipCleaned();
	report.finish();
}

void main();
