import type { INodeProperties } from 'n8n-workflow';

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
