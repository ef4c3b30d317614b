// The identity pipeline: normalize -> deterministic rules -> (block -> compare -> u/m -> score)
// -> guarded clustering -> persistent IDs -> golden records, with an explanation per record.
import { blockLimitWithin, BlockKeyCodes, defaultBlockingRules, dropPairsWithin, pairsFromBlocks, ruleBlockLimit, samplePairsOfRule } from './blocking';
import { clusterLinks, linkComponents, type Link } from './cluster';
import { defaultComparisons, type Comparison } from './comparisons';
import { deterministicLinks } from './deterministic';
import {
	averageM,
	codedTermFrequencies,
	estimateLambda,
	estimateM,
	estimateU,
	NO_TERM_FREQUENCIES,
	PairComparer,
	pairScorer,
	type PairScorer,
	weightToProbability,
	type ModelParameters,
	type TermFrequencies,
} from './fellegiSunter';
import { groupMembers } from './groups';
import { generationApart, generationsDiffer, givenNamesDiffer, otherForms, peopleByGivenName } from './people';
import { findHouseholds, type Household, type HouseholdMatching } from './households';
import { goldenProfileBuilder, type GoldenOptions, type GoldenProfile } from './golden';
import type { GuardrailOptions } from './guardrails';
import { assignPersistentIds, changedValues, identityMapBuilder, type IdentityMapEntry, type PreviousMapEntry } from './persist';
import { blankValue, prepareRecords, presentColumns, type PreparedRecords } from './prepare';
import { countryCodes } from '../records/country';
import type { CountryCode } from '../records/phone';
import type { IdentityInput, RecordFlag } from './types';

/** The comparison columns a blocking column fixes (the name set is both names). */
const BLOCKED_WITH = (column: string): string[] => (column === 'nameSet' ? ['first', 'last'] : [column]);

export type ResolveMode = 'deterministic' | 'probabilistic';

export interface ResolveOptions {
	/** 'deterministic': rules only; 'probabilistic': rules, then Fellegi-Sunter. Default 'probabilistic'. */
	mode?: ResolveMode;
	/** Ordered identifier sets; default: each extra ID, email, phone, first+last+dob. */
	rules?: string[];
	/** Least match probability to link a pair. Default 0.9. */
	threshold?: number;
	blockingRules?: string[];
	maxBlockSize?: number;
	/**
	 * Most candidate pairs compared (default 20 million, about 20 bytes each): past it, the largest
	 * blocks are skipped until the pairs fit (see blockLimitWithin), so memory and time stay bounded
	 * at millions of records.
	 */
	maxCandidatePairs?: number;
	/** Restrict the probabilistic comparisons to these columns (default: all present). */
	comparisonColumns?: string[];
	guardrails?: GuardrailOptions;
	/** Seed for u sampling. Default 42. */
	seed?: number;
	uSamplePairs?: number;
	previousMap?: PreviousMapEntry[];
	/** Timestamp written as firstSeen of new IDs. Default: now. */
	runAt?: string;
	idPrefix?: string;
	golden?: GoldenOptions;
	defaultRegion?: CountryCode;
	dateOrder?: 'DMY' | 'MDY';
	/** Least average cross-pair probability to join two multi-record clusters. Default 0.5. */
	minAverageProbability?: number;
	/** Most pairs per blocking rule used to train m. Default 50,000. */
	maxTrainingPairs?: number;
	/** How customers are grouped into households (see households.ts). Default 'addressSurname'. */
	households?: HouseholdMatching;
	/** Prefix of new household IDs. Default 'hh_'. */
	householdIdPrefix?: string;
}

export interface ComparisonExplanation {
	comparison: string;
	level: string;
	weight: number;
}

export type Explanation =
	| { type: 'rule'; rule: string; linkedTo: string }
	| { type: 'probabilistic'; linkedTo: string; probability: number; weight: number; comparisons: ComparisonExplanation[] }
	| { type: 'none'; reason: string };

export interface ResolvedRecord {
	key: string;
	customerId: string;
	/** Absent when household matching is off. */
	householdId?: string;
	explanation: Explanation;
	flags: RecordFlag[];
}

