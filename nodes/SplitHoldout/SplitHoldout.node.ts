import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	assignHoldout,
	assignmentAt,
	failSafeArmIndex,
	GLOBAL_HOLDOUT_ARM,
	holdoutKey,
	HoldoutConfigError,
	planHoldout,
	treatmentControlArms,
	type ArmSpec,
	type HashMode,
	type HoldoutUnit,
	randomizationKey,
	type RandomizeBy,
} from '../../lib/holdout';
import { addRunSummary, countsByOutput, errorItem, fieldError, fieldProblem, getFieldName, isFileInput, outputJson, readField, tally, withField } from '../shared';
import { holdoutJson, splitHoldoutFile } from './fileMode';
import { checkSampleRatio, generateHoldoutSql } from './generateSql';
import { splitHoldoutProperties } from './properties';

// Inlined into an expression by n8n, so it must not refer to anything outside itself.
const configuredOutputs = (parameters: IDataObject) => {
	if (parameters.operation === 'generateSql') return [{ type: 'main', displayName: 'Statements' }];
	if (parameters.operation === 'checkSampleRatio') return [{ type: 'main', displayName: 'Sample Ratio' }];
	if (parameters.outputArms === 'one') return [{ type: 'main', displayName: 'All Arms' }];
	const outputs =
		parameters.mode === 'multiArm'
			? (((parameters.arms as IDataObject)?.arm as IDataObject[]) ?? []).map((arm, index) => ({
					type: 'main',
					displayName: String(arm.name || `Arm ${index + 1}`),
				}))
			: [
					{ type: 'main', displayName: 'Treatment' },
					{ type: 'main', displayName: 'Control' },
				];
	if ((parameters.options as IDataObject)?.globalHoldout === true) {
		outputs.push({ type: 'main', displayName: 'Global Holdout' });
	}
	return outputs;
};

