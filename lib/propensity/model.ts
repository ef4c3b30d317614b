// The model as JSON: format version, created-at, training window, feature spec and fitted
// transforms, coefficients with standard errors, metrics, drift reference profiles, and a content
// hash (SHA-256 over everything but the ID and the creation time) as the model ID.
import { sha256Hex } from '../records/hash';
import { z } from 'zod';
import { PropensityError } from './errors';

export const MODEL_FORMAT_VERSION = 1;

const finite = z.number();
const nullableNumber = z.number().nullable();

const fittedFeature = z.discriminatedUnion('type', [
	z.object({
		name: z.string(),
		type: z.literal('numeric'),
		center: finite,
		scale: z.number().positive(),
		impute: finite,
		missingIndicator: z.boolean(),
	}),
	z.object({
		name: z.string(),
		type: z.literal('date'),
		asOf: z.string(),
		center: finite,
		scale: z.number().positive(),
		impute: finite,
		missingIndicator: z.boolean(),
	}),
	z.object({ name: z.string(), type: z.literal('categorical'), reference: z.string(), levels: z.array(z.string()), pooled: z.array(z.string()) }),
	z.object({ name: z.string(), type: z.literal('boolean'), impute: z.union([z.literal(0), z.literal(1)]), missingIndicator: z.boolean() }),
]);

const featureSpec = z.discriminatedUnion('type', [
	z.object({ name: z.string(), type: z.literal('numeric'), standardize: z.boolean().optional(), impute: z.enum(['mean', 'median']).optional() }),
	z.object({ name: z.string(), type: z.literal('categorical'), minLevelCount: z.number().optional(), reference: z.string().optional() }),
	z.object({ name: z.string(), type: z.literal('boolean') }),
	z.object({ name: z.string(), type: z.literal('date'), asOf: z.string().optional(), standardize: z.boolean().optional(), impute: z.enum(['mean', 'median']).optional() }),
]);

const decileRow = z.object({
	decile: z.number(),
	count: z.number(),
	responders: z.number(),
	responseRate: nullableNumber,
	meanScore: nullableNumber,
	minScore: nullableNumber,
	maxScore: nullableNumber,
	lift: nullableNumber,
	cumulativeGains: nullableNumber,
	cumulativeLift: nullableNumber,
});

const calibrationBin = z.object({ bin: z.number(), count: z.number(), meanPredicted: finite, observedRate: finite, gap: finite });

export const metricsSchema = z.object({
	rows: z.number(),
	responders: z.number(),
	baseRate: nullableNumber,
	auc: nullableNumber,
	logLoss: nullableNumber,
	brier: nullableNumber,
	topDecileLift: nullableNumber,
	calibrationMaxGap: nullableNumber,
	deciles: z.array(decileRow),
	calibration: z.array(calibrationBin),
});

const featureProfile = z.discriminatedUnion('kind', [
	z.object({ feature: z.string(), kind: z.literal('numeric'), edges: z.array(finite), shares: z.array(finite), missingShare: finite }),
	z.object({ feature: z.string(), kind: z.literal('categorical'), levels: z.array(z.string()), shares: z.array(finite), otherShare: finite }),
]);

export const modelSchema = z.object({
	formatVersion: z.literal(MODEL_FORMAT_VERSION),
	kind: z.literal('logistic-regression'),
	modelId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
	createdAt: z.string(),
	target: z.object({ field: z.string(), positiveRate: finite }),
	trainingWindow: z.object({
		rows: z.number().int().nonnegative(),
		validationRows: z.number().int().nonnegative(),
		split: z.string(),
		dateField: z.string().nullable(),
		from: z.string().nullable(),
		to: z.string().nullable(),
	}),
	spec: z.array(featureSpec),
	features: z.array(fittedFeature),
	coefficients: z.array(
		z.object({ name: z.string(), feature: z.string().nullable(), estimate: finite, standardError: nullableNumber, z: nullableNumber, pValue: nullableNumber }),
	),
	solver: z.object({
		method: z.literal('irls'),
		l2: finite,
		l2Requested: finite,
		classWeights: z.tuple([finite, finite]).nullable(),
		iterations: z.number().int(),
		converged: z.boolean(),
		logLik: finite,
		warnings: z.array(z.string()),
	}),
	calibration: z.object({ method: z.literal('platt'), a: finite, b: finite, rows: z.number().int() }).nullable(),
	metrics: z.object({
		training: metricsSchema,
		validation: metricsSchema.nullable(),
		crossValidation: z.object({ folds: z.number().int(), auc: z.array(finite), meanAuc: finite, meanLogLoss: finite }).nullable(),
	}),
	reference: z.object({
		score: z.object({ edges: z.array(finite), shares: z.array(finite) }),
		features: z.array(featureProfile),
	}),
});

export type PropensityModel = z.infer<typeof modelSchema>;
export type ModelMetrics = z.infer<typeof metricsSchema>;

/** JSON with object keys sorted, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const keys = Object.keys(value as object)
		.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
		.sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The content hash: everything but `modelId` and `createdAt` (of any model document of the pack). */
export function modelHash(model: { modelId?: string; createdAt?: string }): string {
	const { modelId: _id, createdAt: _at, ...content } = model;
	void _id;
	void _at;
	return `sha256:${sha256Hex(canonicalJson(content))}`;
}

/** Non-finite numbers become null so the model survives JSON. */
export function jsonNumber(v: number): number | null {
	return Number.isFinite(v) ? v : null;
}

/** A model document from an item's JSON: an object, or a JSON string of one (any model of the pack). */
export function modelDocument(input: unknown, producer = 'a Train operation'): Record<string, unknown> {
	let value = input;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			throw new PropensityError('bad-model', 'The model is not valid JSON');
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new PropensityError('bad-model', `The model must be an object (the JSON ${producer} produced)`);
	}
	return value as Record<string, unknown>;
}

/**
 * Reads a model from an item's JSON (an object or a JSON string). Rejects an unknown format
 * version, a malformed model, and a model whose content does not match its ID.
 */
export function loadModel(input: unknown): PropensityModel {
	const value = modelDocument(input);
	const version = (value as Record<string, unknown>).formatVersion;
	if (version !== MODEL_FORMAT_VERSION) {
		throw new PropensityError(
			'unsupported-version',
			version === undefined
				? 'The model has no formatVersion: it is not a propensity model made by this package'
				: `Model format version ${JSON.stringify(version)} is not supported: this package reads version ${MODEL_FORMAT_VERSION}. Retrain the model, or update the package.`,
		);
	}
	const parsed = modelSchema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new PropensityError('bad-model', `The model is malformed at "${issue.path.join('.')}": ${issue.message}`);
	}
	const model = parsed.data;
	if (modelHash(model) !== model.modelId) {
		throw new PropensityError('bad-model', 'The model content does not match its modelId: it was edited or corrupted after training');
	}
	const expected = 1 + model.features.reduce((s, f) => s + (f.type === 'categorical' ? f.levels.length : f.missingIndicator ? 2 : 1), 0);
	if (model.coefficients.length !== expected) {
		throw new PropensityError('bad-model', `The model has ${model.coefficients.length} coefficients where its features need ${expected}`);
	}
	return model;
}
