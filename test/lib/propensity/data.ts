// Test data: the bank-2000 fixture as columns, and seeded synthetic data with known structure.
import fs from 'node:fs';
import path from 'node:path';
import { rng, type Columns } from '../../../lib/propensity';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'propensity');

export function bankColumns(): { columns: Columns; features: string[] } {
	const lines = fs.readFileSync(path.join(FIXTURES, 'bank-2000.csv'), 'utf8').split(/\r?\n/).filter((l) => l);
	const header = lines[0].split(';').map((h) => h.replace(/"/g, ''));
	const rows = lines.slice(1).map((l) => l.split(';').map((c) => c.replace(/"/g, '')));
	const columns: Columns = {};
	header.forEach((h, j) => {
		const raw = rows.map((r) => r[j]);
		columns[h] = raw.every((v) => v !== '' && Number.isFinite(Number(v))) ? raw.map(Number) : raw;
	});
	return { columns, features: header.filter((h) => h !== 'y' && h !== 'duration') };
}

/** n rows: x1 ~ N(0,1) (strong), x2 ~ U(0,10) (weak), a 3-level category, a boolean, outcome by a known logit. */
export function synthetic(n: number, seed = 1, shift = 0): { columns: Columns; y: number[] } {
	const random = rng(seed);
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const x1: number[] = [];
	const x2: number[] = [];
	const region: string[] = [];
	const member: boolean[] = [];
	const y: number[] = [];
	for (let i = 0; i < n; i++) {
		const a = normal() + shift;
		const b = random() * 10;
		const r = random();
		const reg = r < 0.5 ? 'north' : r < 0.8 ? 'south' : 'west';
		const m = random() < 0.3;
		const eta = -1.5 + 1.2 * a + 0.05 * b + (reg === 'west' ? 0.8 : reg === 'south' ? -0.4 : 0) + (m ? 0.6 : 0);
		x1.push(a);
		x2.push(b);
		region.push(reg);
		member.push(m);
		y.push(random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
	}
	return { columns: { x1, x2, region, member, y }, y };
}
