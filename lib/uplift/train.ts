// Training an uplift model from past campaign rows (arm, outcome, features). Everything model-like
// is lib/propensity's: feature specs and transforms (fitted once on the training rows of both arms,
// so every sub-model shares one design), the IRLS logistic fit, the model JSON with its drift
// profiles. This module adds the arms, the stratified split and the learners:
//   two-model (T-learner): one logistic model per arm; uplift = P(y | treated) - P(y | control).
//   class-transformation: one model of z = y t + (1 - y)(1 - t), rows weighted so the arms weigh
//     the same; uplift = 2 P(z = 1) - 1. A control-arm model gives the arm probabilities.
import { isMissingValue, readBoolean } from '../records';
import {
	fitFeatures,
	parseTarget,
	PropensityError,
	resolveSpecs,
	rowCount,
	scoreProfile,
	splitRows,
	stratifiedSplit,
	trainPropensity,
	type Columns,
	type PropensityModel,
	type SplitSpec,
	type TrainOptions,
} from '../propensity';
import { evaluateUplift, type UpliftMetrics } from './metrics';
import { UPLIFT_FORMAT_VERSION, upliftHash, type UpliftModel, type UpliftModelMetrics } from './model';
import { predictUplift } from './score';
import { DEFAULT_SEGMENT_RULES, type SegmentRules } from './segments';

export type UpliftLearner = 'two-model' | 'class-transformation';

export interface ArmCoding {
	/** The value that marks a treated row (besides 1 / true / yes), compared without case; default "treatment". */
	treatedValue?: string;
	/** The value that marks a control row (besides 0 / false / no); default "control". */
	controlValue?: string;
}

/** 1 treated, 0 control, NaN for anything else (a missing or unknown arm never counts as either). */
export function armValue(value: unknown, coding: ArmCoding = {}): number {
	if (isMissingValue(value)) return NaN;
	if (typeof value === 'string') {
		const v = value.trim().toLowerCase();
		if (v === (coding.treatedValue ?? 'treatment').trim().toLowerCase()) return 1;
		if (v === (coding.controlValue ?? 'control').trim().toLowerCase()) return 0;
	}
	return readBoolean(value);
}

export interface UpliftTrainOptions extends ArmCoding {
	treatment: string;
	target: string;
	features: TrainOptions['features'];
	learner?: UpliftLearner;
	l2?: number;
	maxIterations?: number;
	minLevelCount?: number;
	autoRegularize?: boolean;
	/**
	 * Held-out rows: random is stratified by arm and outcome (fraction default 0.3); order and time
	 * are out-of-time splits as in Score Propensity.
	 */
	validation?: SplitSpec;
	/** Intended treated share of the randomization, for the sample-ratio check (default 0.5). */
	treatedShare?: number;
	/** Share targeted for uplift at k (default 0.3). */
	k?: number;
	segments?: Partial<SegmentRules>;
	createdAt?: string;
}

export interface UpliftTrainResult {
	model: UpliftModel;
	trainRows: Int32Array;
	validationRows: Int32Array;
	/** Predicted uplift of every input row (training and validation). */
	uplift: Float64Array;
	treated: Uint8Array;
	y: Float64Array;
}

function take<T extends Float64Array | Uint8Array>(a: T, rows: Int32Array): T {
	const out = new (a.constructor as { new (n: number): T })(rows.length);
	for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]];
	return out;
}

