// Fellegi-Sunter scoring: u (chance agreement) from value frequencies and seeded random pairs,
// m (agreement among matches) by EM over the candidate pairs with u held fixed, then a match
// weight per pair: prior + sum of log2(m/u) per comparison, with a term-frequency adjustment on
// exact agreement (a shared rare surname is stronger evidence than a shared common one).
import type { Comparison } from './comparisons';
import type { CandidatePairs } from './blocking';
import { seededRandom } from './random';

export interface ComparisonParameters {
	name: string;
	labels: string[];
	/** m and u per level 1..K (index 0 unused: null level). */
	m: number[];
	u: number[];
}

export interface ModelParameters {
	/** Prior probability that a candidate pair is a match (from EM). */
	lambda: number;
	comparisons: ComparisonParameters[];
	iterations: number;
}

export interface TermFrequencies {
	/** Records with a (non-empty) value. */
	total: number;
	/** Sum over distinct values of count x (count - 1): ordered pairs of records agreeing exactly. */
	agreeingPairs: number;
	/** How many records hold record i's value (0 when it has none). */
	countOf(i: number): number;
}

export function termFrequencies(values: string[]): TermFrequencies {
	const counts = new Map<string, number>();
	let total = 0;
	for (const v of values) {
		if (v === '') continue;
		counts.set(v, (counts.get(v) ?? 0) + 1);
		total++;
	}
	let agreeingPairs = 0;
	for (const c of counts.values()) agreeingPairs += c * (c - 1);
	return { total, agreeingPairs, countOf: (i) => (values[i] === '' ? 0 : (counts.get(values[i]) ?? 0)) };
}

/** Term frequencies from dense value codes (0: empty, below `codeCount`): no string hashing. */
export function codedTermFrequencies(codes: Int32Array, codeCount: number): TermFrequencies {
	const tally = new Int32Array(codeCount);
	for (let i = 0; i < codes.length; i++) tally[codes[i]]++;
	tally[0] = 0;
	let total = 0;
	let agreeingPairs = 0;
	for (let code = 1; code < codeCount; code++) {
		total += tally[code];
		agreeingPairs += tally[code] * (tally[code] - 1);
	}
	return { total, agreeingPairs, countOf: (i) => tally[codes[i]] };
}

export const NO_TERM_FREQUENCIES: TermFrequencies = { total: 0, agreeingPairs: 0, countOf: () => 0 };

/** P(two distinct random records with values agree exactly), from value counts. */
export function exactAgreementProbability(tf: TermFrequencies): number {
	if (tf.total < 2) return 0;
	return tf.agreeingPairs / (tf.total * (tf.total - 1));
}

/** u per level: exact level from value frequencies, the other levels from seeded random pairs. */
export function estimateU(
	n: number,
	comparisons: Comparison[],
	tfs: TermFrequencies[],
	options: { seed?: number; samplePairs?: number } = {},
): number[][] {
	const random = seededRandom(options.seed ?? 42);
	const total = (n * (n - 1)) / 2;
	const sample = Math.min(options.samplePairs ?? 100_000, total);
	const counts = comparisons.map((c) => new Float64Array(c.labels.length + 1));
	const exhaustive = total <= sample;
	const visit = (i: number, j: number): void => {
		for (let c = 0; c < comparisons.length; c++) counts[c][comparisons[c].level(i, j)]++;
	};
	if (exhaustive) {
		for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) visit(i, j);
	} else {
		for (let s = 0; s < sample; s++) {
			const i = Math.floor(random() * n);
			let j = Math.floor(random() * (n - 1));
			if (j >= i) j++;
			visit(i, j);
		}
	}
	return comparisons.map((comparison, c) => {
		const k = comparison.labels.length;
		const row = counts[c];
		let nonNull = 0;
		for (let l = 1; l <= k; l++) nonNull += row[l];
		const u = new Array<number>(k + 1).fill(0);
		const floor = 1 / Math.max(10 * n, 1000);
		if (nonNull === 0) {
			for (let l = 1; l <= k; l++) u[l] = 1 / k;
			return u;
		}
		for (let l = 1; l <= k; l++) u[l] = Math.max(row[l] / nonNull, floor);
		if (comparison.exactFirst) {
			const exactU = Math.max(exactAgreementProbability(tfs[c]), floor);
			let rest = 0;
			for (let l = 2; l <= k; l++) rest += u[l];
			u[1] = exactU;
			for (let l = 2; l <= k; l++) u[l] = (u[l] / rest) * (1 - exactU);
		}
		let sum = 0;
		for (let l = 1; l <= k; l++) sum += u[l];
		for (let l = 1; l <= k; l++) u[l] /= sum;
		return u;
	});
}

