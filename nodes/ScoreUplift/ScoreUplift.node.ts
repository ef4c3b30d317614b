import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { targetValue, type Columns } from '../../lib/propensity';
import { armValue, evaluateUplift, loadUpliftModel, qiniChartSvg, qiniPoints, scoreUplift, trainUplift, type UpliftMetrics, type UpliftModel, type UpliftModelMetrics } from '../../lib/uplift';
import { addRunSummary, commaList, errorItem, fieldError, fieldProblem, getFieldName, itemColumns, modelLibError, modelNodeInputs, modelNodeOutputs, modelParameterOrInput, pairedWith, PROBABILITY_DECIMALS, readField, requireFeatures, roundTo, tally, validationSplit, withField } from '../shared';
import { scoreUpliftProperties } from './properties';

const TARGET_EXPECTED = '0/1, true/false or yes/no';

/** The headline figures of uplift metrics (the decile table travels beside them). */
function summary(m: UpliftMetrics | UpliftModelMetrics | null): IDataObject | null {
	if (!m) return null;
	return {
		rows: m.rows,
		treated: m.treated,
		control: m.control,
		treatedRate: m.treatedRate,
		controlRate: m.controlRate,
		qini: m.qini,
		auuc: m.auuc,
		upliftAtK: m.upliftAtK as unknown as IDataObject,
		sampleRatio: m.sampleRatio as unknown as IDataObject,
	};
}

