// Resolve Identity's deterministic rules as generated SQL, run in PostgreSQL: the same customers as
// the node on named records where no identifier value is held by two people (chains through email, phone
// and a CRM ID, placeholders, role mailboxes, values over the cap, keys as exports write them), and
// never two people joined where the node keeps them apart (household data with family mailboxes
// and landlines). The text in BigQuery and Snowflake parses with their grammars.
import { householdData } from '../../../bench/households-data';
import { resolveIdentity, type IdentityInput } from '../../../lib/identity';
import { identitySql, SqlGenerationError } from '../../../lib/warehouse';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../../helpers/postgres';
import { parseWith } from './parse';
import { runPlan } from './pg';

jest.setTimeout(120_000);

interface Row {
	id: string;
	email: string | null;
	phone: string | null;
	crm_id: string | null;
	first_name: string | null;
	last_name?: string | null;
	dob?: string | null;
}

/** One person per group: the records link only through values this person alone holds. */
function chainRecords(): Row[] {
	const rows: Row[] = [];
	const names = ['Ann', 'Bob', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo'];
	for (let p = 0; p < 120; p++) {
		const first = names[p % names.length];
		const email = `${first.toLowerCase()}.${p}@gmail.com`;
		const phone = `+1 415 ${String(200 + p).padStart(3, '0')} ${String(1000 + p * 7).slice(-4)}`;
		const crm = `CRM-${p}`;
		// A chain: email -> phone -> CRM ID, each link written another way.
		rows.push({ id: `crm:${p}`, email: p % 3 === 0 ? `${first.toUpperCase()}.${p}+news@Gmail.com` : email, phone, crm_id: crm, first_name: first });
		rows.push({ id: `esp:${p}`, email: email.replace('.', ''), phone: null, crm_id: null, first_name: p % 4 === 0 ? first.toUpperCase() : first });
		// Known only by the mailbox: SQL cannot tell whose it is (the node reads the mailbox name).
		if (p % 10 === 0) rows.push({ id: `nameless:${p}`, email, phone: null, crm_id: null, first_name: null });
		rows.push({ id: `shop:${p}`, email: null, phone: `(415) ${String(200 + p).padStart(3, '0')}-${String(1000 + p * 7).slice(-4)}`, crm_id: null, first_name: first });
		if (p % 2 === 0) rows.push({ id: `loyalty:${p}`, email: null, phone: null, crm_id: p % 4 === 0 ? `${crm}.0`.replace('CRM-', '') : ` ${crm} `, first_name: null });
	}
	// Values that link nobody: placeholders, a role mailbox, fake numbers, a value over the cap.
	for (let k = 0; k < 6; k++) {
		rows.push({ id: `junk:${k}`, email: ['n/a', 'test@test.com', 'info@shop.example', '#N/A', 'noemail@gmail.com', 'none'][k], phone: ['000-000-0000', '555-555-5555', '123-456-7890', '+1 415 555 0100', 'n/a', '1111111111'][k], crm_id: ['0', 'N/A', '-', 'xxxxx', 'null', 'unknown'][k], first_name: 'Zed' });
	}
	for (let k = 0; k < 60; k++) rows.push({ id: `bulk:${k}`, email: 'orders@bulk.example', phone: null, crm_id: 'SHARED-1', first_name: null });
	return rows;
}

function nodeInput(rows: Row[]): IdentityInput[] {
	return rows.map((r) => ({ key: r.id, email: r.email ?? undefined, phone: r.phone ?? undefined, firstName: r.first_name ?? undefined, ids: r.crm_id === null ? undefined : { crm_id: r.crm_id } }));
}

/** Each record's group as a canonical partition: the sorted keys of its group. */
function partition(keys: string[], groupOf: (key: string) => string): Map<string, string> {
	const members = new Map<string, string[]>();
	for (const key of keys) {
		const g = groupOf(key);
		members.set(g, [...(members.get(g) ?? []), key]);
	}
	const out = new Map<string, string>();
	for (const list of members.values()) for (const key of list) out.set(key, [...list].sort().join(' '));
	return out;
}

describe('Resolve Identity SQL in PostgreSQL', () => {
	let db: TestDatabase;
	const schema = uniqueSchema('wh_identity');

	beforeAll(async () => {
		db = await connectTestDatabase();
		await db.client.query(`CREATE SCHEMA ${schema}`);
	});

	afterAll(async () => {
		if (!db) return;
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await db.close();
	});

	async function customers(table: string, rows: Row[], options: { passes?: number; firstName?: boolean } = {}): Promise<{ keyOf: Map<string, string>; summary: Record<string, unknown> }> {
		await db.client.query(`CREATE TABLE ${schema}.${table} (id text, email text, phone text, crm_id text, first_name text, last_name text, dob text)`);
		await db.client.query(`INSERT INTO ${schema}.${table} SELECT * FROM json_to_recordset($1::json) AS r(id text, email text, phone text, crm_id text, first_name text, last_name text, dob text)`, [JSON.stringify(rows)]);
		const plan = identitySql({
			dialect: 'postgres',
			sourceTable: `${schema}.${table}`,
			targetTable: `${schema}.${table}_customers`,
			recordKeyColumn: 'id',
			emailColumn: 'email',
			phoneColumn: 'phone',
			idColumns: ['crm_id'],
			firstNameColumn: options.firstName === false ? undefined : 'first_name',
			lastNameColumn: 'last_name',
			birthDateColumn: 'dob',
			passes: options.passes,
			countryCode: '1',
		});
		const results = await runPlan(db.client, plan);
		const { rows: out } = await db.client.query(`SELECT record_key, customer_key FROM ${schema}.${table}_customers`);
		return { keyOf: new Map(out.map((r) => [r.record_key as string, r.customer_key as string])), summary: results.summary[0] };
	}

	it('finds the node\'s customers where every shared value is one person\'s', async () => {
		const rows = chainRecords();
		const { keyOf, summary } = await customers('chains', rows);
		const node = resolveIdentity(nodeInput(rows), { mode: 'deterministic', rules: ['id:crm_id', 'email', 'phone'], defaultRegion: 'US', runAt: '2026-01-01T00:00:00Z' });
		const nodeId = new Map(node.records.map((r) => [r.key, r.customerId]));
		const keys = rows.map((r) => r.id).filter((k) => !k.startsWith('nameless:'));
		expect(partition(keys, (k) => keyOf.get(k) as string)).toEqual(partition(keys, (k) => nodeId.get(k) as string));
		// A record with no given name on a contact point: the node links it, SQL keeps it apart (fail closed).
		expect(nodeId.get('nameless:10')).toBe(nodeId.get('crm:10'));
		expect(keyOf.get('nameless:10')).toBe('nameless:10');
		// Each person is one customer; the junk and bulk records stay apart.
		expect(new Set(['crm:5', 'esp:5', 'shop:5'].map((k) => keyOf.get(k))).size).toBe(1);
		expect(new Set(Array.from({ length: 6 }, (_, k) => keyOf.get(`junk:${k}`))).size).toBe(6);
		expect(keyOf.get('bulk:0')).not.toBe(keyOf.get('bulk:1'));
		expect(Number(summary.unsettled)).toBe(0);
		expect(Number(summary.records)).toBe(rows.length);
		expect([Number(summary.unreadable_keys), Number(summary.duplicate_key_rows)]).toEqual([0, 0]);
	});

	it('counts the source rows it leaves out: keys that cannot be read and keys used twice', async () => {
		const rows: Row[] = [
			{ id: 'a', email: 'ann@shop.io', phone: null, crm_id: null, first_name: 'Ann' },
			{ id: ' a ', email: 'ann@shop.io', phone: null, crm_id: null, first_name: 'Ann' },
			{ id: 'N/A', email: 'ann@shop.io', phone: null, crm_id: null, first_name: 'Ann' },
			{ id: '', email: 'bob@shop.io', phone: null, crm_id: null, first_name: 'Bob' },
			{ id: 'b', email: 'bob@shop.io', phone: null, crm_id: null, first_name: 'Bob' },
		];
		const { summary } = await customers('keys', rows);
		expect([Number(summary.records), Number(summary.unreadable_keys), Number(summary.duplicate_key_rows)]).toEqual([2, 2, 1]);
	});

	it('says when the passes were too few for a long chain', async () => {
		// r0 -e0- r1 -p1- r2 -e2- r3 ... : 30 links in a row.
		const rows: Row[] = Array.from({ length: 31 }, (_, k) => ({
			id: `r${String(k).padStart(2, '0')}`,
			email: k % 2 === 0 ? `link${k}@chain.io` : `link${k - 1}@chain.io`,
			phone: k % 2 === 1 ? `+1 415 300 ${String(1000 + k)}` : k > 0 ? `+1 415 300 ${String(1000 + k - 1)}` : null,
			crm_id: null,
			first_name: 'Sam',
		}));
		const few = await customers('chain_few', rows, { passes: 1 });
		expect(Number(few.summary.unsettled)).toBeGreaterThan(0);
		const enough = await customers('chain_enough', rows, { passes: 8 });
		expect(Number(enough.summary.unsettled)).toBe(0);
		expect(new Set(enough.keyOf.values()).size).toBe(1);
	});

	it('never joins two people the node keeps apart on household data (family mailboxes, landlines, coworkers)', async () => {
		const data = householdData(2000, 7);
		const rows: Row[] = data.records.map((r) => ({ id: r.key, email: (r.email as string) ?? null, phone: (r.phone as string) ?? null, crm_id: null, first_name: (r.firstName as string) ?? null, last_name: (r.lastName as string) ?? null, dob: (r.dob as string) ?? null }));
		const { keyOf } = await customers('households', rows);
		const node = resolveIdentity(data.records, { mode: 'deterministic', rules: ['email', 'phone'], defaultRegion: 'US', runAt: '2026-01-01T00:00:00Z' });
		const nodeId = new Map(node.records.map((r) => [r.key, r.customerId]));
		// Every SQL customer lies inside one node customer.
		const byCustomer = new Map<string, string[]>();
		for (const [key, customer] of keyOf) byCustomer.set(customer, [...(byCustomer.get(customer) ?? []), key]);
		let joined = 0;
		for (const members of byCustomer.values()) {
			expect(new Set(members.map((k) => nodeId.get(k))).size).toBe(1);
			if (members.length > 1) joined++;
		}
		expect(joined).toBeGreaterThan(100);
	});

	it('writes the same statements in BigQuery and Snowflake, which their grammars parse', () => {
		for (const dialect of ['bigquery', 'snowflake'] as const) {
			const plan = identitySql({ dialect, sourceTable: 'mk.records', targetTable: 'mk.customers', recordKeyColumn: 'id', emailColumn: 'email', phoneColumn: 'phone', idColumns: ['crm_id'], firstNameColumn: 'first_name', passes: 2 });
			expect(plan.statements.map((s) => s.name)).toEqual(['values', 'labels', 'pass 1', 'jump 1', 'pass 2', 'jump 2', 'summary', 'cleanup']);
			for (const statement of plan.statements) expect(statement.parameters).toEqual([]);
			for (const statement of plan.statements.filter((s) => !/^(pass|jump) /.test(s.name) && s.name !== 'cleanup')) expect(() => parseWith(dialect, statement.sql)).not.toThrow();
			// node-sql-parser's BigQuery grammar fails on every UPDATE (an internal "dbObj is not
			// defined"): there the pass's SELECT is parsed, the UPDATE ... FROM around it checked as text.
			const pass = plan.statements[2].sql;
			if (dialect === 'snowflake') for (const update of plan.statements.slice(2, 6)) expect(() => parseWith(dialect, update.sql)).not.toThrow();
			else {
				expect(pass).toMatch(/^UPDATE `mk`\.`customers` t SET `customer_key` = s\.label FROM \(\n/);
				expect(pass).toMatch(/\n\) s WHERE s\.record_key = t\.`record_key` AND s\.label < t\.`customer_key`$/);
				expect(() => parseWith(dialect, pass.slice(pass.indexOf('(') + 1, pass.lastIndexOf(')')))).not.toThrow();
			}
			// Their grammars lack DROP TABLE IF EXISTS (both warehouses have it).
			expect(plan.statements[7].sql).toBe(dialect === 'bigquery' ? 'DROP TABLE IF EXISTS `mk`.`customers_values`' : 'DROP TABLE IF EXISTS "MK"."CUSTOMERS_VALUES"');
		}
		expect(() => identitySql({ dialect: 'postgres', sourceTable: 's', targetTable: 't', recordKeyColumn: 'id' })).toThrow(SqlGenerationError);
	});
});
