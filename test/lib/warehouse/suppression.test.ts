// Apply Suppression's generated list check, run in PostgreSQL, decides every audience row as the
// node's own decision does (email channel, list reasons), on exports shaped like real ones.
import { buildSuppressionIndex, decide, type SuppressionPolicy } from '../../../lib/suppression';
import { sha256Hex } from '../../../lib/records';
import { suppressionSql } from '../../../lib/warehouse';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../../helpers/postgres';
import { runPlan } from './pg';

jest.setTimeout(120_000);

const audience: Array<{ email: string | null; customer_id: string | null }> = [];
const addresses = [
	'Ann.Lee+promo@Gmail.com', 'annlee@googlemail.com', 'bob@example.com', ' BOB@EXAMPLE.COM ', 'Carl <carl+x@outlook.com>', 'mailto:dana-news@yahoo.co.uk',
	'eve@example.org', 'not an email', '', 'frank..x@example.com', '.gina@example.com', 'hank.@example.com', 'ivy+tag@company.io', 'jo@sub.example.co',
	"o'neil@example.ie", 'kim@example', 'lee@ex_ample.com', 'max@example.com', 'ned@example.com', 'oli@example.com', 'pat@example.com', 'gmail.com', '@gmail.com', 'x@gmail.com@gmail.com', `${'a'.repeat(64)}@example.com`, `${'a'.repeat(65)}@example.com`, `z@${'b'.repeat(63)}.com`, `z@${'b'.repeat(64)}.com`, `z@ex.${'c'.repeat(64)}`, 'z@ex.c',
	// Role mailboxes, held as the node holds them by default; look-alikes that are people's.
	'Info@Example.com', 'sales+eu@company.io', 'no-reply@shop.example', 'info.desk@example.com', '+info@example.com', 'information@example.com',
];
for (let i = 0; i < 600; i++) {
	const base = addresses[i % addresses.length];
	const email = i % addresses.length === 8 ? (i % 2 ? null : '') : i < addresses.length ? base : base.replace('@', `${i}@`);
	audience.push({ email, customer_id: i % 7 === 0 ? null : `C-${i}` });
}
const entries = [
	{ email: 'annlee@gmail.com', scope: null, reason: 'unsubscribed' },
	{ email: 'bob+old@example.com', scope: 'email', reason: 'complaint' },
	{ email: 'carl@outlook.com', scope: 'SMS', reason: null },
	{ email: 'dana@yahoo.co.uk', scope: 'newsletter', reason: null },
	{ email: 'eve@example.org', scope: 'other-brand', reason: null },
	{ email: 'not an email', scope: null, reason: 'legacy' },
	{ sha256: sha256Hex('ivy+tag@company.io').toUpperCase(), scope: 'all', reason: 'ad platform' },
	{ sha256: `sha256:${sha256Hex('jo@sub.example.co')}`, scope: 'E-Mail', reason: null },
	{ email: sha256Hex("o'neil@example.ie"), scope: null, reason: null },
	{ customer_id: ' C-21 ', scope: 'global', reason: 'deleted' },
	{ customer_id: 'C-42', scope: 'sms', reason: null },
	{ customer_id: 'C-40', scope: null, reason: 'erased' },
	{ email: 'max@example.com', scope: 'email, newsletter', reason: null, expires_at: '2000-01-01T00:00:00Z' },
	{ email: 'ned@example.com', scope: null, reason: null, expires_at: '2999-01-01T00:00:00Z' },
	{ email: 'oli@example.com', scope: 'sms; Newsletter', reason: null },
	{ email: 'pat@example.com', scope: 'sms|push', reason: null },
	{ email: 'max12@example.com', scope: ' ', reason: null },
];

