// Scores 1-5 by quintiles, with a deterministic tie rule, or by user-given cut points.
//
// Quintile rule: a customer's score is 1 + floor(5 x the share of scored customers who are strictly
// worse), where worse means lower frequency, lower monetary value, or a LONGER recency (recency is
// reversed: recent = 5). Tied values therefore always get the same score, whatever the input
// order; with all values distinct it is an equal-count quintile split. It equals pandas
// floor(5 * (rank(method="min") - 1) / n) + 1 (rank descending for recency).
//
// Cut points: four ascending thresholds. Frequency and monetary: score = 1 + the number of cut
// points <= value. Recency (days): score = 5 - the number of cut points < value, so with
// [30, 90, 180, 365] a purchase within 30 days scores 5 and one over 365 days ago scores 1.
// Customers without a purchase (NaN) get score 0.
//
// Money is compared at the currency's minor unit (cents by default): 129.98 and
// 129.98000000000002, the same spend summed in another order, must tie.

export type CutPoints = [number, number, number, number];

/**
 * Quintile scores 1-5 (0 for NaN). `higherIsBetter` false for recency.
 *
 * One sort per column, then four thresholds instead of a search per customer: with `worse` the
 * number of scored values strictly worse than v, score >= k iff 5 x worse >= (k - 1) x count, iff
 * worse >= w = ceil((k - 1) x count / 5), iff v > sorted[w - 1] (higher is better) or
 * v < sorted[count - w] (lower is better). Same scores as 1 + floor(5 x worse / count).
 */
export function quintileScores(values: ArrayLike<number>, higherIsBetter: boolean): Uint8Array {
	const n = values.length;
	let count = 0;
	for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) count++;
	const scores = new Uint8Array(n);
	if (count === 0) return scores;
	const sorted = new Float64Array(count);
	for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(values[i])) sorted[k++] = values[i];
	sorted.sort();
	const thresholds = new Float64Array(4);
	for (let k = 2; k <= 5; k++) {
		const w = Math.ceil(((k - 1) * count) / 5);
		thresholds[k - 2] = higherIsBetter ? sorted[w - 1] : sorted[count - w];
	}
	const [t2, t3, t4, t5] = thresholds;
	for (let i = 0; i < n; i++) {
		const v = values[i];
		if (Number.isNaN(v)) continue;
		scores[i] = higherIsBetter ? 1 + +(v > t2) + +(v > t3) + +(v > t4) + +(v > t5) : 1 + +(v < t2) + +(v < t3) + +(v < t4) + +(v < t5);
	}
	return scores;
}

/** Default digits after the decimal point of a currency's minor unit (cents). */
export const DEFAULT_CURRENCY_DECIMALS = 2;

/**
 * Amounts rounded to the currency's minor unit (`decimals` 0 for JPY, 2 for EUR/USD, 3 for KWD),
 * NaN kept. Each count of minor units maps to one double, so amounts equal after rounding are
 * identical and share a score.
 */
export function roundToMinorUnit(values: ArrayLike<number>, decimals = DEFAULT_CURRENCY_DECIMALS): Float64Array {
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new RangeError(`Currency decimals: expected a whole number from 0 to 6, got ${decimals}`);
	const scale = 10 ** decimals;
	const rounded = new Float64Array(values.length);
	for (let i = 0; i < values.length; i++) rounded[i] = Math.round(values[i] * scale) / scale;
	return rounded;
}

export function checkCutPoints(cuts: number[], name: string): CutPoints {
	if (cuts.length !== 4 || cuts.some((c) => !Number.isFinite(c))) throw new RangeError(`${name} cut points: expected 4 numbers, got ${cuts.length}`);
	for (let i = 1; i < 4; i++) if (!(cuts[i] > cuts[i - 1])) throw new RangeError(`${name} cut points must be strictly ascending`);
	return cuts as CutPoints;
}

/** Scores 1-5 (0 for NaN) from four ascending cut points. */
export function cutPointScores(values: ArrayLike<number>, cuts: CutPoints, higherIsBetter: boolean): Uint8Array {
	const scores = new Uint8Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (Number.isNaN(v)) continue;
		let s = 0;
		if (higherIsBetter) {
			for (const c of cuts) if (c <= v) s++;
			scores[i] = 1 + s;
		} else {
			for (const c of cuts) if (c < v) s++;
			scores[i] = 5 - s;
		}
	}
	return scores;
}