export class ScoreUplift implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Score Uplift',
		name: 'scoreUplift',
		icon: { light: 'file:scoreUplift.svg', dark: 'file:scoreUplift.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ train: "Train an uplift model", score: "Score uplift", evaluate: "Evaluate an uplift model" })[$parameter["operation"]] }}',
		description:
			'Target by incrementality: train an uplift model on a past campaign with a control group, score who is persuadable (and who to leave alone), and evaluate it with the Qini curve',
		defaults: { name: 'Score Uplift' },
		usableAsTool: true,
		inputs: `={{(${modelNodeInputs})($parameter)}}`,
		outputs: `={{(${modelNodeOutputs})($parameter)}}`,
		properties: scoreUpliftProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const items = this.getInputData(0);
		const operation = this.getNodeParameter('operation', 0) as 'train' | 'score' | 'evaluate';

		const libError = (error: unknown, description: string) => modelLibError(node, items, error, description);

		/** Rows with a usable arm and outcome; bad ones become error items (Continue On Fail) or throw. */
		const usableRows = (treatmentField: string, targetField: string, coding: { treatedValue: string; controlValue: string }) => {
			const failed: INodeExecutionData[] = [];
			const rows: number[] = [];
			const y: number[] = [];
			const t: number[] = [];
			for (let i = 0; i < items.length; i++) {
				const arm = readField(items[i].json, treatmentField);
				const outcome = readField(items[i].json, targetField);
				const a = armValue(arm, coding);
				const o = targetValue(outcome);
				const problem = Number.isNaN(a)
					? fieldProblem(treatmentField, `"${coding.treatedValue}" or "${coding.controlValue}" (or 1/0, true/false)`, arm)
					: Number.isNaN(o)
						? fieldProblem(targetField, TARGET_EXPECTED, outcome)
						: null;
				if (problem) {
					const error = fieldError(node, i, problem);
					if (!this.continueOnFail()) throw error;
					failed.push(errorItem(node, items[i], i, error, problem));
					continue;
				}
				rows.push(i);
				y.push(o);
				t.push(a);
			}
			if (rows.length === 0) throw new NodeOperationError(node, `No item has a usable "${treatmentField}" and "${targetField}"`);
			return { rows, y, t, failed };
		};

		const columnsOf = (fields: string[], rows: number[] | null): Columns => itemColumns(items, fields, rows);

		const getModel = (): UpliftModel => {
			const raw = modelParameterOrInput(this);
			try {
				return loadUpliftModel(raw);
			} catch (error) {
				throw libError(error, 'Use the model JSON a Train operation of Score Uplift produced.');
			}
		};


		if (operation === 'train') {
			if (items.length === 0) throw new NodeOperationError(node, 'No input items to train on');
			const treatmentField = getFieldName(this, 'treatmentField');
			const targetField = getFieldName(this, 'targetField');
			const treatedValue = String(this.getNodeParameter('treatedValue', 0, 'treatment'));
			const controlValue = String(this.getNodeParameter('controlValue', 0, 'control'));
			const features = commaList(getFieldName(this, 'featureFields', '', true));
			if (features.length === 0) throw new NodeOperationError(node, 'Feature Fields is empty', { description: 'List the item fields to predict from, separated by commas.' });
			const o = this.getNodeParameter('trainOptions', 0, {}) as IDataObject;
			const { rows, y, t, failed } = usableRows(treatmentField, targetField, { treatedValue, controlValue });
			const splitDateField = getFieldName(this, 'trainOptions.splitDateField');
			const validation = validationSplit(o, 'random', 30, splitDateField);
			const columns = columnsOf([...features, ...(splitDateField ? [splitDateField] : [])], rows);
			columns[targetField] = y;
			columns[treatmentField] = t;
			let model: UpliftModel;
			try {
				model = trainUplift(columns, {
					treatment: treatmentField,
					target: targetField,
					treatedValue,
					controlValue,
					features,
					learner: o.learner === 'class-transformation' ? 'class-transformation' : 'two-model',
					l2: Number(o.l2 ?? 0),
					minLevelCount: Number(o.minLevelCount ?? 10),
					validation,
					treatedShare: Number(o.treatedShare ?? 50) / 100,
					segments: { minUplift: Number(o.minUplift ?? 0.01), sureThingProbability: Number(o.sureThingProbability ?? 0.5) },
				}).model;
			} catch (error) {
				throw libError(error, 'Check the arm, target and feature fields: each arm needs both outcomes, and every feature at least two distinct values.');
			}
			const warnings = [model.models.treatment, model.models.control, model.models.transformed].flatMap((m) => m?.solver.warnings ?? []);
			if (model.metrics.training.sampleRatio.mismatch) {
				warnings.push(
					`Sample-ratio mismatch: ${model.metrics.training.treated} treated and ${model.metrics.training.control} control items where the randomization meant ${Math.round(model.treatment.treatedShare * 100)}% treated (p = ${model.metrics.training.sampleRatio.pValue.toPrecision(3)}); the arms may not be comparable`,
				);
			}
			for (const message of warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
			const json: IDataObject = {
				modelId: model.modelId,
				learner: model.learner,
				trainingRows: model.trainingWindow.rows,
				validationRows: model.trainingWindow.validationRows,
				training: summary(model.metrics.training),
				validation: summary(model.metrics.validation),
				validationDeciles: (model.metrics.validation?.deciles ?? null) as unknown as IDataObject[] | null,
				warnings,
				model: model as unknown as IDataObject,
			};
			const headline = model.metrics.validation ?? model.metrics.training;
			addRunSummary(
				this,
				`Trained a ${model.learner} uplift model on ${model.trainingWindow.rows} rows; Qini ${roundTo(headline.qini, 3)} ${model.metrics.validation ? 'in validation' : 'in training'}`,
			);
			return [[{ json, pairedItem: pairedWith(rows) }, ...failed]];
		}

		const model = getModel();
		const featureNames = model.models.control.features.map((f) => f.name);

		if (operation === 'score') {
			if (items.length === 0) return [[], []];
			requireFeatures(this, items, featureNames, null);
			const o = this.getNodeParameter('scoreOptions', 0, {}) as IDataObject;
			const outputField = getFieldName(this, 'outputField', 'uplift');
			let result;
			try {
				result = scoreUplift(model, columnsOf(featureNames, null), {
					topContributions: Number(o.topContributions ?? 3),
					segments: {
						...(o.minUplift !== undefined ? { minUplift: Number(o.minUplift) } : {}),
						...(o.sureThingProbability !== undefined ? { sureThingProbability: Number(o.sureThingProbability) } : {}),
					},
				});
			} catch (error) {
				throw libError(error, 'Check that the items carry the fields the model was trained on.');
			}
			const scored: INodeExecutionData[] = items.map((item, i) => {
				const value: IDataObject = {
					// Rounded for reading; deciles and segments come from the exact values.
					// Uplift is a small difference of probabilities: two more decimals than they get.
					uplift: roundTo(result.uplift[i], PROBABILITY_DECIMALS + 2),
					treatedProbability: roundTo(result.treatedProbability[i], PROBABILITY_DECIMALS),
					controlProbability: roundTo(result.controlProbability[i], PROBABILITY_DECIMALS),
					decile: result.decile[i],
					segment: result.segment[i],
					modelId: model.modelId,
				};
				const reasons = result.reasonsOf(i);
				if (reasons.length) value.topReasons = reasons as unknown as IDataObject[];
				return { json: withField(item.json, outputField, value), ...(item.binary ? { binary: item.binary } : {}), pairedItem: { item: i } };
			});
			for (const message of result.warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
			const report: IDataObject = {
				modelId: model.modelId,
				rows: result.n,
				segments: Object.fromEntries(['Persuadable', 'Sure Thing', 'Lost Cause', 'Do Not Disturb'].map((s) => [s, result.segment.filter((v) => v === s).length])),
				drift: result.drift as unknown as IDataObject,
				warnings: result.warnings,
			};
			addRunSummary(this, `Scored ${result.n} items: ${tally(result.segment)}`);
			return [scored, [{ json: report, pairedItem: pairedWith(items.map((_, i) => i)) }]];
		}

		// evaluate
		if (items.length === 0) throw new NodeOperationError(node, 'No input items to evaluate on');
		const treatmentField = getFieldName(this, 'treatmentField');
		const targetField = getFieldName(this, 'targetField');
		const o = this.getNodeParameter('evaluateOptions', 0, {}) as IDataObject;
		const { rows, y, t, failed } = usableRows(treatmentField, targetField, model.treatment);
		requireFeatures(this, items, featureNames, rows);
		let result;
		try {
			result = scoreUplift(model, columnsOf(featureNames, rows), { drift: true });
		} catch (error) {
			throw libError(error, 'Check that the items carry the fields the model was trained on.');
		}
		const k = Number(o.k ?? 30) / 100;
		const metrics = evaluateUplift(y, result.uplift, t, { k, confidence: Number(o.confidence ?? 95) / 100, treatedShare: Number(o.treatedShare ?? 50) / 100 });
		const warnings = [...result.warnings];
		if (metrics.sampleRatio.mismatch) {
			warnings.push(`Sample-ratio mismatch: ${metrics.treated} treated and ${metrics.control} control items (p = ${metrics.sampleRatio.pValue.toPrecision(3)}); the arms may not be comparable`);
		}
		for (const message of warnings) this.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
		const curve = qiniPoints(y, result.uplift, t, 20);
		const json: IDataObject = {
			modelId: model.modelId,
			learner: model.learner,
			...summary(metrics),
			deciles: metrics.deciles as unknown as IDataObject[],
			qiniCurve: curve as unknown as IDataObject[],
			trainingQini: model.metrics.training.qini,
			drift: result.drift as unknown as IDataObject,
			warnings,
		};
		const out: INodeExecutionData = { json, pairedItem: pairedWith(rows) };
		if (o.chart === true) {
			const svg = qiniChartSvg(qiniPoints(y, result.uplift, t, 100), `Qini curve: ${targetField}`, `Qini coefficient ${roundTo(metrics.qini, 3)}; dashed = random targeting`);
			out.binary = { chart: await this.helpers.prepareBinaryData(Buffer.from(svg, 'utf8'), 'qini-chart.svg', 'image/svg+xml') };
		}
		addRunSummary(
			this,
			`Evaluated on ${rows.length} rows: Qini ${roundTo(metrics.qini, 3)}, uplift at ${Math.round(k * 100)}% ${roundTo(metrics.upliftAtK.uplift, 4)} vs ${roundTo(metrics.upliftAtK.random, 4)} at random`,
		);
		return [[out, ...failed]];
	}
}
