// Measure Lift with Input = File: outcome rows (or pre-aggregated statistics) from a CSV or JSON
// Lines file, read into columns (lib/io). The node's row loop reads them through this array-like
// view, one short-lived object per row while it is read, never the whole file as items.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ColumnTable } from '../../lib/io';
import { fileInputSettings, readInputTable } from '../shared';

/** The file's rows as read-only items (`items[i].json` built on access), for the aggregation loop. */
export function rowsAsItems(table: ColumnTable): INodeExecutionData[] {
	return new Proxy([] as INodeExecutionData[], {
		get(target, property, receiver) {
			if (property === 'length') return table.rowCount;
			if (typeof property === 'string' && /^\d+$/.test(property)) {
				const row = Number(property);
				return row < table.rowCount ? { json: table.rowObject(row) as IDataObject, pairedItem: { item: 0 } } : undefined;
			}
			return Reflect.get(target, property, receiver);
		},
	});
}

export async function liftRowsFromFile(context: IExecuteFunctions): Promise<ColumnTable> {
	return (await readInputTable(context, fileInputSettings(context), { what: 'outcome file' })).table;
}
