// Comparison levels (splink style): per field an ordered list of levels, the first that holds
// wins; level 0 means "a value is missing" and carries no weight; the last level is "else".
import { isMailboxProvider } from '../records/email';
import { isoToDays } from '../records/values';
import { isTransposition, jaroWinkler, levenshtein, tokenJaccard } from './strings';
import { differentPeople } from './people';
import type { PreparedRecords } from './prepare';

export interface Comparison {
	name: string;
	/** The column whose missing values give level 0 and whose value frequencies drive TF adjustment. */
	column: string;
	/** Labels of levels 1..K; the last one is "else". */
	labels: string[];
	/** Level of the pair (i, j): 0 null, 1..K. */
	level(i: number, j: number): number;
	/** Level 1 is exact equality of `column`: its u can be computed from value frequencies. */
	exactFirst: boolean;
	/** Apply term-frequency adjustment at level 1. */
	tf: boolean;
	/** Columns a pair's level depends on, when several (a blocking rule on any of them excludes it from that rule's EM session). */
	parts?: string[];
	/**
	 * Agreement describes the household rather than the person (surname, address): it cannot
	 * tell members apart, so it adds nothing for a pair whose given names clearly differ.
	 */
	household?: boolean;
	/** For the address comparison: the level says the two records live at one address. */
	sameAddress?(level: number): boolean;
	/** For the given-name comparison: true when the pair cannot be one person (see people.ts differentPeople). */
	distinguishes?(i: number, j: number): boolean;
	/**
	 * Comparisons this one repeats at some levels (a mailbox name built from the person's name):
	 * at a level where `dependentAt` holds, their positive weights are not added again.
	 */
	dependsOn?: string[];
	dependentAt?(level: number): boolean;
}

/** a[from, from + length) equals b[at, at + length), without slicing either (the strings are long enough). */
function sameChars(a: string, from: number, b: string, at: number, length: number): boolean {
	if (from + length > a.length || at + length > b.length) return a.slice(from, from + length) === b.slice(at, at + length);
	for (let k = 0; k < length; k++) if (a.charCodeAt(from + k) !== b.charCodeAt(at + k)) return false;
	return true;
}

type LevelOf = (a: string, b: string, i: number, j: number) => number;

/** A comparison from labels of levels 1..K-1 (K is "else") and a function giving the level of two non-empty values. */
function build(name: string, values: string[], labels: string[], levelOf: LevelOf, tf: boolean): Comparison {
	return {
		name,
		column: name,
		labels: [...labels, 'else'],
		exactFirst: true,
		tf,
		level(i: number, j: number): number {
			const a = values[i];
			const b = values[j];
			if (a === '' || b === '') return 0;
			if (a === b) return 1;
			return levelOf(a, b, i, j);
		},
	};
}

/** Given names and surnames: exact, nickname (given names), Jaro-Winkler >= 0.92, swapped with the other name field, Jaro-Winkler >= 0.80. */
export function nameComparison(name: string, values: string[], canonical?: string[], other?: string[]): Comparison {
	const labels = ['exact'];
	if (canonical) labels.push('nickname');
	labels.push('jaro-winkler >= 0.92');
	if (other) labels.push('swapped with the other name');
	labels.push('jaro-winkler >= 0.80');
	const nick = canonical ? 2 : 0;
	const jw92 = canonical ? 3 : 2;
	const swap = other ? jw92 + 1 : 0;
	const jw80 = jw92 + (other ? 2 : 1);
	return build(
		name,
		values,
		labels,
		(a, b, i, j) => {
			if (canonical && canonical[i] === canonical[j]) return nick;
			const s = jaroWinkler(a, b);
			if (s >= 0.92) return jw92;
			if (other && (a === other[j] || b === other[i])) return swap;
			if (s >= 0.8) return jw80;
			return jw80 + 1;
		},
		true,
	);
}

export function stringComparison(name: string, values: string[], tf = true): Comparison {
	return build(
		name,
		values,
		['exact', 'jaro-winkler >= 0.90', 'jaro-winkler >= 0.75'],
		(a, b) => {
			const s = jaroWinkler(a, b);
			return s >= 0.9 ? 2 : s >= 0.75 ? 3 : 4;
		},
		tf,
	);
}

export function dateComparison(name: string, values: string[]): Comparison {
	const days = new Float64Array(values.length);
	for (let i = 0; i < values.length; i++) days[i] = /^\d{4}-\d{2}-\d{2}$/.test(values[i]) ? isoToDays(values[i]) : Number.NaN;
	return build(
		name,
		values,
		['exact', 'one character differs', 'day and month swapped', 'two characters differ', 'within a year'],
		(a, b, i, j) => {
			// A year alone ("1993", kept by prepare) agrees with a date of that year only within a year.
			if (a.length === 4 || b.length === 4) return Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4))) <= 1 ? 5 : 6;
			const d = levenshtein(a, b, 2);
			if (d <= 1) return 2;
			if (sameChars(a, 0, b, 0, 4) && sameChars(a, 5, b, 8, 2) && sameChars(a, 8, b, 5, 2)) return 3;
			if (d <= 2) return 4;
			if (Math.abs(days[i] - days[j]) <= 366) return 5;
			return 6;
		},
		false,
	);
}

