import type { IDataObject } from 'n8n-workflow';
import { ALL_SEGMENTS, type LiftResult } from '../../lib/lift';
import type { SampleRatioCheck } from '../../lib/stats/sampleRatio';
import { roundTo } from '../shared';

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

const signed = (value: number, digits: number) => `${value >= 0 ? '+' : '\u2212'}${Math.abs(value).toFixed(digits)}`;

/** "p < 0.001", "p = 0.042"; "p not available" when a guard left it empty. */
export function formatPValue(pValue: number | null): string {
	if (pValue === null || !Number.isFinite(pValue)) return 'p not available';
	return pValue < 0.001 ? 'p < 0.001' : `p = ${pValue.toFixed(3)}`;
}

/**
 * One line a marketer can paste into a report, e.g. "Treatment converted 18.3% vs 10.6%: +7.7 pp
 * [+7.0, +8.3], p < 0.001". Rates are in percent and their difference in percentage points; means
 * keep their unit and add the relative change.
 */
export function liftSummary(result: LiftResult, confidence: number): string {
	const arm = result.arm.charAt(0).toUpperCase() + result.arm.slice(1);
	const where = result.segment === ALL_SEGMENTS ? '' : `${result.segment}: `;
	const { estimate, ciLow, ciHigh } = result.absolute;
	const interval = (scale: number, digits: number) =>
		ciLow === null || ciHigh === null ? '' : ` [${signed(ciLow * scale, digits)}, ${signed(ciHigh * scale, digits)}]`;
	const p = formatPValue(result.absolute.pValue);
	if (result.treatmentValue === null || result.controlValue === null || estimate === null) {
		return `${where}${arm} vs ${result.controlArm} on ${result.metric}: not enough data (${result.messages.join('; ') || 'no estimate'})`;
	}
	if (result.kind === 'binary') {
		// Rare outcomes (under 5%) get a second decimal, or 0.88% vs 0.57% would read 0.9% vs 0.6%.
		const digits = Math.max(result.treatmentValue, result.controlValue) < 0.05 ? 2 : 1;
		const rate = (value: number) => `${(value * 100).toFixed(digits)}%`;
		return `${where}${arm} ${result.metric} ${rate(result.treatmentValue)} vs ${rate(result.controlValue)}: ${signed(estimate * 100, digits)} pp${interval(100, digits)}, ${p}`;
	}
	const relative = result.relative.estimate === null ? '' : ` (${signed(result.relative.estimate * 100, 1)}%)`;
	const level = `${Math.round(confidence * 100)}%`;
	return `${where}${arm} ${result.metric} averaged ${result.treatmentValue.toFixed(2)} vs ${result.controlValue.toFixed(2)}: ${signed(estimate, 2)}${interval(1, 2)}${relative}, ${p} (${level} interval)`;
}

/**
 * One output item, read left to right in n8n's table: who, what, the lift in percent with its
 * interval, the p-value, whether it is significant and a one-line summary; then the raw fields
 * (fractions, counts, test details) that templates and warehouses read.
 */
export function toResultJson(result: LiftResult, confidence: number, srm: SampleRatioCheck | undefined): IDataObject {
	const significant = result.absolute.pValue !== null && result.absolute.pValue < 1 - confidence;
	const percent = (fraction: number | null) => roundTo(fraction === null ? null : fraction * 100, 1);
	return {
		arm: result.arm,
		metric: result.metric,
		liftPercent: percent(result.relative.estimate),
		liftPercentCiLow: percent(result.relative.ciLow),
		liftPercentCiHigh: percent(result.relative.ciHigh),
		pValue: result.absolute.pValue,
		significant,
		summary: liftSummary(result, confidence),
		segment: result.segment,
		controlArm: result.controlArm,
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
		pValueAdjusted: result.pValueAdjusted,
		correction: result.correction,
		statistic: result.absolute.statistic,
		test: result.kind === 'binary' && !result.cuped ? 'two-proportion z' : 'Welch t',
		degreesOfFreedom: result.degreesOfFreedom,
		confidence,
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
