// Deterministic rules: an ordered list of identifier sets (e.g. customer ID; email; phone; first
// name + last name + date of birth). Records that agree on every identifier of a set are linked,
// unless the value is a shared one: carried by records with more distinct names than allowed, or
// by more records than allowed. Role mailboxes never link unless allowed. A value held by two or
// more people (told apart by given name, see people.ts) up to that cap is a household value: it
// links each person's own records and never two people.
import { BlockKeyCodes, ruleGroups } from './blocking';
import { groupMembers } from './groups';
import { differentPeople, peopleByGivenName, peopleByName, type GivenNames } from './people';
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
	/** Per rule, the number of household values: held by two or more people (by given name), up to the name cap. */
	householdValues: Record<string, number>;
	/** Records that carried a household value, with the rule. */
	householdRecords: Array<{ record: number; rule: string }>;
}

export function deterministicLinks(prepared: PreparedRecords, rules: string[], guard: GuardrailOptions = {}): DeterministicResult {
	const links: Link[] = [];
	const sharedValues: Record<string, number> = {};
	const sharedRecords: Array<{ record: number; rule: string }> = [];
	const householdValues: Record<string, number> = {};
	const householdRecords: Array<{ record: number; rule: string }> = [];
	const maxNames = guard.maxNamesPerValue ?? 3;
	const maxRecords = guard.maxRecordsPerValue ?? 50;
	const names: GivenNames = {
		first: prepared.columns.get('first') as string[],
		canonical: prepared.columns.get('firstCanon') as string[],
		last: prepared.columns.get('last') as string[],
		dob: prepared.columns.get('dob') as string[],
		generation: prepared.generation,
		mailbox: prepared.mailboxName,
		email: prepared.canonicalEmail,
		phone: prepared.columns.get('phone') as string[] | undefined,
		place: placeOf(prepared),
	};
	const codes = new BlockKeyCodes(prepared);
	const householdGroups: Array<{ rule: string; people: number[] }> = [];
	const addressColumn = prepared.columns.get('address') as string[] | undefined;
	const postcodeColumn = prepared.columns.get('postcode') as string[] | undefined;
	/** Both records have an address (else a postcode) and they differ. */
	const addressDiffers = (i: number, j: number): boolean => {
		const a = addressColumn?.[i] ?? '';
		const b = addressColumn?.[j] ?? '';
		if (a !== '' && b !== '') return a !== b;
		const pa = postcodeColumn?.[i] ?? '';
		const pb = postcodeColumn?.[j] ?? '';
		return pa !== '' && pb !== '' && pa !== pb;
	};
	let known: { given: Set<string>; surnames: Set<string> } | undefined;
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
		// Contact points a household shares (a family mailbox, a landline).
		const householdRule = columns.every((c) => c.startsWith('email') || c.startsWith('phone'));
		const skipRole = usesEmail && !guard.allowRoleEmails;
		// A birth date that could not be read (kept as digits for fuzzy comparison) links nobody.
		const skipDob = columns.some((c) => c.startsWith('dob'));
		const skip = skipRole || skipDob ? (i: number): boolean => (skipRole && prepared.emailRole[i] === 1) || (skipDob && prepared.unreadableDob[i] === 1) : undefined;
		const { start, order } = ruleGroups(codes.blocks(rule, skip));
		sharedValues[rule] = 0;
		householdValues[rule] = 0;
		for (let b = 0; b + 1 < start.length; b++) {
			if (start[b + 1] - start[b] < 2) continue;
			const group = order.subarray(start[b], start[b + 1]);
			if (usesName) {
				if (group.length > maxRecords) {
					sharedValues[rule]++;
					for (const i of group) sharedRecords.push({ record: i, rule });
				} else for (let g = 1; g < group.length; g++) links.push({ i: group[0], j: group[g], weight: Infinity, rule, pair: -1 });
				continue;
			}
			// The people behind the value, told apart by given name (a surname is shared by a
			// household, so it cannot tell its members apart). An account-level identifier (a
			// customer or loyalty number, a national ID) is issued to one person: there, differing
			// given names are taken as a re-keyed name unless the surname differs too. A landline
			// is told apart strictly (twins, a father and son of one name), a mailbox by given name.
			// A mailbox named for the family is told apart strictly too (Antonio and Antonia on theruizs@).
			const familyNamed = usesEmail && householdRule && isFamilyMailbox(prepared.columns.get('email') as string[], (known ??= { given: knownNames(names.first), surnames: knownNames(names.last) }), group);
			const { people, personOf } = householdRule ? peopleByGivenName(names, group, maxNames, !usesEmail || familyNamed) : peopleByName(names, group, maxNames);
			let named = 0;
			for (const i of group) if (names.first[i] !== '' || names.last[i] !== '') named++;
			if (people.length > maxNames || (group.length > maxRecords && (people.length > 1 || named === 0))) {
				sharedValues[rule]++;
				for (const i of group) sharedRecords.push({ record: i, rule });
				continue;
			}
			// A landline of one name where only some records carry a generational suffix: Robert Hale
			// and Robert Hale Jr. are two people of that name, so the number is the household's. It
			// links only records of one suffix; one without a suffix could be either of them.
			const generation = prepared.generation;
			if (householdRule && !usesEmail && people.length <= 1 && group.some((i) => generation[i] !== '') && group.some((i) => generation[i] === '')) {
				householdValues[rule]++;
				for (const suffix of new Set(Array.from(group, (i) => generation[i]).filter((g) => g !== ''))) {
					const same = Array.from(group).filter((i) => generation[i] === suffix);
					for (const i of same) if (i !== same[0]) links.push({ i: same[0], j: i, weight: Infinity, rule, pair: -1 });
				}
				for (const i of group) householdRecords.push({ record: i, rule });
				continue;
			}
			const family = people.length <= 1 && familyNamed;
			if (!householdRule || (people.length <= 1 && !family)) {
				// One person (records without a given name are theirs: nobody else holds the value,
				// unless their surname says otherwise), or an account identifier held by a few name variants.
				const head = people.length === 1 ? people[0] : group[0];
				// On a contact point, a clearly different surname is another person when nothing ties
				// the record to one already there: no given name, or another address (two Andrews on
				// andrew1983@yahoo.com, a Jones and a Huff in two towns, each with his own records). One
				// surname change at one address still links.
				// A record without a surname then belongs to the value's one surname-person, or to nobody
				// when there are several (whose it is cannot be told).
				const anchors = [head];
				const attach = (g: number): number | undefined => anchors.find((a) => !(surnameDiffers(names, group[g], a) && (personOf[g] < 0 || addressDiffers(group[g], a))));
				if (householdRule) {
					for (let g = 0; g < group.length; g++) if (group[g] !== head && names.last[group[g]] !== '' && personOf[g] >= 0 && attach(g) === undefined) anchors.push(group[g]);
				}
				for (let g = 0; g < group.length; g++) {
					const i = group[g];
					if (anchors.includes(i)) continue;
					if (householdRule && anchors.length > 1 && names.last[i] === '') continue;
					const anchor = householdRule ? attach(g) : head;
					if (anchor !== undefined) links.push({ i: anchor, j: i, weight: Infinity, rule, pair: -1 });
				}
				// Held by several people: evidence of none of them for the probabilistic stage either.
				if (anchors.length > 1) {
					householdValues[rule]++;
					for (const i of group) householdRecords.push({ record: i, rule });
				}
				continue;
			}
			// A household value (a landline, a family mailbox): it links each person's own records,
			// never two people, and records without a given name stay out (whose they are is unknown).
			householdValues[rule]++;
			householdGroups.push({ rule, people: people.slice() });
			// A generational suffix on a person's records here says two people of the name share the
			// value (Albert Avery Sr. and his son on teamaverys@): only records with the same suffix are
			// one of them; a record without one could be either.
			for (let p = 0; p < people.length; p++) {
				const own: number[] = [];
				for (let g = 0; g < group.length; g++) if (personOf[g] === p) own.push(group[g]);
				const suffixes = new Set(own.map((i) => generation[i]).filter((x) => x !== ''));
				if (suffixes.size === 0) {
					for (const i of own) if (i !== own[0]) links.push({ i: own[0], j: i, weight: Infinity, rule, pair: -1 });
					continue;
				}
				for (const suffix of suffixes) {
					const same = own.filter((i) => generation[i] === suffix);
					for (const i of same) if (i !== same[0]) links.push({ i: same[0], j: i, weight: Infinity, rule, pair: -1 });
				}
			}
			for (const i of group) householdRecords.push({ record: i, rule });
		}
	}
	if (householdGroups.length > 0 && prepared.columns.has('address')) links.push(...householdBridges(codes, names, householdGroups));
	return { links, sharedValues, sharedRecords, householdValues, householdRecords };
}

