// Validation metrics: AUC (with ties), log loss, Brier score, decile table (response rate, lift,
// cumulative gains), 10-bin calibration table, DeLong test for two correlated AUCs.
import { normSf } from '../stats/distributions';

/** Row indexes by ascending score (stable: equal scores keep index order). */
function order(scores: ArrayLike<number>): Int32Array {
	const idx = new Int32Array(scores.length);
	for (let i = 0; i < idx.length; i++) idx[i] = i;
	return idx.sort((a, b) => scores[a] - scores[b]);
}

/** Area under the ROC curve: the Mann-Whitney statistic with tied scores counted half. */
export function auc(y: ArrayLike<number>, scores: ArrayLike<number>, ascending: Int32Array = order(scores)): number {
	const idx = ascending;
	const n = idx.length;
	let positives = 0;
	let rankSum = 0;
	for (let i = 0; i < n; ) {
		let j = i;
		while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
		const rank = (i + j) / 2 + 1;
		for (let k = i; k <= j; k++) {
			if (y[idx[k]] !== 1) continue;
			positives++;
			rankSum += rank;
		}
		i = j + 1;
	}
	const negatives = n - positives;
	if (positives === 0 || negatives === 0) return NaN;
	return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < y.length; i++) {
		const q = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
		s -= y[i] ? Math.log(q) : Math.log(1 - q);
	}
	return s / y.length;
}

export function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
	return s / y.length;
}

export interface DecileRow {
	/** 1 = highest scores. */
	decile: number;
	count: number;
	responders: number;
	responseRate: number;
	meanScore: number;
	minScore: number;
	maxScore: number;
	/** Response rate over the overall rate. */
	lift: number;
	/** Share of all responders found in deciles 1..d. */
	cumulativeGains: number;
	cumulativeLift: number;
}

/**
 * Rows ranked by score (highest first) into `bins` groups of (near) equal count; rows with equal
 * scores are kept in rank order by index, so the table is deterministic.
 */
export function decileTable(y: ArrayLike<number>, scores: ArrayLike<number>, bins = 10, ascending: Int32Array = order(scores)): DecileRow[] {
	const n = y.length;
	const idx = ascending.slice().reverse();
	let total = 0;
	for (let i = 0; i < n; i++) total += y[i];
	const rate = total / n;
	const rows: DecileRow[] = [];
	let cumCount = 0;
	let cumResp = 0;
	for (let d = 0; d < bins; d++) {
		const from = Math.floor((d * n) / bins);
		const to = Math.floor(((d + 1) * n) / bins);
		let responders = 0;
		let sum = 0;
		let min = Infinity;
		let max = -Infinity;
		for (let k = from; k < to; k++) {
			const i = idx[k];
			responders += y[i];
			sum += scores[i];
			if (scores[i] < min) min = scores[i];
			if (scores[i] > max) max = scores[i];
		}
		const count = to - from;
		cumCount += count;
		cumResp += responders;
		const responseRate = count ? responders / count : NaN;
		rows.push({
			decile: d + 1,
			count,
			responders,
			responseRate,
			meanScore: count ? sum / count : NaN,
			minScore: min,
			maxScore: max,
			lift: responseRate / rate,
			cumulativeGains: total ? cumResp / total : NaN,
			cumulativeLift: cumCount ? cumResp / cumCount / rate : NaN,
		});
	}
	return rows;
}

export interface CalibrationBin {
	bin: number;
	count: number;
	meanPredicted: number;
	observedRate: number;
	/** observedRate - meanPredicted */
	gap: number;
}

/**
 * Calibration by bins of predicted probability: 'quantile' (equal counts, the default) or
 * 'uniform' (equal width on [0, 1]; empty bins are left out).
 */
export function calibrationTable(
	y: ArrayLike<number>,
	p: ArrayLike<number>,
	bins = 10,
	strategy: 'quantile' | 'uniform' = 'quantile',
	ascending?: Int32Array,
): CalibrationBin[] {
	const n = y.length;
	const count = new Float64Array(bins);
	const sumP = new Float64Array(bins);
	const sumY = new Float64Array(bins);
	if (strategy === 'uniform') {
		for (let i = 0; i < n; i++) {
			const b = Math.min(bins - 1, Math.floor(p[i] * bins));
			count[b]++;
			sumP[b] += p[i];
			sumY[b] += y[i];
		}
	} else {
		const idx = ascending ?? order(p);
		for (let b = 0; b < bins; b++) {
			for (let k = Math.floor((b * n) / bins); k < Math.floor(((b + 1) * n) / bins); k++) {
				count[b]++;
				sumP[b] += p[idx[k]];
				sumY[b] += y[idx[k]];
			}
		}
	}
	const out: CalibrationBin[] = [];
	for (let b = 0; b < bins; b++) {
		if (count[b] === 0) continue;
		const meanPredicted = sumP[b] / count[b];
		const observedRate = sumY[b] / count[b];
		out.push({ bin: b + 1, count: count[b], meanPredicted, observedRate, gap: observedRate - meanPredicted });
	}
	return out;
}

