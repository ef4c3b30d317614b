// bench:io — reading a transactions file in File mode: memory and time of lib/io's reader (every
// column, and only the mapped ones), beside a plain baseline that keeps a string per cell in
// column arrays (what the reader did before it interned repeated values); and Compute RFM in File
// mode end to end (the node's execute(): read the mapped columns, compute, write the customers
// file), beside reading alone. The file is the flagship's orders file (bench/pipeline-data.js).
// Each mode runs in its own process with n8n's default heap (--max-old-space-size=4200); peak heap
// is sampled while it runs, peak RSS is the process's maxRSS (as /usr/bin/time -v reports it).
// Usage: npx tsx bench/io.ts [-- --customers 100000 --modes strings,all,mapped,rfm]   (10 orders a
// customer on average; run 1,000,000 customers, 10M rows, with nice)
// Compute RFM at 1M customers (10,006,001 rows, 337 MB), 2 shared cores, Node 20: before the orders
// were netted customer by customer it did not finish (stopped after 15 min, still computing; a V8
// dictionary object of 10M order IDs stalls past ~8.4M keys); after, 28.5 s and 1,840 MB peak RSS.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

const { pipelineFiles } = require('./pipeline-data.js') as { pipelineFiles: (customers: number, write: (name: string, text: string) => void) => void };

const arg = (name: string, fallback: number): number => {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

const MODES: Record<string, string> = {
	strings: 'baseline: a string per cell',
	all: 'reader, every column',
	mapped: 'reader, mapped columns',
	rfm: 'Compute RFM, file mode: read + compute + customers file',
};

/** Compute RFM's execute() as the flagship-at-scale template sets it (file in, file out), with the file streamed from disk in 1 MiB chunks as n8n's filesystem binary mode does. */
async function computeRfmFile(file: string): Promise<{ rows: number; customers: number; bytes: number }> {
	const { ComputeRfm } = await import('../nodes/ComputeRfm/ComputeRfm.node.js');
	const node = new ComputeRfm();
	const parameters: Record<string, unknown> = Object.fromEntries(node.description.properties.map((p) => [p.name, p.default]));
	Object.assign(parameters, {
		customerIdField: 'customerId',
		timestampField: 'date',
		amountField: 'amount',
		orderIdField: 'orderId',
		options: { asOf: '2025-01-01' },
		inputSource: 'file',
		outputTarget: 'file',
	});
	const lookup = (name: string) => name.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), parameters);
	let bytes = 0;
	const context = {
		getNode: () => ({ id: 'bench', name: 'Compute RFM', type: 'n8n-nodes-marketing-analytics.computeRfm', typeVersion: 1, position: [0, 0], parameters }),
		getInputData: () => [{ json: {}, binary: { data: { id: 'filesystem-v2:bench', data: 'filesystem-v2', mimeType: 'text/csv', fileName: 'transactions.csv' } }, pairedItem: { item: 0 } }],
		getNodeParameter: (name: string, _item: number, fallback?: unknown) => lookup(name) ?? fallback,
		continueOnFail: () => false,
		addExecutionHints: () => undefined,
		getExecutionCancelSignal: () => undefined,
		helpers: {
			getBinaryStream: async (_id: string, chunkSize: number) => createReadStream(file, { highWaterMark: chunkSize }),
			prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string) => {
				bytes = buffer.length;
				return { data: 'filesystem-v2', id: 'filesystem-v2:bench-out', fileName, mimeType, fileSize: String(buffer.length) };
			},
		},
		logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
	} as unknown as IExecuteFunctions;
	const outputs = (await node.execute.call(context)) as INodeExecutionData[][];
	const json = outputs[0][0].json;
	return { rows: Number(json.transactions), customers: Number(json.customers), bytes };
}

