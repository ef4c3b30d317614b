import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Mailchimp Marketing API key (HTTP Basic: any user name, the key as password); the data centre
// is the key's suffix (…-us21 -> https://us21.api.mailchimp.com/3.0). The test calls /ping.
// https://mailchimp.com/developer/marketing/docs/fundamentals/#api-structure
export class MarketingAnalyticsMailchimpApi implements ICredentialType {
	name = 'marketingAnalyticsMailchimpApi';

	displayName = 'Marketing Analytics: Mailchimp API';

	icon = { light: 'file:icons/mailchimp.svg', dark: 'file:icons/mailchimp.dark.svg' } as const;

	documentationUrl = 'https://mailchimp.com/developer/marketing/guides/quick-start/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '0123456789abcdef0123456789abcdef-us21',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://us21.api.mailchimp.com/3.0',
			description: 'Leave empty to derive it from the data centre at the end of the API key',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: 'anystring', password: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{$credentials.baseUrl || ('https://' + $credentials.apiKey.split('-').pop() + '.api.mailchimp.com/3.0')}}",
			url: '/ping',
			method: 'GET',
		},
	};
}
