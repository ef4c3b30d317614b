import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	evaluate,
	loadModel,
	scoreColumns,
	targetValue,
	trainPropensity,
	type Columns,
	type Metrics,
	type ModelMetrics,
	type PropensityModel,
	type ScoreOptions,
	type TrainOptions,
} from '../../lib/propensity';
import {
	addRunSummary,
	errorItem,
	fieldError,
	fieldProblem,
	getFieldName,
	itemColumns,
	modelLibError,
	modelNodeInputs,
	modelNodeOutputs,
	modelParameterOrInput,
	pairedWith,
	PROBABILITY_DECIMALS,
	readField,
	requireFeatures,
	validationSplit,
	roundTo,
	tally,
	withField,
} from '../shared';
import { scorePropensityProperties } from './properties';

const TARGET_EXPECTED = '0/1, true/false or yes/no';

const list = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');

function summary(m: ModelMetrics | Metrics | null): IDataObject | null {
	if (!m) return null;
	return {
		rows: m.rows,
		responders: m.responders,
		baseRate: m.baseRate,
		auc: m.auc,
		logLoss: m.logLoss,
		brier: m.brier,
		topDecileLift: m.topDecileLift,
		calibrationMaxGap: m.calibrationMaxGap,
	};
}

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
			const targetField = getFieldName(this, 'targetField');
			const features = list(getFieldName(this, 'featureFields', '', true));
			if (features.length === 0) throw new NodeOperationError(node, 'Feature Fields is empty', { description: 'List the item fields to predict from, separated by commas.' });
			const o = this.getNodeParameter('trainOptions', 0, {}) as IDataObject;
			const failed: INodeExecutionData[] = [];
			const { rows, y } = targetRows(targetField, failed);
			if (rows.length === 0) throw new NodeOperationError(node, `No item has a usable "${targetField}" (${TARGET_EXPECTED})`);
			const splitDateField = getFieldName(this, 'trainOptions.splitDateField');
			const validation = validationSplit(o, 'none', 20, splitDateField);
			const columns = columnsOf([...features, ...(splitDateField ? [splitDateField] : [])], rows);
			columns[targetField] = y;
			const options: TrainOptions = {
				target: targetField,
				features,
				l2: Number(o.l2 ?? 0),
				classWeights: o.classWeights === 'balanced' ? 'balanced' : undefined,
				minLevelCount: Number(o.minLevelCount ?? 10),
				validation,
				folds: Number(o.folds ?? 0),
				seed: Number(o.seed ?? 1),
				platt: o.platt === true,
				dateField: splitDateField || undefined,
			};
			let model: PropensityModel;
			try {
				model = trainPropensity(columns, options).model;
			} catch (error) {
				throw libError(error, 'Check the target and feature fields: every feature needs at least two distinct values, and the target both outcomes.');
			}
			const warnings = model.solver.warnings;
			for (const message of warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
			const json: IDataObject = {
				modelId: model.modelId,
				trainingRows: model.trainingWindow.rows,
				validationRows: model.trainingWindow.validationRows,
				training: summary(model.metrics.training),
				validation: summary(model.metrics.validation),
				crossValidation: model.metrics.crossValidation as IDataObject | null,
				coefficients: model.coefficients as unknown as IDataObject[],
				warnings,
				model: model as unknown as IDataObject,
			};
			addRunSummary(this, `Trained on ${model.trainingWindow.rows} rows; AUC ${roundTo(model.metrics.training.auc, 3)} in training${model.metrics.validation ? `, ${roundTo(model.metrics.validation.auc, 3)} in validation` : ''}`);
			return [[{ json, pairedItem: pairedWith(rows) }, ...failed]];
		}

		const model = getModel();
		const featureNames = model.features.map((f) => f.name);

		if (operation === 'score') {
			if (items.length === 0) return [[], []];
			requireFeatures(this, items, featureNames, null);
			const o = this.getNodeParameter('scoreOptions', 0, {}) as IDataObject;
			const outputField = (this.getNodeParameter('outputField', 0, 'propensity') as string).trim() || 'propensity';
			const tierBy = o.tierBy === 'probability' ? 'probability' : 'decile';
			const options: ScoreOptions = {
				topContributions: Number(o.topContributions ?? 3),
				decileBasis: o.decileBasis === 'training' ? 'training' : 'scored',
				tiers: {
					by: tierBy,
					high: Number(o.tierHigh ?? (tierBy === 'decile' ? 2 : 0.5)),
					medium: Number(o.tierMedium ?? (tierBy === 'decile' ? 5 : 0.2)),
				},
			};
			let result;
			try {
				result = scoreColumns(model, columnsOf(featureNames, null), options);
			} catch (error) {
				throw libError(error, 'Check that the items carry the fields the model was trained on.');
			}
			const scored: INodeExecutionData[] = items.map((item, i) => {
				const value: IDataObject = {
					// Rounded for reading; deciles and tiers come from the exact value.
					probability: roundTo(result.probability[i], PROBABILITY_DECIMALS),
					decile: result.decile[i],
					tier: result.tier[i],
					modelId: model.modelId,
				};
				if (result.topContributions) value.topReasons = result.contributionsOf(i) as unknown as IDataObject[];
				return { json: withField(item.json, outputField, value), ...(item.binary ? { binary: item.binary } : {}), pairedItem: { item: i } };
			});
			for (const message of result.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
			const report: IDataObject = {
				modelId: model.modelId,
				rows: result.n,
				drift: result.drift as unknown as IDataObject,
				unseenLevels: result.report.unseen,
				missingValues: result.report.missing,
				unreadableValues: result.report.invalid,
				warnings: result.warnings,
			};
			addRunSummary(this, `Scored ${result.n} items: ${tally(result.tier)}`);
			return [scored, [{ json: report, pairedItem: pairedWith(items.map((_, i) => i)) }]];
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
		const json: IDataObject = {
			modelId: model.modelId,
			...summary(metrics),
			deciles: metrics.deciles as unknown as IDataObject[],
			calibration: metrics.calibration as unknown as IDataObject[],
			trainingAuc: model.metrics.training.auc,
			drift: result.drift as unknown as IDataObject,
			warnings: result.warnings,
		};
		addRunSummary(this, `Evaluated on ${rows.length} rows: AUC ${roundTo(metrics.auc, 3)}, top-decile lift ${roundTo(metrics.topDecileLift, 2)}`);
		return [[{ json, pairedItem: pairedWith(rows) }, ...failed]];
	}
}
