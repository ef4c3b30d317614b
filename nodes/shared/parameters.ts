import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * What makes a parameter take the name of an item field. With `requiresDataPath`, dragging an input
 * field onto the parameter writes the field's path (`email`, `customer.email`) rather than an
 * expression of its value, which the node would read as a field name and find missing on every item.
 * `list` parameters take several names separated by commas; a drag appends one.
 */
export function fieldNameParameter(example: string, list = false): Pick<INodeProperties, 'requiresDataPath' | 'hint'> {
	return list
		? { requiresDataPath: 'multiple', hint: `Field names separated by commas, e.g. ${example} (drag fields here)` }
		: { requiresDataPath: 'single', hint: `Field name, e.g. ${example} (drag a field here)` };
}

// `$json` or `$input.item.json`, then one or more `.name`, `?.name`, `["name"]`, `['name']` or `[0]`.
const BASE = /^\s*\$(?:json|input\.item\.json)/;
const SEGMENT = /^\s*(?:\?\.\s*|\.\s*)?(?:([A-Za-z_$][\w$]*)|\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\d+))\s*\])/;

/** `$json.customer.email` -> `customer.email`; undefined unless the code only reads one field of the item. */
function pathOfFieldAccess(code: string): string | undefined {
	const base = BASE.exec(code);
	if (!base) return undefined;
	let rest = code.slice(base[0].length);
	const segments: string[] = [];
	while (rest.trim() !== '') {
		// A bare name must follow a dot: `$jsonx` is another variable.
		if (!/^\s*(\?\.|\.|\[)/.test(rest)) return undefined;
		const match = SEGMENT.exec(rest);
		if (!match) return undefined;
		const quoted = match[2] ?? match[3];
		segments.push(match[1] ?? match[4] ?? quoted!.replace(/\\(.)/g, '$1'));
		rest = rest.slice(match[0].length);
	}
	return segments.length > 0 ? segments.join('.') : undefined;
}

/** `{{ $json.email }}` -> `email`; undefined for any other text. */
function pathOfFieldExpression(text: string): string | undefined {
	const match = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text);
	if (!match || match[1].includes('{{') || match[1].includes('}}')) return undefined;
	return pathOfFieldAccess(match[1]);
}

/**
 * The field path a raw field-name parameter value stands for when it is an expression that only
 * reads item fields: `={{ $json.email }}` (what the editor wrote on a drag before the parameter had
 * `requiresDataPath`, or a field dragged into expression mode), `={{ $json["email"] }}`,
 * `={{ $json.customer.email }}`, the same without the leading `=`, and for lists a comma list of
 * names and such expressions (`={{ $json.age }}, {{ $json.region }}`). Evaluated, such an
 * expression would give item 0's value, which the node would then look for as a field name in
 * every item. Undefined for a plain name and for any other expression (that one is evaluated).
 */
export function fieldPathOfExpression(raw: unknown, list = false): string | undefined {
	if (typeof raw !== 'string' || !raw.includes('{{')) return undefined;
	const text = raw.startsWith('=') ? raw.slice(1) : raw;
	if (!list) return pathOfFieldExpression(text);
	const parts: string[] = [];
	// Commas inside {{ }} belong to the expression: split only outside.
	for (const part of text.split(/,(?![^{]*\}\})/)) {
		if (part.trim() === '') continue;
		if (!part.includes('{{') && !part.includes('}}')) {
			parts.push(part.trim());
			continue;
		}
		const path = pathOfFieldExpression(part);
		if (path === undefined) return undefined;
		parts.push(path);
	}
	return parts.join(', ');
}

/**
 * Reads a field-name parameter (one made with `fieldNameParameter`), also inside a collection
 * (`audienceFields.emailField`, `options.segmentField`, `metrics.metric[0].field`): the name as
 * typed or dragged, or the path an expression reading one item field stands for
 * (`fieldPathOfExpression`), else the parameter evaluated at item 0. Trimmed; `fallback` when the
 * parameter is absent or empty.
 */
export function getFieldName(context: Pick<IExecuteFunctions, 'getNodeParameter'>, path: string, fallback = '', list = false): string {
	const raw = context.getNodeParameter(path, 0, fallback, { rawExpressions: true });
	const value = fieldPathOfExpression(raw, list) ?? context.getNodeParameter(path, 0, fallback);
	return (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '') || fallback;
}

/** A comma-separated parameter (statuses, field names, countries) as its non-empty, trimmed parts. */
export function commaList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}
