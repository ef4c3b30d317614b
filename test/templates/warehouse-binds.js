// Runs n8n 2.41's own Snowflake and BigQuery Execute Query code (from the runtime, under Node 24)
// on a template node's parameters and a sample item (and n8n's If, to record which output an item
// takes), with the warehouse calls replaced by a
// recorder: prints, per case, the SQL and the values the node binds, exactly as it would send them.
// Usage: node warehouse-binds.js <n8nPrefix> <cases.json>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [n8nPrefix, casesFile] = process.argv.slice(2);
const base = path.join(n8nPrefix, 'node_modules', 'n8n-nodes-base');
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));

// n8n's expression semantics where the templates need them: "={{ x }}" alone keeps x's type;
// text with several {{ }} becomes text.
function evaluate(code, item, settings) {
	const $ = () => ({ first: () => ({ json: settings }), item: { json: settings }, all: () => [{ json: settings }] });
	return new Function('$json', '$', `return (${code});`)(item, $);
}
function resolve(value, item, settings) {
	if (typeof value === 'string' && value.startsWith('=')) {
		const text = value.slice(1);
		const whole = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text);
		if (whole && !whole[1].includes('}}')) return evaluate(whole[1], item, settings);
		return text.replace(/\{\{([\s\S]*?)\}\}/g, (_, code) => {
			const v = evaluate(code, item, settings);
			return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
		});
	}
	if (Array.isArray(value)) return value.map((v) => resolve(v, item, settings));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, item, settings)]));
	return value;
}

function context(c, extra) {
	return {
		getNodeParameter: (name, _i, fallback) => (name in c.parameters ? resolve(c.parameters[name], c.item, c.settings) : fallback),
		getInputData: () => [{ json: c.item }],
		getNode: () => ({ name: c.name, type: c.type, typeVersion: c.typeVersion, parameters: c.parameters }),
		getCredentials: async () => ({ account: 'x', database: 'd', warehouse: 'w', schema: 's', username: 'u', password: 'p' }),
		evaluateExpression: (expression) => resolve(`=${expression}`, c.item, c.settings),
		continueOnFail: () => false,
		getExecutionCancelSignal: () => undefined,
		helpers: { constructExecutionMetaData: (data) => data, returnJsonArray: (data) => data },
		...extra,
	};
}

class Recorded extends Error {}

(async () => {
	const out = [];
	for (const c of cases) {
		const calls = [];
		if (c.type === 'n8n-nodes-base.snowflake') {
			const sdk = require(require.resolve('snowflake-sdk', { paths: [base] }));
			sdk.configure = () => {};
			sdk.createConnection = () => ({});
			const gf = require(path.join(base, 'dist', 'nodes', 'Snowflake', 'GenericFunctions.js'));
			gf.getConnectionOptions = () => ({});
			gf.connect = async () => {};
			gf.destroy = async () => {};
			gf.prepareQueryResults = async () => [];
			gf.execute = async (_connection, sql, binds) => {
				if (!/^ALTER SESSION/.test(sql)) calls.push({ sql, binds });
				return [];
			};
			const { Snowflake } = require(path.join(base, 'dist', 'nodes', 'Snowflake', 'Snowflake.node.js'));
			await new Snowflake().execute.call(context(c));
		} else if (c.type === 'n8n-nodes-base.if') {
			// n8n's If (v2) with its conditions evaluated as n8n-core does (extractValue: executeFilter).
			const { executeFilter } = require(require.resolve('n8n-workflow', { paths: [base] }));
			const { IfV2 } = require(path.join(base, 'dist', 'nodes', 'If', 'V2', 'IfV2.node.js'));
			const ifContext = context(c, {
				getNodeParameter: (name, _i, fallback, options) => {
					const value = name in c.parameters ? resolve(c.parameters[name], c.item, c.settings) : fallback;
					return name === 'conditions' && options && options.extractValue ? executeFilter(value, { itemIndex: 0 }) : value;
				},
			});
			const [trueItems, falseItems] = await IfV2.prototype.execute.call(ifContext);
			calls.push({ output: trueItems.length ? 0 : falseItems.length ? 1 : -1 });
		} else if (c.type === 'n8n-nodes-base.googleBigQuery') {
			const transport = require(path.join(base, 'dist', 'nodes', 'Google', 'BigQuery', 'v2', 'transport', 'index.js'));
			transport.googleBigQueryApiRequest = async function (_method, _endpoint, body) {
				calls.push({ sql: body.configuration.query.query, queryParameters: body.configuration.query.queryParameters ?? [] });
				throw new Recorded('recorded');
			};
			const op = require(path.join(base, 'dist', 'nodes', 'Google', 'BigQuery', 'v2', 'actions', 'database', 'executeQuery.operation.js'));
			try {
				await op.execute.call(context(c));
			} catch (error) {
				if (!(error instanceof Recorded) && !String(error && error.message).includes('recorded')) throw error;
			}
		}
		out.push({ name: c.name, calls });
	}
	process.stdout.write(JSON.stringify(out));
})().catch((error) => {
	process.stderr.write(String(error && error.stack ? error.stack : error));
	process.exit(1);
});
