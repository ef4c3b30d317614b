// Scoring from columns: the linear predictor is accumulated feature by feature straight into a
// Float64Array (no per-row objects), then probability, decile, tier, optional top contributions
// (coefficient x standardized value, summed per original feature) and PSI drift.
import { PropensityError } from './errors';
import { isMissingValue } from '../records';
import { categoryOf, emptyReport, encodeFeature, OTHER_LEVEL, parseNumber, rowCount, type Columns, type EncodeReport, type FittedFeature } from './features';
import { binOf, featurePsi, psi, PSI_WARNING, scorePsi, selectRanks, type FeatureProfile } from './drift';
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

/**
 * Each row's top k contributions, columnar: row i's r-th largest is feature names[feature[i * k + r]]
 * with contribution value[i * k + r] (already on the recalibrated log-odds scale).
 */
export interface TopContributions {
	k: number;
	names: string[];
	feature: Int32Array;
	value: Float64Array;
}

export interface ScoreResult {
	n: number;
	probability: Float64Array;
	/** Linear predictor after recalibration (log-odds of `probability`). */
	logit: Float64Array;
	/** 1 = highest scores. */
	decile: Uint8Array;
	tier: Tier[];
	/** The top contributions of every row, in typed arrays (null when none were asked for). */
	topContributions: TopContributions | null;
	/**
	 * The same as objects per row, built on first access: allocating millions of small objects costs
	 * more than the scoring itself, so callers that go row by row should use contributionsOf(i).
	 */
	readonly contributions: Contribution[][] | null;
	/** Row i's top contributions as objects ([] when none were asked for). */
	contributionsOf(i: number): Contribution[];
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

/** Bin counts of one feature for its PSI, filled while the linear predictor is accumulated. */
interface PsiCounts {
	/** Profile bins, then the missing (numeric) or other (categorical) bin. */
	counts: Float64Array;
}

function fusedProfile(profile: FeatureProfile | undefined, f: FittedFeature): FeatureProfile | undefined {
	if (!profile || profile.feature !== f.name) return undefined;
	if (f.type === 'categorical' && profile.kind === 'categorical') return profile;
	if (f.type === 'numeric' && profile.kind === 'numeric') return profile;
	return undefined;
}

/**
 * out[k] += the feature's part of the linear predictor, in one tight loop per feature type (the
 * fast path: categories become one Map lookup of the level's coefficient, numbers one
 * multiply-add). With `psi`, the same pass counts the values into the training profile's bins.
 */
function addFeature(
	f: FittedFeature,
	values: ArrayLike<unknown>,
	beta: number[],
	b: number,
	out: Float64Array,
	report: EncodeReport,
	profile?: FeatureProfile,
	psi?: PsiCounts,
): void {
	const n = out.length;
	if (f.type === 'categorical') {
		// One lookup gives the level's slot: its coefficient and its PSI bin.
		const slotOf = new Map<string, number>();
		const coef: number[] = [];
		const bin: number[] = [];
		const otherIndex = f.levels.indexOf(OTHER_LEVEL);
		const fallback = otherIndex >= 0 ? beta[b + otherIndex] : 0;
		const levels = profile?.kind === 'categorical' ? profile.levels : [];
		const otherBin = levels.length;
		const add = (level: string, c: number) => {
			if (slotOf.has(level)) coef[slotOf.get(level)!] = c;
			else {
				slotOf.set(level, coef.length);
				coef.push(c);
				bin.push(otherBin);
			}
		};
		f.levels.forEach((level, j) => add(level, beta[b + j]));
		add(f.reference, 0);
		for (const level of f.pooled) add(level, fallback);
		levels.forEach((level, j) => {
			if (!slotOf.has(level)) add(level, fallback);
			bin[slotOf.get(level)!] = j;
		});
		const counts = psi?.counts;
		let unseen = 0;
		for (let k = 0; k < n; k++) {
			const raw = values[k];
			let slot = typeof raw === 'string' ? slotOf.get(raw) : undefined;
			if (slot === undefined) slot = slotOf.get(categoryOf(raw));
			if (slot === undefined) {
				unseen++;
				out[k] += fallback;
				if (counts) counts[otherBin]++;
				continue;
			}
			out[k] += coef[slot];
			if (counts) counts[bin[slot]]++;
		}
		if (unseen) report.unseen[f.name] = unseen;
		return;
	}
	if (f.type === 'numeric') {
		const slope = beta[b] / f.scale;
		const offset = -slope * f.center;
		const imputed = offset + slope * f.impute + (f.missingIndicator ? beta[b + 1] : 0);
		const edges = profile?.kind === 'numeric' ? profile.edges : [];
		const missingBin = edges.length + 1;
		const counts = psi?.counts;
		let missing = 0;
		let invalid = 0;
		for (let k = 0; k < n; k++) {
			const raw = values[k];
			if (typeof raw === 'number' && raw - raw === 0) {
				out[k] += offset + slope * raw;
				if (counts) counts[binOf(edges, raw)]++;
				continue;
			}
			const v = parseNumber(raw);
			if (Number.isNaN(v)) {
				missing++;
				if (!isMissingValue(raw)) invalid++;
				out[k] += imputed;
				// The training profile bins infinite numbers at the ends and NaN as missing.
				if (counts) counts[typeof raw === 'number' && !Number.isNaN(raw) ? binOf(edges, raw) : missingBin]++;
			} else {
				out[k] += offset + slope * v;
				if (counts) counts[binOf(edges, v)]++;
			}
		}
		if (missing) report.missing[f.name] = missing;
		if (invalid) report.invalid[f.name] = invalid;
		return;
	}
	encodeFeature(f, values, null, n, (k, offset, value) => (out[k] += beta[b + offset] * value), report);
}

/**
 * Adds one feature's contributions to eta and streams them into each row's top-k (|contribution|
 * descending, earlier features first on ties): a partial selection instead of sorting every row's
 * features.
 */
function addAndKeepTop(contribution: Float64Array, eta: Float64Array, j: number, k: number, topAbs: Float64Array, topValue: Float64Array, topFeature: Int32Array): void {
	const last = k - 1;
	for (let i = 0, o = 0; i < contribution.length; i++, o += k) {
		const c = contribution[i];
		eta[i] += c;
		const m = c < 0 ? -c : c;
		if (!(m > topAbs[o + last])) continue;
		let r = last;
		while (r > 0 && m > topAbs[o + r - 1]) {
			topAbs[o + r] = topAbs[o + r - 1];
			topValue[o + r] = topValue[o + r - 1];
			topFeature[o + r] = topFeature[o + r - 1];
			r--;
		}
		topAbs[o + r] = m;
		topValue[o + r] = c;
		topFeature[o + r] = j;
	}
}

interface Accumulated {
	eta: Float64Array;
	report: EncodeReport;
	/** PSI bin counts per feature (null where the feature has no fused profile). */
	psi: Array<PsiCounts | null>;
	top: { k: number; abs: Float64Array; value: Float64Array; feature: Int32Array } | null;
}

function accumulate(model: PropensityModel, columns: Columns, topK: number, withPsi: boolean): Accumulated {
	checkFeatures(model, columns);
	const n = rowCount(columns);
	const beta = model.coefficients.map((c) => c.estimate);
	const eta = new Float64Array(n).fill(beta[0]);
	const report = emptyReport();
	const F = model.features.length;
	const k = Math.min(topK, F);
	const top = k > 0 ? { k, abs: new Float64Array(n * k).fill(-1), value: new Float64Array(n * k), feature: new Int32Array(n * k).fill(-1) } : null;
	const part = top ? new Float64Array(n) : null;
	const psi: Array<PsiCounts | null> = [];
	let base = 1;
	for (let j = 0; j < F; j++) {
		const f = model.features[j];
		const profile = withPsi ? fusedProfile(model.reference.features[j], f) : undefined;
		const counts = profile ? { counts: new Float64Array((profile.kind === 'numeric' ? profile.edges.length + 1 : profile.levels.length) + 1) } : null;
		psi.push(counts);
		const values = columns[f.name];
		if (part && top) {
			part.fill(0);
			addFeature(f, values, beta, base, part, report, profile, counts ?? undefined);
			addAndKeepTop(part, eta, j, k, top.abs, top.value, top.feature);
		} else addFeature(f, values, beta, base, eta, report, profile, counts ?? undefined);
		base += blockWidth(f);
	}
	return { eta, report, psi, top };
}

/** Log-odds of each row (before recalibration). */
export function linearPredictor(model: PropensityModel, columns: Columns): { eta: Float64Array; report: EncodeReport } {
	const { eta, report } = accumulate(model, columns, 0, false);
	return { eta, report };
}

/** The 9 decile cuts of a batch (the values at ranks n/10, ..., 9n/10 from the top) by selection, not a full sort. */
/** Deciles of a batch of scores: 1 = the highest tenth (ties share the higher decile). */
export function batchDeciles(scores: Float64Array): Uint8Array {
	const cuts = batchDecileCuts(scores);
	const decile = new Uint8Array(scores.length);
	for (let i = 0; i < scores.length; i++) {
		const p = scores[i];
		let d = 1;
		while (d <= 9 && p < cuts[d - 1]) d++;
		decile[i] = d;
	}
	return decile;
}

function batchDecileCuts(probability: Float64Array): Float64Array {
	const n = probability.length;
	const a = probability.slice();
	const ranks: number[] = [];
	// Descending rank r (0-based) is ascending position n - 1 - r.
	for (let d = 1; d <= 9; d++) ranks.push(n - 1 - Math.max(0, Math.floor((d * n) / 10) - 1));
	selectRanks(a, ranks);
	return Float64Array.from(ranks, (r) => a[r]);
}

export function scoreColumns(model: PropensityModel, columns: Columns, options: ScoreOptions = {}): ScoreResult {
	const n = rowCount(columns);
	if (n === 0) throw new PropensityError('empty-input', 'No rows to score');
	const topK = Math.max(0, Math.floor(options.topContributions ?? 0));
	const withDrift = options.drift !== false;
	const { eta, report, psi: psiCounts, top } = accumulate(model, columns, topK, withDrift);
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
		decile.set(batchDeciles(probability));
	}

