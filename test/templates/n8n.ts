// Template tests in real n8n: import several workflows at once, import credentials (a test copy of a
// template points its Postgres nodes at the test database), export what n8n stored.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const runtime = require('../../scripts/n8n-runtime.js');

type Json = Record<string, any>;

export function userFolder(): string {
	const folder = process.env.N8N_MA_E2E_USER_FOLDER;
	if (!folder) throw new Error('N8N_MA_E2E_USER_FOLDER is not set: run template tests through jest --selectProjects e2e');
	return folder;
}

function n8n(args: string[]): string {
	const { nodeBin, n8nBin } = runtime.ensureRuntime();
	const result = spawnSync(n8nBin, args, {
		encoding: 'utf8',
		maxBuffer: 1 << 28,
		env: {
			...process.env,
			PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder(),
			NODE_ENV: 'production',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		},
	});
	if (result.status !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n');
		throw new Error(`n8n ${args[0]} failed (exit ${result.status}):\n${tail}`);
	}
	return result.stdout;
}

/** Imports workflows (each given an ID) in one n8n call; returns what n8n then exports for them. */
export function importAll(workflows: Json[]): Json[] {
	const file = path.join(userFolder(), `templates-${process.pid}-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(workflows.map((w) => ({ active: false, settings: {}, ...w }))));
	n8n(['import:workflow', `--input=${file}`]);
	const out = path.join(userFolder(), `export-${process.pid}-${Date.now()}.json`);
	n8n(['export:workflow', '--all', `--output=${out}`]);
	const exported = JSON.parse(fs.readFileSync(out, 'utf8')) as Json[];
	const ids = new Set(workflows.map((w) => w.id));
	return exported.filter((w) => ids.has(w.id));
}

/** Imports one credential (data in clear; n8n encrypts it on import). */
export function importCredential(credential: { id: string; name: string; type: string; data: Json }): void {
	const file = path.join(userFolder(), `credential-${credential.id}.json`);
	fs.writeFileSync(file, JSON.stringify([credential]));
	try {
		n8n(['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** A Postgres credential for the test database, from a postgres:// URL. */
export function postgresCredential(id: string, url: string): { id: string; name: string; type: string; data: Json } {
	const u = new URL(url);
	return {
		id,
		name: `Test Postgres ${id}`,
		type: 'postgres',
		data: {
			host: u.hostname,
			port: Number(u.port || 5432),
			database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
			user: decodeURIComponent(u.username || 'postgres'),
			password: decodeURIComponent(u.password || ''),
			ssl: 'disable',
			maxConnections: 5,
		},
	};
}

/** A random 16-character n8n ID. */
export function newId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let id = '';
	for (let i = 0; i < 16; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
	return id;
}

export function readTemplate(file: string): Json {
	return JSON.parse(fs.readFileSync(path.join(runtime.REPO_ROOT, 'templates', file), 'utf8'));
}

/**
 * A copy of a template that runs here: table names in the `marketing` schema moved to `schema`,
 * Postgres nodes given the test credential, and the named steps (SaaS calls, extra triggers) removed.
 */
export function testCopy(
	template: Json,
	options: { schema?: string; postgresCredentialId?: string; remove?: string[]; standIns?: Record<string, string> },
): Json {
	const remove = new Set(options.remove ?? []);
	let text = JSON.stringify(template);
	if (options.schema) text = text.replace(/\bmarketing\./g, `${options.schema}.`);
	const copy = JSON.parse(text);
	for (const name of remove) {
		if (!copy.nodes.some((n: Json) => n.name === name)) throw new Error(`testCopy: the template has no step "${name}"`);
	}
	copy.nodes = copy.nodes.filter((n: Json) => !remove.has(n.name));
	// A stand-in keeps the step's name, place and connections; its code receives what the real step would.
	for (const [name, jsCode] of Object.entries(options.standIns ?? {})) {
		const node = copy.nodes.find((n: Json) => n.name === name);
		if (!node) throw new Error(`testCopy: the template has no step "${name}"`);
		Object.assign(node, { type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode } });
		delete node.credentials;
	}
	for (const name of remove) delete copy.connections[name];
	for (const outputs of Object.values(copy.connections) as Json[]) {
		outputs.main = outputs.main.map((branch: Json[]) => (branch ?? []).filter((c) => !remove.has(c.node)));
	}
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.postgres' && options.postgresCredentialId) {
			node.credentials = { postgres: { id: options.postgresCredentialId, name: `Test Postgres ${options.postgresCredentialId}` } };
		}
	}
	copy.id = newId();
	return copy;
}

/** Rows of a small CSV file (quoted fields with commas, quotes and spaces; no newlines in fields). */
export function readCsv(file: string): Array<Record<string, string>> {
	const [header, ...lines] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
	const split = (line: string) => {
		const cells: string[] = [];
		let cell = '';
		let quoted = false;
		for (let i = 0; i < line.length; i++) {
			const ch = line[i];
			if (quoted) {
				if (ch === '"' && line[i + 1] === '"') {
					cell += '"';
					i++;
				} else if (ch === '"') quoted = false;
				else cell += ch;
			} else if (ch === '"') quoted = true;
			else if (ch === ',') {
				cells.push(cell);
				cell = '';
			} else cell += ch;
		}
		cells.push(cell);
		return cells;
	};
	const columns = split(header);
	return lines.map((line) => Object.fromEntries(split(line).map((v, k) => [columns[k], v])));
}

/** Runs templates/sql/postgres-schema.sql with the `marketing` schema renamed. */
export function schemaSql(schema: string): string {
	return fs.readFileSync(path.join(runtime.REPO_ROOT, 'templates', 'sql', 'postgres-schema.sql'), 'utf8').replace(/\bmarketing\b/g, schema);
}
