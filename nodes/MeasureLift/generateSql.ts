// Measure Lift's Generate SQL operation: the sufficient-statistics query its aggregated input reads.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { liftSql } from '../../lib/warehouse';
import { addRunSummary, sqlGenerationFailure, getFieldName, dialectOptions, planItems } from '../shared';

export function generateLiftSql(
	this: IExecuteFunctions,
	armField: string,
	metrics: ReadonlyArray<{ name: string; kind: string; covariateField: string }>,
	options: IDataObject,
): INodeExecutionData[][] {
	try {
		const sqlDialect = dialectOptions(this);
		const generated = liftSql({
			...sqlDialect,
			sourceTable: String(this.getNodeParameter('sourceTable', 0, '')),
			armColumn: armField,
			metrics: metrics.map((m) => ({ name: m.name, kind: m.kind === 'binary' ? 'binary' : 'continuous', covariateColumn: m.covariateField || undefined })),
			segmentColumn: getFieldName(this, 'options.segmentField') || undefined,
			cuped: options.cuped === true,
			missingAsZero: options.missingAsZero === true,
		});
		addRunSummary(this, `${generated.statements.length} ${generated.dialect} statement: ${generated.description}`);
		return [planItems(generated, this.getInputData().length, sqlDialect.bigqueryParameters)];
	} catch (error) {
		throw sqlGenerationFailure(this.getNode(), error);
	}
}
