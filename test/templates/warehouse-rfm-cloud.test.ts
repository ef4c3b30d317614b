// The warehouse RFM campaign on Snowflake and BigQuery, without either warehouse: each Generate SQL
// step is run through its node with the template's own parameters, and every statement it writes
// goes through n8n 2.41's own Snowflake or BigQuery node code as the template's "Run ... SQL" step
// would send it (the SQL unchanged, every value bound, none pasted in). On BigQuery the statements
// run one at a time through Loop Over Items, and n8n's own If sends each to the step that binds its
// one JSON parameter, or to the step that binds none. The template's own SQL is parsed by the
// dialect's grammar and its placeholders bound the same way.
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

describe('warehouse-rfm-campaign-bigquery.json', () => {
	const template = readTemplate('warehouse-rfm-campaign-bigquery.json');
	const nodes = template.nodes as Json[];
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const targets = (name: string, output = 0): string[] => ((template.connections[name]?.main[output] ?? []) as Json[]).map((c) => c.node);
	const generators = nodes.filter((n) => n.parameters.operation === 'generateSql');
	const BQ = 'n8n-nodes-base.googleBigQuery';
	const own = nodes.filter((n) => n.type === BQ && typeof n.parameters.sqlQuery === 'string' && !n.parameters.sqlQuery.startsWith('='));
	/** Per Generate SQL step: its loop, the If, the step with values, the step without, and where the loop's "done" goes. */
	const loops = generators.map((g) => {
		const [loop] = targets(g.name);
		const [check] = targets(loop, 1);
		const [withValues] = targets(check, 0);
		const [bare] = targets(check, 1);
		return { generator: g, loop, check, withValues, bare, done: targets(loop, 0) };
	});
	type Case = BindCase & { expected?: Json; role?: 'check' | 'withValues' | 'bare' };
	let cases: Case[];
	let recorded: Array<{ name: string; calls: Json[] }>;
	const callOf = (name: string): Json[] => recorded.find((r) => r.name === name)!.calls;

	beforeAll(async () => {
		cases = [];
		for (const { generator, check, withValues, bare } of loops) {
			const nodeType = generator.type.replace('n8n-nodes-marketing-analytics.', '');
			const { outputs } = await executeNode(NODES[nodeType](), { parameters: withSettings(generator.parameters) as Json, inputs: [[{}]] });
			outputs[0].forEach((item, k) => {
				for (const [role, name] of [['check', check], ['withValues', withValues], ['bare', bare]] as const) {
					const step = byName.get(name)!;
					cases.push({ name: `${name} #${k + 1}`, type: step.type, typeVersion: step.typeVersion, parameters: step.parameters, item: item.json, settings: SETTINGS, expected: item.json, role });
				}
			});
		}
		for (const step of own) cases.push({ name: step.name, type: step.type, typeVersion: step.typeVersion, parameters: step.parameters, item: {}, settings: SETTINGS });
		recorded = recordBinds(cases.map(({ expected: _expected, role: _role, ...c }) => c));
	});

	it('writes One JSON Array BigQuery statements and runs them one at a time: Loop Over Items (batch size 1) -> If values -> a BigQuery step -> back', () => {
		expect(generators.map((n) => n.name)).toEqual(['RFM SQL', 'Holdout SQL', 'Lift SQL']);
		expect(loops.map((l) => l.done)).toEqual([['RFM Report'], ['Arm Counts'], ['Measure Lift']]);
		for (const { generator, loop, check, withValues, bare } of loops) {
			expect(generator.parameters).toMatchObject({ dialect: 'bigquery', bigqueryParameters: 'json' });
			expect(byName.get(loop)).toMatchObject({ type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 1 } });
			expect(byName.get(check)!.type).toBe('n8n-nodes-base.if');
			for (const name of [withValues, bare]) {
				const step = byName.get(name)!;
				expect(step).toMatchObject({ type: BQ, alwaysOutputData: true, parameters: { operation: 'executeQuery', sqlQuery: '={{ $json.sql }}' } });
				expect(targets(name)).toEqual([loop]);
			}
			// The fixed list holds one entry, its value an expression (never the list itself).
			expect(byName.get(withValues)!.parameters.options).toEqual({ queryParameters: { namedParameters: [{ name: 'params', value: '={{ JSON.stringify($json.parameters) }}' }] } });
			expect(byName.get(bare)!.parameters.options).toEqual({});
		}
		expect(own.map((n) => n.name).sort()).toEqual(['Campaign Outcomes (simulated)', 'Sample Orders', 'Target Audience', 'Treatment Audience']);
	});

	it("routes each statement by n8n's If and sends it unchanged, its values in the one STRING parameter params", () => {
		const generated = cases.filter((c) => c.role === 'check');
		expect(generated.length).toBeGreaterThanOrEqual(5);
		let withValues = 0;
		let bare = 0;
		for (const c of generated) {
			const item = c.expected!;
			const values = item.parameters as string[];
			const [route] = callOf(c.name);
			expect(route.output).toBe(values.length > 0 ? 0 : 1);
			const k = c.name.slice(c.name.lastIndexOf(' #'));
			const loop = loops.find((l) => l.check === c.name.slice(0, c.name.lastIndexOf(' #')))!;
			const calls = callOf(`${route.output === 0 ? loop.withValues : loop.bare}${k}`);
			expect(calls).toHaveLength(1);
			expect(calls[0].sql).toBe(item.sql);
			const text = code(item.sql);
			const named = new Set([...text.matchAll(/@([A-Za-z_]\w*)/g)].map((m) => m[1]));
			if (values.length > 0) {
				withValues++;
				expect(calls[0].queryParameters).toEqual([{ name: 'params', parameterType: { type: 'STRING' }, parameterValue: { value: JSON.stringify(values) } }]);
				expect(JSON.parse(calls[0].queryParameters[0].parameterValue.value)).toEqual(values);
				expect(named).toEqual(new Set(['params']));
				// Every value is read, by its index.
				const indexes = new Set([...item.sql.matchAll(/JSON_VALUE\(@params, '\$\[(\d+)\]'\)/g)].map((m) => Number(m[1])));
				expect([...indexes].sort((a, b) => a - b)).toEqual(values.map((_v, j) => j));
			} else {
				bare++;
				expect(calls[0].queryParameters).toEqual([]);
				expect(named).toEqual(new Set());
			}
		}
		expect(withValues).toBeGreaterThanOrEqual(3);
		expect(bare).toBeGreaterThanOrEqual(3);
		// The campaign salt, with its comma and quote, arrives whole inside the bound JSON.
		const holdout = generated.filter((c) => c.name.startsWith('Holdout Values?') && (c.expected!.parameters as string[]).length > 0);
		expect(holdout.some((c) => (c.expected!.parameters as string[]).some((v) => v.includes(SETTINGS.campaign)))).toBe(true);
	});

	it("parses the template's own SQL and the generated statements with the BigQuery grammar and binds the own steps' parameters", () => {
		for (const step of own) {
			expect(() => parseWith('bigquery', step.parameters.sqlQuery)).not.toThrow();
			const calls = callOf(step.name);
			expect(calls).toHaveLength(1);
			const wanted = new Set([...code(calls[0].sql).matchAll(/@([A-Za-z_]\w*)/g)].map((m) => m[1]));
			expect(new Set(calls[0].queryParameters.map((p: Json) => p.name))).toEqual(wanted);
		}
		expect(JSON.stringify(callOf('Target Audience')[0])).toContain(JSON.stringify(SETTINGS.targetSegments).slice(1, -1));
		// node-sql-parser's BigQuery grammar fails on every UPDATE and has no DROP TABLE IF EXISTS: checked as text.
		for (const c of cases.filter((x) => x.role === 'check')) {
			const sql = c.expected!.sql as string;
			if (/^DROP TABLE IF EXISTS /.test(sql)) expect(sql).toMatch(/^DROP TABLE IF EXISTS `[^`]+`\.`[^`]+`$/);
			else if (!/^UPDATE /.test(sql)) expect(() => parseWith('bigquery', sql)).not.toThrow();
		}
	});
});
