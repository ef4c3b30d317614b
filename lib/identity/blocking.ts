// Blocking: candidate pairs are pairs of records that agree on at least one blocking key. Each
// rule is a list of column parts ("last+dob", "last:soundex+dob:year"); a pair is produced by the
// first rule that holds, so pairs are never duplicated. Blocks larger than `maxBlockSize` are
// skipped (and counted): they are values shared by too many records to be evidence.
import { soundex } from '../records/names';
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
	add('first', 'last');
	add('last', 'dob');
	add('first', 'dob');
	add('dob', 'postcode');
	add('dob', 'city');
	add('first', 'postcode');
	add('last', 'postcode');
	add('street', 'postcode');
	add('last', 'street');
	add('last:soundex', 'first:initial', 'dob:year');
	add('first:soundex', 'last:initial', 'dob:year');
	add('last:soundex', 'city');
	add('first:soundex', 'city');
	return rules;
}

/** Block number per record (-1: no key) and block sizes, from one rule's keys. */
function blockIds(keys: string[]): { ids: Int32Array; sizes: number[] } {
	const ids = new Int32Array(keys.length).fill(-1);
	const index = new Map<string, number>();
	const sizes: number[] = [];
	for (let i = 0; i < keys.length; i++) {
		const k = keys[i];
		if (k === '') continue;
		let b = index.get(k);
		if (b === undefined) {
			b = sizes.length;
			index.set(k, b);
			sizes.push(0);
		}
		ids[i] = b;
		sizes[b]++;
	}
	return { ids, sizes };
}

export function blockPairs(prepared: PreparedRecords, rules: string[], maxBlockSize = 300): CandidatePairs {
	let capacity = 1 << 16;
	let left = new Int32Array(capacity);
	let right = new Int32Array(capacity);
	let ruleOf = new Uint8Array(capacity);
	let length = 0;
	const skippedBlocks: Array<{ rule: string; size: number }> = [];
	const previous: Int32Array[] = [];
	const perRule = new Array<number>(rules.length).fill(0);
	const n = prepared.n;
	for (let r = 0; r < rules.length; r++) {
		const { ids, sizes } = blockIds(ruleKeys(prepared, rules[r]));
		// Members of each block, contiguous (counting sort by block number).
		const start = new Int32Array(sizes.length + 1);
		for (let b = 0; b < sizes.length; b++) start[b + 1] = start[b] + sizes[b];
		const fill = start.slice(0, sizes.length);
		const order = new Int32Array(start[sizes.length]);
		for (let i = 0; i < n; i++) if (ids[i] >= 0) order[fill[ids[i]]++] = i;
		for (let b = 0; b < sizes.length; b++) {
			const size = sizes[b];
			if (size < 2) continue;
			const from = start[b];
			if (size > maxBlockSize) {
				skippedBlocks.push({ rule: rules[r], size });
				for (let a = 0; a < size; a++) ids[order[from + a]] = -1;
				continue;
			}
			for (let a = 0; a < size; a++) {
				const i = order[from + a];
				for (let c = a + 1; c < size; c++) {
					const j = order[from + c];
					let seen = false;
					for (let p = 0; p < previous.length; p++) {
						const pb = previous[p][i];
						if (pb !== -1 && pb === previous[p][j]) {
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
		previous.push(ids);
	}
	return { left, right, rule: ruleOf, length, skippedBlocks, perRule };
}
