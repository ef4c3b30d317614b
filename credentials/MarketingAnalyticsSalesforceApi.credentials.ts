import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Salesforce REST API with an access token (e.g. from the OAuth 2.0 client-credentials flow of a
// connected app, or `sf org display`). The test reads the org's API limits.
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm
export class MarketingAnalyticsSalesforceApi implements ICredentialType {
	name = 'marketingAnalyticsSalesforceApi';

	displayName = 'Marketing Analytics: Salesforce (Access Token) API';

	icon = { light: 'file:icons/salesforce.svg', dark: 'file:icons/salesforce.dark.svg' } as const;

	documentationUrl = 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/intro_oauth_and_connected_apps.htm';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://yourcompany.my.salesforce.com',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An OAuth 2.0 access token of a user allowed to edit Contacts and Leads',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v62.0',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.instanceUrl}}', url: '=/services/data/{{$credentials.apiVersion}}/limits', method: 'GET' },
	};
}
