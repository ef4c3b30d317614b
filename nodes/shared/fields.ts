import type { IDataObject } from 'n8n-workflow';
import { valueKind } from '../../lib/records';

const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Reads a field by name or dot path (`customer.email`). A field whose exact name exists wins over
 * a dot path, so keys that contain dots still work. Only own properties are read: a path through
 * `__proto__`, `constructor` or `prototype` yields undefined rather than an inherited value.
 */
export function readField(json: IDataObject, path: string): unknown {
	if (Object.prototype.hasOwnProperty.call(json, path)) return json[path];
	let current: unknown = json;
	for (const segment of path.split('.')) {
		if (UNSAFE_SEGMENTS.has(segment)) return undefined;
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

/** A short description of a value's kind for error messages, never the value itself (it may be PII). */
export const describeKind = valueKind;

/** A non-empty identifier from a string or finite number, or undefined. */
export function asKey(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed === '' ? undefined : trimmed;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}

/** Sets `json[field] = value` as an own property, even for a field named `__proto__`. */
export function withField(json: IDataObject, field: string, value: unknown): IDataObject {
	const copy: IDataObject = { ...json };
	setField(copy, field, value);
	return copy;
}

/** Sets `field` on an object the node built itself (withField's copy), with the same literal-key semantics. */
export function setField(json: IDataObject, field: string, value: unknown): void {
	Object.defineProperty(json, field, { value, enumerable: true, writable: true, configurable: true });
}
