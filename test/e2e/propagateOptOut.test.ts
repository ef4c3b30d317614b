// Real n8n 2.41.0 runs n8n-nodes-marketing-analytics.propagateOptOut with the package's seven
// credential types, imported into n8n's credential store and pointing at the local mock vendors
// (bench/optout-mock.ts, in a child process on 127.0.0.1): every opt-out reaches every system,
// bad items and unreachable scopes land on Failed with their reasons, nothing is lost.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { manualStartWithItems, outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';
import { MAILCHIMP_AUDIENCES } from '../../bench/optout-mock';

const runtime = require('../../scripts/n8n-runtime.js');
const ROOT = path.join(__dirname, '..', '..');
const SECRETS = {
	hubspot: 'pat-mock-hubspot',
	salesforce: 'sf-mock-token',
	mailchimp: 'mc-mock-key-us21',
	sendgrid: 'SG.mock',
	klaviyo: 'pk_mock',
	braze: 'braze-mock-key',
	webhook: 'whsec-mock',
};

let mock: ChildProcessWithoutNullStreams;
let baseUrl = '';

beforeAll(async () => {
	mock = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'bench/optout-mock.ts')], { cwd: ROOT });
	baseUrl = await new Promise<string>((resolve, reject) => {
		let out = '';
		mock.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const line = out.split('\n').find((l) => l.startsWith('{'));
			if (line) resolve(JSON.parse(line).baseUrl);
		});
		mock.on('exit', (code) => reject(new Error(`mock vendors exited (${code})`)));
	});
}, 60_000);

afterAll(() => {
	if (mock && mock.exitCode === null) mock.kill('SIGTERM');
});

function credentialsFile(): Array<{ id: string; name: string; type: string; data: Record<string, string> }> {
	return [
		{ id: 'maHubspotE2e00001', name: 'HubSpot (mock)', type: 'marketingAnalyticsHubSpotApi', data: { accessToken: SECRETS.hubspot, baseUrl: `${baseUrl}/hubspot` } },
		{ id: 'maSalesforceE2e01', name: 'Salesforce (mock)', type: 'marketingAnalyticsSalesforceApi', data: { accessToken: SECRETS.salesforce, instanceUrl: `${baseUrl}/salesforce`, apiVersion: 'v62.0' } },
		{ id: 'maMailchimpE2e001', name: 'Mailchimp (mock)', type: 'marketingAnalyticsMailchimpApi', data: { apiKey: SECRETS.mailchimp, baseUrl: `${baseUrl}/mailchimp/3.0` } },
		{ id: 'maSendgridE2e0001', name: 'SendGrid (mock)', type: 'marketingAnalyticsSendGridApi', data: { apiKey: SECRETS.sendgrid, baseUrl: `${baseUrl}/sendgrid` } },
		{ id: 'maKlaviyoE2e00001', name: 'Klaviyo (mock)', type: 'marketingAnalyticsKlaviyoApi', data: { apiKey: SECRETS.klaviyo, revision: '2026-10-15', baseUrl: `${baseUrl}/klaviyo` } },
		{ id: 'maBrazeE2e0000001', name: 'Braze (mock)', type: 'marketingAnalyticsBrazeApi', data: { apiKey: SECRETS.braze, restEndpoint: `${baseUrl}/braze` } },
		{ id: 'maWebhookE2e00001', name: 'Webhook (mock)', type: 'marketingAnalyticsOptOutWebhookApi', data: { url: `${baseUrl}/webhook/optout`, secret: SECRETS.webhook, keyId: 'e2e' } },
	];
}

