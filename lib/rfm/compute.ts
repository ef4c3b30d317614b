// The whole RFM pipeline: features -> scores -> named segments -> optional k-means and CLV.
import {
	bgNbdConditionalExpected,
	bgNbdProbabilityAlive,
	customerLifetimeValue,
	fitBgNbd,
	fitGammaGamma,
	gammaGammaExpectedSpend,
	type BgNbdParams,
	type FitInfo,
	type GammaGammaParams,
} from './clv';
import { computeFeatures, type FeatureOptions, type RfmFeatures, type TransactionColumns } from './features';
import { kmeansSegments, type KMeansOptions, type KMeansSegments } from './kmeans';
import { checkCutPoints, cutPointScores, quintileScores, roundToMinorUnit } from './scores';
import { NO_PURCHASES, SEGMENTS, segmentOf, type SegmentName } from './segments';

export interface ClvSettings {
	/** Horizon in days. Default 365. */
	horizonDays?: number;
	/** Annual discount rate, applied monthly. Default 0.1. */
	annualDiscountRate?: number;
}

export interface RfmOptions extends FeatureOptions {
	/** Score monetary on the total (default) or the average order value. */
	monetary?: 'total' | 'average';
	/** Monetary is scored on amounts rounded to this many decimals (the currency's minor unit). Default 2. */
	currencyDecimals?: number;
	/** Four ascending cut points per dimension instead of quintiles. */
	cutPoints?: { recency?: number[]; frequency?: number[]; monetary?: number[] };
	kmeans?: KMeansOptions | false;
	clv?: ClvSettings | false;
}

export interface SegmentSummary {
	segment: SegmentName;
	customers: number;
	share: number;
	revenue: number;
	revenueShare: number;
	meanRecencyDays: number | null;
	meanFrequency: number | null;
	meanMonetary: number | null;
}

export interface ClvResult {
	bgnbd: BgNbdParams & FitInfo;
	gammaGamma: (GammaGammaParams & FitInfo) | null;
	horizonDays: number;
	annualDiscountRate: number;
	pAlive: Float64Array;
	expectedPurchases: Float64Array;
	expectedSpend: Float64Array;
	clv: Float64Array;
}

export interface RfmResult {
	features: RfmFeatures;
	rScore: Uint8Array;
	fScore: Uint8Array;
	mScore: Uint8Array;
	segment: SegmentName[];
	segments: SegmentSummary[];
	kmeans: KMeansSegments | null;
	clv: ClvResult | null;
}

const MONTH_DAYS = 365.25 / 12;

function summarize(features: RfmFeatures, segment: SegmentName[]): SegmentSummary[] {
	const names: SegmentName[] = [...SEGMENTS, NO_PURCHASES];
	const acc = new Map(names.map((name) => [name, { customers: 0, revenue: 0, r: 0, f: 0, m: 0 }]));
	const { recencyDays, frequency, monetaryTotal } = features;
	let revenue = 0;
	for (let c = 0; c < segment.length; c++) {
		const a = acc.get(segment[c])!;
		a.customers++;
		a.revenue += monetaryTotal[c];
		revenue += monetaryTotal[c];
		if (frequency[c] > 0) {
			a.r += recencyDays[c];
			a.f += frequency[c];
			a.m += monetaryTotal[c];
		}
	}
	const total = segment.length;
	return names.map((name) => {
		const a = acc.get(name)!;
		const scored = name !== NO_PURCHASES && a.customers > 0;
		return {
			segment: name,
			customers: a.customers,
			share: total ? a.customers / total : 0,
			revenue: a.revenue,
			revenueShare: revenue ? a.revenue / revenue : 0,
			meanRecencyDays: scored ? a.r / a.customers : null,
			meanFrequency: scored ? a.f / a.customers : null,
			meanMonetary: scored ? a.m / a.customers : null,
		};
	});
}

