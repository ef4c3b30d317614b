// bench:propensity — training time on bank-full (without duration, 41 features) against
// scikit-learn in the same run, and scoring throughput of lib/propensity. Prints JSON Lines.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { encode, fitLogistic, scoreColumns, trainPropensity, type Columns } from '../lib/propensity';
import { loadBank } from './propensity-data';

const RUNS = 5;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const round = (v: number, d = 4) => Number(v.toFixed(d));

function time(fn: () => void, runs = RUNS): number {
	const t: number[] = [];
	for (let r = 0; r < runs; r++) {
		const s = performance.now();
		fn();
		t.push((performance.now() - s) / 1000);
	}
	return median(t);
}

const data = loadBank('bank-full.csv');
const columns: Columns = { ...data.columns, y: data.y };
const { model } = trainPropensity(columns, { target: 'y', features: data.features });
const design = encode(model.features as never, data.columns);

// Warm-up, then medians. The machine is shared, so the lib and scikit-learn runs are interleaved
// (one of each per round) rather than timed in two blocks minutes apart.
fitLogistic(design.x, design.n, design.p, data.y);
let logLik = 0;
const references: Record<string, string> = {};
for (const f of model.features) if (f.type === 'categorical') references[f.name] = f.reference;
const fits: number[] = [];
const trains: number[] = [];
const lbfgs: number[] = [];
const newton: number[] = [];
const sk: Record<string, { median_seconds: number; loglik: number }> = {};
for (let r = 0; r < RUNS; r++) {
	fits.push(time(() => (logLik = fitLogistic(design.x, design.n, design.p, data.y).logLik), 1));
	trains.push(time(() => trainPropensity(columns, { target: 'y', features: data.features }), 1));
	Object.assign(
		sk,
		JSON.parse(
			execFileSync('/usr/bin/python3', [path.join(__dirname, 'propensity-reference.py')], {
				input: JSON.stringify({ mode: 'sklearn', file: data.file, drop: ['duration'], references, runs: 1 }),
			}).toString(),
		),
	);
	lbfgs.push(sk.lbfgs.median_seconds);
	newton.push(sk['newton-cholesky'].median_seconds);
}
const fitSeconds = median(fits);
const trainSeconds = median(trains);
sk.lbfgs.median_seconds = median(lbfgs);
sk['newton-cholesky'].median_seconds = median(newton);
console.log(
	JSON.stringify({
		bench: 'train',
		dataset: 'bank-full',
		rows: design.n,
		features: design.p - 1,
		runs: RUNS,
		irls_fit_seconds: round(fitSeconds),
		irls_loglik: round(logLik, 4),
		train_end_to_end_seconds: round(trainSeconds),
		sklearn_lbfgs_seconds: round(sk.lbfgs.median_seconds),
		sklearn_lbfgs_loglik: round(sk.lbfgs.loglik, 4),
		sklearn_newton_cholesky_seconds: round(sk['newton-cholesky'].median_seconds),
		sklearn_newton_cholesky_loglik: round(sk['newton-cholesky'].loglik, 4),
		ratio_fit_vs_lbfgs: round(fitSeconds / sk.lbfgs.median_seconds, 3),
		ratio_fit_vs_newton_cholesky: round(fitSeconds / sk['newton-cholesky'].median_seconds, 3),
		ratio_end_to_end_vs_lbfgs: round(trainSeconds / sk.lbfgs.median_seconds, 3),
		note: 'sklearn times are fit() on a prepared numpy design; irls_fit is fitLogistic on the prepared design; end_to_end adds type inference, transforms, encoding, metrics and the model JSON',
	}),
);

// Scoring: bank-full's columns repeated to 1,000,000 rows.
const N = 1_000_000;
const big: Columns = {};
for (const f of model.features) {
	const src = data.columns[f.name] as unknown[];
	const out = new Array<unknown>(N);
	for (let i = 0; i < N; i++) out[i] = src[i % src.length];
	big[f.name] = out;
}
for (const [label, options] of [
	['probability + decile (training cuts) + tier', { drift: false, decileBasis: 'training' }],
	['probability + decile (batch ranks) + tier', { drift: false }],
	['probability + decile + tier + PSI drift', {}],
	['... + top 3 contributions', { topContributions: 3 }],
] as const) {
	scoreColumns(model, big, options);
	const seconds = time(() => scoreColumns(model, big, options), 3);
	console.log(JSON.stringify({ bench: 'score', what: label, rows: N, seconds: round(seconds), rows_per_second: Math.round(N / seconds), goal_1e6: N / seconds >= 1e6 }));
}
