import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
} from 'n8n-workflow';
import { computeRfm, type BadRowField, type RfmResult } from '../../lib/rfm';
import { addRunSummary, errorItem, fieldError, fieldProblem, getFieldName, isFileInput, readField } from '../shared';
import { computeRfmFile } from './fileMode';
import { generateRfmSql } from './generateSql';
import { computeRfmProperties } from './properties';
import { badRowsHint, customerJson, EXPECTED, rfmOptionsOf, runSummary, summaryJson } from './results';

// Inlined into an expression by n8n, so it must not refer to anything outside itself.
const configuredOutputs = (parameters: IDataObject) =>
	parameters.operation === 'generateSql'
		? [{ type: 'main', displayName: 'Statements' }]
		: [
				{ type: 'main', displayName: 'Customers' },
				{ type: 'main', displayName: 'Summary' },
			];

export class ComputeRfm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Compute RFM',
		name: 'computeRfm',
		icon: { light: 'file:computeRfm.svg', dark: 'file:computeRfm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "generateSql" ? "Generate SQL" : $parameter["options"]["clv"] ? "RFM + CLV" : "RFM"}}',
		description:
			'Turn transactions into one item per customer with recency, frequency, monetary value, 1-5 scores, a named segment and optional k-means clusters and customer lifetime value',
		defaults: { name: 'Compute RFM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties: computeRfmProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('operation', 0, 'compute') === 'generateSql') return generateRfmSql.call(this);
		const items = this.getInputData();
		const node = this.getNode();
		const fields = {
			customerId: getFieldName(this, 'customerIdField'),
			timestamp: getFieldName(this, 'timestampField'),
			amount: getFieldName(this, 'amountField'),
			orderId: getFieldName(this, 'orderIdField'),
		};
		const quantityField = getFieldName(this, 'options.quantityField');
		const statusField = getFieldName(this, 'options.statusField');
		const rfmOptions = rfmOptionsOf(this);
		if (isFileInput(this)) return await computeRfmFile(this, { fields: { ...fields, quantity: quantityField, status: statusField }, rfmOptions });

		// Columns of references into the item JSON: no item is copied.
		const n = items.length;
		const column = (field: string) => {
			const values = new Array<unknown>(n);
			for (let i = 0; i < n; i++) values[i] = readField(items[i].json, field);
			return values;
		};

		let result: RfmResult;
		try {
			result = computeRfm(
				{
					customerId: column(fields.customerId),
					timestamp: column(fields.timestamp),
					amount: column(fields.amount),
					orderId: fields.orderId ? column(fields.orderId) : undefined,
					quantity: quantityField ? column(quantityField) : undefined,
					status: statusField ? column(statusField) : undefined,
				},
				rfmOptions,
			);
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { description: 'Check the node options (as-of date, cut points, CLV settings).' });
		}
		const { features } = result;
		const { report } = features;

		const customersOut: INodeExecutionData[] = [];
		const fieldOf: Record<BadRowField, string> = { ...fields, quantity: quantityField };
		for (const bad of report.badRowList) {
			const field = fieldOf[bad.field];
			const problem = fieldProblem(field, EXPECTED[bad.field], readField(items[bad.row].json, field));
			const error = fieldError(node, bad.row, problem);
			if (!this.continueOnFail()) throw error;
			customersOut.push(errorItem(node, items[bad.row], bad.row, error, problem));
		}

		// Paired items: each customer lists its transactions (one shared object per input item).
		// Loops at the top of execute() keep braces: n8n's verification scan crashes on a braceless one.
		const m = features.customerIds.length;
		const start = new Int32Array(m + 1);
		for (let i = 0; i < n; i++) {
			if (features.rowCustomer[i] >= 0) start[features.rowCustomer[i] + 1]++;
		}
		for (let c = 0; c < m; c++) {
			start[c + 1] += start[c];
		}
		const fill = start.slice(0, m);
		const order = new Int32Array(start[m]);
		for (let i = 0; i < n; i++) {
			if (features.rowCustomer[i] >= 0) order[fill[features.rowCustomer[i]]++] = i;
		}
		const pairs: IPairedItemData[] = new Array(n);
		for (let i = 0; i < n; i++) {
			pairs[i] = { item: i };
		}

		for (let c = 0; c < m; c++) {
			const paired: IPairedItemData[] = new Array(start[c + 1] - start[c]);
			for (let k = start[c]; k < start[c + 1]; k++) paired[k - start[c]] = pairs[order[k]];
			customersOut.push({ json: customerJson(result, c), pairedItem: paired });
		}

		const summary = summaryJson(result, fieldOf, (row) => ({ itemIndex: row }));
		const summaryPaired: IPairedItemData[] = [];
		for (let i = 0; i < n; i++) {
			summaryPaired.push(pairs[i]);
		}

		if (report.badRows > 0) {
			this.addExecutionHints({ message: badRowsHint(result, 'they are on the Customers output as error items'), type: 'warning', location: 'outputPane' });
		}
		addRunSummary(this, runSummary(result, `${report.rows} transactions`));
		return [customersOut, [{ json: summary, pairedItem: summaryPaired }]];
	}
}