/** Comparison levels of every candidate pair: one Int8Array per comparison. */
export function comparePairs(pairs: CandidatePairs, comparisons: Comparison[]): Int8Array[] {
	return new PairComparer(comparisons).compare(pairs);
}

/**
 * Compares candidate pairs. Given each comparison column's dense value codes (0: empty), it lays
 * them out record by record, so one pair's values for every comparison are one or two cache
 * lines, and settles missing (level 0) and exact (level 1) on integers; only differing values reach
 * the comparison's string function. Same levels as `comparison.level`.
 */
export class PairComparer {
	private readonly rows?: Int32Array;
	private readonly coded: Uint8Array;

	constructor(
		private readonly comparisons: Comparison[],
		codes?: ReadonlyArray<Int32Array | undefined>,
	) {
		const C = comparisons.length;
		this.coded = new Uint8Array(C);
		if (!codes || C === 0) return;
		const n = codes.find((c) => c !== undefined)?.length ?? 0;
		const rows = new Int32Array(n * C);
		for (let c = 0; c < C; c++) {
			const column = codes[c];
			// A comparison of several columns has no single code to settle level 0 on.
			if (!column || !comparisons[c].exactFirst || comparisons[c].parts) continue;
			this.coded[c] = 1;
			for (let i = 0, at = c; i < n; i++, at += C) rows[at] = column[i];
		}
		this.rows = rows;
	}

	compare(pairs: CandidatePairs): Int8Array[] {
		const comparisons = this.comparisons;
		const C = comparisons.length;
		const gammas = comparisons.map(() => new Int8Array(pairs.length));
		const rows = this.rows;
		for (let p = 0; p < pairs.length; p++) {
			const i = pairs.left[p];
			const j = pairs.right[p];
			for (let c = 0; c < C; c++) {
				if (rows !== undefined && this.coded[c] === 1) {
					const a = rows[i * C + c];
					const b = rows[j * C + c];
					gammas[c][p] = a === 0 || b === 0 ? 0 : a === b ? 1 : comparisons[c].level(i, j);
				} else gammas[c][p] = comparisons[c].level(i, j);
			}
		}
		return gammas;
	}
}

/**
 * The distinct agreement patterns of `length` pairs (first seen first) and how many pairs have
 * each; `level(c, p)` is pair p's level on comparison c, below `levelCounts[c]`. A pattern is keyed
 * by one number (its levels as mixed-radix digits), not a string per pair: tens of millions of
 * pairs have a few hundred patterns.
 */
export function distinctPatterns(length: number, levelCounts: readonly number[], level: (c: number, p: number) => number): { patterns: number[][]; counts: number[] } {
	const C = levelCounts.length;
	const index = new Map<number | string, number>();
	const patterns: number[][] = [];
	const counts: number[] = [];
	const numeric = levelCounts.reduce((product, k) => product * Math.max(k, 1), 1) < Number.MAX_SAFE_INTEGER;
	for (let p = 0; p < length; p++) {
		let key: number | string = numeric ? 0 : '';
		for (let c = 0; c < C; c++) key = numeric ? (key as number) * levelCounts[c] + level(c, p) : `${key as string}${String.fromCharCode(48 + level(c, p))}`;
		const at = index.get(key);
		if (at !== undefined) {
			counts[at]++;
			continue;
		}
		index.set(key, patterns.length);
		const levels = new Array<number>(C);
		for (let c = 0; c < C; c++) levels[c] = level(c, p);
		patterns.push(levels);
		counts.push(1);
	}
	return { patterns, counts };
}

