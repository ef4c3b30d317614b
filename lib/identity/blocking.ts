// Blocking: candidate pairs are pairs of records that agree on at least one blocking key. Each
// rule is a list of column parts ("last+dob", "last:soundex+dob:year"); a pair is produced by the
// first rule that holds, so pairs are never duplicated. Blocks larger than `maxBlockSize` are
// skipped (and counted): they are values shared by too many records to be evidence.
import { soundex } from '../records/names';
import { groupMembers } from './groups';
import type { PreparedRecords } from './prepare';

export interface CandidatePairs {
	left: Int32Array;
	right: Int32Array;
	length: number;
	/** Index of the blocking rule that produced each pair. */
	rule: Uint8Array;
	skippedBlocks: Array<{ rule: string; size: number }>;
	/** Pairs produced by each rule. */
	perRule: number[];
}

type Part = (i: number) => string;

function part(prepared: PreparedRecords, spec: string): Part {
	const direct = prepared.columns.get(spec);
	if (direct) return (i) => direct[i];
	const cut = spec.lastIndexOf(':');
	const column = cut < 0 ? spec : spec.slice(0, cut);
	const transform = cut < 0 ? undefined : spec.slice(cut + 1);
	const values = prepared.columns.get(column);
	if (!values) throw new Error(`Blocking rule uses an unknown column "${column}"`);
	switch (transform) {
		case undefined:
			return (i) => values[i];
		case 'soundex': {
			const memo = new Map<string, string>();
			return (i) => {
				const v = values[i];
				let code = memo.get(v);
				if (code === undefined) {
					code = soundex(v);
					memo.set(v, code);
				}
				return code;
			};
		}
		case 'year':
			return (i) => values[i].slice(0, 4);
		case 'initial':
			return (i) => values[i].slice(0, 1);
		case 'prefix3':
			return (i) => values[i].slice(0, 3);
		case 'local':
			return (i) => values[i].slice(0, Math.max(0, values[i].indexOf('@')));
		default:
			throw new Error(`Unknown blocking transform "${transform}"`);
	}
}

export function ruleKeys(prepared: PreparedRecords, rule: string): string[] {
	const parts = rule.split('+').map((p) => part(prepared, p.trim()));
	const keys = new Array<string>(prepared.n);
	for (let i = 0; i < prepared.n; i++) {
		let key = '';
		for (let p = 0; p < parts.length; p++) {
			const v = parts[p](i);
			if (v === '') {
				key = '';
				break;
			}
			key = p === 0 ? v : `${key}\u0001${v}`;
		}
		keys[i] = key;
	}
	return keys;
}

/** The default blocking rules for the columns present. */
export function defaultBlockingRules(present: string[]): string[] {
	const has = new Set(present);
	const rules: string[] = [];
	for (const c of present) if (c.startsWith('id:')) rules.push(c);
	const add = (...cols: string[]): void => {
		if (cols.every((c) => has.has(c.split(':')[0]) || has.has(c))) rules.push(cols.join('+'));
	};
	add('email');
	add('phone');
	add('email:local');
	// Given name and surname, in either order: name fields swapped in one export (FEBRL's "dent,
	// bailee") are blocked with the person's other records. Without both names, first + last.
	if (has.has('nameSet')) add('nameSet');
	else add('first', 'last');
	// A slip in one name of the two: the surname and the given name's Soundex code; the given
	// name's initial and the surname's first three letters (small blocks only, see ruleBlockLimit).
	add('last', 'first:soundex');
	add('first:initial', 'last:prefix3');
	add('last', 'dob');
	add('first', 'dob');
	add('dob', 'postcode');
	// A slip in the postcode's last digits (FEBRL's 4570 / 4579) with names that do not block.
	add('dob', 'postcode:prefix3');
	add('dob', 'city');
	add('first', 'postcode');
	add('last', 'postcode');
	add('street', 'postcode');
	// A record whose names and area both carry slips, found by its street and birth date.
	add('street', 'dob');
	add('last', 'street');
	add('last:soundex', 'first:initial', 'dob:year');
	add('first:soundex', 'last:initial', 'dob:year');
	add('last:soundex', 'city');
	add('first:soundex', 'city');
	return rules;
}

/** Block number per record (-1: no key) and the size of each block, numbered by first appearance. */
export interface RuleBlocks {
	ids: Int32Array;
	sizes: Int32Array;
}

/**
 * Per column (or column:transform) part, a dense code per record (0: empty). Codes are built once
 * per distinct value, so a rule's key is a tuple of small integers instead of a concatenated
 * string: far fewer allocations and hash lookups at a million records.
 */
