// Training: target parsing, feature fitting, IRLS fit, metrics, optional validation split,
// k-fold cross-validation and Platt recalibration, packed into a model JSON with a content hash.
import { readBoolean } from '../records';
import { PropensityError } from './errors';
import { designNames, designOwners, encodeRows, fitFeatures, inferSpec, isAllRows, parseDate, rowCount, type Columns, type FeatureSpec, type FittedFeature } from './features';
import { fitLogistic, fitLogisticRows, predictRows, sigmoid, type LogisticFit } from './logistic';
import { evaluate, type Metrics } from './metrics';
import { jsonNumber, MODEL_FORMAT_VERSION, modelHash, type ModelMetrics, type PropensityModel } from './model';
import { profileFeature, scoreProfile } from './drift';
import { normTwoSidedP } from '../stats/distributions';
import { kFold, splitRows, type SplitSpec } from './validation';

/** One outcome: 1, 0, or NaN when the value is not 0/1, a boolean or a yes/no word (lib/records). */
export const targetValue = readBoolean;

/** 0/1 outcomes from 0/1, booleans or yes/no (true/false) strings; anything else is an error naming the row. */
export function parseTarget(values: ArrayLike<unknown>, field = 'target'): Float64Array {
	const y = new Float64Array(values.length);
	let ones = 0;
	for (let i = 0; i < values.length; i++) {
		const t = targetValue(values[i]);
		if (Number.isNaN(t)) {
			throw new PropensityError('bad-target', `Row ${i}: the target "${field}" must be 0/1, true/false or yes/no`, field, i);
		}
		y[i] = t;
		ones += t;
	}
	if (values.length > 0 && (ones === 0 || ones === values.length)) {
		throw new PropensityError('constant-target', `The target "${field}" has only ${ones === 0 ? 'negative' : 'positive'} outcomes: a model needs both`, field);
	}
	return y;
}

export interface TrainOptions {
	target: string;
	/** Field names (types inferred) or full specs. */
	features: Array<string | FeatureSpec>;
	l2?: number;
	/** 'balanced' weighs each class by n / (2 n_class); a pair gives [weight of 0, weight of 1]. */
	classWeights?: 'balanced' | [number, number];
	maxIterations?: number;
	minLevelCount?: number;
	autoRegularize?: boolean;
	/** Hold out rows to validate on (metrics.validation); training uses the rest. */
	validation?: SplitSpec;
	/** k-fold cross-validated AUC on the training rows (0 or 1: none). */
	folds?: number;
	seed?: number;
	/** Platt recalibration fitted on the validation rows (or the training rows without a split). */
	platt?: boolean;
	/** A date field to record the training window (from, to). */
	dateField?: string;
	createdAt?: string;
	/**
	 * Train on these rows only (default all); no validation split is then made. Lets a caller that
	 * splits by its own rule (Score Uplift: by arm) fit several models on one set of columns.
	 */
	rows?: Int32Array;
	/** Per-row weights over all rows of the columns (multiplied with class weights). */
	weights?: ArrayLike<number>;
	/** Feature transforms fitted beforehand (e.g. on all arms together), so models share one design. */
	fittedFeatures?: FittedFeature[];
}

export interface TrainResult {
	model: PropensityModel;
	fit: LogisticFit;
	trainRows: Int32Array;
	validationRows: Int32Array;
	/** Probabilities of the validation rows (empty without a split). */
	validationScores: Float64Array;
}

export function metricsJson(m: Metrics): ModelMetrics {
	const clean = <T extends object>(o: T) =>
		Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? jsonNumber(v) : v])) as T;
	return {
		...clean({ ...m, deciles: [], calibration: [] }),
		rows: m.rows,
		responders: m.responders,
		deciles: m.deciles.map((d) => clean(d)) as ModelMetrics['deciles'],
		calibration: m.calibration,
	} as ModelMetrics;
}

/** Feature specs from field names (types inferred from the values) or full specs. */
export function resolveSpecs(columns: Columns, features: Array<string | FeatureSpec>): FeatureSpec[] {
	const names = features.filter((f): f is string => typeof f === 'string');
	const inferred = new Map(inferSpec(columns, names).map((s) => [s.name, s]));
	return features.map((f) => (typeof f === 'string' ? inferred.get(f)! : f));
}

