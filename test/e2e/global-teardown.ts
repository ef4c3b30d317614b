// Removes the n8n user folder that global-setup made (the cached runtime stays).
import fs from 'node:fs';
import path from 'node:path';

export default async function globalTeardown(): Promise<void> {
	const userFolder = process.env.N8N_MA_E2E_USER_FOLDER;
	if (userFolder && process.env.N8N_MA_KEEP_E2E !== '1') {
		fs.rmSync(path.dirname(userFolder), { recursive: true, force: true });
	}
}