export class BlockKeyCodes {
	private readonly parts = new Map<string, Int32Array>();
	private readonly distinct = new Map<string, string[]>();
	/** The hash table combineCodes reuses; it lives as long as these codes. */
	private readonly scratch: { table?: CombineTable } = {};

	constructor(private readonly prepared: PreparedRecords) {}

	private columnCodes(column: string): Int32Array {
		let codes = this.parts.get(column);
		if (codes) return codes;
		const coded = this.prepared.codes.get(column);
		if (coded) {
			this.parts.set(column, coded.codes);
			this.distinct.set(column, coded.distinct);
			return coded.codes;
		}
		const values = this.prepared.columns.get(column);
		if (!values) throw new Error(`Blocking rule uses an unknown column "${column}"`);
		codes = new Int32Array(values.length);
		const index = new Map<string, number>();
		const distinct: string[] = [''];
		for (let i = 0; i < values.length; i++) {
			const v = values[i];
			if (v === '') continue;
			let code = index.get(v);
			if (code === undefined) {
				code = distinct.length;
				index.set(v, code);
				distinct.push(v);
			}
			codes[i] = code;
		}
		this.parts.set(column, codes);
		this.distinct.set(column, distinct);
		return codes;
	}

	/** A column's dense value codes (0: empty) and how many codes there are. */
	column(column: string): { codes: Int32Array; codeCount: number } {
		const codes = this.columnCodes(column);
		return { codes, codeCount: (this.distinct.get(column) as string[]).length };
	}

	/** Codes of one rule part ("last", "last:soundex"). */
	part(spec: string): Int32Array {
		const cached = this.parts.get(spec);
		if (cached) return cached;
		if (this.prepared.columns.has(spec)) return this.columnCodes(spec);
		const cut = spec.lastIndexOf(':');
		const column = cut < 0 ? spec : spec.slice(0, cut);
		const base = this.columnCodes(column);
		if (cut < 0) return base;
		const transform = part(this.prepared, spec);
		// The transform of each distinct value, through a representative record.
		const distinct = this.distinct.get(column) as string[];
		const representative = new Int32Array(distinct.length).fill(-1);
		for (let i = 0; i < base.length; i++) if (base[i] > 0 && representative[base[i]] < 0) representative[base[i]] = i;
		const mapped = new Int32Array(distinct.length);
		const index = new Map<string, number>();
		for (let d = 1; d < distinct.length; d++) {
			if (representative[d] < 0) continue; // a value no record holds any more
			const v = transform(representative[d]);
			if (v === '') continue;
			let code = index.get(v);
			if (code === undefined) {
				code = index.size + 1;
				index.set(v, code);
			}
			mapped[d] = code;
		}
		const codes = new Int32Array(base.length);
		for (let i = 0; i < base.length; i++) codes[i] = mapped[base[i]];
		this.parts.set(spec, codes);
		return codes;
	}

	/** Blocks of a rule: records agreeing on every part share a block; a record with an empty part has none. */
	blocks(rule: string, skip?: (i: number) => boolean): RuleBlocks {
		const specs = rule.split('+').map((p) => p.trim());
		const n = this.prepared.n;
		// Combine parts pairwise into dense codes; the last pass numbers blocks by first appearance.
		let current = this.part(specs[0]);
		for (let s = 1; s < specs.length; s++) current = combineCodes(current, this.part(specs[s]), this.scratch);
		let max = 0;
		for (let i = 0; i < n; i++) if (current[i] > max) max = current[i];
		const renumber = new Int32Array(max + 1).fill(-1);
		const ids = new Int32Array(n).fill(-1);
		const sizes: number[] = [];
		for (let i = 0; i < n; i++) {
			const code = current[i];
			if (code === 0 || (skip && skip(i))) continue;
			let b = renumber[code];
			if (b < 0) {
				b = sizes.length;
				renumber[code] = b;
				sizes.push(0);
			}
			ids[i] = b;
			sizes[b]++;
		}
		return { ids, sizes: Int32Array.from(sizes) };
	}
}

interface CombineTable {
	keyA: Int32Array;
	keyB: Int32Array;
	value: Int32Array;
}

/**
 * Dense codes (1..) of the pairs (a[i], b[i]), 0 where either is 0: an open-addressing table over
 * Int32Arrays, so no per-record key (string or heap number) is allocated.
 */
