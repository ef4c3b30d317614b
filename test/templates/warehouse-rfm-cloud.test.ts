// The warehouse RFM campaign on Snowflake, without a Snowflake account: each Generate SQL
// step is run through its node with the template's own parameters, and every statement it writes
// goes through n8n 2.41's own Snowflake node code as the template's "Run ... SQL" step
// would send it (the SQL unchanged, every value bound, none pasted in). The template's own SQL is
// parsed by the dialect's grammar and its placeholders bound the same way.
import type { INodeType } from 'n8n-workflow';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { executeNode } from '../helpers/executeNode';
import { parseWith } from '../lib/warehouse/parse';
import { readTemplate } from './n8n';
import { recordBinds, type BindCase } from './warehouse-binds-run';

jest.setTimeout(180_000);

type Json = Record<string, any>;
const SETTINGS: Json = { campaign: "winback, 2026 'vip'", controlPercent: 10, targetSegments: "At Risk,Can't Lose Them" };
const NODES: Record<string, () => INodeType> = { computeRfm: () => new ComputeRfm(), splitHoldout: () => new SplitHoldout(), measureLift: () => new MeasureLift() };
const WAREHOUSES = [
	{ file: 'warehouse-rfm-campaign-snowflake.json', dialect: 'snowflake' as const, type: 'n8n-nodes-base.snowflake', sqlKey: 'query' },
];

/** The template's `={{ $('Settings').first().json.x }}` parameters, as the run would read them. */
function withSettings(value: unknown): unknown {
	if (typeof value === 'string') {
		const m = /^=\{\{\s*\$\('Settings'\)\.first\(\)\.json\.(\w+)\s*\}\}$/.exec(value);
		return m ? SETTINGS[m[1]] : value;
	}
	if (Array.isArray(value)) return value.map(withSettings);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSettings(v)]));
	return value;
}

/** SQL without string literals and comments. */
const code = (sql: string): string => sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '');

describe.each(WAREHOUSES)('$file', ({ file, dialect, type, sqlKey }) => {
	const template = readTemplate(file);
	const nodes = template.nodes as Json[];
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const next = (name: string): Json => byName.get((template.connections[name].main[0][0] as Json).node) as Json;
	const generators = nodes.filter((n) => n.parameters.operation === 'generateSql');
	const own = nodes.filter((n) => n.type === type && typeof n.parameters[sqlKey] === 'string' && !n.parameters[sqlKey].startsWith('='));
	let cases: Array<BindCase & { expected?: Json }>;
	let recorded: Array<{ name: string; calls: Json[] }>;

	beforeAll(async () => {
		cases = [];
		for (const generator of generators) {
			const nodeType = generator.type.replace('n8n-nodes-marketing-analytics.', '');
			const { outputs } = await executeNode(NODES[nodeType](), { parameters: withSettings(generator.parameters) as Json, inputs: [[{}]] });
			const run = next(generator.name);
			outputs[0].forEach((item, k) => cases.push({ name: `${run.name} #${k + 1}`, type: run.type, typeVersion: run.typeVersion, parameters: run.parameters, item: item.json, settings: SETTINGS, expected: item.json }));
		}
		for (const step of own) cases.push({ name: step.name, type: step.type, typeVersion: step.typeVersion, parameters: step.parameters, item: {}, settings: SETTINGS });
		recorded = recordBinds(cases.map(({ expected: _expected, ...c }) => c));
	});

	it(`uses the ${dialect} dialect in every Generate SQL step, each followed by a ${type} step`, () => {
		expect(generators.map((n) => n.name)).toEqual(['RFM SQL', 'Holdout SQL', 'Lift SQL']);
		for (const g of generators) {
			expect(g.parameters.dialect).toBe(dialect);
			expect(next(g.name).type).toBe(type);
		}
		expect(own.map((n) => n.name).sort()).toEqual(['Campaign Outcomes (simulated)', 'Sample Orders', 'Target Audience', 'Treatment Audience']);
	});

	it('sends every generated statement unchanged, its values bound in order', () => {
		const generated = cases.filter((c) => c.expected);
		expect(generated.length).toBeGreaterThanOrEqual(5);
		for (const c of generated) {
			const { calls } = recorded.find((r) => r.name === c.name)!;
			expect(calls).toHaveLength(1);
			expect(calls[0].sql).toBe(c.expected!.sql);
			expect(calls[0].binds).toEqual(c.expected!.parameters);
		}
		// The campaign salt, with its comma and quote, arrives whole as a bound value.
		const holdout = generated.filter((c) => c.name.startsWith('Run Holdout SQL'));
		expect(holdout.some((c) => JSON.stringify(recorded.find((r) => r.name === c.name)!.calls[0]).includes(JSON.stringify(SETTINGS.campaign).slice(1, -1)))).toBe(true);
	});

	it(`parses the template's own SQL with the ${dialect} grammar and binds its placeholders`, () => {
		for (const step of own) {
			expect(() => parseWith(dialect, step.parameters[sqlKey])).not.toThrow();
			const { calls } = recorded.find((r) => r.name === step.name)!;
			expect(calls).toHaveLength(1);
			const sql = code(calls[0].sql);
			const numbered = Math.max(0, ...[...sql.matchAll(/:(\d+)\b/g)].map((m) => Number(m[1])));
			expect(calls[0].binds).toHaveLength(numbered);
		}
		const audience = recorded.find((r) => r.name === 'Target Audience')!.calls[0];
		expect(JSON.stringify(audience)).toContain(JSON.stringify(SETTINGS.targetSegments).slice(1, -1));
	});
});
