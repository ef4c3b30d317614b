// Nelder-Mead minimization (no derivatives), with restarts from the best vertex until a restart no
// longer improves the minimum. Used for the maximum-likelihood fits in clv.ts, on log-parameters.

export interface MinimizeResult {
	x: number[];
	fx: number;
	iterations: number;
	restarts: number;
	converged: boolean;
}

export interface MinimizeOptions {
	/** Stop a run when the simplex's function values differ by less than this (absolute). Default 1e-10. */
	fTolerance?: number;
	/** ... and its vertices by less than this in every coordinate. Default 1e-9. */
	xTolerance?: number;
	/** Iterations per run. Default 5000. */
	maxIterations?: number;
	/** Runs restarted from the best point. Default 10. */
	maxRestarts?: number;
	/** Initial simplex step per coordinate. Default 0.5. */
	step?: number;
}

function nelderMeadRun(f: (x: number[]) => number, x0: number[], step: number, fTol: number, xTol: number, maxIter: number) {
	const n = x0.length;
	// Adaptive coefficients (Gao & Han 2012) behave better than the classic ones as n grows.
	const alpha = 1;
	const beta = 1 + 2 / n;
	const gamma = 0.75 - 1 / (2 * n);
	const delta = 1 - 1 / n;
	const value = (x: number[]) => {
		const v = f(x);
		return Number.isFinite(v) ? v : Infinity;
	};
	let simplex: number[][] = [x0.slice()];
	for (let i = 0; i < n; i++) {
		const p = x0.slice();
		p[i] += step;
		simplex.push(p);
	}
	let values = simplex.map(value);
	let iterations = 0;
	let converged = false;
	while (iterations < maxIter) {
		iterations++;
		const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
		simplex = order.map((i) => simplex[i]);
		values = order.map((i) => values[i]);
		let spread = 0;
		for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(simplex[i][j] - simplex[0][j]));
		if (Math.abs(values[n] - values[0]) <= fTol && spread <= xTol) {
			converged = true;
			break;
		}
		const centroid = new Array<number>(n).fill(0);
		for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
		const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
		const reflected = along(-alpha);
		const fr = value(reflected);
		if (fr < values[0]) {
			const expanded = along(-alpha * beta);
			const fe = value(expanded);
			if (fe < fr) {
				simplex[n] = expanded;
				values[n] = fe;
			} else {
				simplex[n] = reflected;
				values[n] = fr;
			}
			continue;
		}
		if (fr < values[n - 1]) {
			simplex[n] = reflected;
			values[n] = fr;
			continue;
		}
		const outside = fr < values[n];
		const contracted = along(outside ? -alpha * gamma : gamma);
		const fc = value(contracted);
		if (fc < (outside ? fr : values[n])) {
			simplex[n] = contracted;
			values[n] = fc;
			continue;
		}
		for (let i = 1; i <= n; i++) {
			simplex[i] = simplex[i].map((x, j) => simplex[0][j] + delta * (x - simplex[0][j]));
			values[i] = value(simplex[i]);
		}
	}
	let best = 0;
	for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
	return { x: simplex[best], fx: values[best], iterations, converged };
}

/** Minimizes f from x0 with Nelder-Mead, restarting from the best point until it stops improving. */
export function minimize(f: (x: number[]) => number, x0: number[], options: MinimizeOptions = {}): MinimizeResult {
	const fTol = options.fTolerance ?? 1e-10;
	const xTol = options.xTolerance ?? 1e-9;
	const maxIter = options.maxIterations ?? 5000;
	const maxRestarts = options.maxRestarts ?? 10;
	let step = options.step ?? 0.5;
	let run = nelderMeadRun(f, x0, step, fTol, xTol, maxIter);
	let iterations = run.iterations;
	let restarts = 0;
	while (restarts < maxRestarts) {
		step = Math.max(step / 2, 1e-3);
		const next = nelderMeadRun(f, run.x, step, fTol, xTol, maxIter);
		iterations += next.iterations;
		restarts++;
		const improved = next.fx < run.fx - fTol;
		if (next.fx <= run.fx) run = next;
		if (!improved) break;
	}
	return { x: run.x, fx: run.fx, iterations, restarts, converged: run.converged };
}
