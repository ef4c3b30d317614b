// bench:identity — 1,000,000 synthetic multi-source records (CRM, ESP, web sign-ups, orders) with
// realistic noise (typos, nicknames, gmail dots and +tags, phone formats, date formats, missing
// values, placeholder emails and phones), resolved in deterministic and deterministic +
// probabilistic mode, next to an exact-email union-find baseline in the same process.
// Prints JSON Lines: records/s, seconds, peak memory, ratio to the baseline, pairwise P/R/F1.
// The library is timed as n8n loads it: the bundled dist/lib/bundle.js (npm run bench:identity builds
// it first). tsx's on-the-fly transpilation of lib/ ran the same code ~30% slower here;
// BENCH_SOURCE=ts times that instead.
// Usage: npm run bench:identity [-- records]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as fromSource from '../lib/identity';
import { seededRandom, type IdentityInput } from '../lib/identity';
import { pairwise } from './identity-metrics';

// dist/lib/bundle.js is the shared chunk scripts/build.mjs writes: lib/ by module path.
const compiled = join(__dirname, '..', 'dist', 'lib', 'bundle.js');
const useCompiled = process.env.BENCH_SOURCE !== 'ts' && existsSync(compiled);
const { resolveIdentity } = (useCompiled ? require(compiled).modules['lib/identity'] : fromSource) as typeof fromSource;

const N = Number(process.argv[2] ?? 1_000_000);
const random = seededRandom(20260101);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
const zipf = <T>(list: T[]): T => list[Math.floor(Math.pow(random(), 2.2) * list.length)];

const SYL = ['an', 'ber', 'ca', 'dor', 'el', 'fi', 'gar', 'hel', 'is', 'jo', 'ka', 'lin', 'mar', 'nor', 'ol', 'pe', 'quin', 'ros', 'sa', 'tor', 'ul', 'vin', 'wal', 'xa', 'yor', 'zen', 'mi', 'ta', 'ri', 'lo'];
function word(parts: number): string {
	let w = '';
	for (let k = 0; k < parts; k++) w += pick(SYL);
	return w;
}
const FIRST = [...new Set(Array.from({ length: 4000 }, () => word(2 + Math.floor(random() * 2))))];
FIRST.unshift('robert', 'william', 'elizabeth', 'katherine', 'michael', 'james');
const LAST = [...new Set(Array.from({ length: 60_000 }, () => word(2 + Math.floor(random() * 3))))];
const CITY = [...new Set(Array.from({ length: 3000 }, () => word(3)))];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'aol.com', 'proton.me', 'comcast.net'];
const NICK: Record<string, string> = { robert: 'bob', william: 'bill', elizabeth: 'liz', katherine: 'kate', michael: 'mike', james: 'jim' };
const SOURCES = ['crm', 'esp', 'web', 'orders'];

function typo(s: string): string {
	if (s.length < 3) return s;
	const at = 1 + Math.floor(random() * (s.length - 2));
	const r = random();
	if (r < 0.33) return s.slice(0, at) + s.slice(at + 1);
	if (r < 0.66) return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
	return s.slice(0, at) + pick(SYL)[0] + s.slice(at + 1);
}
const cap = (s: string): string => (random() < 0.5 ? s[0].toUpperCase() + s.slice(1) : random() < 0.5 ? s.toUpperCase() : s);
const pad = (n: number): string => String(n).padStart(2, '0');

interface Person {
	first: string;
	last: string;
	email: string;
	phone: string;
	y: number;
	m: number;
	d: number;
	city: string;
	zip: string;
}

function person(): Person {
	const first = zipf(FIRST);
	const last = zipf(LAST);
	const domain = pick(DOMAINS);
	const local = random() < 0.5 ? `${first}.${last}` : `${first[0]}${last}${Math.floor(random() * 100)}`;
	return {
		first,
		last,
		email: `${local}@${domain}`,
		phone: `${200 + Math.floor(random() * 700)}${200 + Math.floor(random() * 700)}${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
		y: 1940 + Math.floor(random() * 65),
		m: 1 + Math.floor(random() * 12),
		d: 1 + Math.floor(random() * 28),
		city: zipf(CITY),
		zip: String(10000 + Math.floor(random() * 89999)),
	};
}

function record(p: Person, key: string): IdentityInput {
	const r: IdentityInput = { key, source: pick(SOURCES), updatedAt: Date.UTC(2024, 0, 1) + Math.floor(random() * 3e10) };
	if (random() < 0.85) {
		let e = p.email;
		const v = random();
		if (v < 0.06 && e.endsWith('@gmail.com')) e = e.replace('.', '').replace('@', '+shop@');
		else if (v < 0.12) e = typo(e);
		else if (v < 0.2) e = `${p.last}.${p.first}@work${Math.floor(random() * 500)}.com`;
		if (random() < 0.004) e = 'test@test.com';
		r.email = random() < 0.3 ? e.toUpperCase() : e;
	}
	if (random() < 0.6) {
		const digits = random() < 0.04 ? typo(p.phone) : p.phone;
		const f = random();
		r.phone = random() < 0.003 ? '555-555-5555' : f < 0.4 ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : f < 0.7 ? `+1 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
	}
	let first = p.first;
	if (NICK[first] && random() < 0.3) first = NICK[first];
	else if (random() < 0.08) first = typo(first);
	let last = p.last;
	if (random() < 0.08) last = typo(last);
	r.firstName = cap(first);
	r.lastName = cap(last);
	if (random() < 0.8) {
		const { y, m } = p;
		let d = p.d;
		if (random() < 0.03) d = 1 + ((d + 1) % 28);
		const f = random();
		r.dob = f < 0.5 ? `${y}-${pad(m)}-${pad(d)}` : f < 0.8 ? `${pad(d)}/${pad(m)}/${y}` : `${y}${pad(m)}${pad(d)}`;
	}
	if (random() < 0.7) r.city = p.city;
	if (random() < 0.7) r.postcode = p.zip;
	return r;
}

