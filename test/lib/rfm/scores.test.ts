import fc from 'fast-check';
import { computeRfm } from '../../../lib/rfm/compute';
import { checkCutPoints, cutPointScores, quintileScores } from '../../../lib/rfm/scores';
import { SEGMENT_GRID, SEGMENTS, segmentOf } from '../../../lib/rfm/segments';

describe('quintile scores', () => {
	it('splits distinct values into equal fifths, recency reversed', () => {
		const values = Array.from({ length: 10 }, (_, i) => i + 1);
		expect(Array.from(quintileScores(values, true))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
		expect(Array.from(quintileScores(values, false))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
	});

	it('gives tied values the same score whatever their order', () => {
		// 6 customers bought once, 4 more often: all one-time buyers share the lowest score.
		const values = [1, 1, 3, 1, 1, 2, 1, 5, 1, 4];
		const scores = quintileScores(values, true);
		const ones = values.map((v, i) => (v === 1 ? scores[i] : -1)).filter((s) => s >= 0);
		expect(new Set(ones)).toEqual(new Set([1]));
		expect(Array.from(scores)).toEqual([1, 1, 4, 1, 1, 4, 1, 5, 1, 5]);
	});

	it('scores in 1..5, ties equal, order-independent (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 60 }), fc.boolean(), (values, higher) => {
				const scores = quintileScores(values, higher);
				const reversed = quintileScores([...values].reverse(), higher);
				values.forEach((v, i) => {
					expect(scores[i]).toBeGreaterThanOrEqual(1);
					expect(scores[i]).toBeLessThanOrEqual(5);
					expect(reversed[values.length - 1 - i]).toBe(scores[i]);
					values.forEach((w, j) => {
						if (v === w) expect(scores[j]).toBe(scores[i]);
						if ((higher && v < w) || (!higher && v > w)) expect(scores[i]).toBeLessThanOrEqual(scores[j]);
					});
				});
			}),
		);
	});

	it('equals the documented rule 1 + floor(5 x strictly worse / scored) (property, with NaN)', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 8 }), fc.constant(NaN)), { maxLength: 60 }), fc.boolean(), (values, higher) => {
				const scored = values.filter((v) => !Number.isNaN(v));
				const expected = values.map((v) =>
					Number.isNaN(v) ? 0 : 1 + Math.floor((5 * scored.filter((w) => (higher ? w < v : w > v)).length) / scored.length),
				);
				expect(Array.from(quintileScores(values, higher))).toEqual(expected);
			}),
		);
	});

	it('scores a lone customer 1 (no one is worse) and leaves NaN at 0', () => {
		expect(Array.from(quintileScores([42], true))).toEqual([1]);
		expect(Array.from(quintileScores([NaN, 3], false))).toEqual([0, 1]);
	});

	it('uses user-given cut points', () => {
		const cuts = checkCutPoints([30, 90, 180, 365], 'recency');
		expect(Array.from(cutPointScores([0, 30, 31, 90, 200, 365, 366], cuts, false))).toEqual([5, 5, 4, 4, 2, 2, 1]);
		expect(Array.from(cutPointScores([1, 2, 5, 10], checkCutPoints([2, 3, 5, 10], 'f'), true))).toEqual([1, 2, 4, 5]);
		expect(() => checkCutPoints([1, 2, 2, 3], 'f')).toThrow(/ascending/);
		expect(() => checkCutPoints([1, 2, 3], 'f')).toThrow(/4 numbers/);
	});
});

describe('named segments', () => {
	it('covers all 25 R x FM cells with the 11 names', () => {
		const used = new Set(SEGMENT_GRID.flat());
		expect([...used].sort()).toEqual([...SEGMENTS].sort());
		expect(segmentOf(5, 5, 5)).toBe('Champions');
		expect(segmentOf(1, 1, 1)).toBe('Lost');
		expect(segmentOf(5, 1, 1)).toBe('New');
		expect(segmentOf(1, 5, 4)).toBe("Can't Lose Them");
		expect(segmentOf(3, 3, 2)).toBe('Need Attention'); // FM = ceil(2.5) = 3
		expect(segmentOf(0, 0, 0)).toBe('No Purchases');
	});
});

describe('computeRfm', () => {
	it('scores a single customer and puts customers without purchases aside', () => {
		const result = computeRfm({ customerId: ['a', 'b'], timestamp: ['2024-01-01', '2024-01-02'], amount: [10, -5] });
		expect(Array.from(result.rScore)).toEqual([1, 0]);
		expect(result.segment).toEqual(['Lost', 'No Purchases']);
		const summary = Object.fromEntries(result.segments.map((s) => [s.segment, s]));
		expect(summary.Lost.customers).toBe(1);
		expect(summary['No Purchases'].customers).toBe(1);
		expect(summary.Lost.revenueShare).toBe(2); // 10 of net 5: returns make shares exceed 1
	});

	it('handles empty input', () => {
		const result = computeRfm({ customerId: [], timestamp: [], amount: [] });
		expect(result.segment).toEqual([]);
		expect(result.segments.every((s) => s.customers === 0)).toBe(true);
	});

	it('applies cut points per dimension', () => {
		const result = computeRfm(
			{ customerId: ['a', 'b'], timestamp: ['2024-01-01', '2024-03-01'], amount: [500, 5] },
			{ cutPoints: { recency: [7, 30, 60, 90], frequency: [2, 3, 4, 5], monetary: [10, 50, 100, 400] } },
		);
		expect(Array.from(result.rScore)).toEqual([2, 5]);
		expect(Array.from(result.fScore)).toEqual([1, 1]);
		expect(Array.from(result.mScore)).toEqual([5, 1]);
	});
});
