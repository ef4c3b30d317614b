import fc from 'fast-check';
import { jaro, jaroWinkler, levenshtein, tokenJaccard } from '../../../lib/identity';

/** The textbook full-matrix distance, to check the banded one against. */
function plainLevenshtein(a: string, b: string): number {
	const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
	}
	return d[a.length][b.length];
}

describe('string similarity', () => {
	it('matches the published Jaro-Winkler vectors', () => {
		expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
		expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
		expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
		expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
	});
	it('handles empty and identical strings and is symmetric', () => {
		expect(jaroWinkler('', '')).toBe(0);
		expect(jaroWinkler('abc', '')).toBe(0);
		expect(jaroWinkler('same', 'same')).toBe(1);
		expect(jaroWinkler('abc', 'xyz')).toBe(0);
		expect(jaroWinkler('crate', 'trace')).toBeCloseTo(jaroWinkler('trace', 'crate'), 12);
	});
	it('computes bounded Levenshtein distances', () => {
		expect(levenshtein('kitten', 'sitting')).toBe(3);
		expect(levenshtein('kitten', 'sitting', 1)).toBe(2);
		expect(levenshtein('', 'abc')).toBe(3);
		expect(levenshtein('flaw', 'lawn')).toBe(2);
		expect(levenshtein('a', 'a')).toBe(0);
	});
	it('gives the full-matrix distance, capped at max + 1, for any strings and bound', () => {
		const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '@', '.'), maxLength: 14 });
		fc.assert(
			fc.property(text, text, fc.constantFrom(0, 1, 2, 3, Infinity), (a, b, max) => {
				const exact = plainLevenshtein(a, b);
				return levenshtein(a, b, max) === (exact > max ? max + 1 : exact);
			}),
			{ numRuns: 3000 },
		);
	});
	it('computes token Jaccard', () => {
		expect(tokenJaccard('12 main st', 'main st 12')).toBe(1);
		expect(tokenJaccard('12 main st', '14 main rd')).toBeCloseTo(1 / 5, 10);
		expect(tokenJaccard('', 'a')).toBe(0);
	});
});
