// The one-click unsubscribe template (RFC 8058) as a user gets it: imported with
// `n8n import:workflow`, published, served by `n8n start` on loopback, and called at the path the
// README gives (/webhook/unsubscribe). Tokens are looked up by their SHA-256 and expire; the audit
// and the destinations see a hash-derived event ID, never the token. The destination is a local
// SendGrid stand-in; the Slack alert step is removed (no account here).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { connectTestDatabase, uniqueSchema, type TestDatabase } from '../helpers/postgres';
import fs from 'node:fs';
import { newId, postgresCredential, readTemplate, schemaSql, testCopy, userFolder } from './n8n';

const runtime = require('../../scripts/n8n-runtime.js');

jest.setTimeout(900_000);

const schema = uniqueSchema('tpl_unsub');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(24).toString('base64url');

let db: TestDatabase;
let n8n: ChildProcess | undefined;
let sendgrid: http.Server;
const received: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string }> = [];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe().catch(() => undefined);
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

function post(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const body = 'List-Unsubscribe=One-Click';
		const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', reject);
		req.end(body);
	});
}

const people = { valid: 'Valid.Person@Example.com', second: 'second.person@example.com', expired: 'expired.person@example.com', revoked: 'revoked.person@example.com' };
const tokens = { valid: token(), second: token(), expired: token(), revoked: token() };

beforeAll(async () => {
	db = await connectTestDatabase();
	await db.client.query(`CREATE SCHEMA ${schema}`);
	await db.client.query(schemaSql(schema));
	const issue = (t: string, email: string, issuedAt = 'now()', expiresAt = 'NULL') =>
		db.client.query(`INSERT INTO ${schema}.unsubscribe_tokens (token_hash, email, list_id, issued_at, expires_at) VALUES (encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2, NULL, ${issuedAt}, ${expiresAt})`, [t, email]);
	await issue(tokens.valid, people.valid);
	await issue(tokens.second, people.second);
	await issue(tokens.expired, people.expired, "now() - interval '61 days'");
	await issue(tokens.revoked, people.revoked, 'now()', "now() - interval '1 minute'");

	sendgrid = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ path: req.url ?? '', headers: req.headers, body });
			const emails = (JSON.parse(body || '{}').recipient_emails ?? []) as string[];
			res.writeHead(201, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ recipient_emails: emails }));
		});
	});
	await new Promise<void>((resolve) => sendgrid.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
	if (n8n && n8n.exitCode === null) {
		n8n.kill('SIGTERM');
		await new Promise((resolve) => {
			const timer = setTimeout(() => {
				n8n?.kill('SIGKILL');
				resolve(undefined);
			}, 20_000);
			n8n?.on('exit', () => {
				clearTimeout(timer);
				resolve(undefined);
			});
		});
	}
	await new Promise((resolve) => sendgrid?.close(resolve));
	await db.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await db.close();
});

describe('template: one-click unsubscribe on a database set up by the first release', () => {
	it('the schema file hashes the plain tokens it finds, so a link in an email already sent still resolves', async () => {
		const old = uniqueSchema('tpl_unsub_old');
		try {
			await db.client.query(`CREATE SCHEMA ${old}`);
			// The first release's table (commit 11c2c5b): the token itself as the key, no expires_at.
			await db.client.query(`CREATE TABLE ${old}.unsubscribe_tokens (token text PRIMARY KEY, email text NOT NULL, list_id text, issued_at timestamptz NOT NULL DEFAULT now())`);
			await db.client.query(`INSERT INTO ${old}.unsubscribe_tokens (token, email, issued_at) VALUES ('tok_7Qx2mLr9', 'dana.whitfield@gmail.com', now() - interval '7 days')`);
			await db.client.query(schemaSql(old));
			await db.client.query(schemaSql(old)); // safe to run again
			const lookUp = readTemplate('one-click-unsubscribe-rfc8058.json').nodes.find((n: { name: string }) => n.name === 'Look Up Token');
			const query = String(lookUp.parameters.query).replace(/\bmarketing\./g, `${old}.`);
			const { rows } = await db.client.query(query, ['tok_7Qx2mLr9', 60]);
			expect(rows).toEqual([{ token_hash: sha256('tok_7Qx2mLr9'), email: 'dana.whitfield@gmail.com', list_id: null, token_status: 'ok' }]);
			const columns = (await db.client.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'unsubscribe_tokens' ORDER BY 1`, [old])).rows.map((r: { column_name: string }) => r.column_name);
			// The plain token (a bearer credential) is gone.
			expect(columns).toEqual(['email', 'expires_at', 'issued_at', 'list_id', 'token_hash']);
		} finally {
			await db.client.query(`DROP SCHEMA IF EXISTS ${old} CASCADE`);
		}
	});
});

describe('template: one-click unsubscribe, imported, published and called', () => {
	it('answers at /webhook/unsubscribe; valid tokens propagate and are audited by hash; expired, revoked, tampered and missing ones do nothing', async () => {
		const template = readTemplate('one-click-unsubscribe-rfc8058.json');
		const hook = template.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-base.webhook');
		expect(hook.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(hook.parameters.path).toBe('unsubscribe');

		const postgresId = newId();
		const sendgridId = newId();
		const sendgridPort = (sendgrid.address() as net.AddressInfo).port;
		const workflow = testCopy(template, { schema, postgresCredentialId: postgresId, remove: ['Alert on Failures', 'Test Run', 'Sample Request'] });
		const propagate = workflow.nodes.find((n: { name: string }) => n.name === 'Propagate Opt-Out');
		propagate.parameters.destinations = ['sendgrid'];
		propagate.credentials = { marketingAnalyticsSendGridApi: { id: sendgridId, name: 'SendGrid stand-in' } };

		// As a user would: import:credentials, import:workflow, publish:workflow, start.
		const port: number = await runtime.freePort();
		// A loaded machine: give the task runner and the database time to come up.
		const env: NodeJS.ProcessEnv = await runtime.n8nEnv(userFolder(), {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_GRANT_TOKEN_TTL: '300',
		});
		const { n8nBin } = runtime.ensureRuntime();
		const cli = (args: string[]) => {
			const result = spawnSync(n8nBin, args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
			if (result.status !== 0) throw new Error(`n8n ${args.join(' ')} failed: ${`${result.stdout}\n${result.stderr}`.slice(-3000)}`);
		};
		const credentialsFile = path.join(userFolder(), `unsubscribe-credentials-${workflow.id}.json`);
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				postgresCredential(postgresId, db.url),
				{ id: sendgridId, name: 'SendGrid stand-in', type: 'marketingAnalyticsSendGridApi', data: { apiKey: 'SG.test-key-0123456789', baseUrl: `http://127.0.0.1:${sendgridPort}` } },
			]),
		);
		try {
			cli(['import:credentials', `--input=${credentialsFile}`]);
		} finally {
			fs.rmSync(credentialsFile, { force: true });
		}
		const workflowFile = path.join(userFolder(), `unsubscribe-${workflow.id}.json`);
		fs.writeFileSync(workflowFile, JSON.stringify([{ active: false, settings: {}, ...workflow }]));
		cli(['import:workflow', `--input=${workflowFile}`]);
		cli(['publish:workflow', `--id=${workflow.id}`]);
		n8n = spawn(n8nBin, ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		n8n.stdout?.on('data', (c) => (log = (log + c).slice(-20_000)));
		n8n.stderr?.on('data', (c) => (log = (log + c).slice(-20_000)));
		const base = `http://127.0.0.1:${port}`;
		await until(
			'n8n to serve the webhook',
			() =>
				new Promise<true | undefined>((resolve) => {
					http.get(`${base}/healthz/readiness`, (res) => {
						res.resume();
						resolve(res.statusCode === 200 ? true : undefined);
					}).on('error', () => resolve(undefined));
				}),
			400_000,
		).catch((error) => {
			throw new Error(`${(error as Error).message}\n${log.slice(-4000)}`);
		});

		try {
			await callAndCheck(base);
		} catch (error) {
			throw new Error(`${(error as Error).message}\n--- n8n log ---\n${log.slice(-4000)}`);
		}
	});
});

