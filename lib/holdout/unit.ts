import { readPresentKey } from '../records';
// The unit of randomization. People who share a letterbox see each other's mail and talk about
// offers, so a holdout that splits a household leaks treatment into control and dilutes the
// measured lift: randomizing by household keeps everyone at one address in the same arm.

export type RandomizeBy = 'customer' | 'household';

/**
 * The key an item is randomized on: its household's when randomizing by household, else its
 * customer's. A customer without a household ID is a household of its own (its customer key).
 */
export function randomizationKey(customerKey: string, householdKey: string | undefined, by: RandomizeBy): { key: string; unit: RandomizeBy; globalKey: string } {
	// The global holdout is always decided on the customer: held out of every campaign, however it is randomized.
	return by === 'household' && householdKey !== undefined ? { key: householdKey, unit: 'household', globalKey: customerKey } : { key: customerKey, unit: 'customer', globalKey: customerKey };
}

/**
 * The customer (or household) key of a raw value as the pack reads keys (lib/records readKey:
 * trimmed, `1001.0` as pandas writes it is `1001`), or undefined when there is none: empty, a
 * missing marker (`null`, `N/A`, `#N/A`...), an array or an object. Such an item cannot be
 * randomized and is never treated. The generated SQL reads keys the same way (lib/warehouse
 * SqlBuilder.customerKey).
 */
export function holdoutKey(value: unknown): string | undefined {
	return readPresentKey(value);
}

// Arm names that say the arm is not sent to: control, holdout, hold-out, "no send", "no contact".
const HELD_OUT_ARM = /(^|[^a-z])(control|holdout|hold[\s_-]+out|no[\s_-]*send|no[\s_-]*contact|do[\s_-]*not[\s_-]*(send|contact))([^a-z]|$)/i;

/**
 * The arm that is not sent to, where an item that cannot be randomized goes (fail closed): the arm
 * named by `explicit` when given, else the first arm whose name says control or holdout; -1 when
 * there is none (the caller then stops rather than put the item on a sending arm).
 */
export function failSafeArmIndex(arms: ReadonlyArray<{ name: string }>, explicit?: string): number {
	const wanted = (explicit ?? '').trim();
	if (wanted !== '') return arms.findIndex((arm) => arm.name.trim() === wanted);
	// camelCase words apart first: "ControlGroup", "HoldOut", "noSend".
	return arms.findIndex((arm) => HELD_OUT_ARM.test(arm.name.replace(/([a-z])([A-Z])/g, '$1 $2')));
}
