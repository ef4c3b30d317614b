// Seeded randomness (so every run is reproducible) and stable hashing for new customer IDs.
import { sha256Hex } from '../records/hash';
export { seededRandom } from '../stats/random';

/** A stable customer ID derived from a record key: the same key gives the same ID on every run. */
export function stableId(seedKey: string, prefix = 'cus_'): string {
	return prefix + sha256Hex(seedKey).slice(0, 20);
}
