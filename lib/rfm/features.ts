// RFM features from transaction rows, column by column (typed arrays), so millions of rows stay fast.
//
// Cleaning and the returns rule (written down here and in the README):
// - A row is BAD, counted and reported with its reason, never silently dropped, when its customer
//   ID is missing or empty, its timestamp cannot be parsed, or its amount (or quantity, when a
//   quantity column is given) is not a finite number.
// - A row whose status is a cancellation status (default: cancelled, canceled, void, voided,
//   failed) is left out and counted as cancelled. A row whose status is a return status (default:
//   returned, refunded, return, refund) counts as a negative amount, -|amount|.
// - Rows outside the window [asOf - windowDays, asOf) are left out and counted.
// - Rows are netted within their order (order ID per customer; without order IDs every row is its
//   own order). An order whose net does not round to a positive amount in the currency's minor
//   unit (a return, a return booked on its own order, or lines that cancel out) does not count toward frequency, first/last purchase or recency; its net still counts toward
//   the monetary total (so returns reduce spend).
// - Line value = amount, or amount x quantity when a quantity column is given (amount is then the
//   unit price).
// - Days are UTC calendar days: recency = day(asOf) - day(last purchase); the default as-of date is
//   the UTC day after the last valid transaction, so a purchase on the last day has recency 1.
import { DAY_MS, readInstant, readNumber, readPresentKey, valueKind, type DateOrder } from '../records';
import { DEFAULT_CURRENCY_DECIMALS } from './scores';

export { DAY_MS };

export type BadRowField = 'customerId' | 'timestamp' | 'amount' | 'quantity';

export interface BadRow {
	row: number;
	field: BadRowField;
	reason: string;
}

export interface TransactionColumns {
	customerId: ArrayLike<unknown>;
	/** Epoch ms (a Float64Array is used as is), or anything lib/records readInstant reads. */
	timestamp: ArrayLike<unknown>;
	amount: ArrayLike<unknown>;
	orderId?: ArrayLike<unknown>;
	quantity?: ArrayLike<unknown>;
	status?: ArrayLike<unknown>;
}

export interface FeatureOptions {
	/** The as-of instant; default: start of the UTC day after the last valid transaction. */
	asOf?: number | string | Date;
	/** Only transactions in the last `windowDays` days before asOf. Default: all before asOf. */
	windowDays?: number;
	/** Frequency counts distinct orders (default when order IDs are given) or transactions (rows). */
	frequency?: 'orders' | 'transactions';
	cancelledStatuses?: string[];
	returnedStatuses?: string[];
	/** At most this many bad rows are listed one by one (all are counted). Default 1000. */
	maxBadRowsListed?: number;
	/** Order of day and month in numeric dates such as 03/04/2024: MDY (default), DMY, or ISO (refuse them). */
	dateOrder?: DateOrder;
	/** Build the per-customer BG/NBD summary (repeatDays, recencySpanDays, ageDays, repeatMeanValue). Default true. */
	clvSummary?: boolean;
	/** An order is a purchase when its net rounds to at least one minor unit at this many decimals. Default 2. */
	currencyDecimals?: number;
}

/**
 * A purchase: the order's net is at least half a minor unit, so it rounds to a positive amount. A
 * return netted line by line (10.10 + 9.89 - 19.99 = 3.5e-15 in doubles) is no purchase.
 * The generated SQL (lib/warehouse/rfm.ts) writes the same test.
 */
const isPurchase = (net: number, minorUnits: number) => net * minorUnits >= 0.5;

export interface RfmReport {
	rows: number;
	validRows: number;
	badRows: number;
	badByReason: Record<string, number>;
	/** The first bad rows, with their row index, field and reason. */
	badRowList: BadRow[];
	cancelledRows: number;
	returnRows: number;
	outsideWindowRows: number;
	orders: number;
	/** Orders whose net rounds to no positive amount: not counted toward frequency. */
	nonPositiveOrders: number;
	customers: number;
	/** Customers none of whose orders nets to a purchase (no purchase to score). */
	customersWithoutPurchases: number;
	revenue: number;
}

