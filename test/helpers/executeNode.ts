// Runs a node's execute() in-process with realistic items. Only what our nodes use is provided;
// the real-n8n e2e tests (test/e2e) check the rest. Parameters are read like n8n does: by name,
// with dot paths into collections ('options.stratifyField') and the node's defaults as fallback.
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	NodeExecutionHint,
} from 'n8n-workflow';

export interface ExecuteOptions {
	parameters: IDataObject;
	/** One array of items per input. */
	inputs: IDataObject[][] | INodeExecutionData[][];
	continueOnFail?: boolean;
	/** The node's "On Error" setting; implies continueOnFail for the two "continue" values. */
	onError?: INode['onError'];
	credentials?: Record<string, IDataObject>;
	/** For nodes that call HTTP: stands in for helpers.httpRequestWithAuthentication. */
	httpRequestWithAuthentication?: (credentialType: string, options: IDataObject) => Promise<unknown>;
	/** What getExecutionCancelSignal() returns: abort it to stand for a cancelled execution. */
	cancelSignal?: AbortSignal;
}

export interface ExecuteResult {
	outputs: INodeExecutionData[][];
	hints: NodeExecutionHint[];
	node: INode;
}

function defaults(properties: INodeProperties[]): IDataObject {
	const values: IDataObject = {};
	for (const property of properties) values[property.name] = property.default as IDataObject[string];
	return values;
}

function lookup(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	// n8n reads parameters with lodash get: `metrics.metric[0].field` too.
	for (const segment of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
		if (current === null || typeof current !== 'object' || !(segment in (current as object))) return undefined;
		current = (current as IDataObject)[segment];
	}
	return current;
}

function asItems(items: IDataObject[] | INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item, index) =>
		item && typeof item === 'object' && 'json' in item && typeof item.json === 'object'
			? ({ pairedItem: { item: index }, ...(item as INodeExecutionData) } as INodeExecutionData)
			: { json: item as IDataObject, pairedItem: { item: index } },
	);
}

export async function executeNode(nodeType: INodeType, options: ExecuteOptions): Promise<ExecuteResult> {
	const description = nodeType.description;
	const node: INode = {
		id: 'test-node',
		name: String(description.defaults.name ?? description.displayName),
		type: `n8n-nodes-marketing-analytics.${description.name}`,
		typeVersion: Array.isArray(description.version) ? description.version[description.version.length - 1] : description.version,
		position: [0, 0],
		parameters: options.parameters as INodeParameters,
		...(options.onError ? { onError: options.onError } : {}),
	};
	const parameters = { ...defaults(description.properties), ...options.parameters };
	const inputs = options.inputs.map((items) => asItems(items as IDataObject[]));
	const hints: NodeExecutionHint[] = [];

	const context = {
		getNode: () => node,
		getInputData: (inputIndex = 0) => inputs[inputIndex] ?? [],
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, parameterOptions?: { rawExpressions?: boolean }) => {
			const value = lookup(parameters, name);
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			// As n8n does, an expression reading one item field evaluates to that item's value
			// (other expressions are left as written); rawExpressions gives the text as written.
			const read = typeof value === 'string' && !parameterOptions?.rawExpressions ? /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value) : null;
			return read ? lookup(inputs[0]?.[itemIndex]?.json ?? {}, read[1]) : value;
		},
		continueOnFail: () =>
			options.continueOnFail === true || options.onError === 'continueRegularOutput' || options.onError === 'continueErrorOutput',
		addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
		getExecutionCancelSignal: () => options.cancelSignal,
		getCredentials: async (type: string) => {
			const credentials = options.credentials?.[type];
			if (!credentials) throw new Error(`No credentials of type "${type}" given to the test`);
			return credentials;
		},
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: unknown }) =>
				data.map((item) => ({ ...item, pairedItem: meta.itemData })),
			prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string) => ({
				data: buffer.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: String(buffer.length),
			}),
			httpRequestWithAuthentication: async function (credentialType: string, requestOptions: IDataObject) {
				if (!options.httpRequestWithAuthentication) throw new Error('No HTTP stand-in given to the test');
				return options.httpRequestWithAuthentication(credentialType, requestOptions);
			},
		},
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
	} as unknown as IExecuteFunctions;

	const outputs = ((await nodeType.execute!.call(context)) ?? []) as INodeExecutionData[][];
	return { outputs, hints, node };
}
