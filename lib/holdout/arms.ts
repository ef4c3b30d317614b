import { BUCKETS } from './hash';

export interface ArmSpec {
	name: string;
	weight: number;
}

/** An arm with its half-open bucket range [start, end). */
export interface ArmRange extends ArmSpec {
	share: number;
	start: number;
	end: number;
}

export class HoldoutConfigError extends Error {
	constructor(
		message: string,
		readonly parameter: string,
	) {
		super(message);
		this.name = 'HoldoutConfigError';
	}
}

/**
 * Control first, then treatment: raising the control percentage only moves customers from
 * treatment into control, never the other way.
 */
export function treatmentControlArms(controlPercent: number): ArmSpec[] {
	if (!Number.isFinite(controlPercent) || controlPercent <= 0 || controlPercent >= 100) {
		throw new HoldoutConfigError(
			`Control percentage must be a number above 0 and below 100, got ${controlPercent}`,
			'controlPercent',
		);
	}
	return [
		{ name: 'control', weight: controlPercent },
		{ name: 'treatment', weight: 100 - controlPercent },
	];
}

export const MAX_ARMS = 1000;

/** Validates arms and lays them out over the bucket space in the order given. */
export function armRanges(arms: readonly ArmSpec[]): ArmRange[] {
	if (arms.length < 2) throw new HoldoutConfigError('At least two arms are needed', 'arms');
	// Results store arm indexes in 16 bits; no split has a use for more arms than this anyway.
	if (arms.length > MAX_ARMS) throw new HoldoutConfigError(`At most ${MAX_ARMS} arms are supported, got ${arms.length}`, 'arms');
	const names = new Set<string>();
	for (const arm of arms) {
		const name = typeof arm.name === 'string' ? arm.name.trim() : '';
		if (!name) throw new HoldoutConfigError('Every arm needs a name', 'arms');
		if (names.has(name)) throw new HoldoutConfigError(`Arm names must be unique; "${name}" appears twice`, 'arms');
		names.add(name);
		if (!Number.isFinite(arm.weight) || arm.weight <= 0) {
			throw new HoldoutConfigError(`Arm "${name}" needs a positive weight, got ${arm.weight}`, 'arms');
		}
	}
	const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
	let cumulative = 0;
	let start = 0;
	return arms.map((arm, index) => {
		cumulative += arm.weight;
		const end = index === arms.length - 1 ? BUCKETS : Math.round((cumulative / total) * BUCKETS);
		const range = { name: arm.name.trim(), weight: arm.weight, share: arm.weight / total, start, end };
		start = end;
		return range;
	});
}

/** Index of the arm whose range holds the bucket. */
export function armIndexForBucket(ranges: readonly ArmRange[], bucket: number): number {
	for (let i = 0; i < ranges.length; i++) if (bucket < ranges[i].end) return i;
	return ranges.length - 1;
}
