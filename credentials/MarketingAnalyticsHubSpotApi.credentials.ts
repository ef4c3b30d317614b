import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// HubSpot private-app access token (Bearer). The test reads the subscription definitions, which
// needs the communication_preferences.read scope the opt-out calls also need.
// https://developers.hubspot.com/docs/guides/apps/private-apps/overview
export class MarketingAnalyticsHubSpotApi implements ICredentialType {
	name = 'marketingAnalyticsHubSpotApi';

	displayName = 'Marketing Analytics: HubSpot API';

	icon = { light: 'file:icons/hubspot.svg', dark: 'file:icons/hubspot.dark.svg' } as const;

	documentationUrl = 'https://developers.hubspot.com/docs/guides/apps/private-apps/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'Private App Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Scopes: communication_preferences.read_write (and communication_preferences.statuses.batch.write)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'Leave as is unless you route HubSpot calls through a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/communication-preferences/v3/definitions', method: 'GET' },
	};
}
