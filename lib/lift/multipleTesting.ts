// Corrections for many comparisons (arms x metrics x segments). Null p-values are left out and
// stay null.

export type Correction = 'none' | 'holm' | 'benjamini-hochberg';

/** Holm's step-down adjustment (controls the family-wise error rate). */
export function holm(pValues: ReadonlyArray<number | null>): Array<number | null> {
	const indexed = present(pValues).sort((a, b) => a.p - b.p);
	const m = indexed.length;
	const adjusted: Array<number | null> = pValues.map(() => null);
	let running = 0;
	indexed.forEach(({ p, index }, rank) => {
		running = Math.max(running, Math.min(1, (m - rank) * p));
		adjusted[index] = running;
	});
	return adjusted;
}

/** Benjamini-Hochberg step-up adjustment (controls the false discovery rate). */
export function benjaminiHochberg(pValues: ReadonlyArray<number | null>): Array<number | null> {
	const indexed = present(pValues).sort((a, b) => a.p - b.p);
	const m = indexed.length;
	const adjusted: Array<number | null> = pValues.map(() => null);
	let running = 1;
	for (let rank = m - 1; rank >= 0; rank--) {
		running = Math.min(running, (m * indexed[rank].p) / (rank + 1));
		adjusted[indexed[rank].index] = Math.min(1, running);
	}
	return adjusted;
}

export function adjustPValues(pValues: ReadonlyArray<number | null>, correction: Correction): Array<number | null> {
	if (correction === 'holm') return holm(pValues);
	if (correction === 'benjamini-hochberg') return benjaminiHochberg(pValues);
	return [...pValues];
}

function present(pValues: ReadonlyArray<number | null>): Array<{ p: number; index: number }> {
	const out: Array<{ p: number; index: number }> = [];
	pValues.forEach((p, index) => {
		if (p !== null && Number.isFinite(p)) out.push({ p, index });
	});
	return out;
}
