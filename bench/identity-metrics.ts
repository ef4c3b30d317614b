// Pairwise precision / recall / F1 of a clustering against ground-truth clusters.

function pairs(sizes: Iterable<number>): number {
	let total = 0;
	for (const s of sizes) total += (s * (s - 1)) / 2;
	return total;
}

export function pairwise(predicted: string[], truth: string[]): { precision: number; recall: number; f1: number; clusters: number; trueClusters: number } {
	const pred = new Map<string, number>();
	const real = new Map<string, number>();
	const both = new Map<string, number>();
	for (let x = 0; x < predicted.length; x++) {
		pred.set(predicted[x], (pred.get(predicted[x]) ?? 0) + 1);
		real.set(truth[x], (real.get(truth[x]) ?? 0) + 1);
		const k = `${predicted[x]}\u0001${truth[x]}`;
		both.set(k, (both.get(k) ?? 0) + 1);
	}
	const tp = pairs(both.values());
	const pp = pairs(pred.values());
	const tpairs = pairs(real.values());
	const precision = pp === 0 ? 1 : tp / pp;
	const recall = tpairs === 0 ? 1 : tp / tpairs;
	const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
	return { precision, recall, f1, clusters: pred.size, trueClusters: real.size };
}


/**
 * Household measures of a resolution: the share of true multi-person households that some customer
 * ID spans (two of its people merged into one customer), the share of people with several records
 * whose records got more than one customer ID, and, when household IDs are given, their pairwise
 * precision and recall against the true households (over records).
 */
export function householdMeasures(
	customerIds: string[],
	person: string[],
	household: string[],
	householdIds?: string[],
): { householdsMerged: number; multiPersonHouseholds: number; personsSplit: number; householdPrecision?: number; householdRecall?: number } {
	const peopleOf = new Map<string, Set<string>>();
	const customersOf = new Map<string, Set<string>>();
	const personsOfCustomer = new Map<string, Set<string>>();
	const records = new Map<string, number>();
	for (let x = 0; x < person.length; x++) {
		let people = peopleOf.get(household[x]);
		if (!people) peopleOf.set(household[x], (people = new Set()));
		people.add(person[x]);
		let customers = customersOf.get(person[x]);
		if (!customers) customersOf.set(person[x], (customers = new Set()));
		customers.add(customerIds[x]);
		let persons = personsOfCustomer.get(customerIds[x]);
		if (!persons) personsOfCustomer.set(customerIds[x], (persons = new Set()));
		persons.add(person[x]);
		records.set(person[x], (records.get(person[x]) ?? 0) + 1);
	}
	const householdOfPerson = new Map<string, string>();
	for (let x = 0; x < person.length; x++) householdOfPerson.set(person[x], household[x]);
	const merged = new Set<string>();
	for (const persons of personsOfCustomer.values()) {
		const byHousehold = new Map<string, number>();
		for (const p of persons) {
			const h = householdOfPerson.get(p) as string;
			byHousehold.set(h, (byHousehold.get(h) ?? 0) + 1);
		}
		for (const [h, count] of byHousehold) if (count > 1) merged.add(h);
	}
	let multi = 0;
	for (const people of peopleOf.values()) if (people.size > 1) multi++;
	let withSeveral = 0;
	let split = 0;
	for (const [p, count] of records) {
		if (count < 2) continue;
		withSeveral++;
		if ((customersOf.get(p) as Set<string>).size > 1) split++;
	}
	const out: ReturnType<typeof householdMeasures> = {
		householdsMerged: multi === 0 ? 0 : merged.size / multi,
		multiPersonHouseholds: multi,
		personsSplit: withSeveral === 0 ? 0 : split / withSeveral,
	};
	if (householdIds) {
		const m = pairwise(householdIds, household);
		out.householdPrecision = m.precision;
		out.householdRecall = m.recall;
	}
	return out;
}