function weightsFor(y: Float64Array, classWeights: TrainOptions['classWeights']): { weights?: Float64Array; pair: [number, number] | null } {
	if (!classWeights) return { pair: null };
	let ones = 0;
	for (let i = 0; i < y.length; i++) ones += y[i];
	const pair: [number, number] = classWeights === 'balanced' ? [y.length / (2 * (y.length - ones)), y.length / (2 * ones)] : classWeights;
	return { weights: Float64Array.from(y, (v) => pair[v]), pair };
}

function take(y: Float64Array, rows: ArrayLike<number>): Float64Array {
	const out = new Float64Array(rows.length);
	for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]];
	return out;
}

/** Fits features and coefficients on the given rows; returns probabilities for other rows too. */
function fitRows(columns: Columns, y: Float64Array, featureSpecs: FeatureSpec[], rows: Int32Array, options: TrainOptions) {
	const features = options.fittedFeatures ?? fitFeatures(columns, featureSpecs, { rows, minLevelCount: options.minLevelCount });
	const design = encodeRows(features, columns, rows);
	const yTrain = take(y, rows);
	const { weights: classWeights, pair } = weightsFor(yTrain, options.classWeights);
	let weights = classWeights;
	if (options.weights) {
		const rowWeights = options.weights;
		weights = Float64Array.from(rows, (row, k) => rowWeights[row] * (classWeights ? classWeights[k] : 1));
	}
	const fit = fitLogisticRows(design, yTrain, {
		l2: options.l2 ?? 0,
		weights,
		maxIterations: options.maxIterations,
		autoRegularize: options.autoRegularize,
	});
	return { features, design, yTrain, fit, pair };
}

function window(columns: Columns, field: string | undefined, rows: Int32Array): { from: string | null; to: string | null } {
	if (!field) return { from: null, to: null };
	const values = columns[field];
	if (!values) throw new PropensityError('missing-feature', `Date field "${field}" is not in the data`, field);
	let lo = Infinity;
	let hi = -Infinity;
	for (let k = 0; k < rows.length; k++) {
		const t = parseDate(values[rows[k]]);
		if (t < lo) lo = t;
		if (t > hi) hi = t;
	}
	return Number.isFinite(lo) ? { from: new Date(lo).toISOString(), to: new Date(hi).toISOString() } : { from: null, to: null };
}

