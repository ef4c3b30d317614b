import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Klaviyo private API key ("Klaviyo-API-Key <key>") and the API revision sent on every call.
// The test reads the account. https://developers.klaviyo.com/en/docs/authenticate_
export class MarketingAnalyticsKlaviyoApi implements ICredentialType {
	name = 'marketingAnalyticsKlaviyoApi';

	displayName = 'Marketing Analytics: Klaviyo API';

	icon = { light: 'file:icons/klaviyo.svg', dark: 'file:icons/klaviyo.dark.svg' } as const;

	documentationUrl = 'https://developers.klaviyo.com/en/docs/authenticate_';

	properties: INodeProperties[] = [
		{
			displayName: 'Private API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Scopes: subscriptions:write, subscriptions:read (to read back suppression jobs), profiles:write, lists:write, accounts:read',
		},
		{
			displayName: 'API Revision',
			name: 'revision',
			type: 'string',
			// Klaviyo retires a revision two years after release; every 2024-* one is retired (Oct 2026).
			default: '2026-10-15',
			description: 'Sent as the revision header on every request. Use a revision Klaviyo still supports (YYYY-MM-DD); retired ones fail.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://a.klaviyo.com',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Klaviyo-API-Key {{$credentials.apiKey}}', revision: '={{$credentials.revision}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/accounts/',
			method: 'GET',
			headers: { accept: 'application/vnd.api+json' },
		},
	};
}
