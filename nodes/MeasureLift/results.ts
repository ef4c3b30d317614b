import type { IDataObject } from 'n8n-workflow';
import type { LiftResult } from '../../lib/lift';
import type { SampleRatioCheck } from '../../lib/stats/sampleRatio';

/** "control=10, treatment=90" -> { control: 10, treatment: 90 }; empty -> undefined (equal shares). */
export function parseIntendedSplit(text: string): Record<string, number> | undefined {
	if (!text.trim()) return undefined;
	const weights: Record<string, number> = Object.create(null);
	for (const part of text.split(',')) {
		const [name, weight] = part.split('=').map((s) => s.trim());
		const value = Number(weight);
		if (!name || !Number.isFinite(value) || value < 0) {
			throw new Error(`Intended split "${part.trim()}" should look like arm=weight, e.g. control=10`);
		}
		weights[name] = value;
	}
	return { ...weights };
}

/** One output item: flat fields, ready for a Slack message or a warehouse table. */
export function toResultJson(result: LiftResult, confidence: number, srm: SampleRatioCheck | undefined): IDataObject {
	const significant = result.absolute.pValue !== null && result.absolute.pValue < 1 - confidence;
	return {
		segment: result.segment,
		arm: result.arm,
		controlArm: result.controlArm,
		metric: result.metric,
		kind: result.kind,
		n: result.treatmentN,
		controlN: result.controlN,
		value: result.treatmentValue,
		valueCiLow: result.treatmentCiLow,
		valueCiHigh: result.treatmentCiHigh,
		controlValue: result.controlValue,
		controlCiLow: result.controlCiLow,
		controlCiHigh: result.controlCiHigh,
		absoluteLift: result.absolute.estimate,
		absoluteCiLow: result.absolute.ciLow,
		absoluteCiHigh: result.absolute.ciHigh,
		relativeLift: result.relative.estimate,
		relativeCiLow: result.relative.ciLow,
		relativeCiHigh: result.relative.ciHigh,
		pValue: result.absolute.pValue,
		pValueAdjusted: result.pValueAdjusted,
		correction: result.correction,
		statistic: result.absolute.statistic,
		test: result.kind === 'binary' && !result.cuped ? 'two-proportion z' : 'Welch t',
		degreesOfFreedom: result.degreesOfFreedom,
		confidence,
		significant,
		sequential: result.sequential,
		incremental: result.incremental,
		incrementalCiLow: result.incrementalCiLow,
		incrementalCiHigh: result.incrementalCiHigh,
		roi: result.roi,
		minimumDetectableEffect: result.minimumDetectableEffect,
		sampleSizePerArmForTarget: result.sampleSizePerArmForTarget,
		cuped: result.cuped,
		srm: srm ? { chiSquare: srm.chiSquare, df: srm.df, pValue: srm.pValue, mismatch: srm.mismatch } : null,
		messages: result.messages,
	};
}
