// Score Propensity with Input = File: Train, Score and Evaluate read their rows from a CSV or JSON
// Lines file into columns (lib/io), which lib/propensity takes as they are. Score writes the scored
// rows as items or as one file, with the Report beside it. Same options, model and scores as items.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { resultColumns, TableWriter, type ColumnTable } from '../../lib/io';
import { evaluate, loadModel, PropensityError, scoreColumns, targetValue, trainPropensity, type Columns, type PropensityModel } from '../../lib/propensity';
import {
	addRunSummary,
	fieldProblem,
	fileInputSettings,
	fileItem,
	fileOutputSettings,
	getFieldName,
	modelLibError,
	modelParameterOrInput,
	readInputTable,
	requireColumns,
	roundTo,
	rowError,
	rowList,
	tally,
	withField,
} from '../shared';
import { evaluationJson, modelItemJson, scoreReport, scoreSettings, scoreValue, TARGET_EXPECTED, trainedSummary, trainSettings } from './results';

/** A lib error naming a row as the bad row of the file (row numbers from 1 after the header). */
function libError(context: IExecuteFunctions, table: ColumnTable, rows: number[] | null, error: unknown, description: string): NodeOperationError {
	if (error instanceof PropensityError && error.row !== undefined && error.field !== undefined) {
		const row = rows ? rows[error.row] : error.row;
		if (row !== undefined && row < table.rowCount) return rowError(context, row + 1, fieldProblem(error.field, 'a usable value', table.field(error.field)(row)));
	}
	return modelLibError(context.getNode(), [], error, description);
}

/** Rows whose target is usable; a bad one stops the node, or with Continue On Fail becomes an error row. */
function targetRows(context: IExecuteFunctions, table: ColumnTable, targetField: string, failed: INodeExecutionData[]): { rows: number[]; y: number[] } {
	const read = table.field(targetField);
	const rows: number[] = [];
	const y: number[] = [];
	const bad: number[] = [];
	for (let row = 0; row < table.rowCount; row++) {
		const value = read(row);
		const t = targetValue(value);
		if (Number.isNaN(t)) {
			const problem = fieldProblem(targetField, TARGET_EXPECTED, value);
			const error = rowError(context, row + 1, problem);
			if (!context.continueOnFail()) throw error;
			failed.push({ json: { ...(table.rowObject(row) as IDataObject), error: error.message, details: { row: row + 1, ...problem } }, pairedItem: { item: 0 } });
			bad.push(row + 1);
			continue;
		}
		rows.push(row);
		y.push(t);
	}
	if (bad.length > 0) {
		context.addExecutionHints({ message: `${bad.length} row(s) had no usable "${targetField}" (rows ${rowList(bad)}); they are on the output as error rows, not used.`, type: 'warning', location: 'outputPane' });
	}
	if (rows.length === 0) throw new NodeOperationError(context.getNode(), `No row of the file has a usable "${targetField}" (${TARGET_EXPECTED})`);
	return { rows, y };
}

function columnsOf(table: ColumnTable, fields: string[], rows: number[] | null): Columns {
	const columns: Columns = {};
	for (const field of fields) columns[field] = table.values(field, rows);
	return columns;
}

function getModel(context: IExecuteFunctions): PropensityModel {
	try {
		return loadModel(modelParameterOrInput(context));
	} catch (error) {
		throw modelLibError(context.getNode(), [], error, 'Use the model JSON a Train operation of this node produced.');
	}
}

const features = (names: string[]) => names.map((name) => ({ parameter: 'Feature Fields (or the model\'s features)', field: name }));