function generate(n: number): { records: IdentityInput[]; truth: string[] } {
	const records: IdentityInput[] = [];
	const truth: string[] = [];
	let id = 0;
	while (records.length < n) {
		const p = person();
		const u = random();
		const copies = u < 0.3 ? 1 : u < 0.65 ? 2 : u < 0.9 ? 3 : 4;
		for (let c = 0; c < copies && records.length < n; c++) {
			records.push(record(p, `r${records.length}`));
			truth.push(String(id));
		}
		id++;
	}
	// Shuffle so sources and persons interleave.
	for (let k = records.length - 1; k > 0; k--) {
		const j = Math.floor(random() * (k + 1));
		[records[k], records[j]] = [records[j], records[k]];
		[truth[k], truth[j]] = [truth[j], truth[k]];
	}
	// Records reach the node as parsed JSON (HTTP, database and file nodes all parse their input):
	// a JSON round trip gives the bench that memory layout, flat strings allocated record by
	// record, rather than the generator's concatenated strings scattered over the heap.
	return { records: JSON.parse(JSON.stringify(records)) as IdentityInput[], truth };
}

/** Exact-email union-find: lowercase, trim, same email -> same customer. */
function emailBaseline(records: IdentityInput[]): string[] {
	const parent = new Int32Array(records.length);
	for (let i = 0; i < parent.length; i++) parent[i] = i;
	const find = (x: number): number => {
		while (parent[x] !== x) x = parent[x] = parent[parent[x]];
		return x;
	};
	const first = new Map<string, number>();
	records.forEach((r, i) => {
		const e = typeof r.email === 'string' ? r.email.trim().toLowerCase() : '';
		if (e === '') return;
		const j = first.get(e);
		if (j === undefined) first.set(e, i);
		else parent[find(i)] = find(j);
	});
	return records.map((_, i) => String(find(i)));
}

let peak = 0;
const sampler = setInterval(() => {
	peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
sampler.unref();

function time<T>(fn: () => T): { value: T; seconds: number; cpuSeconds: number } {
	const t = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	const value = fn();
	const used = process.cpuUsage(cpu);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { value, seconds: Number(process.hrtime.bigint() - t) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

const { records, truth } = generate(N);
const round = (v: number, d = 4): number => Math.round(v * 10 ** d) / 10 ** d;
const baseline = time(() => emailBaseline(records));
// On a shared machine wall time depends on the neighbours: CPU seconds of this process are printed too.
const report = (mode: string, ids: string[], seconds: number, cpuSeconds: number, extra: Record<string, unknown> = {}): void => {
	const m = pairwise(ids, truth);
	console.log(
		JSON.stringify({
			bench: 'identity',
			mode,
			records: records.length,
			seconds: round(seconds, 2),
			cpu_seconds: round(cpuSeconds, 2),
			records_per_s: Math.round(records.length / seconds),
			ratio_to_baseline: round(seconds / baseline.seconds, 1),
			peak_rss_mb: Math.round(peak / 1048576),
			precision: round(m.precision),
			recall: round(m.recall),
			f1: round(m.f1),
			clusters: m.clusters,
			true_clusters: m.trueClusters,
			...extra,
		}),
	);
};
report('exact-email union-find baseline', baseline.value, baseline.seconds, baseline.cpuSeconds, { library: useCompiled ? 'dist/lib/bundle.js (bundled, as n8n loads it)' : 'lib (tsx)' });
for (const mode of (process.env.BENCH_MODES ?? 'deterministic,probabilistic').split(',') as Array<'deterministic' | 'probabilistic'>) {
	const run = time(() => resolveIdentity(records, { mode, defaultRegion: 'US', runAt: '2026-01-01T00:00:00Z' }));
	report(mode, run.value.records.map((r) => r.customerId), run.seconds, run.cpuSeconds, {
		candidate_pairs: run.value.stats.candidatePairs,
		skipped_blocks: run.value.stats.skippedBlocks,
		timings_ms: run.value.stats.timings,
		...(process.env.BENCH_DEBUG ? { pairs_per_rule: run.value.stats.pairsPerRule } : {}),
	});
}
