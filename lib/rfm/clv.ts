// Customer lifetime value: BG/NBD (Fader, Hardie & Lee 2005) for the number of repeat purchases and
// Gamma-Gamma (Fader, Hardie & Lee 2005b) for spend per purchase, both fitted by maximum likelihood
// with the log-likelihoods as in CamDavidsonPilon/lifetimes (BetaGeoFitter, GammaGammaFitter).
//
// Inputs per customer, in one time unit (days, weeks, ...): x = repeat purchases (purchase periods
// after the first), tx = time of the last purchase since the first, T = time from the first
// purchase to the end of the observation period; m = mean spend of the repeat purchases.
import gammaln from '@stdlib/math-base-special-gammaln';
import { minimize } from './optimize';

export interface BgNbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

export interface GammaGammaParams {
	p: number;
	q: number;
	v: number;
}

export interface FitInfo {
	/** Total log-likelihood at the optimum. */
	logLik: number;
	customers: number;
	iterations: number;
	converged: boolean;
}

export class ClvFitError extends Error {}

function logAddExp(a: number, b: number): number {
	const m = Math.max(a, b);
	return m === -Infinity ? -Infinity : m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** Total BG/NBD log-likelihood (lifetimes' BetaGeoFitter formulation). */
export function bgNbdLogLik(params: BgNbdParams, x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): number {
	const { r, alpha, a, b } = params;
	const lnR = gammaln(r);
	const lnAlpha = Math.log(alpha);
	const lnAB = gammaln(a + b);
	const lnB = gammaln(b);
	const lnA = Math.log(a);
	let total = 0;
	for (let i = 0; i < x.length; i++) {
		const xi = x[i];
		const a1 = gammaln(r + xi) - lnR + r * lnAlpha;
		const a2 = lnAB + gammaln(b + xi) - lnB - gammaln(a + b + xi);
		const a3 = -(r + xi) * Math.log(alpha + T[i]);
		const a4 = xi > 0 ? lnA - Math.log(b + xi - 1) - (r + xi) * Math.log(tx[i] + alpha) : -Infinity;
		total += a1 + a2 + logAddExp(a3, a4);
	}
	return total;
}

function checkSummary(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): void {
	if (x.length !== tx.length || x.length !== T.length) throw new ClvFitError('x, tx and T must have the same length');
	for (let i = 0; i < x.length; i++) {
		if (!(x[i] >= 0) || !Number.isInteger(x[i])) throw new ClvFitError(`customer ${i}: x must be a whole number >= 0`);
		if (!(tx[i] >= 0) || !(T[i] >= tx[i])) throw new ClvFitError(`customer ${i}: need 0 <= tx <= T`);
		if (x[i] === 0 && tx[i] !== 0) throw new ClvFitError(`customer ${i}: tx must be 0 when x is 0`);
	}
}

/** Maximum-likelihood BG/NBD fit (Nelder-Mead on log-parameters, time rescaled by max(T) as lifetimes does). */
export function fitBgNbd(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): BgNbdParams & FitInfo {
	checkSummary(x, tx, T);
	if (x.length < 2) throw new ClvFitError('BG/NBD needs at least 2 customers');
	let maxT = 0;
	for (let i = 0; i < T.length; i++) maxT = Math.max(maxT, T[i]);
	if (!(maxT > 0)) throw new ClvFitError('BG/NBD needs an observation period T > 0');
	const scale = 1 / maxT;
	const txs = Float64Array.from(tx, (v) => v * scale);
	const Ts = Float64Array.from(T, (v) => v * scale);
	const n = x.length;
	const objective = (p: number[]) => {
		const [r, alpha, a, b] = p.map(Math.exp);
		return -bgNbdLogLik({ r, alpha, a, b }, x, txs, Ts) / n;
	};
	const result = minimize(objective, [0, 0, 0, 0]);
	const [r, alphaScaled, a, b] = result.x.map(Math.exp);
	const params = { r, alpha: alphaScaled / scale, a, b };
	return { ...params, logLik: bgNbdLogLik(params, x, tx, T), customers: n, iterations: result.iterations, converged: result.converged };
}

/** Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, by its power series. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
	if (!(z >= 0 && z < 1)) throw new RangeError('hyp2f1: z must be in [0, 1)');
	let term = 1;
	let sum = 1;
	for (let k = 0; k < 1_000_000; k++) {
		term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
		sum += term;
		if (Math.abs(term) <= 1e-15 * Math.abs(sum) && k > 5) return sum;
	}
	return sum;
}

/** P(alive) at the end of the observation period. */
export function bgNbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
	if (x === 0) return 1;
	const { r, alpha, a, b } = params;
	const logRatio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
	return 1 / (1 + Math.exp(logRatio));
}

/** Expected number of purchases in the next t time units, given a customer's history (x, tx, T). */
export function bgNbdConditionalExpected(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
	if (t <= 0) return 0;
	const { r, alpha, a, b } = params;
	const first = (a + b + x - 1) / (a - 1);
	const second = 1 - hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)) * Math.pow((alpha + T) / (alpha + T + t), r + x);
	const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
	return (first * second) / denominator;
}

