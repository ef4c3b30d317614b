export { auuc, descendingOrder, evaluateUplift, qiniCoefficient, qiniCurve, qiniPoints, upliftAtK, upliftCurve, upliftDeciles, type Curve, type UpliftAtK, type UpliftDecile, type UpliftEvaluationOptions, type UpliftMetrics } from './metrics';
export { loadUpliftModel, UPLIFT_FORMAT_VERSION, upliftHash, upliftModelSchema, type UpliftModel, type UpliftModelMetrics } from './model';
export { armValue, parseArms, trainUplift, type ArmCoding, type UpliftLearner, type UpliftTrainOptions, type UpliftTrainResult } from './train';
export { predictUplift, scoreUplift, type UpliftDrift, type UpliftScoreOptions, type UpliftScoreResult } from './score';
export { DEFAULT_SEGMENT_RULES, segmentOf, UPLIFT_SEGMENTS, type SegmentRules, type UpliftSegment } from './segments';
export { qiniChartSvg, type QiniPoint } from './chart';
