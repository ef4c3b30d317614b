// Seeded randomness (so every run is reproducible) and stable hashing for new customer IDs.
import * as crypto from 'node:crypto';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A stable customer ID derived from a record key: the same key gives the same ID on every run. */
export function stableId(seedKey: string, prefix = 'cus_'): string {
	return prefix + sha256Hex(seedKey).slice(0, 20);
}

// crypto.hash (Node 20.12+) is the one-shot form, without a Hash object per call.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = oneShot ? (text: string): string => oneShot('sha256', text, 'hex') : (text: string): string => crypto.createHash('sha256').update(text).digest('hex');
