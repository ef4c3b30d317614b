// Compute RFM's generated SQL, run in PostgreSQL, scores every customer as the node does on the same
// rows read back from the table (ties, refunds netted in orders, cancelled and returned statuses, the
// window, dirty values the node refuses), and fails closed on values it cannot read the node's way.
import type { IDataObject } from 'n8n-workflow';
import { ComputeRfm } from '../../../nodes/ComputeRfm/ComputeRfm.node';
import { rfmSql, type RfmSqlOptions } from '../../../lib/warehouse';
import { seededRandom } from '../../../lib/stats/random';
import { executeNode } from '../../helpers/executeNode';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../../helpers/postgres';
import { runPlan } from './pg';

jest.setTimeout(180_000);

type Row = [string | null, string | null, string | null, string | null, string | null, string | null];

/** Transactions as a CRM export lands them in a text-typed table. */
function transactions(): Row[] {
	const random = seededRandom(11);
	const rows: Row[] = [];
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const prices = ['10.00', '19.99', '25', '49.5', '100', '5.05', '0.10', '0.20', '12.345'];
	for (let c = 0; c < 400; c++) {
		const customer = c % 37 === 0 ? ` cust-${c} ` : c % 41 === 0 ? String(9000 + c) : `cust-${c}`;
		const orders = 1 + Math.floor(random() * (c % 5 === 0 ? 8 : 3));
		for (let o = 0; o < orders; o++) {
			const order = `o-${c}-${o}`;
			const day = 1 + Math.floor(random() * 360);
			const date = new Date(Date.UTC(2024, 0, day, Math.floor(random() * 24), Math.floor(random() * 60)));
			const iso = date.toISOString();
			const stamp = pick([
				iso,
				iso.slice(0, 10),
				iso.slice(0, 19).replace('T', ' '),
				`${iso.slice(0, 19)}+02:00`,
				`${iso.slice(0, 16).replace('T', ' ')} -0530`,
				String(Math.floor(date.getTime() / 1000)),
				String(date.getTime()),
				iso.slice(0, 10).replace(/-/g, ''),
				`${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`,
				`${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 23)}`,
				`${iso.slice(0, 19)}.123456Z`,
			]);
			const lines = 1 + Math.floor(random() * 3);
			for (let l = 0; l < lines; l++) rows.push([customer, stamp, pick(prices), order, random() < 0.2 ? '2' : '1', random() < 0.1 ? 'Shipped' : null]);
			const fate = random();
			// A whole order refunded on its own row, a cancelled order, a partial refund.
			if (fate < 0.08) rows.push([customer, stamp, rows[rows.length - 1][2], order, rows[rows.length - 1][4], ' REFUNDED ']);
			else if (fate < 0.12) rows.push([customer, stamp, '30', order, '1', 'cancelled']);
			else if (fate < 0.16) rows.push([customer, stamp, '-5.00', order, '1', null]);
			else if (fate < 0.18) rows.push([customer, stamp, '99', null, '1', 'return']);
		}
	}
	// Dirty rows the node refuses: no customer, unreadable dates, amounts and quantities.
	rows.push(
		[null, '2024-03-01', '10', 'x1', '1', null],
		['   ', '2024-03-01', '10', 'x2', '1', null],
		['cust-1', 'n/a', '10', 'x3', '1', null],
		['cust-1', '2024-02-30', '10', 'x4', '1', null],
		['cust-1', '2024-13-01T00:00:00Z', '10', 'x5', '1', null],
		['cust-1', '45292', '10', 'x6', '1', null],
		['cust-1', '2024-03-01T25:00:00Z', '10', 'x7', '1', null],
		['cust-2', '2024-03-01', '1,234.00', 'x8', '1', null],
		['cust-2', '2024-03-01', '$12', 'x9', '1', null],
		['cust-2', '2024-03-01', 'abc', 'x10', '1', null],
		['cust-2', '2024-03-01', null, 'x11', '1', null],
		['cust-2', '2024-03-01', '10', 'x12', 'two', null],
		['cust-2', '', '10', 'x13', '1', null],
		['cust-3', '2023-01-01', '10', 'x14', '1', null],
		['cust-3', '2030-01-01', '10', 'x15', '1', null],
		['cust-new', '2023-06-01', '15', '', '1', 'void'],
	);
	return rows;
}

