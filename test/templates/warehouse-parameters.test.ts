// Each warehouse template's Execute Query steps bind exactly the values their SQL placeholders
// expect, checked with n8n 2.41's own Snowflake and BigQuery node code (run under the runtime's
// Node 24 by warehouse-binds.js, the warehouse call replaced by a recorder) on an adversarial item:
// a campaign name with a comma and a quote, JSON full of commas.
import { readTemplate } from './n8n';
import { recordBinds } from './warehouse-binds-run';

jest.setTimeout(180_000);

type Json = Record<string, any>;
const FILES = ['lift-report-snowflake.json', 'warehouse-propensity-snowflake.json', 'lift-report-bigquery.json', 'warehouse-propensity-bigquery.json'];
const SETTINGS = { campaign: "spring, 2026 'vip'", windowDays: 14, cutoff: '2025-04-01T00:00:00Z', horizonDays: 90, slackChannelId: 'C0123456789' };
const ITEM = {
	campaign: "spring, 2026 'vip'",
	results: [{ arm: 'treatment', metric: 'converted', note: 'a, b', lift: 0.012 }],
	modelId: 'model-2026-03-01',
	training: { auc: 0.71, rows: 1200 },
	validation: { auc: 0.69, rows: 400 },
	model: { coefficients: [0.1, -0.2], features: ['recency_days', 'frequency'] },
	rows: [
		{ customer_id: 'c1', score: 0.5, tier: 'high' },
		{ customer_id: "c'2", score: 0.1, tier: 'low' },
	],
};

/** SQL without string literals and comments (a "?" or "@x" inside them is not a placeholder). */
function code(sql: string): string {
	return sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

const steps = FILES.flatMap((file) =>
	(readTemplate(file).nodes as Json[])
		.filter((n) => ['n8n-nodes-base.snowflake', 'n8n-nodes-base.googleBigQuery'].includes(n.type) && n.parameters.operation === 'executeQuery')
		.map((n) => ({ file, node: n })),
);

describe('warehouse templates bind what their placeholders expect (n8n 2.41 node code)', () => {
	let recorded: Array<{ name: string; calls: Json[] }>;
	beforeAll(() => {
		recorded = recordBinds(steps.map(({ file, node }) => ({ name: `${file}: ${node.name}`, type: node.type, typeVersion: node.typeVersion, parameters: node.parameters, item: ITEM, settings: SETTINGS })));
	});

	it('finds the Execute Query steps', () => {
		expect(steps.filter((s) => s.node.type === 'n8n-nodes-base.snowflake').length).toBeGreaterThanOrEqual(6);
		expect(steps.filter((s) => s.node.type === 'n8n-nodes-base.googleBigQuery').length).toBeGreaterThanOrEqual(6);
	});

	it.each(steps.map(({ file, node }) => [`${file}: ${node.name}`, node.type]))('%s', (name, type) => {
		const { calls } = recorded.find((r) => r.name === name)!;
		expect(calls).toHaveLength(1);
		const [call] = calls;
		expect(call.sql).not.toMatch(/\{\{|\}\}/);
		if (type === 'n8n-nodes-base.snowflake') {
			const sql = code(call.sql);
			const positional = (sql.match(/\?/g) ?? []).length;
			const numbered = Math.max(0, ...[...sql.matchAll(/:(\d+)\b/g)].map((m) => Number(m[1])));
			expect(positional === 0 || numbered === 0).toBe(true);
			expect(call.binds).toHaveLength(Math.max(positional, numbered));
			// What goes into PARSE_JSON(?) is whole JSON, and the campaign arrives whole.
			const parsed = [...sql.matchAll(/\?/g)].map((m) => /PARSE_JSON\($/i.test(sql.slice(0, m.index)));
			call.binds.forEach((bind: unknown, k: number) => {
				if (parsed[k]) expect(() => JSON.parse(String(bind))).not.toThrow();
			});
			if (/lift_results/.test(sql)) expect(call.binds[0]).toBe(ITEM.campaign);
		} else {
			const sql = code(call.sql);
			const wanted = new Set([...sql.matchAll(/@([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
			const given = call.queryParameters.map((p: Json) => p.name);
			expect(new Set(given)).toEqual(wanted);
			expect(given).toHaveLength(wanted.size);
			for (const p of call.queryParameters) expect(typeof p.parameterValue.value).toBe('string');
		}
	});
});
