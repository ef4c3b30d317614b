export { PropensityError, type PropensityErrorCode } from './errors';
export {
	categoryOf,
	designNames,
	encode,
	encodeRows,
	fitFeatures,
	inferSpec,
	INTERCEPT,
	MISSING_LEVEL,
	OTHER_LEVEL,
	parseBoolean,
	parseDate,
	parseNumber,
	rowCount,
	type Columns,
	type Design,
	type EncodeReport,
	type FeatureSpec,
	type FittedFeature,
} from './features';
export { fitLogistic, fitLogisticRows, predictRows, rowDesign, sigmoid, SeparationError, type LogisticFit, type LogisticOptions, type RowDesign } from './logistic';
export { auc, brier, calibrationTable, compareAuc, decileTable, evaluate, logLoss, type AucComparison, type CalibrationBin, type DecileRow, type Metrics } from './metrics';
export { canonicalJson, loadModel, MODEL_FORMAT_VERSION, modelDocument, modelHash, modelSchema, type ModelMetrics, type PropensityModel } from './model';
export { binOf, psi, PSI_WARNING, quantileEdges, scoreProfile, scorePsi, type FeatureProfile, type ScoreProfile } from './drift';
export { batchDeciles, checkFeatures, linearPredictor, scoreColumns, type Contribution, type DriftReport, type ScoreOptions, type ScoreResult, type Tier, type TopContributions } from './score';
export { crossValidate, metricsJson, parseTarget, resolveSpecs, targetValue, trainPropensity, type TrainOptions, type TrainResult } from './train';
export { championChallenger, kFold, rng, splitRows, stratifiedSplit, type ChampionChallenger, type SplitSpec } from './validation';
