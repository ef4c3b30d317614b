// The output schemas the editor previews before a run (n8n 2.41 serves
// nodes/<Node>/__schema__/v1.0.0[/<operation>].json at /schemas/<type>/1.0.0[/<operation>].json).
// Each is derived from what the node really emits on a small realistic input, so a node that gains
// or loses an output field fails here until its schema is regenerated:
//   UPDATE_SCHEMAS=1 npx jest test/nodes/outputSchemas.test.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { PropagateOptOut } from '../../nodes/PropagateOptOut/PropagateOptOut.node';
import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { ScorePropensity } from '../../nodes/ScorePropensity/ScorePropensity.node';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { executeNode } from '../helpers/executeNode';

type JsonSchema = { type: string; properties?: Record<string, JsonSchema>; items?: JsonSchema };

function schemaOf(value: unknown): JsonSchema {
	if (Array.isArray(value)) return value.length > 0 ? { type: 'array', items: value.map(schemaOf).reduce(merge) } : { type: 'array' };
	if (value !== null && typeof value === 'object') {
		return { type: 'object', properties: Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, schemaOf(inner)])) };
	}
	if (value === null || value === undefined) return { type: 'null' };
	return { type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string' };
}

/** One schema covering two samples: a field null in one and a number in the other is a number. */
function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
	if (a.type === 'null') return b;
	if (b.type === 'null' || a.type !== b.type) return a;
	if (a.type === 'object') {
		const properties: Record<string, JsonSchema> = { ...a.properties };
		for (const [key, inner] of Object.entries(b.properties ?? {})) properties[key] = properties[key] ? merge(properties[key], inner) : inner;
		return { type: 'object', properties };
	}
	if (a.type === 'array' && a.items && b.items) return { type: 'array', items: merge(a.items, b.items) };
	return a.type === 'array' && !a.items ? b : a;
}

/** The schema of a node's main output: whole items, or only the fields a pass-through node adds. */
function outputSchema(items: INodeExecutionData[], keep?: string[]): JsonSchema {
	const samples = items.map((item) => (keep ? Object.fromEntries(keep.map((key) => [key, item.json[key]])) : item.json));
	return samples.map(schemaOf).reduce(merge);
}

const audience = [
	{ customerId: 'c1', email: 'ann@example.com', consent: 'opted_in', country: 'US' },
	{ customerId: 'c2', email: 'bob@example.com', consent: 'opted_in', country: 'US' },
	{ customerId: 'c3', email: 'info@example.com', consent: 'opted_in', country: 'US' },
];
const liftRows = Array.from({ length: 400 }, (_, i) => ({ arm: i % 2 ? 'treatment' : 'control', converted: i % 2 ? Number(i % 10 === 1) : Number(i % 20 === 0), revenue: i % 7 }));
const transactions = Array.from({ length: 60 }, (_, i) => ({ customerId: `c${i % 12}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, amount: 10 + (i % 5) * 7, orderId: `o${i}` }));
const training = Array.from({ length: 300 }, (_, i) => ({ age: 20 + (i % 45), region: ['north', 'south', 'east'][i % 3], converted: Number((i % 45) > 25 !== (i % 7 === 0)) }));

async function schemas(): Promise<Record<string, JsonSchema>> {
	const run = (node: INodeType, parameters: IDataObject, inputs: IDataObject[][], extra: Partial<Parameters<typeof executeNode>[1]> = {}) =>
		executeNode(node, { parameters, inputs, ...extra }).then((result) => result.outputs);

	const holdout = await run(new SplitHoldout(), { customerIdField: 'customerId', campaignSalt: 's', controlPercent: 10, options: {} }, [audience]);
	const suppression = await run(new ApplySuppression(), {}, [audience, [{ email: 'bob@example.com', reason: 'complaint' }]]);
	const identity = await run(new ResolveIdentity(), {}, [[...audience.map((a) => ({ ...a, id: `crm:${a.customerId}`, source: 'crm' })), { id: 'esp:1', source: 'esp', email: 'ann@example.com' }]]);
	const rfm = await run(new ComputeRfm(), { options: { asOf: '2025-10-01' } }, [transactions]);
	const lift = await run(new MeasureLift(), { metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous' }] }, options: { targetEffect: 10 } }, [liftRows]);
	const trained = await run(new ScorePropensity(), { operation: 'train', targetField: 'converted', featureFields: 'age, region', trainOptions: { validation: 'random', validationPercent: 25, folds: 3 } }, [training]);
	const model = [{ model: trained[0][0].json.model as IDataObject }];
	const scored = await run(new ScorePropensity(), { operation: 'score' }, [training, model]);
	const evaluated = await run(new ScorePropensity(), { operation: 'evaluate', targetField: 'converted' }, [training, model]);
	const optOut = await run(new PropagateOptOut(), { destinations: ['webhook'] }, [[{ email: 'ann@example.com', reason: 'one-click unsubscribe' }]], {
		credentials: { marketingAnalyticsOptOutWebhookApi: { url: 'https://receiver.example/optout', secret: 'test-secret', keyId: 'k1' } },
		httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: '{}' }),
	});

	return {
		'SplitHoldout/__schema__/v1.0.0': outputSchema([...holdout[0], ...holdout[1]], ['holdout']),
		'ApplySuppression/__schema__/v1.0.0': outputSchema([...suppression[0], ...suppression[1]], ['suppression']),
		'ResolveIdentity/__schema__/v1.0.0': outputSchema(identity[0], ['customerId', 'identity']),
		'ComputeRfm/__schema__/v1.0.0': outputSchema(rfm[0]),
		'MeasureLift/__schema__/v1.0.0': outputSchema(lift[0]),
		'ScorePropensity/__schema__/v1.0.0/train': outputSchema(trained[0]),
		'ScorePropensity/__schema__/v1.0.0/score': outputSchema(scored[0], ['propensity']),
		'ScorePropensity/__schema__/v1.0.0/evaluate': outputSchema(evaluated[0]),
		'ScorePropensity/__schema__/v1.0.0': outputSchema(trained[0]), // Train is the default operation
		'PropagateOptOut/__schema__/v1.0.0': outputSchema([...optOut[0], ...optOut[1]], ['optOut']),
	};
}

describe('output schemas for the editor preview', () => {
	it('ships, for every node, the schema of what it emits', async () => {
		const nodesFolder = join(__dirname, '..', '..', 'nodes');
		for (const [path, schema] of Object.entries(await schemas())) {
			const file = join(nodesFolder, `${path}.json`);
			if (process.env.UPDATE_SCHEMAS === '1') {
				mkdirSync(dirname(file), { recursive: true });
				writeFileSync(file, `${JSON.stringify(schema, null, '\t')}\n`);
			}
			expect({ path, exists: existsSync(file) }).toEqual({ path, exists: true });
			// The editor only previews a schema with a type and non-empty properties.
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
			expect({ path, schema: JSON.parse(readFileSync(file, 'utf8')) }).toEqual({ path, schema });
		}
	});
});
