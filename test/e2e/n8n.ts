// Typed access to the real-n8n harness (scripts/n8n-runtime.js) for e2e tests.
import type { IConnections, IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

const runtime = require('../../scripts/n8n-runtime.js');

export const PACKAGE = 'n8n-nodes-marketing-analytics';

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: INode[] | IDataObject[];
	connections: IConnections | IDataObject;
	settings?: IDataObject;
}

export interface Execution {
	data: { resultData: { runData: Record<string, unknown[]>; error?: { message: string } } };
	status?: string;
}

function userFolder(): string {
	const folder = process.env.N8N_MA_E2E_USER_FOLDER;
	if (!folder) throw new Error('N8N_MA_E2E_USER_FOLDER is not set: run e2e tests through jest --selectProjects e2e');
	return folder;
}

/** Imports the workflow into the prepared n8n and runs it headless. */
export async function runWorkflow(workflow: WorkflowJson, env: Record<string, string> = {}): Promise<Execution> {
	return runtime.runWorkflow(userFolder(), workflow, env);
}

/** Items per output of a node's first run. */
export function outputsOf(execution: Execution, nodeName: string): INodeExecutionData[][] {
	return runtime.nodeOutputs(execution, nodeName);
}

/** A Manual Trigger, then a Code node emitting the given items, as the first two nodes of a test workflow. */
export function manualStartWithItems(items: IDataObject[], name = 'Input'): { nodes: IDataObject[]; connections: IDataObject } {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `code-${name}`,
				name,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
			},
		],
		connections: { Start: { main: [[{ node: name, type: 'main', index: 0 }]] } },
	};
}

/** A Manual Trigger, then a Code node emitting one item with the file in binary property `data` (inline base64). */
export function manualStartWithFile(content: Buffer | string, fileName: string, name = 'File'): { nodes: IDataObject[]; connections: IDataObject } {
	const data = Buffer.from(content).toString('base64');
	const mimeType = fileName.endsWith('.gz') ? 'application/gzip' : fileName.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson';
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `code-${name}`,
				name,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return [{ json: { fileName: ${JSON.stringify(fileName)} }, binary: { data: { data: ${JSON.stringify(data)}, mimeType: ${JSON.stringify(mimeType)}, fileName: ${JSON.stringify(fileName)} } } }];` },
			},
		],
		connections: { Start: { main: [[{ node: name, type: 'main', index: 0 }]] } },
	};
}

/** Extract From File (CSV) after a node output: the rows of a result file as items, to compare. */
export function extractCsvAfter(source: string, output: number, name: string, x = 660, y = 0): { node: IDataObject; connection: IDataObject } {
	return {
		node: {
			id: `extract-${name}`,
			name,
			type: 'n8n-nodes-base.extractFromFile',
			typeVersion: 1,
			position: [x, y],
			parameters: { operation: 'csv', binaryPropertyName: 'data', options: {} },
		},
		connection: { source, output, node: name },
	};
}