function combineCodes(a: Int32Array, b: Int32Array, scratch: { table?: CombineTable }): Int32Array {
	const n = a.length;
	let capacity = 16;
	while (capacity < 2 * n) capacity *= 2;
	const mask = capacity - 1;
	// One table reused by every combination (a rule has several, a run a few dozen): only the
	// occupancy needs clearing; a key is always written before it is read.
	if (!scratch.table || scratch.table.value.length < capacity) {
		scratch.table = { keyA: new Int32Array(capacity), keyB: new Int32Array(capacity), value: new Int32Array(capacity) };
	}
	const { keyA, keyB, value } = scratch.table;
	value.fill(0, 0, capacity);
	const out = new Int32Array(n);
	let next = 1;
	for (let i = 0; i < n; i++) {
		const x = a[i];
		const y = b[i];
		if (x === 0 || y === 0) continue;
		let slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca6b)) & mask;
		for (;;) {
			const v = value[slot];
			if (v === 0) {
				keyA[slot] = x;
				keyB[slot] = y;
				value[slot] = next;
				out[i] = next++;
				break;
			}
			if (keyA[slot] === x && keyB[slot] === y) {
				out[i] = v;
				break;
			}
			slot = (slot + 1) & mask;
		}
	}
	return out;
}

/** Members of each block, contiguous. */
function blockMembers(blocks: RuleBlocks): { start: Int32Array; order: Int32Array } {
	return groupMembers(blocks.ids, blocks.sizes.length);
}

/** Records grouped by rule key, groups in order of first appearance, members in record order. */
export function ruleGroups(blocks: RuleBlocks): { start: Int32Array; order: Int32Array } {
	return blockMembers(blocks);
}

export function blockPairs(prepared: PreparedRecords, rules: string[], maxBlockSize = 300, codes = new BlockKeyCodes(prepared)): CandidatePairs {
	return pairsFromBlocks(
		rules,
		rules.map((rule) => codes.blocks(rule)),
		maxBlockSize,
	);
}

/**
 * The largest block a rule compares. A rule of two parts, one of them a single letter
 * ("first:initial+last:prefix3", for a slip in the surname after its third letter), groups every
 * J. Smi... of a large file: its blocks are capped at a thirtieth of the limit (10 of 300), so it
 * finds slips among a few namesakes and leaves the crowds to the stronger rules.
 */
export function ruleBlockLimit(rule: string, maxBlockSize: number): number {
	const parts = rule.split('+');
	return parts.length <= 2 && parts.some((p) => p.trim().endsWith(':initial')) ? Math.max(2, Math.floor(maxBlockSize / 30)) : maxBlockSize;
}

/**
 * The block limit that keeps the candidate pairs within `maxPairs`: blocks are skipped, largest
 * first, until all the rules' blocks together hold no more than `maxPairs` pairs (counted before
 * pairs an earlier rule produced are dropped, so the real count is lower). The largest blocks are
 * the crowds of common names, where a shared key says least; without a bound they make the pairs,
 * and so the memory and time, grow with the square of the crowd (2.15M records: 70M+ pairs, 2 GB).
 * Returns `maxBlockSize` and its pair count when everything fits.
 */
export function blockLimitWithin(rules: string[], ruleBlocks: RuleBlocks[], maxBlockSize: number, maxPairs: number): { limit: number; pairs: number } {
	// Per rule, how many blocks have each size up to maxBlockSize: the pair count at any limit is then a short sum.
	const histograms = ruleBlocks.map((blocks) => {
		const counts = new Float64Array(maxBlockSize + 1);
		for (let b = 0; b < blocks.sizes.length; b++) if (blocks.sizes[b] >= 2 && blocks.sizes[b] <= maxBlockSize) counts[blocks.sizes[b]]++;
		return counts;
	});
	const pairsAt = (limit: number): number => {
		let total = 0;
		histograms.forEach((counts, r) => {
			const top = Math.min(ruleBlockLimit(rules[r], limit), maxBlockSize);
			for (let size = 2; size <= top; size++) total += (counts[size] * size * (size - 1)) / 2;
		});
		return total;
	};
	const all = pairsAt(maxBlockSize);
	if (all <= maxPairs) return { limit: maxBlockSize, pairs: all };
	let low = 2;
	let high = maxBlockSize;
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if (pairsAt(middle) <= maxPairs) low = middle;
		else high = middle - 1;
	}
	return { limit: low, pairs: pairsAt(low) };
}

/**
 * Candidate pairs from each rule's blocks (see blockPairs). Blocks over the rule's limit are
 * skipped; a pair already produced by an earlier rule is not repeated.
 */