/**
 * EM for m and lambda with u fixed (as splink does by default). Runs over the distinct
 * agreement patterns with their counts, so it costs nothing per pair. Deterministic: the start
 * values are fixed, so every run gives the same parameters.
 */
export function estimateM(
	gammas: Int8Array[],
	length: number,
	comparisons: Comparison[],
	u: number[][],
	options: {
		maxIterations?: number;
		tolerance?: number;
		initialLambda?: number;
		/**
		 * Blocking rule of each pair and, per rule, the comparisons it blocks on. A pair found by
		 * blocking on a field agrees on it by construction, so that comparison tells EM nothing
		 * about m for that pair and is left out (splink trains per blocking rule for the same reason).
		 */
		ruleOf?: Uint8Array;
		ruleExcludes?: boolean[][];
	} = {},
): ModelParameters {
	const C = comparisons.length;
	const ruleOf = options.ruleOf;
	const excludes = options.ruleExcludes;
	const level = (c: number, p: number): number => (ruleOf && excludes && excludes[ruleOf[p]]?.[c] ? 0 : gammas[c][p]);
	const { patterns, counts: weights } = distinctPatterns(length, comparisons.map((comparison) => comparison.labels.length + 1), level);
	const m = comparisons.map((comparison) => {
		const k = comparison.labels.length;
		const row = new Array<number>(k + 1).fill(0);
		// Start: most mass on agreement, a little on "else".
		let rest = 0.35;
		row[1] = 0.65;
		for (let l = 2; l < k; l++) {
			row[l] = rest / 2;
			rest /= 2;
		}
		row[k] = Math.max(rest, 0.01);
		const sum = row.reduce((a, b) => a + b, 0);
		return row.map((v) => v / sum);
	});
	let lambda = options.initialLambda ?? 0.3;
	const maxIterations = options.maxIterations ?? 50;
	const tolerance = options.tolerance ?? 1e-6;
	let iterations = 0;
	const P = patterns.length;
	const posterior = new Float64Array(P);
	for (; iterations < maxIterations; iterations++) {
		// E step.
		let matchMass = 0;
		let totalMass = 0;
		for (let p = 0; p < P; p++) {
			let logRatio = Math.log(lambda / (1 - lambda));
			const levels = patterns[p];
			for (let c = 0; c < C; c++) {
				const l = levels[c];
				if (l === 0) continue;
				logRatio += Math.log(m[c][l] / u[c][l]);
			}
			const post = 1 / (1 + Math.exp(-logRatio));
			posterior[p] = post;
			matchMass += post * weights[p];
			totalMass += weights[p];
		}
		// M step.
		const newLambda = Math.min(Math.max(matchMass / totalMass, 1e-9), 1 - 1e-9);
		let change = Math.abs(newLambda - lambda);
		lambda = newLambda;
		for (let c = 0; c < C; c++) {
			const k = comparisons[c].labels.length;
			const acc = new Float64Array(k + 1);
			let denom = 0;
			for (let p = 0; p < P; p++) {
				const l = patterns[p][c];
				if (l === 0) continue;
				const w = posterior[p] * weights[p];
				acc[l] += w;
				denom += w;
			}
			if (denom <= 0) continue;
			let total = 0;
			for (let l = 1; l <= k; l++) total += Math.max(acc[l] / denom, 1e-6);
			for (let l = 1; l <= k; l++) {
				const value = Math.max(acc[l] / denom, 1e-6) / total;
				change = Math.max(change, Math.abs(value - m[c][l]));
				m[c][l] = value;
			}
		}
		if (change < tolerance) {
			iterations++;
			break;
		}
	}
	return {
		lambda,
		iterations,
		comparisons: comparisons.map((comparison, c) => ({ name: comparison.name, labels: comparison.labels, m: m[c], u: u[c] })),
	};
}

