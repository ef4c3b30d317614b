// Uplift evaluation on rows with a known arm and outcome: Qini and uplift curves with their
// normalized areas (the definitions of scikit-uplift's qini_auc_score and uplift_auc_score),
// uplift at k% against random targeting, observed lift per predicted-uplift decile with intervals
// (lib/lift's two-proportion comparison) and the sample-ratio check of the arms (lib/stats).
import { addObservation, compareArm, emptyStats } from '../lift';
import { sampleRatioCheck } from '../stats/sampleRatio';

/** Row indexes by descending score; ties in reverse index order (numpy's stable argsort reversed). */
export function descendingOrder(score: ArrayLike<number>): Int32Array {
	const order = Int32Array.from({ length: score.length }, (_, i) => i);
	order.sort((a, b) => score[b] - score[a] || b - a);
	return order;
}

export interface Curve {
	/** Customers targeted (0, then the end of each run of equal scores). */
	x: Float64Array;
	y: Float64Array;
}

function curve(y: ArrayLike<number>, score: ArrayLike<number>, t: ArrayLike<number>, kind: 'qini' | 'uplift'): Curve {
	const order = descendingOrder(score);
	const n = order.length;
	const xs: number[] = [0];
	const ys: number[] = [0];
	let nt = 0;
	let yt = 0;
	let yc = 0;
	for (let r = 0; r < n; r++) {
		const i = order[r];
		if (t[i]) {
			nt++;
			yt += y[i];
		} else yc += y[i];
		if (r < n - 1 && score[order[r + 1]] === score[i]) continue;
		const all = r + 1;
		const nc = all - nt;
		if (kind === 'qini') ys.push(yt - (nc > 0 ? (yc * nt) / nc : 0));
		else ys.push(((nt > 0 ? yt / nt : 0) - (nc > 0 ? yc / nc : 0)) * all);
		xs.push(all);
	}
	return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

/** Qini curve: treated responders among the top x minus control responders scaled to the treated count. */
export function qiniCurve(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>): Curve {
	return curve(y, uplift, t, 'qini');
}

/** Uplift curve: (treated rate - control rate) among the top x, times x. */
export function upliftCurve(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>): Curve {
	return curve(y, uplift, t, 'uplift');
}

function trapezoid(c: Curve): number {
	let s = 0;
	for (let k = 1; k < c.x.length; k++) s += ((c.x[k] - c.x[k - 1]) * (c.y[k] + c.y[k - 1])) / 2;
	return s;
}

function normalizedArea(actual: Curve, perfect: Curve): number {
	const last = perfect.x.length - 1;
	const baseline = (perfect.x[last] * perfect.y[last]) / 2;
	return (trapezoid(actual) - baseline) / (trapezoid(perfect) - baseline);
}

/**
 * Qini coefficient: area between the Qini curve and the random line, over the same area of the
 * perfect ranking (treated responders first, control responders last): 1 is perfect, 0 random.
 */
export function qiniCoefficient(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>): number {
	const perfect = Float64Array.from(y, (v, i) => (t[i] ? v : -v));
	return normalizedArea(qiniCurve(y, uplift, t), qiniCurve(y, perfect, t));
}

/** AUUC: the uplift curve's area above the random line over the perfect ranking's (scikit-uplift's uplift_auc_score). */
export function auuc(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>): number {
	let controlResponders = 0;
	let treatedNonResponders = 0;
	for (let i = 0; i < y.length; i++) {
		if (y[i] && !t[i]) controlResponders++;
		if (!y[i] && t[i]) treatedNonResponders++;
	}
	const perfect = Float64Array.from(y, (v, i) => 2 * Number(v === t[i]) + (controlResponders > treatedNonResponders ? v : t[i]));
	return normalizedArea(upliftCurve(y, uplift, t), upliftCurve(y, perfect, t));
}

export interface UpliftAtK {
	/** Share of rows targeted (0.3 = the top 30% by predicted uplift). */
	k: number;
	rows: number;
	/** Treated rate minus control rate among the top k (null when an arm is absent there). */
	uplift: number | null;
	/** What random targeting of k% gains per customer: the uplift over all rows. */
	random: number | null;
	/** uplift / random: how much better than targeting at random. */
	ratioToRandom: number | null;
}

function rate(sum: number, n: number): number | null {
	return n > 0 ? sum / n : null;
}

/** Uplift among the top k of rows by predicted uplift (scikit-uplift's uplift_at_k, strategy "overall"). */
export function upliftAtK(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>, k = 0.3, order = descendingOrder(uplift)): UpliftAtK {
	const top = Math.floor(y.length * k);
	let nt = 0;
	let yt = 0;
	let nc = 0;
	let yc = 0;
	let allT = 0;
	let allYt = 0;
	let allYc = 0;
	for (let r = 0; r < order.length; r++) {
		const i = order[r];
		if (t[i]) {
			allT++;
			allYt += y[i];
		} else allYc += y[i];
		if (r < top) {
			if (t[i]) {
				nt++;
				yt += y[i];
			} else {
				nc++;
				yc += y[i];
			}
		}
	}
	const rt = rate(yt, nt);
	const rc = rate(yc, nc);
	const at = rate(allYt, allT);
	const ac = rate(allYc, y.length - allT);
	const value = rt === null || rc === null ? null : rt - rc;
	const random = at === null || ac === null ? null : at - ac;
	return { k, rows: top, uplift: value, random, ratioToRandom: value !== null && random ? value / random : null };
}

export interface UpliftDecile {
	/** 1 = the highest predicted uplift. */
	decile: number;
	rows: number;
	treated: number;
	control: number;
	meanPredicted: number;
	treatedRate: number | null;
	controlRate: number | null;
	/** Observed treated rate minus control rate, with its interval and p-value (lib/lift). */
	observed: number | null;
	ciLow: number | null;
	ciHigh: number | null;
	pValue: number | null;
}

/** Observed lift per tenth of rows by predicted uplift (rank deciles: equal sizes). */
export function upliftDeciles(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>, confidence = 0.95, order = descendingOrder(uplift)): UpliftDecile[] {
	const n = order.length;
	const rows: UpliftDecile[] = [];
	for (let d = 0; d < 10; d++) {
		const from = Math.floor((d * n) / 10);
		const to = Math.floor(((d + 1) * n) / 10);
		if (to <= from) continue;
		const treated = emptyStats();
		const control = emptyStats();
		let predicted = 0;
		for (let r = from; r < to; r++) {
			const i = order[r];
			addObservation(t[i] ? treated : control, y[i]);
			predicted += uplift[i];
		}
		const c = compareArm(control, treated, { kind: 'binary', confidence });
		rows.push({
			decile: d + 1,
			rows: to - from,
			treated: treated.n,
			control: control.n,
			meanPredicted: predicted / (to - from),
			treatedRate: c.treatmentValue,
			controlRate: c.controlValue,
			observed: c.absolute.estimate,
			ciLow: c.absolute.ciLow,
			ciHigh: c.absolute.ciHigh,
			pValue: c.absolute.pValue,
		});
	}
	return rows;
}

export interface UpliftMetrics {
	rows: number;
	treated: number;
	control: number;
	treatedRate: number | null;
	controlRate: number | null;
	qini: number | null;
	auuc: number | null;
	upliftAtK: UpliftAtK;
	deciles: UpliftDecile[];
	/** Chi-square check of the arm counts against the intended treated share. */
	sampleRatio: { expectedTreatedShare: number; chiSquare: number; pValue: number; mismatch: boolean };
}

export interface UpliftEvaluationOptions {
	/** Share targeted for uplift at k (default 0.3). */
	k?: number;
	confidence?: number;
	/** The intended treated share of the randomization (default 0.5), for the sample-ratio check. */
	treatedShare?: number;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function evaluateUplift(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>, options: UpliftEvaluationOptions = {}): UpliftMetrics {
	const order = descendingOrder(uplift);
	let treated = 0;
	let yt = 0;
	let yc = 0;
	for (let i = 0; i < y.length; i++) {
		if (t[i]) {
			treated++;
			yt += y[i];
		} else yc += y[i];
	}
	const control = y.length - treated;
	const share = options.treatedShare ?? 0.5;
	const srm = sampleRatioCheck(
		[
			{ name: 'control', share: 1 - share },
			{ name: 'treatment', share },
		],
		[control, treated],
	);
	const both = treated > 0 && control > 0;
	return {
		rows: y.length,
		treated,
		control,
		treatedRate: rate(yt, treated),
		controlRate: rate(yc, control),
		qini: both ? finiteOrNull(qiniCoefficient(y, uplift, t)) : null,
		auuc: both ? finiteOrNull(auuc(y, uplift, t)) : null,
		upliftAtK: upliftAtK(y, uplift, t, options.k ?? 0.3, order),
		deciles: upliftDeciles(y, uplift, t, options.confidence ?? 0.95, order),
		sampleRatio: { expectedTreatedShare: share, chiSquare: srm.chiSquare, pValue: srm.pValue, mismatch: srm.mismatch },
	};
}

/** The Qini curve at `points` evenly spaced shares of rows (for charts and reports), beside the random line. */
export function qiniPoints(y: ArrayLike<number>, uplift: ArrayLike<number>, t: ArrayLike<number>, points = 20): Array<{ share: number; qini: number; random: number }> {
	const c = qiniCurve(y, uplift, t);
	const n = y.length;
	const last = c.y[c.y.length - 1];
	const out: Array<{ share: number; qini: number; random: number }> = [];
	let k = 0;
	for (let p = 0; p <= points; p++) {
		const x = (p / points) * n;
		while (k < c.x.length - 1 && c.x[k + 1] <= x) k++;
		// Linear between the curve's points (the trapezoid the coefficient integrates).
		const value = k < c.x.length - 1 ? c.y[k] + ((c.y[k + 1] - c.y[k]) * (x - c.x[k])) / (c.x[k + 1] - c.x[k]) : c.y[k];
		out.push({ share: p / points, qini: value, random: n > 0 ? (last * x) / n : 0 });
	}
	return out;
}
