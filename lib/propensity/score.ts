// Scoring from columns: the linear predictor is accumulated feature by feature straight into a
// Float64Array (no per-row objects), then probability, decile, tier, optional top contributions
// (coefficient x standardized value, summed per original feature) and PSI drift.
import { PropensityError } from './errors';
import { categoryOf, emptyReport, encodeFeature, OTHER_LEVEL, parseNumber, rowCount, type Columns, type EncodeReport, type FittedFeature } from './features';
import { featurePsi, PSI_WARNING, scorePsi, binOf } from './drift';
import type { PropensityModel } from './model';

export type Tier = 'High' | 'Medium' | 'Low';

export interface ScoreOptions {
	/** How many top contributing features to list per row (default 0: none). */
	topContributions?: number;
	/** 'scored' (default): deciles of this batch; 'training': against the training score deciles. */
	decileBasis?: 'scored' | 'training';
	/**
	 * Tier cut points. By decile (default): High for deciles 1..high (2), Medium up to medium (5).
	 * By probability: High at or above high, Medium at or above medium.
	 */
	tiers?: { by: 'decile'; high: number; medium: number } | { by: 'probability'; high: number; medium: number };
	/** PSI per feature and for the score against the training population (default true). */
	drift?: boolean;
}

export interface Contribution {
	feature: string;
	contribution: number;
}

export interface DriftReport {
	scorePsi: number;
	features: Array<{ feature: string; psi: number }>;
	/** Features (and "score") whose PSI is above 0.2. */
	drifted: string[];
	warnings: string[];
}

export interface ScoreResult {
	n: number;
	probability: Float64Array;
	/** Linear predictor after recalibration (log-odds of `probability`). */
	logit: Float64Array;
	/** 1 = highest scores. */
	decile: Uint8Array;
	tier: Tier[];
	contributions: Contribution[][] | null;
	report: EncodeReport;
	drift: DriftReport | null;
	warnings: string[];
}

function blockWidth(f: FittedFeature): number {
	return f.type === 'categorical' ? f.levels.length : f.missingIndicator ? 2 : 1;
}

/** Throws a clear error naming every model feature absent from the data. */
export function checkFeatures(model: PropensityModel, columns: Columns): void {
	const absent = model.features.filter((f) => !columns[f.name]).map((f) => f.name);
	if (absent.length) {
		throw new PropensityError(
			'missing-feature',
			`The data lacks ${absent.length === 1 ? 'the model feature' : 'the model features'} ${absent.map((a) => `"${a}"`).join(', ')}`,
			absent[0],
		);
	}
}

/**
 * eta += the feature's part of the linear predictor, in one tight loop per feature type (the fast
 * path: categories become one Map lookup of the level's coefficient, numbers one multiply-add).
 */
function addFeature(f: FittedFeature, values: ArrayLike<unknown>, beta: number[], b: number, eta: Float64Array, report: EncodeReport): void {
	const n = eta.length;
	if (f.type === 'categorical') {
		const coef = new Map<string, number>();
		f.levels.forEach((level, j) => coef.set(level, beta[b + j]));
		coef.set(f.reference, 0);
		const otherIndex = f.levels.indexOf(OTHER_LEVEL);
		const fallback = otherIndex >= 0 ? beta[b + otherIndex] : 0;
		for (const level of f.pooled) coef.set(level, fallback);
		let unseen = 0;
		for (let k = 0; k < n; k++) {
			const raw = values[k];
			let c = typeof raw === 'string' ? coef.get(raw) : undefined;
			if (c === undefined) {
				c = coef.get(categoryOf(raw));
				if (c === undefined) {
					unseen++;
					c = fallback;
				}
			}
			eta[k] += c;
		}
		if (unseen) report.unseen[f.name] = unseen;
		return;
	}
	if (f.type === 'numeric') {
		const slope = beta[b] / f.scale;
		const offset = -slope * f.center;
		const imputed = offset + slope * f.impute + (f.missingIndicator ? beta[b + 1] : 0);
		let missing = 0;
		let invalid = 0;
		for (let k = 0; k < n; k++) {
			const raw = values[k];
			if (typeof raw === 'number' && raw - raw === 0) {
				eta[k] += offset + slope * raw;
				continue;
			}
			const v = parseNumber(raw);
			if (Number.isNaN(v)) {
				missing++;
				if (!(raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''))) invalid++;
				eta[k] += imputed;
			} else eta[k] += offset + slope * v;
		}
		if (missing) report.missing[f.name] = missing;
		if (invalid) report.invalid[f.name] = invalid;
		return;
	}
	encodeFeature(f, values, null, n, (k, offset, value) => (eta[k] += beta[b + offset] * value), report);
}

