// Split Holdout with Input = File: the audience is a CSV or JSON Lines file read into columns
// (lib/io), assigned exactly as items are, and written back as one file per output (or as items).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { assignHoldout, assignmentAt, holdoutKey, randomizationKey, type Assignment, type HoldoutPlan, type HoldoutUnit, type RandomizeBy } from '../../lib/holdout';
import { resultColumns, TableWriter } from '../../lib/io';
import {
	addRunSummary,
	fieldProblem,
	fileInputSettings,
	fileItem,
	fileOutputSettings,
	readInputTable,
	requireColumns,
	rowError,
	rowList,
	withField,
} from '../shared';

/** The `holdout` field of an assigned row or item (Items and File mode write the same). */
export function holdoutJson(plan: HoldoutPlan, assignment: Assignment, srm: IDataObject, stratum?: string, randomizedOn?: string): IDataObject {
	const holdout: IDataObject = {
		arm: assignment.arm,
		bucket: assignment.bucket,
		campaignSalt: plan.salt,
		hashMode: plan.hashMode,
		globalHoldout: assignment.globalHoldout,
		srm,
	};
	if (stratum !== undefined) holdout.stratum = stratum;
	if (randomizedOn !== undefined) holdout.randomizedOn = randomizedOn;
	return holdout;
}

export interface SplitSettings {
	plan: HoldoutPlan;
	keyField: string;
	householdField: string;
	randomizeBy: RandomizeBy;
	stratifyField: string;
	outputField: string;
	/** The node output of each arm of the plan, the global holdout's output, the fail-safe (control) output. */
	outputOfArm: number[];
	globalOutput: number;
	failSafeOutput: number;
	outputNames: string[];
}

export async function splitHoldoutFile(context: IExecuteFunctions, settings: SplitSettings): Promise<INodeExecutionData[][]> {
	const { plan, keyField, householdField, randomizeBy, stratifyField, outputField } = settings;
	const { table } = await readInputTable(context, fileInputSettings(context));
	requireColumns(context, table, [{ parameter: 'Customer ID Field', field: keyField }, ...(stratifyField ? [{ parameter: 'Stratify By Field', field: stratifyField }] : [])]);
	const output = fileOutputSettings(context, 'holdout');
	const key = table.field(keyField);
	const household = randomizeBy === 'household' ? table.field(householdField) : undefined;
	const stratum = stratifyField ? table.field(stratifyField) : undefined;

	const units: HoldoutUnit[] = [];
	const unitRows: number[] = [];
	const badRows: number[] = [];
	let firstProblem;
	for (let row = 0; row < table.rowCount; row++) {
		const value = key(row);
		const customerKey = holdoutKey(value);
		if (customerKey === undefined) {
			const problem = fieldProblem(keyField, 'a non-empty customer key (text or number)', value);
			if (!context.continueOnFail()) throw rowError(context, row + 1, problem);
			// No arm that is not sent to (multi-arm without a control arm): stop rather than treat the row.
			if (settings.failSafeOutput < 0) {
				const error = rowError(context, row + 1, problem);
				error.description = 'No arm is marked as the control (not sent to), so a row without a customer key has nowhere safe to go. Name one arm "control" or "holdout", set the "Control Arm" option, or fix the key.';
				throw error;
			}
			firstProblem ??= problem;
			badRows.push(row);
			continue;
		}
		const unit = randomizationKey(customerKey, household ? holdoutKey(household(row)) : undefined, randomizeBy);
		units.push(stratum ? { key: unit.key, globalKey: unit.globalKey, stratum: String(stratum(row) ?? '') } : { key: unit.key, globalKey: unit.globalKey });
		unitRows.push(row);
	}

	const result = assignHoldout(units, plan);
	const srm = { chiSquare: result.srm.chiSquare, df: result.srm.df, pValue: result.srm.pValue, mismatch: result.srm.mismatch };
	const outputCount = settings.outputNames.length;
	const holdoutOf = (u: number) => {
		const assignment = assignmentAt(plan, result, u);
		const holdout = holdoutJson(plan, assignment, srm, stratifyField ? (result.strata?.[u] ?? units[u].stratum) : undefined, randomizeBy === 'household' ? units[u].key : undefined);
		return { holdout, output: assignment.globalHoldout ? settings.globalOutput : settings.outputOfArm[assignment.armIndex] };
	};
	const badRowJson = (row: number): IDataObject => ({
		...(table.rowObject(row) as IDataObject),
		error: `Row ${row + 1}: column "${keyField}" is ${fieldProblem(keyField, '', key(row)).received}; expected a non-empty customer key (text or number)`,
	});

	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	if (!output) {
		for (let u = 0; u < units.length; u++) {
			const { holdout, output: at } = holdoutOf(u);
			outputs[at].push({ json: withField(table.rowObject(unitRows[u]) as IDataObject, outputField, holdout), pairedItem: { item: 0 } });
		}
		for (const row of badRows) outputs[settings.failSafeOutput].push({ json: badRowJson(row), pairedItem: { item: 0 } });
	} else {
		const sample = units.length > 0 ? holdoutOf(0).holdout : { arm: '', bucket: 0, campaignSalt: '', hashMode: '', globalHoldout: false, srm };
		const columns = resultColumns(table.names, { [outputField]: sample });
		const writers = Array.from({ length: outputCount }, (_, at) =>
			new TableWriter({ format: output.format, columns: at === settings.failSafeOutput && badRows.length > 0 ? [...columns, 'error'] : columns }),
		);
		const previews: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
		for (let u = 0; u < units.length; u++) {
			const { holdout, output: at } = holdoutOf(u);
			const json = withField(table.rowObject(unitRows[u]) as IDataObject, outputField, holdout);
			writers[at].write(json);
			if (previews[at].length < output.previewRows) previews[at].push({ json, pairedItem: { item: 0 } });
		}
		for (const row of badRows) {
			const json = badRowJson(row);
			writers[settings.failSafeOutput].write(json);
			if (previews[settings.failSafeOutput].length < output.previewRows) previews[settings.failSafeOutput].push({ json, pairedItem: { item: 0 } });
		}
		for (let at = 0; at < outputCount; at++) {
			const summary: IDataObject = { output: settings.outputNames[at], campaignSalt: plan.salt, hashMode: plan.hashMode, srm };
			if (at === settings.failSafeOutput) {
				summary.badRows = badRows.length;
				if (badRows.length > 0) summary.badRowNumbers = rowList(badRows.map((row) => row + 1));
			}
			const suffix = settings.outputNames[at].toLowerCase().replace(/[^a-z0-9]+/g, '-');
			outputs[at] = [await fileItem(context, writers[at], output, summary, suffix), ...previews[at]];
		}
	}

	if (badRows.length > 0 && firstProblem) {
		context.addExecutionHints({
			message: `${badRows.length} row(s) had no usable "${keyField}" (rows ${rowList(badRows.map((row) => row + 1))}); they went to ${settings.outputNames[settings.failSafeOutput]} with an error column, never treated.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	if (result.srm.mismatch) {
		context.addExecutionHints({
			message: `Sample-ratio mismatch: the split is unlikely under the intended weights (p = ${result.srm.pValue.toExponential(2)}). Check for duplicate or filtered customer keys.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	const observed = Object.entries(result.srm.observed).map(([arm, count]) => `${count} ${arm}`).join(', ');
	addRunSummary(context, `File of ${table.rowCount} rows: ${observed}${badRows.length ? `, ${badRows.length} bad row(s) to ${settings.outputNames[settings.failSafeOutput]}` : ''}`);
	return outputs;
}
