// Split Holdout's Generate SQL and Check Sample Ratio operations: the assignment in the warehouse,
// and the sample-ratio check from the warehouse's per-arm counts.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { GLOBAL_HOLDOUT_ARM, sampleRatioOfCounts, type HoldoutPlan, type RandomizeBy } from '../../lib/holdout';
import { holdoutSql } from '../../lib/warehouse';
import { addRunSummary, sqlGenerationFailure, asKey, fieldProblem, fieldError, getFieldName, pairedWith, dialectOptions, planItems, readField } from '../shared';

export function generateHoldoutSql(this: IExecuteFunctions, plan: HoldoutPlan, keyField: string): INodeExecutionData[][] {
	const node = this.getNode();
	if (getFieldName(this, 'options.stratifyField')) {
		throw new NodeOperationError(node, 'Stratified splits have no SQL form: they depend on every customer of a stratum, not on the key alone', {
			description: 'Remove the "Stratify By Field" option, or split in n8n.',
		});
	}
	const randomizeBy = this.getNodeParameter('randomizeBy', 0, 'customer') as RandomizeBy;
	try {
		const sqlDialect = dialectOptions(this);
		const generated = holdoutSql(plan, {
			...sqlDialect,
			sourceTable: String(this.getNodeParameter('sourceTable', 0, '')),
			targetTable: String(this.getNodeParameter('targetTable', 0, '')),
			customerKeyColumn: keyField,
			householdColumn:
				randomizeBy === 'household' ? getFieldName(this, 'householdIdField', 'householdId') : undefined,
		});
		addRunSummary(this, `${generated.statements.length} ${generated.dialect} statements: ${generated.description}`);
		return [planItems(generated, this.getInputData().length, sqlDialect.bigqueryParameters)];
	} catch (error) {
		throw sqlGenerationFailure(node, error);
	}
}

/** Items with an arm and a count (the generated `counts` statement's rows) -> one sample-ratio item. */
export function checkSampleRatio(this: IExecuteFunctions, plan: HoldoutPlan): INodeExecutionData[][] {
	const node = this.getNode();
	const items = this.getInputData();
	const armField = getFieldName(this, 'countArmField', 'arm');
	const countField = getFieldName(this, 'countField', 'n');
	const counts = plan.arms.map(() => 0);
	let globalCount = 0;
	for (let i = 0; i < items.length; i++) {
		const armValue = readField(items[i].json, armField);
		const arm = asKey(armValue);
		const raw = readField(items[i].json, countField);
		const count = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
		const index = plan.arms.findIndex((a) => a.name === arm);
		if (arm === undefined || (index < 0 && !(plan.globalHoldout && arm === GLOBAL_HOLDOUT_ARM))) {
			throw fieldError(node, i, fieldProblem(armField, `the name of an arm (${plan.arms.map((a) => a.name).join(', ')})`, armValue));
		}
		if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) throw fieldError(node, i, fieldProblem(countField, 'a whole number of customers', raw));
		if (index < 0) globalCount += count;
		else counts[index] += count;
	}
	const srm = sampleRatioOfCounts(plan, counts, globalCount);
	addRunSummary(
		this,
		`${srm.mismatch ? 'Sample-ratio mismatch' : 'No sample-ratio mismatch'} (p = ${srm.pValue.toExponential(2)}): ${Object.entries(srm.observed)
			.map(([arm, n]) => `${arm} ${n}`)
			.join(', ')}`,
	);
	return [[{ json: { srm: srm as unknown as IDataObject }, pairedItem: pairedWith(items.map((_, i) => i)) }]];
}
