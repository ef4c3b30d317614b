// Persistent customer IDs across runs. Given the previous map (record key -> customer ID):
// unchanged clusters keep their ID; a cluster holding records of several previous IDs keeps the
// oldest (ties: the one most of its records carry, then the smallest ID) and reports the others as
// merged into it; a previous ID whose records now fall in several clusters stays on the part
// holding most of them (a split, reported); clusters with no previous ID get a new stable ID
// derived from their smallest record key. Households (households.ts) derive new IDs from their
// address instead (`seeds`), and on a merge the ID issued at the household's address comes first:
// whoever moves in joins the household already there.
import { stableId } from './random';

export interface PreviousMapEntry {
	recordKey: string;
	customerId: string;
	/** When the customer ID was first issued (ISO); older IDs win merges. */
	firstSeen?: string;
	/** The record's household ID and when it was first issued, when households were on. */
	householdId?: string;
	householdFirstSeen?: string;
}

export interface IdentityMapEntry {
	recordKey: string;
	customerId: string;
	firstSeen: string;
	previousCustomerId?: string;
	householdId?: string;
	householdFirstSeen?: string;
	previousHouseholdId?: string;
}

export interface PersistResult {
	/** Customer ID per cluster. */
	clusterIds: string[];
	firstSeen: string[];
	merges: Array<{ customerId: string; merged: string[] }>;
	splits: Array<{ customerId: string; splitInto: string[] }>;
	newIds: number;
}

/** IDs issued from one seed when it was taken (`seed#1`, `seed#2`...) still count as issued from it. */
const OWN_VARIANTS = 4;

