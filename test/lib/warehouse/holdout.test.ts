// Split Holdout's generated SQL assigns every key exactly as the node does, in PostgreSQL.
import { armSql, assignKey, holdoutKey, planHoldout, randomizationKey, treatmentControlArms, type HoldoutPlan } from '../../../lib/holdout';
import { holdoutSql } from '../../../lib/warehouse';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../../helpers/postgres';
import { runPlan } from './pg';

jest.setTimeout(180_000);

const keys = Array.from({ length: 3000 }, (_, i) =>
	i % 5 === 0 ? `cust-${i}` : i % 5 === 1 ? `user${i}@example.com` : i % 5 === 2 ? `Zoë Ünal ${i} 日本` : i % 5 === 3 ? `o'brien-${i} 😀` : String(100000 + i),
);

describe('Split Holdout SQL in PostgreSQL', () => {
	let db: TestDatabase;
	const schema = uniqueSchema('wh_holdout');

	beforeAll(async () => {
		db = await connectTestDatabase();
		await db.client.query(`CREATE SCHEMA ${schema}`);
		await db.client.query(`CREATE TABLE ${schema}."Customers" ("customer Id" text, household_id text)`);
		await db.client.query(
			`INSERT INTO ${schema}."Customers" SELECT k, CASE WHEN n % 3 = 0 THEN 'hh-' || (n % 400) END FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n)`,
			[keys.map((k, i) => (i % 50 === 7 ? `  ${k} ` : k))],
		);
		await db.client.query(`INSERT INTO ${schema}."Customers" VALUES (NULL, 'hh-1'), ('   ', NULL)`);
	});

	afterAll(async () => {
		if (!db) return;
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await db.close();
	});

	const plans: Array<[string, HoldoutPlan]> = [
		['md5 treatment/control', planHoldout({ salt: "spring's sale", arms: treatmentControlArms(10) })],
		[
			'md5 multi-arm + global',
			planHoldout({
				salt: 'multi',
				arms: [
					{ name: 'control', weight: 2 },
					{ name: "it's a", weight: 3 },
					{ name: 'b', weight: 5 },
				],
				globalHoldout: { salt: 'global', percent: 5 },
			}),
		],
		['growthbook treatment/control', planHoldout({ salt: 'gb-seed', hashMode: 'growthbook', arms: treatmentControlArms(20) })],
		[
			'growthbook multi-arm + global',
			planHoldout({
				salt: 'gb ünïcode',
				hashMode: 'growthbook',
				arms: [
					{ name: 'control', weight: 1 },
					{ name: 'a', weight: 1 },
					{ name: 'b', weight: 1 },
				],
				globalHoldout: { salt: 'global', percent: 7.5 },
			}),
		],
	];

	it.each(plans)('%s: every customer in the same arm and bucket as the node', async (_name, plan) => {
		for (const household of [false, true]) {
			const generated = holdoutSql(plan, {
				dialect: 'postgres',
				sourceTable: `${schema}.Customers`,
				customerKeyColumn: 'customer Id',
				householdColumn: household ? 'household_id' : undefined,
				targetTable: `${schema}.assignments`,
			});
			const results = await runPlan(db.client, generated);
			const { rows } = await db.client.query<{ customer_key: string; randomized_on?: string; bucket: string; arm: string; global_holdout: boolean }>(
				`SELECT * FROM ${schema}.assignments`,
			);
			const { rows: source } = await db.client.query<{ k: string; h: string | null }>(`SELECT "customer Id" AS k, household_id AS h FROM ${schema}."Customers"`);
			const expected = new Map<string, { arm: string; bucket: number; globalHoldout: boolean }>();
			for (const row of source) {
				const key = row.k?.trim();
				if (!key) continue;
				// As the node does: the household randomizes, the customer's own key decides the global holdout.
				const unit = randomizationKey(key, row.h?.trim() || undefined, household ? 'household' : 'customer');
				const assignment = assignKey(plan, unit.key, unit.globalKey);
				expected.set(key, { arm: assignment.arm, bucket: assignment.bucket, globalHoldout: assignment.globalHoldout });
			}
			expect(rows).toHaveLength(expected.size);
			expect(expected.size).toBe(keys.length);
			const mismatches = rows.filter((row) => {
				const want = expected.get(row.customer_key)!;
				return !want || want.arm !== row.arm || want.bucket !== Number(row.bucket) || want.globalHoldout !== row.global_holdout;
			});
			expect(mismatches).toEqual([]);
			const counts = new Map<string, number>();
			for (const want of expected.values()) counts.set(want.arm, (counts.get(want.arm) ?? 0) + 1);
			expect(Object.fromEntries(results.counts.map((row) => [row.arm, Number(row.n)]))).toEqual(Object.fromEntries(counts));
		}
	});

	// Keys as a text column holds them (red-team bench/adversarial/holdout.ts): the SQL reads them as
	// the node does (holdoutKey: trimmed of every JavaScript space, 1001.0 as 1001, markers no key).
	it('Generate SQL and the documented armSql give the node\'s arm for keys as a text column holds them', async () => {
		const raw = [' C-2001', 'C-2002 ', 'C-2003\t', ' 1001', '1001.0', '+1001.00', '-7.0', '1e3', '0012', '12.50', '\u00a0C-2005\u3000', '\ufeffC-2006', 'C-2007\r\n', 'Zoë Ünal', '１００１', '1001\u200b', '\u200e C-2008 \u200f', 'ＩＤ－７', "o'brien＇", 'Ｃ＂１＂', '[]', ' {} ', "''", 'N/A', 'null', '#n/a', '', '  '];
		await db.client.query(`CREATE TABLE ${schema}.raw_keys (customer_id text)`);
		await db.client.query(`INSERT INTO ${schema}.raw_keys SELECT unnest($1::text[])`, [raw]);
		for (const salt of ['spring-2026', 'summer-2026', 'fall-2026', 'winter-2026', 'x', 'y', 'z']) {
			const plan = planHoldout({ salt, arms: treatmentControlArms(50) });
			const node = (key: string) => {
				const k = holdoutKey(key);
				return k === undefined ? null : assignKey(plan, k).arm;
			};
			const { rows: documented } = await db.client.query<{ customer_id: string; arm: string | null }>(
				`SELECT customer_id, ${armSql(plan, 'customer_id', 'postgres')} AS arm FROM ${schema}.raw_keys`,
			);
			expect(documented.map((row) => [row.customer_id, row.arm])).toEqual(raw.map((key) => [key, node(key)]));
			await runPlan(db.client, holdoutSql(plan, { dialect: 'postgres', sourceTable: `${schema}.raw_keys`, customerKeyColumn: 'customer_id', targetTable: `${schema}.raw_assign` }));
			const { rows } = await db.client.query<{ customer_key: string; arm: string }>(`SELECT customer_key, arm FROM ${schema}.raw_assign`);
			const expected = new Map(raw.filter((key) => holdoutKey(key) !== undefined).map((key) => [holdoutKey(key)!, node(key)]));
			expect(new Map(rows.map((row) => [row.customer_key, row.arm]))).toEqual(expected);
			// GrowthBook mode hashes the same key text.
			const gb = planHoldout({ salt, hashMode: 'growthbook', arms: treatmentControlArms(50) });
			await runPlan(db.client, holdoutSql(gb, { dialect: 'postgres', sourceTable: `${schema}.raw_keys`, customerKeyColumn: 'customer_id', targetTable: `${schema}.raw_assign_gb` }));
			const { rows: gbRows } = await db.client.query<{ customer_key: string; arm: string }>(`SELECT customer_key, arm FROM ${schema}.raw_assign_gb`);
			const gbExpected = new Map(raw.filter((key) => holdoutKey(key) !== undefined).map((key) => [holdoutKey(key)!, assignKey(gb, holdoutKey(key)!).arm]));
			expect(new Map(gbRows.map((row) => [row.customer_key, row.arm]))).toEqual(gbExpected);
		}
	});

	it('binds the salt and arm names: none of them appears in the SQL text', () => {
		const generated = holdoutSql(plans[1][1], { dialect: 'postgres', sourceTable: 'c', customerKeyColumn: 'id', targetTable: 't' });
		const text = generated.statements.map((s) => s.sql).join('\n');
		expect(text).not.toMatch(/multi|it''s a|global:/);
		expect(generated.statements.find((s) => s.name === 'assign')!.parameters).toEqual(expect.arrayContaining(['multi:', 'global:', "it's a", 'global_holdout']));
	});
});
