// UCI Bank Marketing loaders for the propensity eval and bench (columns of raw values).
import path from 'node:path';
import { parseCsvLine, readText } from './csv';
import type { Columns } from '../lib/propensity';

export const DATASETS = path.resolve(__dirname, '..', '..', 'shared', 'datasets', 'propensity');

export interface BankData {
	columns: Columns;
	y: Float64Array;
	n: number;
	features: string[];
	file: string;
}

/** Numeric cells become numbers, the rest stay strings; `y` is 1 for "yes". */
export function loadBank(name: string, drop: string[] = ['duration']): BankData {
	const file = path.join(DATASETS, name);
	const lines = readText(file).split(/\r?\n/).filter((l) => l.length > 0);
	const header = parseCsvLine(lines[0], ';');
	const n = lines.length - 1;
	const raw: string[][] = header.map(() => new Array<string>(n));
	for (let i = 0; i < n; i++) {
		const cells = parseCsvLine(lines[i + 1], ';');
		for (let j = 0; j < header.length; j++) raw[j][i] = cells[j];
	}
	const columns: Columns = {};
	header.forEach((name, j) => {
		const numeric = raw[j].every((v) => v !== '' && Number.isFinite(Number(v)));
		columns[name] = numeric ? raw[j].map(Number) : raw[j];
	});
	const target = columns.y as string[];
	const y = Float64Array.from(target, (v) => (v === 'yes' ? 1 : 0));
	const features = header.filter((h) => h !== 'y' && !drop.includes(h));
	return { columns, y, n, features, file };
}
