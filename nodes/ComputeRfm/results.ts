// What Compute RFM's Items and File modes share: the options as lib/rfm reads them, the fields of a
// customer row and the summary, so both modes give the same results on the same rows.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { BadRowField, RfmOptions, RfmResult } from '../../lib/rfm';
import { commaList } from '../shared';

export const EXPECTED: Record<BadRowField, string> = {
	customerId: 'a non-empty customer ID (text or number)',
	timestamp: 'a date (ISO date or timestamp, YYYYMMDD, a day/month date in the Date Order, or epoch seconds/ms)',
	amount: 'a number',
	quantity: 'a number',
};

const finite = (v: number) => (Number.isFinite(v) ? v : null);
const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);
const isoDate = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** The node's Options as lib/rfm's options. */
export function rfmOptionsOf(context: IExecuteFunctions): RfmOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const cuts = ((options.cutPoints as IDataObject)?.values ?? {}) as IDataObject;
	const cutList = (name: string) => {
		const values = commaList(cuts[name]).map(Number);
		return values.length ? values : undefined;
	};
	return {
		asOf: String(options.asOf ?? '').trim() || undefined,
		windowDays: Number(options.windowDays) > 0 ? Number(options.windowDays) : undefined,
		dateOrder: options.dateOrder === 'DMY' || options.dateOrder === 'ISO' ? options.dateOrder : 'MDY',
		frequency: (options.frequency as 'orders' | 'transactions') ?? 'orders',
		monetary: (options.monetary as 'total' | 'average') ?? 'total',
		currencyDecimals: options.currencyDecimals === undefined ? undefined : Number(options.currencyDecimals),
		cancelledStatuses: options.cancelledStatuses === undefined ? undefined : commaList(options.cancelledStatuses),
		returnedStatuses: options.returnedStatuses === undefined ? undefined : commaList(options.returnedStatuses),
		maxBadRowsListed: Infinity,
		cutPoints: { recency: cutList('recency'), frequency: cutList('frequency'), monetary: cutList('monetary') },
		kmeans: options.kmeans ? { kMin: 2, kMax: Number(options.kMax ?? 6) } : false,
		clv: options.clv ? { horizonDays: Number(options.horizonDays ?? 365), annualDiscountRate: Number(options.annualDiscountRate ?? 10) / 100 } : false,
	};
}

/** Customer `c`'s output fields (an item's JSON, a file's row). */
export function customerJson(result: RfmResult, c: number): IDataObject {
	const { features, kmeans, clv } = result;
	const json: IDataObject = {
		customerId: features.customerIds[c],
		recencyDays: finite(features.recencyDays[c]),
		frequency: features.frequency[c],
		monetary: round(features.monetaryTotal[c], 4),
		averageOrderValue: round(features.monetaryAverage[c], 4),
		firstPurchase: isoDate(features.firstPurchase[c]),
		lastPurchase: isoDate(features.lastPurchase[c]),
		tenureDays: finite(features.tenureDays[c]),
		meanInterpurchaseDays: round(features.meanInterpurchaseDays[c], 4),
		rScore: result.rScore[c] || null,
		fScore: result.fScore[c] || null,
		mScore: result.mScore[c] || null,
		rfm: result.rScore[c] ? `${result.rScore[c]}${result.fScore[c]}${result.mScore[c]}` : null,
		segment: result.segment[c],
	};
	if (kmeans) {
		const k = kmeans.assignments[c];
		json.cluster = k >= 0 ? k : null;
		json.clusterName = k >= 0 ? kmeans.clusters[k].name : null;
	}
	if (clv) {
		json.pAlive = round(clv.pAlive[c]);
		json.expectedPurchases = round(clv.expectedPurchases[c]);
		json.expectedSpend = round(clv.expectedSpend[c], 4);
		json.clv = round(clv.clv[c], 4);
	}
	return json;
}

/**
 * The Summary output. `badRowAt` names where a bad row is: `{ itemIndex }` in Items mode,
 * `{ row }` (1-based, after the header) in File mode.
 */
export function summaryJson(result: RfmResult, fieldOf: Record<BadRowField, string>, badRowAt: (row: number) => IDataObject): IDataObject {
	const { features, kmeans, clv } = result;
	const { report } = features;
	const summary: IDataObject = {
		asOf: isoDate(features.asOf),
		windowStart: features.windowStart === null ? null : isoDate(features.windowStart),
		customers: report.customers,
		orders: report.orders,
		revenue: round(report.revenue, 4),
		rows: report.rows,
		validRows: report.validRows,
		badRows: report.badRows,
		badByReason: report.badByReason,
		badRowList: report.badRowList.slice(0, 100).map((b) => ({ ...badRowAt(b.row), field: fieldOf[b.field], reason: b.reason })),
		cancelledRows: report.cancelledRows,
		returnRows: report.returnRows,
		outsideWindowRows: report.outsideWindowRows,
		nonPositiveOrders: report.nonPositiveOrders,
		customersWithoutPurchases: report.customersWithoutPurchases,
		segments: result.segments.map((s) => ({
			segment: s.segment,
			customers: s.customers,
			share: round(s.share),
			revenue: round(s.revenue, 4),
			revenueShare: round(s.revenueShare),
			meanRecencyDays: s.meanRecencyDays === null ? null : round(s.meanRecencyDays, 2),
			meanFrequency: s.meanFrequency === null ? null : round(s.meanFrequency, 3),
			meanMonetary: s.meanMonetary === null ? null : round(s.meanMonetary, 2),
		})),
	};
	if (kmeans) {
		summary.kmeans = {
			k: kmeans.k,
			silhouettes: kmeans.silhouettes.map((s) => ({ k: s.k, silhouette: round(s.silhouette, 4) })),
			clusters: kmeans.clusters.map((cl) => ({
				cluster: cl.cluster,
				name: cl.name,
				size: cl.size,
				share: round(cl.share),
				centroid: { recencyDays: round(cl.centroid.recencyDays, 2), frequency: round(cl.centroid.frequency, 3), monetary: round(cl.centroid.monetary, 2) },
				mean: { recencyDays: round(cl.mean.recencyDays, 2), frequency: round(cl.mean.frequency, 3), monetary: round(cl.mean.monetary, 2) },
			})),
		};
	}
	if (clv) {
		const { bgnbd, gammaGamma } = clv;
		summary.clv = {
			timeUnit: 'days',
			horizonDays: clv.horizonDays,
			annualDiscountRate: clv.annualDiscountRate,
			bgnbd: { r: round(bgnbd.r), alpha: round(bgnbd.alpha), a: round(bgnbd.a), b: round(bgnbd.b), logLik: round(bgnbd.logLik, 4), customers: bgnbd.customers, converged: bgnbd.converged },
			gammaGamma: gammaGamma && { p: round(gammaGamma.p), q: round(gammaGamma.q), v: round(gammaGamma.v), logLik: round(gammaGamma.logLik, 4), customers: gammaGamma.customers },
		};
	}
	return summary;
}

/** The hint over the output pane when rows were bad, and the one-line run summary. */
export function badRowsHint(result: RfmResult, where: string): string {
	const { report } = result.features;
	return `${report.badRows} of ${report.rows} transactions could not be used (${Object.entries(report.badByReason)
		.map(([reason, count]) => `${count} ${reason}`)
		.join('; ')}); ${where}.`;
}

export function runSummary(result: RfmResult, what: string): string {
	return `${what} -> ${result.segments.reduce((sum, s) => sum + s.customers, 0)} customers: ${result.segments
		.filter((s) => s.customers > 0)
		.map((s) => `${s.segment} ${s.customers}`)
		.join(', ')}`;
}
