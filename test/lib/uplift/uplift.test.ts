import { loadModel, scoreColumns, stratifiedSplit, trainPropensity } from '../../../lib/propensity';
import {
	auuc,
	evaluateUplift,
	loadUpliftModel,
	qiniChartSvg,
	qiniCoefficient,
	qiniCurve,
	qiniPoints,
	scoreUplift,
	segmentOf,
	trainUplift,
	upliftAtK,
	upliftHash,
} from '../../../lib/uplift';
import { columnsOf, recovery, syntheticCampaign } from './synthetic';

// A small case worked by bench/uplift-reference.py (scikit-uplift's definitions on numpy).
const y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1];
const t = [1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0];
const u = [0.9, 0.8, 0.1, 0.7, 0.3, 0.3, -0.2, 0.0, 0.5, 0.6, -0.4, 0.2];

describe('uplift metrics', () => {
	it('Qini curve, Qini coefficient, AUUC and uplift@k equal the Python reference', () => {
		const c = qiniCurve(y, u, t);
		expect(Array.from(c.x)).toEqual([0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]);
		Array.from(c.y).forEach((v, i) => expect(v).toBeCloseTo([0, 1, 1, 2, 2, 3, 3, 0, -1, 0, -0.6, 0][i], 12));
		expect(qiniCoefficient(y, u, t)).toBeCloseTo(0.49629629629629624, 14);
		expect(auuc(y, u, t)).toBeCloseTo(0.32469135802469135, 14);
		expect(upliftAtK(y, u, t, 0.75).uplift).toBeCloseTo(-0.16666666666666663, 14);
		// The top half holds no control row: no uplift can be measured there.
		expect(upliftAtK(y, u, t, 0.5).uplift).toBeNull();
	});

	it('a perfect ranking scores 1, its reverse less than 0; points run from 0 to the total', () => {
		const perfect = y.map((v, i) => (t[i] ? v : -v));
		expect(qiniCoefficient(y, perfect, t)).toBeCloseTo(1, 12);
		expect(qiniCoefficient(y, perfect.map((v) => -v), t)).toBeLessThan(0);
		const points = qiniPoints(y, u, t, 4);
		expect(points[0]).toEqual({ share: 0, qini: 0, random: 0 });
		expect(points[4].qini).toBeCloseTo(points[4].random, 12);
	});

	it('deciles carry observed lift with intervals; the sample-ratio check flags a lopsided split', () => {
		const { rows, truth } = syntheticCampaign(4000, 3);
		const yy = rows.map((r) => r.converted);
		const tt = rows.map((r) => Number(r.arm === 'treatment'));
		const oracle = truth.map((s) => ({ Persuadable: 0.3, 'Sure Thing': 0, 'Lost Cause': 0, 'Do Not Disturb': -0.3 })[s]);
		const m = evaluateUplift(yy, oracle, tt);
		expect(m.deciles).toHaveLength(10);
		expect(m.deciles[0].observed!).toBeGreaterThan(0.2);
		expect(m.deciles[0].ciLow!).toBeLessThan(m.deciles[0].observed!);
		expect(m.deciles[9].observed!).toBeLessThan(0);
		expect(m.sampleRatio.mismatch).toBe(false);
		expect(evaluateUplift(yy, oracle, tt, { treatedShare: 0.3 }).sampleRatio.mismatch).toBe(true);
	});
});

describe('segments', () => {
	it('follow the documented cut rules', () => {
		const rules = { minUplift: 0.05, sureThingProbability: 0.5 };
		expect(segmentOf(0.05, 0.1, rules)).toBe('Persuadable');
		expect(segmentOf(-0.05, 0.9, rules)).toBe('Do Not Disturb');
		expect(segmentOf(0.01, 0.5, rules)).toBe('Sure Thing');
		expect(segmentOf(-0.01, 0.49, rules)).toBe('Lost Cause');
	});
});

describe('stratifiedSplit', () => {
	it('holds out the same share of every stratum, reproducibly', () => {
		const strata = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 3 : i % 2));
		const a = stratifiedSplit(strata, 0.3, 5);
		expect(stratifiedSplit(strata, 0.3, 5)).toEqual(a);
		expect(a.validation.length + a.train.length).toBe(1000);
		for (const s of [0, 1, 3]) {
			const all = strata.filter((v) => v === s).length;
			const held = Array.from(a.validation).filter((i) => strata[i] === s).length;
			expect(held).toBe(Math.round(all * 0.3));
		}
	});
});

