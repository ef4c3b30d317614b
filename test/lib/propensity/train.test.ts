import { championChallenger, kFold, parseTarget, PropensityError, splitRows, trainPropensity } from '../../../lib/propensity';
import { synthetic } from './data';

const FEATURES = ['x1', 'x2', 'region', 'member'];

describe('training and validation', () => {
	it('parses 0/1, booleans and yes/no targets; rejects anything else naming the row, and a constant target', () => {
		expect(Array.from(parseTarget([1, 0, true, false, 'yes', 'No', '1', 'false']))).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
		expect(() => parseTarget([1, 0, 'maybe'], 'converted')).toThrow('Row 2: the target "converted" must be 0/1, true/false or yes/no');
		expect(() => parseTarget([1, 2], 'converted')).toThrow(PropensityError);
		expect(() => parseTarget([0, 0, 'no'], 'converted')).toThrow(/only negative outcomes/);
	});

	it('splits: by file order, random with a seed, and out-of-time by a date', () => {
		const order = splitRows(10, {}, { type: 'order', fraction: 0.3 });
		expect(Array.from(order.train)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(Array.from(order.validation)).toEqual([7, 8, 9]);
		const a = splitRows(1000, {}, { type: 'random', fraction: 0.25, seed: 3 });
		const b = splitRows(1000, {}, { type: 'random', fraction: 0.25, seed: 3 });
		expect(Array.from(a.validation)).toEqual(Array.from(b.validation));
		expect(a.validation.length + a.train.length).toBe(1000);
		expect(a.validation.length).toBeGreaterThan(200);
		expect(a.validation.length).toBeLessThan(300);
		const dates = { d: ['2024-01-05', '2024-03-01', '2024-02-01', '2024-02-15'] };
		const t = splitRows(4, dates, { type: 'time', field: 'd', cutoff: '2024-02-01' });
		expect(Array.from(t.train)).toEqual([0]);
		expect(Array.from(t.validation)).toEqual([1, 2, 3]);
	});

	it('k-fold assignment is stratified: each fold has its share of positives', () => {
		const y = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
		const fold = kFold(y, 5, 2);
		for (let f = 0; f < 5; f++) {
			const rows = y.map((_, i) => i).filter((i) => fold[i] === f);
			expect(rows).toHaveLength(200);
			expect(rows.filter((i) => y[i] === 1)).toHaveLength(20);
		}
	});

	it('trains with a validation split, k-fold AUC and Platt recalibration; metrics are consistent', () => {
		const { columns } = synthetic(3000, 41);
		const { model, validationRows } = trainPropensity(columns, {
			target: 'y',
			features: FEATURES,
			validation: { type: 'random', fraction: 0.3, seed: 5 },
			folds: 3,
			platt: true,
			l2: 1,
		});
		expect(model.trainingWindow.validationRows).toBe(validationRows.length);
		expect(model.trainingWindow.rows + validationRows.length).toBe(3000);
		const v = model.metrics.validation!;
		expect(v.rows).toBe(validationRows.length);
		expect(v.auc!).toBeGreaterThan(0.7);
		expect(model.metrics.crossValidation!.auc).toHaveLength(3);
		expect(Math.abs(model.metrics.crossValidation!.meanAuc - model.metrics.training.auc!)).toBeLessThan(0.03);
		expect(model.calibration).toMatchObject({ method: 'platt', rows: validationRows.length });
		// Platt on a well-specified model is close to the identity.
		expect(model.calibration!.a).toBeGreaterThan(0.8);
		expect(model.calibration!.a).toBeLessThan(1.2);
		expect(model.solver).toMatchObject({ method: 'irls', l2: 1, converged: true });
	});

	it('balanced class weights raise the predicted rate of a rare outcome', () => {
		const { columns } = synthetic(3000, 42);
		const plain = trainPropensity(columns, { target: 'y', features: FEATURES }).model;
		const weighted = trainPropensity(columns, { target: 'y', features: FEATURES, classWeights: 'balanced' }).model;
		expect(weighted.solver.classWeights![1]).toBeGreaterThan(1);
		expect(weighted.metrics.training.deciles[9].meanScore!).toBeGreaterThan(plain.metrics.training.deciles[9].meanScore!);
	});

	it('records the training window of a date field', () => {
		const { columns } = synthetic(100, 43);
		const day = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
		const { model } = trainPropensity({ ...columns, day }, { target: 'y', features: ['x1'], dateField: 'day' });
		expect(model.trainingWindow).toMatchObject({ dateField: 'day', from: '2025-01-01T00:00:00.000Z', to: '2025-04-10T00:00:00.000Z' });
	});

	it('champion/challenger: a model with the informative feature beats one without', () => {
		const train = synthetic(3000, 44).columns;
		const champion = trainPropensity(train, { target: 'y', features: ['x2', 'member'] }).model;
		const challenger = trainPropensity(train, { target: 'y', features: FEATURES }).model;
		const holdout = synthetic(3000, 45);
		const result = championChallenger(champion, challenger, holdout.columns, Float64Array.from(holdout.y));
		expect(result.winner).toBe('challenger');
		expect(result.challenger.metrics.auc).toBeGreaterThan(result.champion.metrics.auc);
		expect(result.auc.pValue).toBeLessThan(0.001);
		const reverse = championChallenger(challenger, champion, holdout.columns, Float64Array.from(holdout.y));
		expect(reverse.winner).toBe('champion');
	});

	it('bad input: empty data, a missing target, the target as a feature', () => {
		expect(() => trainPropensity({ y: [], x1: [] }, { target: 'y', features: ['x1'] })).toThrow(/No rows/);
		expect(() => trainPropensity({ x1: [1, 2] }, { target: 'y', features: ['x1'] })).toThrow('Target "y" is not in the data');
		expect(() => trainPropensity({ y: [0, 1], x1: [1, 2] }, { target: 'y', features: ['x1', 'y'] })).toThrow(/cannot also be a feature/);
	});
});
