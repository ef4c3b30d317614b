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

/** Levenshtein distance, or `max + 1` as soon as it is known to exceed `max`. */
export function levenshtein(a: string, b: string, max = Infinity): number {
	if (a === b) return 0;
	let la = a.length;
	let lb = b.length;
	if (Math.abs(la - lb) > max) return max + 1;
	if (la === 0) return lb;
	if (lb === 0) return la;
	if (la > lb) {
		const t = a;
		a = b;
		b = t;
		la = a.length;
		lb = b.length;
	}
	if (row.length < la + 1) row = new Int32Array(la + 1);
	for (let i = 0; i <= la; i++) row[i] = i;
	for (let j = 1; j <= lb; j++) {
		let previous = row[0];
		row[0] = j;
		let best = row[0];
		const cb = b.charCodeAt(j - 1);
		for (let i = 1; i <= la; i++) {
			const current = row[i];
			const cost = a.charCodeAt(i - 1) === cb ? 0 : 1;
			row[i] = Math.min(row[i] + 1, row[i - 1] + 1, previous + cost);
			previous = current;
			if (row[i] < best) best = row[i];
		}
		if (best > max) return max + 1;
	}
	return row[la];
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