export interface ResolveResult {
	records: ResolvedRecord[];
	profiles: GoldenProfile[];
	map: IdentityMapEntry[];
	merges: Array<{ customerId: string; merged: string[] }>;
	splits: Array<{ customerId: string; splitInto: string[] }>;
	/** One per household (empty when household matching is off). */
	households: Household[];
	/** Household IDs merged and split since the previous map, reported as for customers. */
	householdMerges: Array<{ householdId: string; merged: string[] }>;
	householdSplits: Array<{ householdId: string; splitInto: string[] }>;
	model?: ModelParameters;
	stats: {
		records: number;
		clusters: number;
		households: number;
		deterministicLinks: number;
		candidatePairs: number;
		probabilisticLinks: number;
		acceptedLinks: number;
		rejectedLinks: { size: number; source: number; valueCap: number; chaining: number };
		sharedValues: Record<string, number>;
		/** Per rule, values held by two or more people (linking each person's own records only). */
		householdValues: Record<string, number>;
		skippedBlocks: number;
		/** The largest block compared: maxBlockSize, or less where maxCandidatePairs bound (absent without a probabilistic stage). */
		blockLimit?: number;
		newIds: number;
		/** Candidate pairs per blocking rule. */
		pairsPerRule: Record<string, number>;
		/** Milliseconds per stage. */
		timings: Record<string, number>;
	};
}

/**
 * A resolution whose per-record and per-customer results are built when asked: what writing a
 * file of millions of rows needs, one row at a time, instead of holding every result object.
 * resolveIdentity's arrays are these, built in full.
 */
export interface ResolveParts extends Omit<ResolveResult, 'records' | 'profiles' | 'map'> {
	recordCount: number;
	/** Record x's result (x: its position in the input). */
	record(x: number): ResolvedRecord;
	profileCount: number;
	/** Customer k's golden profile (k: 0..profileCount-1). */
	profile(k: number): GoldenProfile;
	/** Record x's identity map entry. */
	mapEntry(x: number): IdentityMapEntry;
}

/** Every part built: the result as arrays. */
export function resultOf(parts: ResolveParts): ResolveResult {
	const { recordCount, record, profileCount, profile, mapEntry, ...rest } = parts;
	return {
		...rest,
		records: Array.from({ length: recordCount }, (_, x) => record(x)),
		profiles: Array.from({ length: profileCount }, (_, k) => profile(k)),
		map: Array.from({ length: recordCount }, (_, x) => mapEntry(x)),
	};
}

/** The parts of a resolution of records given in another order: `order[s]` is the input position of the s-th record resolved. */
export function inInputOrder(parts: ResolveParts, order: Int32Array): ResolveParts {
	const resolvedAt = new Int32Array(order.length);
	for (let s = 0; s < order.length; s++) resolvedAt[order[s]] = s;
	return { ...parts, record: (x) => parts.record(resolvedAt[x]), mapEntry: (x) => parts.mapEntry(resolvedAt[x]) };
}

export function defaultRules(prepared: PreparedRecords): string[] {
	const rules: string[] = [];
	for (const name of prepared.columns.keys()) if (name.startsWith('id:')) rules.push(name);
	rules.push('email', 'phone', 'first+last+dob');
	return rules;
}

/** Each record's country as an ISO code ('' none). Indexed, not mapped: column records are a view that `map` would skip. */
function countriesOf(records: IdentityInput[]): string[] {
	const code = countryCodes();
	const out = new Array<string>(records.length);
	for (let x = 0; x < records.length; x++) out[x] = code(records[x].country);
	return out;
}

/** The previous map's household IDs, in the shape persist.ts reads (the household as the "customer"). */
function previousHouseholds(previous: PreviousMapEntry[] | undefined): PreviousMapEntry[] {
	const out: PreviousMapEntry[] = [];
	for (const e of previous ?? []) {
		if (e.householdId) out.push({ recordKey: e.recordKey, customerId: e.householdId, ...(e.householdFirstSeen ? { firstSeen: e.householdFirstSeen } : {}) });
	}
	return out;
}

