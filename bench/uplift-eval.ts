// eval:uplift — lib/uplift on Hillstrom (../shared/datasets/lift/hillstrom.csv, Kevin Hillstrom's
// MineThatData e-mail challenge: Mens E-Mail vs No E-Mail), outcomes visit and conversion. A seeded
// 70/30 split stratified by arm and outcome (lib/propensity's stratifiedSplit); the T-learner is
// compared customer by customer with a scikit-learn T-learner fitted in the same run on the same
// rows (/usr/bin/python3 bench/uplift-reference.py gets the split indexes), and with the
// class-transformation learner. uplift@30% comes with a bootstrap interval (1,000 resamples of the
// validation rows, the pack's seeded generator); the learners are compared by a paired bootstrap.
// Prints one JSON line per outcome and learner, then a table.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { seededRandom } from '../lib/stats/random';
import { qiniCoefficient, trainUplift, upliftAtK, type UpliftLearner } from '../lib/uplift';
import type { Columns } from '../lib/propensity';
import { readCsv } from './csv';

const FILE = path.resolve(__dirname, '..', '..', 'shared', 'datasets', 'lift', 'hillstrom.csv');
const ARMS = ['Mens E-Mail', 'No E-Mail'] as const;
const FEATURES = ['recency', 'history_segment', 'history', 'mens', 'womens', 'zip_code', 'newbie', 'channel'];
const SEED = 20;
const BOOTSTRAP = 1000;

const rows = readCsv(FILE).filter((r) => r.segment === ARMS[0] || r.segment === ARMS[1]);
const columns: Columns = {};
for (const name of [...FEATURES, 'segment', 'visit', 'conversion']) {
	const numeric = !['history_segment', 'zip_code', 'channel', 'segment'].includes(name);
	columns[name] = rows.map((r) => (numeric ? Number(r[name]) : r[name]));
}

function python(request: object): { uplift: number[]; qini: number; auuc: number; upliftAt30: number; overall: number; columns: number } {
	const stdout = execFileSync('/usr/bin/python3', [path.join(__dirname, 'uplift-reference.py')], { input: JSON.stringify(request), maxBuffer: 256 << 20 });
	return JSON.parse(stdout.toString());
}

const take = (a: ArrayLike<number>, idx: ArrayLike<number>) => Float64Array.from({ length: idx.length }, (_, k) => a[idx[k]]);
const round = (v: number | null, d = 6) => (v === null ? null : Number(v.toFixed(d)));
const quantile = (a: number[], q: number) => {
	const s = [...a].sort((x, y) => x - y);
	return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};

/** Bootstrap resamples of the validation rows (the same resamples for both learners: paired). */
function resamples(n: number): Int32Array[] {
	const random = seededRandom(SEED);
	return Array.from({ length: BOOTSTRAP }, () => Int32Array.from({ length: n }, () => Math.floor(random() * n)));
}

