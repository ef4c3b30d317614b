import fc from 'fast-check';
import { computeFeatures, DAY_MS, parseAmount, parseTimestamp } from '../../../lib/rfm/features';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('computeFeatures', () => {
	it('computes recency, frequency, monetary, tenure and inter-purchase interval per customer', () => {
		const f = computeFeatures({
			customerId: ['a', 'a', 'b', 'a'],
			timestamp: ['2024-01-01', '2024-01-11T10:00:00Z', '2024-01-05', '2024-01-21'],
			amount: [10, 20, 5, '30.5'],
		});
		expect(f.customerIds).toEqual(['a', 'b']);
		expect(new Date(f.asOf).toISOString()).toBe('2024-01-22T00:00:00.000Z'); // day after the last transaction
		expect(Array.from(f.recencyDays)).toEqual([1, 17]);
		expect(Array.from(f.frequency)).toEqual([3, 1]);
		expect(Array.from(f.monetaryTotal)).toEqual([60.5, 5]);
		expect(f.monetaryAverage[0]).toBeCloseTo(60.5 / 3, 12);
		expect(Array.from(f.tenureDays)).toEqual([21, 17]);
		expect(f.meanInterpurchaseDays[0]).toBeCloseTo(10, 12);
		expect(f.meanInterpurchaseDays[1]).toBeNaN();
		expect(Array.from(f.rowCustomer)).toEqual([0, 0, 1, 0]);
		// CLV summary in days: 2 repeat days, first->last 20 days, first->asOf 21 days, repeat mean (20+30.5)/2.
		expect([f.repeatDays[0], f.recencySpanDays[0], f.ageDays[0], f.repeatMeanValue[0]]).toEqual([2, 20, 21, 25.25]);
		expect(f.report).toMatchObject({ rows: 4, validRows: 4, badRows: 0, orders: 4, customers: 2, revenue: 65.5 });
	});

	it('nets returns within the order; orders with net <= 0 do not count toward frequency', () => {
		const f = computeFeatures({
			customerId: ['a', 'a', 'a', 'a', 'a', 'a'],
			orderId: ['o1', 'o1', 'o2', 'o2', 'o3', 'o4'],
			timestamp: [day('2024-01-01'), day('2024-01-01'), day('2024-02-01'), day('2024-02-01'), day('2024-03-01'), day('2024-03-05')],
			amount: [50, -20, 40, -40, -15, 10],
			status: ['paid', 'paid', 'paid', 'paid', 'paid', 'cancelled'],
		});
		// o1 nets 30 (counts); o2 nets 0 (a full return: not counted); o3 is a return on its own order (-15: not counted, but reduces spend); o4 cancelled: left out.
		expect(f.frequency[0]).toBe(1);
		expect(f.monetaryTotal[0]).toBe(15);
		expect(f.recencyDays[0]).toBe(Math.round((day('2024-03-02') - day('2024-01-01')) / DAY_MS)); // last purchase is o1; asOf is the day after the last non-cancelled row
		expect(f.report).toMatchObject({ orders: 3, nonPositiveOrders: 2, cancelledRows: 1, validRows: 5 });
		expect(f.rowCustomer[5]).toBe(-1);
	});

	it('counts an order refunded line by line as no purchase, though its doubles net to 3.5e-15', () => {
		expect(10.1 + 9.89 - 19.99).toBeGreaterThan(0);
		const rows = { customerId: ['a', 'a', 'a', 'a', 'b'], orderId: ['o1', 'o1', 'o1', 'o2', 'o3'], amount: [10.1, 9.89, -19.99, 25, 0.004] };
		const timestamp = [day('2024-01-01'), day('2024-01-01'), day('2024-05-01'), day('2024-02-01'), day('2024-03-01')];
		const f = computeFeatures({ ...rows, timestamp });
		// a: o1 nets to nothing at 2 decimals, o2 is the one purchase; b: 0.004 rounds to 0.00, no purchase.
		expect(Array.from(f.frequency)).toEqual([1, 0]);
		expect(f.lastPurchase[0]).toBe(day('2024-02-01'));
		// At 3 decimals (KWD) 0.004 is a purchase.
		expect(Array.from(computeFeatures({ ...rows, timestamp }, { currencyDecimals: 3 }).frequency)).toEqual([1, 1]);
	});

	it('keeps orders of different customers apart when they share an order ID; rows without one are orders of their own', () => {
		const f = computeFeatures({
			customerId: ['a', 'b', 'a', 'b', 'c', 'a', 'a', 'c'],
			orderId: ['o1', 'o1', 'o1', 'o1', 'o1', '', null, 1],
			timestamp: ['2024-01-03', '2024-01-02', '2024-01-01', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08'],
			amount: [10, 20, 5, -25, 7, 1, 2, 3],
		});
		expect(f.customerIds).toEqual(['a', 'b', 'c']);
		// a: o1 (15, earliest row 01-01), two rows without an order ID; b: o1 nets to -5 (no purchase); c: o1 and order 1.
		expect(Array.from(f.frequency)).toEqual([3, 0, 2]);
		expect(Array.from(f.monetaryTotal)).toEqual([18, -5, 10]);
		expect(f.firstPurchase[0]).toBe(day('2024-01-01'));
		expect(f.report).toMatchObject({ orders: 6, nonPositiveOrders: 1 });
	});

	it('treats a return status as a negative amount', () => {
		const f = computeFeatures({
			customerId: ['a', 'a'],
			orderId: ['o1', 'o1'],
			timestamp: ['2024-01-01', '2024-01-02'],
			amount: [30, 10],
			status: ['completed', 'Refunded'],
		});
		expect(f.monetaryTotal[0]).toBe(20);
		expect(f.report.returnRows).toBe(1);
	});

	it('counts and reports bad rows with their reason, never silently dropping them', () => {
		const f = computeFeatures({
			customerId: ['a', '', null, 'b', 'c', 'd', 'e'],
			timestamp: ['2024-01-01', '2024-01-01', '2024-01-01', 'not a date', '2024-01-01', '2024-01-01', '20240230'],
			amount: [1, 2, 3, 4, 'abc', '1,000', 5],
		});
		expect(f.customerIds).toEqual(['a']);
		expect(f.report.badRows).toBe(6);
		expect(f.report.badByReason).toEqual({
			'missing customer ID (an empty string)': 1,
			'missing customer ID (null)': 1,
			'unparseable date (a string)': 2,
			'non-numeric amount (a string)': 2,
		});
		expect(f.report.badRowList.map((b) => [b.row, b.field])).toEqual([
			[1, 'customerId'],
			[2, 'customerId'],
			[3, 'timestamp'],
			[4, 'amount'],
			[5, 'amount'],
			[6, 'timestamp'],
		]);
		expect(f.report.validRows + f.report.badRows).toBe(7);
	});

	it('gives empty results for empty input', () => {
		const f = computeFeatures({ customerId: [], timestamp: [], amount: [] });
		expect(f.customerIds).toEqual([]);
		expect(f.report).toMatchObject({ rows: 0, customers: 0, orders: 0, revenue: 0 });
	});

	it('applies the window and as-of date, and drops customers with no row inside', () => {
		const f = computeFeatures(
			{ customerId: ['old', 'new', 'new', 'future'], timestamp: ['2023-01-01', '2023-12-01', '2024-01-01', '2024-06-01'], amount: [1, 2, 3, 4] },
			{ asOf: '2024-01-02', windowDays: 60 },
		);
		expect(f.customerIds).toEqual(['new']);
		expect(Array.from(f.rowCustomer)).toEqual([-1, 0, 0, -1]);
		expect(f.report.outsideWindowRows).toBe(2);
		expect(f.frequency[0]).toBe(2);
	});

	it('rejects columns of different lengths', () => {
		expect(() => computeFeatures({ customerId: ['a'], timestamp: [], amount: [1] })).toThrow(/timestamp/);
	});

	it('parses timestamps and amounts strictly', () => {
		expect(parseTimestamp('19970101')).toBe(Date.UTC(1997, 0, 1));
		expect(parseTimestamp(1_700_000_000)).toBe(1_700_000_000_000);
		expect(parseTimestamp(1_700_000_000_000)).toBe(1_700_000_000_000);
		expect(parseTimestamp('')).toBeNaN();
		expect(parseTimestamp({})).toBeNaN();
		expect(parseAmount(' 12.5 ')).toBe(12.5);
		expect(parseAmount('-3')).toBe(-3);
		expect(parseAmount('12abc')).toBeNaN();
		expect(parseAmount(null)).toBeNaN();
		expect(parseAmount(Infinity)).toBeNaN();
	});

	it('reads the number 20240315 as 2024-03-15, not as epoch seconds in 1970', () => {
		const f = computeFeatures({ customerId: ['a', 'a'], timestamp: [20240315, '2024-03-01'], amount: [10, 5] }, { asOf: '2024-03-20' });
		expect(f.report.badRows).toBe(0);
		expect(f.lastPurchase[0]).toBe(Date.UTC(2024, 2, 15));
		expect(f.recencyDays[0]).toBe(5);
	});

	it('reads 15/03/2024 under the day-first date order, and refuses it month-first', () => {
		const columns = { customerId: ['a', 'b'], timestamp: ['15/03/2024', '2024-03-10'], amount: [10, 5] };
		const dayFirst = computeFeatures(columns, { asOf: '2024-03-20', dateOrder: 'DMY' });
		expect(dayFirst.report.badRows).toBe(0);
		expect(dayFirst.lastPurchase[0]).toBe(Date.UTC(2024, 2, 15));
		const monthFirst = computeFeatures(columns, { asOf: '2024-03-20' });
		expect(monthFirst.report.badRowList).toEqual([{ row: 0, field: 'timestamp', reason: 'unparseable date (a string)' }]);
	});

	it('refuses 2024-02-30 as a bad row with a reason, never March 1', () => {
		const f = computeFeatures({ customerId: ['a', 'a'], timestamp: ['2024-02-30', '2024-02-01'], amount: [10, 5] }, { asOf: '2024-03-20' });
		expect(f.report.badRowList).toEqual([{ row: 0, field: 'timestamp', reason: 'unparseable date (a string)' }]);
		expect(f.lastPurchase[0]).toBe(Date.UTC(2024, 1, 1));
		expect(f.frequency[0]).toBe(1);
	});

	it('never loses or duplicates a row: every row is a customer row, bad, cancelled or outside the window', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ c: fc.constantFrom('a', 'b', 'c', '', null), d: fc.integer({ min: 0, max: 40 }), v: fc.oneof(fc.integer({ min: -50, max: 100 }), fc.constant('x')) }), { maxLength: 40 }),
				(rows) => {
					const f = computeFeatures({
						customerId: rows.map((r) => r.c),
						timestamp: rows.map((r) => day('2024-01-01') + r.d * DAY_MS),
						amount: rows.map((r) => r.v),
					}, { asOf: day('2024-01-31') });
					const { report } = f;
					expect(report.validRows + report.badRows + report.cancelledRows + report.outsideWindowRows).toBe(rows.length);
					expect(Array.from(f.rowCustomer).filter((c) => c >= 0)).toHaveLength(report.validRows);
					const total = Array.from(f.monetaryTotal).reduce((a, b) => a + b, 0);
					expect(total).toBeCloseTo(report.revenue, 8);
				},
			),
		);
	});

	it('nets orders as one (customer, order ID) dictionary over the rows would, for customers of few and of many orders', () => {
		// The reference: one key per customer and order ID text, orders numbered by their first row, lines summed in row order.
		const reference = (rows: Array<{ c: string; o: string | number | null; d: number; v: number }>) => {
			const index = new Map<string, number>();
			const orders: Array<{ c: string; t: number; net: number }> = [];
			rows.forEach((r) => {
				const key = r.o === null || r.o === '' ? undefined : `${r.c}\u0001${String(r.o)}`;
				let o = key === undefined ? undefined : index.get(key);
				if (o === undefined) {
					o = orders.length;
					orders.push({ c: r.c, t: r.d, net: 0 });
					if (key !== undefined) index.set(key, o);
				} else orders[o].t = Math.min(orders[o].t, r.d);
				orders[o].net += r.v;
			});
			const ids = [...new Set(rows.map((r) => r.c))];
			const total = ids.map(() => 0);
			const frequency = ids.map(() => 0);
			const first = ids.map(() => Infinity);
			for (const o of orders) {
				const c = ids.indexOf(o.c);
				total[c] += o.net;
				if (o.net * 100 >= 0.5) {
					frequency[c]++;
					first[c] = Math.min(first[c], o.t);
				}
			}
			return { ids, orders: orders.length, total, frequency, first: first.map((t) => (Number.isFinite(t) ? t : NaN)) };
		};
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						c: fc.constantFrom('a', 'b', 'c'),
						// Up to 40 order IDs (past the per-customer scan), numbers and their text shared across customers, some rows without one.
						o: fc.oneof(fc.integer({ min: 0, max: 39 }).map((k) => `o${k}`), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }).map(String), fc.constantFrom(null, '')),
						d: fc.integer({ min: 0, max: 30 }).map((k) => day('2024-01-01') + k * DAY_MS),
						v: fc.integer({ min: -3000, max: 10000 }).map((k) => k / 100),
					}),
					{ minLength: 60, maxLength: 200 },
				),
				(rows) => {
					const f = computeFeatures({ customerId: rows.map((r) => r.c), orderId: rows.map((r) => r.o), timestamp: rows.map((r) => r.d), amount: rows.map((r) => r.v) }, { asOf: day('2024-02-01') });
					const want = reference(rows);
					expect(f.customerIds).toEqual(want.ids);
					expect(f.report.orders).toBe(want.orders);
					expect(Array.from(f.monetaryTotal)).toEqual(want.total);
					expect(Array.from(f.frequency)).toEqual(want.frequency);
					expect(Array.from(f.firstPurchase)).toEqual(want.first);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('computeFeatures keys', () => {
	it('treats "__proto__", "constructor" and numeric IDs as ordinary customer and order IDs', () => {
		const f = computeFeatures({
			customerId: ['__proto__', 'constructor', '__proto__', 7, '7'],
			orderId: ['__proto__', 'toString', 'x', 'a', 'b'],
			timestamp: ['2024-01-01', '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'],
			amount: [1, 2, 3, 4, 5],
		});
		expect(f.customerIds).toEqual(['__proto__', 'constructor', '7']);
		expect(Array.from(f.frequency)).toEqual([2, 1, 2]);
		expect(f.report.orders).toBe(5);
	});

	it('gives a numeric ID and its string form the same customer, named by the string', () => {
		const ids = [0, '0', -0, 0.5, '0.5', 1e21, '1e+21', 4294967296, '4294967296', -3, '-3', '5', 5, 1001, '1001.0', '１００１'];
		const f = computeFeatures({ customerId: ids, timestamp: ids.map(() => '2024-01-01'), amount: ids.map(() => 1) });
		expect(f.customerIds).toEqual(['0', '0.5', '1e+21', '4294967296', '-3', '5', '1001']);
		// 1e21 as a number is an integer beyond 2^53, already rounded: no key (as in every node).
		expect(Array.from(f.frequency)).toEqual([3, 2, 1, 2, 2, 2, 3]);
	});

	it('reads missing markers as no customer, as Split Holdout and Apply Suppression do', () => {
		const ids = ['NULL', 'nan', '#N/A', 'None', '[]', 'c1'];
		const f = computeFeatures({ customerId: ids, timestamp: ids.map(() => '2024-01-01'), amount: ids.map(() => 1) });
		expect(f.customerIds).toEqual(['c1']);
	});
});
