/**
 * A string-keyed table of list entries for a million keys: open addressing over one Int32Array of
 * (hash, slot) pairs, with keys and values in plain arrays. Against a Map it reads no stored key
 * string except on a hash match and never re-reads keys when it grows, which is where a Map of a
 * million fresh strings spent most of bulk suppression's time (cache misses, not arithmetic).
 */
export class KeyTable {
	private keys: string[] = [];
	private values: Array<number | number[]> = [];
	/** Per bucket: the key's hash and its slot + 1 (0: empty). */
	private buckets = new Int32Array(2 * 16);
	private mask = 15;

	get size(): number {
		return this.keys.length;
	}

	get(key: string): number | number[] | undefined {
		const hash = hashString(key);
		const buckets = this.buckets;
		for (let b = hash & this.mask; ; b = (b + 1) & this.mask) {
			const slot = buckets[2 * b + 1];
			if (slot === 0) return undefined;
			if (buckets[2 * b] === hash && this.keys[slot - 1] === key) return this.values[slot - 1];
		}
	}

	/** Calls `visit` for every key with its entries, in the order keys were first added. */
	forEach(visit: (key: string, entries: number | number[]) => void): void {
		for (let slot = 0; slot < this.keys.length; slot++) visit(this.keys[slot], this.values[slot]);
	}

	/** Adds `entry` under `key`, after any entries already there. */
	add(key: string, entry: number): void {
		const hash = hashString(key);
		const buckets = this.buckets;
		let b = hash & this.mask;
		for (; ; b = (b + 1) & this.mask) {
			const slot = buckets[2 * b + 1];
			if (slot === 0) break;
			if (buckets[2 * b] === hash && this.keys[slot - 1] === key) {
				const existing = this.values[slot - 1];
				if (typeof existing === 'number') this.values[slot - 1] = [existing, entry];
				else existing.push(entry);
				return;
			}
		}
		this.keys.push(key);
		this.values.push(entry);
		buckets[2 * b] = hash;
		buckets[2 * b + 1] = this.keys.length;
		// Keep the load at most a half so probe runs stay short.
		if (this.keys.length * 2 > this.mask + 1) this.grow();
	}

	private grow(): void {
		const old = this.buckets;
		const capacity = (this.mask + 1) * 2;
		const mask = capacity - 1;
		const buckets = new Int32Array(2 * capacity);
		for (let i = 0; i < old.length; i += 2) {
			const slot = old[i + 1];
			if (slot === 0) continue;
			let b = old[i] & mask;
			while (buckets[2 * b + 1] !== 0) b = (b + 1) & mask;
			buckets[2 * b] = old[i];
			buckets[2 * b + 1] = slot;
		}
		this.buckets = buckets;
		this.mask = mask;
	}
}

/** FNV-1a over UTF-16 code units with a final mix, so the low bits (the bucket) are well spread. */
function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	return h;
}
