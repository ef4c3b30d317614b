// Every credential type: a unique name (no clash with n8n's built-in credential types), an
// authenticate block, a test request, a documentation URL, light and dark icons that exist.
import fs from 'node:fs';
import path from 'node:path';
import type { ICredentialType } from 'n8n-workflow';
import { KLAVIYO_REVISION } from '../../../lib/optout';
import { MarketingAnalyticsBrazeApi } from '../../../credentials/MarketingAnalyticsBrazeApi.credentials';
import { MarketingAnalyticsHubSpotApi } from '../../../credentials/MarketingAnalyticsHubSpotApi.credentials';
import { MarketingAnalyticsKlaviyoApi } from '../../../credentials/MarketingAnalyticsKlaviyoApi.credentials';
import { MarketingAnalyticsMailchimpApi } from '../../../credentials/MarketingAnalyticsMailchimpApi.credentials';
import { MarketingAnalyticsOptOutWebhookApi } from '../../../credentials/MarketingAnalyticsOptOutWebhookApi.credentials';
import { MarketingAnalyticsSalesforceApi } from '../../../credentials/MarketingAnalyticsSalesforceApi.credentials';
import { MarketingAnalyticsSalesforceOAuth2Api } from '../../../credentials/MarketingAnalyticsSalesforceOAuth2Api.credentials';
import { MarketingAnalyticsSendGridApi } from '../../../credentials/MarketingAnalyticsSendGridApi.credentials';

const ROOT = path.join(__dirname, '..', '..', '..');
const classes = [
	MarketingAnalyticsHubSpotApi,
	MarketingAnalyticsSalesforceApi,
	MarketingAnalyticsMailchimpApi,
	MarketingAnalyticsSendGridApi,
	MarketingAnalyticsKlaviyoApi,
	MarketingAnalyticsBrazeApi,
	MarketingAnalyticsOptOutWebhookApi,
];
const oauth2 = new MarketingAnalyticsSalesforceOAuth2Api();
const builtIn: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/optout/n8n-2.41.0-builtin-credential-names.json'), 'utf8')).names;
const manifest: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).n8n.credentials;

describe.each(classes.map((Class) => [Class.name, new Class() as ICredentialType]))('%s', (className, credential) => {
	it('has a unique type name matching its class and file, not one of n8n\'s built-ins', () => {
		expect(builtIn.length).toBeGreaterThan(300);
		expect(builtIn).toContain('hubspotApi'); // the list is real
		expect(builtIn).not.toContain(credential.name);
		expect(credential.name).toBe(className[0].toLowerCase() + className.slice(1));
		expect(credential.name.startsWith('marketingAnalytics')).toBe(true);
		expect(manifest).toContain(`dist/credentials/${className}.credentials.js`);
	});

	it('authenticates, has a test request and a documentation URL', () => {
		expect(credential.authenticate).toMatchObject({ type: 'generic' });
		expect(credential.test?.request.method).toBe('GET');
		expect(credential.test?.request.url).toBeTruthy();
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
	});

	it('hides secrets and ships distinct light and dark icons', () => {
		const secrets = credential.properties.filter((p) => /key|token|secret/i.test(p.name) && p.name !== 'keyId');
		expect(secrets.length).toBeGreaterThan(0);
		for (const p of secrets) expect(p.typeOptions?.password).toBe(true);
		const icon = credential.icon as { light: string; dark: string };
		expect(icon.light).not.toBe(icon.dark);
		for (const file of [icon.light, icon.dark]) expect(fs.existsSync(path.join(ROOT, 'credentials', file.replace(/^file:/, '')))).toBe(true);
	});
});

it('all type names are distinct', () => {
	const names = classes.map((Class) => new Class().name);
	expect(new Set(names).size).toBe(names.length);
});

it('the Salesforce OAuth2 type extends n8n\'s oAuth2Api, with token URLs under the instance URL', () => {
	expect(builtIn).not.toContain(oauth2.name);
	expect(manifest).toContain('dist/credentials/MarketingAnalyticsSalesforceOAuth2Api.credentials.js');
	expect(oauth2.extends).toEqual(['oAuth2Api']);
	const byName = Object.fromEntries(oauth2.properties.map((p) => [p.name, p.default]));
	expect(byName.accessTokenUrl).toBe('={{$self["instanceUrl"]}}/services/oauth2/token');
	expect(byName.authUrl).toBe('={{$self["instanceUrl"]}}/services/oauth2/authorize');
	expect(classes.map((Class) => new Class().name)).not.toContain(oauth2.name);
});

// The documented endpoint each credential test calls, and what the vendor requires of that call.
describe('credential test requests hit documented endpoints', () => {
	const request = (Class: new () => ICredentialType) => new Class().test!.request;

	it.each([
		[MarketingAnalyticsHubSpotApi, '/communication-preferences/v3/definitions'], // GET subscription definitions
		[MarketingAnalyticsSalesforceApi, '=/services/data/{{$credentials.apiVersion}}/limits'], // REST API Limits resource
		[MarketingAnalyticsMailchimpApi, '/ping'], // Marketing API health check
		[MarketingAnalyticsSendGridApi, '/v3/scopes'], // the API key's scopes
		[MarketingAnalyticsKlaviyoApi, '/api/accounts/'], // Get Accounts (accounts:read)
		[MarketingAnalyticsBrazeApi, '/email/unsubscribes'], // Query unsubscribed email addresses
	] as Array<[new () => ICredentialType, string]>)('%p', (Class, url) => {
		expect(request(Class).url).toBe(url);
	});

	it('Braze: /email/unsubscribes gets end_date plus start_date (Braze rejects the call without them)', () => {
		const qs = request(MarketingAnalyticsBrazeApi).qs as Record<string, unknown>;
		expect(qs.end_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(qs.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(String(qs.start_date) < String(qs.end_date)).toBe(true);
		expect(Number(qs.limit)).toBeLessThanOrEqual(500);
	});

	it('Klaviyo: the default revision is the connector\'s supported one, sent by authenticate', () => {
		const credential = new MarketingAnalyticsKlaviyoApi();
		expect(credential.properties.find((p) => p.name === 'revision')!.default).toBe(KLAVIYO_REVISION);
		expect(credential.authenticate).toMatchObject({ properties: { headers: { Authorization: '=Klaviyo-API-Key {{$credentials.apiKey}}', revision: '={{$credentials.revision}}' } } });
	});

	it('Mailchimp: HTTP Basic with the key as password; the others Bearer', () => {
		expect(new MarketingAnalyticsMailchimpApi().authenticate).toMatchObject({ properties: { auth: { password: '={{$credentials.apiKey}}' } } });
		for (const Class of [MarketingAnalyticsHubSpotApi, MarketingAnalyticsSalesforceApi, MarketingAnalyticsSendGridApi, MarketingAnalyticsBrazeApi]) {
			const headers = (new Class().authenticate as { properties: { headers: Record<string, string> } }).properties.headers;
			expect(headers.Authorization).toMatch(/^=Bearer \{\{\$credentials\.(accessToken|apiKey)\}\}$/);
		}
	});
});
