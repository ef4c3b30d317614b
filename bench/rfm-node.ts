// The Compute RFM node's execute() on 1,000,000 transaction items in-process (the same code n8n
// runs), to show it handles that many items: time, peak memory, and memory held per input item.
// Run: npx tsx bench/rfm-node.ts [-- --items 1000000 --customers 100000]
import fs from 'node:fs';
import os from 'node:os';
import type { IDataObject } from 'n8n-workflow';
import { seededRandom } from '../lib/rfm';
// The .js suffix: without it tsx picks ComputeRfm.node.json (the codex) over the .ts file.
import { ComputeRfm } from '../nodes/ComputeRfm/ComputeRfm.node.js';
import { executeNode } from '../test/helpers/executeNode';

function arg(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const itemCount = arg('items', 1_000_000);
const customerCount = arg('customers', 100_000);
const DAY = 86_400_000;

function peakRssMb(): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
	return match ? Math.round(Number(match[1]) / 1024) : -1;
}

const random = seededRandom(7);
const start = Date.UTC(2024, 0, 1);
const items: IDataObject[] = new Array(itemCount);
for (let i = 0; i < itemCount; i++) {
	const c = Math.floor(Math.pow(random(), 1.5) * customerCount);
	items[i] = {
		customerId: `C${c}`,
		orderId: `O${i >> 1}`,
		date: new Date(start + Math.floor(random() * 730 * DAY)).toISOString(),
		amount: Math.round(random() * 20000) / 100,
		email: `c${c}@example.com`,
	};
}
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = peakRssMb();
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
executeNode(new ComputeRfm(), { parameters: { options: { kmeans: true } }, inputs: [items] }).then(({ outputs }) => {
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const cpu = process.cpuUsage(cpuStarted);
	const heapAfter = process.memoryUsage().heapUsed;
	const [customers, [summary]] = outputs;
	// The input items are untouched: the node reads fields by reference and never copies item JSON.
	console.log(
		JSON.stringify({
			bench: 'rfm-node',
			items: itemCount,
			customers: customers.length,
			orders: summary.json.orders,
			seconds: Number(seconds.toFixed(3)),
			cpu_seconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
			load_average: os.loadavg().map((v) => Number(v.toFixed(2))),
			peak_rss_mb: peakRssMb(),
			peak_rss_before_execute_mb: rssBefore,
			heap_growth_mb: Math.round((heapAfter - heapBefore) / 2 ** 20),
			heap_growth_bytes_per_item: Math.round((heapAfter - heapBefore) / itemCount),
		}),
	);
});
