// Pairwise precision / recall / F1 of a clustering against ground-truth clusters.

function pairs(sizes: Iterable<number>): number {
	let total = 0;
	for (const s of sizes) total += (s * (s - 1)) / 2;
	return total;
}

export function pairwise(predicted: string[], truth: string[]): { precision: number; recall: number; f1: number; clusters: number; trueClusters: number } {
	const pred = new Map<string, number>();
	const real = new Map<string, number>();
	const both = new Map<string, number>();
	for (let x = 0; x < predicted.length; x++) {
		pred.set(predicted[x], (pred.get(predicted[x]) ?? 0) + 1);
		real.set(truth[x], (real.get(truth[x]) ?? 0) + 1);
		const k = `${predicted[x]}\u0001${truth[x]}`;
		both.set(k, (both.get(k) ?? 0) + 1);
	}
	const tp = pairs(both.values());
	const pp = pairs(pred.values());
	const tpairs = pairs(real.values());
	const precision = pp === 0 ? 1 : tp / pp;
	const recall = tpairs === 0 ? 1 : tp / tpairs;
	const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
	return { precision, recall, f1, clusters: pred.size, trueClusters: real.size };
}

