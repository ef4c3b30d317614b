import { sampleRatioCheck, type SampleRatioCheck } from '../stats/sampleRatio';
import { compareArm, type ArmComparison, type MetricKind } from './compare';
import { adjustPValues, type Correction } from './multipleTesting';
import { addObservation, emptyStats, mergeStats, type CovariateStats } from './sufficientStats';

export const ALL_SEGMENTS = '(all)';

export interface MetricSpec {
	name: string;
	kind: MetricKind;
}

export interface ExperimentOptions {
	controlArm: string;
	metrics: MetricSpec[];
	confidence: number;
	correction?: Correction;
	cuped?: boolean;
	sequential?: boolean;
	sequentialTuning?: number;
	power?: number;
	targetRelativeEffect?: number;
	/** Cost of treating one customer, for ROI (cost of an arm = n x this). */
	costPerCustomer?: number;
	valuePerConversion?: number;
	/** Intended share of each arm for the sample-ratio check; equal shares when absent. */
	intendedWeights?: Record<string, number>;
	srmThreshold?: number;
}

export interface LiftResult extends ArmComparison {
	segment: string;
	arm: string;
	controlArm: string;
	metric: string;
	pValueAdjusted: number | null;
	correction: Correction;
}

export interface ExperimentResult {
	results: LiftResult[];
	/** Sample-ratio check per segment, on the customers counted in the first metric. */
	srm: Record<string, SampleRatioCheck>;
	arms: string[];
	segments: string[];
}

/** Collects sufficient statistics per segment, arm and metric, from rows or from aggregates. */
export class StatsAccumulator {
	private readonly cells = new Map<string, Map<string, Map<string, CovariateStats>>>();

	private cell(segment: string, arm: string, metric: string): CovariateStats {
		let bySegment = this.cells.get(segment);
		if (!bySegment) this.cells.set(segment, (bySegment = new Map()));
		let byArm = bySegment.get(arm);
		if (!byArm) bySegment.set(arm, (byArm = new Map()));
		let stats = byArm.get(metric);
		if (!stats) byArm.set(metric, (stats = emptyStats()));
		return stats;
	}

	/** One customer's value of one metric (x: the pre-period covariate, for CUPED). */
	addObservation(segment: string, arm: string, metric: string, y: number, x = 0): void {
		addObservation(this.cell(segment, arm, metric), y, x);
	}

	/**
	 * Pre-aggregated statistics, e.g. from SQL: COUNT(*), SUM(y), SUM(y * y), or sums of y - shift
	 * with the shift given (precision for large means). Several rows add up.
	 */
	addAggregate(segment: string, arm: string, metric: string, stats: Partial<CovariateStats> & { n: number; sum: number; sumSquares: number }): void {
		mergeStats(this.cell(segment, arm, metric), { ...emptyStats(), ...stats });
	}

	segments(): string[] {
		return [...this.cells.keys()];
	}

	arms(segment: string): string[] {
		return [...(this.cells.get(segment)?.keys() ?? [])];
	}

	get(segment: string, arm: string, metric: string): CovariateStats | undefined {
		return this.cells.get(segment)?.get(arm)?.get(metric);
	}
}

/** Every non-control arm against the control arm, for every metric and segment. */
export function analyzeExperiment(data: StatsAccumulator, options: ExperimentOptions): ExperimentResult {
	const segments = data.segments();
	const results: LiftResult[] = [];
	const srm: Record<string, SampleRatioCheck> = {};
	const allArms = new Set<string>();
	for (const segment of segments) {
		const arms = data.arms(segment);
		arms.forEach((arm) => allArms.add(arm));
		const firstMetric = options.metrics[0]?.name;
		if (firstMetric !== undefined && arms.length > 1) {
			const weights = arms.map((arm) => options.intendedWeights?.[arm] ?? (options.intendedWeights ? 0 : 1));
			const total = weights.reduce((a, b) => a + b, 0);
			srm[segment] = sampleRatioCheck(
				arms.map((arm, i) => ({ name: arm, share: total > 0 ? weights[i] / total : 0 })),
				arms.map((arm) => data.get(segment, arm, firstMetric)?.n ?? 0),
				options.srmThreshold,
			);
		}
		for (const arm of arms) {
			if (arm === options.controlArm) continue;
			for (const metric of options.metrics) {
				const control = data.get(segment, options.controlArm, metric.name) ?? emptyStats();
				const treatment = data.get(segment, arm, metric.name) ?? emptyStats();
				const comparison = compareArm(control, treatment, {
					kind: metric.kind,
					confidence: options.confidence,
					cuped: options.cuped,
					sequential: options.sequential,
					sequentialTuning: options.sequentialTuning,
					power: options.power,
					targetRelativeEffect: options.targetRelativeEffect,
					cost: options.costPerCustomer === undefined ? undefined : options.costPerCustomer * treatment.n,
					valuePerConversion: options.valuePerConversion,
					metricName: metric.name,
				});
				if (control.n === 0) comparison.messages.unshift(`The control arm "${options.controlArm}" has no customers in segment "${segment}"`);
				results.push({ ...comparison, segment, arm, controlArm: options.controlArm, metric: metric.name, pValueAdjusted: null, correction: options.correction ?? 'none' });
			}
		}
	}
	const correction = options.correction ?? 'none';
	const adjusted = adjustPValues(
		results.map((r) => r.absolute.pValue),
		correction,
	);
	results.forEach((r, i) => (r.pValueAdjusted = adjusted[i]));
	return { results, srm, arms: [...allArms], segments };
}