describe('Compute RFM SQL in PostgreSQL', () => {
	let db: TestDatabase;
	const schema = uniqueSchema('wh_rfm');
	const rows = transactions();
	let items: IDataObject[];

	beforeAll(async () => {
		db = await connectTestDatabase();
		await db.client.query(`CREATE SCHEMA ${schema}`);
		await db.client.query(`CREATE TABLE ${schema}."Orders" ("Customer" text, ordered_at text, amount text, order_id text, qty text, status text)`);
		await db.client.query(`INSERT INTO ${schema}."Orders" SELECT * FROM json_to_recordset($1::json) AS r("Customer" text, ordered_at text, amount text, order_id text, qty text, status text)`, [
			JSON.stringify(rows.map(([Customer, ordered_at, amount, order_id, qty, status]) => ({ Customer, ordered_at, amount, order_id, qty, status }))),
		]);
		items = (await db.client.query(`SELECT * FROM ${schema}."Orders"`)).rows as IDataObject[];
	});

	afterAll(async () => {
		if (!db) return;
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await db.close();
	});

	const nodeParameters = (options: IDataObject) => ({
		customerIdField: 'Customer',
		timestampField: 'ordered_at',
		amountField: 'amount',
		orderIdField: 'order_id',
		options: { quantityField: 'qty', statusField: 'status', ...options },
	});
	const sqlOptions = (table: string, target: string, options: Partial<RfmSqlOptions>): RfmSqlOptions => ({
		dialect: 'postgres',
		sourceTable: `${schema}.${table}`,
		targetTable: `${schema}.${target}`,
		customerIdColumn: 'Customer',
		timestampColumn: 'ordered_at',
		amountColumn: 'amount',
		orderIdColumn: 'order_id',
		quantityColumn: 'qty',
		statusColumn: 'status',
		...options,
	});

	async function compare(label: string, nodeOptions: IDataObject, options: Partial<RfmSqlOptions>) {
		const node = await executeNode(new ComputeRfm(), { parameters: nodeParameters(nodeOptions), inputs: [items], continueOnFail: true });
		const customers = node.outputs[0].filter((item) => item.json.customerId !== undefined).map((item) => item.json);
		const summary = node.outputs[1][0].json;
		const target = `rfm_${label}`;
		const results = await runPlan(db.client, rfmSql(sqlOptions('"Orders"'.replace(/"/g, ''), target, options)));
		const [report] = results.report;
		expect(report.computed).toBe(true);
		expect(Number(report.unverified_rows)).toBe(0);
		expect(Number(report.rows)).toBe(summary.rows);
		expect(Number(report.bad_rows)).toBe(summary.badRows);
		expect(Number(report.cancelled_rows)).toBe(summary.cancelledRows);
		expect(Number(report.return_rows)).toBe(summary.returnRows);
		expect(Number(report.outside_window_rows)).toBe(summary.outsideWindowRows);
		expect(new Date(Number(report.as_of_ms)).toISOString()).toBe(summary.asOf);
		const table = (await db.client.query(`SELECT * FROM ${schema}.${target}`)).rows;
		expect(table.length).toBe(customers.length);
		const byId = new Map(table.map((row) => [row.customer_id, row]));
		const problems: string[] = [];
		for (const c of customers) {
			const row = byId.get(c.customerId);
			if (!row) {
				problems.push(`${String(c.customerId)}: missing`);
				continue;
			}
			const got = {
				recencyDays: row.recency_days === null ? null : Number(row.recency_days),
				frequency: Number(row.frequency),
				monetary: Number(Number(row.monetary).toFixed(4)),
				rScore: row.r_score,
				fScore: row.f_score,
				mScore: row.m_score,
				rfm: row.rfm,
				segment: row.segment,
			};
			const want = { recencyDays: c.recencyDays, frequency: c.frequency, monetary: c.monetary, rScore: c.rScore, fScore: c.fScore, mScore: c.mScore, rfm: c.rfm, segment: c.segment };
			if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${String(c.customerId)}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
		}
		expect(problems).toEqual([]);
		const segments = Object.fromEntries(results.segments.map((s) => [s.segment, Number(s.customers)]));
		const expected = Object.fromEntries((summary.segments as IDataObject[]).filter((s) => Number(s.customers) > 0).map((s) => [s.segment, s.customers]));
		expect(segments).toEqual(expected);
		return { summary, customers };
	}

	it('quintiles with ties, refunds, statuses and dirty rows: the node\'s scores for every customer', async () => {
		const { summary, customers } = await compare('default', {}, {});
		// The data exercises what it claims to.
		expect(summary.badRows).toBeGreaterThanOrEqual(13);
		expect(summary.cancelledRows).toBeGreaterThan(5);
		expect(summary.returnRows).toBeGreaterThan(5);
		expect(new Set(customers.map((c) => c.segment)).size).toBeGreaterThan(6);
		expect(customers.some((c) => c.segment === 'No Purchases')).toBe(true);
	});

	it('a window, an as-of date, average order value, day-first dates and other decimals', async () => {
		await compare('window', { asOf: '2024-11-15', windowDays: 200.5, monetary: 'average', currencyDecimals: 0, dateOrder: 'DMY' }, {
			asOf: '2024-11-15',
			windowDays: 200.5,
			monetary: 'average',
			currencyDecimals: 0,
			dateOrder: 'DMY',
		});
	});

	it('cut points, transactions as purchases, custom statuses', async () => {
		await compare(
			'cuts',
			{ frequency: 'transactions', cutPoints: { values: { recency: '30,90,180,270', frequency: '2,3,5,8', monetary: '20,50,100,200.5' } }, cancelledStatuses: 'shipped', returnedStatuses: 'refunded, Return' },
			{
				frequency: 'transactions',
				cutPoints: { recency: [30, 90, 180, 270], frequency: [2, 3, 5, 8], monetary: [20, 50, 100, 200.5] },
				cancelledStatuses: ['shipped'],
				returnedStatuses: ['refunded', ' Return'],
			},
		);
	});

	it('typed columns (bigint IDs, timestamptz in another session zone, numeric amounts): the node\'s scores on the rows pg returns', async () => {
		await db.client.query(`SET TIME ZONE 'Asia/Kolkata'`);
		try {
			await db.client.query(`CREATE TABLE ${schema}.typed AS
				SELECT (1000 + i % 300)::bigint AS "Customer",
				       timestamptz '2024-01-01 00:00:00+00' + make_interval(mins => (i * 7919) % 525600) AS ordered_at,
				       round(((i * 37) % 20000 / 100.0)::numeric, 2) AS amount,
				       'o' || (i / 2) AS order_id, CASE WHEN i % 17 = 0 THEN 2 ELSE 1 END AS qty,
				       CASE WHEN i % 23 = 0 THEN 'Refunded' WHEN i % 29 = 0 THEN 'void' END AS status
				FROM generate_series(1, 2000) AS i`);
			const typed = (await db.client.query(`SELECT * FROM ${schema}.typed`)).rows as IDataObject[];
			expect(typed[0].ordered_at).toBeInstanceOf(Date);
			const node = await executeNode(new ComputeRfm(), { parameters: nodeParameters({}), inputs: [typed], continueOnFail: true });
			const customers = node.outputs[0].map((item) => item.json);
			const results = await runPlan(db.client, rfmSql(sqlOptions('typed', 'typed_rfm', {})));
			expect(results.report[0]).toMatchObject({ computed: true, bad_rows: '0' });
			const table = new Map((await db.client.query(`SELECT * FROM ${schema}.typed_rfm`)).rows.map((row) => [row.customer_id, row]));
			expect(table.size).toBe(customers.length);
			const different = customers.filter((c) => {
				const row = table.get(c.customerId);
				return !row || row.rfm !== c.rfm || row.segment !== c.segment || Number(row.recency_days) !== c.recencyDays;
			});
			expect(different).toEqual([]);
		} finally {
			await db.client.query('RESET TIME ZONE');
		}
	});

	it('counts an order refunded line by line (doubles net to 3.5e-15) as no purchase, as the node does', async () => {
		const table = 'netted';
		await db.client.query(`DROP TABLE IF EXISTS ${schema}.${table}`);
		await db.client.query(`CREATE TABLE ${schema}.${table} AS SELECT * FROM ${schema}."Orders" WHERE false`);
		const lines: Array<[string, string, string, string]> = [
			['refunder', '2024-01-01', '10.10', 'r1'], ['refunder', '2024-01-01', '9.89', 'r1'], ['refunder', '2024-05-01', '-19.99', 'r1'], ['refunder', '2024-02-01', '25', 'r2'],
			['tiny', '2024-03-01', '0.004', 't1'], ['buyer', '2024-04-01', '12', 'b1'],
		];
		for (const [customer, at, amount, order] of lines) {
			await db.client.query(`INSERT INTO ${schema}.${table} ("Customer", ordered_at, amount, order_id, qty, status) VALUES ($1, $2, $3, $4, '1', '')`, [customer, at, amount, order]);
		}
		const rows = (await db.client.query(`SELECT * FROM ${schema}.${table}`)).rows as IDataObject[];
		const node = await executeNode(new ComputeRfm(), { parameters: nodeParameters({}), inputs: [rows], continueOnFail: true });
		const byId = new Map(node.outputs[0].map((item) => [item.json.customerId, item.json]));
		expect(byId.get('refunder')?.frequency).toBe(1);
		await runPlan(db.client, rfmSql(sqlOptions(table, `${table}_rfm`, {})));
		const scored = new Map((await db.client.query(`SELECT * FROM ${schema}.${table}_rfm`)).rows.map((row) => [row.customer_id, row]));
		expect(Number(scored.get('refunder')?.frequency)).toBe(1);
		// 0.004 rounds to no cent: no purchase in either.
		expect(Number(scored.get('tiny')?.frequency ?? 0)).toBe(0);
		expect(byId.get('tiny')?.frequency ?? 0).toBe(0);
	});

	it('reads customer IDs as every node does (readPresentKey): a tab around one, 1001.0 as 1001, N/A as no customer', async () => {
		const table = 'keys';
		await db.client.query(`DROP TABLE IF EXISTS ${schema}.${table}`);
		await db.client.query(`CREATE TABLE ${schema}.${table} AS SELECT * FROM ${schema}."Orders"`);
		for (const [customer, order] of [[' \tcust-1', 'k1'], ['1001.0', 'k2'], ['1001', 'k3'], ['N/A', 'k4']]) {
			await db.client.query(`INSERT INTO ${schema}.${table} ("Customer", ordered_at, amount, order_id, qty, status) VALUES ($1, '2024-03-15', '10', $2, '1', '')`, [customer, order]);
		}
		const rows = (await db.client.query(`SELECT * FROM ${schema}.${table}`)).rows as IDataObject[];
		const node = await executeNode(new ComputeRfm(), { parameters: nodeParameters({}), inputs: [rows], continueOnFail: true });
		const customers = node.outputs[0].filter((item) => item.json.customerId !== undefined && !item.json.error).map((item) => item.json);
		const results = await runPlan(db.client, rfmSql(sqlOptions(table, `${table}_rfm`, {})));
		expect(results.report[0]).toMatchObject({ computed: true });
		const scored = new Map((await db.client.query(`SELECT * FROM ${schema}.${table}_rfm`)).rows.map((row) => [row.customer_id, row]));
		expect(scored.get('cust-1')).toBeDefined();
		expect(Number(scored.get('1001')?.frequency)).toBe(2);
		expect(scored.has('N/A')).toBe(false);
		expect(customers.find((c) => c.customerId === '1001')?.frequency).toBe(2);
		expect(scored.size).toBe(customers.length);
	});

	it.each([
		['a month name', 'ordered_at', '15 Mar 2024'],
		['AM/PM', 'ordered_at', '2024-03-15 10:30 PM'],
		['a tab before the date', 'ordered_at', '\t2024-03-15'],
		['a decimal epoch', 'ordered_at', '1710498600.5'],
		['a no-break space after the amount', 'amount', '12.50\u00a0'],
		['a tab around the status', 'status', 'cancelled\t'],
	])('fails closed on %s: nothing scored, the row counted as unverified', async (_name, column, value) => {
		const table = `odd_${column.toLowerCase()}`;
		await db.client.query(`DROP TABLE IF EXISTS ${schema}.${table}`);
		await db.client.query(`CREATE TABLE ${schema}.${table} AS SELECT * FROM ${schema}."Orders"`);
		const values: Record<string, string> = { Customer: 'cust-x', ordered_at: '2024-03-15', amount: '10', order_id: 'odd', qty: '1', status: '' };
		values[column] = value;
		await db.client.query(`INSERT INTO ${schema}.${table} ("Customer", ordered_at, amount, order_id, qty, status) VALUES ($1, $2, $3, $4, $5, $6)`, [
			values.Customer, values.ordered_at, values.amount, values.order_id, values.qty, values.status,
		]);
		const results = await runPlan(db.client, rfmSql(sqlOptions(table, `${table}_rfm`, {})));
		expect(results.report[0]).toMatchObject({ computed: false });
		expect(Number(results.report[0].unverified_rows)).toBe(1);
		expect(results.segments).toEqual([]);
	});
});
