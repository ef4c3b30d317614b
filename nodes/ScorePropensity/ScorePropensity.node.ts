import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { evaluate, loadModel, scoreColumns, targetValue, trainPropensity, type Columns, type PropensityModel } from '../../lib/propensity';
import {
	addRunSummary,
	errorItem,
	fieldError,
	fieldProblem,
	getFieldName,
	isFileInput,
	itemColumns,
	modelLibError,
	modelNodeInputs,
	modelNodeOutputs,
	modelParameterOrInput,
	pairedWith,
	readField,
	requireFeatures,
	roundTo,
	tally,
	withField,
} from '../shared';
import { scorePropensityFile } from './fileMode';
import { scorePropensityProperties } from './properties';
import { evaluationJson, modelItemJson, scoreReport, scoreSettings, scoreValue, TARGET_EXPECTED, trainedSummary, trainSettings } from './results';

export class ScorePropensity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Score Propensity',
		name: 'scorePropensity',
		icon: { light: 'file:scorePropensity.svg', dark: 'file:scorePropensity.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ train: "Train a model", score: "Score with a model", evaluate: "Evaluate a model" })[$parameter["operation"]] }}',
		description:
			'Train a propensity model (logistic regression) on customers with known outcomes, score new customers with probability, decile, tier and top reasons, and evaluate models with lift, calibration and drift',
		defaults: { name: 'Score Propensity' },
		usableAsTool: true,
		inputs: `={{(${modelNodeInputs})($parameter)}}`,
		outputs: `={{(${modelNodeOutputs})($parameter)}}`,
		properties: scorePropensityProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const items = this.getInputData(0);
		const operation = this.getNodeParameter('operation', 0) as 'train' | 'score' | 'evaluate';
		if (isFileInput(this)) return await scorePropensityFile(this, operation);

		const libError = (error: unknown, description: string) => modelLibError(node, items, error, description);

		/** Rows whose target is usable; bad ones become error items (Continue On Fail) or throw. */
		const targetRows = (targetField: string, failed: INodeExecutionData[]) => {
			const rows: number[] = [];
			const y: number[] = [];
			for (let i = 0; i < items.length; i++) {
				const value = readField(items[i].json, targetField);
				const t = targetValue(value);
				if (Number.isNaN(t)) {
					const problem = fieldProblem(targetField, TARGET_EXPECTED, value);
					const error = fieldError(node, i, problem);
					if (!this.continueOnFail()) throw error;
					failed.push(errorItem(node, items[i], i, error, problem));
					continue;
				}
				rows.push(i);
				y.push(t);
			}
			return { rows, y };
		};

		const columnsOf = (fields: string[], rows: number[] | null): Columns => itemColumns(items, fields, rows);

		const getModel = (): PropensityModel => {
			const raw = modelParameterOrInput(this);
			try {
				return loadModel(raw);
			} catch (error) {
				throw libError(error, 'Use the model JSON a Train operation of this node produced.');
			}
		};

		if (operation === 'train') {
			if (items.length === 0) throw new NodeOperationError(node, 'No input items to train on');
			const { targetField, features, splitDateField, options } = trainSettings(this);
			if (features.length === 0) throw new NodeOperationError(node, 'Feature Fields is empty', { description: 'List the item fields to predict from, separated by commas.' });
			const failed: INodeExecutionData[] = [];
			const { rows, y } = targetRows(targetField, failed);
			if (rows.length === 0) throw new NodeOperationError(node, `No item has a usable "${targetField}" (${TARGET_EXPECTED})`);
			const columns = columnsOf([...features, ...(splitDateField ? [splitDateField] : [])], rows);
			columns[targetField] = y;
			let model: PropensityModel;
			try {
				model = trainPropensity(columns, options).model;
			} catch (error) {
				throw libError(error, 'Check the target and feature fields: every feature needs at least two distinct values, and the target both outcomes.');
			}
			for (const message of model.solver.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
			addRunSummary(this, trainedSummary(model));
			return [[{ json: modelItemJson(model), pairedItem: pairedWith(rows) }, ...failed]];
		}

		const model = getModel();
		const featureNames = model.features.map((f) => f.name);

		if (operation === 'score') {
			if (items.length === 0) return [[], []];
			requireFeatures(this, items, featureNames, null);
			const { outputField, options } = scoreSettings(this);
			let result;
			try {
				result = scoreColumns(model, columnsOf(featureNames, null), options);
			} catch (error) {
				throw libError(error, 'Check that the items carry the fields the model was trained on.');
			}
			const scored: INodeExecutionData[] = items.map((item, i) => ({
				json: withField(item.json, outputField, scoreValue(model, result, i)),
				...(item.binary ? { binary: item.binary } : {}),
				pairedItem: { item: i },
			}));
			for (const message of result.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
			addRunSummary(this, `Scored ${result.n} items: ${tally(result.tier)}`);
			return [scored, [{ json: scoreReport(model, result), pairedItem: pairedWith(items.map((_, i) => i)) }]];
		}

		// evaluate
		if (items.length === 0) throw new NodeOperationError(node, 'No input items to evaluate on');
		const targetField = getFieldName(this, 'targetField');
		const failed: INodeExecutionData[] = [];
		const { rows, y } = targetRows(targetField, failed);
		if (rows.length === 0) throw new NodeOperationError(node, `No item has a usable "${targetField}" (${TARGET_EXPECTED})`);
		requireFeatures(this, items, featureNames, rows);
		let result;
		try {
			result = scoreColumns(model, columnsOf(featureNames, rows), { drift: true });
		} catch (error) {
			throw libError(error, 'Check that the items carry the fields the model was trained on.');
		}
		const metrics = evaluate(y, result.probability);
		for (const message of result.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
		addRunSummary(this, `Evaluated on ${rows.length} rows: AUC ${roundTo(metrics.auc, 3)}, top-decile lift ${roundTo(metrics.topDecileLift, 2)}`);
		return [[{ json: evaluationJson(model, result, metrics), pairedItem: pairedWith(rows) }, ...failed]];
	}
}
