import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// A signed webhook for in-house systems. The Propagate Opt-Out node signs each request body with
// HMAC-SHA256 over "<timestamp>.<body>" using the secret (headers X-Opt-Out-Timestamp and
// X-Opt-Out-Signature: sha256=<hex>); the credential adds a key ID so a receiver can rotate secrets.
// The test sends a GET to the URL: answer it with any 2xx.
export class MarketingAnalyticsOptOutWebhookApi implements ICredentialType {
	name = 'marketingAnalyticsOptOutWebhookApi';

	displayName = 'Marketing Analytics: Opt-Out Webhook API';

	icon = { light: 'file:icons/webhook.svg', dark: 'file:icons/webhook.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-marketing-analytics/n8n-nodes-marketing-analytics#propagate-opt-out';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://crm.internal.example.com/hooks/opt-out',
		},
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: 'default',
			description: 'Sent as X-Opt-Out-Key-Id so the receiver knows which secret to verify with',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Opt-Out-Key-Id': '={{$credentials.keyId}}' } },
	};

	test: ICredentialTestRequest = {
		request: { url: '={{$credentials.url}}', method: 'GET' },
	};
}
