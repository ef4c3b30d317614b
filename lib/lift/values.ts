import { isMissingValue, readBoolean, readNumber } from '../records';
import type { MetricKind } from './compare';

export type ParsedValue = { ok: true; value: number } | { ok: false; expected: string };

/**
 * One customer's outcome as a number. Binary metrics take 0/1, booleans and yes/no words (as
 * lib/records reads them, t/f included); continuous metrics take finite numbers or numeric strings.
 * `missingAsZero` turns missing values (undefined, null, "", "n/a" and the other missing markers)
 * into 0, as a left join of conversions onto an audience implies.
 */
export function parseMetricValue(raw: unknown, kind: MetricKind, missingAsZero: boolean): ParsedValue {
	const expected = kind === 'binary' ? '0 or 1 (or true/false, t/f, yes/no)' : 'a number';
	if (isMissingValue(raw)) return missingAsZero ? { ok: true, value: 0 } : { ok: false, expected };
	const value = kind === 'binary' ? readBoolean(raw) : typeof raw === 'boolean' ? (raw ? 1 : 0) : readNumber(raw);
	return Number.isNaN(value) ? { ok: false, expected } : { ok: true, value };
}
