/** A number rounded for people to read (`0.4137`, `72.6`); null for a missing or non-finite value. */
export function roundTo(value: number | null | undefined, digits: number): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	return Number(value.toFixed(digits));
}

/** The decimals Score Propensity shows a probability with: enough to tell customers apart in a list. */
export const PROBABILITY_DECIMALS = 4;
