// Static checks of template workflow JSON against the node descriptions real n8n loads: the
// built-in nodes from the cached n8n 2.41.0 runtime (n8n-nodes-base ships them as
// dist/types/nodes.json) and this package's nodes from dist/ (after `npm run build`).
import fs from 'node:fs';
import path from 'node:path';

const runtime = require('../../scripts/n8n-runtime.js');

export const PACKAGE = 'n8n-nodes-marketing-analytics';
export const TEMPLATES_DIR = path.join(runtime.REPO_ROOT, 'templates');

type Json = Record<string, any>;

export interface NodeDescription {
	name: string;
	version: number | number[];
	properties: Json[];
	credentials?: Json[];
}

/** Type versions the issue fixes for the built-in nodes templates use (Slack: any 2.x). */
export const REQUIRED_VERSIONS: Record<string, (v: number) => boolean> = {
	hubspot: (v) => v === 2.2,
	salesforce: (v) => v === 1.1,
	mailchimp: (v) => v === 1,
	sendGrid: (v) => v === 1,
	sendInBlue: (v) => v === 1,
	postgres: (v) => v === 2.7,
	snowflake: (v) => v === 1.1,
	googleBigQuery: (v) => v === 2.1,
	webhook: (v) => v === 2.1,
	scheduleTrigger: (v) => v === 1.4,
	httpRequest: (v) => v === 4.5,
	code: (v) => v === 2,
	readWriteFile: (v) => v === 1.1,
	extractFromFile: (v) => v === 1.1,
	slack: (v) => v >= 2 && v < 3,
};

export function templateFiles(): string[] {
	return fs
		.readdirSync(TEMPLATES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(TEMPLATES_DIR, f));
}

