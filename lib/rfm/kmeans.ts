// k-means segments on log-scaled, standardized R, F, M (ml-kmeans, k-means++ init).
// For each k in the range, several seeds run and the lowest inertia wins; k is then chosen by the
// mean silhouette (ties: the smaller k). Large inputs are clustered on a deterministic random
// sample (default 10,000 customers) and every customer is then assigned to its nearest centroid;
// the silhouette is computed on a sub-sample (default 2,000) since it is quadratic.
import { kmeans } from 'ml-kmeans';
import { seededRandom } from '../stats/random';
export { seededRandom };

export interface KMeansOptions {
	kMin?: number;
	kMax?: number;
	seeds?: number;
	sampleSize?: number;
	silhouetteSampleSize?: number;
}

export interface ClusterProfile {
	cluster: number;
	name: string;
	size: number;
	share: number;
	/** The centroid transformed back to original units (a typical member). */
	centroid: { recencyDays: number; frequency: number; monetary: number };
	/** Member means in original units. */
	mean: { recencyDays: number; frequency: number; monetary: number };
	/** The centroid in standardized log units (R, F, M). */
	standardized: [number, number, number];
}

export interface KMeansSegments {
	k: number;
	/** Cluster per input customer (-1 where R/F/M is missing). */
	assignments: Int32Array;
	clusters: ClusterProfile[];
	/** Mean silhouette per k tried. */
	silhouettes: Array<{ k: number; silhouette: number; inertia: number }>;
}

function sq(a: number[], b: number[]): number {
	let s = 0;
	for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
	return s;
}

function nearest(point: number[], centroids: number[][]): number {
	let best = 0;
	let bestD = Infinity;
	for (let c = 0; c < centroids.length; c++) {
		const d = sq(point, centroids[c]);
		if (d < bestD) {
			bestD = d;
			best = c;
		}
	}
	return best;
}

/** Mean silhouette (Euclidean) of points with their cluster labels. */
export function silhouette(points: number[][], labels: number[], k: number): number {
	const n = points.length;
	if (k < 2 || n < 2) return 0;
	let total = 0;
	const sums = new Float64Array(k);
	const counts = new Int32Array(k);
	for (const l of labels) counts[l]++;
	for (let i = 0; i < n; i++) {
		sums.fill(0);
		for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]] += Math.sqrt(sq(points[i], points[j]));
		const own = labels[i];
		if (counts[own] <= 1) continue; // silhouette 0 for a singleton
		const a = sums[own] / (counts[own] - 1);
		let b = Infinity;
		for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
		if (b === Infinity) continue;
		total += (b - a) / Math.max(a, b);
	}
	return total / n;
}

function level(z: number, low: string, mid: string, high: string): string {
	return z > 0.5 ? high : z < -0.5 ? low : mid;
}

/** A readable name from the standardized centroid (R is log recency: low is recent). */
export function clusterName(z: [number, number, number]): string {
	return [level(-z[0], 'Lapsed', 'Mid-recency', 'Recent'), level(z[1], 'Infrequent', 'Occasional', 'Frequent'), level(z[2], 'Low spend', 'Mid spend', 'High spend')].join(', ');
}

