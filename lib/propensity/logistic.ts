// L2-regularized logistic regression by Newton/IRLS. X'WX is accumulated with plain Float64Array
// loops (a symmetric rank update of the upper triangle over each row's non-zero entries) and solved
// with ml-matrix's Cholesky decomposition.
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

export interface LogisticOptions {
	/** L2 penalty lambda on the non-intercept coefficients: maximizes LL - lambda/2 * |beta|^2 (default 0). */
	l2?: number;
	/** Per-row weights (e.g. class weights), default 1. */
	weights?: Float64Array;
	maxIterations?: number;
	/** Converged when the relative change of the penalized deviance is below this (default 1e-12). */
	tolerance?: number;
	/** Index of the intercept column, not penalized (default 0; -1 for none). */
	intercept?: number;
	/**
	 * On separation or a singular design, refit with a stronger penalty (default true). The result
	 * then carries a warning and the penalty actually used.
	 */
	autoRegularize?: boolean;
}

export interface LogisticFit {
	coefficients: Float64Array;
	/** sqrt(diag((X'WX + lambda I)^-1)); unweighted and unpenalized these equal statsmodels' bse. */
	standardErrors: Float64Array;
	/** Log-likelihood (weighted if weights are given), without the penalty. */
	logLik: number;
	iterations: number;
	converged: boolean;
	/** The penalty used (larger than asked for when the solver had to regularize). */
	l2: number;
	warnings: string[];
}

export class SeparationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SeparationError';
	}
}

/**
 * A design by rows with a fixed number of stored entries per row (ELLPACK): entry s of row i is
 * column index[i * stride + s] with value value[i * stride + s]. Column indexes ascend within a row
 * and never repeat, except padding entries whose value is 0. One-hot blocks store one entry
 * instead of a block of zeros, so X'WX costs stride^2 / 2 per row instead of p^2 / 2.
 */
export interface RowDesign {
	n: number;
	p: number;
	stride: number;
	index: Int32Array;
	value: Float64Array;
}

/** The row design of a dense row-major n x p matrix (its non-zero entries, padded to the widest row). */
export function rowDesign(x: Float64Array, n: number, p: number): RowDesign {
	let stride = 1;
	for (let i = 0, o = 0; i < n; i++, o += p) {
		let nnz = 0;
		for (let j = 0; j < p; j++) if (x[o + j] !== 0) nnz++;
		if (nnz > stride) stride = nnz;
	}
	const index = new Int32Array(n * stride);
	const value = new Float64Array(n * stride);
	for (let i = 0, o = 0; i < n; i++, o += p) {
		let q = i * stride;
		for (let j = 0; j < p; j++) {
			const v = x[o + j];
			if (v !== 0) {
				index[q] = j;
				value[q++] = v;
			}
		}
	}
	return { n, p, stride, index, value };
}

function linear(d: RowDesign, beta: ArrayLike<number>, out: Float64Array): void {
	const { n, stride: m, index, value } = d;
	for (let i = 0, o = 0; i < n; i++, o += m) {
		let e = 0;
		for (let s = 0; s < m; s++) e += value[o + s] * beta[index[o + s]];
		out[i] = e;
	}
}

/** Probabilities sigmoid(x beta) of every row of a row design. */
export function predictRows(d: RowDesign, beta: ArrayLike<number>): Float64Array {
	const out = new Float64Array(d.n);
	linear(d, beta, out);
	for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
	return out;
}

function penalty(beta: Float64Array, l2: number, intercept: number): number {
	if (l2 === 0) return 0;
	let s = 0;
	for (let j = 0; j < beta.length; j++) if (j !== intercept) s += beta[j] * beta[j];
	return 0.5 * l2 * s;
}

/** The non-zero entries of a row design, row by row (CSR): zero-valued stored entries are dropped. */
interface Compact {
	n: number;
	p: number;
	start: Int32Array;
	/** Column index times p: the row offset into the p x p Hessian. */
	rowOffset: Int32Array;
	index: Int32Array;
	value: Float64Array;
}

function compact(d: RowDesign): Compact {
	const { n, p, stride: m, index, value } = d;
	let nnz = 0;
	for (let q = 0; q < value.length; q++) if (value[q] !== 0) nnz++;
	const start = new Int32Array(n + 1);
	const ci = new Int32Array(nnz);
	const cv = new Float64Array(nnz);
	let k = 0;
	for (let i = 0, o = 0; i < n; i++, o += m) {
		for (let s = 0; s < m; s++) {
			if (value[o + s] === 0) continue;
			ci[k] = index[o + s];
			cv[k++] = value[o + s];
		}
		start[i + 1] = k;
	}
	return { n, p, start, rowOffset: ci.map((j) => j * p), index: ci, value: cv };
}