export function trainPropensity(columns: Columns, options: TrainOptions): TrainResult {
	const n = rowCount(columns);
	if (n === 0) throw new PropensityError('empty-input', 'No rows to train on');
	const targetValues = columns[options.target];
	if (!targetValues) throw new PropensityError('missing-feature', `Target "${options.target}" is not in the data`, options.target);
	if (options.features.length === 0) throw new PropensityError('bad-option', 'Choose at least one feature');
	const y = parseTarget(targetValues, options.target);
	const featureSpecs = resolveSpecs(columns, options.features);
	for (const spec of featureSpecs) {
		if (spec.name === options.target) throw new PropensityError('bad-option', `The target "${spec.name}" cannot also be a feature`, spec.name);
	}

	const { train: trainRows, validation: validationRows, description } = options.rows
		? { train: options.rows, validation: new Int32Array(0), description: `${options.rows.length} rows chosen by the caller` }
		: splitRows(n, columns, options.validation);
	if (trainRows.length === 0) throw new PropensityError('empty-input', 'The split leaves no rows to train on');
	const main = fitRows(columns, y, featureSpecs, trainRows, options);
	const { features, design, yTrain, fit } = main;
	const beta = fit.coefficients;
	const trainP = predictRows(design, beta);

	let validationScores: Float64Array = new Float64Array(0);
	let validationMetrics: Metrics | null = null;
	let yValid: Float64Array = new Float64Array(0);
	if (validationRows.length > 0) {
		const vd = encodeRows(features, columns, validationRows);
		yValid = take(y, validationRows);
		validationScores = predictRows(vd, beta);
	}

	// Platt: logit(p') = b + a * logit(p), fitted on held-out rows when there are any.
	let calibration: PropensityModel['calibration'] = null;
	const applyPlatt = (p: Float64Array): Float64Array => {
		if (!calibration) return p;
		const { a, b } = calibration;
		return p.map((v) => sigmoid(b + a * Math.log(v / (1 - v))));
	};
	if (options.platt) {
		const useValid = validationRows.length > 0;
		const py = useValid ? yValid : yTrain;
		const pp = useValid ? validationScores : trainP;
		const xs = new Float64Array(pp.length * 2);
		for (let i = 0; i < pp.length; i++) {
			xs[2 * i] = 1;
			xs[2 * i + 1] = Math.log(pp[i] / (1 - pp[i]));
		}
		const platt = fitLogistic(xs, pp.length, 2, py, { autoRegularize: true });
		calibration = { method: 'platt', a: platt.coefficients[1], b: platt.coefficients[0], rows: pp.length };
	}
	if (validationRows.length > 0) {
		validationScores = applyPlatt(validationScores);
		validationMetrics = evaluate(yValid, validationScores);
	}
	const trainScores = applyPlatt(trainP);
	const trainMetrics = evaluate(yTrain, trainScores);

	let crossValidation: PropensityModel['metrics']['crossValidation'] = null;
	const folds = options.folds ?? 0;
	if (folds >= 2) {
		const cv = crossValidate(columns, y, featureSpecs, trainRows, folds, options);
		crossValidation = cv;
	}

	const names = designNames(features);
	const owners = designOwners(features);
	const coefficients = names.map((name, j) => {
		const se = fit.standardErrors[j];
		const zv = beta[j] / se;
		return {
			name,
			feature: owners[j] < 0 ? null : features[owners[j]].name,
			estimate: beta[j],
			standardError: jsonNumber(se),
			z: jsonNumber(zv),
			pValue: jsonNumber(normTwoSidedP(zv)),
		};
	});
	const w = window(columns, options.dateField, trainRows);
	const allTrain = isAllRows(trainRows, n);
	const body: Omit<PropensityModel, 'modelId'> = {
		formatVersion: MODEL_FORMAT_VERSION,
		kind: 'logistic-regression',
		createdAt: options.createdAt ?? new Date().toISOString(),
		target: { field: options.target, positiveRate: trainMetrics.baseRate },
		trainingWindow: {
			rows: trainRows.length,
			validationRows: validationRows.length,
			split: description,
			dateField: options.dateField ?? null,
			...w,
		},
		spec: featureSpecs,
		features: features as PropensityModel['features'],
		coefficients,
		solver: {
			method: 'irls',
			l2: fit.l2,
			l2Requested: options.l2 ?? 0,
			classWeights: main.pair,
			iterations: fit.iterations,
			converged: fit.converged,
			logLik: fit.logLik,
			warnings: fit.warnings,
		},
		calibration,
		metrics: { training: metricsJson(trainMetrics), validation: validationMetrics && metricsJson(validationMetrics), crossValidation },
		reference: {
			score: scoreProfile(trainScores),
			features: features.map((f) => profileFeature(f, columns[f.name], allTrain ? null : trainRows, trainRows.length)),
		},
	};
	const model = { modelId: modelHash(body), ...body } as PropensityModel;
	return { model, fit, trainRows, validationRows, validationScores };
}

/** k-fold cross-validated AUC (stratified folds over the given rows; transforms refitted per fold). */
export function crossValidate(
	columns: Columns,
	y: Float64Array,
	featureSpecs: FeatureSpec[],
	rows: Int32Array,
	folds: number,
	options: TrainOptions,
): { folds: number; auc: number[]; meanAuc: number; meanLogLoss: number } {
	const assignment = kFold(take(y, rows), folds, options.seed ?? 1);
	const aucs: number[] = [];
	const losses: number[] = [];
	for (let f = 0; f < folds; f++) {
		const inTrain: number[] = [];
		const inTest: number[] = [];
		for (let k = 0; k < rows.length; k++) (assignment[k] === f ? inTest : inTrain).push(rows[k]);
		const { features, fit } = fitRows(columns, y, featureSpecs, Int32Array.from(inTrain), { ...options, fittedFeatures: undefined });
		const test = encodeRows(features as FittedFeature[], columns, inTest);
		const p = predictRows(test, fit.coefficients);
		const m = evaluate(take(y, inTest), p);
		aucs.push(m.auc);
		losses.push(m.logLoss);
	}
	const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
	return { folds, auc: aucs, meanAuc: mean(aucs), meanLogLoss: mean(losses) };
}
