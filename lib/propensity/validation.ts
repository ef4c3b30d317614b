// Splits (random, time-based out-of-time, file order), stratified k-fold assignment, and the
// champion/challenger comparison of two models on the same rows.
import { PropensityError } from './errors';
import { seededRandom } from '../stats/random';
import { parseDate, type Columns } from './features';
import { compareAuc, evaluate, type AucComparison, type Metrics } from './metrics';
import type { PropensityModel } from './model';
import { scoreColumns } from './score';

export type SplitSpec =
	| { type: 'none' }
	/** A random share of rows (default 0.2) is held out. */
	| { type: 'random'; fraction?: number; seed?: number }
	/** Out-of-time: train on rows dated before `cutoff`, validate on the rest. */
	| { type: 'time'; field: string; cutoff: string }
	/** Out-of-time by row order: train on the first (1 - fraction) of rows, validate on the rest. */
	| { type: 'order'; fraction?: number };

/** The pack's seeded generator, under the name this module has always exported. */
export const rng = seededRandom;

export function splitRows(n: number, columns: Columns, spec: SplitSpec = { type: 'none' }): { train: Int32Array; validation: Int32Array; description: string } {
	const train: number[] = [];
	const validation: number[] = [];
	if (spec.type === 'none') {
		for (let i = 0; i < n; i++) train.push(i);
		return { train: Int32Array.from(train), validation: new Int32Array(0), description: 'none' };
	}
	if (spec.type === 'random' || spec.type === 'order') {
		const fraction = spec.fraction ?? 0.2;
		if (!(fraction > 0 && fraction < 1)) throw new PropensityError('bad-option', 'The validation fraction must be between 0 and 1');
		if (spec.type === 'order') {
			const cut = Math.round(n * (1 - fraction));
			for (let i = 0; i < n; i++) (i < cut ? train : validation).push(i);
			return { train: Int32Array.from(train), validation: Int32Array.from(validation), description: `order: first ${cut} rows train, last ${n - cut} validate` };
		}
		const random = rng(spec.seed ?? 1);
		for (let i = 0; i < n; i++) (random() < fraction ? validation : train).push(i);
		return { train: Int32Array.from(train), validation: Int32Array.from(validation), description: `random: ${fraction} held out (seed ${spec.seed ?? 1})` };
	}
	const values = columns[spec.field];
	if (!values) throw new PropensityError('missing-feature', `Split date field "${spec.field}" is not in the data`, spec.field);
	const cutoff = parseDate(spec.cutoff);
	if (Number.isNaN(cutoff)) throw new PropensityError('bad-option', 'The split cutoff is not a date');
	for (let i = 0; i < n; i++) {
		const t = parseDate(values[i]);
		if (Number.isNaN(t)) throw new PropensityError('bad-value', `Row ${i}: the split date field "${spec.field}" is not a date`, spec.field, i);
		(t < cutoff ? train : validation).push(i);
	}
	return {
		train: Int32Array.from(train),
		validation: Int32Array.from(validation),
		description: `time: ${spec.field} before ${new Date(cutoff).toISOString()} train, on or after validate`,
	};
}

/**
 * A random split stratified by a row's stratum (e.g. 2 x arm + outcome): within each stratum (in
 * ascending order) the rows are shuffled with the seed (Fisher-Yates, as kFold) and the first
 * round(count x fraction) are held out. Both lists come back in ascending row order.
 */
export function stratifiedSplit(strata: ArrayLike<number>, fraction: number, seed = 1): { train: Int32Array; validation: Int32Array } {
	if (!(fraction > 0 && fraction < 1)) throw new PropensityError('bad-option', 'The validation fraction must be between 0 and 1');
	const random = rng(seed);
	const groups = new Map<number, number[]>();
	for (let i = 0; i < strata.length; i++) {
		const group = groups.get(strata[i]);
		if (group) group.push(i);
		else groups.set(strata[i], [i]);
	}
	const held = new Uint8Array(strata.length);
	for (const key of [...groups.keys()].sort((a, b) => a - b)) {
		const rows = groups.get(key)!;
		for (let i = rows.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[rows[i], rows[j]] = [rows[j], rows[i]];
		}
		const cut = Math.round(rows.length * fraction);
		for (let r = 0; r < cut; r++) held[rows[r]] = 1;
	}
	const train: number[] = [];
	const validation: number[] = [];
	for (let i = 0; i < strata.length; i++) (held[i] ? validation : train).push(i);
	return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}

/** Fold (0..k-1) of each row, stratified by outcome and shuffled with the seed. */
export function kFold(y: ArrayLike<number>, k: number, seed = 1): Int32Array {
	if (!(k >= 2) || k > y.length) throw new PropensityError('bad-option', `Cannot make ${k} folds from ${y.length} rows`);
	const random = rng(seed);
	const fold = new Int32Array(y.length);
	for (const cls of [0, 1]) {
		const rows: number[] = [];
		for (let i = 0; i < y.length; i++) if (y[i] === cls) rows.push(i);
		for (let i = rows.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[rows[i], rows[j]] = [rows[j], rows[i]];
		}
		rows.forEach((row, r) => (fold[row] = r % k));
	}
	return fold;
}

export interface ChampionChallenger {
	champion: { modelId: string; metrics: Metrics };
	challenger: { modelId: string; metrics: Metrics };
	/** DeLong test of challenger AUC minus champion AUC on the same rows. */
	auc: AucComparison;
	/** The challenger wins when its AUC is higher at the given significance level (default 0.05). */
	winner: 'champion' | 'challenger';
	reason: string;
}

export function championChallenger(champion: PropensityModel, challenger: PropensityModel, columns: Columns, y: Float64Array, alpha = 0.05): ChampionChallenger {
	const a = scoreColumns(champion, columns).probability;
	const b = scoreColumns(challenger, columns).probability;
	const test = compareAuc(y, a, b);
	const wins = test.difference > 0 && test.pValue < alpha;
	return {
		champion: { modelId: champion.modelId, metrics: evaluate(y, a) },
		challenger: { modelId: challenger.modelId, metrics: evaluate(y, b) },
		auc: test,
		winner: wins ? 'challenger' : 'champion',
		reason: wins
			? `The challenger's AUC is higher by ${test.difference.toFixed(4)} (DeLong p = ${test.pValue.toPrecision(3)})`
			: `The challenger is not significantly better (AUC difference ${test.difference.toFixed(4)}, DeLong p = ${test.pValue.toPrecision(3)}): keep the champion`,
	};
}
