// Measure Lift's generated statistics query, run in PostgreSQL, gives the node (aggregated input)
// the same statistics and the same results as the node computes from the customer rows.
import type { IDataObject } from 'n8n-workflow';
import { MeasureLift } from '../../../nodes/MeasureLift/MeasureLift.node';
import { liftSql, LIFT_SQL_COLUMNS } from '../../../lib/warehouse';
import { ALL_SEGMENTS, mean, sampleVariance, StatsAccumulator } from '../../../lib/lift';
import { seededRandom } from '../../../lib/stats/random';
import { executeNode } from '../../helpers/executeNode';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../../helpers/postgres';
import { runPlan } from './pg';

jest.setTimeout(120_000);

// Results derive from differences of means near 1e6 (lift x n for `incremental`), so they agree to
// 1e-8 relative; the statistics themselves are compared to 1e-9 below.
function close(actual: unknown, expected: unknown, path: string, problems: string[]): void {
	if (typeof expected === 'number' && typeof actual === 'number') {
		const scale = Math.max(1, Math.abs(expected));
		if (!(Math.abs(actual - expected) <= 1e-8 * scale) && !(Number.isNaN(actual) && Number.isNaN(expected))) problems.push(`${path}: ${actual} vs ${expected}`);
	} else if (expected && typeof expected === 'object') {
		for (const key of Object.keys(expected)) close((actual as IDataObject)?.[key], (expected as IDataObject)[key], `${path}.${key}`, problems);
	} else if (actual !== expected) problems.push(`${path}: ${String(actual)} vs ${String(expected)}`);
}

