import fs from 'node:fs';
import path from 'node:path';
import { fitBgNbd } from '../../../lib/rfm/clv';
import { computeRfm } from '../../../lib/rfm/compute';

// CDNOW master transactions of customers 00001-02000 (a slice of lifetimes' CDNOW_master.txt).
const rows = fs
	.readFileSync(path.join(__dirname, '../../fixtures/rfm/cdnow_master_first2000.csv'), 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.map((line) => line.split(','));

describe('computeRfm with CLV on CDNOW transactions', () => {
	const asOf = '1997-10-01'; // calibration period ends 1997-09-30, as in the published sample
	const result = computeRfm(
		{ customerId: rows.map((r) => r[0]), timestamp: rows.map((r) => r[1]), amount: rows.map((r) => r[3]) },
		{ asOf, clv: { horizonDays: 273, annualDiscountRate: 0 } },
	);

	it('builds the BG/NBD summary like lifetimes (distinct purchase days) and fits it', () => {
		// Independent summary: per customer, the distinct purchase days before asOf.
		const limit = Date.parse('1997-10-01T00:00:00Z');
		const days = new Map<string, Set<number>>();
		for (const [id, date, , r3] of rows) {
			const t = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8));
			if (t >= limit || !(Number(r3) > 0)) continue;
			if (!days.has(id)) days.set(id, new Set());
			days.get(id)!.add(t / 86_400_000);
		}
		const end = limit / 86_400_000;
		const x: number[] = [];
		const tx: number[] = [];
		const T: number[] = [];
		for (const set of days.values()) {
			const sorted = [...set].sort((a, b) => a - b);
			x.push(sorted.length - 1);
			tx.push(sorted[sorted.length - 1] - sorted[0]);
			T.push(end - sorted[0]);
		}
		const purchasers = Array.from(result.features.frequency).filter((f) => f > 0).length;
		expect(purchasers).toBe(days.size);
		const direct = fitBgNbd(x, tx, T);
		const clv = result.clv!;
		expect(clv.bgnbd.customers).toBe(days.size);
		expect(clv.bgnbd.r).toBeCloseTo(direct.r, 6);
		expect(clv.bgnbd.alpha).toBeCloseTo(direct.alpha, 4);
		expect(clv.bgnbd.logLik).toBeCloseTo(direct.logLik, 6);
		// In days; the published weekly CDNOW fit has alpha 4.41 weeks (~31 days) and r ~0.24.
		expect(clv.bgnbd.r).toBeGreaterThan(0.1);
		expect(clv.bgnbd.r).toBeLessThan(0.5);
		expect(clv.bgnbd.alpha / 7).toBeGreaterThan(2);
		expect(clv.bgnbd.alpha / 7).toBeLessThan(9);
	});

	it('gives P(alive) in (0, 1], expected purchases and CLV per customer', () => {
		const clv = result.clv!;
		expect(clv.gammaGamma).not.toBeNull();
		for (let c = 0; c < clv.pAlive.length; c++) {
			if (result.features.frequency[c] === 0) {
				expect(clv.pAlive[c]).toBeNaN(); // only $0 orders: no purchase to model
				continue;
			}
			expect(clv.pAlive[c]).toBeGreaterThan(0);
			expect(clv.pAlive[c]).toBeLessThanOrEqual(1);
			expect(clv.expectedPurchases[c]).toBeGreaterThanOrEqual(0);
			// With no discount, CLV = expected purchases x expected spend.
			expect(clv.clv[c]).toBeCloseTo(clv.expectedPurchases[c] * clv.expectedSpend[c], 6);
		}
		const heavy = Array.from(result.features.frequency).indexOf(Math.max(...result.features.frequency));
		const oneTime = Array.from(result.features.frequency).indexOf(1);
		expect(clv.expectedPurchases[heavy]).toBeGreaterThan(clv.expectedPurchases[oneTime]);
	});
});