function metricsJson(m: UpliftMetrics): UpliftModelMetrics {
	return JSON.parse(JSON.stringify(m, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as UpliftModelMetrics;
}

/** Parses the arm of every row; throws naming the first row that is neither arm. */
export function parseArms(values: ArrayLike<unknown>, field: string, coding: ArmCoding = {}): Uint8Array {
	const t = new Uint8Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const a = armValue(values[i], coding);
		if (Number.isNaN(a)) {
			throw new PropensityError(
				'bad-value',
				`Row ${i}: the treatment field "${field}" must be "${coding.treatedValue ?? 'treatment'}" or "${coding.controlValue ?? 'control'}" (or 1/0, true/false)`,
				field,
				i,
			);
		}
		t[i] = a;
	}
	return t;
}

export function trainUplift(columns: Columns, options: UpliftTrainOptions): UpliftTrainResult {
	const n = rowCount(columns);
	if (n === 0) throw new PropensityError('empty-input', 'No rows to train on');
	for (const field of [options.treatment, options.target]) {
		if (!columns[field]) throw new PropensityError('missing-feature', `Field "${field}" is not in the data`, field);
	}
	if (options.features.length === 0) throw new PropensityError('bad-option', 'Choose at least one feature');
	const learner = options.learner ?? 'two-model';
	const t = parseArms(columns[options.treatment], options.treatment, options);
	const y = parseTarget(columns[options.target], options.target);
	const specs = resolveSpecs(columns, options.features);
	for (const spec of specs) {
		if (spec.name === options.target || spec.name === options.treatment) {
			throw new PropensityError('bad-option', `The ${spec.name === options.target ? 'target' : 'treatment'} field "${spec.name}" cannot also be a feature`, spec.name);
		}
	}

	// Split: random stratified by arm and outcome, or out-of-time as Score Propensity does.
	const spec = options.validation ?? { type: 'none' };
	let trainRows: Int32Array;
	let validationRows: Int32Array;
	let description: string;
	if (spec.type === 'random') {
		const fraction = spec.fraction ?? 0.3;
		const strata = Float64Array.from(t, (v, i) => 2 * v + y[i]);
		({ train: trainRows, validation: validationRows } = stratifiedSplit(strata, fraction, spec.seed ?? 1));
		description = `random: ${fraction} held out, stratified by arm and outcome (seed ${spec.seed ?? 1})`;
	} else ({ train: trainRows, validation: validationRows, description } = splitRows(n, columns, spec));

	const armRows = (arm: number) => Int32Array.from(Array.from(trainRows).filter((i) => t[i] === arm));
	const treatedRows = armRows(1);
	const controlRows = armRows(0);
	for (const [name, rows] of [
		['treated', treatedRows],
		['control', controlRows],
	] as const) {
		let ones = 0;
		for (const i of rows) ones += y[i];
		if (rows.length === 0 || ones === 0 || ones === rows.length) {
			throw new PropensityError(
				'constant-target',
				rows.length === 0
					? `The training rows have no ${name} customers: an uplift model needs both arms`
					: `The ${name} arm has only ${ones === 0 ? 'negative' : 'positive'} outcomes of "${options.target}": each arm needs both`,
				options.target,
			);
		}
	}

	const features = fitFeatures(columns, specs, { rows: trainRows, minLevelCount: options.minLevelCount });
	const createdAt = options.createdAt ?? new Date().toISOString();
	const common: TrainOptions = {
		target: options.target,
		features: specs,
		l2: options.l2 ?? 0,
		maxIterations: options.maxIterations,
		minLevelCount: options.minLevelCount,
		autoRegularize: options.autoRegularize,
		fittedFeatures: features,
		createdAt,
	};
	const control = trainPropensity(columns, { ...common, rows: controlRows }).model;
	let treatment: PropensityModel | null = null;
	let transformed: PropensityModel | null = null;
	if (learner === 'two-model') treatment = trainPropensity(columns, { ...common, rows: treatedRows }).model;
	else {
		const zField = `${options.target} (transformed)`;
		const z = Float64Array.from(y, (v, i) => (v === t[i] ? 1 : 0));
		const e = treatedRows.length / trainRows.length;
		const weights = Float64Array.from(t, (v) => (v ? 0.5 / e : 0.5 / (1 - e)));
		transformed = trainPropensity({ ...columns, [zField]: z }, { ...common, target: zField, rows: trainRows, weights }).model;
	}

	const models = { treatment, control, transformed };
	const { uplift } = predictUplift({ learner, models }, columns);
	const evaluation = { k: options.k ?? 0.3, treatedShare: options.treatedShare ?? 0.5 };
	const metricsOn = (rows: Int32Array) => evaluateUplift(take(y, rows), take(uplift, rows), take(t, rows), evaluation);
	const training = metricsOn(trainRows);
	const validation = validationRows.length > 0 ? metricsOn(validationRows) : null;
	const rules = { ...DEFAULT_SEGMENT_RULES, ...options.segments };
	const body: Omit<UpliftModel, 'modelId'> = {
		formatVersion: UPLIFT_FORMAT_VERSION,
		kind: 'uplift',
		learner,
		createdAt,
		treatment: {
			field: options.treatment,
			treatedValue: options.treatedValue ?? 'treatment',
			controlValue: options.controlValue ?? 'control',
			treatedShare: evaluation.treatedShare,
		},
		target: { field: options.target, treatedRate: training.treatedRate, controlRate: training.controlRate },
		trainingWindow: { rows: trainRows.length, validationRows: validationRows.length, split: description },
		segments: rules,
		models,
		metrics: { training: metricsJson(training), validation: validation && metricsJson(validation) },
		reference: { uplift: scoreProfile(take(uplift, trainRows)) },
	};
	const model = { modelId: upliftHash(body), ...body } as UpliftModel;
	return { model, trainRows, validationRows, uplift, treated: t, y };
}