export interface RfmFeatures {
	asOf: number;
	windowStart: number | null;
	customerIds: string[];
	/** Customer index of each input row, -1 for a bad, cancelled or out-of-window row. */
	rowCustomer: Int32Array;
	recencyDays: Float64Array;
	frequency: Int32Array;
	monetaryTotal: Float64Array;
	monetaryAverage: Float64Array;
	firstPurchase: Float64Array;
	lastPurchase: Float64Array;
	tenureDays: Float64Array;
	meanInterpurchaseDays: Float64Array;
	/**
	 * Per customer, for CLV (zeros when options.clvSummary is false): repeat purchase days (distinct
	 * purchase days - 1), days from the first to the last purchase day, days from the first purchase
	 * day to asOf, mean value of the repeat purchase days.
	 */
	repeatDays: Int32Array;
	recencySpanDays: Float64Array;
	ageDays: Float64Array;
	repeatMeanValue: Float64Array;
	report: RfmReport;
}

const DEFAULT_CANCELLED = ['cancelled', 'canceled', 'void', 'voided', 'failed'];
const DEFAULT_RETURNED = ['returned', 'refunded', 'return', 'refund'];

/**
 * Epoch ms of a timestamp value, or NaN, read as everywhere in the pack (lib/records/values.ts):
 * ISO dates and date-times (UTC unless zoned), YYYYMMDD strings or numbers, epoch seconds or ms,
 * numeric day/month dates in `order` (default month-first); impossible dates are refused.
 */
export function parseTimestamp(value: unknown, order: DateOrder = 'MDY'): number {
	return readInstant(value, order);
}

/** A finite number from a number or numeric string (thousands separators not accepted), else NaN. */
export const parseAmount = readNumber;

const kindOf = valueKind;

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * Per customer, the BG/NBD summary in days: orders sorted by customer (counting sort), then by time.
 * Order slots with customer -1 (left-out rows, when rows are the orders) are skipped.
 */
function clvSummary(m: number, orders: number, orderCustomer: Int32Array, orderTime: Float64Array, orderNet: Float64Array, asOfDay: number, minorUnits: number) {
	const repeatDays = new Int32Array(m);
	const repeatMeanValue = new Float64Array(m);
	const recencySpanDays = new Float64Array(m);
	const ageDays = new Float64Array(m);
	const start = new Int32Array(m + 1);
	for (let o = 0; o < orders; o++) if (isPurchase(orderNet[o], minorUnits) && orderCustomer[o] >= 0) start[orderCustomer[o] + 1]++;
	for (let c = 0; c < m; c++) start[c + 1] += start[c];
	const fill = start.slice(0, m);
	const sorted = new Int32Array(start[m]);
	for (let o = 0; o < orders; o++) if (isPurchase(orderNet[o], minorUnits) && orderCustomer[o] >= 0) sorted[fill[orderCustomer[o]]++] = o;
	for (let c = 0; c < m; c++) {
		const from = start[c];
		const to = start[c + 1];
		if (to - from > 48) sorted.subarray(from, to).sort((p, q) => orderTime[p] - orderTime[q]);
		else {
			// Insertion sort: customers have few orders, and they often arrive in time order.
			for (let k = from + 1; k < to; k++) {
				const o = sorted[k];
				const t = orderTime[o];
				let j = k - 1;
				while (j >= from && orderTime[sorted[j]] > t) {
					sorted[j + 1] = sorted[j];
					j--;
				}
				sorted[j + 1] = o;
			}
		}
		let days = 0;
		let firstDay = NaN;
		let currentDay = NaN;
		let repeatValue = 0;
		for (let k = from; k < to; k++) {
			const o = sorted[k];
			const d = Math.floor(orderTime[o] / DAY_MS);
			if (d !== currentDay) {
				days++;
				currentDay = d;
				if (days === 1) firstDay = d;
			}
			if (days > 1) repeatValue += orderNet[o];
		}
		if (days > 0) {
			repeatDays[c] = days - 1;
			repeatMeanValue[c] = days > 1 ? repeatValue / (days - 1) : 0;
			recencySpanDays[c] = currentDay - firstDay;
			ageDays[c] = asOfDay - firstDay;
		}
	}
	return { repeatDays, recencySpanDays, ageDays, repeatMeanValue };
}

/** Customers kept in a prototype-less object (faster than a Map at a million keys) before they move into a Map. */
const CUSTOMER_OBJECT_LIMIT = 1 << 22;

/** Orders of one customer past this many are looked up in a Map; below, a scan of the few seen so far is cheaper. */
const ORDER_SCAN_LIMIT = 16;