/**
 * Per record, its street line, else its postcode ('' neither): the street alone, so that a record
 * with a postcode and one without still say one place when their street agrees.
 */
function placeOf(prepared: PreparedRecords): string[] | undefined {
	const street = prepared.columns.get('street') as string[] | undefined;
	const postcode = prepared.columns.get('postcode') as string[] | undefined;
	if (!street && !postcode) return undefined;
	return Array.from({ length: prepared.n }, (_, i) => (street?.[i] ? `s:${street[i]}` : postcode?.[i] ? `p:${postcode[i]}` : ''));
}

/** Both records carry a surname and they are not one surname (nor near spellings of one). */
function surnameDiffers(names: GivenNames, i: number, j: number): boolean {
	const a = names.last[i];
	const b = names.last[j];
	return a !== '' && b !== '' && a !== b && jaroWinkler(a, b) < 0.8;
}

/**
 * A mailbox named for a family rather than a person: "family" in it ("nguyenfamily@"), or a
 * surname the data know, alone, plural or after a family word ("vega@", "muellers@",
 * "thevargas@", "homekings@"), and not starting with a given name the data know ("theresa1990@"
 * is Theresa's, "alexander@" may be Alexander's). It is a household value even when only one of its people has written a given
 * name on it, so its records without a given name are nobody's in particular.
 */
