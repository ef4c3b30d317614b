// Scoring with an uplift model: each sub-model is scored by lib/propensity's scoreColumns (the same
// fast path, unseen-level and drift handling as Score Propensity); this module combines them into
// predicted uplift, arm probabilities, decile, segment and top reasons, and adds the PSI of the
// uplift score against its training distribution.
import { batchDeciles, checkFeatures, PSI_WARNING, scoreColumns, scorePsi, type Columns, type Contribution, type PropensityModel, type ScoreResult } from '../propensity';
import type { UpliftModel } from './model';
import { segmentOf, type SegmentRules, type UpliftSegment } from './segments';

/** Predicted uplift and arm probabilities of every row, from the learner's sub-models. */
export function predictUplift(
	model: Pick<UpliftModel, 'learner' | 'models'>,
	columns: Columns,
	drift = false,
): { uplift: Float64Array; treated: Float64Array; control: Float64Array; controlScore: ScoreResult } {
	const controlScore = scoreColumns(model.models.control, columns, { drift });
	const control = controlScore.probability;
	const n = control.length;
	const uplift = new Float64Array(n);
	let treated: Float64Array;
	if (model.learner === 'two-model') {
		treated = scoreColumns(model.models.treatment!, columns, { drift: false }).probability;
		for (let i = 0; i < n; i++) uplift[i] = treated[i] - control[i];
	} else {
		const z = scoreColumns(model.models.transformed!, columns, { drift: false }).probability;
		treated = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			uplift[i] = 2 * z[i] - 1;
			treated[i] = Math.min(1, Math.max(0, control[i] + uplift[i]));
		}
	}
	return { uplift, treated, control, controlScore };
}

/**
 * The model whose log-odds are the difference of the arms' (two-model) or the transformed outcome's
 * (class transformation): its per-feature contributions are the reasons a row's uplift is high or low.
 */
function reasonModel(model: UpliftModel): PropensityModel {
	if (model.learner !== 'two-model') return model.models.transformed!;
	const t = model.models.treatment!;
	const c = model.models.control;
	return { ...t, calibration: null, coefficients: t.coefficients.map((coef, j) => ({ ...coef, estimate: coef.estimate - c.coefficients[j].estimate })) };
}

export interface UpliftScoreOptions {
	/** How many top features to list per row (default 0). */
	topContributions?: number;
	/** Cut rules; default the model's. */
	segments?: Partial<SegmentRules>;
	/** PSI of the features and the uplift score against training (default true). */
	drift?: boolean;
}

export interface UpliftDrift {
	upliftPsi: number;
	features: Array<{ feature: string; psi: number }>;
	drifted: string[];
	warnings: string[];
}

export interface UpliftScoreResult {
	n: number;
	uplift: Float64Array;
	treatedProbability: Float64Array;
	controlProbability: Float64Array;
	/** 1 = the highest predicted uplift of this batch. */
	decile: Uint8Array;
	segment: UpliftSegment[];
	/** Row i's top reasons on the log-odds difference ([] when none were asked for). */
	reasonsOf(i: number): Contribution[];
	drift: UpliftDrift | null;
	warnings: string[];
}

export function scoreUplift(model: UpliftModel, columns: Columns, options: UpliftScoreOptions = {}): UpliftScoreResult {
	checkFeatures(model.models.control, columns);
	const withDrift = options.drift !== false;
	const { uplift, treated, control, controlScore } = predictUplift(model, columns, withDrift);
	const n = uplift.length;
	const rules = { ...model.segments, ...options.segments };
	const segment = new Array<UpliftSegment>(n);
	for (let i = 0; i < n; i++) segment[i] = segmentOf(uplift[i], control[i], rules);
	const k = Math.max(0, Math.floor(options.topContributions ?? 0));
	const reasons = k > 0 ? scoreColumns(reasonModel(model), columns, { topContributions: k, drift: false }) : null;
	// Unseen levels and unreadable values are reported once (every sub-model reads the same features).
	const warnings = controlScore.warnings.filter((w) => !w.startsWith('The score distribution drifted'));
	let drift: UpliftDrift | null = null;
	if (withDrift && controlScore.drift) {
		const upliftPsi = scorePsi(model.reference.uplift, uplift);
		const features = controlScore.drift.features;
		const drifted = [...(upliftPsi > PSI_WARNING ? ['uplift'] : []), ...features.filter((f) => f.psi > PSI_WARNING).map((f) => f.feature)];
		const driftWarnings = upliftPsi > PSI_WARNING ? [`The predicted uplift drifted from training (PSI ${upliftPsi.toFixed(3)} > ${PSI_WARNING}): check the model still fits this population`] : [];
		drift = { upliftPsi, features, drifted, warnings: [...driftWarnings, ...controlScore.drift.warnings.filter((w) => !w.startsWith('The score distribution'))] };
		warnings.push(...driftWarnings);
	}
	return {
		n,
		uplift,
		treatedProbability: treated,
		controlProbability: control,
		decile: batchDeciles(uplift),
		segment,
		reasonsOf: (i) => (reasons ? reasons.contributionsOf(i) : []),
		drift,
		warnings,
	};
}
