// eval:identity — pairwise precision / recall / F1 of resolveIdentity against the ground truth of
// the record-linkage data sets in ../shared/datasets/identity. One general configuration per
// data-set shape (which columns exist), not one tuned per file. Prints JSON Lines.
import path from 'node:path';
import { readCsv } from './csv';
import { resolveIdentity, type IdentityInput, type ResolveOptions } from '../lib/identity';
import { householdMeasures, pairwise } from './identity-metrics';
import { householdData } from './households-data';
import { householdFakerData } from './households-faker-data';

const ROOT = path.resolve(__dirname, '../../shared/datasets/identity');

interface Labeled {
	records: IdentityInput[];
	truth: string[];
	options: ResolveOptions;
	/** Household of each record, for the household-labelled sets. */
	households?: string[];
}

function trimmed(row: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(row)) out[k.trim()] = v.trim();
	return out;
}

function febrl(files: string[], withSsn: boolean): Labeled {
	const records: IdentityInput[] = [];
	const truth: string[] = [];
	files.forEach((file, f) => {
		for (const raw of readCsv(path.join(ROOT, 'febrl', file))) {
			const row = trimmed(raw);
			records.push({
				key: `${f}:${row.rec_id}`,
				source: files.length > 1 ? `file${f}` : undefined,
				firstName: row.given_name,
				lastName: row.surname,
				street: `${row.street_number} ${row.address_1}`,
				city: row.suburb,
				postcode: row.postcode,
				state: row.state,
				dob: row.date_of_birth,
				ids: withSsn ? { ssn: row.soc_sec_id } : undefined,
				attributes: { address2: row.address_2 },
			});
			truth.push(/^rec-(\d+)/.exec(row.rec_id)?.[1] ?? row.rec_id);
		}
	});
	return { records, truth, options: { guardrails: files.length > 1 ? { uniqueSources: ['file0', 'file1'] } : {} } };
}

function personaldata(): Labeled {
	const records: IdentityInput[] = [];
	const truth: string[] = [];
	for (const part of ['A', 'B']) {
		for (const row of readCsv(path.join(ROOT, 'personaldata', `personaldata1000${part}.csv`), ';')) {
			records.push({
				key: `${part}:${row.record_id}`,
				source: part,
				firstName: row.first_name,
				lastName: row.last_name,
				dob: row.birthdate,
				email: row.email,
				phone: row.phone_number,
				street: row.street_address,
				city: row.city,
				postcode: row.postcode,
				gender: row.sex,
				attributes: { job: row.job },
			});
			truth.push(row.entity_id === '' ? `${part}:${row.record_id}` : row.entity_id);
		}
	}
	return { records, truth, options: { defaultRegion: 'US', guardrails: { uniqueSources: ['A', 'B'] } } };
}

function fake(file: string): Labeled {
	const rows = readCsv(path.join(ROOT, 'splink', file));
	return {
		records: rows.map((row) => ({ key: row.unique_id, firstName: row.first_name, lastName: row.surname, dob: row.dob, city: row.city, email: row.email })),
		truth: rows.map((row) => row.cluster),
		options: {},
	};
}

function historical(): Labeled {
	const rows = readCsv(path.join(ROOT, 'splink', 'historical_50k.csv.gz'));
	return {
		records: rows.map((row) => ({
			key: row.unique_id,
			firstName: row.first_name,
			lastName: row.surname,
			fullName: row.full_name,
			dob: row.dob,
			postcode: row.postcode_fake,
			gender: row.gender,
			attributes: { birthPlace: row.birth_place, occupation: row.occupation },
		})),
		truth: rows.map((row) => row.cluster),
		options: {},
	};
}

const DATASETS: Array<[string, () => Labeled]> = [
	['febrl1', () => febrl(['dataset1.csv'], true)],
	['febrl2', () => febrl(['dataset2.csv'], true)],
	['febrl3', () => febrl(['dataset3.csv'], true)],
	['febrl3-no-ssn', () => febrl(['dataset3.csv'], false)],
	['febrl4', () => febrl(['dataset4a.csv', 'dataset4b.csv'], true)],
	['personaldata', personaldata],
	['fake_1000', () => fake('fake_1000.csv')],
	['fake_20000', () => fake('fake_20000.csv')],
	['historical_50k', historical],
	// Our own household-labelled CRM/ESP/web/orders data (bench/households-data.ts), node defaults.
	['households_3000', () => households(3000)],
	['households_20000', () => households(20_000)],
	// The same kind of data from a second, Faker-style generator (bench/households-faker-data.ts):
	// many different people behind one email string, more so as the population grows.
	['households_faker_3000', () => households(3000, householdFakerData)],
	['households_faker_20000', () => households(20_000, householdFakerData)],
];

function households(people: number, generate: (people: number) => ReturnType<typeof householdData> = householdData): Labeled {
	const data = generate(people);
	return { records: data.records, truth: data.person, households: data.household, options: { defaultRegion: 'US' } };
}

const round = (v: number): number => Math.round(v * 10000) / 10000;

function householdFigures(result: ReturnType<typeof resolveIdentity>, data: Labeled): Record<string, number> {
	const customerIds = result.records.map((r) => r.customerId);
	const householdIds = result.records.map((r) => (r as { householdId?: string }).householdId ?? r.customerId);
	const h = householdMeasures(customerIds, data.truth, data.households as string[], householdIds);
	// The exact-email union-find baseline on the same records, for scale.
	const email = pairwise(emailBaseline(data.records), data.truth);
	return {
		households_merged: round(h.householdsMerged),
		multi_person_households: h.multiPersonHouseholds,
		persons_split: round(h.personsSplit),
		household_precision: round(h.householdPrecision ?? 0),
		household_recall: round(h.householdRecall ?? 0),
		exact_email_f1: round(email.f1),
	};
}

function emailBaseline(records: IdentityInput[]): string[] {
	const firstWith = new Map<string, string>();
	return records.map((r) => {
		const e = typeof r.email === 'string' ? r.email.trim().toLowerCase() : '';
		if (e === '') return r.key;
		if (!firstWith.has(e)) firstWith.set(e, r.key);
		return firstWith.get(e) as string;
	});
}

const only = process.argv.slice(2);
for (const [name, load] of DATASETS) {
	if (only.length > 0 && !only.includes(name)) continue;
	const data = load();
	const started = process.hrtime.bigint();
	const result = resolveIdentity(data.records, { runAt: '2026-01-01T00:00:00.000Z', ...data.options });
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const m = pairwise(
		result.records.map((r) => r.customerId),
		data.truth,
	);
	console.log(
		JSON.stringify({
			dataset: name,
			records: data.records.length,
			precision: round(m.precision),
			recall: round(m.recall),
			f1: round(m.f1),
			clusters: m.clusters,
			true_clusters: m.trueClusters,
			seconds: Math.round(seconds * 100) / 100,
			...(data.households ? householdFigures(result, data) : {}),
			...(process.env.EVAL_DEBUG ? { stats: result.stats, lambda: result.model?.lambda } : {}),
		}),
	);
}
