import { armIndexForBucket, armRanges, HoldoutConfigError, type ArmRange, type ArmSpec } from './arms';
import { BUCKETS, bucketer, HASH_MODES, type HashMode } from './hash';
import { DEFAULT_SRM_THRESHOLD, sampleRatioCheck, type SampleRatioCheck } from '../stats/sampleRatio';

export const GLOBAL_HOLDOUT_ARM = 'global_holdout';

export interface GlobalHoldoutSpec {
	/** Shared by every campaign, so the same customers are held out of all of them. */
	salt: string;
	percent: number;
}

export interface HoldoutConfig {
	salt: string;
	arms: readonly ArmSpec[];
	hashMode?: HashMode;
	globalHoldout?: GlobalHoldoutSpec;
	srmThreshold?: number;
}

/** One unit to assign. `stratum` is set only when stratifying. */
export interface HoldoutUnit {
	key: string;
	stratum?: string;
	/**
	 * The key the global holdout is decided on, when not `key`: the customer's own key where a
	 * campaign randomizes by household, so that a customer the global holdout keeps out of every
	 * campaign stays out of this one too (the rest of the household is randomized as one).
	 */
	globalKey?: string;
}

export interface Assignment {
	/** Index into `HoldoutPlan.arms`, or -1 for the global holdout. */
	armIndex: number;
	arm: string;
	bucket: number;
	globalHoldout: boolean;
}

export interface HoldoutPlan {
	salt: string;
	hashMode: HashMode;
	arms: ArmRange[];
	globalHoldout?: GlobalHoldoutSpec;
	srmThreshold: number;
	/** The campaign bucket of a key. */
	bucketOfKey: (key: string) => number;
	/** Whether a key falls in the global holdout (always false without one). */
	isGloballyHeldOut: (key: string) => boolean;
}

/**
 * Columnar, so a million keys cost two typed arrays rather than a million objects (creating and
 * promoting those objects took as long as the hashing). `assignmentAt` builds one on demand.
 */
export interface HoldoutResult {
	/** Per unit: index into `plan.arms`, or -1 for the global holdout. */
	armIndexes: Int16Array;
	/** Per unit: the campaign bucket in [0, BUCKETS). */
	buckets: Uint16Array;
	/** Counts per campaign arm (global holdout excluded), in `plan.arms` order. */
	counts: number[];
	globalHoldoutCount: number;
	srm: SampleRatioCheck;
	/**
	 * When stratifying, per unit: the stratum its key was cut in (the one most of the key's units
	 * name, see assignHoldout), undefined for the global holdout.
	 */
	strata?: Array<string | undefined>;
}

export function planHoldout(config: HoldoutConfig): HoldoutPlan {
	const salt = typeof config.salt === 'string' ? config.salt.trim() : '';
	if (!salt) {
		throw new HoldoutConfigError('A campaign salt is required: use a new one per campaign, e.g. its name', 'campaignSalt');
	}
	const hashMode = config.hashMode ?? 'md5';
	if (!HASH_MODES.includes(hashMode)) {
		throw new HoldoutConfigError(`Unknown hash mode "${String(hashMode)}"; expected ${HASH_MODES.join(' or ')}`, 'hashMode');
	}
	const arms = armRanges(config.arms);
	if (arms.some((arm) => arm.name === GLOBAL_HOLDOUT_ARM)) {
		throw new HoldoutConfigError(`"${GLOBAL_HOLDOUT_ARM}" is reserved for the global holdout`, 'arms');
	}
	const global = config.globalHoldout;
	if (global) {
		if (!global.salt || !global.salt.trim()) {
			throw new HoldoutConfigError('The global holdout needs a salt shared by all campaigns', 'globalHoldoutSalt');
		}
		if (global.salt.trim() === salt) {
			throw new HoldoutConfigError('The global holdout salt must differ from the campaign salt', 'globalHoldoutSalt');
		}
		if (!Number.isFinite(global.percent) || global.percent <= 0 || global.percent >= 100) {
			throw new HoldoutConfigError(
				`Global holdout percentage must be above 0 and below 100, got ${global.percent}`,
				'globalHoldoutPercent',
			);
		}
	}
	const srmThreshold = config.srmThreshold ?? DEFAULT_SRM_THRESHOLD;
	const globalHoldout = global && { salt: global.salt.trim(), percent: global.percent };
	let isGloballyHeldOut = (_key: string) => false;
	if (globalHoldout) {
		const globalBucket = bucketer(globalHoldout.salt, hashMode);
		const cut = Math.round((globalHoldout.percent / 100) * BUCKETS);
		isGloballyHeldOut = (key) => globalBucket(key) < cut;
	}
	return { salt, hashMode, arms, globalHoldout, srmThreshold, bucketOfKey: bucketer(salt, hashMode), isGloballyHeldOut };
}

/** The arm one key lands in: depends on nothing but the key and the plan. */
export function assignKey(plan: HoldoutPlan, key: string, globalKey = key): Assignment {
	const bucket = plan.bucketOfKey(key);
	if (plan.isGloballyHeldOut(globalKey)) return { armIndex: -1, arm: GLOBAL_HOLDOUT_ARM, bucket, globalHoldout: true };
	const armIndex = armIndexForBucket(plan.arms, bucket);
	return { armIndex, arm: plan.arms[armIndex].name, bucket, globalHoldout: false };
}

/**
 * Assigns every unit. Without strata each key is bucketed on its own. With strata, each stratum's
 * keys (a key listed twice, or a household's members, are one key) are ordered by bucket (then key)
 * and cut at round(n x cumulative share), so every arm in every stratum is within one key of its
 * target and every unit of a key lands in one arm: deterministic for the same set of units, though
 * a customer's arm can then depend on who else is in the stratum. A key whose units name different
 * strata is cut in the one most of them name (ties: the smallest).
 */
