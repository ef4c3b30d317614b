// lib/stats/distributions.ts against scipy.stats, deep into the tails (fixtures written by
// bench/lift-reference.py with /usr/bin/python3: `npm run fixtures:lift`).
import fixtures from '../../fixtures/lift/distributions.json';
import { chiSquareSf, normCdf, normPpf, normSf, studentTCdf, studentTPpf, studentTSf } from '../../../lib/stats/distributions';

// Relative error; near zero (scipy's t.ppf(0.5) is 6.6e-17, not 0) an absolute 1e-15 is enough.
function relativeError(actual: number, expected: number): number {
	if (actual === expected || Math.abs(actual - expected) < 1e-15) return 0;
	return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

function check(name: string, rows: number[][], f: (...args: number[]) => number, tolerance: number) {
	const failures = rows
		.map((row) => ({ args: row.slice(0, -1), expected: row[row.length - 1] }))
		.map(({ args, expected }) => ({ args, expected, actual: f(...args) }))
		.filter(({ actual, expected }) => !(relativeError(actual, expected) <= tolerance));
	if (failures.length > 0) throw new Error(`${name}: ${failures.length} of ${rows.length} off, e.g. ${JSON.stringify(failures.slice(0, 3))}`);
}

describe('distributions equal scipy.stats', () => {
	it('normal cdf, sf and ppf', () => {
		check('normCdf', fixtures.normCdf, normCdf, 1e-12);
		check('normSf', fixtures.normSf, normSf, 1e-12);
		check('normPpf', fixtures.normPpf, normPpf, 1e-12);
	});

	it('Student t cdf, sf and ppf with fractional degrees of freedom', () => {
		check('studentTCdf', fixtures.tCdf, studentTCdf, 1e-10);
		check('studentTSf', fixtures.tSf, studentTSf, 1e-10);
		// @stdlib's t quantile is good to about 2e-9 relative (its incomplete-beta inverse).
		check('studentTPpf', fixtures.tPpf, studentTPpf, 1e-8);
	});

	it('chi-square survival function', () => {
		check('chiSquareSf', fixtures.chiSquareSf, chiSquareSf, 1e-10);
	});
});
