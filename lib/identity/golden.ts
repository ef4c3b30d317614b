// Golden record: one profile per customer, each attribute chosen by a strategy (most recent,
// most frequent, or source priority), with conflicting values listed.
import { groupMembers } from './groups';

export type SurvivorshipStrategy = 'mostRecent' | 'mostFrequent' | 'sourcePriority';

export interface GoldenOptions {
	strategy?: SurvivorshipStrategy;
	/** Per-attribute strategy overrides. */
	strategies?: Record<string, SurvivorshipStrategy>;
	/** Sources in priority order (first wins) for 'sourcePriority'. */
	sourcePriority?: string[];
}

export interface GoldenProfile {
	customerId: string;
	/** Absent when household matching is off. */
	householdId?: string;
	recordKeys: string[];
	sources: string[];
	attributes: Record<string, string>;
	/** Attributes with more than one distinct (normalized) value, and those values. */
	conflicts: Record<string, string[]>;
}

export interface GoldenInput {
	/** Attribute name -> displayed value per record ('' none). */
	display: Map<string, string[]>;
	/** Attribute name -> normalized value per record (for counting and conflicts). */
	normalized: Map<string, string[]>;
	keys: string[];
	sources: string[];
	updatedAt: Float64Array;
}

export function goldenProfiles(input: GoldenInput, clusterOf: Int32Array, clusterIds: string[], options: GoldenOptions = {}): GoldenProfile[] {
	const profileOf = goldenProfileBuilder(input, clusterOf, clusterIds, options);
	return Array.from(clusterIds, (_, c) => profileOf(c));
}

/**
 * Customer c's golden profile, built when asked: a file of a million customers is written one
 * profile at a time instead of holding them all.
 */
export function goldenProfileBuilder(input: GoldenInput, clusterOf: Int32Array, clusterIds: string[], options: GoldenOptions = {}): (c: number) => GoldenProfile {
	const clusters = clusterIds.length;
	const { start, order } = groupMembers(clusterOf, clusters);
	const names = [...input.display.keys()];
	const shown = names.map((name) => input.display.get(name) as string[]);
	const normals = names.map((name, a) => input.normalized.get(name) ?? shown[a]);
	const ranks = names.map((name) => {
		const strategy = options.strategies?.[name] ?? options.strategy ?? 'mostRecent';
		return strategy === 'mostFrequent' ? 0 : strategy === 'sourcePriority' ? 1 : 2;
	});
	const priority = new Map<string, number>();
	(options.sourcePriority ?? []).forEach((s, k) => priority.set(s, k));
	// Per record, once: its source's priority (higher wins) and its time (missing: oldest).
	const prioOf = new Float64Array(clusterOf.length).fill(-Number.MAX_SAFE_INTEGER);
	if (priority.size > 0) for (let x = 0; x < clusterOf.length; x++) prioOf[x] = -(priority.get(input.sources[x]) ?? Number.MAX_SAFE_INTEGER);
	const timeOf = input.updatedAt.map((t) => (Number.isNaN(t) ? -Infinity : t));
	const present: number[] = [];
	const frequency: number[] = [];
	return (c: number): GoldenProfile => {
		const attributes: Record<string, string> = {};
		const conflicts: Record<string, string[]> = {};
		const from = start[c];
		const to = start[c + 1];
		if (to - from === 1) {
			// One record: its values are the profile, nothing can conflict.
			const x = order[from];
			for (let a = 0; a < names.length; a++) if (normals[a][x] !== '') attributes[names[a]] = shown[a][x];
			return { customerId: clusterIds[c], recordKeys: [input.keys[x]], sources: input.sources[x] === '' ? [] : [input.sources[x]], attributes, conflicts };
		}
		for (let a = 0; a < names.length; a++) {
			const normalized = normals[a];
			present.length = 0;
			for (let m = from; m < to; m++) if (normalized[order[m]] !== '') present.push(order[m]);
			if (present.length === 0) continue;
			const distinct = countValues(present, normalized, frequency);
			if (distinct.length > 1) conflicts[names[a]] = distinct.sort();
			// The best (primary, secondary, tertiary) score by strategy; the first record wins ties.
			const rank = ranks[a];
			// A value known only in normalized form (a given name read from the mailbox) shows
			// nothing: a record that writes the value is picked before it.
			const display = shown[a];
			let written = false;
			for (let k = 0; k < present.length && !written; k++) written = display[present[k]] !== '';
			let pick = -1;
			let b0 = 0;
			let b1 = 0;
			let b2 = 0;
			for (let k = 0; k < present.length; k++) {
				const x = present[k];
				if (written && display[x] === '') continue;
				const freq = frequency[k];
				const time = timeOf[x];
				const prio = prioOf[x];
				// mostFrequent: (freq, time, prio); sourcePriority: (prio, time, freq); mostRecent: (time, freq, prio).
				const s0 = rank === 0 ? freq : rank === 1 ? prio : time;
				const s1 = rank === 2 ? freq : time;
				const s2 = rank === 1 ? freq : prio;
				if (pick < 0 || s0 > b0 || (s0 === b0 && (s1 > b1 || (s1 === b1 && s2 > b2)))) {
					pick = x;
					b0 = s0;
					b1 = s1;
					b2 = s2;
				}
			}
			attributes[names[a]] = display[pick];
		}
		const keys: string[] = [];
		const sources = new Set<string>();
		for (let m = from; m < to; m++) {
			keys.push(input.keys[order[m]]);
			if (input.sources[order[m]] !== '') sources.add(input.sources[order[m]]);
		}
		return { customerId: clusterIds[c], recordKeys: keys, sources: [...sources], attributes, conflicts };
	};
}

/**
 * The distinct values among `present` (first-seen order), and in `frequency[k]` how many records
 * share present[k]'s value. Clusters are small: pairwise comparison beats a Map below ~16 records.
 */
function countValues(present: readonly number[], normalized: readonly string[], frequency: number[]): string[] {
	const distinct: string[] = [];
	frequency.length = present.length;
	if (present.length > 16) {
		const counts = new Map<string, number>();
		for (const x of present) counts.set(normalized[x], (counts.get(normalized[x]) ?? 0) + 1);
		for (let k = 0; k < present.length; k++) frequency[k] = counts.get(normalized[present[k]]) as number;
		return [...counts.keys()];
	}
	for (let k = 0; k < present.length; k++) {
		const v = normalized[present[k]];
		let freq = 0;
		let seenBefore = false;
		for (let q = 0; q < present.length; q++) {
			if (normalized[present[q]] !== v) continue;
			freq++;
			if (q < k) seenBefore = true;
		}
		frequency[k] = freq;
		if (!seenBefore) distinct.push(v);
	}
	return distinct;
}
