import { computeRfm } from '../../../lib/rfm/compute';
import { clusterName, kmeansSegments, seededRandom, silhouette } from '../../../lib/rfm/kmeans';

// Three well-separated groups in log space: recent heavy buyers, lapsed one-timers, middling.
function groups(seed: number) {
	const random = seededRandom(seed);
	const r: number[] = [];
	const f: number[] = [];
	const m: number[] = [];
	const truth: number[] = [];
	const spec = [
		{ n: 120, r: 3, f: 20, m: 3000 },
		{ n: 200, r: 300, f: 1, m: 20 },
		{ n: 80, r: 40, f: 4, m: 300 },
	];
	spec.forEach((g, gi) => {
		for (let i = 0; i < g.n; i++) {
			const jitter = () => Math.exp((random() - 0.5) * 0.3);
			r.push(g.r * jitter());
			f.push(Math.max(1, Math.round(g.f * jitter())));
			m.push(g.m * jitter());
			truth.push(gi);
		}
	});
	return { r, f, m, truth };
}

describe('k-means segments', () => {
	it('finds the three groups, picks k by silhouette and names clusters by their centroid', () => {
		const { r, f, m, truth } = groups(7);
		const result = kmeansSegments(r, f, m, { kMin: 2, kMax: 5, seeds: 3 });
		expect(result.k).toBe(3);
		expect(result.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5]);
		const best = Math.max(...result.silhouettes.map((s) => s.silhouette));
		expect(result.silhouettes.find((s) => s.k === 3)!.silhouette).toBe(best);
		// Clusters ordered by size: 200 lapsed, 120 champions, 80 middling; each pure.
		expect(result.clusters.map((c) => c.size)).toEqual([200, 120, 80]);
		for (let i = 0; i < truth.length; i++) expect(result.assignments[i]).toBe([1, 0, 2][truth[i]]);
		expect(result.clusters[0].name).toBe('Lapsed, Infrequent, Low spend');
		expect(result.clusters[1].name).toBe('Recent, Frequent, High spend');
		expect(result.clusters[1].centroid.frequency).toBeGreaterThan(15);
		expect(result.clusters[1].centroid.frequency).toBeLessThan(25);
		expect(result.clusters.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
	});

	it('is deterministic and clusters on a sample when asked', () => {
		const { r, f, m } = groups(11);
		const a = kmeansSegments(r, f, m, { sampleSize: 100 });
		const b = kmeansSegments(r, f, m, { sampleSize: 100 });
		expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
		expect(a.clusters.reduce((s, c) => s + c.size, 0)).toBe(400);
	});

	it('skips customers without purchases and refuses too few customers', () => {
		const result = kmeansSegments([1, 2, NaN, 300, 310, 5], [5, 6, 0, 1, 1, 4], [100, 120, 0, 5, 6, 90], { kMax: 2 });
		expect(result.assignments[2]).toBe(-1);
		expect(() => kmeansSegments([1, 2], [1, 1], [1, 1])).toThrow(/needs more than/);
	});

	it('silhouette is 1 for tight far-apart clusters and names read levels', () => {
		expect(silhouette([[0, 0], [0, 0.01], [10, 10], [10, 10.01]], [0, 0, 1, 1], 2)).toBeGreaterThan(0.99);
		expect(clusterName([0, 0, 0])).toBe('Mid-recency, Occasional, Mid spend');
	});

	it('runs through computeRfm', () => {
		const { r, f, m } = groups(3);
		const day = 86_400_000;
		const customerId: string[] = [];
		const timestamp: number[] = [];
		const amount: number[] = [];
		r.forEach((rec, c) => {
			for (let k = 0; k < f[c]; k++) {
				customerId.push(`c${c}`);
				timestamp.push(Date.UTC(2024, 0, 1) - Math.round(rec + k * 3) * day);
				amount.push(m[c] / f[c]);
			}
		});
		const result = computeRfm({ customerId, timestamp, amount }, { kmeans: { kMax: 4, seeds: 2 } });
		expect(result.kmeans!.k).toBe(3);
		expect(result.kmeans!.assignments).toHaveLength(400);
	});
});
