// Assignment throughput for 1,000,000 keys in lib/holdout, side by side with a plain baseline
// (node:crypto md5 per key, the obvious implementation), medians over several runs, peak memory.
// Run: npm run bench:holdout [-- --keys 1000000 --runs 5]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { assignHoldout, bucketer, planHoldout, treatmentControlArms } from '../lib/holdout';

function arg(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const keyCount = arg('keys', 1_000_000);
const runs = arg('runs', 5);
const keys = Array.from({ length: keyCount }, (_, i) => `customer-${i.toString(36)}-${(i * 7919) % 100003}`);
const units = keys.map((key) => ({ key }));
const plan = planHoldout({ salt: 'bench-campaign', arms: treatmentControlArms(10) });
const growthbookPlan = planHoldout({ salt: 'bench-campaign', arms: treatmentControlArms(10), hashMode: 'growthbook' });

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void): number {
	const started = process.hrtime.bigint();
	fn();
	return Number(process.hrtime.bigint() - started) / 1e9;
}

let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
let sink = 0;

const cases: Record<string, () => void> = {
	'lib assignHoldout (md5, with SRM check)': () => {
		sink += assignHoldout(units, plan).counts[0];
	},
	'lib assignHoldout (growthbook, with SRM check)': () => {
		sink += assignHoldout(units, growthbookPlan).counts[0];
	},
	'lib bucketer md5': () => {
		const bucket = bucketer('bench-campaign', 'md5');
		for (const key of keys) sink += bucket(key);
	},
	'lib bucketer growthbook': () => {
		const bucket = bucketer('bench-campaign', 'growthbook');
		for (const key of keys) sink += bucket(key);
	},
	'baseline node:crypto createHash md5': () => {
		for (const key of keys) sink += createHash('md5').update(`bench-campaign:${key}`).digest().readUInt32BE(0) % 10000;
	},
};

const results: Record<string, number> = {};
for (const [name, fn] of Object.entries(cases)) {
	fn(); // warm-up
	const seconds: number[] = [];
	for (let r = 0; r < runs; r++) {
		seconds.push(time(fn));
		sample();
	}
	results[name] = median(seconds);
	console.log(
		JSON.stringify({
			bench: 'holdout',
			case: name,
			keys: keyCount,
			runs,
			median_seconds: Number(results[name].toFixed(4)),
			keys_per_second: Math.round(keyCount / results[name]),
		}),
	);
}
const baseline = results['baseline node:crypto createHash md5'];
console.log(
	JSON.stringify({
		bench: 'holdout',
		summary: true,
		assign_keys_per_second: Math.round(keyCount / results['lib assignHoldout (md5, with SRM check)']),
		assign_growthbook_keys_per_second: Math.round(keyCount / results['lib assignHoldout (growthbook, with SRM check)']),
		goal_keys_per_second: 2_000_000,
		speedup_md5_vs_node_crypto: Number((baseline / results['lib bucketer md5']).toFixed(2)),
		peak_rss_mb: Math.round(peakRss / 2 ** 20),
		// Wall times on a shared 2-core machine move with its load; the node:crypto ratio less so.
		load_average_1m: Number(loadavg()[0].toFixed(2)),
		checksum: sink % 1000,
	}),
);