const table: string[] = [];
for (const outcome of ['visit', 'conversion'] as const) {
	const fits = new Map<UpliftLearner, { uplift: Float64Array; at30: number; qini: number; auuc: number; overall: number }>();
	let split: { train: Int32Array; validation: Int32Array } | null = null;
	let y: Float64Array = new Float64Array(0);
	let t: Float64Array = new Float64Array(0);
	for (const learner of ['two-model', 'class-transformation'] as const) {
		const result = trainUplift(columns, {
			treatment: 'segment',
			treatedValue: ARMS[0],
			controlValue: ARMS[1],
			target: outcome,
			features: FEATURES,
			learner,
			validation: { type: 'random', fraction: 0.3, seed: SEED },
			createdAt: '2026-01-01T00:00:00.000Z',
		});
		split = { train: result.trainRows, validation: result.validationRows };
		y = take(result.y, result.validationRows);
		t = take(result.treated, result.validationRows);
		const u = take(result.uplift, result.validationRows);
		const v = result.model.metrics.validation!;
		fits.set(learner, { uplift: u, at30: v.upliftAtK.uplift!, qini: v.qini!, auuc: v.auuc!, overall: v.upliftAtK.random! });
	}
	const reference = python({ file: FILE, arms: ARMS, outcome, train: Array.from(split!.train), validation: Array.from(split!.validation) });
	const boots = resamples(y.length);
	const stats = new Map<UpliftLearner, { at30: number[]; qini: number[] }>();
	for (const [learner, fit] of fits) {
		const at30: number[] = [];
		const qini: number[] = [];
		for (const idx of boots) {
			const yb = take(y, idx);
			const tb = take(t, idx);
			const ub = take(fit.uplift, idx);
			at30.push(upliftAtK(yb, ub, tb, 0.3).uplift ?? NaN);
			qini.push(qiniCoefficient(yb, ub, tb));
		}
		stats.set(learner, { at30, qini });
	}
	for (const [learner, fit] of fits) {
		const s = stats.get(learner)!;
		let maxDiff = NaN;
		if (learner === 'two-model') {
			maxDiff = 0;
			for (let i = 0; i < fit.uplift.length; i++) maxDiff = Math.max(maxDiff, Math.abs(fit.uplift[i] - reference.uplift[i]));
		}
		const line = {
			outcome,
			learner,
			trainRows: split!.train.length,
			validationRows: split!.validation.length,
			qini: round(fit.qini),
			auuc: round(fit.auuc),
			upliftAt30: round(fit.at30),
			upliftAt30Ci95: [round(quantile(s.at30, 0.025)), round(quantile(s.at30, 0.975))],
			overallUplift: round(fit.overall),
			upliftAt30OverOverall: round(fit.at30 / fit.overall, 4),
			qiniCi95: [round(quantile(s.qini, 0.025), 4), round(quantile(s.qini, 0.975), 4)],
			...(learner === 'two-model'
				? {
						sklearnQini: round(reference.qini),
						sklearnAuuc: round(reference.auuc),
						sklearnUpliftAt30: round(reference.upliftAt30),
						qiniAbsDiff: Math.abs(fit.qini - reference.qini),
						auucAbsDiff: Math.abs(fit.auuc - reference.auuc),
						maxUpliftAbsDiff: maxDiff,
					}
				: {}),
		};
		console.log(JSON.stringify(line));
		table.push(
			`| ${outcome} | ${learner} | ${line.qini} | ${line.auuc} | ${line.upliftAt30} [${line.upliftAt30Ci95.join(', ')}] | ${line.upliftAt30OverOverall} | ${
				learner === 'two-model' ? `${line.sklearnQini} / ${line.sklearnAuuc} / ${line.sklearnUpliftAt30}; max |Δuplift| ${maxDiff.toExponential(2)}, |ΔQini| ${Math.abs(fit.qini - reference.qini).toExponential(2)}` : ''
			} |`,
		);
	}
	// Paired bootstrap: the same resamples for both learners.
	const a = stats.get('two-model')!;
	const b = stats.get('class-transformation')!;
	const dAt30 = a.at30.map((v, i) => v - b.at30[i]);
	const dQini = a.qini.map((v, i) => v - b.qini[i]);
	const verdict = (d: number[]) => {
		const lo = quantile(d, 0.025);
		const hi = quantile(d, 0.975);
		return { difference: round(quantile(d, 0.5)), ci95: [round(lo), round(hi)], winner: lo > 0 ? 'two-model' : hi < 0 ? 'class-transformation' : 'no significant difference' };
	};
	const comparison = { outcome, comparison: 'two-model minus class-transformation (paired bootstrap)', upliftAt30: verdict(dAt30), qini: verdict(dQini) };
	console.log(JSON.stringify(comparison));
	table.push(`| ${outcome} | T − CT (paired) | Δ ${comparison.qini.difference} [${comparison.qini.ci95.join(', ')}] → ${comparison.qini.winner} | | Δ ${comparison.upliftAt30.difference} [${comparison.upliftAt30.ci95.join(', ')}] → ${comparison.upliftAt30.winner} | | |`);
}
console.log('\n| outcome | learner | Qini coefficient | AUUC | uplift@30% [95% bootstrap] | uplift@30% / overall | scikit-learn T-learner Qini / AUUC / uplift@30% |');
console.log('|---|---|---|---|---|---|---|');
for (const line of table) console.log(line);
