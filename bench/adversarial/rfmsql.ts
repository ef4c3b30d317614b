// Attacks Compute RFM's Generate SQL (lib/warehouse rfmSql) in PostgreSQL against the node on the
// same rows (read back from the text-typed table, as the Postgres node hands them over), one dirty
// value at a time on top of a clean base: refunds larger than purchases, currency strings, NULL and
// zero dates, pandas / Excel IDs, rounding ties (1.005, 0.1 + 0.2), US / UK status spellings.
// Invariant: when the SQL says computed, every customer has the node's recency, frequency, monetary,
// scores and segment, and the row counts agree; otherwise (computed = false) it failed closed.
//   npx tsx bench/adversarial/rfmsql.ts [--root <worktree>] [--verbose]   (needs PostgreSQL)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { attempt, executeNode, load, Report, ROOT } from './common';

const report = new Report('rfmsql');

type Row = { c: string | null; t: string | null; a: string | null; o?: string | null; q?: string | null; s?: string | null };

/** 30 customers with clean rows, quintile ties on purpose (equal totals at the boundaries). */
function base(): Row[] {
	const rows: Row[] = [];
	for (let i = 0; i < 30; i++) {
		const orders = 1 + (i % 4);
		for (let o = 0; o < orders; o++) {
			const day = String(1 + ((i * 7 + o * 11) % 28)).padStart(2, '0');
			const month = String(1 + ((i + o * 3) % 11)).padStart(2, '0');
			rows.push({ c: `k${i}`, t: `2024-${month}-${day}T10:00:00Z`, a: ['10.00', '20.00', '20.00', '35.50', '50'][i % 5], o: `k${i}-o${o}`, q: '1', s: null });
		}
	}
	return rows;
}

