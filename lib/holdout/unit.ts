// The unit of randomization. People who share a letterbox see each other's mail and talk about
// offers, so a holdout that splits a household leaks treatment into control and dilutes the
// measured lift: randomizing by household keeps everyone at one address in the same arm.

export type RandomizeBy = 'customer' | 'household';

/**
 * The key an item is randomized on: its household's when randomizing by household, else its
 * customer's. A customer without a household ID is a household of its own (its customer key).
 */
export function randomizationKey(customerKey: string, householdKey: string | undefined, by: RandomizeBy): { key: string; unit: RandomizeBy } {
	return by === 'household' && householdKey !== undefined ? { key: householdKey, unit: 'household' } : { key: customerKey, unit: 'customer' };
}
