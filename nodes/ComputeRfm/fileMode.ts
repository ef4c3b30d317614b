// Compute RFM with Input = File: the transactions are a CSV or JSON Lines file read into columns
// (lib/io), which lib/rfm takes as they are; customers come out as items or as one file with the
// Summary beside it. Same options, results and bad-row rules as Items mode.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { columnsFor, resultColumns, TableWriter } from '../../lib/io';
import { computeRfm, type BadRowField, type RfmOptions, type RfmResult } from '../../lib/rfm';
import { addRunSummary, fieldProblem, fileInputSettings, fileItem, fileOutputSettings, readInputTable, requireColumns, rowError, rowList } from '../shared';
import { badRowsHint, customerJson, EXPECTED, runSummary, summaryJson } from './results';

export interface RfmFileSettings {
	fields: { customerId: string; timestamp: string; amount: string; orderId: string; quantity: string; status: string };
	rfmOptions: RfmOptions;
}

export async function computeRfmFile(context: IExecuteFunctions, { fields, rfmOptions }: RfmFileSettings): Promise<INodeExecutionData[][]> {
	// Only the mapped columns are read: the output is per customer, so nothing else of a row is needed.
	const mapped = columnsFor([fields.customerId, fields.timestamp, fields.amount, fields.orderId, fields.quantity, fields.status]);
	const { table } = await readInputTable(context, fileInputSettings(context), { what: 'transactions file', columns: mapped });
	requireColumns(
		context,
		table,
		[
			{ parameter: 'Customer ID Field', field: fields.customerId },
			{ parameter: 'Date Field', field: fields.timestamp },
			{ parameter: 'Amount Field', field: fields.amount },
			...(fields.quantity ? [{ parameter: 'Options: Quantity Field', field: fields.quantity }] : []),
			...(fields.status ? [{ parameter: 'Options: Status Field', field: fields.status }] : []),
		],
		'transactions file',
	);
	const output = fileOutputSettings(context, 'customers');
	let result: RfmResult;
	try {
		result = computeRfm(
			{
				customerId: table.values(fields.customerId),
				timestamp: table.values(fields.timestamp),
				amount: table.values(fields.amount),
				orderId: fields.orderId ? table.values(fields.orderId) : undefined,
				quantity: fields.quantity ? table.values(fields.quantity) : undefined,
				status: fields.status ? table.values(fields.status) : undefined,
			},
			rfmOptions,
		);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error as Error, { description: 'Check the node options (as-of date, cut points, CLV settings).' });
	}
	const { report } = result.features;
	const fieldOf: Record<BadRowField, string> = { customerId: fields.customerId, timestamp: fields.timestamp, amount: fields.amount, quantity: fields.quantity };

	// Fail closed as in Items mode: the first bad row stops the node unless it continues on fail.
	const badRows: IDataObject[] = [];
	for (const bad of report.badRowList) {
		const field = fieldOf[bad.field];
		const problem = fieldProblem(field, EXPECTED[bad.field], table.field(field)(bad.row));
		const error = rowError(context, bad.row + 1, problem);
		if (!context.continueOnFail()) throw error;
		badRows.push({ ...(table.rowObject(bad.row) as IDataObject), error: error.message, details: { row: bad.row + 1, ...problem } });
	}

	const m = result.features.customerIds.length;
	const summary = summaryJson(result, fieldOf, (row) => ({ row: row + 1 }));
	if (report.badRows > 0) summary.badRowNumbers = rowList(report.badRowList.map((b) => b.row + 1));
	const customers: INodeExecutionData[] = [];
	if (!output) {
		for (const json of badRows) customers.push({ json, pairedItem: { item: 0 } });
		for (let c = 0; c < m; c++) customers.push({ json: customerJson(result, c), pairedItem: { item: 0 } });
	} else {
		const writer = new TableWriter({ format: output.format, columns: resultColumns([], m > 0 ? customerJson(result, 0) : {}) });
		const preview: INodeExecutionData[] = [];
		for (let c = 0; c < m; c++) {
			const json = customerJson(result, c);
			writer.write(json);
			if (preview.length < output.previewRows) preview.push({ json, pairedItem: { item: 0 } });
		}
		const file = await fileItem(context, writer, output, { output: 'Customers', customers: m, transactions: report.rows, badRows: report.badRows });
		customers.push(file, ...preview, ...badRows.map((json) => ({ json, pairedItem: { item: 0 } })));
	}
	if (report.badRows > 0) {
		const where = `rows ${rowList(report.badRowList.map((b) => b.row + 1))}`;
		context.addExecutionHints({ message: badRowsHint(result, `${where}; they are on the Customers output as error rows`), type: 'warning', location: 'outputPane' });
	}
	addRunSummary(context, runSummary(result, `File of ${report.rows} transactions`));
	return [customers, [{ json: summary, pairedItem: { item: 0 } }]];
}
