// Every template in templates/ is valid n8n workflow JSON whose node types, type versions and
// parameters exist in the n8n 2.41.0 runtime (built-in nodes) and in this package's dist/ (ours),
// with sticky notes, a Manual Trigger and no credential IDs or secrets; and real n8n imports them all.
import fs from 'node:fs';
import path from 'node:path';
import { importAll, newId } from './n8n';
import { loadNodeTypes, templateFiles, validateTemplate, type NodeDescription } from './validate';

jest.setTimeout(180_000);

let types: Map<string, NodeDescription[]>;
beforeAll(() => {
	types = loadNodeTypes();
});

describe('templates/*.json', () => {
	const files = templateFiles();

	it('finds the templates', () => {
		expect(files.length).toBeGreaterThanOrEqual(1);
	});

	it.each(files.map((f) => [path.basename(f), f]))('%s passes the static checks', (_name, file) => {
		expect(validateTemplate(fs.readFileSync(file, 'utf8'), types)).toEqual([]);
	});

	it('the checker rejects what it must', () => {
		const workflow = JSON.parse(fs.readFileSync(files[0], 'utf8'));
		const ours = workflow.nodes.find((n: { type: string }) => n.type.startsWith('n8n-nodes-marketing-analytics.'));
		const postgres = {
			id: 'x1',
			name: 'Bad Postgres',
			type: 'n8n-nodes-base.postgres',
			typeVersion: 2.7,
			position: [-5000, -5000],
			parameters: { operation: 'executeQueryy', query: 'select 1' },
			credentials: { postgres: { id: '12', name: 'prod' } },
		};
		const code = { id: 'x2', name: 'Old Code', type: 'n8n-nodes-base.code', typeVersion: 1, position: [0, 0], parameters: { jsCode: 'return [];' } };
		const unknownType = { id: 'x3', name: 'Dev type', type: 'CUSTOM.splitHoldout', typeVersion: 1, position: [0, 0], parameters: {} };
		ours.parameters.noSuchParameter = 1;
		workflow.nodes.push(postgres, code, unknownType);
		workflow.nodes.push({ ...postgres, id: 'x4', name: 'Leaky', position: [0, 0], credentials: undefined, parameters: { operation: 'executeQuery', query: 'select 1', options: { api_key: 'abc123' } } });
		const problems = validateTemplate(JSON.stringify(workflow), types).join('\n');
		expect(problems).toMatch(/unknown parameter "noSuchParameter"/);
		expect(problems).toMatch(/"executeQueryy" is not one of/);
		expect(problems).toMatch(/credential postgres carries an ID/);
		expect(problems).toMatch(/Bad Postgres" is not inside any sticky note/);
		expect(problems).toMatch(/code must be at the type version/);
		expect(problems).toMatch(/type "CUSTOM.splitHoldout" is neither built-in/);
		expect(problems).toMatch(/unknown parameter "api_key"/);
		expect(problems).toMatch(/API key-looking value/);
		const hook = { id: 'x5', name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], parameters: { httpMethod: 'POST', path: 'unsubscribe', options: {} } };
		expect(validateTemplate(JSON.stringify({ ...workflow, nodes: [...workflow.nodes, hook] }), types).join('\n')).toMatch(/Hook.*webhook without a fixed webhookId/);
	});

	it('each committed template is what scripts/build-templates.js generates', () => {
		const { templates } = require('../../scripts/build-templates.js') as { templates: Array<{ file: string; toJSON(): unknown }> };
		for (const t of templates) expect([t.file, JSON.parse(fs.readFileSync(path.join(path.dirname(files[0]), t.file), 'utf8'))]).toEqual([t.file, t.toJSON()]);
	});

	it('real n8n imports every template', () => {
		const workflows = files.map((file) => ({ ...JSON.parse(fs.readFileSync(file, 'utf8')), id: newId() }));
		const stored = importAll(workflows);
		expect(stored.map((w) => w.id).sort()).toEqual(workflows.map((w) => w.id).sort());
		for (const workflow of workflows) {
			const back = stored.find((w) => w.id === workflow.id)!;
			expect(back.nodes.map((n: { type: string; typeVersion: number }) => `${n.type}@${n.typeVersion}`).sort()).toEqual(
				workflow.nodes.map((n: { type: string; typeVersion: number }) => `${n.type}@${n.typeVersion}`).sort(),
			);
		}
	});
});
