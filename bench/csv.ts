// A small CSV reader for benchmarks and evaluations (RFC 4180 quoting; any one-character separator).
import fs from 'node:fs';
import zlib from 'node:zlib';

export function readText(file: string): string {
	const buffer = fs.readFileSync(file);
	return (file.endsWith('.gz') ? zlib.gunzipSync(buffer) : buffer).toString('utf8');
}

export function parseCsvLine(line: string, separator = ','): string[] {
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"') {
				if (line[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === separator) {
			cells.push(cell);
			cell = '';
		} else cell += c;
	}
	cells.push(cell);
	return cells;
}

/** Rows as objects keyed by the header (no embedded newlines in quoted cells). */
export function readCsv(file: string, separator = ','): Array<Record<string, string>> {
	const lines = readText(file).split(/\r?\n/).filter((line) => line.length > 0);
	const header = parseCsvLine(lines[0], separator);
	return lines.slice(1).map((line) => {
		const cells = parseCsvLine(line, separator);
		return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
	});
}