export function kmeansSegments(
	recencyDays: ArrayLike<number>,
	frequency: ArrayLike<number>,
	monetary: ArrayLike<number>,
	options: KMeansOptions = {},
): KMeansSegments {
	const kMin = Math.max(2, options.kMin ?? 2);
	const kMax = Math.max(kMin, options.kMax ?? 6);
	const seeds = Math.max(1, options.seeds ?? 5);
	const n = recencyDays.length;
	const rows: number[] = [];
	for (let i = 0; i < n; i++) if (!Number.isNaN(recencyDays[i]) && frequency[i] > 0) rows.push(i);
	const assignments = new Int32Array(n).fill(-1);
	if (rows.length < kMin + 1) throw new RangeError(`k-means needs more than ${kMin} customers with purchases, got ${rows.length}`);

	// Log-scale and standardize.
	const raw = [recencyDays, frequency, monetary];
	const transform = (d: number, v: number) => Math.log1p(d === 2 ? Math.max(v, 0) : v);
	const mean = [0, 0, 0];
	const sd = [0, 0, 0];
	for (let d = 0; d < 3; d++) {
		for (const i of rows) mean[d] += transform(d, raw[d][i]);
		mean[d] /= rows.length;
		for (const i of rows) sd[d] += (transform(d, raw[d][i]) - mean[d]) ** 2;
		sd[d] = Math.sqrt(sd[d] / rows.length) || 1;
	}
	const point = (i: number) => [0, 1, 2].map((d) => (transform(d, raw[d][i]) - mean[d]) / sd[d]);

	// Deterministic sample (partial Fisher-Yates with a fixed seed).
	const order = rows.slice();
	const random = seededRandom(20260401);
	const sampleSize = Math.min(order.length, options.sampleSize ?? 10_000);
	for (let i = 0; i < sampleSize; i++) {
		const j = i + Math.floor(random() * (order.length - i));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const sample = order.slice(0, sampleSize).map(point);
	const silN = Math.min(sample.length, options.silhouetteSampleSize ?? 2000);
	const silPoints = sample.slice(0, silN);

	let best: { k: number; centroids: number[][]; silhouette: number } | undefined;
	const silhouettes: KMeansSegments['silhouettes'] = [];
	for (let k = kMin; k <= Math.min(kMax, sample.length - 1); k++) {
		let bestRun: { centroids: number[][]; inertia: number } | undefined;
		for (let s = 1; s <= seeds; s++) {
			const result = kmeans(sample, k, { seed: s, initialization: 'kmeans++', maxIterations: 300 });
			let inertia = 0;
			for (let i = 0; i < sample.length; i++) inertia += sq(sample[i], result.centroids[result.clusters[i]]);
			if (!bestRun || inertia < bestRun.inertia - 1e-9) bestRun = { centroids: result.centroids, inertia };
		}
		const labels = silPoints.map((p) => nearest(p, bestRun!.centroids));
		const score = silhouette(silPoints, labels, k);
		silhouettes.push({ k, silhouette: score, inertia: bestRun!.inertia });
		if (!best || score > best.silhouette + 1e-12) best = { k, centroids: bestRun!.centroids, silhouette: score };
	}
	const chosen = best!;

	// Assign everyone; order clusters by descending size for stable output.
	const k = chosen.k;
	const counts = new Float64Array(k);
	const sums = Array.from({ length: k }, () => [0, 0, 0]);
	for (const i of rows) {
		const c = nearest(point(i), chosen.centroids);
		assignments[i] = c;
		counts[c]++;
		sums[c][0] += recencyDays[i];
		sums[c][1] += frequency[i];
		sums[c][2] += monetary[i];
	}
	const rank = Array.from({ length: k }, (_, c) => c).sort((a, b) => counts[b] - counts[a] || a - b);
	const renumber = new Int32Array(k);
	rank.forEach((c, position) => (renumber[c] = position));
	for (const i of rows) assignments[i] = renumber[assignments[i]];
	const names = new Map<string, number>();
	const clusters: ClusterProfile[] = rank.map((c, position) => {
		const z = chosen.centroids[c] as [number, number, number];
		const back = (d: number) => Math.expm1(z[d] * sd[d] + mean[d]);
		let name = clusterName(z);
		const seen = names.get(name) ?? 0;
		names.set(name, seen + 1);
		if (seen > 0) name = `${name} (${seen + 1})`;
		const size = counts[c];
		return {
			cluster: position,
			name,
			size,
			share: size / rows.length,
			centroid: { recencyDays: back(0), frequency: back(1), monetary: back(2) },
			mean: { recencyDays: sums[c][0] / (size || 1), frequency: sums[c][1] / (size || 1), monetary: sums[c][2] / (size || 1) },
			standardized: [z[0], z[1], z[2]],
		};
	});
	return { k, assignments, clusters, silhouettes };
}
