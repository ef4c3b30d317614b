export {
	addObservation,
	bernoulliVariance,
	CANCELLATION_LIMIT,
	emptyStats,
	looksBinary,
	mean,
	meanDifference,
	mergeStats,
	recenter,
	sampleVariance,
	total,
	varianceProblem,
	type CovariateStats,
	type MetricStats,
} from './sufficientStats';
export { absoluteDifference, fiellerRelative, relativeDifference, scoreRelativeProportions, welchDegreesOfFreedom, type Estimate, type GroupMoments } from './frequentist';
export { compareArm, MIN_OBSERVATIONS, type ArmComparison, type CompareOptions, type MetricKind } from './compare';
export { cupedAdjust, type CupedAdjustment } from './cuped';
export { DEFAULT_SEQUENTIAL_TUNING, makeSequential, sequentialCritical, sequentialRho } from './sequential';
export { adjustPValues, benjaminiHochberg, holm, type Correction } from './multipleTesting';
export { minimumDetectableEffect, sampleSizePerArm, type PowerInputs } from './power';
export { ALL_SEGMENTS, analyzeExperiment, StatsAccumulator, type ExperimentOptions, type ExperimentResult, type LiftResult, type MetricSpec } from './experiment';
export { drawingToSvg, escapeXml, experimentChart, experimentChartSvg, liftChart, liftChartSvg, niceTicks, type ChartRow, type Drawing, type Shape } from './chart';
export { drawingToPng } from './chartPng';
export { parseMetricValue, type ParsedValue } from './values';