const CASES: Array<[string, Row[]]> = [
	['control: the clean base alone', []],
	['refund larger than the purchase (same order)', [{ c: 'x', t: '2024-06-01', a: '10.00', o: 'x1' }, { c: 'x', t: '2024-06-03', a: '-50.00', o: 'x1' }]],
	['refund larger than the purchase (own order)', [{ c: 'x', t: '2024-06-01', a: '10.00', o: 'x1' }, { c: 'x', t: '2024-06-03', a: '-50.00', o: 'x2' }]],
	['only a refund', [{ c: 'x', t: '2024-06-01', a: '-10.00', o: 'x1' }]],
	['refund status with a positive amount larger than the purchase', [{ c: 'x', t: '2024-06-01', a: '10.00', o: 'x1' }, { c: 'x', t: '2024-06-02', a: '25.00', o: 'x1', s: 'Refunded' }]],
	['zero amount order', [{ c: 'x', t: '2024-06-01', a: '0', o: 'x1' }, { c: 'x', t: '2024-07-01', a: '0.00', o: 'x2' }]],
	['negative zero', [{ c: 'x', t: '2024-06-01', a: '-0', o: 'x1' }, { c: 'x', t: '2024-06-01', a: '5', o: 'x2' }]],
	['European currency string 1.234,56', [{ c: 'x', t: '2024-06-01', a: '1.234,56', o: 'x1' }]],
	['decimal comma 12,50', [{ c: 'x', t: '2024-06-01', a: '12,50', o: 'x1' }]],
	['thousands comma 1,234.56', [{ c: 'x', t: '2024-06-01', a: '1,234.56', o: 'x1' }]],
	['euro sign €12.50', [{ c: 'x', t: '2024-06-01', a: '€12.50', o: 'x1' }]],
	['12.50 EUR', [{ c: 'x', t: '2024-06-01', a: '12.50 EUR', o: 'x1' }]],
	['accounting negative (12.50)', [{ c: 'x', t: '2024-06-01', a: '20', o: 'x1' }, { c: 'x', t: '2024-06-02', a: '(12.50)', o: 'x2' }]],
	['SAP trailing minus 12.50-', [{ c: 'x', t: '2024-06-01', a: '20', o: 'x1' }, { c: 'x', t: '2024-06-02', a: '12.50-', o: 'x2' }]],
	['plus sign +12.5', [{ c: 'x', t: '2024-06-01', a: '+12.5', o: 'x1' }]],
	['leading dot .5', [{ c: 'x', t: '2024-06-01', a: '.5', o: 'x1' }]],
	['trailing dot 5.', [{ c: 'x', t: '2024-06-01', a: '5.', o: 'x1' }]],
	['exponent 1e3', [{ c: 'x', t: '2024-06-01', a: '1e3', o: 'x1' }]],
	['exponent 1E-2', [{ c: 'x', t: '2024-06-01', a: '1E-2', o: 'x1' }]],
	['hex 0x10', [{ c: 'x', t: '2024-06-01', a: '0x10', o: 'x1' }]],
	['Infinity', [{ c: 'x', t: '2024-06-01', a: 'Infinity', o: 'x1' }]],
	['NaN', [{ c: 'x', t: '2024-06-01', a: 'NaN', o: 'x1' }]],
	['leading zeros 007.50', [{ c: 'x', t: '2024-06-01', a: '007.50', o: 'x1' }]],
	['underscore 1_000', [{ c: 'x', t: '2024-06-01', a: '1_000', o: 'x1' }]],
	['full-width digits １２', [{ c: 'x', t: '2024-06-01', a: '１２', o: 'x1' }]],
	['Arabic-Indic digits ١٢', [{ c: 'x', t: '2024-06-01', a: '١٢', o: 'x1' }]],
	['leading space 12.5', [{ c: 'x', t: '2024-06-01', a: ' 12.5', o: 'x1' }]],
	['huge amount beyond float precision', [{ c: 'x', t: '2024-06-01', a: '12345678901234567.89', o: 'x1' }]],
	['amount 1e400 (overflows a double)', [{ c: 'x', t: '2024-06-01', a: '1e400', o: 'x1' }]],
	['rounding tie 1.005 vs 1.01 (half-up in numeric, not in binary)', [{ c: 'x', t: '2024-06-01', a: '1.005', o: 'x1' }, { c: 'y', t: '2024-06-01', a: '1.01', o: 'y1' }]],
	['rounding tie 2.675 vs 2.68', [{ c: 'x', t: '2024-06-01', a: '2.675', o: 'x1' }, { c: 'y', t: '2024-06-01', a: '2.68', o: 'y1' }]],
	['0.1 + 0.2 vs 0.3 (float sum)', [{ c: 'x', t: '2024-06-01', a: '0.1', o: 'x1' }, { c: 'x', t: '2024-06-01', a: '0.2', o: 'x1' }, { c: 'y', t: '2024-06-01', a: '0.3', o: 'y1' }]],
	['many lines summing to a tie at the M boundary', Array.from({ length: 10 }, (_, i) => ({ c: 'x', t: '2024-06-01', a: '3.55', o: `x${i}` })).concat([{ c: 'y', t: '2024-06-01', a: '35.50', o: 'y1' }])],
	['NULL date', [{ c: 'x', t: null, a: '10', o: 'x1' }, { c: 'x', t: '2024-06-01', a: '10', o: 'x2' }]],
	['MySQL zero date 0000-00-00', [{ c: 'x', t: '0000-00-00 00:00:00', a: '10', o: 'x1' }]],
	['date 1970-01-01', [{ c: 'x', t: '1970-01-01', a: '10', o: 'x1' }]],
	['epoch 0', [{ c: 'x', t: '0', a: '10', o: 'x1' }]],
	['negative epoch -86400', [{ c: 'x', t: '-86400', a: '10', o: 'x1' }]],
	['epoch with 10 digits in ms range', [{ c: 'x', t: '1717200000000', a: '10', o: 'x1' }]],
	['epoch seconds as a float 1717200000.0 (pandas)', [{ c: 'x', t: '1717200000.0', a: '10', o: 'x1' }]],
	['leap day 2024-02-29', [{ c: 'x', t: '2024-02-29', a: '10', o: 'x1' }]],
	['non-leap 2023-02-29', [{ c: 'x', t: '2023-02-29', a: '10', o: 'x1' }]],
	['24:00:00', [{ c: 'x', t: '2024-03-31T24:00:00Z', a: '10', o: 'x1' }]],
	['leap second 23:59:60', [{ c: 'x', t: '2016-12-31T23:59:60Z', a: '10', o: 'x1' }]],
	['offset +14:00 crossing the day', [{ c: 'x', t: '2024-06-01T05:00:00+14:00', a: '10', o: 'x1' }]],
	['lower-case t and z', [{ c: 'x', t: '2024-06-01t10:00:00z', a: '10', o: 'x1' }]],
	['comma fraction 10:00:00,5Z', [{ c: 'x', t: '2024-06-01T10:00:00,5Z', a: '10', o: 'x1' }]],
	['minutes only 10:00Z', [{ c: 'x', t: '2024-06-01T10:00Z', a: '10', o: 'x1' }]],
	['year-month 2024-06', [{ c: 'x', t: '2024-06', a: '10', o: 'x1' }]],
	['compact date-time 20240601103000', [{ c: 'x', t: '20240601103000', a: '10', o: 'x1' }]],
	['US date with 2-digit year 06/01/24', [{ c: 'x', t: '06/01/24', a: '10', o: 'x1' }]],
	['ambiguous 01/02/2024', [{ c: 'x', t: '01/02/2024', a: '10', o: 'x1' }]],
	['date in the future (after as-of)', [{ c: 'x', t: '2031-01-01', a: '10', o: 'x1' }]],
	['year 10000', [{ c: 'x', t: '10000-01-01', a: '10', o: 'x1' }]],
	['Excel serial 45444', [{ c: 'x', t: '45444', a: '10', o: 'x1' }]],
	['ID 1001 and 1001.0 (pandas)', [{ c: '1001', t: '2024-06-01', a: '10', o: 'x1' }, { c: '1001.0', t: '2024-07-01', a: '10', o: 'x2' }]],
	['ID 01001 and 1001', [{ c: '01001', t: '2024-06-01', a: '10', o: 'x1' }, { c: '1001', t: '2024-07-01', a: '10', o: 'x2' }]],
	['ID 1e3 and 1000', [{ c: '1e3', t: '2024-06-01', a: '10', o: 'x1' }, { c: '1000', t: '2024-07-01', a: '10', o: 'x2' }]],
	['ID ABC and abc', [{ c: 'ABC', t: '2024-06-01', a: '10', o: 'x1' }, { c: 'abc', t: '2024-07-01', a: '10', o: 'x2' }]],
	['ID with a no-break space', [{ c: 'k1\u00a0', t: '2024-06-01', a: '10', o: 'x1' }]],
	['ID with a zero-width space', [{ c: 'k1\u200b', t: '2024-06-01', a: '10', o: 'x1' }]],
	['ID full-width １００１', [{ c: '１００１', t: '2024-06-01', a: '10', o: 'x1' }, { c: '1001', t: '2024-07-01', a: '10', o: 'x2' }]],
	['ID "NULL" / "nan" / "None" strings', [{ c: 'NULL', t: '2024-06-01', a: '10', o: 'x1' }, { c: 'nan', t: '2024-06-01', a: '10', o: 'x2' }, { c: 'None', t: '2024-06-01', a: '10', o: 'x3' }]],
	['ID 9007199254740993 (beyond 2^53)', [{ c: '9007199254740993', t: '2024-06-01', a: '10', o: 'x1' }, { c: '9007199254740992', t: '2024-07-01', a: '10', o: 'x2' }]],
	['status Canceled (US) and CANCELLED', [{ c: 'x', t: '2024-06-01', a: '10', o: 'x1', s: 'Canceled' }, { c: 'x', t: '2024-06-02', a: '10', o: 'x2', s: 'CANCELLED' }, { c: 'x', t: '2024-06-03', a: '10', o: 'x3' }]],
	['status refund / Returned / partially_refunded', [{ c: 'x', t: '2024-06-01', a: '10', o: 'x1', s: 'refund' }, { c: 'x', t: '2024-06-02', a: '10', o: 'x2', s: 'Returned' }, { c: 'x', t: '2024-06-03', a: '10', o: 'x3', s: 'partially_refunded' }]],
	['status with a no-break space', [{ c: 'x', t: '2024-06-01', a: '10', o: 'x1', s: 'cancelled\u00a0' }, { c: 'x', t: '2024-06-03', a: '10', o: 'x3' }]],
	['quantity 0 / -1 / 1.5 / empty', [{ c: 'x', t: '2024-06-01', a: '10', o: 'x1', q: '0' }, { c: 'x', t: '2024-06-02', a: '10', o: 'x2', q: '-1' }, { c: 'x', t: '2024-06-03', a: '10', o: 'x3', q: '1.5' }, { c: 'x', t: '2024-06-04', a: '10', o: 'x4', q: '' }]],
	['order ID empty vs NULL', [{ c: 'x', t: '2024-06-01', a: '10', o: '' }, { c: 'x', t: '2024-06-02', a: '10', o: '' }, { c: 'x', t: '2024-06-03', a: '10', o: null }, { c: 'x', t: '2024-06-04', a: '10', o: null }]],
	['one order ID for two customers', [{ c: 'x', t: '2024-06-01', a: '10', o: 'shared' }, { c: 'y', t: '2024-06-02', a: '10', o: 'shared' }]],
	['one order ID on two dates', [{ c: 'x', t: '2024-06-01', a: '10', o: 'x1' }, { c: 'x', t: '2024-09-02', a: '10', o: 'x1' }]],
	['order ID 1 and 1.0', [{ c: 'x', t: '2024-06-01', a: '10', o: '1' }, { c: 'x', t: '2024-06-02', a: '10', o: '1.0' }]],
	['order ID with a trailing space', [{ c: 'x', t: '2024-06-01', a: '10', o: 'x1' }, { c: 'x', t: '2024-06-02', a: '10', o: 'x1 ' }]],
];