describe('Apply Suppression SQL in PostgreSQL', () => {
	let db: TestDatabase;
	const schema = uniqueSchema('wh_suppression');

	beforeAll(async () => {
		db = await connectTestDatabase();
		await db.client.query(`CREATE SCHEMA ${schema}`);
		await db.client.query(`CREATE TABLE ${schema}.audience (email text, customer_id text, segment text)`);
		await db.client.query(`INSERT INTO ${schema}.audience SELECT email, customer_id, 'x' FROM json_to_recordset($1::json) AS r(email text, customer_id text)`, [JSON.stringify(audience)]);
		await db.client.query(`CREATE TABLE ${schema}.suppressions (email text, sha256 text, customer_id text, scope text, expires_at timestamptz, reason text)`);
		await db.client.query(
			`INSERT INTO ${schema}.suppressions SELECT * FROM json_to_recordset($1::json) AS r(email text, sha256 text, customer_id text, scope text, expires_at timestamptz, reason text)`,
			[JSON.stringify(entries)],
		);
	});

	afterAll(async () => {
		if (!db) return;
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await db.close();
	});

	it('decides every row as the node does: eligibility, and list match vs unusable address', async () => {
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
			suppressionReasonColumn: 'reason',
			lists: ['Newsletter'],
			targetTable: `${schema}.decisions`,
		});
		const results = await runPlan(db.client, plan);
		const { rows } = await db.client.query(`SELECT * FROM ${schema}.decisions ORDER BY audience_row`);
		expect(rows).toHaveLength(audience.length);

		const policy: SuppressionPolicy = {
			channel: 'email',
			lists: ['newsletter'],
			asOf: Date.now(),
			optInChannels: [],
			optInCountries: [],
			suppressRoleAccounts: true,
			testPatterns: [],
		};
		const index = buildSuppressionIndex(
			entries.map((e) => ({ email: e.email ?? undefined, sha256: e.sha256 ?? undefined, customerId: e.customer_id ?? undefined, scope: e.scope ?? undefined, expiresAt: e.expires_at, reason: e.reason ?? undefined })),
		);
		const mismatches: unknown[] = [];
		let suppressedByList = 0;
		for (const row of rows) {
			const decision = decide({ email: row.email ?? undefined, customerId: row.customer_id ?? undefined }, index, policy);
			const listed = decision.reasons.some((r) => r.code === 'suppression_list');
			if (listed) suppressedByList++;
			const unusable = decision.reasons.find((r) => r.code === 'missing_identifier' || r.code === 'invalid_identifier')?.code;
			const sqlListed = row.suppression_reason === 'suppression_list' || (row.matched_by !== null && row.matched_by !== undefined);
			const sqlUnusable = row.suppression_reason === 'missing_identifier' || row.suppression_reason === 'invalid_identifier' ? row.suppression_reason : undefined;
			if (decision.eligible !== row.eligible || listed !== sqlListed || (unusable !== sqlUnusable && !(unusable && listed))) {
				mismatches.push({ email: row.email, customer: row.customer_id, node: decision.reasons.map((r) => r.code), sql: [row.eligible, row.suppression_reason, row.matched_by] });
			}
		}
		expect(mismatches).toEqual([]);
		expect(suppressedByList).toBeGreaterThan(50);
		// Every way of matching was exercised, and every reason.
		expect(new Set(rows.map((row) => row.matched_by))).toEqual(new Set([null, 'email', 'sha256', 'customerId', 'raw']));
		expect(new Set(rows.map((row) => row.suppression_reason))).toEqual(new Set([null, 'suppression_list', 'missing_identifier', 'invalid_identifier', 'role_account']));
		const total = results.counts.reduce((sum, row) => sum + Number(row.n), 0);
		expect(total).toBe(audience.length);
	});

	// Exports shaped like real ones (red-team bench/adversarial/warehouse.ts and more): the SQL never
	// writes eligible where the node holds; where SQL cannot normalize as the node does (punycode,
	// full-width letters) it holds the row with a reason. One audience row and one list entry a case.
	const sha = (text: string) => sha256Hex(text);
	const attacks: Array<[string, { email: string | null; customer_id?: string | null }, { email?: string; customer_id?: string; sha256?: string; scope?: string }]> = [
		['scope full-width E', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'Ｅmail' }],
		['scope with a non-breaking hyphen', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'E\u2011mail' }],
		['scope with an en dash and NBSP', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'sms ;\u00a0e\u2013mail\u00a0' }],
		['scope N/A (missing marker: global)', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'N/A' }],
		['scope global with BOM and NBSP', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: '\ufeffGlobal\u00a0' }],
		['scope this send\'s list with a zero-width space', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'News\u200bletter' }],
		['scope All Channels', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'All Channels' }],
		['scope unsubscribe_all', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'unsubscribe_all' }],
		['scope Global Unsubscribe', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'Global Unsubscribe' }],
		['scope Marketing Emails', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'Marketing Emails' }],
		['scope email_marketing', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'email_marketing' }],
		['scope promotional', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'promotional' }],
		['scope another brand (not applied by either)', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com', scope: 'other-brand' }],
		['list IDN, audience punycode', { email: 'anna@xn--bcher-kva.de' }, { email: 'anna@bücher.de' }],
		['list punycode, audience IDN', { email: 'anna@bücher.de' }, { email: 'anna@xn--bcher-kva.de' }],
		['list IDN upper case, audience IDN', { email: 'anna@bücher.de' }, { email: 'ANNA@BÜCHER.DE' }],
		['list full-width domain, audience ASCII', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe+x@ｇｍａｉｌ.com' }],
		['list trailing zero-width space', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com\u200b' }],
		['list trailing no-break space', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com\u00a0' }],
		['list BOM first', { email: 'jane.doe@gmail.com' }, { email: '\ufeffjane.doe@gmail.com' }],
		['list ideographic space and tab', { email: 'jane.doe@gmail.com' }, { email: '\u3000jane.doe@gmail.com\t' }],
		['list soft hyphen inside', { email: 'jane.doe@gmail.com' }, { email: 'jane.do\u00ade@gmail.com' }],
		['list two addresses, comma', { email: 'jane.doe@gmail.com' }, { email: 'old@example.org, jane.doe@gmail.com' }],
		['list two addresses, semicolon', { email: 'jane.doe@gmail.com' }, { email: 'old@example.org;jane.doe@gmail.com' }],
		['list three addresses, one with a display name', { email: 'jane.doe@gmail.com' }, { email: 'a@x.org; "Jane" <Jane.Doe@Gmail.com> ;b@y.org' }],
		['list MAILTO: upper case with NBSP', { email: 'jane.doe@gmail.com' }, { email: 'MAILTO:jane.doe@gmail.com\u00a0' }],
		['list zero-width space before mailto:', { email: 'jane.doe@gmail.com' }, { email: '\u200bmailto:jane.doe@gmail.com' }],
		['list customer ID 1001.0, audience 1001', { email: 'c1001@gmail.com', customer_id: '1001' }, { customer_id: '1001.0' }],
		['list customer ID 1001, audience " 1001.00\t"', { email: 'c1001@gmail.com', customer_id: ' 1001.00\t' }, { customer_id: '1001' }],
		['list customer ID with NBSP', { email: 'c1001@gmail.com', customer_id: '1001' }, { customer_id: '\u00a01001' }],
		['list customer ID full-width', { email: 'c1001@gmail.com', customer_id: '1001' }, { customer_id: '１００１' }],
		['list customer ID with leading zeros, audience without them', { email: 'c123@gmail.com', customer_id: '123' }, { customer_id: '00123' }],
		['list customer ID 0, audience 000', { email: 'c0@gmail.com', customer_id: '000' }, { customer_id: '0' }],
		['list customer ID with a zero-width space and a bidi mark', { email: 'c1001@gmail.com', customer_id: '1001' }, { customer_id: '\u200e1001\u200b' }],
		['list hash with trailing NBSP', { email: 'jane.doe@gmail.com' }, { sha256: `${sha('jane.doe@gmail.com')}\u00a0` }],
		['list hash in email column with BOM', { email: 'jane.doe@gmail.com' }, { email: `\ufeff${sha('jane.doe@gmail.com')}` }],
		['list trailing dot, mixed case', { email: 'jane.doe@gmail.com' }, { email: 'Jane.Doe@Gmail.com.' }],
		['list in double quotes', { email: 'jane.doe@gmail.com' }, { email: '"jane.doe@gmail.com"' }],
		['list in single quotes with a trailing dot', { email: 'jane.doe@gmail.com' }, { email: "'jane.doe@gmail.com'." }],
		['list full-width local part and at sign', { email: 'jane.doe@gmail.com' }, { email: 'ｊａｎｅ.ｄｏｅ＠gmail.com' }],
		['list spaces around the at sign', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe @ gmail.com' }],
		['list with a (comment)', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com (Jane)' }],
		['list name then address without brackets', { email: 'jane.doe@gmail.com' }, { email: 'Jane Doe jane.doe@gmail.com' }],
		['list pipe-separated', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com|old@x.com' }],
		['list space-separated', { email: 'jane.doe@gmail.com' }, { email: 'old@x.com jane.doe@gmail.com' }],
		['list trailing left-to-right mark', { email: 'jane.doe@gmail.com' }, { email: 'JANE.DOE@GMAIL.COM\u200e' }],
		['list NBSP between name and address', { email: 'jane.doe@gmail.com' }, { email: 'Jane\u00a0Doe\u00a0jane.doe@gmail.com' }],
		['list comma part with a dangling comment', { email: 'b.y@gmail.com' }, { email: 'a@x.com (old, b.y@gmail.com)' }],
		['list quoted-printable at sign', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe=40gmail.com' }],
		['list RFC 2047 encoded word', { email: 'jane.doe@gmail.com' }, { email: '=?UTF-8?Q?jane.doe=40gmail.com?=' }],
		['list percent-encoded mailto', { email: 'jane.doe@gmail.com' }, { email: 'mailto:jane.doe%40gmail.com' }],
		['list trailing BEL', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@gmail.com\u0007' }],
		['list C1 control first', { email: 'jane.doe@gmail.com' }, { email: '\u0085jane.doe@gmail.com' }],
		['list replacement character inside', { email: 'jane.doe@gmail.com' }, { email: 'jane.d\ufffdoe@gmail.com' }],
		['list doubled at sign', { email: 'jane.doe@gmail.com' }, { email: 'jane.doe@@gmail.com' }],
		['audience trailing zero-width space', { email: 'jane.doe@gmail.com\u200b' }, { email: 'jane.doe@gmail.com' }],
		['audience NBSP and BOM', { email: '\ufeffJane.Doe@gmail.com\u00a0' }, { email: 'janedoe@gmail.com' }],
		['audience IDN, not listed', { email: 'otto@bücher.de' }, { email: 'someone@example.com' }],
		['audience mailto: with a space after', { email: 'mailto: jane.doe@gmail.com' }, { email: 'someone@example.com' }],
	];

	it.each(attacks)('%s: SQL never writes eligible where the node holds', async (_label, person, entry) => {
		const tag = uniqueSchema('a').slice(-8);
		await db.client.query(`CREATE TABLE ${schema}.aud_${tag} (email text, customer_id text)`);
		await db.client.query(`CREATE TABLE ${schema}.sup_${tag} (email text, sha256 text, customer_id text, scope text)`);
		await db.client.query(`INSERT INTO ${schema}.aud_${tag} VALUES ($1, $2)`, [person.email, person.customer_id ?? null]);
		await db.client.query(`INSERT INTO ${schema}.sup_${tag} VALUES ($1, $2, $3, $4)`, [entry.email ?? null, entry.sha256 ?? null, entry.customer_id ?? null, entry.scope ?? null]);
		await runPlan(
			db.client,
			suppressionSql({
				dialect: 'postgres',
				audienceTable: `${schema}.aud_${tag}`,
				audienceEmailColumn: 'email',
				audienceCustomerIdColumn: 'customer_id',
				suppressionTable: `${schema}.sup_${tag}`,
				suppressionEmailColumn: 'email',
				suppressionCustomerIdColumn: 'customer_id',
				suppressionSha256Column: 'sha256',
				suppressionScopeColumn: 'scope',
				lists: ['Newsletter'],
				targetTable: `${schema}.dec_${tag}`,
			}),
		);
		const { rows } = await db.client.query(`SELECT eligible, suppression_reason FROM ${schema}.dec_${tag}`);
		const index = buildSuppressionIndex([{ email: entry.email, sha256: entry.sha256, customerId: entry.customer_id, scope: entry.scope }]);
		const policy: SuppressionPolicy = { channel: 'email', lists: ['newsletter'], asOf: Date.now(), optInChannels: [], optInCountries: [], suppressRoleAccounts: true, testPatterns: [] };
		const node = decide({ email: person.email ?? undefined, customerId: person.customer_id ?? undefined }, index, policy);
		expect(rows).toHaveLength(1);
		if (!node.eligible) expect(rows[0]).toMatchObject({ eligible: false });
		// A held row always says why.
		if (!rows[0].eligible) expect(rows[0].suppression_reason).toEqual(expect.any(String));
		// Reproducible addresses the node sends to are not held by SQL either.
		if (node.eligible && !/[^\x00-\x7f]/.test(person.email ?? '')) expect(rows[0].eligible).toBe(true);
	});
});
