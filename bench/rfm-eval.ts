// Evaluation of lib/rfm on public data with known answers (JSON Lines).
// Run: npm run eval:rfm
// 1. UCI Online Retail after the usual cleaning (CustomerID present, not a cancellation invoice,
//    Quantity > 0, UnitPrice > 0): 4,338 customers, 18,532 invoices, 8,911,407.90 revenue.
// 2. BG/NBD and Gamma-Gamma on the 2,357-customer CDNOW sample: r 0.2426, alpha 4.4135, a 0.7929,
//    b 2.4258, LL -9582.43; p 6.2488, q 3.7446, v 15.4477 (Fader, Hardie & Lee 2005; lifetimes).
import path from 'node:path';
import { parseCsvLine, readText } from './csv';
import { bgNbdConditionalExpected, bgNbdProbabilityAlive, computeRfm, fitBgNbd, fitGammaGamma } from '../lib/rfm';

const DATA = path.join(__dirname, '../../shared/datasets/rfm');
const round = (v: number, digits = 4) => Number(v.toFixed(digits));

function onlineRetail(): void {
	const lines = readText(path.join(DATA, 'online_retail.csv.gz')).split(/\r?\n/);
	const header = parseCsvLine(lines[0]);
	const col = (name: string) => header.indexOf(name);
	const [inv, qty, date, price, cust] = ['InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'].map(col);
	const customerId: string[] = [];
	const orderId: string[] = [];
	const quantity: number[] = [];
	const amount: number[] = [];
	const times: number[] = [];
	let lineCount = 0;
	for (let i = 1; i < lines.length; i++) {
		if (!lines[i]) continue;
		lineCount++;
		const cells = parseCsvLine(lines[i]);
		const q = Number(cells[qty]);
		const p = Number(cells[price]);
		if (!cells[cust] || cells[inv].startsWith('C') || !(q > 0) || !(p > 0)) continue;
		customerId.push(cells[cust]);
		orderId.push(cells[inv]);
		quantity.push(q);
		amount.push(p);
		times.push(Date.parse(`${cells[date].replace(' ', 'T')}Z`));
	}
	const started = process.hrtime.bigint();
	const result = computeRfm(
		{ customerId, orderId, quantity, amount, timestamp: Float64Array.from(times) },
		{ kmeans: { kMin: 2, kMax: 6, seeds: 5 } },
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const { report } = result.features;
	console.log(
		JSON.stringify({
			dataset: 'online_retail',
			lines: lineCount,
			rows_after_cleaning: customerId.length,
			customers: report.customers,
			orders: report.orders,
			revenue: round(report.revenue, 2),
			expected: { customers: 4338, orders: 18532, revenue: 8911407.9 },
			as_of: new Date(result.features.asOf).toISOString().slice(0, 10),
			segments: Object.fromEntries(result.segments.filter((s) => s.customers > 0).map((s) => [s.segment, { customers: s.customers, revenue_share: round(s.revenueShare) }])),
			kmeans: result.kmeans && {
				k: result.kmeans.k,
				silhouettes: result.kmeans.silhouettes.map((s) => ({ k: s.k, silhouette: round(s.silhouette) })),
				clusters: result.kmeans.clusters.map((c) => ({ name: c.name, size: c.size, recency_days: round(c.centroid.recencyDays, 1), frequency: round(c.centroid.frequency, 2), monetary: round(c.centroid.monetary, 2) })),
			},
			seconds: round(seconds, 3),
		}),
	);
}

function cdnow(): void {
	const lines = readText(path.join(DATA, 'cdnow_customers_summary_with_transactions.csv')).trim().split(/\r?\n/).slice(1);
	const rows = lines.map((line) => line.split(',').map(Number));
	const x = rows.map((r) => r[1]);
	const tx = rows.map((r) => r[2]);
	const T = rows.map((r) => r[3]);
	const m = rows.map((r) => r[4]);
	const started = process.hrtime.bigint();
	const bg = fitBgNbd(x, tx, T);
	const gg = fitGammaGamma(x, m);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	console.log(
		JSON.stringify({
			dataset: 'cdnow',
			customers: bg.customers,
			r: round(bg.r),
			alpha: round(bg.alpha),
			a: round(bg.a),
			b: round(bg.b),
			loglik: round(bg.logLik, 2),
			p: round(gg.p),
			q: round(gg.q),
			v: round(gg.v),
			gg_customers: gg.customers,
			conditional_expected_39w: round(bgNbdConditionalExpected(bg, 39, 2, 30.43, 38.86)),
			p_alive: round(bgNbdProbabilityAlive(bg, 2, 30.43, 38.86)),
			expected: { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258, loglik: -9582.43, p: 6.2488, q: 3.7446, v: 15.4477, conditional_expected_39w: 1.2259, p_alive: 0.7266 },
			seconds: round(seconds, 3),
		}),
	);
}

onlineRetail();
cdnow();