export function loadNodeTypes(): Map<string, NodeDescription[]> {
	const { n8nPrefix } = runtime.ensureRuntime();
	const file = path.join(n8nPrefix, 'node_modules', 'n8n-nodes-base', 'dist', 'types', 'nodes.json');
	const types = new Map<string, NodeDescription[]>();
	const add = (type: string, description: NodeDescription) => types.set(type, [...(types.get(type) ?? []), description]);
	for (const description of JSON.parse(fs.readFileSync(file, 'utf8')) as NodeDescription[]) add(`n8n-nodes-base.${description.name}`, description);
	const manifest = JSON.parse(fs.readFileSync(path.join(runtime.REPO_ROOT, 'package.json'), 'utf8'));
	for (const entry of manifest.n8n.nodes as string[]) {
		const file = path.join(runtime.REPO_ROOT, entry);
		if (!fs.existsSync(file)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
		const module = require(file);
		for (const exported of Object.values(module) as Array<new () => { description: NodeDescription }>) {
			if (typeof exported !== 'function') continue;
			const description = new exported().description;
			if (description?.name) add(`${PACKAGE}.${description.name}`, description);
		}
	}
	return types;
}

function versionsOf(d: NodeDescription): number[] {
	return Array.isArray(d.version) ? d.version : [d.version];
}

export function findDescription(types: Map<string, NodeDescription[]>, type: string, version: number): NodeDescription | undefined {
	return (types.get(type) ?? []).find((d) => versionsOf(d).includes(version));
}

function checkCondition(condition: unknown, value: unknown): boolean {
	if (condition && typeof condition === 'object' && '_cnd' in (condition as Json)) {
		const [[op, target]] = Object.entries((condition as Json)._cnd) as Array<[string, any]>;
		const v = value as any;
		switch (op) {
			case 'eq':
				return v === target;
			case 'not':
				return v !== target;
			case 'gte':
				return v >= target;
			case 'lte':
				return v <= target;
			case 'gt':
				return v > target;
			case 'lt':
				return v < target;
			case 'between':
				return v >= target.from && v <= target.to;
			case 'startsWith':
				return String(v).startsWith(target);
			case 'endsWith':
				return String(v).endsWith(target);
			case 'includes':
				return String(v).includes(target);
			case 'regex':
				return new RegExp(target).test(String(v));
			case 'exists':
				return v !== undefined && v !== null && v !== '';
			default:
				return true; // a condition this checker does not know: do not reject on it
		}
	}
	return condition === value;
}

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

/** n8n's displayParameter, for one level: show needs every key to match, hide any key. */
function visible(property: Json, values: Json, version: number): boolean {
	const options = property.displayOptions;
	if (!options) return true;
	const valueOf = (key: string) => (key === '@version' ? version : values[key.replace(/^\//, '')]);
	for (const [key, allowed] of Object.entries((options.show ?? {}) as Record<string, unknown[]>)) {
		const value = valueOf(key);
		if (isExpression(value)) continue;
		// A list value (multiOptions) matches when any of its entries does, as in n8n.
		const values = Array.isArray(value) ? value : [value];
		if (value === undefined || !values.some((v) => allowed.some((c) => checkCondition(c, v)))) return false;
	}
	for (const [key, hidden] of Object.entries((options.hide ?? {}) as Record<string, unknown[]>)) {
		const value = valueOf(key);
		const values = Array.isArray(value) ? value : [value];
		if (value !== undefined && !isExpression(value) && values.some((v) => hidden.some((c) => checkCondition(c, v)))) return false;
	}
	return true;
}

/** Problems with a parameters object against a list of property definitions (recursive). */
function checkParameters(properties: Json[], parameters: Json, version: number, where: string, rootValues?: Json): string[] {
	const problems: string[] = [];
	// Parameters left out take the default of the definition shown for the others, as in n8n.
	const values: Json = { ...(rootValues ?? {}), ...parameters };
	for (let pass = 0; pass < 4; pass++) {
		for (const p of properties) {
			if (!(p.name in values) && p.default !== undefined && visible(p, values, version)) values[p.name] = p.default;
		}
	}
	for (const [name, value] of Object.entries(parameters)) {
		const candidates = properties.filter((p) => p.name === name);
		if (candidates.length === 0) {
			problems.push(`${where}: unknown parameter "${name}"`);
			continue;
		}
		const shown = candidates.filter((p) => visible(p, values, version));
		if (shown.length === 0) {
			problems.push(`${where}: parameter "${name}" is not shown for these settings (typeVersion ${version})`);
			continue;
		}
		// Accept when any of the visible definitions accepts the value.
		const attempts = shown.map((p) => checkValue(p, value, version, `${where}.${name}`, values));
		if (!attempts.some((a) => a.length === 0)) problems.push(...attempts[0]);
	}
	return problems;
}

function checkValue(property: Json, value: unknown, version: number, where: string, values: Json): string[] {
	if (isExpression(value) || value === undefined || value === null) return [];
	switch (property.type) {
		case 'options': {
			if (Array.isArray(property.options) && property.options.length > 0 && typeof property.typeOptions?.loadOptionsMethod !== 'string') {
				const allowed = property.options.map((o: Json) => o.value);
				if (!allowed.includes(value)) return [`${where}: "${String(value)}" is not one of ${JSON.stringify(allowed)}`];
			}
			return [];
		}
		case 'multiOptions': {
			if (!Array.isArray(value)) return [`${where}: expected a list`];
			if (typeof property.typeOptions?.loadOptionsMethod === 'string') return [];
			const allowed = (property.options ?? []).map((o: Json) => o.value);
			const bad = value.filter((v) => !allowed.includes(v));
			return bad.length ? [`${where}: ${JSON.stringify(bad)} not among ${JSON.stringify(allowed)}`] : [];
		}
		case 'collection': {
			if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
			return checkParameters(property.options ?? [], value as Json, version, where, values);
		}
		case 'fixedCollection': {
			if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
			const problems: string[] = [];
			for (const [group, entries] of Object.entries(value as Json)) {
				const definition = (property.options ?? []).find((o: Json) => o.name === group);
				if (!definition) {
					problems.push(`${where}: unknown group "${group}"`);
					continue;
				}
				for (const [k, entry] of (Array.isArray(entries) ? entries : [entries]).entries()) {
					problems.push(...checkParameters(definition.values ?? [], entry as Json, version, `${where}.${group}[${k}]`, values));
				}
			}
			return problems;
		}
		case 'number':
			return typeof value === 'number' ? [] : [`${where}: expected a number`];
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${where}: expected true or false`];
		default:
			return [];
	}
}

const SECRET_PATTERNS: Array<[string, RegExp]> = [
	['an API key-looking value', /"(api_?key|apikey|access_?token|secret|password|client_secret)"\s*:\s*"(?!=)[^"]+"/i],
	['a Slack token', /xox[abposr]-[0-9A-Za-z-]{10,}/],
	['a SendGrid key', /SG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}/],
	['a Mailchimp key', /[0-9a-f]{32}-us[0-9]{1,2}/],
	['a Stripe/OpenAI-style key', /\bsk[-_](live|test|proj)?[-_]?[0-9A-Za-z]{16,}/],
	['a bearer token', /Bearer\s+[0-9A-Za-z._-]{20,}/],
	['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

/** Every problem with one template; an empty list means it passes. */
export function validateTemplate(text: string, types: Map<string, NodeDescription[]>): string[] {
	const problems: string[] = [];
	let workflow: Json;
	try {
		workflow = JSON.parse(text);
	} catch (error) {
		return [`not JSON: ${(error as Error).message}`];
	}
	if (typeof workflow.name !== 'string' || !workflow.name) problems.push('no workflow name');
	if (!Array.isArray(workflow.nodes) || workflow.nodes.length === 0) return [...problems, 'no nodes'];
	if (typeof workflow.connections !== 'object' || workflow.connections === null) problems.push('no connections object');
	const names = new Set<string>();
	const ids = new Set<string>();
	const stickies: Json[] = [];
	for (const node of workflow.nodes as Json[]) {
		const label = `node "${node.name}"`;
		for (const key of ['id', 'name', 'type', 'typeVersion', 'position', 'parameters']) if (node[key] === undefined) problems.push(`${label}: no ${key}`);
		if (names.has(node.name)) problems.push(`${label}: duplicate name`);
		if (ids.has(node.id)) problems.push(`${label}: duplicate id`);
		names.add(node.name);
		ids.add(node.id);
		if (!Array.isArray(node.position) || node.position.length !== 2) problems.push(`${label}: position is not [x, y]`);
		// Without a fixed webhookId n8n registers /webhook/<generated id>/<node name>/<path> on import.
		if (node.type === 'n8n-nodes-base.webhook') {
			if (typeof node.webhookId !== 'string' || !/^[0-9a-f-]{36}$/.test(node.webhookId)) problems.push(`${label}: webhook without a fixed webhookId`);
			if (typeof node.parameters?.path !== 'string' || !/^[a-z0-9][a-z0-9/_-]*$/i.test(node.parameters.path)) problems.push(`${label}: webhook path is not a plain path`);
		}
		if (node.credentials) {
			for (const [credType, ref] of Object.entries(node.credentials as Json)) {
				if (ref && typeof ref === 'object' && 'id' in ref) problems.push(`${label}: credential ${credType} carries an ID`);
			}
		}
		const type = String(node.type);
		if (!type.startsWith('n8n-nodes-base.') && !type.startsWith(`${PACKAGE}.`)) {
			problems.push(`${label}: type "${type}" is neither built-in nor ${PACKAGE}.*`);
			continue;
		}
		const description = findDescription(types, type, node.typeVersion);
		if (!description) {
			const known = (types.get(type) ?? []).flatMap(versionsOf);
			problems.push(`${label}: ${type} has no typeVersion ${node.typeVersion} in n8n ${runtime.N8N_VERSION} (has ${known.join(', ') || 'none'})`);
			continue;
		}
		const short = type.slice(type.indexOf('.') + 1);
		if (type.startsWith('n8n-nodes-base.') && REQUIRED_VERSIONS[short] && !REQUIRED_VERSIONS[short](node.typeVersion)) {
			problems.push(`${label}: ${short} must be at the type version the templates standardise on, not ${node.typeVersion}`);
		}
		if (short === 'stickyNote') stickies.push(node);
		problems.push(...checkParameters(description.properties, node.parameters ?? {}, node.typeVersion, label));
	}
	for (const [source, outputs] of Object.entries((workflow.connections ?? {}) as Json)) {
		if (!names.has(source)) problems.push(`connection from unknown node "${source}"`);
		for (const branch of (outputs.main ?? []) as Json[][]) {
			for (const target of branch ?? []) if (!names.has(target.node)) problems.push(`connection from "${source}" to unknown node "${target.node}"`);
		}
	}
	const steps = (workflow.nodes as Json[]).filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
	if (stickies.length === 0) problems.push('no sticky note');
	for (const node of steps) {
		const [x, y] = node.position ?? [0, 0];
		const covered = stickies.some((s) => {
			const [sx, sy] = s.position;
			return x >= sx && y >= sy && x <= sx + (s.parameters.width ?? 240) && y <= sy + (s.parameters.height ?? 160);
		});
		if (!covered) problems.push(`node "${node.name}" is not inside any sticky note (each step needs one that explains it)`);
	}
	if (!steps.some((n) => n.type === 'n8n-nodes-base.manualTrigger')) problems.push('no Manual Trigger (every template can be run by hand or headless)');
	for (const [what, pattern] of SECRET_PATTERNS) if (pattern.test(text)) problems.push(`contains ${what}`);
	return problems;
}