/** Total Gamma-Gamma log-likelihood over customers with x > 0 (lifetimes' GammaGammaFitter formulation). */
export function gammaGammaLogLik(params: GammaGammaParams, x: ArrayLike<number>, m: ArrayLike<number>): number {
	const { p, q, v } = params;
	const lnQ = gammaln(q);
	const lnV = Math.log(v);
	let total = 0;
	for (let i = 0; i < x.length; i++) {
		const xi = x[i];
		const mi = m[i];
		total +=
			gammaln(p * xi + q) - gammaln(p * xi) - lnQ + q * lnV + (p * xi - 1) * Math.log(mi) + p * xi * Math.log(xi) - (p * xi + q) * Math.log(xi * mi + v);
	}
	return total;
}

/** Maximum-likelihood Gamma-Gamma fit on the customers with at least one repeat purchase (x > 0, m > 0). */
export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>): GammaGammaParams & FitInfo {
	const xs: number[] = [];
	const ms: number[] = [];
	for (let i = 0; i < x.length; i++) {
		if (x[i] > 0) {
			if (!(m[i] > 0)) throw new ClvFitError(`customer ${i}: mean repeat spend must be > 0 for Gamma-Gamma`);
			xs.push(x[i]);
			ms.push(m[i]);
		}
	}
	if (xs.length < 2) throw new ClvFitError('Gamma-Gamma needs at least 2 customers with repeat purchases');
	const n = xs.length;
	const objective = (params: number[]) => {
		const [p, q, v] = params.map(Math.exp);
		return -gammaGammaLogLik({ p, q, v }, xs, ms) / n;
	};
	const result = minimize(objective, [0, 0, 0]);
	const [p, q, v] = result.x.map(Math.exp);
	return { p, q, v, logLik: gammaGammaLogLik({ p, q, v }, xs, ms), customers: n, iterations: result.iterations, converged: result.converged };
}

/** Expected mean spend per purchase for a customer with x repeat purchases of mean m (the population mean when x = 0). */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
	const { p, q, v } = params;
	if (x <= 0 || !(m > 0)) return (p * v) / (q - 1);
	return (p * (v + x * m)) / (p * x + q - 1);
}

export interface ClvOptions {
	/** Horizon in the model's time unit. */
	horizon: number;
	/** Length of one discounting period in the time unit (e.g. 30.4375 for months in days). */
	period: number;
	/** Discount rate per period (e.g. a monthly rate). */
	discountRate: number;
}

/**
 * CLV = expected spend per purchase x sum over periods of the expected purchases in the period,
 * discounted: sum_i (E[N(t_i)] - E[N(t_{i-1})]) / (1 + d)^i, t_i = min(i * period, horizon).
 */
export function customerLifetimeValue(
	bgnbd: BgNbdParams,
	spend: number,
	x: number,
	tx: number,
	T: number,
	options: ClvOptions,
): number {
	const steps = Math.ceil(options.horizon / options.period);
	let previous = 0;
	let value = 0;
	for (let i = 1; i <= steps; i++) {
		const t = Math.min(i * options.period, options.horizon);
		const expected = bgNbdConditionalExpected(bgnbd, t, x, tx, T);
		value += (expected - previous) / Math.pow(1 + options.discountRate, i);
		previous = expected;
	}
	return value * spend;
}
