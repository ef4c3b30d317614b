import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Braze REST API key (Bearer) and the instance's REST endpoint. Permissions: email.status,
// subscription.status.set, email.unsubscribe (used by the test, which lists one unsubscribe).
// https://www.braze.com/docs/api/basics/
export class MarketingAnalyticsBrazeApi implements ICredentialType {
	name = 'marketingAnalyticsBrazeApi';

	displayName = 'Marketing Analytics: Braze API';

	icon = { light: 'file:icons/braze.svg', dark: 'file:icons/braze.dark.svg' } as const;

	documentationUrl = 'https://www.braze.com/docs/api/basics/';

	properties: INodeProperties[] = [
		{
			displayName: 'REST API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'REST Endpoint',
			name: 'restEndpoint',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://rest.iad-01.braze.com',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	// GET /email/unsubscribes needs end_date plus start_date or email (Braze docs, "Query list of
	// unsubscribed email addresses"); a fixed one-day range answers 200 with a small list.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.restEndpoint}}',
			url: '/email/unsubscribes',
			qs: { start_date: '2024-01-01', end_date: '2024-01-02', limit: 1 },
			method: 'GET',
		},
	};
}