export function assignPersistentIds(
	keys: string[],
	clusterOf: Int32Array,
	clusters: number,
	previous: PreviousMapEntry[] = [],
	options: {
		runAt?: string;
		prefix?: string;
		/**
		 * Per cluster, the texts its ID derives from (a household's address keys), in place of its
		 * smallest record key: a new ID is derived from the first; on a merge, a previous ID derived
		 * from any of them survives before the oldest. Empty or absent: the smallest record key.
		 */
		seeds?: ReadonlyArray<readonly string[] | undefined>;
	} = {},
): PersistResult {
	const runAt = options.runAt ?? new Date(0).toISOString();
	const prevOf = new Map<string, PreviousMapEntry>();
	const seenOf = new Map<string, string>();
	for (const e of previous) {
		prevOf.set(e.recordKey, e);
		const s = seenOf.get(e.customerId);
		if (e.firstSeen && (s === undefined || e.firstSeen < s)) seenOf.set(e.customerId, e.firstSeen);
		else if (s === undefined) seenOf.set(e.customerId, e.firstSeen ?? '');
	}
	// Per cluster: smallest key and previous-ID tallies.
	const smallest = new Array<string | undefined>(clusters);
	const tallies: Array<Map<string, number> | undefined> = new Array(clusters);
	const idClusters = new Map<string, Map<number, number>>();
	for (let x = 0; x < keys.length; x++) {
		const c = clusterOf[x];
		const key = keys[x];
		const s = smallest[c];
		if (s === undefined || key < s) smallest[c] = key;
		if (prevOf.size === 0) continue;
		const prev = prevOf.get(key);
		if (!prev) continue;
		let tally = tallies[c];
		if (!tally) {
			tally = new Map();
			tallies[c] = tally;
		}
		tally.set(prev.customerId, (tally.get(prev.customerId) ?? 0) + 1);
		let byCluster = idClusters.get(prev.customerId);
		if (!byCluster) {
			byCluster = new Map();
			idClusters.set(prev.customerId, byCluster);
		}
		byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
	}
	// The IDs a cluster's seeds issue (its own), built only where a merge or a split asks.
	const ownOf = new Map<number, Set<string>>();
	const own = (c: number): Set<string> => {
		let out = ownOf.get(c);
		if (out === undefined) {
			out = new Set();
			for (const seed of options.seeds?.[c] ?? []) for (let k = 0; k <= OWN_VARIANTS; k++) out.add(stableId(k === 0 ? seed : `${seed}#${k}`, options.prefix));
			ownOf.set(c, out);
		}
		return out;
	};
	// Each previous ID goes to the cluster it was issued for (seeds), else the one with most of its
	// records (ties: smallest record key).
	const heirs: Array<string[] | undefined> = new Array(clusters);
	const heirOf = new Map<string, number>();
	for (const [id, byCluster] of idClusters) {
		let best = -1;
		let bestCount = -1;
		let bestOwn = false;
		for (const [c, count] of byCluster) {
			const isOwn = options.seeds !== undefined && byCluster.size > 1 && own(c).has(id);
			if (isOwn !== bestOwn) {
				if (isOwn) {
					best = c;
					bestCount = count;
					bestOwn = true;
				}
				continue;
			}
			if (count > bestCount || (count === bestCount && (smallest[c] as string) < (smallest[best] as string))) {
				best = c;
				bestCount = count;
			}
		}
		(heirs[best] ??= []).push(id);
		heirOf.set(id, best);
	}
	const used = new Set<string>(seenOf.keys());
	const clusterIds = new Array<string>(clusters);
	const firstSeen = new Array<string>(clusters);
	const merges: PersistResult['merges'] = [];
	let newIds = 0;
	for (let c = 0; c < clusters; c++) {
		const candidates = heirs[c] ?? [];
		const tally = tallies[c] ?? new Map<string, number>();
		const seeds = options.seeds?.[c];
		if (candidates.length > 0) {
			// A previous ID issued from one of this cluster's seeds (the household at its address).
			const mine = candidates.length > 1 && seeds ? own(c) : undefined;
			candidates.sort((a, b) => {
				const oa = mine?.has(a) ?? false;
				if (oa !== (mine?.has(b) ?? false)) return oa ? -1 : 1;
				const sa = seenOf.get(a) ?? '';
				const sb = seenOf.get(b) ?? '';
				if (sa !== sb) return sa === '' ? 1 : sb === '' ? -1 : sa < sb ? -1 : 1;
				return (tally.get(b) ?? 0) - (tally.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
			});
			clusterIds[c] = candidates[0];
			firstSeen[c] = seenOf.get(candidates[0]) || runAt;
			if (candidates.length > 1) merges.push({ customerId: candidates[0], merged: candidates.slice(1) });
		} else {
			const seed = seeds !== undefined && seeds.length > 0 ? seeds[0] : (smallest[c] as string);
			let id = stableId(seed, options.prefix);
			for (let k = 1; used.has(id); k++) id = stableId(`${seed}#${k}`, options.prefix);
			used.add(id);
			clusterIds[c] = id;
			firstSeen[c] = runAt;
			newIds++;
		}
	}
	const splits: PersistResult['splits'] = [];
	for (const [id, byCluster] of idClusters) {
		if (byCluster.size < 2) continue;
		const home = heirOf.get(id) as number;
		const parts = [...byCluster.keys()].filter((c) => c !== home).map((c) => clusterIds[c]);
		// Only the part that still carries the ID counts as the ID; other parts were split off.
		if (clusterIds[home] === id) splits.push({ customerId: id, splitInto: parts });
		else splits.push({ customerId: clusterIds[home], splitInto: parts });
	}
	return { clusterIds, firstSeen, merges, splits, newIds };
}

export function identityMap(keys: string[], clusterOf: Int32Array, persisted: PersistResult, previous: PreviousMapEntry[] = []): IdentityMapEntry[] {
	const entryOf = identityMapBuilder(keys, clusterOf, persisted, previous);
	return keys.map((_, x) => entryOf(x));
}

/** Record x's identity map entry, built when asked, so a map of millions of records is written one entry at a time. */
export function identityMapBuilder(keys: string[], clusterOf: Int32Array, persisted: PersistResult, previous: PreviousMapEntry[] = []): (x: number) => IdentityMapEntry {
	const previousOf = changedValues(keys, (x) => persisted.clusterIds[clusterOf[x]], previous, (e) => e.customerId);
	return (x) => {
		const c = clusterOf[x];
		const entry: IdentityMapEntry = { recordKey: keys[x], customerId: persisted.clusterIds[c], firstSeen: persisted.firstSeen[c] };
		const before = previousOf.get(x);
		if (before !== undefined) entry.previousCustomerId = before;
		return entry;
	};
}

/**
 * Per record whose value (a customer or household ID) differs from the previous map's, that
 * previous value. Only the changed records are kept, not a lookup of the whole previous map.
 */
export function changedValues(keys: string[], now: (x: number) => string, previous: readonly PreviousMapEntry[], valueOf: (entry: PreviousMapEntry) => string | undefined): Map<number, string> {
	const out = new Map<number, string>();
	if (previous.length === 0) return out;
	const before = new Map<string, string>();
	for (const e of previous) {
		const value = valueOf(e);
		if (value !== undefined) before.set(e.recordKey, value);
	}
	for (let x = 0; x < keys.length; x++) {
		const value = before.get(keys[x]);
		if (value !== undefined && value !== now(x)) out.set(x, value);
	}
	return out;
}
