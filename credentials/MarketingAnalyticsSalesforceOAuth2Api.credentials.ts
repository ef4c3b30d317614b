import type { ICredentialType, INodeProperties } from 'n8n-workflow';

// Salesforce through OAuth 2.0 (authorization code, or client credentials for a connected app's
// integration user). n8n fetches and refreshes the token; the node calls the instance URL below.
// https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm
export class MarketingAnalyticsSalesforceOAuth2Api implements ICredentialType {
	name = 'marketingAnalyticsSalesforceOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Marketing Analytics: Salesforce OAuth2 API';

	icon = { light: 'file:icons/salesforce.svg', dark: 'file:icons/salesforce.dark.svg' } as const;

	documentationUrl = 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://yourcompany.my.salesforce.com',
			description: 'Your My Domain URL; the token and authorize endpoints live under it',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v62.0',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["instanceUrl"]}}/services/oauth2/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["instanceUrl"]}}/services/oauth2/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'api refresh_token',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