/** The digits of a mailbox name ("james.gonzalez89" -> "89"). */
function digitsOf(local: string): string {
	return local.replace(/\D+/g, '');
}

/**
 * Two addresses that differ may still be one mailbox keyed twice: the same mailbox name at another
 * provider, or a slip of one or two characters. Near spellings count only where the digits of the
 * mailbox names agree (a birth year or serial that differs, "gonzalez89" / "gonzalez78", is
 * another mailbox, usually of another person of the same name; a slip in a digit is lost) and, for a slip, at one provider
 * (or one slip away): most mailbox names are built from the person's name, so their likeness
 * across providers is the name again, not a second piece of evidence.
 */
function nearEmailLevel(a: string, b: string): number {
	const atA = a.lastIndexOf('@');
	const atB = b.lastIndexOf('@');
	const localA = atA > 0 ? a.slice(0, atA) : a;
	const localB = atB > 0 ? b.slice(0, atB) : b;
	const domainA = atA > 0 ? a.slice(atA + 1) : '';
	const domainB = atB > 0 ? b.slice(atB + 1) : '';
	const sameDomain = domainA === domainB || levenshtein(domainA, domainB, 1) <= 1;
	const digits = digitsOf(localA);
	// The same mailbox name: at one provider (a domain keyed with a slip or two), or with its own
	// digits. Without digits at another provider ("jfoster@" at two companies, "mleach@" at Gmail
	// and Hotmail: two providers are two services) it is the person's name again, which the name
	// comparisons already weigh.
	if (localA !== '' && localA === localB) {
		const slip = !(isMailboxProvider(domainA) && isMailboxProvider(domainB)) && levenshtein(domainA, domainB, 3) <= 3;
		return slip ? 2 : digits !== '' ? 4 : 5;
	}
	const otherDigits = digitsOf(localB);
	// A digit dropped, added or two swapped is a slip ("hmay32" / "hmay3", "julie1967" / "julie1976");
	// another number ("gonzalez89" / "gonzalez78", "smith12" / "smith13") is another mailbox.
	const digitSlip = isTransposition(digits, otherDigits) || (digits.length !== otherDigits.length && levenshtein(digits, otherDigits, 1) <= 1);
	if (digits !== otherDigits && !digitSlip) return 5;
	// A mailbox name built from an initial and a surname differs between two people in its first
	// letter ("jsmith" / "asmith"): a slip there is another mailbox. Two slips need a long name.
	if (localA.charCodeAt(0) !== localB.charCodeAt(0)) return 5;
	const edits = sameDomain ? levenshtein(a, b, 2) : 3;
	if (edits <= 1 || (edits === 2 && Math.min(localA.length, localB.length) >= 8)) return 2;
	// A company domain keyed badly ("richardson-rhodes.com" / "richarsson-rhooded.com"); two
	// mailbox providers are two services.
	const nearDomain = sameDomain || (!isMailboxProvider(domainA) && !isMailboxProvider(domainB) && jaroWinkler(domainA, domainB) >= 0.9);
	// Alike from both ends: Jaro-Winkler rewards a shared beginning, and mailbox names of two people
	// of one given name share it ("gregory.rich" / "gregory.ross").
	const reversed = (v: string): string => [...v].reverse().join('');
	return nearDomain && jaroWinkler(localA, localB) >= 0.88 && jaroWinkler(reversed(localA), reversed(localB)) >= 0.88 ? 3 : 5;
}

/**
 * Email levels: exact; one mailbox keyed twice at one provider (or a slip of a domain); alike
 * mailbox names (Jaro-Winkler from both ends); the same mailbox name with digits at another
 * provider ("janice1987@" at Outlook and iCloud: often one person, but a name and a birth year
 * are what many people pick); else. The last two agree because the mailbox names are built
 * from one name: there the email and the name comparisons are one piece of evidence, counted
 * once (`dependsOn`), not added up as if independent.
 */
export function emailComparison(name: string, values: string[], names: string[] = []): Comparison {
	const comparison = build(name, values, ['exact', 'same mailbox name or 1-2 edits', 'jaro-winkler >= 0.88', 'same mailbox name, another provider'], nearEmailLevel, true);
	if (names.length > 0) {
		comparison.dependsOn = names;
		comparison.dependentAt = (level) => level === 3 || level === 4;
	}
	return comparison;
}

export function editComparison(name: string, values: string[], maxEdits: number, tf = false): Comparison {
	const labels = ['exact'];
	for (let e = 1; e <= maxEdits; e++) labels.push(`${e} edit${e > 1 ? 's' : ''}`);
	// Two neighbouring characters swapped count as one slip (an identifier or phone number keyed by hand).
	return build(name, values, labels, (a, b) => 1 + (isTransposition(a, b) ? 1 : Math.min(levenshtein(a, b, maxEdits), maxEdits + 1)), tf);
}

