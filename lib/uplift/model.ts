// The uplift model as JSON: the learner, the arms' coding, the sub-models (each a complete
// propensity model of lib/propensity, so features, coefficients and drift profiles are read and
// checked by the same code), the segment rules, metrics, the training uplift profile for drift, and
// a content hash (lib/propensity's modelHash) as the model ID.
import { z } from 'zod';
import { loadModel, modelDocument, modelHash, modelSchema, PropensityError } from '../propensity';

export const UPLIFT_FORMAT_VERSION = 1;

const finite = z.number();
const nullable = z.number().nullable();

const decileRow = z.object({
	decile: z.number(),
	rows: z.number(),
	treated: z.number(),
	control: z.number(),
	meanPredicted: finite,
	treatedRate: nullable,
	controlRate: nullable,
	observed: nullable,
	ciLow: nullable,
	ciHigh: nullable,
	pValue: nullable,
});

export const upliftMetricsSchema = z.object({
	rows: z.number(),
	treated: z.number(),
	control: z.number(),
	treatedRate: nullable,
	controlRate: nullable,
	qini: nullable,
	auuc: nullable,
	upliftAtK: z.object({ k: finite, rows: z.number(), uplift: nullable, random: nullable, ratioToRandom: nullable }),
	deciles: z.array(decileRow),
	sampleRatio: z.object({ expectedTreatedShare: finite, chiSquare: finite, pValue: finite, mismatch: z.boolean() }),
});

export const upliftModelSchema = z.object({
	formatVersion: z.literal(UPLIFT_FORMAT_VERSION),
	kind: z.literal('uplift'),
	learner: z.enum(['two-model', 'class-transformation']),
	modelId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
	createdAt: z.string(),
	treatment: z.object({ field: z.string(), treatedValue: z.string(), controlValue: z.string(), treatedShare: finite }),
	target: z.object({ field: z.string(), treatedRate: nullable, controlRate: nullable }),
	trainingWindow: z.object({ rows: z.number().int(), validationRows: z.number().int(), split: z.string() }),
	segments: z.object({ minUplift: finite, sureThingProbability: finite }),
	/** two-model: treatment and control; class-transformation: transformed (the uplift) and control (the arm probabilities). */
	models: z.object({ treatment: modelSchema.nullable(), control: modelSchema, transformed: modelSchema.nullable() }),
	metrics: z.object({ training: upliftMetricsSchema, validation: upliftMetricsSchema.nullable() }),
	reference: z.object({ uplift: z.object({ edges: z.array(finite), shares: z.array(finite) }) }),
});

export type UpliftModel = z.infer<typeof upliftModelSchema>;
export type UpliftModelMetrics = z.infer<typeof upliftMetricsSchema>;

/** The content hash over everything but the IDs and creation times (the sub-models carry theirs). */
export function upliftHash(model: Omit<UpliftModel, 'modelId'> & { modelId?: string }): string {
	const strip = (m: UpliftModel['models']['control'] | null) => (m ? { ...m, createdAt: undefined } : null);
	const models = { treatment: strip(model.models.treatment), control: strip(model.models.control), transformed: strip(model.models.transformed) };
	// modelHash drops the top-level modelId and createdAt; its canonical JSON skips undefined keys.
	return modelHash({ ...model, models } as { modelId?: string; createdAt?: string });
}

/**
 * Reads an uplift model from an item's JSON (object or string): the format version, the schema,
 * the content hash, and every sub-model through lib/propensity's loadModel.
 */
export function loadUpliftModel(input: unknown): UpliftModel {
	const record = modelDocument(input, 'a Score Uplift Train operation');
	if (record.kind !== 'uplift') {
		throw new PropensityError('bad-model', record.kind === 'logistic-regression' ? 'This is a propensity model: use it with Score Propensity, or train an uplift model' : 'The model is not an uplift model made by this package');
	}
	if (record.formatVersion !== UPLIFT_FORMAT_VERSION) {
		throw new PropensityError('unsupported-version', `Uplift model format version ${JSON.stringify(record.formatVersion)} is not supported: this package reads version ${UPLIFT_FORMAT_VERSION}. Retrain the model, or update the package.`);
	}
	const parsed = upliftModelSchema.safeParse(record);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new PropensityError('bad-model', `The model is malformed at "${issue.path.join('.')}": ${issue.message}`);
	}
	const model = parsed.data;
	if (upliftHash(model) !== model.modelId) {
		throw new PropensityError('bad-model', 'The model content does not match its modelId: it was edited or corrupted after training');
	}
	for (const sub of [model.models.treatment, model.models.control, model.models.transformed]) if (sub) loadModel(sub);
	if (model.learner === 'two-model' ? !model.models.treatment : !model.models.transformed) {
		throw new PropensityError('bad-model', `The ${model.learner} model lacks its ${model.learner === 'two-model' ? 'treatment' : 'transformed'} sub-model`);
	}
	return model;
}
