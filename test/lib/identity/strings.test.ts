import { jaro, jaroWinkler, levenshtein, tokenJaccard } from '../../../lib/identity';

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
	it('computes token Jaccard', () => {
		expect(tokenJaccard('12 main st', 'main st 12')).toBe(1);
		expect(tokenJaccard('12 main st', '14 main rd')).toBeCloseTo(1 / 5, 10);
		expect(tokenJaccard('', 'a')).toBe(0);
	});
});
