// Prepares real n8n once per e2e run: the cached runtime, this package packed and installed into a
// fresh user folder, and n8n's SQLite migrated. Never skipped: if it cannot work here, it fails
// with what is missing. Set N8N_MA_KEEP_E2E=1 to keep the user folder for a look afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runtime = require('../../scripts/n8n-runtime.js');

export default async function globalSetup(): Promise<void> {
	runtime.ensureRuntime();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ma-e2e-'));
	const tarball = runtime.packPackage(path.join(root, 'pack'));
	runtime.createUserFolder({ tarball, root: path.join(root, 'user') });
	process.env.N8N_MA_E2E_USER_FOLDER = path.join(root, 'user');
}
