// lib/rfm versus pandas (groupby + rank + qcut) on synthetic transactions, in the same run.
// Run: npm run bench:rfm [-- --transactions 10000000 --customers 1000000 --runs 3]
// Like for like: both timed blocks start from in-memory columns (string customer IDs, epoch-ms
// timestamps as float64, amounts as float64) and end with per-customer R, F, M and 1-5 scores. Neither
// includes data generation, file I/O or date parsing (the timestamps are numbers on both sides; the
// lib additionally computes segments and their summary). Each side is timed over --runs runs; the
// medians of wall seconds and of process CPU seconds (process.cpuUsage / time.process_time) are
// printed, with the load average, since the machine is shared and wall time alone is noisy.
// Prints JSON Lines; the ratio lib / pandas (goal <= 1.0) is given for wall and for CPU seconds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeRfm, seededRandom } from '../lib/rfm';

function arg(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const transactions = arg('transactions', 10_000_000);
const customerCount = arg('customers', 1_000_000);
const runs = arg('runs', 3);
const DAY = 86_400_000;

// Synthetic data: skewed customer activity, two years of dates, lognormal-ish amounts, 2% returns.
const random = seededRandom(42);
const customerIndex = new Int32Array(transactions);
const timestamp = new Float64Array(transactions);
const amount = new Float64Array(transactions);
const start = Date.UTC(2024, 0, 1);
for (let i = 0; i < transactions; i++) {
	customerIndex[i] = Math.floor(Math.pow(random(), 1.5) * customerCount);
	timestamp[i] = start + Math.floor(random() * 730 * DAY);
	const value = Math.round(Math.exp(3 + random() * 1.5 + random()) * 100) / 100;
	amount[i] = random() < 0.02 ? -value : value;
}
const ids = Array.from({ length: customerCount }, (_, i) => `C${i}`);
const customerId = new Array<string>(transactions);
for (let i = 0; i < transactions; i++) customerId[i] = ids[customerIndex[i]];

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rfm-bench-'));
fs.writeFileSync(path.join(folder, 'customer.i32'), Buffer.from(customerIndex.buffer));
fs.writeFileSync(path.join(folder, 'timestamp.f64'), Buffer.from(timestamp.buffer));
fs.writeFileSync(path.join(folder, 'amount.f64'), Buffer.from(amount.buffer));

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function peakRssMb(): number {
	const status = fs.readFileSync('/proc/self/status', 'utf8');
	const match = /VmHWM:\s+(\d+) kB/.exec(status);
	return match ? Math.round(Number(match[1]) / 1024) : Math.round(process.memoryUsage().rss / 2 ** 20);
}

const loadAverage = () => os.loadavg().map((v) => Number(v.toFixed(2)));
const baselineRss = peakRssMb();
function timeLib(ids: ArrayLike<unknown>, idKind: string) {
	const loadBefore = loadAverage();
	const seconds: number[] = [];
	const cpuSeconds: number[] = [];
	let result: ReturnType<typeof computeRfm> | undefined;
	for (let r = 0; r < runs; r++) {
		result = undefined;
		const started = process.hrtime.bigint();
		const cpuStarted = process.cpuUsage();
		result = computeRfm({ customerId: ids, timestamp, amount });
		const cpu = process.cpuUsage(cpuStarted);
		seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
		cpuSeconds.push((cpu.user + cpu.system) / 1e6);
	}
	const features = result!.features;
	let frequencySum = 0;
	let recencySum = 0;
	let monetarySum = 0;
	for (let c = 0; c < features.customerIds.length; c++) {
		frequencySum += features.frequency[c];
		if (features.frequency[c] > 0) recencySum += features.recencyDays[c];
		monetarySum += features.monetaryTotal[c];
	}
	const record = {
		bench: 'rfm',
		case: `lib computeRfm (${idKind} IDs; features + quintile scores + segments)`,
		transactions,
		customers: features.customerIds.length,
		runs,
		timed: `computeRfm(columns) on in-memory columns: ${idKind} IDs, Float64Array epoch ms, Float64Array amounts; no generation, I/O or date parsing`,
		median_seconds: Number(median(seconds).toFixed(3)),
		median_cpu_seconds: Number(median(cpuSeconds).toFixed(3)),
		wall_seconds: seconds.map((v) => Number(v.toFixed(3))),
		cpu_seconds: cpuSeconds.map((v) => Number(v.toFixed(3))),
		load_average_before: loadBefore,
		load_average_after: loadAverage(),
		frequency_sum: frequencySum,
		recency_sum: recencySum,
		monetary_sum: Number(monetarySum.toFixed(2)),
		peak_rss_mb: peakRssMb(),
		rss_before_runs_mb: baselineRss,
	};
	console.log(JSON.stringify(record));
	return { ...record, monetarySumExact: monetarySum };
}

const libLoadBefore = loadAverage();
const lib = timeLib(customerId, 'string');
const monetarySum = lib.monetarySumExact;
// Like for like with "pandas (integer IDs)": the same rows with the int32 customer codes as IDs.
const libIntegers = timeLib(customerIndex, 'integer');

const pandasLoadBefore = loadAverage();
const python = spawnSync('/usr/bin/python3', [path.join(__dirname, 'rfm.py'), folder, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
fs.rmSync(folder, { recursive: true, force: true });
if (python.status !== 0) {
	console.log(JSON.stringify({ bench: 'rfm', error: 'pandas run failed', stderr: python.stderr.slice(-2000) }));
	process.exit(1);
}
const reference = JSON.parse(python.stdout.trim().split('\n').pop()!) as {
	results: Record<string, { median_seconds: number; median_cpu_seconds: number; wall_seconds: number[]; cpu_seconds: number[]; customers: number; frequency_sum: number; recency_sum: number; monetary_sum: number }>;
	peak_rss_mb: number;
	timed: string;
};
for (const [name, r] of Object.entries(reference.results)) {
	console.log(
		JSON.stringify({
			bench: 'rfm',
			case: name,
			transactions,
			customers: r.customers,
			runs,
			timed: reference.timed,
			median_seconds: Number(r.median_seconds.toFixed(3)),
			median_cpu_seconds: Number(r.median_cpu_seconds.toFixed(3)),
			wall_seconds: r.wall_seconds.map((v) => Number(v.toFixed(3))),
			cpu_seconds: r.cpu_seconds.map((v) => Number(v.toFixed(3))),
			same_aggregates_as_lib:
				r.customers === lib.customers && r.frequency_sum === lib.frequency_sum && r.recency_sum === lib.recency_sum && Math.abs(r.monetary_sum - monetarySum) < 1e-6 * Math.abs(monetarySum),
		}),
	);
}
const pandasStrings = reference.results['pandas (string IDs)'];
const strings = pandasStrings.median_seconds;
const integers = reference.results['pandas (integer IDs)'].median_seconds;
const integersCpu = reference.results['pandas (integer IDs)'].median_cpu_seconds;
console.log(
	JSON.stringify({
		bench: 'rfm',
		summary: true,
		transactions,
		customers: lib.customers,
		lib_median_seconds: lib.median_seconds,
		pandas_median_seconds: Number(strings.toFixed(3)),
		lib_median_cpu_seconds: lib.median_cpu_seconds,
		pandas_median_cpu_seconds: Number(pandasStrings.median_cpu_seconds.toFixed(3)),
		ratio_lib_over_pandas: Number((lib.median_seconds / strings).toFixed(3)),
		ratio_lib_over_pandas_cpu: Number((lib.median_cpu_seconds / pandasStrings.median_cpu_seconds).toFixed(3)),
		// Both sides again with the int32 customer codes as IDs (no string hashing on either side).
		lib_integer_ids_median_seconds: libIntegers.median_seconds,
		lib_integer_ids_median_cpu_seconds: libIntegers.median_cpu_seconds,
		pandas_integer_ids_median_seconds: Number(integers.toFixed(3)),
		pandas_integer_ids_median_cpu_seconds: Number(integersCpu.toFixed(3)),
		lib_integer_ids_same_aggregates: libIntegers.customers === lib.customers && libIntegers.frequency_sum === lib.frequency_sum && libIntegers.recency_sum === lib.recency_sum && libIntegers.monetary_sum === lib.monetary_sum,
		ratio_lib_over_pandas_integer_ids: Number((libIntegers.median_seconds / integers).toFixed(3)),
		ratio_lib_over_pandas_integer_ids_cpu: Number((libIntegers.median_cpu_seconds / integersCpu).toFixed(3)),
		goal_ratio: 1.0,
		lib_peak_rss_mb: lib.peak_rss_mb,
		pandas_peak_rss_mb: reference.peak_rss_mb,
		load_average_lib_runs: libLoadBefore,
		load_average_pandas_runs: pandasLoadBefore,
		load_average_end: loadAverage(),
	}),
);