/**
 * Per record, 1 when its full address houses two or more people (by given name and birth date,
 * see people.ts) and the record cannot be told to be any one of them: it has no given name, or no
 * birth date and a given name that several of them carry (two Maria Lopez, mother and daughter),
 * or the name of a Jr. or Sr. there without a suffix of its own.
 */
function addressesOfSeveral(prepared: PreparedRecords, codes: BlockKeyCodes): Uint8Array {
	const out = new Uint8Array(prepared.n);
	const address = codes.column('address');
	const { start, order } = groupMembers(address.codes, address.codeCount);
	const names = { first: prepared.columns.get('first') as string[], canonical: prepared.columns.get('firstCanon') as string[], last: prepared.columns.get('last') as string[], dob: prepared.columns.get('dob') as string[], generation: prepared.generation, mailbox: prepared.mailboxName, email: prepared.canonicalEmail };
	// Group 0 holds the records without an address.
	for (let g = 1; g + 1 < start.length; g++) {
		if (start[g + 1] - start[g] < 2) continue;
		const group = order.subarray(start[g], start[g + 1]);
		const { people, personOf } = peopleByGivenName(names, group);
		if (people.length > 1) group.forEach((i, k) => (out[i] = personOf[k] < 0 ? 1 : 0));
		// A Jr. or Sr. at the address says two people carry one given name there: a record of
		// that name without a suffix could be either (a father and son, Katherine Smith and
		// Katherine Smith Sr.), so the address and surname cannot tell whose it is.
		for (const i of group) {
			if (prepared.generation[i] === '' || names.canonical[i] === '') continue;
			for (const j of group) if (prepared.generation[j] === '' && names.canonical[j] === names.canonical[i]) out[j] = 1;
		}
	}
	return out;
}

/** Comparisons that only describe a person (a name is shared by many). */
const NAME_LIKE = new Set(['first', 'last', 'gender', 'state']);
/** Comparisons of where someone lives, which a household shares. */
const ADDRESS_LIKE = new Set(['address', 'street', 'city', 'postcode']);
/** Comparisons that reach or identify one person. */
const CONTACT = new Set(['email', 'phone', 'dob']);

/**
 * What clustering and explanations ask of the model about two records. Built outside the
 * probabilistic stage so that these closures hold only the model and the linked pairs' levels,
 * not the candidate pairs (hundreds of MB at millions of records) they were scored from.
 * `linkLevels` holds each probabilistic link's levels, link `pair` at pair * comparisons.
 */
function pairJudges(generation: string[], comparisons: Comparison[], scorer: PairScorer, linkLevels: Int8Array) {
	const C = comparisons.length;
	const levelsOf = (i: number, j: number): Int8Array => {
		const l = new Int8Array(C);
		for (let c = 0; c < C; c++) l[c] = comparisons[c].level(i, j);
		return l;
	};
	return {
		pairProbability: (i: number, j: number): number => weightToProbability(scorer.weight(i, j, levelsOf(i, j))),
		/** Whether anything but names says the two records are one person: the same generational suffix, or an agreeing email, phone or birth date. */
		personEvidence: (i: number, j: number): boolean => {
			if (generation[i] !== '' && generation[i] === generation[j]) return true;
			for (let c = 0; c < C; c++) {
				if (!CONTACT.has(comparisons[c].name)) continue;
				const level = comparisons[c].level(i, j);
				if (level >= 1 && level < comparisons[c].labels.length) return true;
			}
			return false;
		},
		explainPair: (i: number, j: number, pair: number): { probability: number; weight: number; comparisons: ComparisonExplanation[] } => {
			const l = pair >= 0 ? linkLevels.subarray(pair * C, pair * C + C) : levelsOf(i, j);
			const weight = scorer.weight(i, j, l);
			return { probability: weightToProbability(weight), weight: Math.round(weight * 100) / 100, comparisons: scorer.contributions(i, j, l) };
		},
	};
}

export class DuplicateKeyError extends Error {
	constructor(public readonly duplicates: string[]) {
		super(`Duplicate record keys: ${duplicates.slice(0, 10).join(', ')}${duplicates.length > 10 ? ` and ${duplicates.length - 10} more` : ''}`);
	}
}