	const tiers = options.tiers ?? { by: 'decile', high: 2, medium: 5 };
	const tier = new Array<Tier>(n);
	if (tiers.by === 'probability') {
		for (let i = 0; i < n; i++) tier[i] = probability[i] >= tiers.high ? 'High' : probability[i] >= tiers.medium ? 'Medium' : 'Low';
	} else {
		for (let i = 0; i < n; i++) tier[i] = decile[i] <= tiers.high ? 'High' : decile[i] <= tiers.medium ? 'Medium' : 'Low';
	}

	let topContributions: TopContributions | null = null;
	if (top) {
		if (a !== 1) for (let q = 0; q < top.value.length; q++) top.value[q] *= a;
		topContributions = { k: top.k, names: model.features.map((f) => f.name), feature: top.feature, value: top.value };
	}
	const contributionsOf = (i: number): Contribution[] => {
		if (!topContributions) return [];
		const { k, names, feature, value } = topContributions;
		const row: Contribution[] = new Array(k);
		for (let r = 0, o = i * k; r < k; r++, o++) row[r] = { feature: names[feature[o]], contribution: value[o] };
		return row;
	};
	let contributions: Contribution[][] | null | undefined;

	const warnings: string[] = [];
	for (const [feature, count] of Object.entries(report.unseen)) {
		warnings.push(`${count} row(s) have a "${feature}" value not seen in training; scored as "(other)" or the reference level`);
	}
	for (const [feature, count] of Object.entries(report.invalid)) {
		warnings.push(`${count} row(s) have a "${feature}" value that could not be read; treated as missing`);
	}

	let drift: DriftReport | null = null;
	if (withDrift) {
		const features = model.reference.features.map((profile, j) => {
			const fused = psiCounts[j];
			if (!fused) return { feature: profile.feature, psi: featurePsi(profile, model.features[j], columns[profile.feature], n) };
			const expected = profile.kind === 'numeric' ? [...profile.shares, profile.missingShare] : [...profile.shares, profile.otherShare];
			return { feature: profile.feature, psi: psi(expected, Array.from(fused.counts, (c) => c / n)) };
		});
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
	return {
		n,
		probability,
		logit: eta,
		decile,
		tier,
		topContributions,
		get contributions() {
			if (contributions === undefined) contributions = topContributions ? Array.from({ length: n }, (_, i) => contributionsOf(i)) : null;
			return contributions;
		},
		contributionsOf,
		report,
		drift,
		warnings,
	};
}
