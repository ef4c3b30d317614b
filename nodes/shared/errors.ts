import { NodeOperationError, type INode, type INodeExecutionData } from 'n8n-workflow';
import { describeKind } from './fields';

/** What was wrong with one field of one item: the shape every node reports bad input in. */
export interface FieldProblem {
	field: string;
	expected: string;
	/** The kind of value found (e.g. "an empty string"), never the value: it may be personal data. */
	received: string;
}

export function fieldProblem(field: string, expected: string, value: unknown): FieldProblem {
	return { field, expected, received: describeKind(value) };
}

export function problemMessage(problem: FieldProblem, itemIndex: number): string {
	return `Item ${itemIndex}: field "${problem.field}" is ${problem.received}; expected ${problem.expected}`;
}

export function fieldError(node: INode, itemIndex: number, problem: FieldProblem): NodeOperationError {
	return new NodeOperationError(node, problemMessage(problem, itemIndex), {
		itemIndex,
		description: `Check the "${problem.field}" field of input item ${itemIndex}, or map a different field in the node's parameters.`,
	});
}

/**
 * The item that carries an error with Continue On Fail: the input's fields plus `error` (a
 * readable message) and `details` (item index, field, expected, received).
 *
 * n8n replaces the JSON of any item that has `item.error` set, so that is not used. With
 * "Continue (using error output)" n8n routes an item whose JSON has only `error`/`details` to the
 * error output and merges the input item's fields back in itself; with "Continue (using regular
 * output)" the node keeps the fields, and routes the item to its fail-safe output.
 */
export function errorItem(
	node: INode,
	item: INodeExecutionData,
	itemIndex: number,
	error: NodeOperationError,
	problem?: FieldProblem,
): INodeExecutionData {
	const report = { error: error.message, details: { itemIndex, ...(problem ?? {}) } };
	return {
		json: node.onError === 'continueErrorOutput' ? report : { ...item.json, ...report },
		pairedItem: { item: itemIndex },
	};
}