/**
 * Accumulates X'WX (full symmetric p x p) and X'(w (y - mu)) in one pass, and returns the
 * log-likelihood at eta (one exp and one log1p per row). X'WX is a symmetric rank-1 update per row
 * over the row's non-zero entries only.
 */
function normalEquations(d: Compact, eta: Float64Array, y: ArrayLike<number>, weights: Float64Array | undefined, h: Float64Array, g: Float64Array): number {
	h.fill(0);
	g.fill(0);
	let ll = 0;
	const { n, p, start, rowOffset, index, value } = d;
	for (let i = 0; i < n; i++) {
		const e = eta[i];
		let mu: number;
		let softplus: number;
		if (e > 0) {
			const ex = Math.exp(-e);
			mu = 1 / (1 + ex);
			softplus = e + Math.log1p(ex);
		} else {
			const ex = Math.exp(e);
			mu = ex / (1 + ex);
			softplus = Math.log1p(ex);
		}
		const wi = weights ? weights[i] : 1;
		ll += wi * (y[i] * e - softplus);
		const v = wi * mu * (1 - mu);
		const r = wi * (y[i] - mu);
		const end = start[i + 1];
		// Column indexes within a row ascend, so (a, b) with b >= a fills the upper triangle.
		for (let k = start[i]; k < end; k++) {
			const xa = value[k];
			g[index[k]] += xa * r;
			const xav = xa * v;
			const base = rowOffset[k];
			for (let l = k; l < end; l++) h[base + index[l]] += xav * value[l];
		}
	}
	for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) h[b * p + a] = h[a * p + b];
	return ll;
}

function linearCompact(d: Compact, beta: ArrayLike<number>, out: Float64Array): void {
	const { n, start, index, value } = d;
	for (let i = 0; i < n; i++) {
		let e = 0;
		for (let k = start[i]; k < start[i + 1]; k++) e += value[k] * beta[index[k]];
		out[i] = e;
	}
}

function toMatrix(h: Float64Array, p: number): Matrix {
	const m = new Matrix(p, p);
	for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) m.set(a, b, h[a * p + b]);
	return m;
}

const COMPLETE_SEPARATION = 'The classes are completely separated: the features predict every row with probability 0 or 1, so no finite coefficients maximize the likelihood';
const QUASI_SEPARATION =
	'The classes are (quasi-)separated: a combination of features predicts some rows perfectly and the likelihood keeps rising as the coefficients grow, so no finite maximum exists';

/** Every weighted row fitted at probability 0 or 1 on its own class (statsmodels' perfect prediction). */
function allSaturated(eta: Float64Array, y: ArrayLike<number>, weights: Float64Array | undefined): boolean {
	for (let i = 0; i < eta.length; i++) {
		if (weights && !(weights[i] > 0)) continue;
		if ((2 * y[i] - 1) * eta[i] < 30) return false;
	}
	return true;
}

/**
 * Whether moving the coefficients along `step` moves the linear predictor of every weighted row
 * towards its own class (or not at all), by a visible amount for some: a separating direction.
 */
function separates(d: Compact, y: ArrayLike<number>, weights: Float64Array | undefined, step: number[]): boolean {
	const move = new Float64Array(d.n);
	linearCompact(d, step, move);
	let largest = 0;
	for (let i = 0; i < d.n; i++) if (!weights || weights[i] > 0) largest = Math.max(largest, Math.abs(move[i]));
	// A converged finite optimum leaves a step of rounding size; along a separating direction the
	// Newton step stays of order 1 on the saturated rows.
	if (largest < 1e-3) return false;
	for (let i = 0; i < d.n; i++) {
		if (weights && !(weights[i] > 0)) continue;
		if ((2 * y[i] - 1) * move[i] < -1e-6 * largest) return false;
	}
	return true;
}