/**
 * The postal address as ONE comparison (street, postcode, city and state are not independent
 * evidence: agreeing on the street of a postcode all but implies the city and state, and scoring
 * them separately counted one fact three or four times). Levels, the first that holds: full
 * address (same address key: street with postcode or city), street + postcode (a near spelling
 * of the street in the same or a one-slip postcode, or a near city), street elsewhere (the exact
 * street in another area), postcode, city, state, else. Level 0 when no part
 * can be compared.
 */
export function addressComparison(
	columns: { address: string[]; street: string[]; postcode: string[]; city: string[]; state?: string[] },
): Comparison {
	const { address, street, postcode, city, state } = columns;
	const labels = ['full address', 'street + postcode', 'street elsewhere', 'postcode', 'city'];
	if (state) labels.push('state');
	labels.push('else');
	const ELSE = labels.length;
	const STATE = state ? ELSE - 1 : ELSE;
	const same = (values: string[], i: number, j: number): number => (values[i] === '' || values[j] === '' ? 0 : values[i] === values[j] ? 1 : -1);
	return {
		name: 'address',
		column: 'address',
		labels,
		exactFirst: true,
		tf: true,
		parts: ['address', 'street', 'postcode', 'city', ...(state ? ['state'] : [])],
		household: true,
		sameAddress: (level) => level === 1 || level === 2,
		level(i: number, j: number): number {
			if (address[i] !== '' && address[i] === address[j]) return 1;
			const zip = same(postcode, i, j);
			const town = same(city, i, j);
			const region = state ? same(state, i, j) : 0;
			const streets = street[i] !== '' && street[j] !== '';
			if (!streets && zip === 0 && town === 0 && region === 0) return 0;
			const similarStreet = streets && (jaroWinkler(street[i], street[j]) >= 0.9 || tokenJaccard(street[i], street[j]) >= 0.5);
			const nearCity = town === 1 || (town === -1 && jaroWinkler(city[i], city[j]) >= 0.9);
			if (similarStreet) {
				// The area a street lies in: its postcode (a keying slip of one character allowed)
				// or its city.
				const nearZip = zip === 1 || (zip === -1 && levenshtein(postcode[i], postcode[j], 1) <= 1);
				if (nearZip || (zip !== -1 && nearCity) || (zip === -1 && nearCity)) return 2;
				if (street[i] === street[j] && (zip !== 0 || town !== 0)) return 3;
			}
			if (zip === 1) return 4;
			if (nearCity) return 5;
			if (region === 1) return STATE;
			// The same street with nothing else to compare says nothing either way.
			if (similarStreet && zip === 0 && town === 0 && region === 0) return 0;
			return ELSE;
		},
	};
}

export function exactComparison(name: string, values: string[], tf = false): Comparison {
	return build(name, values, ['exact'], () => 2, tf);
}

/** The default comparison for each column present in the data; `household` marks records carrying a value several people hold (see people.ts). */
export function defaultComparisons(prepared: PreparedRecords, present: string[], household?: Uint8Array): Comparison[] {
	const has = new Set(present);
	const c = (name: string): string[] => prepared.columns.get(name) as string[];
	const out: Comparison[] = [];
	if (has.has('first')) {
		const first = nameComparison('first', c('first'), c('firstCanon'), has.has('last') ? c('last') : undefined);
		const names = { first: c('first'), canonical: c('firstCanon'), last: c('last'), dob: c('dob'), generation: prepared.generation, household, mailbox: prepared.mailboxName, email: prepared.canonicalEmail };
		first.distinguishes = (i, j) => differentPeople(names, i, j, false);
		out.push(first);
	}
	if (has.has('last')) out.push({ ...nameComparison('last', c('last'), undefined, has.has('first') ? c('first') : undefined), household: true });
	if (has.has('dob')) out.push(dateComparison('dob', c('dob')));
	if (has.has('email')) out.push(emailComparison('email', c('email'), ['first', 'last'].filter((n) => has.has(n))));
	if (has.has('phone')) out.push(editComparison('phone', c('phone'), 2));
	if (has.has('street')) {
		const blank = new Array<string>(prepared.n).fill('');
		const part = (name: string): string[] => (has.has(name) ? c(name) : blank);
		out.push(addressComparison({ address: part('address'), street: part('street'), postcode: part('postcode'), city: part('city'), state: has.has('state') ? c('state') : undefined }));
	} else {
		// Without street addresses there is no address to household on: postcode and city are
		// compared as areas.
		if (has.has('city')) out.push(stringComparison('city', c('city')));
		if (has.has('postcode')) out.push(editComparison('postcode', c('postcode'), 1, true));
		if (has.has('state')) out.push(exactComparison('state', c('state')));
	}
	if (has.has('gender')) out.push(exactComparison('gender', c('gender')));
	for (const name of present) {
		if (name.startsWith('id:')) out.push(editComparison(name, c(name), 1));
		else if (name.startsWith('attr:')) out.push(stringComparison(name, c(name)));
	}
	return out;
}