/**
 * Resolves records into customers. The result does not depend on the order of the records: they
 * are resolved in the order of their keys (u sampling, EM training samples, block numbering, the
 * people behind a shared value and link ties all follow record positions), and the per-record
 * results are returned in input order.
 */
export function resolveIdentity(records: IdentityInput[], options: ResolveOptions = {}): ResolveResult {
	return resultOf(resolveIdentityParts(records, options));
}

/** resolveIdentity with its results built when asked (see ResolveParts). */
export function resolveIdentityParts(records: IdentityInput[], options: ResolveOptions = {}): ResolveParts {
	const seen = new Set<string>();
	const duplicates = new Set<string>();
	for (const r of records) {
		const before = seen.size;
		if (seen.add(r.key).size === before) duplicates.add(r.key);
	}
	if (duplicates.size > 0) throw new DuplicateKeyError([...duplicates]);
	const order = keyOrder(records);
	if (order === undefined) return resolveInKeyOrder(records, options);
	return inInputOrder(
		resolveInKeyOrder(
			Array.from(order, (x) => records[x]),
			options,
		),
		order,
	);
}

/** Input positions sorted by record key, or undefined when the records already are. */
function keyOrder(records: IdentityInput[]): Int32Array | undefined {
	let sorted = true;
	for (let x = 1; x < records.length && sorted; x++) if (records[x - 1].key > records[x].key) sorted = false;
	if (sorted) return undefined;
	const order = Int32Array.from(records.keys());
	const keys = records.map((r) => r.key);
	return order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
}

