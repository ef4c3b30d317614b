// What the model-as-item nodes (Score Propensity, Score Uplift) share: Train / Score / Evaluate
// inputs and outputs, the Model Source parameters, reading the model from the Model input or a
// parameter, and item fields as the columns lib/ trains and scores on.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { PropensityError, type SplitSpec } from '../../lib/propensity';
import { fieldError, fieldProblem } from './errors';
import { readField } from './fields';
import { fieldNameParameter, getFieldName } from './parameters';

// Inlined into expressions by n8n (`={{(${modelNodeInputs})($parameter)}}`), so they must not refer to anything outside themselves.
export const modelNodeInputs = (parameters: IDataObject) =>
	parameters.operation !== 'train' && parameters.modelSource !== 'parameter'
		? [
				{ type: 'main', displayName: 'Data' },
				{ type: 'main', displayName: 'Model' },
			]
		: [{ type: 'main', displayName: 'Data' }];
export const modelNodeOutputs = (parameters: IDataObject) =>
	parameters.operation === 'score'
		? [
				{ type: 'main', displayName: 'Scored' },
				{ type: 'main', displayName: 'Report' },
			]
		: [{ type: 'main', displayName: parameters.operation === 'evaluate' ? 'Metrics' : 'Model' }];

/** Model Source, Model Field and Model (JSON), shown for Score and Evaluate. */
export function modelSourceProperties(example: string, description: string): INodeProperties[] {
	return [
		{
			displayName: 'Model Source',
			name: 'modelSource',
			type: 'options',
			displayOptions: { show: { operation: ['score', 'evaluate'] } },
			options: [
				{ name: 'Second Input', value: 'input', description: 'The first item of the Model input (e.g. from a Train node or a database row)' },
				{ name: 'Parameter or Expression', value: 'parameter', description: 'Paste the model JSON or reference it with an expression' },
			],
			default: 'input',
		},
		{
			displayName: 'Model Field',
			name: 'modelField',
			type: 'string',
			...fieldNameParameter('model'),
			default: 'model',
			displayOptions: { show: { operation: ['score', 'evaluate'], modelSource: ['input'] } },
			description: 'The field of the Model input item holding the model (an object or a JSON string). If the item itself is the model, it is used as is.',
		},
		{
			displayName: 'Model (JSON)',
			name: 'modelJson',
			type: 'json',
			default: '',
			required: true,
			displayOptions: { show: { operation: ['score', 'evaluate'], modelSource: ['parameter'] } },
			placeholder: example,
			description,
		},
	];
}

/** The raw model (object or JSON string) from the Model input's first item or the Model (JSON) parameter. */
export function modelParameterOrInput(context: IExecuteFunctions): unknown {
	const node = context.getNode();
	if ((context.getNodeParameter('modelSource', 0, 'input') as string) === 'parameter') return context.getNodeParameter('modelJson', 0);
	const modelItems = context.getInputData(1);
	if (!modelItems || modelItems.length === 0) {
		throw new NodeOperationError(node, 'No model on the Model input', {
			description: 'Connect the output of a Train operation (or an item holding a model) to the second input, or set Model Source to Parameter or Expression.',
		});
	}
	const json = modelItems[0].json;
	const field = getFieldName(context, 'modelField', 'model');
	const raw = json.formatVersion !== undefined ? json : readField(json, field);
	if (raw === undefined) {
		throw new NodeOperationError(node, `The Model input item has no field "${field}"`, { description: 'Set Model Field to the field that holds the model JSON.' });
	}
	return raw;
}

/** The named fields of the given items (default all) as columns, one value per item. */
export function itemColumns(items: INodeExecutionData[], fields: string[], rows: number[] | null): Record<string, unknown[]> {
	const columns: Record<string, unknown[]> = {};
	for (const field of fields) {
		const n = rows ? rows.length : items.length;
		const values = new Array<unknown>(n);
		for (let k = 0; k < n; k++) values[k] = readField(items[rows ? rows[k] : k].json, field);
		columns[field] = values;
	}
	return columns;
}

/** Throws when a model feature is absent from every given item; partial gaps are imputed and reported by lib/. */
export function requireFeatures(context: IExecuteFunctions, items: INodeExecutionData[], names: string[], rows: number[] | null): void {
	const absent = names.filter((name) => (rows ?? items.map((_, i) => i)).every((i) => readField(items[i].json, name) === undefined));
	if (absent.length) {
		throw new NodeOperationError(context.getNode(), `The input items lack the model feature${absent.length > 1 ? 's' : ''} ${absent.map((a) => `"${a}"`).join(', ')}`, {
			description: `The model was trained on: ${names.join(', ')}. Map these fields before this node, or retrain the model.`,
		});
	}
}

/** A lib error as a node error: naming the item and field when lib/ names a row, else its message. */
export function modelLibError(node: INode, items: INodeExecutionData[], error: unknown, description: string): NodeOperationError {
	if (error instanceof PropensityError) {
		if (error.row !== undefined && error.field !== undefined && items[error.row]) {
			return fieldError(node, error.row, fieldProblem(error.field, 'a usable value', readField(items[error.row].json, error.field)));
		}
		return new NodeOperationError(node, error.message, { description });
	}
	return new NodeOperationError(node, error as Error, { description });
}

/**
 * The validation split the Train options ask for (Validation, Validation Percent, Seed, Split Cutoff
 * Date); the Split Date Field comes read by getFieldName, so a dragged expression names the field.
 */
export function validationSplit(o: IDataObject, defaultType: string, defaultPercent: number, splitDateField: string): SplitSpec {
	const type = o.validation ?? defaultType;
	const fraction = Number(o.validationPercent ?? defaultPercent) / 100;
	if (type === 'random') return { type: 'random', fraction, seed: Number(o.seed ?? 1) };
	if (type === 'order') return { type: 'order', fraction };
	if (type === 'time') return { type: 'time', field: splitDateField, cutoff: String(o.splitCutoff ?? '') };
	return { type: 'none' };
}
