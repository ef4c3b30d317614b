// Clustering: union-find over accepted links, strongest first, guarded against chaining and
// over-merging: a cluster-size limit, at most one record per deduplicated source, a cap on
// distinct identifier values per profile, and (for probabilistic links that would join two
// multi-record clusters) an average-linkage check over all cross pairs.

export interface Link {
	i: number;
	j: number;
	/** Match weight in bits; Infinity for a deterministic rule. */
	weight: number;
	/** The deterministic rule's name, if any. */
	rule?: string;
	/** A probabilistic link's number among them (its levels are kept for its explanation), or -1. */
	pair: number;
}

export interface ClusterGuards {
	maxClusterSize: number;
	/** Source per record ('' none) and the set of deduplicated sources. */
	sources?: string[];
	uniqueSources?: Set<string>;
	/** Columns with a cap on distinct values per profile. */
	valueCaps?: Array<{ values: string[]; max: number }>;
	/** Probability that records i and j match (for the chaining check); undefined disables it. */
	pairProbability?: (i: number, j: number) => number;
	/** Least average cross-pair probability to join two multi-record clusters. Default 0.5. */
	minAverageProbability?: number;
	/**
	 * True when records i and j cannot be one person whatever links them (birth dates a
	 * generation apart): a probabilistic link joining two groups that hold such a pair is refused,
	 * where either group holds a record marked in `apartWhere` (one carrying a generational suffix,
	 * which says a second person of the name exists).
	 */
	apart?: (i: number, j: number) => boolean;
	apartWhere?: Uint8Array;
	/**
	 * Per record, 1 when it carries no given name or only an initial. A link through such a record (a sign-up with a
	 * surname, a mailbox and a landline) is refused when `namesDiffer` holds for a record of each
	 * group: the record says nothing of whose it is, so it never joins two people.
	 */
	nameless?: Uint8Array;
	namesDiffer?: (i: number, j: number) => boolean;
	/**
	 * True when the linked records i and j agree on something only one person holds (the same
	 * generational suffix, or an email, phone or birth date). Where either group holds a suffixed
	 * record, a second person of the name lives there, so names and an address alone say nothing:
	 * a probabilistic link without such evidence is refused.
	 */
	personEvidence?: (i: number, j: number) => boolean;
}

export interface ClusterResult {
	/** Cluster index per record (0..clusters-1, in order of first record). */
	clusterOf: Int32Array;
	clusters: number;
	/** The accepted link that attached each record (-1 none), index into the links array. */
	linkOf: Int32Array;
	accepted: number;
	rejected: { size: number; source: number; valueCap: number; chaining: number };
}

/** Connected component (a representative record) of each record under the links, unguarded. */
export function linkComponents(n: number, links: readonly Link[]): Int32Array {
	const parent = new Int32Array(n);
	for (let i = 0; i < n; i++) parent[i] = i;
	const find = (x: number): number => {
		while (parent[x] !== x) {
			parent[x] = parent[parent[x]];
			x = parent[x];
		}
		return x;
	};
	for (const link of links) parent[find(link.i)] = find(link.j);
	for (let i = 0; i < n; i++) parent[i] = find(i);
	return parent;
}

export function clusterLinks(n: number, links: Link[], guards: ClusterGuards): ClusterResult {
	const parent = new Int32Array(n);
	for (let i = 0; i < n; i++) parent[i] = i;
	const members: Array<number[] | undefined> = new Array(n);
	const find = (x: number): number => {
		while (parent[x] !== x) {
			parent[x] = parent[parent[x]];
			x = parent[x];
		}
		return x;
	};
	const list = (root: number): number[] => {
		let m = members[root];
		if (!m) {
			m = [root];
			members[root] = m;
		}
		return m;
	};
	const linkOf = new Int32Array(n).fill(-1);
	const rejected = { size: 0, source: 0, valueCap: 0, chaining: 0 };
	const order = links.map((_, k) => k).sort((a, b) => links[b].weight - links[a].weight || a - b);
	const minAverage = guards.minAverageProbability ?? 0.5;
	let accepted = 0;
	for (const k of order) {
		const { i, j, weight } = links[k];
		let ri = find(i);
		let rj = find(j);
		if (ri === rj) continue;
		const a = list(ri);
		const b = list(rj);
		if (a.length + b.length > guards.maxClusterSize) {
			rejected.size++;
			continue;
		}
		if (guards.uniqueSources && guards.sources && guards.uniqueSources.size > 0) {
			const sources = guards.sources;
			const inA = new Set<string>();
			for (const x of a) if (guards.uniqueSources.has(sources[x])) inA.add(sources[x]);
			let clash = false;
			if (inA.size > 0) for (const y of b) if (inA.has(sources[y])) clash = true;
			if (clash) {
				rejected.source++;
				continue;
			}
		}
		if (guards.valueCaps) {
			let over = false;
			for (const cap of guards.valueCaps) {
				const distinct = new Set<string>();
				for (const x of a) if (cap.values[x] !== '') distinct.add(cap.values[x]);
				for (const y of b) if (cap.values[y] !== '') distinct.add(cap.values[y]);
				if (distinct.size > cap.max) over = true;
			}
			if (over) {
				rejected.valueCap++;
				continue;
			}
		}
		if (guards.nameless && guards.namesDiffer && (guards.nameless[i] === 1 || guards.nameless[j] === 1)) {
			let differ = false;
			for (const x of a) {
				if (guards.nameless[x] === 1) continue;
				for (const y of b) if (guards.nameless[y] === 0 && guards.namesDiffer(x, y)) differ = true;
				if (differ) break;
			}
			if (differ) {
				rejected.chaining++;
				continue;
			}
		}
		const namesake = weight !== Infinity && guards.apartWhere !== undefined && (a.some((x) => guards.apartWhere?.[x] === 1) || b.some((y) => guards.apartWhere?.[y] === 1));
		if (namesake && guards.personEvidence && !guards.personEvidence(i, j)) {
			rejected.valueCap++;
			continue;
		}
		if (namesake && guards.apart) {
			let apart = false;
			for (const x of a) {
				for (const y of b) if (guards.apart(x, y)) apart = true;
				if (apart) break;
			}
			if (apart) {
				rejected.valueCap++;
				continue;
			}
		}
		if (weight !== Infinity && guards.pairProbability && a.length > 1 && b.length > 1) {
			let sum = 0;
			let count = 0;
			for (const x of a) for (const y of b) {
				sum += guards.pairProbability(x, y);
				count++;
			}
			if (sum / count < minAverage) {
				rejected.chaining++;
				continue;
			}
		}
		// Union: the smaller list joins the larger.
		if (a.length < b.length) {
			const t = ri;
			ri = rj;
			rj = t;
		}
		const big = list(ri);
		for (const y of list(rj)) big.push(y);
		members[rj] = undefined;
		parent[rj] = ri;
		if (linkOf[i] === -1) linkOf[i] = k;
		if (linkOf[j] === -1) linkOf[j] = k;
		accepted++;
	}
	const clusterOf = new Int32Array(n).fill(-1);
	const rootIndex = new Map<number, number>();
	for (let x = 0; x < n; x++) {
		const r = find(x);
		let c = rootIndex.get(r);
		if (c === undefined) {
			c = rootIndex.size;
			rootIndex.set(r, c);
		}
		clusterOf[x] = c;
	}
	return { clusterOf, clusters: rootIndex.size, linkOf, accepted, rejected };
}
