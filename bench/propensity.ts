// bench:propensity — training time on bank-full (without duration, 41 features) against
// scikit-learn in the same run, and scoring throughput of lib/propensity. Prints JSON Lines.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { encode, encodeRows, fitLogistic, fitLogisticRows, scoreColumns, trainPropensity, type Columns } from '../lib/propensity';
import { loadBank } from './propensity-data';

const RUNS = 5;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const round = (v: number, d = 4) => Number(v.toFixed(d));
const cpuSeconds = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1e6;
};

/** Median wall and process CPU seconds of `runs` calls. */
function time(fn: () => void, runs = RUNS): { wall: number; cpu: number } {
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let r = 0; r < runs; r++) {
		const s = performance.now();
		const c = cpuSeconds();
		fn();
		cpu.push(cpuSeconds() - c);
		wall.push((performance.now() - s) / 1000);
	}
	return { wall: median(wall), cpu: median(cpu) };
}

const data = loadBank('bank-full.csv');
const columns: Columns = { ...data.columns, y: data.y };
const { model } = trainPropensity(columns, { target: 'y', features: data.features });
const design = encode(model.features as never, data.columns);
const rowDesign = encodeRows(model.features as never, data.columns);

// Warm-up, then medians. The machine is shared, so the lib and scikit-learn runs are interleaved
// (one of each per round) rather than timed in two blocks minutes apart.
fitLogistic(design.x, design.n, design.p, data.y);
fitLogisticRows(rowDesign, data.y);
let logLik = 0;
const references: Record<string, string> = {};
for (const f of model.features) if (f.type === 'categorical') references[f.name] = f.reference;
type Sk = { median_seconds: number; median_cpu_seconds: number; train_median_seconds: number; train_median_cpu_seconds: number; loglik: number };
const ours = { fit: [] as number[], fitCpu: [] as number[], fitDense: [] as number[], train: [] as number[], trainCpu: [] as number[] };
const sklearn: Record<string, { fit: number[]; fitCpu: number[]; train: number[]; trainCpu: number[]; loglik: number }> = {};
for (let r = 0; r < RUNS; r++) {
	const fit = time(() => (logLik = fitLogisticRows(rowDesign, data.y).logLik), 1);
	ours.fitDense.push(time(() => fitLogistic(design.x, design.n, design.p, data.y), 1).wall);
	const train = time(() => trainPropensity(columns, { target: 'y', features: data.features }), 1);
	ours.fit.push(fit.wall);
	ours.fitCpu.push(fit.cpu);
	ours.train.push(train.wall);
	ours.trainCpu.push(train.cpu);
	const sk = JSON.parse(
		execFileSync('/usr/bin/python3', [path.join(__dirname, 'propensity-reference.py')], {
			input: JSON.stringify({ mode: 'sklearn', file: data.file, drop: ['duration'], references, runs: 1 }),
		}).toString(),
	) as Record<string, Sk>;
	for (const solver of ['lbfgs', 'newton-cholesky']) {
		const into = (sklearn[solver] ??= { fit: [], fitCpu: [], train: [], trainCpu: [], loglik: NaN });
		into.fit.push(sk[solver].median_seconds);
		into.fitCpu.push(sk[solver].median_cpu_seconds);
		into.train.push(sk[solver].train_median_seconds);
		into.trainCpu.push(sk[solver].train_median_cpu_seconds);
		into.loglik = sk[solver].loglik;
	}
}
const m = (a: number[]) => round(median(a));
const lb = sklearn.lbfgs;
const nc = sklearn['newton-cholesky'];
console.log(
	JSON.stringify({
		bench: 'train',
		dataset: 'bank-full',
		rows: design.n,
		features: design.p - 1,
		runs: RUNS,
		irls_fit_seconds: m(ours.fit),
		irls_fit_cpu_seconds: m(ours.fitCpu),
		irls_fit_from_dense_seconds: m(ours.fitDense),
		irls_loglik: round(logLik, 4),
		sklearn_lbfgs_fit_seconds: m(lb.fit),
		sklearn_lbfgs_fit_cpu_seconds: m(lb.fitCpu),
		sklearn_lbfgs_loglik: round(lb.loglik, 4),
		sklearn_newton_cholesky_fit_seconds: m(nc.fit),
		sklearn_newton_cholesky_loglik: round(nc.loglik, 4),
		train_seconds: m(ours.train),
		train_cpu_seconds: m(ours.trainCpu),
		sklearn_lbfgs_train_seconds: m(lb.train),
		sklearn_lbfgs_train_cpu_seconds: m(lb.trainCpu),
		sklearn_newton_cholesky_train_seconds: m(nc.train),
		ratio_fit_vs_lbfgs_fit: round(median(ours.fit) / median(lb.fit), 3),
		ratio_fit_from_dense_vs_lbfgs_fit: round(median(ours.fitDense) / median(lb.fit), 3),
		ratio_fit_vs_newton_cholesky_fit: round(median(ours.fit) / median(nc.fit), 3),
		ratio_train_vs_lbfgs_train: round(median(ours.train) / median(lb.train), 3),
		ratio_train_vs_lbfgs_train_cpu: round(median(ours.trainCpu) / median(lb.trainCpu), 3),
		ratio_train_vs_newton_cholesky_train: round(median(ours.train) / median(nc.train), 3),
		goal_train_ratio_at_most_1: median(ours.train) / median(lb.train) <= 1,
		note:
			'like for like: *_fit = the solver alone on a prepared design: fitLogisticRows on the row design trainPropensity builds (irls_fit) or fitLogistic on a dense row-major Float64Array, which first collects its non-zeros (irls_fit_from_dense), vs LogisticRegression(penalty=None).fit on a dense numpy array. ' +
			'*_train = the whole training job from loaded columns / a loaded DataFrame (CSV read outside both): standardize + one-hot, fit (ours to tol 1e-12, sklearn defaults), ' +
			'standard errors, in-sample probabilities, AUC, log loss, Brier, decile and calibration tables, PSI training profiles; ours also infers types, checks the target and hashes the model JSON. ' +
			'Medians over interleaved rounds; wall and process CPU seconds.',
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
// Contributions come back columnar (typed arrays); the last line also builds the per-row objects
// (result.contributions), which costs mostly allocation and garbage collection.
for (const [label, options, objects] of [
	['probability + decile (training cuts) + tier', { drift: false, decileBasis: 'training' }, false],
	['probability + decile (batch ranks) + tier', { drift: false }, false],
	['probability + decile + tier + PSI drift', {}, false],
	['... + top 3 contributions (typed arrays)', { topContributions: 3 }, false],
	['... + top 3 contributions, then objects for every row', { topContributions: 3 }, true],
] as const) {
	const run = () => {
		const result = scoreColumns(model, big, options);
		if (objects) void result.contributions;
	};
	run();
	const { wall, cpu } = time(run, 3);
	console.log(
		JSON.stringify({ bench: 'score', what: label, rows: N, seconds: round(wall), cpu_seconds: round(cpu), rows_per_second: Math.round(N / wall), goal_1e6: N / wall >= 1e6 }),
	);
}
console.log(JSON.stringify({ bench: 'load', uptime: os.loadavg().map((v) => round(v, 2)) }));