/** n8n import:credentials (data given in plain text is encrypted with the user folder's key). */
function importCredentials(creds: ReturnType<typeof credentialsFile>): void {
	const p = runtime.ensureRuntime();
	const userFolder = process.env.N8N_MA_E2E_USER_FOLDER!;
	const file = path.join(userFolder, 'optout-credentials.json');
	fs.writeFileSync(file, JSON.stringify(creds));
	const result = spawnSync(p.n8nBin, ['import:credentials', `--input=${file}`], {
		encoding: 'utf8',
		env: {
			...process.env,
			PATH: `${p.nodeBin}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			NODE_ENV: 'production',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		},
	});
	fs.rmSync(file, { force: true });
	if (result.status !== 0) throw new Error(`n8n import:credentials failed: ${result.stderr || result.stdout}`);
}

const events = [
	...Array.from({ length: 40 }, (_, i) => ({
		email: `E2E.Person${i}@example.com`,
		customerId: `003${String(9000 + i).padStart(12, '0')}AAA`,
		requestedAt: new Date(Date.now() - 3_600_000).toISOString(),
		reason: i % 2 ? 'one-click unsubscribe' : 'GPC signal',
		source: 'e2e',
	})),
	// List-scoped without a list ID: HubSpot, SendGrid, Klaviyo and Braze cannot place it.
	{ email: 'scoped@example.com', customerId: '003000000009999AAA', scope: 'list' },
	// Not an email address: a bad item, on Failed with the field named.
	{ email: 'not-an-email', customerId: '003000000009998AAA' },
];

function workflow(creds: ReturnType<typeof credentialsFile>): WorkflowJson {
	const start = manualStartWithItems(events, 'Opt-outs');
	return {
		name: 'e2e: propagate opt-out',
		nodes: [
			...start.nodes,
			{
				id: 'propagate',
				name: 'Propagate Opt-Out',
				type: `${PACKAGE}.propagateOptOut`,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: {
					destinations: ['hubspot', 'salesforce', 'mailchimp', 'sendgrid', 'klaviyo', 'braze', 'webhook'],
					settings: { mailchimpListId: 'aud-e2e' },
					options: { maxAttempts: 3, timeBudgetSeconds: 30 },
				},
				credentials: Object.fromEntries(creds.map((c) => [c.type, { id: c.id, name: c.name }])),
			},
		],
		connections: { ...start.connections, 'Opt-outs': { main: [[{ node: 'Propagate Opt-Out', type: 'main', index: 0 }]] } },
	};
}

describe('Propagate Opt-Out in real n8n', () => {
	it('reaches all seven mock vendors through n8n credentials; failures carry reasons; none lost', async () => {
		const creds = credentialsFile();
		importCredentials(creds);
		const [propagated, failed] = outputsOf(await runWorkflow(workflow(creds)), 'Propagate Opt-Out');
		expect(propagated.length + failed.length).toBe(events.length);
		expect(propagated).toHaveLength(40);
		expect(failed).toHaveLength(2);

		const optOut = propagated[0].json.optOut as any;
		expect(optOut.status).toBe('propagated');
		expect(Object.keys(optOut.destinations).sort()).toEqual(['braze', 'hubspot', 'klaviyo', 'mailchimp', 'salesforce', 'sendgrid', 'webhook']);
		expect(optOut.audit).toHaveLength(7);
		expect(JSON.stringify(optOut.audit)).not.toMatch(/e2e\.person0|mock-|whsec/i);
		expect(propagated[0].pairedItem).toBeDefined();

		const scoped = failed.find((item) => item.json.email === 'scoped@example.com')!.json.optOut as any;
		expect(scoped.status).toBe('failed');
		expect([...scoped.retry.destinations].sort()).toEqual(['braze', 'hubspot', 'klaviyo', 'sendgrid']);
		expect(scoped.destinations.salesforce.outcome).toBe('propagated');
		expect(scoped.destinations.mailchimp.outcome).toBe('propagated');
		const bad = failed.find((item) => item.json.email === 'not-an-email')!.json;
		expect(bad.details).toMatchObject({ field: 'email' });

		// The mock vendors (another process) recorded every opt-out the node reported propagated.
		const stats = (await (await fetch(`${baseUrl}/__stats`)).json()) as { optedOut: Record<string, string[]>; rejected: Record<string, number> };
		for (let i = 0; i < 40; i++) {
			const email = `e2e.person${i}@example.com`;
			expect(stats.optedOut.hubspot).toContain(`all:${email}`);
			// A global opt-out reaches every audience of the mock Mailchimp account, not only the configured one.
			for (const audience of MAILCHIMP_AUDIENCES) expect(stats.optedOut.mailchimp).toContain(`${audience}:${email}`);
			expect(stats.optedOut.sendgrid).toContain(`global:${email}`);
			expect(stats.optedOut.klaviyo).toContain(`suppressed:${email}`);
			expect(stats.optedOut.braze).toContain(`email:${email}`);
			expect(stats.optedOut.salesforce).toContain(`003${String(9000 + i).padStart(12, '0')}AAA`);
		}
		expect(stats.optedOut.webhook.length).toBe(41);
		expect(Object.values(stats.rejected).reduce((a, b) => a + b, 0)).toBe(0);
	}, 180_000);
});