function isFamilyMailbox(emails: string[], known: { given: Set<string>; surnames: Set<string> }, group: ArrayLike<number>): boolean {
	const email = emails[group[0]];
	const at = email.lastIndexOf('@');
	const letters = (at > 0 ? email.slice(0, at) : email).replace(/[^a-z]/g, '');
	if (letters.length < 3) return false;
	for (let k = 3; k <= letters.length; k++) if (known.given.has(letters.slice(0, k))) return false;
	if (/family|fam$/.test(letters)) return true;
	const prefixed = /^(the|home|team|our)([a-z]{3,})$/.exec(letters)?.[2];
	const rest = prefixed ?? letters;
	// "the" and a plural ("theruizs@") names a family whether or not the data know the surname.
	if (prefixed !== undefined && rest.endsWith('s')) return true;
	return known.surnames.has(rest) || (rest.endsWith('s') && known.surnames.has(rest.slice(0, -1)));
}

/** Names carried by at least two records (three letters or more): names, not slips. */
function knownNames(values: string[]): Set<string> {
	const count = new Map<string, number>();
	for (const v of values) if (v.length >= 3) count.set(v, (count.get(v) ?? 0) + 1);
	const out = new Set<string>();
	for (const [v, c] of count) if (c >= 2) out.add(v.replace(/[^a-z]/g, ''));
	return out;
}

/**
 * A household value (a family mailbox, a landline) whose people are the people of one address:
 * Tom and Linh Nguyen on nguyenfamily@ and Tom and Linh Nguyen at 4 Cedar Way. Two or more of the
 * value's people, each matching exactly one person at the address by surname and given name (and
 * no other address matching two), make it that household, and each of those people's records on
 * the value joins that person's records at the address. One shared name is not enough (namesakes
 * live in many households); a person the address cannot tell apart is left alone.
 */
function householdBridges(codes: BlockKeyCodes, names: GivenNames, groups: Array<{ rule: string; people: number[] }>): Link[] {
	const address = codes.column('address');
	const { start, order } = groupMembers(address.codes, address.codeCount);
	// The people of each multi-person address, indexed by surname (records in group 0 have no address).
	const bySurname = new Map<string, Array<{ address: number; person: number }>>();
	for (let g = 1; g + 1 < start.length; g++) {
		if (start[g + 1] - start[g] < 2) continue;
		const members = order.subarray(start[g], start[g + 1]);
		const { people } = peopleByGivenName(names, members, 8);
		if (people.length < 2 || people.length > 8) continue;
		for (const head of people) {
			const last = names.last[head];
			if (last === '') continue;
			let list = bySurname.get(last);
			if (!list) bySurname.set(last, (list = []));
			list.push({ address: g, person: head });
		}
	}
	const links: Link[] = [];
	const same = (a: number, b: number): boolean => names.last[a] !== '' && names.last[a] === names.last[b] && names.first[a] !== '' && names.first[b] !== '' && !differentPeople(names, a, b);
	for (const { rule, people } of groups) {
		// Per address, the value's people that match exactly one of its people (and no other of the value's).
		const matches = new Map<number, Array<[number, number]>>();
		const ambiguous = new Set<number>();
		for (const p of people) {
			const perAddress = new Map<number, number[]>();
			for (const candidate of bySurname.get(names.last[p]) ?? []) {
				if (!same(p, candidate.person)) continue;
				let list = perAddress.get(candidate.address);
				if (!list) perAddress.set(candidate.address, (list = []));
				list.push(candidate.person);
			}
			for (const [g, found] of perAddress) {
				if (found.length !== 1) {
					ambiguous.add(g);
					continue;
				}
				let list = matches.get(g);
				if (!list) matches.set(g, (list = []));
				list.push([p, found[0]]);
			}
		}
		const households = [...matches.entries()].filter(([g, pairs]) => !ambiguous.has(g) && pairs.length >= 2 && new Set(pairs.map(([, a]) => a)).size === pairs.length);
		if (households.length !== 1) continue;
		for (const [p, a] of households[0][1]) links.push({ i: p, j: a, weight: Infinity, rule: `${rule} (household)`, pair: -1 });
	}
	return links;
}
