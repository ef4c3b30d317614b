import { md5First32WithPrefix } from './md5';

/** Buckets are integers in [0, BUCKETS): 10,000 gives 0.01% resolution for arm weights. */
export const BUCKETS = 10000;

/**
 * - `md5`: bucket = first 32 bits of md5(salt + ':' + key), big-endian, mod 10000. Every warehouse
 *   has md5, so the assignment can be reproduced in SQL (see sql.ts).
 * - `growthbook`: GrowthBook's hash version 2, fnv1a32(String(fnv1a32(seed + key))) % 10000, so
 *   assignments agree with a GrowthBook experiment keyed on the same seed.
 */
export type HashMode = 'md5' | 'growthbook';

export const HASH_MODES: readonly HashMode[] = ['md5', 'growthbook'];

const FNV_OFFSET = 0x811c9dc5;

/** Continues an FNV-1a state over more text: fnv1a32(a + b) = continueFnv(fnvState(a), b). */
function continueFnv(state: number, text: string): number {
	let hash = state;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash += (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24);
	}
	return hash >>> 0;
}

/** FNV-1a, 32-bit, over UTF-16 code units, exactly as GrowthBook's SDK computes it. */
export function fnv1a32(text: string): number {
	return continueFnv(FNV_OFFSET, text);
}

/** GrowthBook's `hash(seed, value, 2)`: a number in [0, 1) with 4 decimals. */
export function growthbookHashV2(seed: string, value: string): number {
	return (fnv1a32(String(fnv1a32(seed + value))) % BUCKETS) / BUCKETS;
}

const digits = new Uint8Array(10);

/** fnv1a32(String(value)) for a 32-bit unsigned integer, without building the string. */
function fnv1a32OfDecimal(value: number): number {
	let length = 0;
	do {
		digits[length++] = 48 + (value % 10);
		value = Math.floor(value / 10);
	} while (value > 0);
	let hash = FNV_OFFSET;
	for (let i = length - 1; i >= 0; i--) {
		hash ^= digits[i];
		hash += (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24);
	}
	return hash >>> 0;
}

/** A key -> bucket function for one salt, with the salt's share of the hashing done once. */
export function bucketer(salt: string, mode: HashMode): (key: string) => number {
	if (mode === 'growthbook') {
		const seeded = continueFnv(FNV_OFFSET, salt);
		return (key) => fnv1a32OfDecimal(continueFnv(seeded, key)) % BUCKETS;
	}
	const prefix = new TextEncoder().encode(`${salt}:`);
	return (key) => md5First32WithPrefix(prefix, key) % BUCKETS;
}

export function bucketOf(salt: string, key: string, mode: HashMode): number {
	return bucketer(salt, mode)(key);
}