/**
 * m per comparison as splink trains it: one EM session per blocking rule, on that rule's own
 * pairs, each estimating m only for the comparisons the rule does not block on; the sessions'
 * estimates are averaged. Returns null for a comparison no session could estimate.
 */
export function averageM(sessions: Array<{ model: ModelParameters; excluded: boolean[] }>, comparisons: Comparison[]): Array<number[] | null> {
	return comparisons.map((comparison, c) => {
		const k = comparison.labels.length;
		const sum = new Array<number>(k + 1).fill(0);
		let count = 0;
		for (const session of sessions) {
			if (session.excluded[c]) continue;
			const m = session.model.comparisons[c].m;
			for (let l = 1; l <= k; l++) sum[l] += m[l];
			count++;
		}
		return count === 0 ? null : sum.map((v) => v / count);
	});
}

/** The share of matches among candidate pairs, by EM over lambda alone with m and u fixed. */
export function estimateLambda(gammas: Int8Array[], length: number, model: ModelParameters, iterations = 30): number {
	const ratio = model.comparisons.map((p) => p.m.map((m, l) => (l === 0 ? 0 : Math.log(m / p.u[l]))));
	// The iterations run over the distinct agreement patterns with their counts: nothing per pair.
	const { patterns, counts } = distinctPatterns(length, ratio.map((row) => row.length), (c, p) => gammas[c][p]);
	const evidence = patterns.map((levels) => levels.reduce((e, l, c) => e + ratio[c][l], 0));
	let lambda = 0.1;
	for (let it = 0; it < iterations; it++) {
		const prior = Math.log(lambda / (1 - lambda));
		let sum = 0;
		for (let k = 0; k < evidence.length; k++) sum += counts[k] / (1 + Math.exp(-(prior + evidence[k])));
		const next = Math.min(Math.max(sum / Math.max(length, 1), 1e-9), 1 - 1e-9);
		if (Math.abs(next - lambda) < 1e-7) {
			lambda = next;
			break;
		}
		lambda = next;
	}
	return lambda;
}

export interface PairScorer {
	/** Match weight (bits) of the pair given its levels, with TF adjustment. */
	weight(i: number, j: number, levels: ArrayLike<number>): number;
	/** Per-comparison contributions, for explanations. */
	contributions(i: number, j: number, levels: ArrayLike<number>): Array<{ comparison: string; level: string; weight: number }>;
}

