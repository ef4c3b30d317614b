import fc from 'fast-check';
import { computeRfm } from '../../../lib/rfm/compute';
import { checkCutPoints, cutPointScores, quintileScores, roundToMinorUnit } from '../../../lib/rfm/scores';
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

describe('monetary at the minor unit', () => {
	// 40 customers below, 24 at 129.98 and 36 above. 22 of the 24 paid 129.98 in one line; 2 paid
	// 0.10 + 0.20 + 129.68 in one order, which sums to 129.98000000000002 in floating point.
	function spends() {
		const customerId: string[] = [];
		const orderId: string[] = [];
		const amount: number[] = [];
		const add = (customer: string, lines: number[]) => lines.forEach((a) => (customerId.push(customer), orderId.push(`o-${customer}`), amount.push(a)));
		for (let i = 0; i < 40; i++) add(`low-${i}`, [50 + i]);
		for (let i = 0; i < 22; i++) add(`one-line-${i}`, [129.98]);
		for (let i = 0; i < 2; i++) add(`three-lines-${i}`, [0.1, 0.2, 129.68]);
		for (let i = 0; i < 36; i++) add(`high-${i}`, [200 + i]);
		return { customerId, orderId, amount, timestamp: amount.map(() => '2024-03-01') };
	}

	it('gives 129.98 and 129.98000000000002 the same M score (22 vs 2 customers)', () => {
		const columns = spends();
		const result = computeRfm(columns, { asOf: '2024-03-02' });
		const at12998 = result.features.customerIds.flatMap((id, c) => (String(id).includes('line') ? [c] : []));
		expect(at12998).toHaveLength(24);
		expect(new Set(at12998.map((c) => result.features.monetaryTotal[c] === 129.98))).toEqual(new Set([true, false]));
		expect(new Set(at12998.map((c) => result.mScore[c]))).toEqual(new Set([3]));
		expect(new Set(at12998.map((c) => result.segment[c])).size).toBe(1);
	});

	it('rounds to the currency given: 3 decimals keep 1.234 and 1.235 apart, 2 tie them, 0 for yen', () => {
		expect(Array.from(roundToMinorUnit([1.234, 1.235, NaN], 3))).toEqual([1.234, 1.235, NaN]);
		expect(Array.from(roundToMinorUnit([1.234, 1.2349999], 2))).toEqual([1.23, 1.23]);
		expect(Array.from(roundToMinorUnit([1200.4, 1199.6000000001], 0))).toEqual([1200, 1200]);
		expect(() => roundToMinorUnit([1], 1.5)).toThrow(/whole number/);
		const kwd = computeRfm({ customerId: ['a', 'b'], timestamp: ['2024-01-01', '2024-01-01'], amount: [1.234, 1.235] }, { currencyDecimals: 3 });
		expect(Array.from(kwd.mScore)).toEqual([1, 3]);
	});

	it('equal amounts after rounding share a score whatever the order and summation (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 50 }),
				fc.integer({ min: 0, max: 1000 }),
				(customers, rotation) => {
					// A customer's spend: whole cents (a few distinct levels, so ties are common) summed
					// from order lines in cents divided by 100, as a cart would, in a customer-specific order.
					const cents = customers.map(([level]) => 1000 + level * 37);
					const values = customers.map(([level, parts], i) => {
						const lines = parts.map((p) => p / 100);
						const rest = (cents[i] - parts.reduce((a, b) => a + b, 0)) / 100;
						const all = level % 2 ? [...lines, rest] : [rest, ...lines.reverse()];
						return all.reduce((a, b) => a + b, 0);
					});
					const scores = quintileScores(roundToMinorUnit(values), true);
					const shift = rotation % values.length;
					const rotated = [...values.slice(shift), ...values.slice(0, shift)];
					const rotatedScores = quintileScores(roundToMinorUnit(rotated), true);
					values.forEach((_, i) => {
						expect(rotatedScores[(i - shift + values.length) % values.length]).toBe(scores[i]);
						values.forEach((__, j) => {
							if (cents[i] === cents[j]) expect(scores[j]).toBe(scores[i]);
						});
					});
				},
			),
		);
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