async function child(mode: string, file: string): Promise<void> {
	let peakHeap = 0;
	const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
	const timer = setInterval(sample, 25);
	const started = process.hrtime.bigint();
	let rows = 0;
	let keep: unknown;
	let extra: Record<string, number> = {};
	if (mode === MODES.rfm) {
		const result = await computeRfmFile(file);
		rows = result.rows;
		extra = { customers: result.customers, customers_file_bytes: result.bytes };
	} else if (mode === MODES.strings) {
		const { parse } = await import('csv-parse');
		const columns: string[][] = [];
		const parser = createReadStream(file).pipe(parse({ bom: true }));
		let header = true;
		for await (const record of parser as AsyncIterable<string[]>) {
			if (header) {
				for (let c = 0; c < record.length; c++) columns.push([]);
				header = false;
				continue;
			}
			for (let c = 0; c < record.length; c++) columns[c].push(record[c]);
			rows++;
		}
		keep = columns;
	} else {
		const { readTable, columnsFor } = await import('../lib/io');
		// The four columns Compute RFM maps in the flagship template.
		const columns = mode === MODES.mapped ? columnsFor(['customerId', 'orderId', 'date', 'amount']) : undefined;
		const { table } = await readTable(createReadStream(file) as AsyncIterable<Uint8Array>, { columns });
		rows = table.rowCount;
		keep = table;
	}
	sample();
	clearInterval(timer);
	global.gc?.();
	const retained = process.memoryUsage().heapUsed;
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	console.log(JSON.stringify({ mode, rows, seconds: Math.round(seconds * 100) / 100, peak_heap_mb: Math.round(peakHeap / 2 ** 20), retained_heap_mb: Math.round(retained / 2 ** 20), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra, kept: keep !== undefined || mode === MODES.rfm }));
}

async function main(): Promise<void> {
	const childMode = process.env.BENCH_IO_MODE;
	if (childMode) return child(childMode, process.env.BENCH_IO_FILE as string);
	const customers = arg('customers', 100_000);
	const dir = path.join(os.tmpdir(), 'bench-io');
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `transactions-${customers}.csv`);
	if (!existsSync(file)) {
		const out = createWriteStream(file);
		const pending: string[] = [];
		pipelineFiles(customers, (name, text) => {
			if (name === 'transactions.csv') pending.push(text);
		});
		for (const text of pending) if (!out.write(text)) await once(out, 'drain');
		out.end();
		await once(out, 'finish');
	}
	console.log(JSON.stringify({ file, megabytes: Math.round(statSync(file).size / 2 ** 20) }));
	const picked = (process.argv.includes('--modes') ? process.argv[process.argv.indexOf('--modes') + 1] : 'strings,all,mapped,rfm').split(',');
	const results: Array<{ mode: string; rows: number; seconds: number; peak_heap_mb: number; retained_heap_mb: number; peak_rss_mb: number }> = [];
	for (const mode of picked.map((name) => MODES[name])) {
		// n8n's default heap is about 4.2 GB.
		const output = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4200', '--import', 'tsx', __filename], {
			env: { ...process.env, BENCH_IO_MODE: mode, BENCH_IO_FILE: file },
			encoding: 'utf8',
			maxBuffer: 1 << 20,
		});
		process.stdout.write(output);
		results.push(JSON.parse(output.trim().split('\n').pop() as string));
	}
	const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
	const base = results.find((r) => r.mode === MODES.strings);
	for (const r of results) {
		if (!base || r === base || r.mode === MODES.rfm) continue;
		console.log(JSON.stringify({ mode: r.mode, time_ratio_to_baseline: ratio(r.seconds, base.seconds), retained_heap_ratio_to_baseline: ratio(r.retained_heap_mb, base.retained_heap_mb) }));
	}
	// Compute RFM end to end beside reading its columns alone (the part of it that is lib/io).
	const rfm = results.find((r) => r.mode === MODES.rfm);
	const read = results.find((r) => r.mode === MODES.mapped);
	if (rfm) {
		console.log(
			JSON.stringify({
				mode: rfm.mode,
				rows: rfm.rows,
				seconds: rfm.seconds,
				peak_rss_mb: rfm.peak_rss_mb,
				...(read ? { baseline: read.mode, baseline_seconds: read.seconds, baseline_peak_rss_mb: read.peak_rss_mb, time_ratio_to_baseline: ratio(rfm.seconds, read.seconds), peak_rss_ratio_to_baseline: ratio(rfm.peak_rss_mb, read.peak_rss_mb) } : {}),
				load_average: os.loadavg().map((v) => Math.round(v * 100) / 100),
			}),
		);
	}
}

void main();
