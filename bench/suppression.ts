// npm run bench:suppression: 1,000,000 audience members against 1,000,000 suppression entries,
// plain (emails) and hashed (SHA-256 of emails, as ESPs exchange them), through lib/suppression's
// full decision (normalization, scopes, consent, every reason), beside a plain baseline: a Set of
// trimmed lowercased emails. Prints medians (wall and CPU seconds: on a shared machine the CPU time
// of this process is the steadier figure), the ratio, the load average and peak memory.
// Goal: under 3 s in lib/.
import { cpus, loadavg } from 'node:os';
import { sha256Hex } from '../lib/records';
import { buildSuppressionIndex, decide, defaultPolicy, type AudienceMember, type SuppressionRecord } from '../lib/suppression';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const size = arg('size', 1_000_000);
const runs = arg('runs', 3);

// Half the audience is on the list; list entries vary in case and +tags like real exports.
const audience: AudienceMember[] = Array.from({ length: size }, (_, i) => ({
	email: `customer.${i}@example${i % 7}.com`,
	consent: i % 10 === 0 ? 'unknown' : 'opted_in',
	country: i % 3 === 0 ? 'DE' : 'US',
}));
const listIds = Array.from({ length: size }, (_, j) => (j % 2 === 0 ? j : size + j));
const plainList: SuppressionRecord[] = listIds.map((id, j) => ({ email: j % 5 === 0 ? `Customer.${id}+promo@EXAMPLE${id % 7}.com` : `customer.${id}@example${id % 7}.com` }));
const hashedList: SuppressionRecord[] = listIds.map((id) => ({ sha256: sha256Hex(`customer.${id}@example${id % 7}.com`) }));
const policy = defaultPolicy({ asOf: Date.parse('2026-11-24T12:00:00Z') });

let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
function time(fn: () => number): { seconds: number; cpuSeconds: number; suppressed: number } {
	const started = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	const suppressed = fn();
	const used = process.cpuUsage(cpu);
	sample();
	return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6, suppressed };
}

// CPU seconds of the last lib run's two phases: building the index, deciding the audience.
const phases = { buildCpu: 0, decideCpu: 0 };
function libRun(list: SuppressionRecord[]): number {
	const start = process.cpuUsage();
	const index = buildSuppressionIndex(list);
	const built = process.cpuUsage(start);
	let suppressed = 0;
	for (const member of audience) if (!decide(member, index, policy).eligible) suppressed++;
	const all = process.cpuUsage(start);
	phases.buildCpu = (built.user + built.system) / 1e6;
	phases.decideCpu = (all.user + all.system - built.user - built.system) / 1e6;
	return suppressed;
}

function baseline(): number {
	const set = new Set<string>();
	for (const record of plainList) set.add(String(record.email).trim().toLowerCase());
	let suppressed = 0;
	for (const member of audience) if (set.has(String(member.email).trim().toLowerCase())) suppressed++;
	return suppressed;
}

const cases: Array<[string, () => number]> = [
	['lib plain (emails)', () => libRun(plainList)],
	['lib hashed (sha256)', () => libRun(hashedList)],
	['baseline Set of lowercased emails', baseline],
];
const medians: Record<string, number> = {};
const cpuMedians: Record<string, number> = {};
for (const [name, fn] of cases) {
	const results = Array.from({ length: runs }, () => time(fn));
	medians[name] = median(results.map((r) => r.seconds));
	cpuMedians[name] = median(results.map((r) => r.cpuSeconds));
	console.log(
		JSON.stringify({
			bench: 'suppression',
			case: name,
			audience: size,
			entries: size,
			runs,
			median_seconds: Number(medians[name].toFixed(3)),
			median_cpu_seconds: Number(cpuMedians[name].toFixed(3)),
			suppressed: results[0].suppressed,
			...(name.startsWith('lib') ? { last_run_build_cpu_seconds: Number(phases.buildCpu.toFixed(3)), last_run_decide_cpu_seconds: Number(phases.decideCpu.toFixed(3)) } : {}),
		}),
	);
}
const plain = 'lib plain (emails)';
const hashed = 'lib hashed (sha256)';
console.log(
	JSON.stringify({
		bench: 'suppression',
		summary: true,
		goal_seconds: 3,
		plain_seconds: Number(medians[plain].toFixed(3)),
		plain_cpu_seconds: Number(cpuMedians[plain].toFixed(3)),
		hashed_seconds: Number(medians[hashed].toFixed(3)),
		hashed_cpu_seconds: Number(cpuMedians[hashed].toFixed(3)),
		ratio_plain_vs_baseline: Number((medians[plain] / medians['baseline Set of lowercased emails']).toFixed(2)),
		peak_rss_mb: Math.round(peakRss / 2 ** 20),
		load_average_1m: Number(loadavg()[0].toFixed(1)),
		cores: cpus().length,
	}),
);
