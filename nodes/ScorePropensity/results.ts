// What Score Propensity's Items and File modes share: the options as lib/propensity reads them and
// the output fields, so both modes give the same model, scores and metrics on the same rows.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { type evaluate, type Metrics, type ModelMetrics, type PropensityModel, type scoreColumns, type ScoreOptions, type TrainOptions } from '../../lib/propensity';
import { commaList, getFieldName, PROBABILITY_DECIMALS, roundTo, validationSplit } from '../shared';

export const TARGET_EXPECTED = '0/1, true/false or yes/no';

export function metricsSummary(m: ModelMetrics | Metrics | null): IDataObject | null {
	if (!m) return null;
	return {
		rows: m.rows,
		responders: m.responders,
		baseRate: m.baseRate,
		auc: m.auc,
		logLoss: m.logLoss,
		brier: m.brier,
		topDecileLift: m.topDecileLift,
		calibrationMaxGap: m.calibrationMaxGap,
	};
}

/** Train's settings: the target, the features, the split date field and lib's options. */
export function trainSettings(context: IExecuteFunctions): { targetField: string; features: string[]; splitDateField: string; options: TrainOptions } {
	const targetField = getFieldName(context, 'targetField');
	const features = commaList(getFieldName(context, 'featureFields', '', true));
	const o = context.getNodeParameter('trainOptions', 0, {}) as IDataObject;
	const splitDateField = getFieldName(context, 'trainOptions.splitDateField');
	const options: TrainOptions = {
		target: targetField,
		features,
		l2: Number(o.l2 ?? 0),
		classWeights: o.classWeights === 'balanced' ? 'balanced' : undefined,
		minLevelCount: Number(o.minLevelCount ?? 10),
		validation: validationSplit(o, 'none', 20, splitDateField),
		folds: Number(o.folds ?? 0),
		seed: Number(o.seed ?? 1),
		platt: o.platt === true,
		dateField: splitDateField || undefined,
	};
	return { targetField, features, splitDateField, options };
}

export function modelItemJson(model: PropensityModel): IDataObject {
	return {
		modelId: model.modelId,
		trainingRows: model.trainingWindow.rows,
		validationRows: model.trainingWindow.validationRows,
		training: metricsSummary(model.metrics.training),
		validation: metricsSummary(model.metrics.validation),
		crossValidation: model.metrics.crossValidation as IDataObject | null,
		coefficients: model.coefficients as unknown as IDataObject[],
		warnings: model.solver.warnings,
		model: model as unknown as IDataObject,
	};
}

export function trainedSummary(model: PropensityModel): string {
	return `Trained on ${model.trainingWindow.rows} rows; AUC ${roundTo(model.metrics.training.auc, 3)} in training${model.metrics.validation ? `, ${roundTo(model.metrics.validation.auc, 3)} in validation` : ''}`;
}

export function scoreSettings(context: IExecuteFunctions): { outputField: string; options: ScoreOptions } {
	const o = context.getNodeParameter('scoreOptions', 0, {}) as IDataObject;
	const outputField = (context.getNodeParameter('outputField', 0, 'propensity') as string).trim() || 'propensity';
	const tierBy = o.tierBy === 'probability' ? 'probability' : 'decile';
	return {
		outputField,
		options: {
			topContributions: Number(o.topContributions ?? 3),
			decileBasis: o.decileBasis === 'training' ? 'training' : 'scored',
			tiers: {
				by: tierBy,
				high: Number(o.tierHigh ?? (tierBy === 'decile' ? 2 : 0.5)),
				medium: Number(o.tierMedium ?? (tierBy === 'decile' ? 5 : 0.2)),
			},
		},
	};
}

type Scored = ReturnType<typeof scoreColumns>;

/** Row `i`'s output field: probability (rounded for reading; deciles and tiers come from the exact value), decile, tier, reasons. */
export function scoreValue(model: PropensityModel, result: Scored, i: number): IDataObject {
	const value: IDataObject = {
		probability: roundTo(result.probability[i], PROBABILITY_DECIMALS),
		decile: result.decile[i],
		tier: result.tier[i],
		modelId: model.modelId,
	};
	if (result.topContributions) value.topReasons = result.contributionsOf(i) as unknown as IDataObject[];
	return value;
}

export function scoreReport(model: PropensityModel, result: Scored): IDataObject {
	return {
		modelId: model.modelId,
		rows: result.n,
		drift: result.drift as unknown as IDataObject,
		unseenLevels: result.report.unseen,
		missingValues: result.report.missing,
		unreadableValues: result.report.invalid,
		warnings: result.warnings,
	};
}

export function evaluationJson(model: PropensityModel, result: Scored, metrics: ReturnType<typeof evaluate>): IDataObject {
	return {
		modelId: model.modelId,
		...metricsSummary(metrics),
		deciles: metrics.deciles as unknown as IDataObject[],
		calibration: metrics.calibration as unknown as IDataObject[],
		trainingAuc: model.metrics.training.auc,
		drift: result.drift as unknown as IDataObject,
		warnings: result.warnings,
	};
}
