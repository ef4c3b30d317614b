import hillstrom from '../fixtures/lift/hillstrom-stats.json';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { executeNode } from '../helpers/executeNode';

const node = new MeasureLift();

// 200 customers: control converts 10%, treatment 20%; revenue 5 per conversion.
const rows = Array.from({ length: 400 }, (_, i) => {
	const arm = i % 2 === 0 ? 'control' : 'treatment';
	const converted = arm === 'control' ? (i % 20 === 0 ? 1 : 0) : i % 10 === 1 ? 1 : 0;
	return { customerId: `c${i}`, holdout: { arm }, converted, revenue: converted * 5, tier: i < 200 ? 'gold' : 'silver' };
});

describe('Measure Lift node', () => {
	it('gives one item per arm and metric, paired with every row it used', async () => {
		const { outputs } = await executeNode(node, {
			parameters: {
				armField: 'holdout.arm',
				metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous' }] },
			},
			inputs: [rows],
		});
		const [items] = outputs;
		expect(items.map((i) => i.json.metric)).toEqual(['converted', 'revenue']);
		expect(items[0].json).toMatchObject({ arm: 'treatment', controlArm: 'control', n: 200, controlN: 200, value: 0.2, controlValue: 0.1, test: 'two-proportion z' });
		expect(items[0].json.absoluteLift).toBeCloseTo(0.1, 10);
		expect(items[0].json.incremental).toBeCloseTo(20, 8);
		expect(items[1].json.test).toBe('Welch t');
		expect((items[0].pairedItem as unknown[]).length).toBe(400);
	});

	it('computes Hillstrom lift from pre-aggregated statistics', async () => {
		const aggregates = Object.entries(hillstrom.arms).flatMap(([arm, metrics]) =>
			Object.entries(metrics).map(([metric, s]) => ({ segment: arm, metric, n: s.n, sum: s.sum, sum_squares: s.sumSquares })),
		);
		const { outputs } = await executeNode(node, {
			parameters: {
				inputFormat: 'aggregated',
				armField: 'segment',
				controlArm: 'No E-Mail',
				metrics: { metric: [{ field: 'visit', kind: 'binary' }, { field: 'spend', kind: 'continuous' }] },
				options: { chart: true, correction: 'holm', targetEffect: 10 },
			},
			inputs: [aggregates],
		});
		// conversion was not listed: it is still reported, recognised as a rate.
		expect(outputs[0].filter((i) => i.json.metric === 'conversion').map((i) => i.json.kind)).toEqual(['binary', 'binary']);
		const mensVisit = outputs[0].find((i) => i.json.arm === 'Mens E-Mail' && i.json.metric === 'visit')!;
		expect(Number((mensVisit.json.absoluteCiLow as number).toFixed(5))).toBe(0.06995);
		expect(Number((mensVisit.json.absoluteCiHigh as number).toFixed(5))).toBe(0.08323);
		expect((mensVisit.json.srm as { pValue: number }).pValue).toBeCloseTo(0.904, 3);
		// 10% relative on a 10.6% visit rate: (1.96 + 0.84)^2 (p0 q0 + p1 q1) / (0.0106)^2, about 13,000 a arm.
		expect(mensVisit.json.sampleSizePerArmForTarget).toBeGreaterThan(12000);
		expect(mensVisit.json.sampleSizePerArmForTarget).toBeLessThan(14500);
		expect(outputs[0][0].binary?.chart.mimeType).toBe('image/svg+xml');
		expect(outputs[0][0].binary?.chartPng).toMatchObject({ mimeType: 'image/png', fileName: 'lift-chart.png' });
		expect(Buffer.from(outputs[0][0].binary!.chartPng.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
		const svg = Buffer.from(outputs[0][0].binary!.chart.data, 'base64').toString();
		expect(svg).toContain('<svg');
		// The chart groups arms by metric: visit rows, then spend, then conversion (unlisted).
		const labels = [...svg.matchAll(/font-size="13" fill="#1f2328">([^<]+)</g)].map((m) => m[1]);
		expect(labels.map((l) => l.split(': ')[1])).toEqual(['visit', 'visit', 'spend', 'spend', 'conversion', 'conversion']);
		// An aggregated result is paired with the two rows it used: its metric in the arm and in control.
		const used = (mensVisit.pairedItem as Array<{ item: number }>).map((p) => aggregates[p.item]);
		expect(used.map((row) => `${row.segment}/${row.metric}`).sort()).toEqual(['Mens E-Mail/visit', 'No E-Mail/visit']);
	});

	it('applies CUPED to aggregated sums exactly as to the customer rows they summarize', async () => {
		// Pre-period spend explains most of the outcome; treatment adds 2.
		const customers = Array.from({ length: 600 }, (_, i) => {
			const arm = i % 3 === 0 ? 'control' : 'treatment';
			const pre = 20 + ((i * 37) % 41);
			return { arm, pre, revenue: 1.5 * pre + ((i * 13) % 7) - 3 + (arm === 'treatment' ? 2 : 0) };
		});
		const metrics = { metric: [{ field: 'revenue', kind: 'continuous', covariateField: 'pre' }] };
		const fromRows = (await executeNode(node, { parameters: { metrics, options: { cuped: true } }, inputs: [customers] })).outputs[0][0].json;
		const sums = (arm: string) => {
			const rowsOfArm = customers.filter((c) => c.arm === arm);
			const total = (f: (c: (typeof customers)[number]) => number) => rowsOfArm.reduce((acc, c) => acc + f(c), 0);
			return {
				arm,
				metric: 'revenue',
				n: rowsOfArm.length,
				sum: total((c) => c.revenue),
				sum_squares: total((c) => c.revenue ** 2),
				pre_sum: total((c) => c.pre),
				pre_sum_squares: total((c) => c.pre ** 2),
				cross_sum: total((c) => c.pre * c.revenue),
			};
		};
		const aggregated = {
			inputFormat: 'aggregated',
			metrics,
			covariateSumField: 'pre_sum',
			covariateSumSquaresField: 'pre_sum_squares',
			crossSumField: 'cross_sum',
			options: { cuped: true },
		};
		const fromSums = (await executeNode(node, { parameters: aggregated, inputs: [[sums('control'), sums('treatment')]] })).outputs[0][0].json;
		const cuped = fromSums.cuped as { theta: number; varianceReduction: number };
		expect(cuped.varianceReduction).toBeGreaterThan(0.5);
		expect(cuped.theta).toBeCloseTo((fromRows.cuped as { theta: number }).theta, 9);
		for (const key of ['absoluteLift', 'absoluteCiLow', 'absoluteCiHigh', 'statistic', 'pValue'] as const) {
			const [got, want] = [fromSums[key] as number, fromRows[key] as number];
			expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(1e-9);
		}
		// One arm without the covariate sums: no adjustment at all, and a message saying so.
		const partial = [sums('control'), { ...sums('treatment'), pre_sum: null }];
		const unadjusted = (await executeNode(node, { parameters: aggregated, inputs: [partial] })).outputs[0][0].json;
		expect(unadjusted.cuped).toBeNull();
		expect((unadjusted.messages as string[]).join()).toMatch(/CUPED was not applied/);
	});

	it('keeps large-mean aggregates exact with a Shift Field, and says when plain sums lost the variance', async () => {
		// Order values near 1e9 with sd about 1: plain SUM(y * y) cannot hold the variance.
		const values = (arm: number) => Array.from({ length: 500 }, (_, i) => 1e9 + arm * 0.2 + Math.sin(i * 12.9898 + arm) * 1.7);
		const summarize = (ys: number[], c: number) => ({ n: ys.length, sum: ys.reduce((a, y) => a + (y - c), 0), sum_squares: ys.reduce((a, y) => a + (y - c) * (y - c), 0) });
		const rowsFor = (c: number | null) =>
			[0, 1].map((arm) => ({ arm: arm ? 'treatment' : 'control', metric: 'order_value', ...summarize(values(arm), c ?? 0), ...(c === null ? {} : { shift: c }) }));
		const run = (input: Array<Record<string, string | number>>) =>
			executeNode(node, {
				parameters: { inputFormat: 'aggregated', armField: 'arm', shiftField: 'shift', metrics: { metric: [{ field: 'order_value', kind: 'continuous' }] } },
				inputs: [input],
			});
		const direct = await executeNode(node, {
			parameters: { armField: 'arm', metrics: { metric: [{ field: 'order_value', kind: 'continuous' }] } },
			inputs: [[0, 1].flatMap((arm) => values(arm).map((order_value) => ({ arm: arm ? 'treatment' : 'control', order_value })))],
		});
		const shifted = (await run(rowsFor(1e9))).outputs[0][0].json;
		expect(shifted.pValue).toBeCloseTo(direct.outputs[0][0].json.pValue as number, 9);
		expect(shifted.absoluteCiLow).toBeCloseTo(direct.outputs[0][0].json.absoluteCiLow as number, 6);
		const plain = (await run(rowsFor(null))).outputs[0][0].json;
		expect(plain.pValue).toBeNull();
		expect((plain.messages as string[])[0]).toMatch(/Metric "order_value", control arm: the variance cannot be computed from these sums/);
	});

	it('reports lift per segment as well as overall', async () => {
		const { outputs } = await executeNode(node, {
			parameters: { armField: 'holdout.arm', options: { segmentField: 'tier', correction: 'benjamini-hochberg' } },
			inputs: [rows],
		});
		expect(outputs[0].map((i) => i.json.segment)).toEqual(['(all)', 'gold', 'silver']);
		expect(outputs[0][1].json.n).toBe(100);
		expect(outputs[0][1].json.pValueAdjusted).toBeGreaterThanOrEqual(outputs[0][1].json.pValue as number);
	});

	it('names the item and field of a bad value, or keeps it as an error item with Continue On Fail', async () => {
		const bad = [...rows.slice(0, 10), { holdout: { arm: 'control' }, converted: 'maybe' }, { converted: 1 }];
		await expect(executeNode(node, { parameters: { armField: 'holdout.arm' }, inputs: [bad] })).rejects.toThrow(
			/Item 10: field "converted" is a string; expected 0 or 1/,
		);
		const { outputs } = await executeNode(node, { parameters: { armField: 'holdout.arm' }, inputs: [bad], continueOnFail: true });
		const errors = outputs[0].filter((i) => i.json.error);
		expect(errors.map((i) => (i.json.details as { itemIndex: number }).itemIndex)).toEqual([10, 11]);
		expect(errors[1].json.details).toMatchObject({ field: 'holdout.arm', received: 'missing' });
	});

	it('flags a sample-ratio mismatch against the intended split, with a warning hint', async () => {
		// 1,000 control and 1,200 treatment rows where 50/50 was intended: chi-square 18.2, p 2e-5.
		const skewed = Array.from({ length: 2200 }, (_, i) => ({ arm: i < 1000 ? 'control' : 'treatment', converted: i % 9 === 0 ? 1 : 0 }));
		const run = (intendedSplit: string) => executeNode(node, { parameters: { options: { intendedSplit } }, inputs: [skewed] });
		const even = await run('control=1, treatment=1');
		expect(even.outputs[0][0].json.srm).toMatchObject({ df: 1, mismatch: true });
		expect((even.outputs[0][0].json.srm as { chiSquare: number }).chiSquare).toBeCloseTo(100 ** 2 / 1100 + 100 ** 2 / 1100, 10);
		expect(even.hints.map((h) => h.message).join()).toMatch(/Sample-ratio mismatch/);
		// The same counts are what a 10/12 split intends: no flag, no warning (only the run summary).
		const intended = await run('control=10, treatment=12');
		expect(intended.outputs[0][0].json.srm).toMatchObject({ mismatch: false });
		expect((intended.outputs[0][0].json.srm as { chiSquare: number }).chiSquare).toBeCloseTo(0, 10);
		expect(intended.hints.filter((hint) => hint.type === 'warning')).toEqual([]);
	});

	it('says which arms exist when the control arm is not among them', async () => {
		await expect(executeNode(node, { parameters: { armField: 'holdout.arm', controlArm: 'holdout' }, inputs: [rows] })).rejects.toThrow(
			/No row has the control arm "holdout"/,
		);
	});

	it('returns nothing for no input, and guards tiny arms with a message', async () => {
		expect((await executeNode(node, { parameters: {}, inputs: [[]] })).outputs).toEqual([[]]);
		const { outputs } = await executeNode(node, {
			parameters: {},
			inputs: [[{ arm: 'control', converted: 1 }, { arm: 'treatment', converted: 0 }]],
		});
		expect(outputs[0][0].json.absoluteLift).toBeNull();
		expect((outputs[0][0].json.messages as string[])[0]).toMatch(/Too few observations/);
	});

	// Before: "Control " or "CONTROL" in the data stopped the run (no control arm) or, beside a
	// "control" arm, was read as a treatment arm of its own.
	it.each(['Control ', 'CONTROL', ' control', 'control\u200b', 'Control\u00a0', 'ｃｏｎｔｒｏｌ'])('reads the arm %j as the control arm "control"', async (label) => {
		const relabelled = rows.map((row) => ({ ...row, holdout: { arm: row.holdout.arm === 'control' ? label : row.holdout.arm } }));
		const { outputs } = await executeNode(node, {
			parameters: { armField: 'holdout.arm', controlArm: 'control', metrics: { metric: [{ field: 'converted', kind: 'binary' }] } },
			inputs: [relabelled],
		});
		const plain = await executeNode(node, {
			parameters: { armField: 'holdout.arm', controlArm: 'control', metrics: { metric: [{ field: 'converted', kind: 'binary' }] } },
			inputs: [rows],
		});
		expect(outputs[0].map((item) => item.json.arm)).toEqual(['treatment']);
		expect(outputs[0][0].json.pValue).toBe(plain.outputs[0][0].json.pValue);
	});

	it('stops when two arms differ from the control arm only by case', async () => {
		const mixed = rows.map((row, i) => ({ ...row, holdout: { arm: row.holdout.arm === 'control' ? (i % 4 === 0 ? 'Control' : 'CONTROL') : row.holdout.arm } }));
		await expect(
			executeNode(node, { parameters: { armField: 'holdout.arm', controlArm: 'control', metrics: { metric: [{ field: 'converted', kind: 'binary' }] } }, inputs: [mixed] }),
		).rejects.toThrow(/No row has the control arm "control"/);
	});
});