/**
 * Nets rows into orders: an order is a customer's rows sharing an order ID (number 7 and text "7"
 * are one order; a row without an order ID is an order of its own). Orders are numbered in the
 * order of their first row and each order's rows are summed in row order, as one pass over the
 * rows would. The rows are visited customer by customer (a counting sort by customer), so an
 * order ID is only looked up among its own customer's orders: no dictionary of every order ID in
 * the file (a V8 dictionary object stalls past ~8.4M keys, a Map throws past 16.7M).
 */
function netOrders(orderId: ArrayLike<unknown>, rowCustomer: Int32Array, m: number, validRows: number, times: Float64Array, values: Float64Array) {
	const n = rowCustomer.length;
	// Rows by customer, in row order within a customer.
	const start = new Int32Array(m + 1);
	for (let i = 0; i < n; i++) if (rowCustomer[i] >= 0) start[rowCustomer[i] + 1]++;
	for (let c = 0; c < m; c++) start[c + 1] += start[c];
	const byCustomer = new Int32Array(validRows);
	const fill = start.slice(0, m);
	for (let i = 0; i < n; i++) if (rowCustomer[i] >= 0) byCustomer[fill[rowCustomer[i]]++] = i;
	// Per row, the first row of its order (>= 0); a left-out row keeps -1.
	const head = new Int32Array(n).fill(-1);
	const seenKeys: string[] = [];
	const seenHeads: number[] = [];
	const large = new Map<string, number>();
	for (let c = 0; c < m; c++) {
		let seen = 0;
		let useMap = false;
		let previousOrderId: unknown;
		let previousHead = -1;
		for (let k = start[c]; k < start[c + 1]; k++) {
			const i = byCustomer[k];
			const rawOrder = orderId[i];
			if (rawOrder === undefined || rawOrder === null || rawOrder === '') {
				head[i] = i;
				previousHead = -1;
				continue;
			}
			// The lines of one order usually come one after another: skip the lookup for them.
			if (previousHead >= 0 && rawOrder === previousOrderId) {
				head[i] = previousHead;
				continue;
			}
			const key = typeof rawOrder === 'string' ? rawOrder : String(rawOrder);
			let found = -1;
			if (useMap) found = large.get(key) ?? -1;
			else {
				for (let s = 0; s < seen; s++) {
					if (seenKeys[s] === key) {
						found = seenHeads[s];
						break;
					}
				}
			}
			if (found < 0) {
				found = i;
				if (useMap) large.set(key, i);
				else if (seen < ORDER_SCAN_LIMIT) {
					seenKeys[seen] = key;
					seenHeads[seen] = i;
					seen++;
				} else {
					useMap = true;
					for (let s = 0; s < seen; s++) large.set(seenKeys[s], seenHeads[s]);
					large.set(key, i);
				}
			}
			head[i] = found;
			previousOrderId = rawOrder;
			previousHead = found;
		}
		if (useMap) large.clear();
	}
	// Number the orders by their first row and net them in row order. A first row's slot in `head`
	// then holds -(order + 1); the later rows of the order read it there.
	const orderCustomer = new Int32Array(validRows);
	const orderTime = new Float64Array(validRows);
	const orderNet = new Float64Array(validRows);
	let orders = 0;
	for (let i = 0; i < n; i++) {
		const first = head[i];
		if (first === -1) continue;
		let o: number;
		if (first === i) {
			o = orders++;
			head[i] = -(o + 1);
			orderCustomer[o] = rowCustomer[i];
			orderTime[o] = times[i];
		} else {
			o = -head[first] - 1;
			if (times[i] < orderTime[o]) orderTime[o] = times[i];
		}
		orderNet[o] += values[i];
	}
	return { orders, orderCustomer, orderTime, orderNet };
}

