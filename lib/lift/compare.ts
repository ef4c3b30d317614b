import { cupedAdjust } from './cuped';
import {
	absoluteDifference,
	criticalValue,
	fiellerRelative,
	meanInterval,
	scoreRelativeProportions,
	unavailable,
	welchDegreesOfFreedom,
	type Estimate,
	type GroupMoments,
} from './frequentist';
import { minimumDetectableEffect, sampleSizePerArm } from './power';
import { DEFAULT_SEQUENTIAL_TUNING, makeSequential, sequentialCritical } from './sequential';
import { bernoulliVariance, mean, meanDifference, sampleVariance, total, varianceProblem, type CovariateStats, type MetricStats } from './sufficientStats';

/** binary: a 0/1 outcome per customer (conversion, visit); continuous: an amount (revenue, spend). */
export type MetricKind = 'binary' | 'continuous';

export interface CompareOptions {
	kind: MetricKind;
	/** Two-sided confidence level, e.g. 0.95. */
	confidence: number;
	/** Power for the minimum detectable effect (default 0.8). */
	power?: number;
	/** A relative effect to size for: reports the customers per arm needed to detect it. */
	targetRelativeEffect?: number;
	/** Use the pre-period covariate sums (CUPED); needs CovariateStats. */
	cuped?: boolean;
	/** Always-valid intervals and p-values. */
	sequential?: boolean;
	sequentialTuning?: number;
	/** Campaign cost for the treatment arm, for ROI. */
	cost?: number;
	/** Value of one incremental conversion (binary metrics), for ROI. */
	valuePerConversion?: number;
	/** The metric's name, for messages. */
	metricName?: string;
}

export const MIN_OBSERVATIONS = 2;

export interface ArmComparison {
	kind: MetricKind;
	controlN: number;
	treatmentN: number;
	controlValue: number | null;
	controlCiLow: number | null;
	controlCiHigh: number | null;
	treatmentValue: number | null;
	treatmentCiLow: number | null;
	treatmentCiHigh: number | null;
	absolute: Estimate;
	relative: Estimate;
	/** Welch-Satterthwaite df for continuous metrics; null for the z tests. */
	degreesOfFreedom: number | null;
	/** Incremental conversions or revenue in the treatment arm: absolute lift x treatment n. */
	incremental: number | null;
	incrementalCiLow: number | null;
	incrementalCiHigh: number | null;
	roi: number | null;
	minimumDetectableEffect: number | null;
	/** Customers per arm needed to detect `targetRelativeEffect` with the given power. */
	sampleSizePerArmForTarget: number | null;
	cuped: { theta: number; varianceReduction: number } | null;
	sequential: boolean;
	messages: string[];
}

function groupMoments(stats: MetricStats, kind: MetricKind): GroupMoments {
	return { n: stats.n, mean: mean(stats), variance: kind === 'binary' ? bernoulliVariance(stats) : sampleVariance(stats) };
}

/**
 * Treatment versus control for one metric. Binary metrics: Wald intervals (unpooled) and the
 * pooled two-proportion z test, as statsmodels' proportions_ztest. Continuous metrics: Welch's t
 * with Welch-Satterthwaite df, as scipy's ttest_ind(equal_var=False). Relative lift: the
 * estimate treatment / control - 1 with an interval inverted from the absolute test itself
 * (Fieller's for means and for sequential or CUPED results, the Koopman score interval for
 * proportions), so it excludes 0 exactly when the absolute p-value is below 1 - confidence; its
 * p-value is that test's. Every number is finite or null, with a message saying why.
 */