export interface Metrics {
	rows: number;
	responders: number;
	baseRate: number;
	auc: number;
	logLoss: number;
	brier: number;
	topDecileLift: number;
	/** Largest |observed - predicted| over the 10 quantile calibration bins. */
	calibrationMaxGap: number;
	deciles: DecileRow[];
	calibration: CalibrationBin[];
}

export function evaluate(y: ArrayLike<number>, p: ArrayLike<number>): Metrics {
	// One sort serves the AUC, the decile table and the calibration bins.
	const ascending = order(p);
	const deciles = decileTable(y, p, 10, ascending);
	const calibration = calibrationTable(y, p, 10, 'quantile', ascending);
	let responders = 0;
	for (let i = 0; i < y.length; i++) responders += y[i];
	return {
		rows: y.length,
		responders,
		baseRate: responders / y.length,
		auc: auc(y, p, ascending),
		logLoss: logLoss(y, p),
		brier: brier(y, p),
		topDecileLift: deciles[0].lift,
		calibrationMaxGap: Math.max(...calibration.map((c) => Math.abs(c.gap))),
		deciles,
		calibration,
	};
}

/** Structural components for DeLong: V10 (per positive) and V01 (per negative). */
function placements(y: ArrayLike<number>, s: ArrayLike<number>, pos: Int32Array, neg: Int32Array): { v10: Float64Array; v01: Float64Array; auc: number } {
	// Midranks among all, positives only, negatives only (Sun & Xu 2014 fast DeLong).
	const midranks = (rows: Int32Array) => {
		const sorted = Int32Array.from(rows).sort((a, b) => s[a] - s[b]);
		const r = new Map<number, number>();
		for (let i = 0; i < sorted.length; ) {
			let j = i;
			while (j + 1 < sorted.length && s[sorted[j + 1]] === s[sorted[i]]) j++;
			for (let k = i; k <= j; k++) r.set(sorted[k], (i + j) / 2 + 1);
			i = j + 1;
		}
		return r;
	};
	const all = new Int32Array(pos.length + neg.length);
	all.set(pos);
	all.set(neg, pos.length);
	const rAll = midranks(all);
	const rPos = midranks(pos);
	const rNeg = midranks(neg);
	const m = pos.length;
	const n = neg.length;
	const v10 = new Float64Array(m);
	const v01 = new Float64Array(n);
	let sum = 0;
	for (let i = 0; i < m; i++) {
		v10[i] = (rAll.get(pos[i])! - rPos.get(pos[i])!) / n;
		sum += v10[i];
	}
	for (let j = 0; j < n; j++) v01[j] = 1 - (rAll.get(neg[j])! - rNeg.get(neg[j])!) / m;
	void y;
	return { v10, v01, auc: sum / m };
}

function covariance(a: Float64Array, b: Float64Array): number {
	const n = a.length;
	let ma = 0;
	let mb = 0;
	for (let i = 0; i < n; i++) {
		ma += a[i];
		mb += b[i];
	}
	ma /= n;
	mb /= n;
	let s = 0;
	for (let i = 0; i < n; i++) s += (a[i] - ma) * (b[i] - mb);
	return s / (n - 1);
}

export interface AucComparison {
	aucA: number;
	aucB: number;
	/** aucB - aucA */
	difference: number;
	standardError: number;
	z: number;
	/** Two-sided p-value of DeLong's test for two correlated AUCs. */
	pValue: number;
}

/** DeLong et al. (1988) test of two models' AUCs on the same rows. */
export function compareAuc(y: ArrayLike<number>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>): AucComparison {
	const pos: number[] = [];
	const neg: number[] = [];
	for (let i = 0; i < y.length; i++) (y[i] === 1 ? pos : neg).push(i);
	const P = Int32Array.from(pos);
	const N = Int32Array.from(neg);
	const a = placements(y, scoresA, P, N);
	const b = placements(y, scoresB, P, N);
	const varDiff =
		(covariance(a.v10, a.v10) + covariance(b.v10, b.v10) - 2 * covariance(a.v10, b.v10)) / P.length +
		(covariance(a.v01, a.v01) + covariance(b.v01, b.v01) - 2 * covariance(a.v01, b.v01)) / N.length;
	const difference = b.auc - a.auc;
	const standardError = Math.sqrt(Math.max(varDiff, 0));
	const z = standardError > 0 ? difference / standardError : difference === 0 ? 0 : Infinity * Math.sign(difference);
	return { aucA: a.auc, aucB: b.auc, difference, standardError, z, pValue: standardError > 0 ? 2 * normSf(Math.abs(z)) : difference === 0 ? 1 : 0 };
}
