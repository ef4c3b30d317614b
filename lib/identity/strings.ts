// String similarity used by comparison levels: Jaro, Jaro-Winkler (prefix scale 0.1, up to 4
// characters, as in Winkler 1990 and splink/DuckDB) and a bounded Levenshtein distance.

const matchedA: Uint8Array[] = [new Uint8Array(64)];
const matchedB: Uint8Array[] = [new Uint8Array(64)];

function scratch(pool: Uint8Array[], length: number): Uint8Array {
	if (pool[0].length < length) pool[0] = new Uint8Array(Math.max(length, pool[0].length * 2));
	const buffer = pool[0];
	buffer.fill(0, 0, length);
	return buffer;
}

export function jaro(a: string, b: string): number {
	if (a === b) return a.length === 0 ? 0 : 1;
	const la = a.length;
	const lb = b.length;
	if (la === 0 || lb === 0) return 0;
	const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
	const ma = scratch(matchedA, la);
	const mb = scratch(matchedB, lb);
	let matches = 0;
	for (let i = 0; i < la; i++) {
		const lo = Math.max(0, i - window);
		const hi = Math.min(lb - 1, i + window);
		const c = a.charCodeAt(i);
		for (let j = lo; j <= hi; j++) {
			if (mb[j] === 0 && b.charCodeAt(j) === c) {
				ma[i] = 1;
				mb[j] = 1;
				matches++;
				break;
			}
		}
	}
	if (matches === 0) return 0;
	let transpositions = 0;
	let k = 0;
	for (let i = 0; i < la; i++) {
		if (ma[i] === 0) continue;
		while (mb[k] === 0) k++;
		if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
		k++;
	}
	const t = transpositions / 2;
	return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
	const j = jaro(a, b);
	let prefix = 0;
	const max = Math.min(4, a.length, b.length);
	while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
	return j + prefix * prefixScale * (1 - j);
}

let row: Int32Array = new Int32Array(64);

/**
 * Levenshtein distance, or `max + 1` when it exceeds `max`. A shared prefix and suffix are
 * skipped (they never change the distance: two addresses at one domain differ only before it),
 * and with a finite `max` only the diagonal band |i - j| <= max is computed.
 */
export function levenshtein(a: string, b: string, max = Infinity): number {
	if (a === b) return 0;
	let start = 0;
	let endA = a.length;
	let endB = b.length;
	while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
	while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
		endA--;
		endB--;
	}
	let la = endA - start;
	let lb = endB - start;
	if (Math.abs(la - lb) > max) return max + 1;
	if (la === 0 || lb === 0) return Math.max(la, lb);
	if (la > lb) {
		const t = a;
		a = b;
		b = t;
		la = endB - start;
		lb = endA - start;
	}
	const band = Number.isFinite(max) ? max : la + lb;
	const beyond = band + 1;
	if (row.length < la + 1) row = new Int32Array(la + 1);
	for (let i = 0; i <= la; i++) row[i] = i <= band ? i : beyond;
	for (let j = 1; j <= lb; j++) {
		const lo = Math.max(1, j - band);
		const hi = Math.min(la, j + band);
		let diagonal = row[lo - 1];
		let left = lo === 1 ? j : beyond;
		if (lo === 1) row[0] = j;
		let best = lo === 1 ? j : beyond;
		const cb = b.charCodeAt(start + j - 1);
		for (let i = lo; i <= hi; i++) {
			const up = row[i];
			const cost = a.charCodeAt(start + i - 1) === cb ? 0 : 1;
			let value = diagonal + cost;
			if (up + 1 < value) value = up + 1;
			if (left + 1 < value) value = left + 1;
			if (value > beyond) value = beyond;
			diagonal = up;
			row[i] = value;
			left = value;
			if (value < best) best = value;
		}
		if (best > max) return max + 1;
	}
	return Math.min(row[la], max + 1);
}

/** Jaccard similarity of whitespace-separated token sets. */
export function tokenJaccard(a: string, b: string): number {
	const ta = new Set(a.split(' ').filter((t) => t !== ''));
	const tb = new Set(b.split(' ').filter((t) => t !== ''));
	if (ta.size === 0 || tb.size === 0) return 0;
	let common = 0;
	for (const t of ta) if (tb.has(t)) common++;
	return common / (ta.size + tb.size - common);
}

/**
 * True when `b` is `a` with two neighbouring characters swapped ("6794161" / "6794611"): the
 * commonest keying slip in a number, one slip, though Levenshtein counts it as two edits.
 */
export function isTransposition(a: string, b: string): boolean {
	if (a.length !== b.length || a === b) return false;
	let k = 0;
	while (k < a.length && a.charCodeAt(k) === b.charCodeAt(k)) k++;
	return k + 1 < a.length && a[k] === b[k + 1] && a[k + 1] === b[k] && a.slice(k + 2) === b.slice(k + 2);
}
