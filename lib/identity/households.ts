// Households: customers who share a postal address, grouped the way direct-mail householding
// does it. 'addressSurname' (default) joins customers at one full address (street with postcode,
// or city) who share a surname (near spellings allowed) or a contact point (a landline, a family
// mailbox: different surnames, one household); 'addressOnly' joins everyone at the address. A
// customer's address is its most recent record's (by updatedAt; without times, the one most of
// its records give), so a customer who moved is in the household of the new address. Customers
// without a full address are households of their own. Household IDs persist across runs with the
// same logic as customer IDs (persist.ts), but a new one derives from the household's address, and
// on a merge the ID issued at the address wins: a partner who moves in joins the household there.
import { stateCodes } from '../records/region';
import { groupMembers } from './groups';
import { assignPersistentIds, type PersistResult, type PreviousMapEntry } from './persist';
import { jaroWinkler } from './strings';

export type HouseholdMatching = 'off' | 'addressSurname' | 'addressOnly';

export interface Household {
	householdId: string;
	customerIds: string[];
	/** Customers in the household. */
	size: number;
	address: { street: string; city: string; postcode: string };
	/** Contact points held by two or more of its customers. */
	sharedIdentifiers: { emails: string[]; phones: string[] };
}

export interface HouseholdInput {
	keys: string[];
	/** Full-address key per record ('' none). */
	address: string[];
	last: string[];
	/** Canonical email per record ('' none or a role mailbox), and normalized phone. */
	email: string[];
	phone: string[];
	updatedAt: Float64Array;
	/**
	 * Normalized street, postcode, city, state and country per record ('' none): where two
	 * addresses can be one. The state may be as written (folded): it is read here as its postal code.
	 */
	streetKey: string[];
	postcodeKey: string[];
	cityKey: string[];
	stateKey: string[];
	countryKey: string[];
	/** Email and address as given, for the Households output. */
	emailShown: string[];
	street: string[];
	city: string[];
	postcode: string[];
}

export interface HouseholdResult {
	/** Household index per customer cluster. */
	householdOf: Int32Array;
	persisted: PersistResult;
	households: Household[];
}

/** Most customers on one street compared pairwise (past it, one full address key is one address). */
const MAX_PAIRWISE = 200;

/** Two values that both exist and differ. */
const conflict = (a: string, b: string): boolean => a !== '' && b !== '' && a !== b;

/**
 * Records x and y (on one street) are at one address: no country or state (`state`: its postal
 * code, records/region) tells them apart, and
 * their postcodes agree, or, where one has none, their cities do (44 Pine Ave, Austin TX 78701
 * and 44 Pine Ave, Austin TX). Springfield IL and Springfield MO are two towns; postcode 2000 in
 * Australia and in South Africa two places.
 */
function sameArea(input: HouseholdInput, state: readonly string[], x: number, y: number): boolean {
	if (conflict(input.countryKey[x], input.countryKey[y]) || conflict(state[x], state[y])) return false;
	const px = input.postcodeKey[x];
	const py = input.postcodeKey[y];
	if (px !== '' && py !== '') return px === py;
	return input.address[x] === input.address[y] || (input.cityKey[x] !== '' && input.cityKey[x] === input.cityKey[y]);
}

/** Words of a compound surname that name no family on their own (de la Cruz, van der Berg). */
const SURNAME_PARTICLES = new Set(['de', 'del', 'della', 'der', 'den', 'van', 'von', 'da', 'das', 'dos', 'di', 'la', 'le', 'du', 'st', 'san', 'bin', 'ben', 'al', 'el', 'mac', 'mc', 'y', 'e']);

/**
 * One family name: equal or near spellings, or one is a part of the other's compound name
 * (Lopez and Garcia-Lopez, a married name joined with a hyphen).
 */
function oneSurname(a: string, b: string): boolean {
	if (a === b || jaroWinkler(a, b) >= 0.9) return true;
	if (!a.includes(' ') && !b.includes(' ')) return false;
	const words = (s: string): string[] => s.split(' ').filter((w) => w.length >= 3 && !SURNAME_PARTICLES.has(w));
	const other = new Set(words(b));
	return words(a).some((w) => other.has(w));
}