function computeClv(features: RfmFeatures, settings: ClvSettings): ClvResult {
	const horizonDays = settings.horizonDays ?? 365;
	const annual = settings.annualDiscountRate ?? 0.1;
	if (!(horizonDays > 0)) throw new RangeError('CLV horizon must be > 0 days');
	if (!(annual >= 0)) throw new RangeError('CLV discount rate must be >= 0');
	const { frequency, repeatDays, recencySpanDays, ageDays, repeatMeanValue } = features;
	const idx: number[] = [];
	for (let c = 0; c < frequency.length; c++) if (frequency[c] > 0 && ageDays[c] > 0) idx.push(c);
	const x = idx.map((c) => repeatDays[c]);
	const tx = idx.map((c) => recencySpanDays[c]);
	const T = idx.map((c) => ageDays[c]);
	const bgnbd = fitBgNbd(x, tx, T);
	let gammaGamma: ClvResult['gammaGamma'] = null;
	const m = idx.map((c) => repeatMeanValue[c]);
	const repeaters = x.filter((v, i) => v > 0 && m[i] > 0).length;
	if (repeaters >= 2) {
		gammaGamma = fitGammaGamma(
			x.map((v, i) => (m[i] > 0 ? v : 0)),
			m,
		);
	}
	const n = frequency.length;
	const pAlive = new Float64Array(n).fill(NaN);
	const expectedPurchases = new Float64Array(n).fill(NaN);
	const expectedSpend = new Float64Array(n).fill(NaN);
	const clv = new Float64Array(n).fill(NaN);
	const monthly = Math.pow(1 + annual, 1 / 12) - 1;
	const cache = new Map<string, [number, number, number]>();
	idx.forEach((c, i) => {
		const key = `${x[i]},${tx[i]},${T[i]}`;
		let value = cache.get(key);
		if (!value) {
			const purchases = bgNbdConditionalExpected(bgnbd, horizonDays, x[i], tx[i], T[i]);
			const unitClv = customerLifetimeValue(bgnbd, 1, x[i], tx[i], T[i], { horizon: horizonDays, period: MONTH_DAYS, discountRate: monthly });
			value = [bgNbdProbabilityAlive(bgnbd, x[i], tx[i], T[i]), purchases, unitClv];
			cache.set(key, value);
		}
		pAlive[c] = value[0];
		expectedPurchases[c] = value[1];
		if (gammaGamma) {
			// Without repeat purchases the expected spend is the population mean (x = 0).
			expectedSpend[c] = gammaGammaExpectedSpend(gammaGamma, m[i] > 0 ? x[i] : 0, m[i]);
			clv[c] = value[2] * expectedSpend[c];
		}
	});
	return { bgnbd, gammaGamma, horizonDays, annualDiscountRate: annual, pAlive, expectedPurchases, expectedSpend, clv };
}

export function computeRfm(columns: TransactionColumns, options: RfmOptions = {}): RfmResult {
	const features = computeFeatures(columns, { ...options, clvSummary: !!options.clv });
	const monetary = options.monetary === 'average' ? features.monetaryAverage : features.monetaryTotal;
	// A customer without purchases has NaN recency; keep monetary NaN for them too when scoring.
	const m = features.customerIds.length;
	const monetaryForScore = new Float64Array(m);
	const frequencyForScore = new Float64Array(m);
	for (let c = 0; c < m; c++) {
		const bought = features.frequency[c] > 0;
		monetaryForScore[c] = bought ? monetary[c] : NaN;
		frequencyForScore[c] = bought ? features.frequency[c] : NaN;
	}
	const cuts = options.cutPoints ?? {};
	const rScore = cuts.recency ? cutPointScores(features.recencyDays, checkCutPoints(cuts.recency, 'recency'), false) : quintileScores(features.recencyDays, false);
	const fScore = cuts.frequency ? cutPointScores(frequencyForScore, checkCutPoints(cuts.frequency, 'frequency'), true) : quintileScores(frequencyForScore, true);
	const monetaryInMinorUnits = roundToMinorUnit(monetaryForScore, options.currencyDecimals);
	const mScore = cuts.monetary ? cutPointScores(monetaryInMinorUnits, checkCutPoints(cuts.monetary, 'monetary'), true) : quintileScores(monetaryInMinorUnits, true);
	const segment: SegmentName[] = new Array(features.customerIds.length);
	for (let c = 0; c < segment.length; c++) segment[c] = segmentOf(rScore[c], fScore[c], mScore[c]);
	const km = options.kmeans ? kmeansSegments(features.recencyDays, features.frequency, monetary, options.kmeans) : null;
	const clv = options.clv ? computeClv(features, options.clv) : null;
	return { features, rScore, fScore, mScore, segment, segments: summarize(features, segment), kmeans: km, clv };
}