describe('trainUplift / scoreUplift', () => {
	const { rows, truth } = syntheticCampaign(6000, 11);
	const columns = columnsOf(rows);
	const options = { treatment: 'arm', target: 'converted', features: ['persona', 'tenure', 'channel'], createdAt: '2026-01-01T00:00:00.000Z', segments: { minUplift: 0.1 } };

	it('the T-learner is two lib/propensity models on the arms, sharing one fitted design', () => {
		const { model, uplift } = trainUplift(columns, { ...options, validation: { type: 'none' } });
		expect(model.models.treatment!.features).toEqual(model.models.control.features);
		const treatedRows = Int32Array.from(rows.flatMap((r, i) => (r.arm === 'treatment' ? [i] : [])));
		const direct = trainPropensity(columns, { target: 'converted', features: options.features, rows: treatedRows, fittedFeatures: model.models.control.features as never, createdAt: options.createdAt }).model;
		expect(direct.modelId).toBe(model.models.treatment!.modelId);
		const pT = scoreColumns(direct, columns).probability;
		const pC = scoreColumns(model.models.control, columns).probability;
		for (let i = 0; i < 50; i++) expect(uplift[i]).toBeCloseTo(pT[i] - pC[i], 12);
	});

	it('recovers the known segments (precision and recall above 0.7 with 85% signal; bench:uplift prints them)', () => {
		const { model } = trainUplift(columns, options);
		const scored = scoreUplift(model, columns);
		const r = recovery(scored.segment, truth);
		for (const s of ['Persuadable', 'Sure Thing', 'Lost Cause', 'Do Not Disturb'] as const) {
			expect(r[s].precision).toBeGreaterThan(0.7);
			expect(r[s].recall).toBeGreaterThan(0.7);
		}
		expect(model.metrics.training.qini!).toBeGreaterThan(0.1);
	});

	it('class transformation ranks the same personas and gives arm probabilities', () => {
		const { model } = trainUplift(columns, { ...options, learner: 'class-transformation' });
		const scored = scoreUplift(model, columns);
		const r = recovery(scored.segment, truth);
		expect(r.Persuadable.precision).toBeGreaterThan(0.7);
		expect(r['Do Not Disturb'].recall).toBeGreaterThan(0.7);
		expect(scored.treatedProbability.every((p) => p >= 0 && p <= 1)).toBe(true);
	});

	it('the model travels as JSON: content-hash ID, tampering rejected, a propensity model refused', () => {
		const { model } = trainUplift(columns, options);
		const copy = JSON.parse(JSON.stringify(model));
		expect(loadUpliftModel(JSON.stringify(model)).modelId).toBe(model.modelId);
		expect(upliftHash({ ...copy, createdAt: 'later' })).toBe(model.modelId);
		copy.models.control.coefficients[1].estimate += 0.5;
		expect(() => loadUpliftModel(copy)).toThrow(/does not match/);
		expect(() => loadUpliftModel(model.models.control)).toThrow(/propensity model/);
		expect(loadModel(model.models.control).modelId).toBe(model.models.control.modelId);
	});

	it('scores with top reasons and drift; a shifted population drifts', () => {
		const { model } = trainUplift(columns, options);
		const scored = scoreUplift(model, columns, { topContributions: 2 });
		expect(scored.reasonsOf(0)).toHaveLength(2);
		expect(scored.drift!.drifted).toEqual([]);
		const shifted = columnsOf(rows.map((r) => ({ ...r, persona: 'bargain-hunter' })));
		expect(scoreUplift(model, shifted).drift!.drifted).toContain('persona');
	});

	it('refuses an arm without both outcomes, and a row in neither arm', () => {
		const flat = { ...columns, converted: rows.map((r) => (r.arm === 'control' ? 0 : r.converted)) };
		expect(() => trainUplift(flat, options)).toThrow(/control arm has only negative/);
		const odd = { ...columns, arm: rows.map((r, i) => (i === 5 ? 'maybe' : r.arm)) };
		expect(() => trainUplift(odd, options)).toThrow(/Row 5/);
	});

	it('draws the Qini chart as SVG with the random line', () => {
		const svg = qiniChartSvg(qiniPoints([1, 0, 1, 0], [0.4, 0.3, 0.2, 0.1], [1, 1, 0, 0], 4), 'Qini <visit>');
		expect(svg).toContain('&lt;visit&gt;');
		expect(svg).toContain('stroke-dasharray="6 4"');
		expect(svg).toContain('<polyline');
	});
});
