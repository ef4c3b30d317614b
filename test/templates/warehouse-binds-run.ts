// Runs warehouse-binds.js (n8n 2.41's own Snowflake and BigQuery Execute Query code, the warehouse
// call replaced by a recorder) under the runtime's Node 24 on template steps and their input items.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runtime = require('../../scripts/n8n-runtime.js');

type Json = Record<string, any>;

export interface BindCase {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Json;
	item: Json;
	settings: Json;
}

/** Per case, what the node sends: `{ sql, binds }` (Snowflake) or `{ sql, queryParameters }` (BigQuery). */
export function recordBinds(cases: BindCase[]): Array<{ name: string; calls: Json[] }> {
	const { nodeBin, n8nPrefix } = runtime.ensureRuntime();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warehouse-binds-'));
	const file = path.join(dir, 'cases.json');
	fs.writeFileSync(file, JSON.stringify(cases));
	const node = path.join(nodeBin, 'node');
	const result = spawnSync(fs.existsSync(node) ? node : 'node', [path.join(__dirname, 'warehouse-binds.js'), n8nPrefix, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
	fs.rmSync(dir, { recursive: true, force: true });
	if (result.status !== 0) throw new Error(`warehouse-binds.js failed: ${result.stderr}`);
	return JSON.parse(result.stdout);
}