export class SplitHoldout implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Split Holdout',
		name: 'splitHoldout',
		icon: { light: 'file:splitHoldout.svg', dark: 'file:splitHoldout.dark.svg' },
		group: ['transform'],
		version: 1,
		// A control share given as an expression is not a number here: say what the node does instead.
		subtitle:
			'={{ $parameter["mode"] === "multiArm" ? "Multiple arms" : typeof $parameter["controlPercent"] === "number" ? $parameter["controlPercent"] + "% in control" : "Treatment and control" }}',
		description:
			'Randomly and reproducibly split an audience into treatment and control groups, so a campaign\'s incremental lift can be measured',
		defaults: { name: 'Split Holdout' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties: splitHoldoutProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const mode = this.getNodeParameter('mode', 0) as 'treatmentControl' | 'multiArm';
		const keyField = getFieldName(this, 'customerIdField');
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const operation = this.getNodeParameter('operation', 0, 'split') as 'split' | 'generateSql' | 'checkSampleRatio';
		const outputField = ((options.outputField as string) || 'holdout').trim();
		const stratifyField = getFieldName(this, 'options.stratifyField');
		const randomizeBy = this.getNodeParameter('randomizeBy', 0, 'customer') as RandomizeBy;
		const householdField = getFieldName(this, 'householdIdField', 'householdId');
		const oneOutput = this.getNodeParameter('outputArms', 0, 'separate') === 'one';
		let withoutHousehold = 0;

		let plan;
		try {
			const arms: ArmSpec[] =
				mode === 'multiArm'
					? (((this.getNodeParameter('arms', 0, {}) as IDataObject).arm as IDataObject[]) ?? []).map((arm) => ({
							name: String(arm.name ?? ''),
							weight: Number(arm.weight),
						}))
					: treatmentControlArms(this.getNodeParameter('controlPercent', 0) as number);
			plan = planHoldout({
				salt: this.getNodeParameter('campaignSalt', 0) as string,
				hashMode: this.getNodeParameter('hashMode', 0) as HashMode,
				arms,
				globalHoldout: options.globalHoldout
					? { salt: String(options.globalHoldoutSalt ?? ''), percent: Number(options.globalHoldoutPercent) }
					: undefined,
				srmThreshold: options.srmThreshold === undefined ? undefined : Number(options.srmThreshold),
			});
		} catch (error) {
			const description = error instanceof HoldoutConfigError ? `Check the "${error.parameter}" parameter.` : undefined;
			throw new NodeOperationError(node, error as Error, { description });
		}

		if (operation === 'generateSql') return generateHoldoutSql.call(this, plan, keyField);
		if (operation === 'checkSampleRatio') return checkSampleRatio.call(this, plan);

		// Outputs: treatment/control mode shows Treatment first; the plan lays control out first.
		// One Output: every item on output 0 in input order, its arm only in the output field.
		const outputOfArm = oneOutput ? plan.arms.map(() => 0) : mode === 'multiArm' ? plan.arms.map((_, i) => i) : [1, 0];
		const globalOutput = oneOutput ? 0 : plan.arms.length;
		// An item that cannot be randomized goes to the arm that is not sent to (control; in multi-arm
		// mode the Control Arm option or the arm named control / holdout), never to a sending arm,
		// whatever the arms are called or in which order they are listed. With no such arm it stops
		// the node, or goes to n8n's error output.
		const failSafeArm = mode === 'multiArm' ? failSafeArmIndex(plan.arms, String(options.controlArm ?? '')) : 0;
		if (mode === 'multiArm' && String(options.controlArm ?? '').trim() !== '' && failSafeArm < 0) {
			throw new NodeOperationError(node, `The control arm "${String(options.controlArm).trim()}" is not one of the arms`, {
				description: `Check the "Control Arm" option: it names one of ${plan.arms.map((arm) => `"${arm.name}"`).join(', ')}.`,
			});
		}
		const failSafeOutput = failSafeArm < 0 ? -1 : outputOfArm[failSafeArm];
		const noFailSafe = (error: NodeOperationError) => {
			error.description = `No arm is marked as the control (not sent to), so an item without a customer key has nowhere safe to go. Name one arm "control" or "holdout", set the "Control Arm" option, use "On Error: Continue (using error output)", or fix the key.`;
			return error;
		};
		if (isFileInput(this)) {
			const outputNames = oneOutput ? ['All Arms'] : mode === 'multiArm' ? plan.arms.map((arm) => arm.name) : ['Treatment', 'Control'];
			if (plan.globalHoldout && !oneOutput) outputNames.push('Global Holdout');
			return await splitHoldoutFile(this, {
				plan,
				keyField,
				householdField,
				randomizeBy,
				stratifyField,
				outputField,
				outputOfArm,
				globalOutput,
				failSafeOutput,
				outputNames,
			});
		}
		const outputs: INodeExecutionData[][] = Array.from(
			{ length: oneOutput ? 1 : plan.arms.length + (plan.globalHoldout ? 1 : 0) },
			() => [],
		);
		// In one output the item's arm is all that tells an unassignable item apart: it names the
		// control arm (never treated) and says it was not assigned.
		const failSafe = (item: INodeExecutionData): INodeExecutionData =>
			oneOutput && node.onError !== 'continueErrorOutput'
				? { ...item, json: withField(item.json, outputField, { arm: plan.arms[Math.max(failSafeArm, 0)].name, assigned: false }) }
				: item;
		// One Output keeps input order (error items included); separate outputs keep input order per arm.
		const inOrder: INodeExecutionData[] = oneOutput ? new Array<INodeExecutionData>(items.length) : [];
		const place = (output: number, itemIndex: number, item: INodeExecutionData) => {
			if (oneOutput) inOrder[itemIndex] = item;
			else outputs[output].push(item);
		};

		const onlyNew = this.getNodeParameter('outputFields', 0, 'all') === 'onlyNew';
		const units: HoldoutUnit[] = [];
		const unitItems: number[] = [];
		for (let i = 0; i < items.length; i++) {
			const value = readField(items[i].json, keyField);
			const key = holdoutKey(value);
			if (key === undefined) {
				const problem = fieldProblem(keyField, 'a non-empty customer key (text or number)', value);
				const error = fieldError(node, i, problem);
				if (!this.continueOnFail()) throw error;
				// n8n moves an error item to the error output itself; otherwise only a held-out arm will do.
				if (failSafeOutput < 0 && node.onError !== 'continueErrorOutput') throw noFailSafe(error);
				place(Math.max(failSafeOutput, 0), i, failSafe(errorItem(node, items[i], i, error, problem)));
				continue;
			}
			const unit = randomizationKey(key, randomizeBy === 'household' ? holdoutKey(readField(items[i].json, householdField)) : undefined, randomizeBy);
			if (randomizeBy === 'household' && unit.unit === 'customer') withoutHousehold++;
			units.push(stratifyField ? { key: unit.key, globalKey: unit.globalKey, stratum: String(readField(items[i].json, stratifyField) ?? '') } : { key: unit.key, globalKey: unit.globalKey });
			unitItems.push(i);
		}

		const result = assignHoldout(units, plan);
		const srm = {
			chiSquare: result.srm.chiSquare,
			df: result.srm.df,
			pValue: result.srm.pValue,
			mismatch: result.srm.mismatch,
		};
		for (let u = 0; u < units.length; u++) {
			const assignment = assignmentAt(plan, result, u);
			const itemIndex = unitItems[u];
			const item = items[itemIndex];
			const holdout = holdoutJson(plan, assignment, srm, stratifyField ? (result.strata?.[u] ?? units[u].stratum) : undefined, randomizeBy === 'household' ? units[u].key : undefined);
			const output = assignment.globalHoldout ? globalOutput : outputOfArm[assignment.armIndex];
			place(output, itemIndex, {
				json: outputJson(onlyNew, item.json, keyField, readField(item.json, keyField), outputField, holdout),
				...(item.binary ? { binary: item.binary } : {}),
				pairedItem: { item: itemIndex },
			});
		}
		if (oneOutput) outputs[0] = inOrder;

		if (withoutHousehold > 0) {
			this.addExecutionHints({
				message: `${withoutHousehold} item(s) had no "${householdField}": each was randomized as a household of its own (by its customer key).`,
				type: 'info',
				location: 'outputPane',
			});
		}
		if (result.srm.mismatch) {
			const observed = Object.entries(result.srm.observed)
				.map(([arm, count]) => `${arm === GLOBAL_HOLDOUT_ARM ? 'global holdout' : arm} ${count}`)
				.join(', ');
			this.addExecutionHints({
				message: `Sample-ratio mismatch: the split (${observed}) is unlikely under the intended weights (p = ${result.srm.pValue.toExponential(2)}). Check for duplicate or filtered customer keys.`,
				type: 'warning',
				location: 'outputPane',
			});
		}
		const armNames = mode === 'multiArm' ? plan.arms.map((arm) => arm.name) : ['treatment', 'control'];
		if (oneOutput) {
			const arms = outputs[0].map((item) => {
				const arm = String((readField(item.json, outputField) as IDataObject | undefined)?.arm ?? 'unassigned');
				return arm === GLOBAL_HOLDOUT_ARM ? 'global holdout' : arm;
			});
			addRunSummary(this, `${arms.length} item(s) on one output: ${tally(arms)}`);
		} else {
			addRunSummary(this, countsByOutput(outputs, plan.globalHoldout ? [...armNames, 'global holdout'] : armNames));
		}
		return outputs;
	}
}