export function pairScorer(
	model: ModelParameters,
	comparisons: Comparison[],
	columns: Array<string[] | undefined>,
	tfs: TermFrequencies[],
	options: {
		priorWeight?: number;
		/**
		 * Per record, 1 when its address houses two or more people and the record cannot be told
		 * to be one of them (no given name, or an undated name several of them carry): the
		 * household comparisons add nothing for it.
		 */
		sharedAddress?: Uint8Array;
		/**
		 * Per record, 1 when it holds a household value (a family mailbox, a landline) and has no
		 * given name: a member of that household, but which one cannot be told, so surname and
		 * address add nothing for it, wherever the other record lives.
		 */
		unknownMember?: Uint8Array;
	} = {},
): PairScorer {
	const C = comparisons.length;
	const prior = options.priorWeight ?? Math.log2(model.lambda / (1 - model.lambda));
	const levelWeights = model.comparisons.map((p) => p.m.map((m, l) => (l === 0 ? 0 : Math.log2(m / p.u[l]))));
	const tfAdjust = (c: number, i: number): number => {
		const values = columns[c];
		if (!comparisons[c].tf || !values) return 0;
		const tf = tfs[c];
		const count = tf.countOf(i) || 1;
		// Probability that a random other record has this value; u at exact level is its average.
		const share = Math.max(count / tf.total, 1 / tf.total);
		return Math.log2(model.comparisons[c].u[1] / share);
	};
	const given = comparisons.findIndex((c) => c.distinguishes !== undefined);
	const address = comparisons.findIndex((c) => c.sameAddress !== undefined);
	const shared = options.sharedAddress;
	const household = comparisons.map((c) => c.household === true);
	/**
	 * True when agreement on surname and address is household evidence only for this pair: the
	 * two records live at one address and cannot be one person (given names or birth dates
	 * clearly differ), or one of them cannot be told to be any one of the people the address
	 * houses. (Elsewhere a given-name disagreement is weighed as usual: a typo'd or replaced name
	 * of one person in two places.)
	 */
	const unknown = options.unknownMember;
	const householdOnly = (i: number, j: number, levels: ArrayLike<number>): boolean => {
		if (unknown !== undefined && (unknown[i] === 1 || unknown[j] === 1)) return true;
		if (given < 0 || address < 0 || !(comparisons[address].sameAddress as (level: number) => boolean)(levels[address])) return false;
		if (shared !== undefined && (shared[i] === 1 || shared[j] === 1)) return true;
		if (levels[given] === 0) return false;
		return (comparisons[given].distinguishes as (i: number, j: number) => boolean)(i, j);
	};
	// Comparisons that repeat others at some levels (see Comparison.dependsOn): per comparison, the
	// indices of the comparisons it repeats.
	const repeats = comparisons.map((c) => (c.dependsOn ?? []).map((name) => comparisons.findIndex((o) => o.name === name)).filter((k) => k >= 0));
	const dependents = comparisons.map((_, c) => c).filter((c) => repeats[c].length > 0);
	/** Per comparison, 1 when its agreement is already counted by a dependent comparison at the pair's level. */
	const counted = new Uint8Array(C);
	const markCounted = (levels: ArrayLike<number>): void => {
		if (dependents.length === 0) return;
		counted.fill(0);
		for (const d of dependents) if (levels[d] !== 0 && comparisons[d].dependentAt?.(levels[d])) for (const k of repeats[d]) counted[k] = 1;
	};
	const contribution = (c: number, i: number, l: number, capped: boolean): number => {
		const w = levelWeights[c][l] + (l === 1 ? tfAdjust(c, i) : 0);
		return (capped && household[c] && w > 0) || (counted[c] === 1 && w > 0) ? 0 : w;
	};
	return {
		weight(i, j, levels) {
			let w = prior;
			const capped = householdOnly(i, j, levels);
			markCounted(levels);
			for (let c = 0; c < C; c++) {
				const l = levels[c];
				if (l === 0) continue;
				w += contribution(c, i, l, capped);
			}
			return w;
		},
		contributions(i, j, levels) {
			const out: Array<{ comparison: string; level: string; weight: number }> = [];
			const capped = householdOnly(i, j, levels);
			markCounted(levels);
			for (let c = 0; c < C; c++) {
				const l = levels[c];
				if (l === 0) {
					out.push({ comparison: comparisons[c].name, level: 'missing', weight: 0 });
					continue;
				}
				const w = contribution(c, i, l, capped);
				const label = comparisons[c].labels[l - 1];
				const note = capped && household[c] && w === 0 ? ' (household, not the person)' : counted[c] === 1 && w === 0 ? ' (counted in the email)' : '';
				out.push({ comparison: comparisons[c].name, level: `${label}${note}`, weight: Math.round(w * 100) / 100 });
			}
			return out;
		},
	};
}

export function weightToProbability(weight: number): number {
	return 1 / (1 + Math.pow(2, -weight));
}
