// The red-team identity harness: Resolve Identity with the node's defaults (probabilistic,
// households addressSurname, DMY dates, no default region, no guardrail overrides) on a background
// of generated households (bench/households-data.ts), so the probabilistic stage has data to learn
// from.
import { resolveIdentity, type IdentityInput, type ResolveOptions, type ResolveResult } from '../../lib/identity';
import { householdData } from '../../bench/households-data';

export const NODE_DEFAULTS: ResolveOptions = {
	mode: 'probabilistic',
	households: 'addressSurname',
	threshold: 0.9,
	runAt: '2026-01-01T00:00:00Z',
	idPrefix: 'cus_',
	dateOrder: 'DMY',
	golden: { strategy: 'mostRecent', sourcePriority: [] },
	guardrails: { allowRoleEmails: false, maxValuesPerProfile: {}, uniqueSources: [] },
};

let background: IdentityInput[] | undefined;

/** The generated background records (300 people, seed 5), built once per test file. */
export function backgroundRecords(): IdentityInput[] {
	background ??= householdData(300, 5).records;
	return background;
}

/** resolveIdentity on the background plus `records`, with the node's defaults and `extra`. */
export function resolveOnBackground(records: IdentityInput[], extra: Partial<ResolveOptions> = {}, withBackground = true): ResolveResult {
	return resolveIdentity([...(withBackground ? backgroundRecords() : []), ...records], { ...NODE_DEFAULTS, ...extra });
}

/** Each record's customer and household ID, by key. */
export function idsByKey(result: ResolveResult): Map<string, { customerId: string; householdId?: string }> {
	return new Map(result.records.map((r) => [r.key, { customerId: r.customerId, householdId: r.householdId }]));
}
