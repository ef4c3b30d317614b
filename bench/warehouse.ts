// The Generate SQL statements at scale in PostgreSQL beside the same work in lib/ (what the nodes
// run), on the same rows: customers generated in the database, each generated plan run and timed,
// its result checked against lib's on every row, and lib's time on rows already in memory (fetching
// them into Node is timed apart). One run each (the database work dominates); prints JSON Lines.
// Run: nice -n 10 npm run bench:warehouse [-- --customers 1000000 --growthbook 0 --transactions 10000000 --identity 1000000]
// (--transactions: Compute RFM on that many transactions of the customers; 0 leaves RFM out.
// --identity: Resolve Identity's deterministic rules on that many records, 0 leaves it out.)
// PostgreSQL: DATABASE_URL, else 127.0.0.1:5432, else embedded (test/helpers/postgres.ts).
import { loadavg } from 'node:os';
import { assignHoldout, planHoldout, type HoldoutUnit } from '../lib/holdout';
// lib/lift/experiment directly: the lift index loads fast-png, which tsx resolves through tsconfig's
// type-only path mapping and cannot run.
import { StatsAccumulator, ALL_SEGMENTS } from '../lib/lift/experiment';
import { buildSuppressionIndex, decide, type SuppressionPolicy } from '../lib/suppression';
import { computeRfm } from '../lib/rfm';
import { resolveIdentity, type IdentityInput } from '../lib/identity';
import { holdoutSql, identitySql, liftSql, rfmSql, suppressionSql, type SqlPlan } from '../lib/warehouse';
import { connectTestDatabase, uniqueSchema } from '../test/helpers/postgres';

