// Golden record: one profile per customer, each attribute chosen by a strategy (most recent,
// most frequent, or source priority), with conflicting values listed.

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

export function goldenProfiles(
	input: GoldenInput,
	clusterOf: Int32Array,
	clusterIds: string[],
	options: GoldenOptions = {},
): GoldenProfile[] {
	const byCluster: number[][] = clusterIds.map(() => []);
	for (let x = 0; x < clusterOf.length; x++) byCluster[clusterOf[x]].push(x);
	const priority = new Map<string, number>();
	(options.sourcePriority ?? []).forEach((s, k) => priority.set(s, k));
	return byCluster.map((members, c) => {
		const attributes: Record<string, string> = {};
		const conflicts: Record<string, string[]> = {};
		if (members.length === 1) {
			// One record: its values are the profile, nothing can conflict.
			const x = members[0];
			for (const [name, display] of input.display) {
				const normalized = input.normalized.get(name) ?? display;
				if (normalized[x] !== '') attributes[name] = display[x];
			}
			return { customerId: clusterIds[c], recordKeys: [input.keys[x]], sources: input.sources[x] === '' ? [] : [input.sources[x]], attributes, conflicts };
		}
		for (const [name, display] of input.display) {
			const normalized = input.normalized.get(name) ?? display;
			const present = members.filter((x) => normalized[x] !== '');
			if (present.length === 0) continue;
			const counts = new Map<string, number>();
			for (const x of present) counts.set(normalized[x], (counts.get(normalized[x]) ?? 0) + 1);
			if (counts.size > 1) conflicts[name] = [...counts.keys()].sort();
			const strategy = options.strategies?.[name] ?? options.strategy ?? 'mostRecent';
			// The best (primary, secondary, tertiary) score by strategy; the first record wins ties.
			const rank = strategy === 'mostFrequent' ? 0 : strategy === 'sourcePriority' ? 1 : 2;
			let pick = -1;
			let b0 = 0;
			let b1 = 0;
			let b2 = 0;
			for (const x of present) {
				const freq = counts.get(normalized[x]) ?? 0;
				const time = Number.isNaN(input.updatedAt[x]) ? -Infinity : input.updatedAt[x];
				const prio = -(priority.get(input.sources[x]) ?? Number.MAX_SAFE_INTEGER);
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
			attributes[name] = display[pick];
		}
		return {
			customerId: clusterIds[c],
			recordKeys: members.map((x) => input.keys[x]),
			sources: [...new Set(members.map((x) => input.sources[x]).filter((s) => s !== ''))],
			attributes,
			conflicts,
		};
	});
}