/** Option sets: the defaults, then day-first dates with a window, average order value and whole-unit currency, then cut points on transactions. */
const OPTION_SETS: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
	['', {}, {}],
	['DMY, window 200.5, average, 0 decimals', { dateOrder: 'DMY', windowDays: 200.5, monetary: 'average', currencyDecimals: 0 }, { dateOrder: 'DMY', windowDays: 200.5, monetary: 'average', currencyDecimals: 0 }],
	[
		'transactions, cut points, custom statuses',
		{ frequency: 'transactions', cutPoints: { values: { recency: '30,90,180,270', frequency: '2,3,5,8', monetary: '0,10,35.5,100' } }, cancelledStatuses: 'canceled, void', returnedStatuses: 'refund, Returned' },
		{ frequency: 'transactions', cutPoints: { recency: [30, 90, 180, 270], frequency: [2, 3, 5, 8], monetary: [0, 10, 35.5, 100] }, cancelledStatuses: ['canceled', 'void'], returnedStatuses: ['refund', 'Returned'] },
	],
];

async function main() {
	if (!existsSync(path.join(ROOT, 'lib', 'warehouse', 'rfm.ts'))) {
		console.log(`${ROOT} has no lib/warehouse/rfm.ts (Compute RFM Generate SQL): nothing to attack`);
		report.finish();
		return;
	}
	const { rfmSql } = load('lib/warehouse/index.ts');
	const { ComputeRfm } = load('nodes/ComputeRfm/ComputeRfm.node.ts');
	const { connectTestDatabase, uniqueSchema } = load('test/helpers/postgres');
	const db = await connectTestDatabase();
	const schema = uniqueSchema('adv_rfm');
	const only = process.argv.includes('--case') ? process.argv[process.argv.indexOf('--case') + 1] : undefined;
	const closed: string[] = [];
	try {
		await db.client.query(`CREATE SCHEMA ${schema}`);
		for (const [set, nodeOptions, sqlOptions] of OPTION_SETS)
		for (const [c, [caseLabel, extra]] of CASES.entries()) {
			const label = set ? `${caseLabel} [${set}]` : caseLabel;
			const i = `${OPTION_SETS.findIndex((o) => o[0] === set)}_${c}`;
			if (only && !label.includes(only)) continue;
			const rows = [...base(), ...extra];
			const table = `t${i}`;
			await db.client.query(`CREATE TABLE ${schema}.${table} (customer text, ts text, amount text, order_id text, qty text, status text)`);
			await db.client.query(`INSERT INTO ${schema}.${table} SELECT * FROM json_to_recordset($1::json) AS r(customer text, ts text, amount text, order_id text, qty text, status text)`, [
				JSON.stringify(rows.map((r) => ({ customer: r.c, ts: r.t, amount: r.a, order_id: r.o ?? null, qty: r.q === undefined ? '1' : r.q, status: r.s ?? null }))),
			]);
			const items = (await db.client.query(`SELECT * FROM ${schema}.${table}`)).rows;
			const node = await attempt(() =>
				executeNode(new ComputeRfm(), {
					parameters: { customerIdField: 'customer', timestampField: 'ts', amountField: 'amount', orderIdField: 'order_id', options: { quantityField: 'qty', statusField: 'status', asOf: '2024-12-01', ...nodeOptions } },
					inputs: [items],
					continueOnFail: true,
				}),
			);
			let sql: { computed?: boolean; report?: any; table?: any[]; error?: string } = {};
			try {
				const plan = rfmSql({
					dialect: 'postgres',
					sourceTable: `${schema}.${table}`,
					targetTable: `${schema}.${table}_rfm`,
					customerIdColumn: 'customer',
					timestampColumn: 'ts',
					amountColumn: 'amount',
					orderIdColumn: 'order_id',
					quantityColumn: 'qty',
					statusColumn: 'status',
					asOf: '2024-12-01',
					...sqlOptions,
				});
				const results: Record<string, any[]> = {};
				for (const statement of plan.statements) results[statement.name] = (await db.client.query(statement.sql, statement.parameters)).rows;
				const r = results.report?.[0];
				sql = { computed: r?.computed === true, report: r };
				if (sql.computed) sql.table = (await db.client.query(`SELECT * FROM ${schema}.${table}_rfm`)).rows;
			} catch (error) {
				sql = { error: (error as Error).message };
			}
			if (!node.value) {
				report.check(false, { id: `node-crash ${label}`, harm: 'lost', title: `Compute RFM crashed with Continue On Fail: ${label}`, input: extra, expected: 'customers and error rows', got: node.error?.message });
				continue;
			}
			const customers = node.value.outputs[0].filter((item: any) => item.json.customerId !== undefined && item.json.error === undefined).map((item: any) => item.json);
			const summary = node.value.outputs[1][0].json;
			if (sql.error) {
				report.check(false, { id: `sql-error ${label}`, harm: 'lost', title: `Generate SQL fails in PostgreSQL: ${label}`, input: extra, expected: 'the statements run', got: sql.error });
				continue;
			}
			if (!sql.computed) {
				// Failed closed: fine, but note it when the node read every row (over-caution).
				closed.push(`${label} (unverified ${sql.report?.unverified_rows}, node bad rows ${summary.badRows})`);
				report.check(caseLabel !== 'control: the clean base alone', { id: 'control', harm: 'split', title: 'the clean base is not computed: every other check would pass vacuously', input: base().slice(0, 3), expected: 'computed', got: sql.report });
				continue;
			}
			const byId = new Map(sql.table!.map((row: any) => [row.customer_id, row]));
			if (process.env.ADV_DEBUG) console.log(label, JSON.stringify(sql.report), JSON.stringify(summary).slice(0, 300), customers.filter((c: any) => /^[^k]/.test(String(c.customerId))).map((c: any) => [c.customerId, c.monetary, c.rfm, byId.get(c.customerId)?.monetary, byId.get(c.customerId)?.rfm]));
			const problems: string[] = [];
			if (sql.table!.length !== customers.length) problems.push(`customers: sql ${sql.table!.length} vs node ${customers.length}`);
			for (const [k, v] of [['bad_rows', summary.badRows], ['rows', summary.rows], ['cancelled_rows', summary.cancelledRows], ['return_rows', summary.returnRows]] as const) {
				if (v !== undefined && Number(sql.report[k]) !== Number(v)) problems.push(`${k}: sql ${sql.report[k]} vs node ${v}`);
			}
			for (const c of customers) {
				const row: any = byId.get(c.customerId);
				if (!row) {
					problems.push(`${JSON.stringify(c.customerId)}: not in the SQL table`);
					continue;
				}
				const got = { recencyDays: row.recency_days === null ? null : Number(row.recency_days), frequency: Number(row.frequency), monetary: Number(Number(row.monetary).toFixed(4)), rfm: row.rfm, segment: row.segment };
				const want = { recencyDays: c.recencyDays, frequency: c.frequency, monetary: c.monetary, rfm: c.rfm, segment: c.segment };
				if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${JSON.stringify(c.customerId)}: sql ${JSON.stringify(got)} vs node ${JSON.stringify(want)}`);
			}
			report.check(problems.length === 0, {
				id: `rfm-sql ${label}`,
				harm: 'unstable',
				title: `Compute RFM Generate SQL says computed but differs from the node: ${label}`,
				input: extra,
				expected: 'the node\'s customers, scores and counts (or computed = false)',
				got: problems.slice(0, 6),
				responsible: 'lib/warehouse/rfm.ts, lib/warehouse/values.ts',
			});
		}
	} finally {
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await db.close();
	}
	console.log(`failed closed (computed = false, not a break) in ${closed.length} of ${CASES.length * OPTION_SETS.length} cases:${closed.map((c) => `\n  ${c}`).join('')}`);
	report.finish();
}

void main();
