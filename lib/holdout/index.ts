export { BUCKETS, bucketer, bucketOf, fnv1a32, growthbookHashV2, HASH_MODES, type HashMode } from './hash';
export { md5First32, md5First32WithPrefix } from './md5';
export { armIndexForBucket, armRanges, HoldoutConfigError, treatmentControlArms, type ArmRange, type ArmSpec } from './arms';
export {
	assignHoldout,
	assignKey,
	assignmentAt,
	GLOBAL_HOLDOUT_ARM,
	planHoldout,
	sampleRatioOfCounts,
	type Assignment,
	type GlobalHoldoutSpec,
	type HoldoutConfig,
	type HoldoutPlan,
	type HoldoutResult,
	type HoldoutUnit,
} from './assign';
export { DEFAULT_SRM_THRESHOLD, sampleRatioCheck, type SampleRatioCheck } from '../stats/sampleRatio';
export { armSql, bucketSql, type SqlDialect } from './sql';
export { failSafeArmIndex, holdoutKey, randomizationKey, type RandomizeBy } from './unit';
