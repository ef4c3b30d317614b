// Telling people apart inside a household. Direct-mail householding takes address + surname as
// the household and the given name as the individual: records at one address with clearly
// different given names are different people, however much else (surname, address, a landline, a
// family mailbox) they share. Given names are compatible when they are equal, nicknames of one
// name, near typos (Jaro-Winkler >= 0.80, the name comparison's last fuzzy level), one is the
// other's initial, the same letters in another order, or first and last name are swapped. Given
// names that clearly differ are two people even on one birth date (twins). One given name is two
// people when the birth dates clearly disagree (a mother and daughter, a father and son, both
// Maria Lopez at one address): not a keying slip of a character or two, not day and month
// swapped, more than a year apart.
import { isoToDays } from '../records/values';
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
	/** Generational suffix per record ('jr', 'sr', 'iii', 'iv'; '' none): Jr and Sr are two people. */
	generation?: string[];
	/**
	 * Per record, 1 when it carries a value several people hold (a landline, a family mailbox):
	 * a household, where given names that clearly differ are two people whatever the birth dates.
	 */
	household?: Uint8Array;
	/** Per record, the given name its own mailbox spells ('' none; see PreparedRecords.mailboxName). */
	mailbox?: string[];
	/** Per record, its email as matched ('' none): two mailboxes spelling two names are two people only when they are two mailboxes. */
	email?: string[];
	/** Per record, its phone and its street, else postcode, as matched ('' none): where else two namesakes on one mailbox live. */
	phone?: ArrayLike<string>;
	place?: ArrayLike<string>;
}

/**
 * Two namesakes on one mailbox (what generated data and shared family logins hold): birth dates
 * that cannot be one person's (not a slip of a digit or a day/month swap) and another phone or
 * another address besides. A birth date that disagrees alone is more often a form's slip (splink's
 * fake_1000 loses recall .87 -> .78 on it); with a second contact point differing, two people.
 */
export function namesakesApart(names: GivenNames, i: number, j: number): boolean {
	if (!birthDatesDisagree(names, i, j)) return false;
	const differs = (v: ArrayLike<string> | undefined): boolean => v !== undefined && v[i] !== '' && v[j] !== '' && v[i] !== v[j];
	return differs(names.phone) || differs(names.place);
}

/** The same letters in another order ("ilivoa" / "olivia"): a keying slip, not another name. */
function sameLetters(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	return [...a].sort().join('') === [...b].sort().join('');
}

const FEMININE_ENDINGS = ['a', 'e', 'ia', 'ne', 'le', 'lle', 'ina', 'ine', 'ette'];

/**
 * `b` is the feminine form of `a` (`a` of three letters or more): `a` with a feminine ending (paula /
 * paul, danielle / daniel, victoria / victor), or its final o or e turned into a or ia (maria /
 * mario, antonia / antonio, georgia / george, eugenia / eugene).
 */
function feminineForm(a: string, b: string): boolean {
	if (a.length < 3) return false;
	if (b.length > a.length && b.startsWith(a) && FEMININE_ENDINGS.includes(b.slice(a.length))) return true;
	const last = a[a.length - 1];
	if (last !== 'o' && last !== 'e') return false;
	const stem = a.slice(0, -1);
	return b === `${stem}a` || b === `${stem}ia`;
}

/**
 * True when one given name is a form of another person's name: a short form that stands for
 * another name (Chris for Christopher, beside Christina; Alex and Alexandra; Sam and Samantha share
 * a household as often as one of them writes a short form; only a short form that begins the
 * other name: Sandra and Sanara are a slip), or a name and its feminine form (Paul and Paula,
 * Daniel or Dan and Danielle, Mario and Maria share households far more often than one person adds
 * the ending). Told apart strictly: a landline, an address.
 */
export function otherForms(names: GivenNames, i: number, j: number): boolean {
	const a = names.first[i];
	const b = names.first[j];
	if (a === '' || b === '' || a === b || names.canonical[i] === names.canonical[j] && !feminineForm(names.canonical[i], b) && !feminineForm(names.canonical[j], a)) return false;
	if (a.startsWith(b) ? names.canonical[j] !== b : b.startsWith(a) && names.canonical[i] !== a) return true;
	const ca = names.canonical[i];
	const cb = names.canonical[j];
	return feminineForm(a, b) || feminineForm(b, a) || feminineForm(ca, b) || feminineForm(cb, a);
}

