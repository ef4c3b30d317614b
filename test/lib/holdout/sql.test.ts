// The SQL in the node's documentation reproduces the node's md5 assignment in PostgreSQL.
// It runs against DATABASE_URL when set, else PostgreSQL on 127.0.0.1:5432 when it answers
// (trust auth, user postgres), else a throwaway embedded PostgreSQL started by the test.
import { armSql, assignKey, bucketOf, planHoldout, treatmentControlArms } from '../../../lib/holdout';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../../helpers/postgres';

jest.setTimeout(120_000);

describe('holdout SQL parity in PostgreSQL', () => {
	let db: TestDatabase;
	const schema = uniqueSchema('holdout_sql');

	beforeAll(async () => {
		db = await connectTestDatabase();
		await db.client.query(`CREATE SCHEMA ${schema}`);
		await db.client.query(`CREATE TABLE ${schema}.customers (customer_id text PRIMARY KEY)`);
		// Keys of mixed shapes: ids, emails, non-ASCII names, quotes.
		const keys = Array.from({ length: 10000 }, (_, i) =>
			i % 4 === 0 ? `cust-${i}` : i % 4 === 1 ? `user${i}@example.com` : i % 4 === 2 ? `Zoë Ünal ${i} 日本` : `o'brien-${i}`,
		);
		await db.client.query(`INSERT INTO ${schema}.customers SELECT unnest($1::text[])`, [keys]);
	});

	afterAll(async () => {
		if (!db) return;
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await db.close();
	});

	it('assigns 10,000 keys exactly as the node does, with and without a global holdout', async () => {
		const plans = [
			planHoldout({ salt: "spring's sale", arms: treatmentControlArms(10) }),
			planHoldout({
				salt: 'multi',
				arms: [
					{ name: 'control', weight: 2 },
					{ name: 'creative_a', weight: 3 },
					{ name: 'creative_b', weight: 5 },
				],
				globalHoldout: { salt: 'global', percent: 5 },
			}),
		];
		for (const plan of plans) {
			const { rows } = await db.client.query<{ customer_id: string; arm: string }>(
				`SELECT customer_id, ${armSql(plan, 'customer_id', 'postgres')} AS arm FROM ${schema}.customers`,
			);
			expect(rows).toHaveLength(10000);
			const mismatches = rows.filter((row) => assignKey(plan, row.customer_id).arm !== row.arm);
			expect(mismatches).toEqual([]);
		}
	});

	it('computes the same bucket', async () => {
		const { rows } = await db.client.query<{ customer_id: string; bucket: string }>(
			`SELECT customer_id, (('x' || substr(md5('s:' || customer_id), 1, 8))::bit(32)::bigint % 10000) AS bucket FROM ${schema}.customers LIMIT 2000`,
		);
		for (const row of rows) expect(Number(row.bucket)).toBe(bucketOf('s', row.customer_id, 'md5'));
	});
});