export async function scorePropensityFile(context: IExecuteFunctions, operation: 'train' | 'score' | 'evaluate'): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	if (operation === 'train') {
		const { targetField, features: names, splitDateField, options } = trainSettings(context);
		if (names.length === 0) throw new NodeOperationError(node, 'Feature Fields is empty', { description: 'List the columns to predict from, separated by commas.' });
		const { table } = await readInputTable(context, fileInputSettings(context), { what: 'training file' });
		requireColumns(context, table, [{ parameter: 'Target Field', field: targetField }, ...features(names), ...(splitDateField ? [{ parameter: 'Split Date Field', field: splitDateField }] : [])], 'training file');
		const failed: INodeExecutionData[] = [];
		const { rows, y } = targetRows(context, table, targetField, failed);
		const columns = columnsOf(table, [...names, ...(splitDateField ? [splitDateField] : [])], rows);
		columns[targetField] = y;
		let model: PropensityModel;
		try {
			model = trainPropensity(columns, options).model;
		} catch (error) {
			throw libError(context, table, rows, error, 'Check the target and feature columns: every feature needs at least two distinct values, and the target both outcomes.');
		}
		for (const message of model.solver.warnings) context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
		addRunSummary(context, `File of ${table.rowCount} rows. ${trainedSummary(model)}`);
		return [[{ json: modelItemJson(model), pairedItem: { item: 0 } }, ...failed]];
	}

	const model = getModel(context);
	const featureNames = model.features.map((f) => f.name);

	if (operation === 'score') {
		const { table } = await readInputTable(context, fileInputSettings(context), { what: 'file to score' });
		requireColumns(context, table, features(featureNames), 'file to score');
		const { outputField, options } = scoreSettings(context);
		const output = fileOutputSettings(context, 'scored');
		let result;
		try {
			result = scoreColumns(model, columnsOf(table, featureNames, null), options);
		} catch (error) {
			throw libError(context, table, null, error, 'Check that the file has the columns the model was trained on.');
		}
		const row = (r: number) => withField(table.rowObject(r) as IDataObject, outputField, scoreValue(model, result, r));
		const scored: INodeExecutionData[] = [];
		if (!output) {
			for (let r = 0; r < table.rowCount; r++) scored.push({ json: row(r), pairedItem: { item: 0 } });
		} else {
			const writer = new TableWriter({ format: output.format, columns: resultColumns(table.names, { [outputField]: table.rowCount > 0 ? scoreValue(model, result, 0) : {} }) });
			const preview: INodeExecutionData[] = [];
			for (let r = 0; r < table.rowCount; r++) {
				const json = row(r);
				writer.write(json);
				if (preview.length < output.previewRows) preview.push({ json, pairedItem: { item: 0 } });
			}
			scored.push(await fileItem(context, writer, output, { output: 'Scored', modelId: model.modelId, tiers: tally(result.tier) }), ...preview);
		}
		for (const message of result.warnings) context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
		addRunSummary(context, `Scored a file of ${result.n} rows: ${tally(result.tier)}`);
		return [scored, [{ json: scoreReport(model, result), pairedItem: { item: 0 } }]];
	}

	// evaluate
	const targetField = getFieldName(context, 'targetField');
	const { table } = await readInputTable(context, fileInputSettings(context), { what: 'evaluation file' });
	requireColumns(context, table, [{ parameter: 'Target Field', field: targetField }, ...features(featureNames)], 'evaluation file');
	const failed: INodeExecutionData[] = [];
	const { rows, y } = targetRows(context, table, targetField, failed);
	let result;
	try {
		result = scoreColumns(model, columnsOf(table, featureNames, rows), { drift: true });
	} catch (error) {
		throw libError(context, table, rows, error, 'Check that the file has the columns the model was trained on.');
	}
	const metrics = evaluate(y, result.probability);
	for (const message of result.warnings) context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	addRunSummary(context, `Evaluated on ${rows.length} rows of a file: AUC ${roundTo(metrics.auc, 3)}, top-decile lift ${roundTo(metrics.topDecileLift, 2)}`);
	return [[{ json: evaluationJson(model, result, metrics), pairedItem: { item: 0 } }, ...failed]];
}