/** True when both records carry a given name and the two names cannot belong to one person. */
export function givenNamesDiffer(names: GivenNames, i: number, j: number, strict = false): boolean {
	const a = names.first[i];
	const b = names.first[j];
	if (a === '' || b === '' || a === b) return false;
	// Each record's own mailbox spells its own, different given name (paul.fairbank@ and paula77@,
	// terry.nolan@ and teresa.nolan@): two people, however alike or nickname-related the names.
	const mailA = names.mailbox?.[i] ?? '';
	const mailB = names.mailbox?.[j] ?? '';
	if (mailA !== '' && mailB !== '' && mailA !== mailB && names.email?.[i] !== names.email?.[j]) return true;
	if (names.canonical[i] === names.canonical[j]) return false;
	// An initial ("J") is compatible with any name it starts.
	if ((a.length === 1 || b.length === 1) && a.charCodeAt(0) === b.charCodeAt(0)) return false;
	// Swapped name fields ("Smith John" / "John Smith"); where both carry one surname, a given name
	// like it (William and Jennifer Williams, David and Michelle Davis) is no swap.
	if (names.last[i] !== names.last[j] && (jaroWinkler(a, names.last[j]) >= 0.9 || jaroWinkler(b, names.last[i]) >= 0.9)) return false;
	if (strict && otherForms(names, i, j)) return true;
	if (jaroWinkler(a, b) >= 0.8 || sameLetters(a, b)) return false;
	// Where a clearly different given name is all there is, one birth date (or one a keying slip
	// away) still makes one person (a name replaced in one export); told apart strictly, twins are two.
	if (strict) return true;
	const dob = names.dob;
	return dob === undefined || dob[i] === '' || dob[j] === '' || levenshtein(dob[i], dob[j], 1) > 1;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Years of two birth dates when either is given as a year only (else undefined). */
function yearsOf(a: string, b: string): [number, number] | undefined {
	if (a.length !== 4 && b.length !== 4) return undefined;
	return [Number(a.slice(0, 4)), Number(b.slice(0, 4))];
}

/** True when both birth dates are known and cannot be one person's date keyed twice. */
export function birthDatesDisagree(names: GivenNames, i: number, j: number): boolean {
	const a = names.dob?.[i] ?? '';
	const b = names.dob?.[j] ?? '';
	if (a === '' || b === '' || a === b) return false;
	// A year alone ("1993" against 1968-04-10) disagrees when the years are more than one apart.
	const years = yearsOf(a, b);
	if (years) return Math.abs(years[0] - years[1]) > 1;
	if (levenshtein(a, b, 2) <= 2) return false;
	if (a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7)) return false;
	if (!ISO_DATE.test(a) || !ISO_DATE.test(b)) return true;
	return Math.abs(isoToDays(a) - isoToDays(b)) > 366;
}

/**
 * True when both birth dates are readable and a generation apart (15 years or more, and not a
 * slip of one or two characters such as 1970 / 1907): a parent and a child, wherever they share a
 * mailbox. A keying slip or a form's default moves a date by a day, a digit or a swap, not by
 * decades of plausible birth years.
 */
export function generationApart(names: GivenNames, i: number, j: number): boolean {
	const a = names.dob?.[i] ?? '';
	const b = names.dob?.[j] ?? '';
	if (a === '' || b === '' || a === b) return false;
	const years = yearsOf(a, b);
	if (years) return Math.abs(years[0] - years[1]) >= 15;
	if (!ISO_DATE.test(a) || !ISO_DATE.test(b)) return false;
	if (levenshtein(a, b, 2) <= 2) return false;
	return Math.abs(isoToDays(a) - isoToDays(b)) >= 15 * 365;
}

/** True when both records carry a generational suffix and they differ (Robert Hill Jr. / Robert Hill Sr.). */
export function generationsDiffer(names: GivenNames, i: number, j: number): boolean {
	const a = names.generation?.[i] ?? '';
	const b = names.generation?.[j] ?? '';
	return a !== '' && b !== '' && a !== b;
}

