// bench:uplift — (1) synthetic recovery: a campaign with known Persuadable / Sure Thing / Lost Cause /
// Do Not Disturb shares (test/lib/uplift/synthetic.ts: 85% of customers carry their segment's
// persona, 15% a random one), the segments each learner recovers, with precision and recall;
// (2) training time of Score Uplift (T-learner) against Score Propensity Train on the same
// 100,000 rows x 40 features, medians of interleaved runs. Prints JSON Lines; run with nice.
import os from 'node:os';
import { trainPropensity, type Columns } from '../lib/propensity';
import { seededRandom } from '../lib/stats/random';
import { scoreUplift, trainUplift } from '../lib/uplift';
import { columnsOf, recovery, syntheticCampaign } from '../test/lib/uplift/synthetic';

const round = (v: number, d = 3) => Number(v.toFixed(d));

// (1) Recovery on 20,000 customers, trained on a stratified 70%, segments judged on the other 30%.
{
	const { rows, truth } = syntheticCampaign(20000, 2026);
	const columns = columnsOf(rows);
	for (const learner of ['two-model', 'class-transformation'] as const) {
		const { model, validationRows } = trainUplift(columns, {
			treatment: 'arm',
			target: 'converted',
			features: ['persona', 'tenure', 'channel'],
			learner,
			validation: { type: 'random', fraction: 0.3, seed: 1 },
			segments: { minUplift: 0.1, sureThingProbability: 0.5 },
		});
		const held = Array.from(validationRows);
		const scored = scoreUplift(model, columnsOf(held.map((i) => rows[i])));
		const r = recovery(scored.segment, held.map((i) => truth[i]));
		const figures = Object.fromEntries(Object.entries(r).map(([s, v]) => [s, { precision: round(v.precision), recall: round(v.recall), trueShare: round(v.trueShare), predictedShare: round(v.predictedShare) }]));
		console.log(JSON.stringify({ check: 'synthetic recovery', learner, rows: held.length, minUplift: 0.1, validationQini: round(model.metrics.validation!.qini!, 4), segments: figures }));
	}
}

// (2) 100,000 rows x 40 features (30 numeric, 10 categorical with 6 levels), a fair-coin arm.
{
	const n = 100_000;
	const random = seededRandom(40);
	const columns: Columns = {};
	const features: string[] = [];
	const eta = new Float64Array(n).fill(-2);
	for (let j = 0; j < 30; j++) {
		const x = Float64Array.from({ length: n }, () => random() * 2 - 1);
		for (let i = 0; i < n; i++) eta[i] += (j % 5 === 0 ? 0.4 : 0.05) * x[i];
		columns[`x${j}`] = x;
		features.push(`x${j}`);
	}
	for (let j = 0; j < 10; j++) {
		const c = Array.from({ length: n }, () => `level${Math.floor(random() * 6)}`);
		for (let i = 0; i < n; i++) if (c[i] === 'level0') eta[i] += 0.2;
		columns[`c${j}`] = c;
		features.push(`c${j}`);
	}
	const arm = Array.from({ length: n }, () => (random() < 0.5 ? 'treatment' : 'control'));
	const x0 = columns.x0 as Float64Array;
	columns.arm = arm;
	columns.converted = Float64Array.from({ length: n }, (_, i) => Number(random() < 1 / (1 + Math.exp(-(eta[i] + (arm[i] === 'treatment' ? 0.3 * x0[i] : 0))))));
	const runs = 3;
	const propensity: number[] = [];
	const uplift: number[] = [];
	const upliftValidated: number[] = [];
	const time = (fn: () => void) => {
		const s = performance.now();
		fn();
		return (performance.now() - s) / 1000;
	};
	const created = '2026-01-01T00:00:00.000Z';
	for (let r = 0; r <= runs; r++) {
		const p = time(() => trainPropensity(columns, { target: 'converted', features, createdAt: created }));
		const u = time(() => trainUplift(columns, { treatment: 'arm', target: 'converted', features, createdAt: created }));
		const v = time(() => trainUplift(columns, { treatment: 'arm', target: 'converted', features, validation: { type: 'random', fraction: 0.3 }, createdAt: created }));
		if (r === 0) continue; // warm-up
		propensity.push(p);
		uplift.push(u);
		upliftValidated.push(v);
	}
	const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
	console.log(
		JSON.stringify({
			check: 'training time, 100,000 rows x 40 features',
			runs,
			propensityTrainSeconds: round(median(propensity)),
			upliftTrainSeconds: round(median(uplift)),
			ratio: round(median(uplift) / median(propensity), 2),
			upliftTrainWith30PercentValidationSeconds: round(median(upliftValidated)),
			ratioWithValidation: round(median(upliftValidated) / median(propensity), 2),
			loadAverage: os.loadavg().map((l) => round(l, 2)),
		}),
	);
}
