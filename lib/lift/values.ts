import type { MetricKind } from './compare';

export type ParsedValue = { ok: true; value: number } | { ok: false; expected: string };

const TRUE_WORDS = new Set(['true', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'no', 'n']);

/**
 * One customer's outcome as a number. Binary metrics take 0/1, booleans and yes/no words;
 * continuous metrics take finite numbers or numeric strings. `missingAsZero` turns absent values
 * (undefined, null, empty string) into 0, as a left join of conversions onto an audience implies.
 */
export function parseMetricValue(raw: unknown, kind: MetricKind, missingAsZero: boolean): ParsedValue {
	const expected = kind === 'binary' ? '0 or 1 (or true/false, yes/no)' : 'a number';
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return missingAsZero ? { ok: true, value: 0 } : { ok: false, expected };
	}
	let value: number;
	if (typeof raw === 'boolean') value = raw ? 1 : 0;
	else if (typeof raw === 'number') value = raw;
	else if (typeof raw === 'string') {
		const word = raw.trim().toLowerCase();
		if (kind === 'binary' && TRUE_WORDS.has(word)) value = 1;
		else if (kind === 'binary' && FALSE_WORDS.has(word)) value = 0;
		else value = Number(word);
	} else return { ok: false, expected };
	if (!Number.isFinite(value)) return { ok: false, expected };
	if (kind === 'binary' && value !== 0 && value !== 1) return { ok: false, expected };
	return { ok: true, value };
}
