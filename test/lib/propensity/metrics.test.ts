import fc from 'fast-check';
import { auc, brier, calibrationTable, compareAuc, decileTable, evaluate, logLoss, rng } from '../../../lib/propensity';

function bruteAuc(y: number[], s: number[]): number {
	let wins = 0;
	let pairs = 0;
	for (let i = 0; i < y.length; i++)
		for (let j = 0; j < y.length; j++)
			if (y[i] === 1 && y[j] === 0) {
				pairs++;
				wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
			}
	return wins / pairs;
}

describe('metrics', () => {
	it('AUC equals the pairwise concordance, ties counted half', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 60 }), (rows) => {
				const y = rows.map((r) => r[0]);
				const s = rows.map((r) => r[1] / 5);
				const positives = y.filter((v) => v === 1).length;
				if (positives === 0 || positives === y.length) return Number.isNaN(auc(y, s));
				return Math.abs(auc(y, s) - bruteAuc(y, s)) < 1e-12;
			}),
		);
	});

	it('log loss and Brier score by their definitions', () => {
		expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
		expect(brier([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
	});

	it('decile table: counts, responders, lift and cumulative gains add up', () => {
		const random = rng(4);
		const s = Array.from({ length: 1003 }, () => random());
		const y: number[] = s.map((p) => (random() < p ? 1 : 0));
		const table = decileTable(y, s);
		const total = y.reduce((a, b) => a + b, 0);
		expect(table).toHaveLength(10);
		expect(table.reduce((a, r) => a + r.count, 0)).toBe(1003);
		expect(table.reduce((a, r) => a + r.responders, 0)).toBe(total);
		expect(table[9].cumulativeGains).toBeCloseTo(1, 12);
		expect(table[9].cumulativeLift).toBeCloseTo(1, 12);
		for (let d = 1; d < 10; d++) expect(table[d].maxScore).toBeLessThanOrEqual(table[d - 1].minScore);
		expect(table[0].lift).toBeCloseTo(table[0].responders / table[0].count / (total / 1003), 12);
		expect(table[0].lift).toBeGreaterThan(1.5);
	});

	it('calibration: a calibrated score has small gaps, a shifted one a large gap', () => {
		const random = rng(8);
		const p = Array.from({ length: 20000 }, () => random());
		const y: number[] = p.map((v) => (random() < v ? 1 : 0));
		const good = calibrationTable(y, p);
		expect(good).toHaveLength(10);
		expect(Math.max(...good.map((b) => Math.abs(b.gap)))).toBeLessThan(0.03);
		const shifted = evaluate(y, p.map((v) => v / 2));
		expect(shifted.calibrationMaxGap).toBeGreaterThan(0.3);
		expect(calibrationTable(y, p, 10, 'uniform').every((b) => b.meanPredicted >= (b.bin - 1) / 10 && b.meanPredicted <= b.bin / 10)).toBe(true);
	});

	it('DeLong: identical scores do not differ; a better score wins significantly', () => {
		const random = rng(12);
		const truth = Array.from({ length: 3000 }, () => random());
		const y: number[] = truth.map((v) => (random() < v ? 1 : 0));
		const noisy = truth.map((v) => v + (random() - 0.5) * 1.5);
		const same = compareAuc(y, truth, truth);
		expect(same.difference).toBe(0);
		expect(same.pValue).toBe(1);
		const test = compareAuc(y, noisy, truth);
		expect(test.aucA).toBeCloseTo(auc(y, noisy), 12);
		expect(test.aucB).toBeCloseTo(auc(y, truth), 12);
		expect(test.difference).toBeGreaterThan(0);
		expect(test.pValue).toBeLessThan(0.001);
	});
});