export function assignHoldout(units: readonly HoldoutUnit[], plan: HoldoutPlan): HoldoutResult {
	const n = units.length;
	const armIndexes = new Int16Array(n);
	const buckets = new Uint16Array(n);
	const { arms, bucketOfKey, isGloballyHeldOut } = plan;
	const global = plan.globalHoldout !== undefined;
	let stratified = false;
	for (let i = 0; i < n; i++) {
		const key = units[i].key;
		buckets[i] = bucketOfKey(key);
		armIndexes[i] = global && isGloballyHeldOut(units[i].globalKey ?? key) ? -1 : armIndexForBucket(arms, buckets[i]);
		if (units[i].stratum !== undefined) stratified = true;
	}
	const strata = stratified ? assignStratified(plan, units, armIndexes, buckets) : undefined;
	const counts = new Array<number>(arms.length).fill(0);
	let globalHoldoutCount = 0;
	for (let i = 0; i < n; i++) {
		if (armIndexes[i] < 0) globalHoldoutCount++;
		else counts[armIndexes[i]]++;
	}
	return { armIndexes, buckets, counts, globalHoldoutCount, srm: sampleRatioOfCounts(plan, counts, globalHoldoutCount), ...(strata ? { strata } : {}) };
}

/** Unit `index` of a result as an object. */
export function assignmentAt(plan: HoldoutPlan, result: HoldoutResult, index: number): Assignment {
	const armIndex = result.armIndexes[index];
	const globalHoldout = armIndex < 0;
	return {
		armIndex,
		arm: globalHoldout ? GLOBAL_HOLDOUT_ARM : plan.arms[armIndex].name,
		bucket: result.buckets[index],
		globalHoldout,
	};
}

/**
 * Re-cuts the non-held-out units of each stratum by rank of bucket (then key), one rank per key: the
 * same key (a customer listed twice, the members of one household) is one randomization unit, cut
 * once, so all its items share one arm. A key whose items name different strata (a household whose
 * members sit in different RFM segments) is placed in the stratum most of its items name, ties going
 * to the smallest stratum (in code-unit order), so the choice does not depend on input order; its
 * items report that stratum (`strata`).
 */
function assignStratified(plan: HoldoutPlan, units: readonly HoldoutUnit[], armIndexes: Int16Array, buckets: Uint16Array): Array<string | undefined> {
	// Per key: its items (not held out), its first stratum, and how many items name each stratum once
	// a second one turns up (most keys have one item, or one stratum: no map for them).
	const byKey = new Map<string, { items: number[]; first: string; votes?: Map<string, number> }>();
	for (let index = 0; index < units.length; index++) {
		if (armIndexes[index] < 0) continue;
		const { key } = units[index];
		const stratum = units[index].stratum ?? '';
		const unit = byKey.get(key);
		if (unit === undefined) {
			byKey.set(key, { items: [index], first: stratum });
			continue;
		}
		if (unit.votes === undefined && stratum !== unit.first) unit.votes = new Map([[unit.first, unit.items.length]]);
		unit.items.push(index);
		if (unit.votes) unit.votes.set(stratum, (unit.votes.get(stratum) ?? 0) + 1);
	}
	const strata = new Map<string, string[]>();
	const stratumOfKey = new Map<string, string>();
	for (const [key, { first, votes }] of byKey) {
		let chosen = first;
		if (votes) {
			let most = 0;
			for (const [stratum, count] of votes) if (count > most || (count === most && compareKeys(stratum, chosen) < 0)) [chosen, most] = [stratum, count];
		}
		stratumOfKey.set(key, chosen);
		const keys = strata.get(chosen);
		if (keys) keys.push(key);
		else strata.set(chosen, [key]);
	}
	const used = new Array<string | undefined>(units.length);
	for (const keys of strata.values()) {
		const bucketOf = (key: string) => buckets[byKey.get(key)!.items[0]];
		keys.sort((a, b) => bucketOf(a) - bucketOf(b) || compareKeys(a, b));
		const n = keys.length;
		let armIndex = 0;
		let cumulativeShare = plan.arms[0].share;
		let cut = Math.round(n * cumulativeShare);
		for (let rank = 0; rank < n; rank++) {
			while (rank >= cut && armIndex < plan.arms.length - 1) {
				armIndex++;
				cumulativeShare += plan.arms[armIndex].share;
				cut = armIndex === plan.arms.length - 1 ? n : Math.round(n * cumulativeShare);
			}
			const stratum = stratumOfKey.get(keys[rank]);
			for (const index of byKey.get(keys[rank])!.items) {
				armIndexes[index] = armIndex;
				used[index] = stratum;
			}
		}
	}
	return used;
}

function compareKeys(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The split as intended: global holdout first, then the campaign arms in their shares. Also the
 * check for counts made elsewhere (a warehouse's GROUP BY arm over the generated assignment).
 */
export function sampleRatioOfCounts(plan: HoldoutPlan, counts: readonly number[], globalHoldoutCount: number): SampleRatioCheck {
	if (!plan.globalHoldout) return sampleRatioCheck(plan.arms, counts, plan.srmThreshold);
	const held = Math.round((plan.globalHoldout.percent / 100) * BUCKETS) / BUCKETS;
	const arms = [
		{ name: GLOBAL_HOLDOUT_ARM, share: held },
		...plan.arms.map((arm) => ({ name: arm.name, share: arm.share * (1 - held) })),
	];
	return sampleRatioCheck(arms, [globalHoldoutCount, ...counts], plan.srmThreshold);
}