export function computeFeatures(columns: TransactionColumns, options: FeatureOptions = {}): RfmFeatures {
	const n = columns.customerId.length;
	for (const [name, column] of Object.entries(columns)) {
		if (column && (column as ArrayLike<unknown>).length !== n) throw new RangeError(`column "${name}" has ${(column as ArrayLike<unknown>).length} rows, expected ${n}`);
	}
	const maxListed = options.maxBadRowsListed ?? 1000;
	const dateOrder = options.dateOrder ?? 'MDY';
	const cancelled = new Set((options.cancelledStatuses ?? DEFAULT_CANCELLED).map((s) => s.toLowerCase()));
	const returned = new Set((options.returnedStatuses ?? DEFAULT_RETURNED).map((s) => s.toLowerCase()));
	const byOrder = options.frequency ? options.frequency === 'orders' && !!columns.orderId : !!columns.orderId;

	const badRowList: BadRow[] = [];
	const badByReason: Record<string, number> = {};
	let badRows = 0;
	const bad = (row: number, field: BadRowField, reason: string) => {
		badRows++;
		badByReason[reason] = (badByReason[reason] ?? 0) + 1;
		if (badRowList.length < maxListed) badRowList.push({ row, field, reason });
	};

	// Pass 1: parse, validate, map customers to indexes (first appearance order).
	const rowCustomer = new Int32Array(n).fill(-1);
	const times = columns.timestamp instanceof Float64Array ? columns.timestamp : new Float64Array(n);
	const parseTimes = !(columns.timestamp instanceof Float64Array);
	const values = new Float64Array(n);
	// A prototype-less object as the dictionary: with a million keys V8 looks strings up in it
	// 1.5-3x faster than in a Map (measured here). Keys such as "__proto__" are plain own keys.
	let customerIndex = Object.create(null) as Record<string, number>;
	// Past CUSTOMER_OBJECT_LIMIT customers the dictionary moves into a Map (V8 stalls adding keys to
	// an object past ~8.4M); a Map's key is the property key the object would use, String(key).
	let customerMap: Map<string, number> | undefined;
	const indexOf = (key: string | number): number | undefined => (customerMap ? customerMap.get(typeof key === 'number' ? String(key) : key) : customerIndex[key]);
	const customerIds: string[] = [];
	const textKeys = new Map<string, string | undefined>();
	// Small non-negative integer IDs (codes 0..n-ish) index a table directly, no hashing; it caches
	// the dictionary, which stays the one source of truth (so 7 and "7" stay one customer).
	const denseLimit = Math.min(2 * n + 1024, 1 << 26);
	let denseCustomer = new Int32Array(0);
	const { customerId, timestamp, amount, quantity, status } = columns;
	const amountIsTyped = amount instanceof Float64Array;
	const newCustomer = (key: string | number) => {
		const c = customerIds.length;
		if (customerMap) customerMap.set(typeof key === 'number' ? String(key) : key, c);
		else if (c < CUSTOMER_OBJECT_LIMIT) customerIndex[key] = c;
		else {
			customerMap = new Map();
			for (const known in customerIndex) customerMap.set(known, customerIndex[known]);
			customerIndex = Object.create(null) as Record<string, number>;
			customerMap.set(typeof key === 'number' ? String(key) : key, c);
		}
		customerIds.push(typeof key === 'number' ? String(key) : key);
		return c;
	};
	let cancelledRows = 0;
	let returnRows = 0;
	let lastValid = -Infinity;
	let previousKey: string | number | undefined;
	let previousCustomer = -1;
	for (let i = 0; i < n; i++) {
		const rawCustomer = customerId[i];
		// The key every node reads (readPresentKey: 1001.0 is 1001, `N/A` is no customer), worked out
		// once per distinct text. A safe finite number is its own key: as a property key it is
		// String(number), the customer's ID, and V8 looks integer keys up without building a string.
		let key: string | number | undefined;
		if (typeof rawCustomer === 'number' && Number.isFinite(rawCustomer) && (Number.isSafeInteger(rawCustomer) || !Number.isInteger(rawCustomer))) key = rawCustomer;
		else if (typeof rawCustomer === 'string') {
			// A key already read is its own reading; only texts that read as something else are remembered.
			if (indexOf(rawCustomer) !== undefined) key = rawCustomer;
			else if (textKeys.has(rawCustomer)) key = textKeys.get(rawCustomer);
			else {
				key = readPresentKey(rawCustomer);
				if (key !== rawCustomer) textKeys.set(rawCustomer, key);
			}
		} else key = readPresentKey(rawCustomer);
		if (key === undefined) {
			bad(i, 'customerId', `missing customer ID (${kindOf(rawCustomer)})`);
			continue;
		}
		const t = parseTimes ? readInstant(timestamp[i], dateOrder) : times[i];
		if (!Number.isFinite(t)) {
			bad(i, 'timestamp', `unparseable date (${kindOf(timestamp[i])})`);
			continue;
		}
		let value = amountIsTyped ? (amount as Float64Array)[i] : parseAmount(amount[i]);
		if (!Number.isFinite(value)) {
			bad(i, 'amount', `non-numeric amount (${kindOf(amount[i])})`);
			continue;
		}
		if (quantity) {
			const q = parseAmount(quantity[i]);
			if (!Number.isFinite(q)) {
				bad(i, 'quantity', `non-numeric quantity (${kindOf(quantity[i])})`);
				continue;
			}
			value *= q;
		}
		if (status) {
			const s = status[i];
			if (typeof s === 'string' && s !== '') {
				const lower = s.trim().toLowerCase();
				if (cancelled.has(lower)) {
					cancelledRows++;
					continue;
				}
				if (returned.has(lower)) {
					returnRows++;
					value = -Math.abs(value);
				}
			}
		}
		if (parseTimes) times[i] = t;
		values[i] = value;
		// Rows of one customer often come together: skip the map lookup for a repeated key.
		let c: number | undefined;
		if (key === previousKey) c = previousCustomer;
		else if (typeof key === 'number' && key >= 0 && key < denseLimit && Number.isInteger(key)) {
			if (key >= denseCustomer.length) {
				const grown = new Int32Array(Math.min(denseLimit, Math.max(key + 1, 2 * denseCustomer.length, 1024))).fill(-1);
				grown.set(denseCustomer);
				denseCustomer = grown;
			}
			c = denseCustomer[key];
			if (c < 0) c = denseCustomer[key] = indexOf(key) ?? newCustomer(key);
		} else c = indexOf(key) ?? newCustomer(key);
		rowCustomer[i] = c;
		previousKey = key;
		previousCustomer = c;
		if (t > lastValid) lastValid = t;
	}

	const asOf =
		options.asOf !== undefined
			? readInstant(options.asOf, dateOrder)
			: Number.isFinite(lastValid)
				? (dayOf(lastValid) + 1) * DAY_MS
				: Date.UTC(1970, 0, 2);
	if (!Number.isFinite(asOf)) throw new RangeError('asOf is not a valid date');
	const windowStart = options.windowDays !== undefined ? asOf - options.windowDays * DAY_MS : null;
	let outsideWindowRows = 0;
	let validRows = 0;
	const lo = windowStart ?? -Infinity;
	for (let i = 0; i < n; i++) {
		if (rowCustomer[i] < 0) continue;
		const t = times[i];
		if (t >= asOf || t < lo) {
			rowCustomer[i] = -1;
			outsideWindowRows++;
		} else validRows++;
	}

	// Orders: (customer, order ID) -> order index; without order IDs each row is an order.
	let orderCustomer: Int32Array;
	let orderTime: Float64Array;
	let orderNet: Float64Array;
	let orders: number;
	if (byOrder && columns.orderId) {
		({ orders, orderCustomer, orderTime, orderNet } = netOrders(columns.orderId, rowCustomer, customerIds.length, validRows, times, values));
	} else {
		// Each valid row is its own order: read the row columns in place (no 3 x n copy); the slots of
		// left-out rows have customer -1 and are skipped below.
		orderCustomer = rowCustomer;
		orderTime = times;
		orderNet = values;
		orders = validRows;
	}
	const orderSlots = orderCustomer === rowCustomer ? n : orders;

	// Customers that still have an in-window row (rowCustomer may have dropped some).
	const m = customerIds.length;
	// One 32-byte record per customer (net total, first and last purchase, purchase count or -1 if
	// the customer has no in-window order): the random accesses of this loop hit one cache line per
	// order instead of one per feature array.
	const STRIDE = 4;
	const record = new Float64Array(m * STRIDE);
	for (let c = 0; c < m; c++) {
		record[c * STRIDE + 1] = Infinity;
		record[c * STRIDE + 2] = -Infinity;
		record[c * STRIDE + 3] = -1;
	}
	const asOfDay = dayOf(asOf);
	const minorUnits = 10 ** (options.currencyDecimals ?? DEFAULT_CURRENCY_DECIMALS);
	let nonPositiveOrders = 0;
	let revenue = 0;
	for (let o = 0; o < orderSlots; o++) {
		const c = orderCustomer[o];
		if (c < 0) continue;
		const net = orderNet[o];
		const at = c * STRIDE;
		record[at] += net;
		revenue += net;
		if (record[at + 3] < 0) record[at + 3] = 0;
		if (isPurchase(net, minorUnits)) {
			record[at + 3]++;
			const t = orderTime[o];
			if (t < record[at + 1]) record[at + 1] = t;
			if (t > record[at + 2]) record[at + 2] = t;
		} else nonPositiveOrders++;
	}
	const frequency = new Int32Array(m);
	const monetaryTotal = new Float64Array(m);
	const firstPurchase = new Float64Array(m);
	const lastPurchase = new Float64Array(m);
	const present = new Uint8Array(m);
	for (let c = 0, at = 0; c < m; c++, at += STRIDE) {
		monetaryTotal[c] = record[at];
		firstPurchase[c] = record[at + 1];
		lastPurchase[c] = record[at + 2];
		present[c] = record[at + 3] >= 0 ? 1 : 0;
		frequency[c] = record[at + 3] > 0 ? record[at + 3] : 0;
	}

	const clv =
		options.clvSummary !== false
			? clvSummary(m, orderSlots, orderCustomer, orderTime, orderNet, asOfDay, minorUnits)
			: { repeatDays: new Int32Array(m), recencySpanDays: new Float64Array(m), ageDays: new Float64Array(m), repeatMeanValue: new Float64Array(m) };
	const { repeatDays, recencySpanDays, ageDays, repeatMeanValue } = clv;

	const recencyDays = new Float64Array(m);
	const monetaryAverage = new Float64Array(m);
	const tenureDays = new Float64Array(m);
	const meanInterpurchaseDays = new Float64Array(m);
	let customers = 0;
	let customersWithoutPurchases = 0;
	for (let c = 0; c < m; c++) {
		if (present[c]) customers++;
		if (frequency[c] === 0) {
			if (present[c]) customersWithoutPurchases++;
			recencyDays[c] = NaN;
			monetaryAverage[c] = NaN;
			tenureDays[c] = NaN;
			meanInterpurchaseDays[c] = NaN;
			firstPurchase[c] = NaN;
			lastPurchase[c] = NaN;
			continue;
		}
		recencyDays[c] = asOfDay - dayOf(lastPurchase[c]);
		tenureDays[c] = asOfDay - dayOf(firstPurchase[c]);
		monetaryAverage[c] = monetaryTotal[c] / frequency[c];
		meanInterpurchaseDays[c] = frequency[c] > 1 ? (lastPurchase[c] - firstPurchase[c]) / DAY_MS / (frequency[c] - 1) : NaN;
	}

	// Customers whose every row fell outside the window are dropped from the customer list.
	let ids = customerIds;
	const keep = customers < m;
	if (keep) {
		const remap = new Int32Array(m).fill(-1);
		let next = 0;
		for (let c = 0; c < m; c++) if (present[c]) remap[c] = next++;
		for (let i = 0; i < n; i++) if (rowCustomer[i] >= 0) rowCustomer[i] = remap[rowCustomer[i]];
		ids = customerIds.filter((_, c) => present[c]);
	}
	const pick = <T extends Float64Array | Int32Array>(array: T): T => (keep ? (array.filter((_, c) => present[c] === 1) as T) : array);

	return {
		asOf,
		windowStart,
		customerIds: ids,
		rowCustomer,
		recencyDays: pick(recencyDays),
		frequency: pick(frequency),
		monetaryTotal: pick(monetaryTotal),
		monetaryAverage: pick(monetaryAverage),
		firstPurchase: pick(firstPurchase),
		lastPurchase: pick(lastPurchase),
		tenureDays: pick(tenureDays),
		meanInterpurchaseDays: pick(meanInterpurchaseDays),
		repeatDays: pick(repeatDays),
		recencySpanDays: pick(recencySpanDays),
		ageDays: pick(ageDays),
		repeatMeanValue: pick(repeatMeanValue),
		report: {
			rows: n,
			validRows,
			badRows,
			badByReason,
			badRowList,
			cancelledRows,
			returnRows,
			outsideWindowRows,
			orders,
			nonPositiveOrders,
			customers,
			customersWithoutPurchases,
			revenue,
		},
	};
}