/**
 * True when the two records cannot be one person: their generational suffixes differ, or, strictly (and where either carries a household
 * value): their given names clearly differ whatever the birth dates, or their birth dates clearly
 * disagree. Otherwise by given name (one birth date keeping two names one person).
 */
export function differentPeople(names: GivenNames, i: number, j: number, strict = true): boolean {
	const household = strict || names.household?.[i] === 1 || names.household?.[j] === 1;
	// A generational suffix on either record says a second person of the name exists: with birth
	// dates a generation apart, these are the two (Sam Murphy Jr. 1946 and Samuel Murphy 1923).
	const suffixed = (names.generation?.[i] ?? '') !== '' || (names.generation?.[j] ?? '') !== '';
	return generationsDiffer(names, i, j) || givenNamesDiffer(names, i, j, household) || (household ? birthDatesDisagree(names, i, j) : suffixed && generationApart(names, i, j));
}

/**
 * The distinct people among `records` by given name and birth date: a named record joins the
 * first person with a member (one per distinct name) it can be, so "Elliot" bridges "Eloilt" and
 * "iElliot". Records with a birth date are placed first; a record without one that could be either
 * of two people belongs to no one, like a record without a given name (`personOf` -1): whose
 * record it is cannot be told. Stops after `limit` people (the caller only needs to know there
 * are more). `strict` (default) tells people apart by `differentPeople`; otherwise by given name
 * alone, one birth date keeping two names one person (for an email address, which a person keys
 * themself: a birth date that disagrees there is more often a slip in a form than a second person),
 * except birth dates a generation apart (Sam Reed 1970 and Sam Reed 2005 on the family mailbox).
 */
export function peopleByGivenName(names: GivenNames, records: ArrayLike<number>, limit = Infinity, strict = true): { people: number[]; personOf: Int32Array } {
	const people: number[] = [];
	const members: number[][] = [];
	const personOf = new Int32Array(records.length).fill(-1);
	const dated = (k: number): boolean => (names.dob?.[records[k]] ?? '') !== '';
	const order: number[] = [];
	// An initial ("J") fits every name it starts, so it never bridges two names: initials come last
	// and are no person's member.
	const initial = (k: number): boolean => names.first[records[k]].length === 1;
	for (let k = 0; k < records.length; k++) if (dated(k) && !initial(k)) order.push(k);
	for (let k = 0; k < records.length; k++) if (!dated(k) && !initial(k)) order.push(k);
	for (let k = 0; k < records.length; k++) if (initial(k)) order.push(k);
	// An undated record that matches no one yet waits until the others are placed, once: typos
	// bridge through each other in any order ("Henny" 1999, then "Heiry" joins through "Henry").
	const waited = new Uint8Array(records.length);
	for (let o = 0; o < order.length; o++) {
		const k = order[o];
		const i = records[k];
		const name = names.first[i];
		if (name === '') continue;
		let found = -1;
		let known = false;
		let ambiguous = false;
		for (let p = 0; p < people.length && !known && !ambiguous; p++) {
			for (const m of members[p]) {
				if (names.first[m] === name && names.dob?.[m] === names.dob?.[i] && !generationsDiffer(names, i, m)) known = true;
				if (known || !(differentPeople(names, i, m, strict) || (!strict && (generationApart(names, i, m) || namesakesApart(names, i, m))))) {
					if (found >= 0 && found !== p && !known) ambiguous = !dated(k);
					if (found < 0 || known) found = p;
					break;
				}
			}
			// A dated record joins the first person it can be; an undated one is checked against all.
			if (found >= 0 && dated(k)) break;
		}
		if (ambiguous) continue;
		if (found < 0 && !dated(k) && waited[k] === 0 && o + 1 < order.length) {
			waited[k] = 1;
			order.push(k);
			continue;
		}
		if (found < 0) {
			people.push(i);
			members.push([i]);
			if (people.length > limit) break;
			found = people.length - 1;
		} else if (!known && !initial(k) && members[found].length < 8) members[found].push(i);
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