/** Log-odds of each row (before recalibration); optionally fills per-feature contributions (n x F). */
export function linearPredictor(model: PropensityModel, columns: Columns, contributions?: Float64Array): { eta: Float64Array; report: EncodeReport } {
	checkFeatures(model, columns);
	const n = rowCount(columns);
	const beta = model.coefficients.map((c) => c.estimate);
	const eta = new Float64Array(n).fill(beta[0]);
	const report = emptyReport();
	const F = model.features.length;
	let base = 1;
	model.features.forEach((f, j) => {
		const b = base;
		const values = columns[f.name];
		if (contributions) {
			encodeFeature(
				f,
				values,
				null,
				n,
				(k, offset, value) => {
					const c = beta[b + offset] * value;
					eta[k] += c;
					contributions[k * F + j] += c;
				},
				report,
			);
		} else addFeature(f, values, beta, b, eta, report);
		base += blockWidth(f);
	});
	return { eta, report };
}

export function scoreColumns(model: PropensityModel, columns: Columns, options: ScoreOptions = {}): ScoreResult {
	const n = rowCount(columns);
	if (n === 0) throw new PropensityError('empty-input', 'No rows to score');
	const F = model.features.length;
	const topK = Math.max(0, Math.floor(options.topContributions ?? 0));
	const contributionMatrix = topK > 0 ? new Float64Array(n * F) : undefined;
	const { eta, report } = linearPredictor(model, columns, contributionMatrix);
	const probability = new Float64Array(n);
	const a = model.calibration?.a ?? 1;
	const b = model.calibration?.b ?? 0;
	for (let i = 0; i < n; i++) {
		const e = b + a * eta[i];
		eta[i] = e;
		probability[i] = 1 / (1 + Math.exp(-e));
	}

	const decile = new Uint8Array(n);
	if (options.decileBasis === 'training') {
		const edges = model.reference.score.edges;
		for (let i = 0; i < n; i++) decile[i] = edges.length + 1 - binOf(edges, probability[i]);
	} else {
		const sorted = probability.slice().sort().reverse();
		const cuts = new Float64Array(9);
		for (let d = 1; d <= 9; d++) cuts[d - 1] = sorted[Math.max(0, Math.floor((d * n) / 10) - 1)];
		for (let i = 0; i < n; i++) {
			const p = probability[i];
			let d = 1;
			while (d <= 9 && p < cuts[d - 1]) d++;
			decile[i] = d;
		}
	}

	const tiers = options.tiers ?? { by: 'decile', high: 2, medium: 5 };
	const tier = new Array<Tier>(n);
	if (tiers.by === 'probability') {
		for (let i = 0; i < n; i++) tier[i] = probability[i] >= tiers.high ? 'High' : probability[i] >= tiers.medium ? 'Medium' : 'Low';
	} else {
		for (let i = 0; i < n; i++) tier[i] = decile[i] <= tiers.high ? 'High' : decile[i] <= tiers.medium ? 'Medium' : 'Low';
	}

	let contributions: Contribution[][] | null = null;
	if (contributionMatrix) {
		contributions = new Array(n);
		const order = new Int32Array(F);
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < F; j++) order[j] = j;
			const row = i * F;
			order.sort((x, y) => Math.abs(contributionMatrix[row + y]) - Math.abs(contributionMatrix[row + x]) || x - y);
			const top: Contribution[] = [];
			for (let r = 0; r < Math.min(topK, F); r++) top.push({ feature: model.features[order[r]].name, contribution: a * contributionMatrix[row + order[r]] });
			contributions[i] = top;
		}
	}

	const warnings: string[] = [];
	for (const [feature, count] of Object.entries(report.unseen)) {
		warnings.push(`${count} row(s) have a "${feature}" value not seen in training; scored as "(other)" or the reference level`);
	}
	for (const [feature, count] of Object.entries(report.invalid)) {
		warnings.push(`${count} row(s) have a "${feature}" value that could not be read; treated as missing`);
	}

	let drift: DriftReport | null = null;
	if (options.drift !== false) {
		const features = model.reference.features.map((profile, j) => ({ feature: profile.feature, psi: featurePsi(profile, model.features[j], columns[profile.feature], n) }));
		const s = scorePsi(model.reference.score, probability);
		const drifted = [...(s > PSI_WARNING ? ['score'] : []), ...features.filter((f) => f.psi > PSI_WARNING).map((f) => f.feature)];
		const driftWarnings = drifted.map((name) =>
			name === 'score'
				? `The score distribution drifted from training (PSI ${s.toFixed(3)} > ${PSI_WARNING}): check the model still fits this population`
				: `Feature "${name}" drifted from training (PSI ${features.find((f) => f.feature === name)!.psi.toFixed(3)} > ${PSI_WARNING})`,
		);
		drift = { scorePsi: s, features, drifted, warnings: driftWarnings };
		warnings.push(...driftWarnings);
	}
	return { n, probability, logit: eta, decile, tier, contributions, report, drift, warnings };
}
