// Telling people apart inside a household. Direct-mail householding takes address + surname as
// the household and the given name as the individual: records at one address with clearly
// different given names are different people, however much else (surname, address, a landline, a
// family mailbox) they share. Given names are compatible when they are equal, nicknames of one
// name, near typos (Jaro-Winkler >= 0.80, the name comparison's last fuzzy level), one is the
// other's initial, the same letters in another order, or first and last name are swapped; and
// names that differ still belong to one person when the birth dates agree (or differ by one keyed
// character).
import { jaroWinkler, levenshtein } from './strings';

export interface GivenNames {
	/** Normalized given name per record ('' missing). */
	first: string[];
	/** Canonical given name (nicknames resolved) per record. */
	canonical: string[];
	/** Normalized surname per record, to recognise swapped name fields. */
	last: string[];
	/** Normalized date of birth per record ('' missing): the same birth date is the same person. */
	dob?: string[];
}

/** The same letters in another order ("ilivoa" / "olivia"): a keying slip, not another name. */
function sameLetters(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	return [...a].sort().join('') === [...b].sort().join('');
}

/** True when both records carry a given name and the two names cannot belong to one person. */
export function givenNamesDiffer(names: GivenNames, i: number, j: number): boolean {
	const a = names.first[i];
	const b = names.first[j];
	if (a === '' || b === '' || a === b) return false;
	if (names.canonical[i] === names.canonical[j]) return false;
	// An initial ("J") is compatible with any name it starts.
	if ((a.length === 1 || b.length === 1) && a.charCodeAt(0) === b.charCodeAt(0)) return false;
	if (jaroWinkler(a, names.last[j]) >= 0.9 || jaroWinkler(b, names.last[i]) >= 0.9) return false;
	if (jaroWinkler(a, b) >= 0.8 || sameLetters(a, b)) return false;
	// Two people of one household rarely share a birth date (or one a keying slip away); one person does.
	const dob = names.dob;
	return dob === undefined || dob[i] === '' || dob[j] === '' || levenshtein(dob[i], dob[j], 1) > 1;
}

/**
 * The distinct people among `records` by given name: a named record joins the first person with a
 * member (one per distinct name) whose name is compatible with it, so "Elliot" bridges "Eloilt" and
 * "iElliot". Records without a given name belong to no one (`personOf` -1): whose record it is
 * cannot be told from the name. Stops after `limit` people (the caller only needs to know there
 * are more).
 */
export function peopleByGivenName(names: GivenNames, records: ArrayLike<number>, limit = Infinity): { people: number[]; personOf: Int32Array } {
	const people: number[] = [];
	const members: number[][] = [];
	const personOf = new Int32Array(records.length).fill(-1);
	for (let k = 0; k < records.length; k++) {
		const i = records[k];
		const name = names.first[i];
		if (name === '') continue;
		let found = -1;
		let known = false;
		for (let p = 0; p < people.length && found < 0; p++) {
			for (const m of members[p]) {
				if (names.first[m] === name && names.dob?.[m] === names.dob?.[i]) known = true;
				if (known || !givenNamesDiffer(names, i, m)) {
					found = p;
					break;
				}
			}
		}
		if (found < 0) {
			people.push(i);
			members.push([i]);
			if (people.length > limit) break;
			found = people.length - 1;
		} else if (!known && members[found].length < 8) members[found].push(i);
		personOf[k] = found;
	}
	return { people, personOf };
}

/** Like peopleByGivenName, but a record is the same person when its given name or its surname is near a member's. */
export function peopleByName(names: GivenNames, records: ArrayLike<number>, limit = Infinity): { people: number[]; personOf: Int32Array } {
	const near = (a: string, b: string): boolean => a !== '' && b !== '' && (a === b || jaroWinkler(a, b) >= 0.85);
	const people: number[] = [];
	const personOf = new Int32Array(records.length).fill(-1);
	for (let k = 0; k < records.length; k++) {
		const i = records[k];
		if (names.first[i] === '' && names.last[i] === '') continue;
		let found = people.findIndex((p) => near(names.first[i], names.first[p]) || near(names.last[i], names.last[p]));
		if (found < 0) {
			people.push(i);
			if (people.length > limit) break;
			found = people.length - 1;
		}
		personOf[k] = found;
	}
	return { people, personOf };
}