export function findHouseholds(
	input: HouseholdInput,
	clusterOf: Int32Array,
	customerIds: string[],
	matching: Exclude<HouseholdMatching, 'off'>,
	previous: PreviousMapEntry[] | undefined,
	options: { runAt: string; prefix?: string },
): HouseholdResult {
	const clusters = customerIds.length;
	const { start, order } = groupMembers(clusterOf, clusters);
	// Each customer's address: where it lives now, the most recent record's (by updatedAt, as the
	// golden profile's Most Recent street); without times, or among records of one time, the key
	// most of its records give; then the first record.
	const home = new Int32Array(clusters).fill(-1);
	const counts = new Map<string, number>();
	const timeOf = (x: number): number => (Number.isNaN(input.updatedAt[x]) ? -Infinity : input.updatedAt[x]);
	for (let c = 0; c < clusters; c++) {
		counts.clear();
		for (let m = start[c]; m < start[c + 1]; m++) {
			const key = input.address[order[m]];
			if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		let best = -1;
		let bestTime = -Infinity;
		let bestCount = 0;
		for (let m = start[c]; m < start[c + 1]; m++) {
			const x = order[m];
			const key = input.address[x];
			if (key === '') continue;
			const time = timeOf(x);
			const count = counts.get(key) as number;
			if (best < 0 || time > bestTime || (time === bestTime && count > bestCount)) {
				best = x;
				bestTime = time;
				bestCount = count;
			}
		}
		home[c] = best;
	}
	// Union-find over customers at one address.
	const parent = Int32Array.from({ length: clusters }, (_, c) => c);
	const find = (c: number): number => {
		while (parent[c] !== c) c = parent[c] = parent[parent[c]];
		return c;
	};
	const union = (a: number, b: number): void => {
		const ra = find(a);
		const rb = find(b);
		// The smaller index is the root, so the grouping does not depend on link order.
		if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
	};
	// Customers on one street (same number and name), then pairwise: one address unless the areas
	// say otherwise (see sameAddress). A street held by very many customers (a data default) is
	// grouped by its full key alone, so the pairwise step stays small.
	const onStreet = new Map<string, number[]>();
	for (let c = 0; c < clusters; c++) {
		if (home[c] < 0) continue;
		const key = input.streetKey[home[c]];
		const list = onStreet.get(key);
		if (list) list.push(c);
		else onStreet.set(key, [c]);
	}
	const atAddress: number[][] = [];
	for (const customers of onStreet.values()) {
		if (customers.length <= MAX_PAIRWISE) {
			atAddress.push(customers);
			continue;
		}
		const byKey = new Map<string, number[]>();
		for (const c of customers) {
			const key = input.address[home[c]];
			const list = byKey.get(key);
			if (list) list.push(c);
			else byKey.set(key, [c]);
		}
		atAddress.push(...byKey.values());
	}
	// States read as postal codes (TX, Tex. and Texas are one), only where a pair is compared.
	const readState = stateCodes();
	const state = new Array<string>(input.stateKey.length).fill('');
	for (const customers of atAddress) if (customers.length > 1) for (const c of customers) state[home[c]] = readState(input.stateKey[home[c]]);
	const sameAddress = (a: number, b: number): boolean => sameArea(input, state, home[a], home[b]);
	const surnames = (c: number): Set<string> => {
		const out = new Set<string>();
		for (let m = start[c]; m < start[c + 1]; m++) if (input.last[order[m]] !== '') out.add(input.last[order[m]]);
		return out;
	};
	// Shared emails are listed as one of their holders wrote them (the key is the canonical form).
	const shownEmail = new Map<string, string>();
	const contacts = (c: number): Set<string> => {
		const out = new Set<string>();
		for (let m = start[c]; m < start[c + 1]; m++) {
			const x = order[m];
			if (input.email[x] !== '') {
				out.add(`e:${input.email[x]}`);
				if (!shownEmail.has(input.email[x])) shownEmail.set(input.email[x], input.emailShown[x].toLowerCase());
			}
			if (input.phone[x] !== '') out.add(`p:${input.phone[x]}`);
		}
		return out;
	};
	for (const customers of atAddress) {
		if (customers.length < 2) continue;
		const names = matching === 'addressOnly' ? [] : customers.map(surnames);
		const held = matching === 'addressOnly' ? [] : customers.map(contacts);
		for (let a = 0; a < customers.length; a++) {
			for (let b = a + 1; b < customers.length; b++) {
				if (find(customers[a]) === find(customers[b]) || !sameAddress(customers[a], customers[b])) continue;
				if (matching === 'addressOnly') {
					union(customers[a], customers[b]);
					continue;
				}
				let together = false;
				for (const s of names[a]) {
					for (const t of names[b]) if (oneSurname(s, t)) together = true;
					if (together) break;
				}
				if (!together) for (const v of held[a]) if (held[b].has(v)) together = true;
				if (together) union(customers[a], customers[b]);
			}
		}
	}
	const householdOf = new Int32Array(clusters);
	const index = new Map<number, number>();
	for (let c = 0; c < clusters; c++) {
		const root = find(c);
		let h = index.get(root);
		if (h === undefined) index.set(root, (h = index.size));
		householdOf[c] = h;
	}
	const householdOfRecord = new Int32Array(clusterOf.length);
	for (let x = 0; x < clusterOf.length; x++) householdOfRecord[x] = householdOf[clusterOf[x]];
	const members = groupMembers(householdOf, index.size);
	// A household's ID derives from its address (its members' address keys, smallest first), so on
	// a later run the household at that address keeps it when someone moves in (persist.ts).
	const seeds = new Array<string[] | undefined>(index.size);
	for (let h = 0; h < index.size; h++) {
		let keys: string[] | undefined;
		for (let m = members.start[h]; m < members.start[h + 1]; m++) {
			const x = home[members.order[m]];
			if (x < 0) continue;
			const seed = `address:${input.address[x]}`;
			if (keys === undefined) keys = [seed];
			else if (!keys.includes(seed)) keys.push(seed);
		}
		seeds[h] = keys?.sort();
	}
	const persisted = assignPersistentIds(input.keys, householdOfRecord, index.size, previous, { runAt: options.runAt, prefix: options.prefix ?? 'hh_', seeds });
	const households = new Array<Household>(index.size);
	for (let h = 0; h < index.size; h++) {
		const from = members.start[h];
		const to = members.start[h + 1];
		let rep = -1;
		for (let m = from; m < to && rep < 0; m++) rep = home[members.order[m]];
		if (rep < 0) rep = order[start[members.order[from]]];
		const address = { street: input.street[rep], city: input.city[rep], postcode: input.postcode[rep] };
		if (to - from === 1) {
			// Most households are one customer: nothing is shared, no sets to build.
			households[h] = { householdId: persisted.clusterIds[h], customerIds: [customerIds[members.order[from]]], size: 1, address, sharedIdentifiers: { emails: [], phones: [] } };
			continue;
		}
		const customers = Array.from(members.order.subarray(from, to));
		const holders = new Map<string, Set<number>>();
		for (const c of customers) for (const v of contacts(c)) holders.set(v, (holders.get(v) ?? new Set()).add(c));
		const shared = [...holders].filter(([, by]) => by.size > 1).map(([v]) => v);
		households[h] = {
			householdId: persisted.clusterIds[h],
			customerIds: customers.map((c) => customerIds[c]).sort(),
			size: customers.length,
			address,
			sharedIdentifiers: {
				emails: shared.filter((v) => v.startsWith('e:')).map((v) => shownEmail.get(v.slice(2)) as string).sort(),
				phones: shared.filter((v) => v.startsWith('p:')).map((v) => v.slice(2)).sort(),
			},
		};
	}
	return { householdOf, persisted, households };
}