describe('Measure Lift SQL in PostgreSQL', () => {
	let db: TestDatabase;
	const schema = uniqueSchema('wh_lift');
	const random = seededRandom(7);
	const rows = Array.from({ length: 3000 }, (_, i) => {
		const arm = i % 3 === 0 ? 'control' : i % 3 === 1 ? 'treatment' : 'variant b';
		const pre = 1e6 + random() * 50;
		const converted = random() < (arm === 'control' ? 0.1 : 0.14);
		return { arm, tier: i % 4 === 0 ? null : i % 2 === 0 ? 'gold' : 'silver', converted, revenue: pre + (converted ? 20 : 0) + random() * 10, pre_revenue: pre };
	});

	beforeAll(async () => {
		db = await connectTestDatabase();
		await db.client.query(`CREATE SCHEMA ${schema}`);
		await db.client.query(`CREATE TABLE ${schema}.outcomes ("Arm" text, tier text, converted boolean, revenue float8, pre_revenue float8)`);
		await db.client.query(
			`INSERT INTO ${schema}.outcomes SELECT * FROM json_to_recordset($1::json) AS r("Arm" text, tier text, converted boolean, revenue float8, pre_revenue float8)`,
			[JSON.stringify(rows.map((r) => ({ Arm: r.arm, tier: r.tier, converted: r.converted, revenue: r.revenue, pre_revenue: r.pre_revenue })))],
		);
	});

	afterAll(async () => {
		if (!db) return;
		await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await db.close();
	});

	const metrics = [
		{ field: 'converted', kind: 'binary' },
		{ field: 'revenue', kind: 'continuous', covariateField: 'pre_revenue' },
	];
	const common = { controlArm: 'control', metrics: { metric: metrics } };

	it.each([
		['without segments or CUPED', false, false],
		['with segments and CUPED', true, true],
	])('%s: the same statistics and results as the node on the rows', async (_name, segments, cuped) => {
		const plan = liftSql({
			dialect: 'postgres',
			sourceTable: `${schema}.outcomes`,
			armColumn: 'Arm',
			segmentColumn: segments ? 'tier' : undefined,
			cuped,
			metrics: metrics.map((m) => ({ name: m.field, kind: m.kind as 'binary' | 'continuous', covariateColumn: m.covariateField })),
		});
		const { statistics } = await runPlan(db.client, plan);
		expect(statistics.length).toBe(3 * 2 * (segments ? 3 : 1));

		// The statistics: the node's accumulator over the rows vs the SQL rows, added the node's way.
		const fromRows = new StatsAccumulator();
		const fromSql = new StatsAccumulator();
		for (const row of rows) {
			for (const segment of segments ? [ALL_SEGMENTS, row.tier ?? '(none)'] : [ALL_SEGMENTS]) {
				fromRows.addObservation(segment, row.arm, 'converted', row.converted ? 1 : 0, 0);
				fromRows.addObservation(segment, row.arm, 'revenue', row.revenue, cuped ? row.pre_revenue : 0);
			}
		}
		for (const row of statistics) {
			const stats = {
				n: Number(row.n),
				sum: Number(row.sum),
				sumSquares: Number(row.sum_squares),
				shift: Number(row.shift),
				covariateSum: Number(row.covariate_sum ?? 0),
				covariateSumSquares: Number(row.covariate_sum_squares ?? 0),
				crossSum: Number(row.cross_sum ?? 0),
				covariateShift: Number(row.covariate_shift ?? 0),
			};
			for (const segment of segments ? [ALL_SEGMENTS, String(row.segment)] : [ALL_SEGMENTS]) fromSql.addAggregate(segment, String(row.arm), String(row.metric), stats);
		}
		let cells = 0;
		for (const segment of fromRows.segments()) {
			for (const arm of fromRows.arms(segment)) {
				for (const metric of ['converted', 'revenue']) {
					const a = fromRows.get(segment, arm, metric)!;
					const b = fromSql.get(segment, arm, metric)!;
					expect(b.n).toBe(a.n);
					expect(Math.abs(mean(b) - mean(a))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(mean(a))));
					expect(Math.abs(sampleVariance(b) - sampleVariance(a))).toBeLessThanOrEqual(1e-9 * Math.max(1, sampleVariance(a)));
					cells++;
				}
			}
		}
		expect(cells).toBe(statistics.length + (segments ? 6 : 0));

		// The results: Measure Lift on the SQL rows vs Measure Lift on the customer rows.
		const options = { cuped, ...(segments ? { segmentField: 'tier' } : {}) };
		const onRows = await executeNode(new MeasureLift(), {
			parameters: { ...common, armField: 'arm', options },
			inputs: [rows as unknown as IDataObject[]],
		});
		const onSql = await executeNode(new MeasureLift(), {
			parameters: {
				...common,
				inputFormat: 'aggregated',
				armField: LIFT_SQL_COLUMNS.arm,
				shiftField: LIFT_SQL_COLUMNS.shift,
				covariateSumField: LIFT_SQL_COLUMNS.covariateSum,
				covariateSumSquaresField: LIFT_SQL_COLUMNS.covariateSumSquares,
				crossSumField: LIFT_SQL_COLUMNS.crossSum,
				covariateShiftField: LIFT_SQL_COLUMNS.covariateShift,
				options: { cuped, ...(segments ? { segmentField: LIFT_SQL_COLUMNS.segment } : {}) },
			},
			inputs: [statistics as IDataObject[]],
		});
		const expected = onRows.outputs[0].map((item) => item.json);
		const actual = onSql.outputs[0].map((item) => item.json);
		expect(actual.length).toBe(expected.length);
		const problems: string[] = [];
		const keyOf = (json: IDataObject) => `${String(json.segment)} / ${String(json.arm)} / ${String(json.metric)}`;
		const byKey = new Map(actual.map((json) => [keyOf(json), json]));
		expected.forEach((json) => close(byKey.get(keyOf(json)), json, keyOf(json), problems));
		expect(problems).toEqual([]);
		if (cuped) expect(actual.filter((json) => json.metric === 'revenue').every((json) => typeof (json.cuped as IDataObject)?.theta === 'number')).toBe(true);
	});
});
