import { normPpf } from '../stats/distributions';

export interface PowerInputs {
	controlMean: number;
	controlVariance: number;
	controlN: number;
	treatmentN: number;
	binary: boolean;
	confidence: number;
	power: number;
}

function zSum(confidence: number, power: number): number {
	return normPpf(1 - (1 - confidence) / 2) + normPpf(power);
}

/**
 * The smallest absolute effect the test detects with the given power at the achieved sample
 * sizes (two-sided), assuming the treatment's variance equals the control's.
 */
export function minimumDetectableEffect(inputs: PowerInputs): number | null {
	if (inputs.controlN < 2 || inputs.treatmentN < 2 || !(inputs.controlVariance > 0)) return null;
	return zSum(inputs.confidence, inputs.power) * Math.sqrt(inputs.controlVariance * (1 / inputs.controlN + 1 / inputs.treatmentN));
}

/**
 * Customers needed per arm (equal arms) to detect a relative effect `relativeEffect` on the
 * control mean; for a binary metric the treatment variance is that of the shifted rate.
 */
export function sampleSizePerArm(inputs: Omit<PowerInputs, 'controlN' | 'treatmentN'>, relativeEffect: number): number | null {
	const delta = inputs.controlMean * relativeEffect;
	if (!(Math.abs(delta) > 0) || !(inputs.controlVariance > 0)) return null;
	let treatmentVariance = inputs.controlVariance;
	if (inputs.binary) {
		const p1 = inputs.controlMean + delta;
		if (p1 <= 0 || p1 >= 1) return null;
		treatmentVariance = p1 * (1 - p1);
	}
	const z = zSum(inputs.confidence, inputs.power);
	return Math.ceil((z * z * (inputs.controlVariance + treatmentVariance)) / (delta * delta));
}
