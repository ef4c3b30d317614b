import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Twilio SendGrid API key (Bearer) with the "Suppressions" (asm) permission. The test lists the
// key's scopes. https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access
export class MarketingAnalyticsSendGridApi implements ICredentialType {
	name = 'marketingAnalyticsSendGridApi';

	displayName = 'Marketing Analytics: SendGrid API';

	icon = { light: 'file:icons/sendgrid.svg', dark: 'file:icons/sendgrid.dark.svg' } as const;

	documentationUrl = 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.sendgrid.com',
			description: 'https://api.eu.sendgrid.com for EU regional subusers',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/v3/scopes', method: 'GET' },
	};
}