export function compareArm(control: MetricStats | CovariateStats, treatment: MetricStats | CovariateStats, options: CompareOptions): ArmComparison {
	const messages: string[] = [];
	const base = {
		kind: options.kind,
		controlN: control.n,
		treatmentN: treatment.n,
		sequential: options.sequential === true,
	};
	if (control.n < MIN_OBSERVATIONS || treatment.n < MIN_OBSERVATIONS) {
		const message = `Too few observations: control has ${control.n} and treatment ${treatment.n}; at least ${MIN_OBSERVATIONS} each are needed`;
		return {
			...base,
			...emptyResult(message),
			controlValue: control.n > 0 ? mean(control) : null,
			treatmentValue: treatment.n > 0 ? mean(treatment) : null,
			messages: [message],
		};
	}

	if (options.kind === 'binary') {
		const outside = [control, treatment].find((g) => total(g) < 0 || total(g) > g.n);
		if (outside) {
			const message = `A binary metric needs between 0 and n conversions per arm, but one arm has ${total(outside)} in ${outside.n}: is this metric continuous?`;
			return { ...base, ...emptyResult(message), controlValue: mean(control), treatmentValue: mean(treatment), messages: [message] };
		}
	}

	if (options.kind === 'continuous') {
		const metric = options.metricName === undefined ? 'The metric' : `Metric "${options.metricName}"`;
		const problem = varianceProblem(control, `${metric}, control arm`) ?? varianceProblem(treatment, `${metric}, treatment arm`);
		if (problem) return finiteOrNull({ ...base, ...emptyResult(problem), controlValue: mean(control), treatmentValue: mean(treatment), messages: [problem] });
	}

	let c = groupMoments(control, options.kind);
	let t = groupMoments(treatment, options.kind);
	let cuped: ArmComparison['cuped'] = null;
	if (options.cuped) {
		const adjustment = 'crossSum' in control && 'crossSum' in treatment ? cupedAdjust(control, treatment) : null;
		if (adjustment) {
			c = adjustment.control;
			t = adjustment.treatment;
			cuped = { theta: adjustment.theta, varianceReduction: adjustment.varianceReduction };
		} else {
			messages.push('CUPED was not applied: the pre-period covariate is missing or has no variance');
		}
	}

	const binaryZ = options.kind === 'binary' && !cuped;
	const df = binaryZ ? Infinity : welchDegreesOfFreedom(c, t);
	let pooledVariance: number | undefined;
	if (binaryZ) {
		const pooled = (total(control) + total(treatment)) / (control.n + treatment.n);
		pooledVariance = pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n);
	}
	const difference = cuped ? t.mean - c.mean : meanDifference(control, treatment);
	let absolute = absoluteDifference(c, t, options.confidence, df, pooledVariance, difference);
	// Relative lift with an interval that excludes 0 exactly when the absolute test rejects (the
	// delta method's does not: with skewed revenue it fired in 17% of A/A tests at 95%).
	let relative: Estimate;
	if (options.sequential) {
		const tuning = options.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING;
		absolute = makeSequential(absolute, c.n + t.n, options.confidence, tuning);
		relative = fiellerRelative(c, t, sequentialCritical(c.n + t.n, options.confidence, tuning), absolute, difference);
	} else if (binaryZ) {
		relative = scoreRelativeProportions({ n: control.n, conversions: total(control) }, { n: treatment.n, conversions: total(treatment) }, options.confidence, absolute);
	} else {
		relative = fiellerRelative(c, t, criticalValue(options.confidence, df), absolute, difference);
	}
	for (const estimate of [absolute, relative]) if (estimate.message && !messages.includes(estimate.message)) messages.push(estimate.message);

	const [controlCiLow, controlCiHigh] = meanInterval(c, options.confidence, !binaryZ);
	const [treatmentCiLow, treatmentCiHigh] = meanInterval(t, options.confidence, !binaryZ);
	const incremental = absolute.estimate === null ? null : absolute.estimate * t.n;
	let roi: number | null = null;
	if (options.cost !== undefined && options.cost > 0 && incremental !== null) {
		const value = options.kind === 'binary' ? (options.valuePerConversion === undefined ? null : incremental * options.valuePerConversion) : incremental;
		roi = value === null ? null : (value - options.cost) / options.cost;
	}
	return finiteOrNull({
		...base,
		controlValue: c.mean,
		controlCiLow,
		controlCiHigh,
		treatmentValue: t.mean,
		treatmentCiLow,
		treatmentCiHigh,
		absolute,
		relative,
		degreesOfFreedom: Number.isFinite(df) ? df : null,
		incremental,
		incrementalCiLow: absolute.ciLow === null ? null : absolute.ciLow * t.n,
		incrementalCiHigh: absolute.ciHigh === null ? null : absolute.ciHigh * t.n,
		roi,
		minimumDetectableEffect: minimumDetectableEffect({
			controlMean: c.mean,
			controlVariance: c.variance,
			controlN: c.n,
			treatmentN: t.n,
			binary: options.kind === 'binary',
			confidence: options.confidence,
			power: options.power ?? 0.8,
		}),
		sampleSizePerArmForTarget:
			options.targetRelativeEffect === undefined
				? null
				: sampleSizePerArm(
						{ controlMean: c.mean, controlVariance: c.variance, binary: options.kind === 'binary', confidence: options.confidence, power: options.power ?? 0.8 },
						options.targetRelativeEffect,
					),
		cuped,
		messages,
	});
}

function emptyResult(message: string): Omit<ArmComparison, 'kind' | 'controlN' | 'treatmentN' | 'sequential' | 'controlValue' | 'treatmentValue' | 'messages'> {
	return {
		controlCiLow: null,
		controlCiHigh: null,
		treatmentCiLow: null,
		treatmentCiHigh: null,
		absolute: unavailable(message),
		relative: unavailable(message),
		degreesOfFreedom: null,
		incremental: null,
		incrementalCiLow: null,
		incrementalCiHigh: null,
		roi: null,
		minimumDetectableEffect: null,
		sampleSizePerArmForTarget: null,
		cuped: null,
	};
}

/** The last guard: no NaN or Infinity leaves this module. */
function finiteOrNull<T>(value: T): T {
	if (typeof value === 'number') return (Number.isFinite(value) ? value : null) as T;
	if (Array.isArray(value)) return value.map(finiteOrNull) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finiteOrNull(v)])) as T;
	}
	return value;
}