function resolveInKeyOrder(records: IdentityInput[], options: ResolveOptions): ResolveParts {
	const guard = options.guardrails ?? {};
	const timings: Record<string, number> = {};
	let clock = Date.now();
	const lap = (stage: string): void => {
		const now = Date.now();
		timings[stage] = now - clock;
		clock = now;
	};
	const pairsPerRule: Record<string, number> = {};
	const prepared = prepareRecords(records, { defaultRegion: options.defaultRegion, dateOrder: options.dateOrder, guardrails: guard });
	const n = prepared.n;
	lap('normalize');
	// The phones as normalized, for golden profiles: matching may drop a shared or household one.
	const phones = (prepared.columns.get('phone') as string[]).slice();
	// A number not in service links (as written) but never becomes the profile's phone, as an
	// invalid email never becomes its email: a campaign texts the profile's number.
	const profilePhones = phones.slice();
	for (let x = 0; x < n; x++) if (prepared.phoneOutOfService[x] === 1) profilePhones[x] = '';
	const det = deterministicLinks(prepared, options.rules ?? defaultRules(prepared), guard);
	const householdHolders = new Uint8Array(n);
	for (const s of det.householdRecords) {
		householdHolders[s.record] = 1;
		prepared.flags[s.record].push({ field: s.rule, reason: 'household value, held by several people' });
		// Evidence of the household, not of the person: the probabilistic stage does not score it.
		blankValue(prepared, s.rule, s.record);
	}
	for (const s of det.sharedRecords) {
		prepared.flags[s.record].push({ field: s.rule, reason: 'shared value, not linked on' });
		// A shared value is no evidence for the probabilistic stage either.
		blankValue(prepared, s.rule, s.record);
	}
	if (!guard.allowRoleEmails) {
		for (let i = 0; i < n; i++) if (prepared.emailRole[i] === 1) blankValue(prepared, 'email', i);
	}
	lap('rules');
	let links: Link[] = det.links;
	let model: ModelParameters | undefined;
	let candidatePairs = 0;
	let probabilisticLinks = 0;
	let skippedBlocks = 0;
	let blockLimit: number | undefined;
	let pairProbability: ((i: number, j: number) => number) | undefined;
	let personEvidence: ((i: number, j: number) => boolean) | undefined;
	let explainPair: ((i: number, j: number, pair: number) => { probability: number; weight: number; comparisons: ComparisonExplanation[] }) | undefined;
	if ((options.mode ?? 'probabilistic') === 'probabilistic' && n > 1) {
		const filled = presentColumns(prepared);
		let present = filled.filter((c) => c !== 'firstCanon' && c !== 'nameSet');
		if (options.comparisonColumns) present = present.filter((c) => options.comparisonColumns?.includes(c));
		const comparisons: Comparison[] = defaultComparisons(prepared, present, householdHolders);
		if (comparisons.length > 0) {
			const blockingRules = options.blockingRules ?? defaultBlockingRules(filled.includes('nameSet') ? [...present, 'nameSet'] : present);
			// Each rule's blocks are computed once: for the candidate pairs and for its EM session.
			const codes = new BlockKeyCodes(prepared);
			const ruleBlocks = blockingRules.map((rule) => codes.blocks(rule));
			const bounded = blockLimitWithin(blockingRules, ruleBlocks, options.maxBlockSize ?? 300, options.maxCandidatePairs ?? 20_000_000);
			const maxBlockSize = bounded.limit;
			blockLimit = bounded.limit;
			const pairs = pairsFromBlocks(blockingRules, ruleBlocks, maxBlockSize, bounded.pairs);
			blockingRules.forEach((rule, r) => (pairsPerRule[rule] = pairs.perRule[r]));
			lap('block');
			// Pairs inside a component the rules already join cannot change the clustering: they are
			// not compared. They still count as matches for the prior (below).
			const pairsJoinedByRules = dropPairsWithin(pairs, linkComponents(n, det.links));
			candidatePairs = pairs.length;
			skippedBlocks = pairs.skippedBlocks.length;
			const columns = comparisons.map((c) => prepared.columns.get(c.column));
			const columnCodes = comparisons.map((c) => (prepared.columns.has(c.column) ? codes.column(c.column) : undefined));
			const tfs: TermFrequencies[] = columnCodes.map((coded) => (coded ? codedTermFrequencies(coded.codes, coded.codeCount) : NO_TERM_FREQUENCIES));
			const comparer = new PairComparer(comparisons, columnCodes.map((coded) => coded?.codes));
			const u = estimateU(n, comparisons, tfs, { seed: options.seed, samplePairs: options.uSamplePairs });
			lap('u');
			const gammas = comparer.compare(pairs);
			lap('compare');
			const ruleExcludes = blockingRules.map((rule) => {
				const blocked = new Set(rule.split('+').flatMap((part) => BLOCKED_WITH(prepared.columns.has(part.trim()) ? part.trim() : part.trim().replace(/:[a-z0-9]+$/, ''))));
				return comparisons.map((c) => blocked.has(c.column) || (c.parts ?? []).some((part) => blocked.has(part)));
			});
			// m: one EM session per blocking rule on its own pairs (not deduplicated against earlier
			// rules), leaving out the comparisons the rule blocks on; then averaged.
			const sessions: Array<{ model: ModelParameters; excluded: boolean[] }> = [];
			const maxTrainingPairs = options.maxTrainingPairs ?? 50_000;
			ruleBlocks.forEach((blocks, r) => {
				if (ruleExcludes[r].every(Boolean)) return;
				const own = samplePairsOfRule(blocks, ruleBlockLimit(blockingRules[r], maxBlockSize), maxTrainingPairs);
				if (own.length < 20) return;
				const ownGammas = comparer.compare(own);
				const session = estimateM(ownGammas, own.length, comparisons, u, { ruleOf: new Uint8Array(own.length), ruleExcludes: [ruleExcludes[r]] });
				sessions.push({ model: session, excluded: ruleExcludes[r] });
			});
			const fallback = estimateM(gammas, pairs.length, comparisons, u);
			const averaged = averageM(sessions, comparisons);
			model = {
				lambda: fallback.lambda,
				iterations: fallback.iterations,
				comparisons: fallback.comparisons.map((p, c) => ({ ...p, m: averaged[c] ?? p.m })),
			};
			model.lambda = estimateLambda(gammas, pairs.length, model);
			// The prior is the chance that two random records match (as in splink), not the match
			// rate among candidate pairs: blocking concentrates matches, and a candidate-space prior
			// would let weak evidence link.
			const totalPairs = (n * (n - 1)) / 2;
			const expectedMatches = Math.max(model.lambda * pairs.length + pairsJoinedByRules, 1);
			const priorWeight = Math.log2(expectedMatches / Math.max(totalPairs - expectedMatches, 1));
			const firstNames = prepared.columns.get('first') as string[];
			const unknownMember = new Uint8Array(n);
			for (let i = 0; i < n; i++) if (householdHolders[i] === 1 && firstNames[i] === '') unknownMember[i] = 1;
			const scorer = pairScorer(model, comparisons, columns, tfs, { priorWeight, sharedAddress: addressesOfSeveral(prepared, codes), unknownMember });
			lap('em');
			const threshold = options.threshold ?? 0.9;
			const levels = new Int8Array(comparisons.length);
			const generations = { first: [], canonical: [], last: [], generation: prepared.generation };
			const mailboxName = prepared.mailboxName;
			const extra: Link[] = [];
			let linkLevels = new Int8Array(0);
			// A name shared by two people outweighs their different email addresses in the model (one
			// person often has two addresses), so two Joseph Heruovas were one customer. A name is not
			// enough where an email, phone or birth date disagrees and nothing but names agrees.
			const namesOnlyAgainstContact = (l: Int8Array): boolean => {
				let contradicted = false;
				for (let c = 0; c < l.length; c++) {
					const elseLevel = comparisons[c].labels.length;
					if (l[c] >= 1 && l[c] < elseLevel && !NAME_LIKE.has(comparisons[c].name)) return false;
					if (l[c] === elseLevel && CONTACT.has(comparisons[c].name)) contradicted = true;
				}
				return contradicted;
			};
			// Direct-mail householding: where nothing but names and the address agrees, records are
			// two people when their given names clearly differ (Gabriel and James Barnett at one
			// postcode), one is a short form or the feminine form of the other (Dan and Danielle,
			// Mario and Maria), or their birth dates clearly disagree (Michael Reed 1968 and 1993):
			// however strongly a shared surname and address weigh in the model.
			const givenNames = { first: prepared.columns.get('first') as string[], canonical: prepared.columns.get('firstCanon') as string[], last: prepared.columns.get('last') as string[], dob: prepared.columns.get('dob') as string[], generation: prepared.generation };
			// A birth date a year or two characters off, or mailbox names merely alike, are no more a
			// person's than the address is.
			const personLevels = comparisons.map((c) => (c.name === 'dob' ? 3 : c.name === 'email' ? 2 : NAME_LIKE.has(c.name) || ADDRESS_LIKE.has(c.name) ? 0 : c.labels.length - 1));
			const onlyNamesAndAddress = (l: Int8Array): boolean => {
				for (let c = 0; c < l.length; c++) if (l[c] >= 1 && l[c] <= personLevels[c]) return false;
				return true;
			};
			// Birth dates a generation apart are a father and son of one name where their own email or
			// phone disagrees too; alone they are as often a badly keyed date (FEBRL's corruptions).
			const contactDisagrees = (l: Int8Array): boolean => {
				for (let c = 0; c < l.length; c++) if (l[c] === comparisons[c].labels.length && (comparisons[c].name === 'email' || comparisons[c].name === 'phone')) return true;
				return false;
			};
			// Too few records to learn from (no blocking rule had 20 pairs of its own to train m on):
			// the estimates say nothing (four records can give a prior of near certainty), so no
			// probabilistic link is made; the rules still link.
			const trained = sessions.length > 0;
			for (let p = 0; p < (trained ? pairs.length : 0); p++) {
				const i = pairs.left[p];
				const j = pairs.right[p];
				if (prepared.empty[i] === 1 || prepared.empty[j] === 1) continue;
				// Robert Hill Jr. and Robert Hill Sr. are two people, whatever else they share.
				if (generationsDiffer(generations, i, j)) continue;
				for (let c = 0; c < comparisons.length; c++) levels[c] = gammas[c][p];
				if (namesOnlyAgainstContact(levels)) continue;
				// Each record's mailbox spells a different given name of its own: two people.
				if (mailboxName[i] !== '' && mailboxName[j] !== '' && mailboxName[i] !== mailboxName[j] && prepared.canonicalEmail[i] !== prepared.canonicalEmail[j]) continue;
				const w = scorer.weight(i, j, levels);
				if (weightToProbability(w) < threshold) continue;
				// (Checked on would-be links only: most candidate pairs agree on nothing but names and address.)
				if (givenNames.first && onlyNamesAndAddress(levels) && (generationsDiffer(givenNames, i, j) || givenNamesDiffer(givenNames, i, j) || otherForms(givenNames, i, j) || (generationApart(givenNames, i, j) && contactDisagrees(levels)))) continue;
				// The link's levels are kept for its explanation: the candidate pairs' are dropped after scoring.
				if ((extra.length + 1) * levels.length > linkLevels.length) {
					const grown = new Int8Array(Math.max(1024, 2 * linkLevels.length));
					grown.set(linkLevels);
					linkLevels = grown;
				}
				linkLevels.set(levels, extra.length * levels.length);
				extra.push({ i, j, weight: w, pair: extra.length });
			}
			probabilisticLinks = extra.length;
			lap('score');
			links = links.concat(extra);
			const judges = pairJudges(prepared.generation, comparisons, scorer, linkLevels.subarray(0, extra.length * comparisons.length));
			({ pairProbability, personEvidence, explainPair } = judges);
		}
	}
	const uniqueSources = new Set(guard.uniqueSources ?? []);
	const dobNames = { first: [], canonical: [], last: [], dob: prepared.columns.get('dob') as string[] };
	const firstColumn = prepared.columns.get('first') as string[];
	const personNames = { first: firstColumn, canonical: prepared.columns.get('firstCanon') as string[], last: prepared.columns.get('last') as string[], dob: dobNames.dob };
	const valueCaps = Object.entries(guard.maxValuesPerProfile ?? {})
		.filter(([name]) => prepared.columns.has(name))
		.map(([name, max]) => ({ values: prepared.columns.get(name) as string[], max }));
	// One customer never carries two generational suffixes (Jr. and Sr.), however links chain.
	if (prepared.generation.some((g) => g !== '')) valueCaps.push({ values: prepared.generation, max: 1 });
	const clustered = clusterLinks(n, links, {
		maxClusterSize: guard.maxClusterSize ?? 1000,
		sources: prepared.sources,
		uniqueSources,
		valueCaps,
		pairProbability,
		// A parent and a child of one name (a Jr. or Sr. on some record): one customer never holds
		// birth dates a generation apart through a probabilistic link.
		apart: (i, j) => generationApart(dobNames, i, j),
		apartWhere: Uint8Array.from(prepared.generation, (g) => (g === '' ? 0 : 1)),
		nameless: Uint8Array.from(firstColumn, (f) => (f.length <= 1 ? 1 : 0)),
		namesDiffer: (i, j) => givenNamesDiffer(personNames, i, j),
		personEvidence,
		minAverageProbability: options.minAverageProbability,
	});
	lap('cluster');
	const persisted = assignPersistentIds(prepared.keys, clustered.clusterOf, clustered.clusters, options.previousMap, {
		runAt: options.runAt ?? new Date().toISOString(),
		prefix: options.idPrefix,
	});
	const explain = (x: number): Explanation => {
		const k = clustered.linkOf[x];
		if (k < 0) return { type: 'none', reason: prepared.empty[x] === 1 ? 'no usable identifier' : options.mode === 'deterministic' ? 'no identifier rule matched another record' : 'no rule match and no link above the threshold' };
		const link = links[k];
		const other = link.i === x ? link.j : link.i;
		if (link.rule !== undefined) return { type: 'rule', rule: link.rule, linkedTo: prepared.keys[other] };
		if (explainPair) return { type: 'probabilistic', linkedTo: prepared.keys[other], ...explainPair(x, other, link.pair) };
		return { type: 'none', reason: 'no link' };
	};
	const display = prepared.display;
	const c = (name: string): string[] => prepared.columns.get(name) as string[];
	const normalized = new Map<string, string[]>([
		// Two spellings of one mailbox (dots, +tags, case) are one value, not a conflict.
		['email', prepared.canonicalEmail],
		['phone', profilePhones],
		['firstName', c('first')],
		['lastName', c('last')],
		['dob', c('dob')],
		['street', c('street')],
		['city', c('city')],
		['postcode', c('postcode')],
	]);
	lap('ids+explain');
	const matching = options.households ?? 'addressSurname';
	const households =
		matching === 'off'
			? undefined
			: findHouseholds(
					{
						keys: prepared.keys,
						address: c('address'),
						streetKey: c('street'),
						postcodeKey: c('postcode'),
						cityKey: c('city'),
						stateKey: c('state'),
						countryKey: countriesOf(records),
						last: c('last'),
						email: prepared.canonicalEmail.map((e, x) => (prepared.emailRole[x] === 1 ? '' : e)),
						phone: phones,
						updatedAt: prepared.updatedAt,
						emailShown: display.get('email') as string[],
						street: display.get('street') as string[],
						city: display.get('city') as string[],
						postcode: display.get('postcode') as string[],
					},
					clustered.clusterOf,
					persisted.clusterIds,
					matching,
					previousHouseholds(options.previousMap),
					{ runAt: options.runAt ?? new Date().toISOString(), prefix: options.householdIdPrefix },
				);
	const householdOfRecord = (x: number): number => (households as NonNullable<typeof households>).householdOf[clustered.clusterOf[x]];
	lap('households');
	const profileOf = goldenProfileBuilder(
		{ display, normalized, keys: prepared.keys, sources: prepared.sources, updatedAt: prepared.updatedAt },
		clustered.clusterOf,
		persisted.clusterIds,
		options.golden,
	);
	lap('golden');
	const mapEntryOf = identityMapBuilder(prepared.keys, clustered.clusterOf, persisted, options.previousMap);
	// The same entries carry the household: its ID, when it was first issued and, when it changed,
	// the previous one.
	const previousHouseholdOf = households ? changedValues(prepared.keys, (x) => households.persisted.clusterIds[householdOfRecord(x)], options.previousMap ?? [], (e) => e.householdId || undefined) : undefined;
	return {
		recordCount: n,
		record: (x) => {
			const record: ResolvedRecord = { key: prepared.keys[x], customerId: persisted.clusterIds[clustered.clusterOf[x]], explanation: explain(x), flags: prepared.flags[x] };
			if (households) record.householdId = households.persisted.clusterIds[householdOfRecord(x)];
			return record;
		},
		profileCount: persisted.clusterIds.length,
		profile: (k) => {
			const profile = profileOf(k);
			if (households) profile.householdId = households.persisted.clusterIds[households.householdOf[k]];
			return profile;
		},
		mapEntry: (x) => {
			const entry = mapEntryOf(x);
			if (households) {
				const h = householdOfRecord(x);
				entry.householdId = households.persisted.clusterIds[h];
				entry.householdFirstSeen = households.persisted.firstSeen[h];
				const before = previousHouseholdOf?.get(x);
				if (before !== undefined) entry.previousHouseholdId = before;
			}
			return entry;
		},
		merges: persisted.merges,
		splits: persisted.splits,
		households: households?.households ?? [],
		householdMerges: (households?.persisted.merges ?? []).map((m) => ({ householdId: m.customerId, merged: m.merged })),
		householdSplits: (households?.persisted.splits ?? []).map((m) => ({ householdId: m.customerId, splitInto: m.splitInto })),
		model,
		stats: {
			records: n,
			clusters: clustered.clusters,
			households: households?.households.length ?? 0,
			deterministicLinks: det.links.length,
			candidatePairs,
			probabilisticLinks,
			acceptedLinks: clustered.accepted,
			rejectedLinks: clustered.rejected,
			sharedValues: det.sharedValues,
			householdValues: det.householdValues,
			skippedBlocks,
			...(blockLimit !== undefined ? { blockLimit } : {}),
			newIds: persisted.newIds,
			pairsPerRule,
			timings,
		},
	};
}
