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
			suppressRoleAccounts: false,
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
		expect(new Set(rows.map((row) => row.suppression_reason))).toEqual(new Set([null, 'suppression_list', 'missing_identifier', 'invalid_identifier']));
		const total = results.counts.reduce((sum, row) => sum + Number(row.n), 0);
		expect(total).toBe(audience.length);
	});
});