async function callAndCheck(base: string): Promise<void> {
	{
		const auditRows = async () => (await db.client.query(`SELECT event_id, destination, status, detail FROM ${schema}.optout_audit ORDER BY event_id`)).rows;
		// Webhooks register right after startup (404, or 503 while n8n gets ready): retry until the path answers.
		const first = await until('POST /webhook/unsubscribe', async () => {
			const status = await post(`${base}/webhook/unsubscribe?token=${encodeURIComponent(tokens.valid)}`);
			return status === 404 || status === 503 ? undefined : status;
		}, 120_000);
		expect(first).toBe(200);
		for (const bad of [tokens.expired, tokens.revoked, `${tokens.valid}x`, `' OR '1'='1`, '']) {
			expect(await post(`${base}/webhook/unsubscribe?token=${encodeURIComponent(bad)}`)).toBe(200);
		}
		expect(await post(`${base}/webhook/unsubscribe?token=${encodeURIComponent(tokens.second)}`)).toBe(200);
		// Two opt-outs, and one unresolved_token row per click that unsubscribed nobody (answered 200 all the same).
		const rows = await until('seven audit rows', async () => {
			const r = await auditRows();
			return r.length >= 7 ? r : undefined;
		}, 300_000);
		// Let any stray execution finish before counting.
		await new Promise((r) => setTimeout(r, 3000));
		const all = await auditRows();
		expect(all).toHaveLength(7);
		const final = all.filter((r) => r.status !== 'unresolved_token');
		expect(final.map((r) => r.event_id).sort()).toEqual([tokens.valid, tokens.second].map((t) => `unsub_${sha256(t).slice(0, 32)}`).sort());
		expect(final.every((r) => r.destination === 'sendgrid' && r.status === 'propagated')).toBe(true);
		const unresolved = all.filter((r) => r.status === 'unresolved_token');
		const reasonOf = (t: string) => unresolved.find((r) => r.event_id === `unsub_${sha256(t).slice(0, 32)}`)?.detail.reason;
		expect(unresolved.every((r) => r.destination === 'none')).toBe(true);
		expect([tokens.expired, tokens.revoked].map(reasonOf)).toEqual(['expired', 'expired']);
		expect([`${tokens.valid}x`, `' OR '1'='1`].map(reasonOf)).toEqual(['unknown', 'unknown']);
		expect(reasonOf('')).toBe('missing');
		expect(rows.length).toBeGreaterThanOrEqual(7);

		const sent = received.flatMap((r) => JSON.parse(r.body).recipient_emails as string[]).sort();
		expect(sent).toEqual([people.second, people.valid.toLowerCase()].sort());
		expect(received.every((r) => r.path === '/v3/asm/suppressions/global' && r.headers.authorization === 'Bearer SG.test-key-0123456789')).toBe(true);
		// No raw token anywhere the audit or a destination can see.
		const seen = JSON.stringify({ all, received: received.map((r) => r.body) });
		for (const t of Object.values(tokens)) expect(seen).not.toContain(t);
		expect(JSON.stringify(all)).not.toMatch(/valid\.person|second\.person|expired\.person|revoked\.person/i);
	}
}