function arg(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const customers = arg('customers', 1_000_000);
const withGrowthbook = arg('growthbook', 0) > 0;
const transactions = arg('transactions', 10 * customers);
const identityRecords = arg('identity', customers);
const identityPasses = arg('passes', 5);
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const print = (record: Record<string, unknown>) => console.log(JSON.stringify({ ...record, load: loadavg().map((x) => Number(x.toFixed(2))) }));

async function main(): Promise<void> {
	const db = await connectTestDatabase();
	const schema = uniqueSchema('bench_warehouse');
	const q = (text: string, values?: unknown[]) => db.client.query(text, values);
	try {
		await q(`CREATE SCHEMA ${schema}`);
		let started = process.hrtime.bigint();
		await q(`CREATE TABLE ${schema}.customers AS
			SELECT 'cust-' || i AS customer_id,
			       CASE i % 5 WHEN 0 THEN 'First.Last' || i || '+promo@gmail.com' WHEN 1 THEN 'user' || i || '@example.com'
			            WHEN 2 THEN ' User' || i || '@Outlook.com ' WHEN 3 THEN 'u' || i || '@yahoo.co.uk' ELSE 'bad address ' || i END AS email,
			       CASE WHEN i % 3 = 0 THEN 'control' ELSE 'treatment' END AS arm,
			       (random() < 0.1)::int AS converted,
			       round((random() * 100)::numeric, 2)::float8 AS revenue,
			       round((random() * 100)::numeric, 2)::float8 AS pre_revenue
			FROM generate_series(1, $1::int) AS i`, [customers]);
		await q(`CREATE TABLE ${schema}.suppressions AS
			SELECT CASE i % 4 WHEN 0 THEN 'firstlast' || (i * 7) || '@gmail.com' WHEN 1 THEN 'USER' || (i * 7) || '@example.com'
			            WHEN 2 THEN NULL ELSE 'u' || (i * 7) || '-news@yahoo.co.uk' END AS email,
			       CASE WHEN i % 4 = 2 THEN encode(sha256(convert_to('user' || (i * 7 + 1) || '@outlook.com', 'UTF8')), 'hex') END AS sha256,
			       CASE WHEN i % 10 = 0 THEN 'sms' END AS scope
			FROM generate_series(1, $1::int / 10) AS i`, [customers]);
		await q(`ANALYZE ${schema}.customers`);
		print({ step: 'generate', customers, suppressionEntries: Math.floor(customers / 10), seconds: seconds(started) });

		started = process.hrtime.bigint();
		const { rows } = await q(`SELECT customer_id, email, arm, converted, revenue, pre_revenue FROM ${schema}.customers`);
		const { rows: entries } = await q(`SELECT email, sha256, scope FROM ${schema}.suppressions`);
		print({ step: 'fetch rows into Node', rows: rows.length + entries.length, seconds: seconds(started) });

		const runPlan = async (plan: SqlPlan) => {
			const t = process.hrtime.bigint();
			const results: Record<string, Array<Record<string, unknown>>> = {};
			for (const statement of plan.statements) results[statement.name] = (await q(statement.sql, statement.parameters)).rows;
			return { results, seconds: seconds(t) };
		};

		// Split Holdout.
		for (const hashMode of withGrowthbook ? (['md5', 'growthbook'] as const) : (['md5'] as const)) {
			const plan = planHoldout({ salt: 'bench', hashMode, arms: [{ name: 'control', weight: 1 }, { name: 'a', weight: 2 }, { name: 'b', weight: 2 }], globalHoldout: { salt: 'global', percent: 5 } });
			const sqlRun = await runPlan(holdoutSql(plan, { dialect: 'postgres', sourceTable: `${schema}.customers`, customerKeyColumn: 'customer_id', targetTable: `${schema}.assignments` }));
			const units: HoldoutUnit[] = rows.map((row) => ({ key: String(row.customer_id) }));
			const t = process.hrtime.bigint();
			const result = assignHoldout(units, plan);
			const libSeconds = seconds(t);
			const sqlCounts = Object.fromEntries(sqlRun.results.counts.map((row) => [row.arm, Number(row.n)]));
			const libCounts = Object.fromEntries([...plan.arms.map((arm, i) => [arm.name, result.counts[i]]), ['global_holdout', result.globalHoldoutCount]]);
			const { rows: check } = await q(`SELECT customer_key, arm FROM ${schema}.assignments`);
			const armOf = new Map(rows.map((row, i) => [String(row.customer_id), result.armIndexes[i] < 0 ? 'global_holdout' : plan.arms[result.armIndexes[i]].name]));
			const mismatches = check.filter((row) => armOf.get(row.customer_key) !== row.arm).length;
			print({ step: `split holdout (${hashMode})`, sqlSeconds: sqlRun.seconds, libSeconds, sqlCounts, countsEqual: JSON.stringify(sqlCounts) === JSON.stringify(Object.fromEntries(Object.entries(libCounts).sort())), rowMismatches: mismatches });
		}

		// Measure Lift.
		{
			const sqlRun = await runPlan(
				liftSql({ dialect: 'postgres', sourceTable: `${schema}.customers`, armColumn: 'arm', cuped: true, metrics: [{ name: 'converted', kind: 'binary' }, { name: 'revenue', kind: 'continuous', covariateColumn: 'pre_revenue' }] }),
			);
			const t = process.hrtime.bigint();
			const data = new StatsAccumulator();
			for (const row of rows) {
				data.addObservation(ALL_SEGMENTS, row.arm, 'converted', row.converted, 0);
				data.addObservation(ALL_SEGMENTS, row.arm, 'revenue', row.revenue, row.pre_revenue);
			}
			const libSeconds = seconds(t);
			let worst = 0;
			for (const row of sqlRun.results.statistics) {
				const cell = data.get(ALL_SEGMENTS, String(row.arm), String(row.metric))!;
				const mean = Number(row.shift) + Number(row.sum) / Number(row.n);
				const libMean = (cell.sum + cell.n * (cell.shift ?? 0)) / cell.n;
				worst = Math.max(worst, Math.abs(mean - libMean) / Math.max(1, Math.abs(libMean)), Number(row.n) === cell.n ? 0 : 1);
			}
			print({ step: 'measure lift statistics', sqlSeconds: sqlRun.seconds, libSeconds, rows: sqlRun.results.statistics.length, worstRelativeMeanDifference: worst });
		}

		// Apply Suppression.
		{
			const sqlRun = await runPlan(
				suppressionSql({ dialect: 'postgres', audienceTable: `${schema}.customers`, audienceEmailColumn: 'email', suppressionTable: `${schema}.suppressions`, suppressionEmailColumn: 'email', suppressionSha256Column: 'sha256', suppressionScopeColumn: 'scope', lists: [], targetTable: `${schema}.decisions` }),
			);
			const policy: SuppressionPolicy = { channel: 'email', lists: [], asOf: Date.now(), optInChannels: [], optInCountries: [], suppressRoleAccounts: false, testPatterns: [] };
			const t = process.hrtime.bigint();
			const index = buildSuppressionIndex(entries.map((e) => ({ email: e.email ?? undefined, sha256: e.sha256 ?? undefined, scope: e.scope ?? undefined })));
			const eligible = rows.map((row) => decide({ email: row.email }, index, policy).eligible);
			const libSeconds = seconds(t);
			const { rows: check } = await q(`SELECT email, eligible FROM ${schema}.decisions`);
			const byEmail = new Map(rows.map((row, i) => [String(row.email), eligible[i]]));
			const mismatches = check.filter((row) => byEmail.get(row.email) !== row.eligible).length;
			print({ step: 'apply suppression (email list check)', sqlSeconds: sqlRun.seconds, libSeconds, counts: sqlRun.results.counts, rowMismatches: mismatches });
		}

		// Compute RFM: transactions as text (as a raw export lands), with cancellations, refunds and
		// order lines shared between rows; lib on the same rows fetched as columns.
		if (transactions > 0) {
			let t = process.hrtime.bigint();
			await q('SELECT setseed(0.42)');
			await q(`CREATE TABLE ${schema}.transactions AS
				SELECT 'cust-' || (1 + floor(random() * $1::int))::int AS customer_id,
				       'ord-' || (i / 2) AS order_id,
				       to_char(timestamp '2024-01-01' + make_interval(secs => floor(random() * 31536000)), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ordered_at,
				       round((random() * 200)::numeric, 2)::text AS amount,
				       CASE WHEN random() < 0.03 THEN 'cancelled' WHEN random() < 0.03 THEN 'refunded' ELSE 'paid' END AS status
				FROM generate_series(1, $2::int) AS i`, [customers, transactions]);
			await q(`ANALYZE ${schema}.transactions`);
			print({ step: 'generate transactions', transactions, seconds: seconds(t) });
			const plan = rfmSql({ dialect: 'postgres', sourceTable: `${schema}.transactions`, targetTable: `${schema}.rfm`, customerIdColumn: 'customer_id', timestampColumn: 'ordered_at', amountColumn: 'amount', orderIdColumn: 'order_id', statusColumn: 'status' });
			const sqlRun = await runPlan(plan);
			t = process.hrtime.bigint();
			let fetched: unknown[][] | undefined = (await db.client.query({ text: `SELECT customer_id, ordered_at, amount, order_id, status FROM ${schema}.transactions`, rowMode: 'array' })).rows;
			const n = fetched.length;
			const column = (k: number) => fetched!.map((row) => row[k]);
			const columns = { customerId: column(0), timestamp: column(1), amount: column(2), orderId: column(3), status: column(4) };
			fetched = undefined; // the row arrays can go before lib runs
			print({ step: 'fetch transactions into Node', rows: n, seconds: seconds(t) });
			t = process.hrtime.bigint();
			const result = computeRfm(columns, {});
			const libSeconds = seconds(t);
			const { rows: table } = await q(`SELECT customer_id, rfm, segment FROM ${schema}.rfm`);
			const sqlOf = new Map(table.map((row) => [row.customer_id, `${row.rfm}/${row.segment}`]));
			let mismatches = Math.abs(table.length - result.features.customerIds.length);
			result.features.customerIds.forEach((id, c) => {
				const rfm = result.rScore[c] ? `${result.rScore[c]}${result.fScore[c]}${result.mScore[c]}` : null;
				if (sqlOf.get(id) !== `${rfm}/${result.segment[c]}`) mismatches++;
			});
			print({ step: 'compute rfm', transactions: n, customers: table.length, sqlSeconds: sqlRun.seconds, libSeconds, report: sqlRun.results.report[0], customerMismatches: mismatches });
		}
		if (identityRecords > 0) {
			// Resolve Identity, deterministic rules: a CRM, an ESP and a shop record per person (the ESP's
			// email in capitals with a +tag, the shop's phone in another layout), every record named.
			let t = process.hrtime.bigint();
			await q(`CREATE TABLE ${schema}.records AS
				SELECT source || ':' || p AS record_id, first_name, last_name,
				       CASE source WHEN 'crm' THEN 'p' || p || '.mail@gmail.com' WHEN 'esp' THEN 'P' || p || '.MAIL+news@Gmail.com' END AS email,
				       CASE source WHEN 'crm' THEN '+1 415 ' || lpad(((p / 10000) % 800 + 200)::text, 3, '0') || ' ' || lpad((p % 10000)::text, 4, '0')
				                   WHEN 'shop' THEN '(415) ' || lpad(((p / 10000) % 800 + 200)::text, 3, '0') || '-' || lpad((p % 10000)::text, 4, '0') END AS phone
				FROM (SELECT p, (ARRAY['Ann','Bob','Cara','Dev','Eli','Fay'])[1 + p % 6] AS first_name, 'Name' || (p % 997) AS last_name FROM generate_series(0, $1::int / 3) AS p) people
				CROSS JOIN (VALUES ('crm'), ('esp'), ('shop')) AS s(source)
				LIMIT $1::int`, [identityRecords]);
			print({ step: 'generate identity records', records: identityRecords, seconds: seconds(t) });
			const plan = identitySql({ dialect: 'postgres', sourceTable: `${schema}.records`, targetTable: `${schema}.identity`, recordKeyColumn: 'record_id', emailColumn: 'email', phoneColumn: 'phone', firstNameColumn: 'first_name', lastNameColumn: 'last_name', countryCode: '1', passes: identityPasses });
			const sqlRun = await runPlan(plan);
			t = process.hrtime.bigint();
			const { rows: fetched } = await q(`SELECT record_id, email, phone, first_name, last_name FROM ${schema}.records`);
			print({ step: 'fetch identity records into Node', rows: fetched.length, seconds: seconds(t) });
			const records: IdentityInput[] = fetched.map((r) => ({ key: r.record_id, email: r.email ?? undefined, phone: r.phone ?? undefined, firstName: r.first_name, lastName: r.last_name }));
			t = process.hrtime.bigint();
			const result = resolveIdentity(records, { mode: 'deterministic', rules: ['email', 'phone'], defaultRegion: 'US', runAt: '2026-01-01T00:00:00Z', households: 'off' });
			const libSeconds = seconds(t);
			// The same partition: each SQL customer's records are exactly one node customer's.
			const { rows: labels } = await q(`SELECT record_key, customer_key FROM ${schema}.identity`);
			const nodeId = new Map(result.records.map((r) => [r.key, r.customerId]));
			const sqlToNode = new Map<string, string>();
			const nodeToSql = new Map<string, string>();
			let mismatches = 0;
			for (const row of labels) {
				const n = nodeId.get(row.record_key) as string;
				if ((sqlToNode.get(row.customer_key) ?? n) !== n || (nodeToSql.get(n) ?? row.customer_key) !== row.customer_key) mismatches++;
				sqlToNode.set(row.customer_key, n);
				nodeToSql.set(n, row.customer_key);
			}
			print({ step: 'resolve identity (deterministic)', records: labels.length, sqlSeconds: sqlRun.seconds, libSeconds, passes: identityPasses, summary: sqlRun.results.summary[0], customers: result.stats.clusters, recordMismatches: mismatches });
		}
	} finally {
		await q(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await db.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
