// Attacks Apply Suppression's Generate SQL (lib/warehouse suppressionSql) in PostgreSQL against the
// node itself, on list entries and addresses shaped like real exports. Invariant: a row the SQL
// writes eligible is one the node lets through too: the SQL never sends to someone the node holds
// (the other way round is over-suppression). Consent, bounces and caps are documented as node-only,
// so every case here is a list match.
//   npx tsx bench/adversarial/warehouse.ts [--root <worktree>] [--verbose]   (needs PostgreSQL)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { attempt, executeNode, load, Report, ROOT } from './common';

const report = new Report('warehouse');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface Case {
	label: string;
	audience: { email: string | null; customer_id?: string | null };
	entry: { email?: string; customer_id?: string; sha256?: string; scope?: string };
}

const CASES: Case[] = [
	{ label: 'list IDN, audience punycode', audience: { email: 'anna@xn--bcher-kva.de' }, entry: { email: 'anna@bücher.de' } },
	{ label: 'list punycode, audience IDN', audience: { email: 'anna@bücher.de' }, entry: { email: 'anna@xn--bcher-kva.de' } },
	{ label: 'list IDN upper case, audience IDN', audience: { email: 'anna@bücher.de' }, entry: { email: 'ANNA@BÜCHER.DE' } },
	{ label: 'list entry with a trailing zero-width space', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com\u200b' } },
	{ label: 'list entry with a trailing no-break space', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com\u00a0' } },
	{ label: 'list entry with two addresses, comma-separated', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'old@example.org, jane.doe@gmail.com' } },
	{ label: 'list entry with two addresses, semicolon-separated', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'old@example.org;jane.doe@gmail.com' } },
	{ label: 'list entry with a trailing dot on the domain', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com.' } },
	{ label: 'list NFC é, audience NFD é', audience: { email: 'jose\u0301@example.com' }, entry: { email: 'jos\u00e9@example.com' } },
	{ label: 'list entry in single quotes (CSV)', audience: { email: 'jane.doe@gmail.com' }, entry: { email: "'jane.doe@gmail.com'" } },
	{ label: 'list display name', audience: { email: 'jane.doe@gmail.com' }, entry: { email: '"Doe, Jane" <Jane.Doe@gmail.com>' } },
	{ label: 'list MAILTO: upper case', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'MAILTO:jane.doe@gmail.com' } },
	{ label: 'list customer ID "1001.0" (pandas), audience 1001', audience: { email: 'c1001@gmail.com', customer_id: '1001' }, entry: { customer_id: '1001.0' } },
	{ label: 'list hash of the Gmail canonical form', audience: { email: 'Jane.Doe+promo@gmail.com' }, entry: { sha256: sha('janedoe@gmail.com') } },
	{ label: 'list hash upper case with sha256: prefix', audience: { email: 'jane.doe@gmail.com' }, entry: { sha256: `SHA256:${sha('jane.doe@gmail.com').toUpperCase()}` } },
	{ label: 'list hash in the email column', audience: { email: 'jane.doe@gmail.com' }, entry: { email: sha('jane.doe@gmail.com') } },
	{ label: 'list scope "E-mail Marketing"', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope: 'E-mail Marketing' } },
	{ label: 'list scope "ALL CHANNELS"', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope: 'ALL CHANNELS' } },
	{ label: 'list scope " Newsletter " (this send\'s list)', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope: ' Newsletter ' } },
	{ label: 'audience address with a trailing zero-width space', audience: { email: 'jane.doe@gmail.com\u200b' }, entry: { email: 'jane.doe@gmail.com' } },
	{ label: 'audience two addresses, comma-separated', audience: { email: 'jane.doe@gmail.com, jd@work.com' }, entry: { email: 'jane.doe@gmail.com' } },
	{ label: 'list googlemail, audience gmail with dots and a plus tag', audience: { email: 'Jane.Doe+promo@gmail.com' }, entry: { email: 'janedoe@googlemail.com' } },
	{ label: 'list outlook address, audience with a plus tag', audience: { email: 'jane+news@outlook.com' }, entry: { email: 'jane@outlook.com' } },
	{ label: 'list address, audience with a plus tag at a company domain', audience: { email: 'jane+news@acme.io' }, entry: { email: 'jane@acme.io' } },
	{ label: 'list customer ID C-1001, audience c-1001', audience: { email: 'x1@acme.io', customer_id: 'c-1001' }, entry: { customer_id: 'C-1001' } },
	{ label: 'list customer ID with spaces and a tab', audience: { email: 'x2@acme.io', customer_id: '1001' }, entry: { customer_id: ' 1001\t' } },
	{ label: 'list customer ID 001001, audience 1001', audience: { email: 'x3@acme.io', customer_id: '1001' }, entry: { customer_id: '001001' } },
	{ label: 'list customer ID 1,001 (Excel thousands)', audience: { email: 'x4@acme.io', customer_id: '1001' }, entry: { customer_id: '1,001' } },
	{ label: 'list customer ID 1.001E+03 (Excel scientific)', audience: { email: 'x5@acme.io', customer_id: '1001' }, entry: { customer_id: '1.001E+03' } },
	{ label: 'list entry with angle brackets only', audience: { email: 'jane.doe@gmail.com' }, entry: { email: '<jane.doe@gmail.com>' } },
	{ label: 'list entry with a trailing semicolon', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com;' } },
	{ label: 'list entry display name with an unclosed bracket', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'Jane Doe <jane.doe@gmail.com' } },
	{ label: 'list entry upper case with a trailing dot', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'JANE.DOE@GMAIL.COM.' } },
	{ label: 'list entry with a tab and CR (Windows export)', audience: { email: 'jane.doe@gmail.com' }, entry: { email: '\tjane.doe@gmail.com\r' } },
	{ label: 'audience upper-case IDN, list punycode', audience: { email: 'ANNA@BÜCHER.DE' }, entry: { email: 'anna@xn--bcher-kva.de' } },
	{ label: 'audience quoted local part', audience: { email: '"jane doe"@example.com' }, entry: { email: '"jane doe"@example.com' } },
	{ label: 'list scope "email; sms"', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope: 'email; sms' } },
	{ label: 'list scope "Email,SMS"', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope: 'Email,SMS' } },
	{ label: 'list scope "newsletter " with a tab', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope: 'newsletter\t' } },
	{ label: 'list scope "NEWSLETTER"', audience: { email: 'jane.doe@gmail.com' }, entry: { email: 'jane.doe@gmail.com', scope: 'NEWSLETTER' } },
	{ label: 'list sha256 with spaces inside (copied from a PDF)', audience: { email: 'jane.doe@gmail.com' }, entry: { sha256: sha('jane.doe@gmail.com').replace(/(.{8})/g, '$1 ').trim() } },
	{ label: 'list sha256 as base64', audience: { email: 'jane.doe@gmail.com' }, entry: { sha256: createHash('sha256').update('jane.doe@gmail.com').digest('base64') } },
];