function fitOnce(design: RowDesign, y: ArrayLike<number>, options: LogisticOptions, l2: number): LogisticFit {
	const { n, p } = design;
	const xs = compact(design);
	const intercept = options.intercept ?? 0;
	const maxIterations = options.maxIterations ?? 100;
	const tolerance = options.tolerance ?? 1e-12;
	const weights = options.weights;
	const beta = new Float64Array(p);
	// Start from the base rate in the intercept.
	if (intercept >= 0) {
		let sw = 0;
		let sy = 0;
		for (let i = 0; i < n; i++) {
			const wi = weights ? weights[i] : 1;
			sw += wi;
			sy += wi * y[i];
		}
		const rate = Math.min(Math.max(sy / sw, 1e-6), 1 - 1e-6);
		beta[intercept] = Math.log(rate / (1 - rate));
	}
	const eta = new Float64Array(n);
	linearCompact(xs, beta, eta);
	const h = new Float64Array(p * p);
	const g = new Float64Array(p);
	// h and g always hold the normal equations at the current beta (penalty not yet added).
	let logLik = normalEquations(xs, eta, y, weights, h, g);
	let objective = logLik - penalty(beta, l2, intercept);
	const trial = new Float64Array(p);
	const trialEta = new Float64Array(n);
	let converged = false;
	let iterations = 0;
	let chol: CholeskyDecomposition | undefined;
	for (; iterations < maxIterations; ) {
		for (let j = 0; j < p; j++) {
			if (j === intercept) continue;
			h[j * p + j] += l2;
			g[j] -= l2 * beta[j];
		}
		chol = new CholeskyDecomposition(toMatrix(h, p));
		if (!chol.isPositiveDefinite()) {
			if (allSaturated(eta, y, weights)) throw new SeparationError(COMPLETE_SEPARATION);
			throw new SeparationError('The design is singular (collinear or constant columns) or the classes are separated');
		}
		const step = chol.solve(Matrix.columnVector(Array.from(g))).getColumn(0);
		iterations++;
		// Step halving keeps every iteration an ascent step; the accepted trial's pass leaves the
		// next iteration's normal equations in h and g.
		let scale = 1;
		let accepted = false;
		let next = objective;
		let nextLogLik = logLik;
		for (let half = 0; half < 30; half++) {
			for (let j = 0; j < p; j++) trial[j] = beta[j] + scale * step[j];
			linearCompact(xs, trial, trialEta);
			nextLogLik = normalEquations(xs, trialEta, y, weights, h, g);
			next = nextLogLik - penalty(trial, l2, intercept);
			if (next >= objective - 1e-12 * Math.abs(objective)) {
				accepted = true;
				break;
			}
			scale /= 2;
		}
		if (!accepted) {
			logLik = normalEquations(xs, eta, y, weights, h, g);
			break;
		}
		beta.set(trial);
		eta.set(trialEta);
		logLik = nextLogLik;
		const change = Math.abs(next - objective) / (Math.abs(next) + 0.1);
		objective = next;
		let maxStep = 0;
		for (let j = 0; j < p; j++) maxStep = Math.max(maxStep, Math.abs(scale * step[j]));
		if (change < tolerance || maxStep < 1e-10) {
			converged = true;
			break;
		}
	}
	// Standard errors from the Hessian at the optimum (h holds X'WX at beta).
	for (let j = 0; j < p; j++) if (j !== intercept) h[j * p + j] += l2;
	chol = new CholeskyDecomposition(toMatrix(h, p));
	const standardErrors = new Float64Array(p);
	// Without a penalty, no finite maximum exists when a direction separates the classes: then the
	// Newton step at the end still moves every row towards its own class (the likelihood keeps
	// rising as the coefficients grow). At a finite maximum the step is ~0 or points both ways.
	if (l2 === 0 && chol.isPositiveDefinite()) {
		const step = chol.solve(Matrix.columnVector(Array.from(g))).getColumn(0);
		if (separates(xs, y, weights, step)) throw new SeparationError(QUASI_SEPARATION);
	}
	if (chol.isPositiveDefinite()) {
		const inverse = chol.solve(Matrix.eye(p, p));
		for (let j = 0; j < p; j++) standardErrors[j] = Math.sqrt(inverse.get(j, j));
	} else standardErrors.fill(NaN);
	const warnings: string[] = [];
	if (!converged) warnings.push(`The solver did not converge in ${iterations} iterations; the coefficients may be inaccurate`);
	return { coefficients: beta, standardErrors, logLik, iterations, converged, l2, warnings };
}

/**
 * Fits y ~ X. `x` is row-major n x p (the intercept column, if any, is all ones); `y` holds 0/1.
 * On separation or a singular design, refits with a stronger penalty (1e-3, 1e-2, ... up to 10 times
 * the row count) and says so in `warnings`, unless `autoRegularize` is false (then throws).
 */
export function fitLogistic(x: Float64Array, n: number, p: number, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
	return fitLogisticRows(rowDesign(x, n, p), y, options);
}

/** fitLogistic on a row design (see RowDesign), e.g. straight from encodeRows. */
export function fitLogisticRows(design: RowDesign, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
	const { n } = design;
	const asked = options.l2 ?? 0;
	try {
		return fitOnce(design, y, options, asked);
	} catch (error) {
		if (!(error instanceof SeparationError) || options.autoRegularize === false) throw error;
		let l2 = Math.max(asked * 10, 1e-3);
		for (; l2 <= 10 * n; l2 *= 10) {
			try {
				const fit = fitOnce(design, y, options, l2);
				fit.warnings.unshift(`${error.message}. Refitted with a stronger L2 penalty (lambda = ${l2}); treat the coefficients with care and check the features`);
				return fit;
			} catch (retry) {
				if (!(retry instanceof SeparationError)) throw retry;
			}
		}
		throw error;
	}
}

export function sigmoid(e: number): number {
	return 1 / (1 + Math.exp(-e));
}
