import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
} from 'n8n-workflow';
import { computeRfm, type BadRowField, type RfmOptions, type RfmResult } from '../../lib/rfm';
import { addRunSummary, errorItem, fieldError, fieldProblem, getFieldName, readField } from '../shared';
import { generateRfmSql } from './generateSql';
import { computeRfmProperties } from './properties';

// Inlined into an expression by n8n, so it must not refer to anything outside itself.
const configuredOutputs = (parameters: IDataObject) =>
	parameters.operation === 'generateSql'
		? [{ type: 'main', displayName: 'Statements' }]
		: [
				{ type: 'main', displayName: 'Customers' },
				{ type: 'main', displayName: 'Summary' },
			];

const EXPECTED: Record<BadRowField, string> = {
	customerId: 'a non-empty customer ID (text or number)',
	timestamp: 'a date (ISO date or timestamp, YYYYMMDD, a day/month date in the Date Order, or epoch seconds/ms)',
	amount: 'a number',
	quantity: 'a number',
};

const list = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');

const finite = (v: number) => (Number.isFinite(v) ? v : null);
const round = (v: number, digits = 6) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);
const isoDate = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

export class ComputeRfm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Compute RFM',
		name: 'computeRfm',
		icon: { light: 'file:computeRfm.svg', dark: 'file:computeRfm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "generateSql" ? "Generate SQL" : $parameter["options"]["clv"] ? "RFM + CLV" : "RFM"}}',
		description:
			'Turn transactions into one item per customer with recency, frequency, monetary value, 1-5 scores, a named segment and optional k-means clusters and customer lifetime value',
		defaults: { name: 'Compute RFM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties: computeRfmProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('operation', 0, 'compute') === 'generateSql') return generateRfmSql.call(this);
		const items = this.getInputData();
		const node = this.getNode();
		const fields = {
			customerId: getFieldName(this, 'customerIdField'),
			timestamp: getFieldName(this, 'timestampField'),
			amount: getFieldName(this, 'amountField'),
			orderId: getFieldName(this, 'orderIdField'),
		};
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const quantityField = getFieldName(this, 'options.quantityField');
		const statusField = getFieldName(this, 'options.statusField');

		// Columns of references into the item JSON: no item is copied.
		const n = items.length;
		const column = (field: string) => {
			const values = new Array<unknown>(n);
			for (let i = 0; i < n; i++) values[i] = readField(items[i].json, field);
			return values;
		};
		const cuts = ((options.cutPoints as IDataObject)?.values ?? {}) as IDataObject;
		const cutList = (name: string) => {
			const values = list(cuts[name]).map(Number);
			return values.length ? values : undefined;
		};
		const rfmOptions: RfmOptions = {
			asOf: String(options.asOf ?? '').trim() || undefined,
			windowDays: Number(options.windowDays) > 0 ? Number(options.windowDays) : undefined,
			dateOrder: options.dateOrder === 'DMY' || options.dateOrder === 'ISO' ? options.dateOrder : 'MDY',
			frequency: (options.frequency as 'orders' | 'transactions') ?? 'orders',
			monetary: (options.monetary as 'total' | 'average') ?? 'total',
			currencyDecimals: options.currencyDecimals === undefined ? undefined : Number(options.currencyDecimals),
			cancelledStatuses: options.cancelledStatuses === undefined ? undefined : list(options.cancelledStatuses),
			returnedStatuses: options.returnedStatuses === undefined ? undefined : list(options.returnedStatuses),
			maxBadRowsListed: Infinity,
			cutPoints: { recency: cutList('recency'), frequency: cutList('frequency'), monetary: cutList('monetary') },
			kmeans: options.kmeans ? { kMin: 2, kMax: Number(options.kMax ?? 6) } : false,
			clv: options.clv
				? { horizonDays: Number(options.horizonDays ?? 365), annualDiscountRate: Number(options.annualDiscountRate ?? 10) / 100 }
				: false,
		};

		let result: RfmResult;
		try {
			result = computeRfm(
				{
					customerId: column(fields.customerId),
					timestamp: column(fields.timestamp),
					amount: column(fields.amount),
					orderId: fields.orderId ? column(fields.orderId) : undefined,
					quantity: quantityField ? column(quantityField) : undefined,
					status: statusField ? column(statusField) : undefined,
				},
				rfmOptions,
			);
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { description: 'Check the node options (as-of date, cut points, CLV settings).' });
		}
		const { features } = result;
		const { report } = features;

		const customersOut: INodeExecutionData[] = [];
		const fieldOf: Record<BadRowField, string> = { ...fields, quantity: quantityField };
		for (const bad of report.badRowList) {
			const field = fieldOf[bad.field];
			const problem = fieldProblem(field, EXPECTED[bad.field], readField(items[bad.row].json, field));
			const error = fieldError(node, bad.row, problem);
			if (!this.continueOnFail()) throw error;
			customersOut.push(errorItem(node, items[bad.row], bad.row, error, problem));
		}

		// Paired items: each customer lists its transactions (one shared object per input item).
		// Loops at the top of execute() keep braces: n8n's verification scan crashes on a braceless one.
		const m = features.customerIds.length;
		const start = new Int32Array(m + 1);
		for (let i = 0; i < n; i++) {
			if (features.rowCustomer[i] >= 0) start[features.rowCustomer[i] + 1]++;
		}
		for (let c = 0; c < m; c++) {
			start[c + 1] += start[c];
		}
		const fill = start.slice(0, m);
		const order = new Int32Array(start[m]);
		for (let i = 0; i < n; i++) {
			if (features.rowCustomer[i] >= 0) order[fill[features.rowCustomer[i]]++] = i;
		}
		const pairs: IPairedItemData[] = new Array(n);
		for (let i = 0; i < n; i++) {
			pairs[i] = { item: i };
		}

		const { kmeans, clv } = result;
		for (let c = 0; c < m; c++) {
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
			const paired: IPairedItemData[] = new Array(start[c + 1] - start[c]);
			for (let k = start[c]; k < start[c + 1]; k++) paired[k - start[c]] = pairs[order[k]];
			customersOut.push({ json, pairedItem: paired });
		}

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
			badRowList: report.badRowList.slice(0, 100).map((b) => ({ itemIndex: b.row, field: fieldOf[b.field], reason: b.reason })),
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
		const summaryPaired: IPairedItemData[] = [];
		for (let i = 0; i < n; i++) {
			summaryPaired.push(pairs[i]);
		}

		if (report.badRows > 0) {
			this.addExecutionHints({
				message: `${report.badRows} of ${report.rows} transactions could not be used (${Object.entries(report.badByReason)
					.map(([reason, count]) => `${count} ${reason}`)
					.join('; ')}); they are on the Customers output as error items.`,
				type: 'warning',
				location: 'outputPane',
			});
		}
		addRunSummary(this, `${report.rows} transactions -> ${result.segments.reduce((sum, s) => sum + s.customers, 0)} customers: ${result.segments.filter((s) => s.customers > 0).map((s) => `${s.segment} ${s.customers}`).join(', ')}`);
		return [customersOut, [{ json: summary, pairedItem: summaryPaired }]];
	}
}
