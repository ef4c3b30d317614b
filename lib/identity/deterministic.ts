// Deterministic rules: an ordered list of identifier sets (e.g. customer ID; email; phone; first
// name + last name + date of birth). Records that agree on every identifier of a set are linked,
// unless the value is a shared one: carried by records with more distinct names than allowed, or
// by more records than allowed. Role mailboxes never link unless allowed.
import { BlockKeyCodes, ruleGroups } from './blocking';
import { jaroWinkler } from './strings';
import type { Link } from './cluster';
import type { PreparedRecords } from './prepare';
import type { GuardrailOptions } from './guardrails';

export interface DeterministicResult {
	links: Link[];
	/** Per rule, the number of values treated as shared (not linked on). */
	sharedValues: Record<string, number>;
	/** Records that carried a shared value, with the rule. */
	sharedRecords: Array<{ record: number; rule: string }>;
}

function similarName(a: string, b: string): boolean {
	return a !== '' && b !== '' && (a === b || jaroWinkler(a, b) >= 0.85);
}

export function deterministicLinks(prepared: PreparedRecords, rules: string[], guard: GuardrailOptions = {}): DeterministicResult {
	const links: Link[] = [];
	const sharedValues: Record<string, number> = {};
	const sharedRecords: Array<{ record: number; rule: string }> = [];
	const maxNames = guard.maxNamesPerValue ?? 3;
	const maxRecords = guard.maxRecordsPerValue ?? 50;
	const first = prepared.columns.get('first') as string[];
	const last = prepared.columns.get('last') as string[];
	const codes = new BlockKeyCodes(prepared);
	for (const rule of rules) {
		const columns = rule.split('+').map((c) => c.trim());
		const unknown = columns.find((c) => !prepared.columns.has(c.split(':')[0]) && !prepared.columns.has(c));
		if (unknown !== undefined) {
			if (prepared.n === 0) continue;
			// A misspelled identifier would otherwise link nobody, silently.
			const known = [...prepared.columns.keys()].filter((c) => c !== 'firstCanon' && !c.startsWith('attr:'));
			throw new Error(`Identifier rule "${rule}" uses "${unknown}", which is not an identifier. Known: ${known.join(', ')} (extra identifiers are id:<field>, for fields listed in Extra Identifier Fields)`);
		}
		const usesEmail = columns.some((c) => c.startsWith('email'));
		const usesName = columns.some((c) => c.startsWith('first') || c.startsWith('last'));
		const skipRole = usesEmail && !guard.allowRoleEmails ? (i: number): boolean => prepared.emailRole[i] === 1 : undefined;
		const { start, order } = ruleGroups(codes.blocks(rule, skipRole));
		sharedValues[rule] = 0;
		for (let b = 0; b + 1 < start.length; b++) {
			if (start[b + 1] - start[b] < 2) continue;
			const group = order.subarray(start[b], start[b + 1]);
			let shared = false;
			if (!usesName) {
				// Distinct people behind the value: names that are not near-variants of each other
				// (a typo in one of the two names still counts as the same person).
				const people: number[] = [];
				let named = 0;
				for (const i of group) {
					if (last[i] === '' && first[i] === '') continue;
					named++;
					let known = false;
					for (const p of people) {
						if (similarName(first[i], first[p]) || similarName(last[i], last[p])) {
							known = true;
							break;
						}
					}
					if (!known) {
						people.push(i);
						if (people.length > maxNames) break;
					}
				}
				if (people.length > maxNames) shared = true;
				if (group.length > maxRecords && (people.length > 1 || named === 0)) shared = true;
			} else if (group.length > maxRecords) shared = true;
			if (shared) {
				sharedValues[rule]++;
				for (const i of group) sharedRecords.push({ record: i, rule });
				continue;
			}
			for (let g = 1; g < group.length; g++) links.push({ i: group[0], j: group[g], weight: Infinity, rule, pair: -1 });
		}
	}
	return { links, sharedValues, sharedRecords };
}
