// Measure Lift as a marketer reads it in n8n's table: the first columns say who, what, how much
// (in percent, with its interval), how sure, and one plain-language line; the raw fields follow.
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { formatPValue } from '../../nodes/MeasureLift/results';
import { executeNode } from '../helpers/executeNode';

// 6,000 customers per arm: treatment converts 1,098 (18.3%), control 636 (10.6%); revenue 40 a conversion.
const rows = (['treatment', 'control'] as const).flatMap((arm) =>
	Array.from({ length: 6000 }, (_, i) => {
		const converted = i < (arm === 'treatment' ? 1098 : 636) ? 1 : 0;
		return { customerId: `${arm}-${i}`, holdout: { arm }, converted, revenue: converted * 40 };
	}),
);

describe('Measure Lift results, readable', () => {
	it('leads with arm, metric, lift in percent and its interval, p-value, significance and a summary', async () => {
		const { outputs } = await executeNode(new MeasureLift(), {
			parameters: { armField: 'holdout.arm', metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous' }] } },
			inputs: [rows],
		});
		const [converted, revenue] = outputs[0].map((item) => item.json);
		expect(Object.keys(converted).slice(0, 8)).toEqual(['arm', 'metric', 'liftPercent', 'liftPercentCiLow', 'liftPercentCiHigh', 'pValue', 'significant', 'summary']);
		// (18.3 - 10.6) / 10.6 = 72.6%; its interval brackets it; raw fields still there.
		expect(converted.liftPercent).toBeCloseTo(72.6, 1);
		expect(converted.liftPercentCiLow as number).toBeLessThan(converted.liftPercent as number);
		expect(converted.liftPercentCiHigh as number).toBeGreaterThan(converted.liftPercent as number);
		expect(converted.relativeLift).toBeCloseTo(0.7264, 3);
		expect(converted.summary).toMatch(/^Treatment converted 18\.3% vs 10\.6%: \+7\.7 pp \[\+6\.\d, \+[89]\.\d\], p < 0\.001$/);
		expect(revenue.summary).toMatch(/^Treatment revenue averaged 7\.32 vs 4\.24: \+3\.08 \[\+\d\.\d\d, \+\d\.\d\d\] \(\+72\.6%\), p < 0\.001 \(95% interval\)$/);
	});

	it('writes p-values as a reader expects', () => {
		expect(formatPValue(0.0004)).toBe('p < 0.001');
		expect(formatPValue(0.04213)).toBe('p = 0.042');
		expect(formatPValue(null)).toBe('p not available');
	});
});
