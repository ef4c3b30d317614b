// Population stability index (PSI) between the training population and a scoring population, per
// feature and for the score. Bins are fitted on training data and stored in the model.
import { categoryOf, OTHER_LEVEL, parseBoolean, parseDate, parseNumber, type FittedFeature } from './features';

/** Training distribution of one feature: numeric by up to 10 quantile bins (+ missing), categories by level. */
export type FeatureProfile =
	| { feature: string; kind: 'numeric'; edges: number[]; shares: number[]; missingShare: number }
	| { feature: string; kind: 'categorical'; levels: string[]; shares: number[]; otherShare: number };

export interface ScoreProfile {
	/** Upper edges of training probability deciles 1..9 (ascending). */
	edges: number[];
	shares: number[];
}

const EPS = 1e-4;
export const PSI_WARNING = 0.2;

export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < expected.length; i++) {
		const e = Math.max(expected[i], EPS);
		const a = Math.max(actual[i], EPS);
		s += (a - e) * Math.log(a / e);
	}
	return s;
}

/** Index of the bin: the first edge >= v (edges ascending), else edges.length. */
export function binOf(edges: ArrayLike<number>, v: number): number {
	let lo = 0;
	let hi = edges.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (v <= edges[mid]) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Unique decile edges (values at the 10%, ..., 90% quantiles) of the finite values. */
export function quantileEdges(values: Float64Array, bins = 10): number[] {
	// Only bins + 1 order statistics are needed: select them instead of sorting everything.
	let n = 0;
	for (let k = 0; k < values.length; k++) if (!Number.isNaN(values[k])) n++;
	const present = new Float64Array(n);
	for (let k = 0, j = 0; k < values.length; k++) if (!Number.isNaN(values[k])) present[j++] = values[k];
	const edges: number[] = [];
	if (n === 0) return edges;
	const ranks: number[] = [];
	for (let b = 1; b < bins; b++) ranks.push(Math.max(0, Math.floor((b * n) / bins) - 1));
	selectRanks(present, [...ranks, n - 1]);
	for (const r of ranks) {
		const v = present[r];
		if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
	}
	if (edges[edges.length - 1] >= present[n - 1]) edges.pop();
	return edges;
}

/** Rearranges `a` so that each position in `ranks` holds the value a full ascending sort would put there. */
export function selectRanks(a: Float64Array, ranks: number[]): void {
	select(a, 0, a.length - 1, [...new Set(ranks)].sort((x, y) => x - y));
}

/** Rearranges a[lo..hi] so that every position in `ranks` (ascending) holds its sorted value. */
function select(a: Float64Array, lo: number, hi: number, ranks: number[]): void {
	while (ranks.length > 0 && lo < hi) {
		const pivot = median3(a[lo], a[(lo + hi) >> 1], a[hi]);
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) {
				const t = a[i];
				a[i++] = a[j];
				a[j--] = t;
			}
		}
		// Now a[lo..j] <= pivot, a[i..hi] >= pivot, and j < positions < i hold the pivot.
		const left = ranks.filter((r) => r <= j);
		const right = ranks.filter((r) => r >= i);
		if (left.length > 0) select(a, lo, j, left);
		ranks = right;
		lo = i;
	}
}

function median3(x: number, y: number, z: number): number {
	return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}


function rawNumeric(f: FittedFeature, values: ArrayLike<unknown>, rows: ArrayLike<number> | null, n: number): Float64Array {
	const x = new Float64Array(n);
	const asOf = f.type === 'date' ? parseDate(f.asOf) : 0;
	for (let k = 0; k < n; k++) {
		const raw = values[rows ? rows[k] : k];
		if (f.type === 'date') {
			const t = parseDate(raw);
			x[k] = Number.isNaN(t) ? NaN : (asOf - t) / 86_400_000;
		} else if (f.type === 'boolean') x[k] = parseBoolean(raw);
		else x[k] = typeof raw === 'number' ? raw : parseNumber(raw);
	}
	return x;
}

function numericShares(x: Float64Array, edges: number[]): { shares: number[]; missingShare: number } {
	const counts = new Float64Array(edges.length + 1);
	let missing = 0;
	for (let k = 0; k < x.length; k++) {
		if (Number.isNaN(x[k])) missing++;
		else counts[binOf(edges, x[k])]++;
	}
	const n = x.length || 1;
	return { shares: Array.from(counts, (c) => c / n), missingShare: missing / n };
}

function categoricalShares(values: ArrayLike<unknown>, rows: ArrayLike<number> | null, n: number, levels: string[]): { shares: number[]; otherShare: number } {
	const index = new Map(levels.map((l, i) => [l, i]));
	const counts = new Float64Array(levels.length);
	let other = 0;
	for (let k = 0; k < n; k++) {
		const j = index.get(categoryOf(values[rows ? rows[k] : k]));
		if (j === undefined) other++;
		else counts[j]++;
	}
	return { shares: Array.from(counts, (c) => c / (n || 1)), otherShare: other / (n || 1) };
}

export function profileFeature(f: FittedFeature, values: ArrayLike<unknown>, rows: ArrayLike<number> | null, n: number): FeatureProfile {
	if (f.type === 'categorical') {
		const levels = [f.reference, ...f.levels.filter((l) => l !== OTHER_LEVEL), ...f.pooled];
		const { shares, otherShare } = categoricalShares(values, rows, n, levels);
		return { feature: f.name, kind: 'categorical', levels, shares, otherShare };
	}
	const x = rawNumeric(f, values, rows, n);
	const edges = f.type === 'boolean' ? [0] : quantileEdges(x);
	return { feature: f.name, kind: 'numeric', edges, ...numericShares(x, edges) };
}

export function featurePsi(profile: FeatureProfile, f: FittedFeature, values: ArrayLike<unknown>, n: number): number {
	if (profile.kind === 'categorical') {
		const { shares, otherShare } = categoricalShares(values, null, n, profile.levels);
		return psi([...profile.shares, profile.otherShare], [...shares, otherShare]);
	}
	const x = rawNumeric(f, values, null, n);
	const { shares, missingShare } = numericShares(x, profile.edges);
	return psi([...profile.shares, profile.missingShare], [...shares, missingShare]);
}

export function scoreProfile(p: Float64Array): ScoreProfile {
	const edges = quantileEdges(p);
	const counts = new Float64Array(edges.length + 1);
	for (let i = 0; i < p.length; i++) counts[binOf(edges, p[i])]++;
	return { edges, shares: Array.from(counts, (c) => c / p.length) };
}

export function scorePsi(profile: ScoreProfile, p: Float64Array): number {
	const counts = new Float64Array(profile.edges.length + 1);
	for (let i = 0; i < p.length; i++) counts[binOf(profile.edges, p[i])]++;
	return psi(profile.shares, Array.from(counts, (c) => c / (p.length || 1)));
}
