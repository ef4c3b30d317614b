// bench:io — reading a transactions file in File mode: memory and time of lib/io's reader (every
// column, and only the mapped ones), beside a plain baseline that keeps a string per cell in
// column arrays (what the reader did before it interned repeated values). Each mode runs in its
// own process; peak heap is sampled while it reads.
// Usage: npx tsx bench/io.ts [-- --customers 100000]   (10 orders a customer on average)
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';

const { pipelineFiles } = require('./pipeline-data.js') as { pipelineFiles: (customers: number, write: (name: string, text: string) => void) => void };

const arg = (name: string, fallback: number): number => {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

async function child(mode: string, file: string): Promise<void> {
	let peakHeap = 0;
	const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
	const timer = setInterval(sample, 25);
	const started = process.hrtime.bigint();
	let rows = 0;
	let keep: unknown;
	if (mode === 'baseline: a string per cell') {
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
		const columns = mode === 'reader, mapped columns' ? columnsFor(['customerId', 'date', 'amount']) : undefined;
		const { table } = await readTable(createReadStream(file) as AsyncIterable<Uint8Array>, { columns });
		rows = table.rowCount;
		keep = table;
	}
	sample();
	clearInterval(timer);
	global.gc?.();
	const retained = process.memoryUsage().heapUsed;
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	console.log(JSON.stringify({ mode, rows, seconds: Math.round(seconds * 100) / 100, peak_heap_mb: Math.round(peakHeap / 2 ** 20), retained_heap_mb: Math.round(retained / 2 ** 20), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), kept: keep !== undefined }));
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
	const results: Array<{ mode: string; seconds: number; peak_heap_mb: number; retained_heap_mb: number }> = [];
	for (const mode of ['baseline: a string per cell', 'reader, every column', 'reader, mapped columns']) {
		const output = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', __filename], {
			env: { ...process.env, BENCH_IO_MODE: mode, BENCH_IO_FILE: file },
			encoding: 'utf8',
			maxBuffer: 1 << 20,
		});
		process.stdout.write(output);
		results.push(JSON.parse(output.trim().split('\n').pop() as string));
	}
	const [base, ...rest] = results;
	for (const r of rest) console.log(JSON.stringify({ mode: r.mode, time_ratio_to_baseline: Math.round((r.seconds / base.seconds) * 100) / 100, retained_heap_ratio_to_baseline: Math.round((r.retained_heap_mb / base.retained_heap_mb) * 100) / 100 }));
}

void main();