async function nodeEligible(c: Case): Promise<string> {
	const { ApplySuppression } = load('nodes/ApplySuppression/ApplySuppression.node.ts');
	const { value, error } = await attempt(() =>
		executeNode(new ApplySuppression(), {
			parameters: { channel: 'email', lists: 'newsletter', rules: { suppressRoleAccounts: false } },
			inputs: [[{ email: c.audience.email, customerId: c.audience.customer_id ?? undefined }], [{ email: c.entry.email, customerId: c.entry.customer_id, sha256: c.entry.sha256, scope: c.entry.scope }]],
			continueOnFail: true,
		}),
	);
	if (!value) return `crash: ${error?.message}`;
	return value.outputs[0].some((item: any) => (item.pairedItem?.input ?? 0) === 0) ? 'eligible' : 'held';
}

async function main() {
	if (!existsSync(path.join(ROOT, 'lib', 'warehouse'))) {
		console.log(`${ROOT} has no lib/warehouse (Generate SQL): nothing to attack`);
		report.finish();
		return;
	}
	const { suppressionSql } = load('lib/warehouse/index.ts');
	const { connectTestDatabase, uniqueSchema } = load('test/helpers/postgres');
	const db = await connectTestDatabase();
	const schema = uniqueSchema('adv_wh');
	try {
		await db.client.query(`CREATE SCHEMA ${schema}`);
		for (const [i, c] of CASES.entries()) {
			await db.client.query(`DROP TABLE IF EXISTS ${schema}.audience, ${schema}.suppressions`);
			await db.client.query(`CREATE TABLE ${schema}.audience (email text, customer_id text)`);
			await db.client.query(`CREATE TABLE ${schema}.suppressions (email text, sha256 text, customer_id text, scope text, expires_at timestamptz, reason text)`);
			await db.client.query(`INSERT INTO ${schema}.audience VALUES ($1, $2)`, [c.audience.email, c.audience.customer_id ?? null]);
			await db.client.query(`INSERT INTO ${schema}.suppressions (email, sha256, customer_id, scope) VALUES ($1, $2, $3, $4)`, [c.entry.email ?? null, c.entry.sha256 ?? null, c.entry.customer_id ?? null, c.entry.scope ?? null]);
			let sqlEligible: string;
			try {
				const plan = suppressionSql({
					dialect: 'postgres',
					audienceTable: `${schema}.audience`,
					audienceEmailColumn: 'email',
					audienceCustomerIdColumn: 'customer_id',
					suppressionTable: `${schema}.suppressions`,
					suppressionEmailColumn: 'email',
					suppressionCustomerIdColumn: 'customer_id',
					suppressionSha256Column: 'sha256',
					suppressionScopeColumn: 'scope',
					suppressionExpiresAtColumn: 'expires_at',
					lists: ['newsletter'],
					targetTable: `${schema}.decisions_${i}`,
				});
				for (const statement of plan.statements) await db.client.query(statement.sql, statement.parameters);
				const { rows } = await db.client.query(`SELECT eligible FROM ${schema}.decisions_${i}`);
				sqlEligible = rows[0]?.eligible === true ? 'eligible' : 'held';
			} catch (error) {
				sqlEligible = `error: ${(error as Error).message}`;
			}
			const node = await nodeEligible(c);
			if (process.env.ADV_DEBUG) console.log(`${c.label}: node ${node}, sql ${sqlEligible}`);
			report.check(!(sqlEligible === 'eligible' && node !== 'eligible'), {
				id: `sql ${c.label}`,
				harm: 'contact',
				title: `Generate SQL writes eligible where the node holds: ${c.label}`,
				input: c,
				expected: `as the node: ${node}`,
				got: { sql: sqlEligible, node },
				responsible: 'lib/warehouse/suppression.ts (email normalization / entry parsing vs lib/records + lib/suppression/listIndex.ts)',
			});
			report.check(!(sqlEligible === 'held' && node === 'eligible'), {
				id: `sql ${c.label} (over)`,
				harm: 'split',
				title: `Generate SQL holds where the node sends: ${c.label}`,
				input: c,
				expected: 'as the node: eligible',
				got: { sql: sqlEligible, node },
			});
		}
	} finally {
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await db.close();
	}
	report.finish();
}

void main();
