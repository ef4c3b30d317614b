import { loadModel, modelHash, PropensityError, trainPropensity, type PropensityModel } from '../../../lib/propensity';
import { synthetic } from './data';

function model(): PropensityModel {
	const { columns } = synthetic(1500, 21);
	return trainPropensity(columns, { target: 'y', features: ['x1', 'x2', 'region', 'member'], createdAt: '2026-01-01T00:00:00.000Z' }).model;
}

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (e) {
		return e instanceof PropensityError ? e.code : `other: ${(e as Error).message}`;
	}
	return undefined;
}

describe('model JSON', () => {
	it('survives JSON and loads back equal; the ID is the content hash, independent of creation time', () => {
		const m = model();
		expect(m.modelId).toMatch(/^sha256:[0-9a-f]{64}$/);
		const loaded = loadModel(JSON.parse(JSON.stringify(m)));
		expect(loaded).toEqual(m);
		expect(loadModel(JSON.stringify(m)).modelId).toBe(m.modelId);
		expect(modelHash({ ...m, createdAt: '2030-01-01T00:00:00.000Z' })).toBe(m.modelId);
		expect(m).toMatchObject({ formatVersion: 1, kind: 'logistic-regression', target: { field: 'y' }, trainingWindow: { rows: 1500 } });
		expect(m.coefficients.map((c) => c.name)).toEqual(['(intercept)', 'x1', 'x2', 'region=south', 'region=west', 'member']);
		expect(m.coefficients.every((c) => c.standardError !== null && c.standardError > 0)).toBe(true);
	});

	it('a retrained identical model gets the same ID; different data a different one', () => {
		expect(model().modelId).toBe(model().modelId);
		const { columns } = synthetic(1500, 22);
		expect(trainPropensity(columns, { target: 'y', features: ['x1', 'x2', 'region', 'member'] }).model.modelId).not.toBe(model().modelId);
	});

	it('rejects an unknown format version with a clear message', () => {
		const m = { ...model(), formatVersion: 2 };
		expect(codeOf(() => loadModel(m))).toBe('unsupported-version');
		expect(() => loadModel(m)).toThrow('Model format version 2 is not supported: this package reads version 1');
		expect(codeOf(() => loadModel({ hello: 1 }))).toBe('unsupported-version');
	});

	it('rejects malformed, edited and non-JSON models', () => {
		const m = model();
		expect(codeOf(() => loadModel('{nope'))).toBe('bad-model');
		expect(codeOf(() => loadModel([m]))).toBe('bad-model');
		const broken = JSON.parse(JSON.stringify(m));
		delete broken.features;
		expect(() => loadModel(broken)).toThrow(/malformed at "features"/);
		const edited = JSON.parse(JSON.stringify(m));
		edited.coefficients[1].estimate += 1;
		expect(() => loadModel(edited)).toThrow(/does not match its modelId/);
	});
});