export function pairsFromBlocks(rules: string[], ruleBlocks: RuleBlocks[], maxBlockSize = 300, expectedPairs = 1 << 16): CandidatePairs {
	// Sized to the pair count blockLimitWithin gives (an upper bound), so the arrays are not grown by copying.
	let capacity = Math.max(1, Math.ceil(expectedPairs));
	let left = new Int32Array(capacity);
	let right = new Int32Array(capacity);
	let ruleOf = new Uint8Array(capacity);
	let length = 0;
	const skippedBlocks: Array<{ rule: string; size: number }> = [];
	const perRule = new Array<number>(rules.length).fill(0);
	// Block numbers of the earlier rules, record by record: whether a pair was already produced is
	// then read from two cache lines, not from one array per rule.
	const R = rules.length;
	const n = R > 0 ? ruleBlocks[0].ids.length : 0;
	const earlier = new Int32Array(n * R).fill(-1);
	for (let r = 0; r < rules.length; r++) {
		const ids = ruleBlocks[r].ids.slice();
		const sizes = ruleBlocks[r].sizes;
		const { start, order } = blockMembers(ruleBlocks[r]);
		const limit = ruleBlockLimit(rules[r], maxBlockSize);
		for (let b = 0; b < sizes.length; b++) {
			const size = sizes[b];
			if (size < 2) continue;
			const from = start[b];
			if (size > limit) {
				skippedBlocks.push({ rule: rules[r], size });
				for (let a = 0; a < size; a++) ids[order[from + a]] = -1;
				continue;
			}
			for (let a = 0; a < size; a++) {
				const i = order[from + a];
				for (let c = a + 1; c < size; c++) {
					const j = order[from + c];
					let seen = false;
					for (let p = 0, at = i * R, bt = j * R; p < r; p++, at++, bt++) {
						const pb = earlier[at];
						if (pb !== -1 && pb === earlier[bt]) {
							seen = true;
							break;
						}
					}
					if (seen) continue;
					if (length === capacity) {
						capacity *= 2;
						const l2 = new Int32Array(capacity);
						l2.set(left);
						left = l2;
						const r2 = new Int32Array(capacity);
						r2.set(right);
						right = r2;
						const u2 = new Uint8Array(capacity);
						u2.set(ruleOf);
						ruleOf = u2;
					}
					left[length] = i;
					right[length] = j;
					ruleOf[length] = r;
					length++;
					perRule[r]++;
				}
			}
		}
		for (let i = 0, at = r; i < n; i++, at += R) earlier[at] = ids[i];
	}
	return { left, right, rule: ruleOf, length, skippedBlocks, perRule };
}

/** The pairs whose two records are in different components (in place; returns the count removed). */
export function dropPairsWithin(pairs: CandidatePairs, component: Int32Array): number {
	let kept = 0;
	for (let p = 0; p < pairs.length; p++) {
		const i = pairs.left[p];
		const j = pairs.right[p];
		if (component[i] === component[j]) continue;
		pairs.left[kept] = i;
		pairs.right[kept] = j;
		pairs.rule[kept] = pairs.rule[p];
		kept++;
	}
	const removed = pairs.length - kept;
	pairs.length = kept;
	return removed;
}

/**
 * One rule's own pairs (not deduplicated against other rules), thinned to at most `max` by taking
 * every k-th pair, without materializing the full list: the training sample for that rule's EM
 * session. Same pairs, in the same order, as thinning blockPairs(prepared, [rule]).
 */
export function samplePairsOfRule(blocks: RuleBlocks, maxBlockSize: number, max: number): CandidatePairs {
	const { sizes } = blocks;
	let total = 0;
	for (let b = 0; b < sizes.length; b++) {
		const size = sizes[b];
		if (size >= 2 && size <= maxBlockSize) total += (size * (size - 1)) / 2;
	}
	const count = Math.min(total, max);
	const left = new Int32Array(count);
	const right = new Int32Array(count);
	const empty = { left, right, rule: new Uint8Array(count), length: count, skippedBlocks: [], perRule: [count] };
	if (count === 0) return empty;
	const step = total / count;
	const { start, order } = blockMembers(blocks);
	let k = 0;
	let next = 0;
	let position = 0;
	for (let b = 0; b < sizes.length && k < count; b++) {
		const size = sizes[b];
		if (size < 2 || size > maxBlockSize) continue;
		const blockPairCount = (size * (size - 1)) / 2;
		if (next >= position + blockPairCount) {
			position += blockPairCount;
			continue;
		}
		const from = start[b];
		for (let a = 0; a < size && k < count; a++) {
			for (let c = a + 1; c < size; c++) {
				if (position === next) {
					left[k] = order[from + a];
					right[k] = order[from + c];
					k++;
					if (k === count) break;
					next = total <= max ? k : Math.floor(k * step);
				}
				position++;
			}
		}
	}
	return empty;
}
