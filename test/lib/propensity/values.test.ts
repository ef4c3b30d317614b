// Score Propensity reads values as the rest of the pack does (lib/records/values.ts).
import { inferSpec, parseDate, scoreColumns, trainPropensity } from '../../../lib/propensity';
import { seededRandom } from '../../../lib/stats/random';

function exportWithOneNa(n: number) {
	const random = seededRandom(7);
	const spend: unknown[] = [];
	const y: unknown[] = [];
	for (let i = 0; i < n; i++) {
		const value = Math.round(random() * 200) / 2;
		spend.push(value);
		y.push(random() < 1 / (1 + Math.exp(-(value - 50) / 20)) ? 'Y' : 'N');
	}
	spend[137] = 'n/a';
	return { spend, y };
}

describe('Score Propensity values', () => {
	it('Train reads one "n/a" in a 400-row numeric column as missing, not as a category', () => {
		const columns = exportWithOneNa(400);
		expect(inferSpec(columns, ['spend'])).toEqual([{ name: 'spend', type: 'numeric' }]);
		const { model } = trainPropensity(columns, { target: 'y', features: ['spend'] });
		const spend = model.features.find((f) => f.name === 'spend')!;
		expect(spend).toMatchObject({ type: 'numeric', missingIndicator: true });
		// Score treats the same value the same way: missing, imputed, not invalid.
		const scored = scoreColumns(model, { spend: ['n/a', 10] });
		expect(scored.report.missing.spend).toBe(1);
		expect(scored.report.invalid.spend).toBeUndefined();
	});

	it('reads "1700000000" as epoch seconds, like the number', () => {
		expect(parseDate('1700000000')).toBe(1_700_000_000_000);
		expect(parseDate(1_700_000_000)).toBe(1_700_000_000_000);
		expect(parseDate('20240115')).toBe(Date.UTC(2024, 0, 15));
	});
});
