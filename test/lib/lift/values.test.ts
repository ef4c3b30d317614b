import { parseMetricValue } from '../../../lib/lift/values';

describe('Measure Lift outcome values', () => {
	it('reads t/f (how PostgreSQL writes booleans as text) and Y/N like true/false', () => {
		expect(['t', 'T', 'Y', 'true', '1', 1, true].map((v) => parseMetricValue(v, 'binary', false))).toEqual(Array(7).fill({ ok: true, value: 1 }));
		expect(['f', 'F', 'N', 'false', '0', 0, false].map((v) => parseMetricValue(v, 'binary', false))).toEqual(Array(7).fill({ ok: true, value: 0 }));
	});

	it('treats "n/a", "NA" and "null" as missing (zero when missing means no conversion), never as a bad value', () => {
		for (const marker of ['n/a', 'NA', 'null', '-']) {
			expect(parseMetricValue(marker, 'continuous', true)).toEqual({ ok: true, value: 0 });
			expect(parseMetricValue(marker, 'binary', false)).toEqual({ ok: false, expected: expect.any(String) });
		}
		expect(parseMetricValue('12abc', 'continuous', true).ok).toBe(false);
	});
});
