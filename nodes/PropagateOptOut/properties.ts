import type { IDisplayOptions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { fieldNameParameter } from '../shared/parameters';

const field = (displayName: string, name: string, defaultValue: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: defaultValue,
	description,
	...fieldNameParameter(defaultValue),
});

export const DESTINATIONS = [
	{ name: 'HubSpot', value: 'hubspot', credential: 'marketingAnalyticsHubSpotApi', setup: 'a private app token with the communication_preferences.read_write scope' },
	{ name: 'Salesforce', value: 'salesforce', credential: 'marketingAnalyticsSalesforceApi', setup: 'an access token or an OAuth2 connected app of a user allowed to edit Contacts and Leads' },
	{ name: 'Mailchimp', value: 'mailchimp', credential: 'marketingAnalyticsMailchimpApi', setup: 'an API key (global opt-outs reach every audience of the account); for list-scoped events without a list ID, the Audience ID under Destination Settings' },
	{ name: 'SendGrid', value: 'sendgrid', credential: 'marketingAnalyticsSendGridApi', setup: 'an API key with Suppressions full access' },
	{ name: 'Klaviyo', value: 'klaviyo', credential: 'marketingAnalyticsKlaviyoApi', setup: 'a private API key with subscriptions:write, subscriptions:read, profiles:write and lists:write' },
	{ name: 'Braze', value: 'braze', credential: 'marketingAnalyticsBrazeApi', setup: 'a REST API key with subscription and user permissions, and your REST endpoint' },
	{ name: 'Signed Webhook', value: 'webhook', credential: 'marketingAnalyticsOptOutWebhookApi', setup: 'the receiving URL and the shared signing secret' },
] as const;

/** The credential a Salesforce destination uses when Salesforce Authentication is OAuth2. */
export const SALESFORCE_ALTERNATIVE = 'marketingAnalyticsSalesforceOAuth2Api';

/** Shows a credential slot once a destination is chosen and its own is among them (why `_cnd`: see the node's credentials). */
export const slotDisplay = (destination: string, salesforceAuthentication?: IDisplayOptions['show']): INodeCredentialDescription['displayOptions'] => {
	// n8n evaluates credential conditions as parameter conditions; only its credential typings omit `_cnd`.
	const displayOptions: IDisplayOptions = {
		show: { destinations: [{ _cnd: { exists: true } }], ...salesforceAuthentication },
		hide: { destinations: [{ _cnd: { not: destination } }] },
	};
	return displayOptions as INodeCredentialDescription['displayOptions'];
};

const destinationNames = JSON.stringify(Object.fromEntries(DESTINATIONS.map(({ name, value }) => [value, name])));

/** "To HubSpot, SendGrid" in the canvas; a count past three names, which would be cut off. */
export const propagateOptOutSubtitle =
	'={{ ($parameter["destinations"] || []).length === 0 ? "Choose destinations" : "To " + ' +
	`($parameter["destinations"].length > 3 ? $parameter["destinations"].length + " systems" : $parameter["destinations"].map(d => (${destinationNames})[d] || d).join(", ")) }}`;

export type DestinationName = (typeof DESTINATIONS)[number]['value'];

export const propagateOptOutProperties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one opt-out. It is sent to every destination chosen below; items that reached all of them leave on Propagated, the rest on Failed with the reason per destination and when to retry.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Destinations',
		name: 'destinations',
		type: 'multiOptions',
		options: DESTINATIONS.map(({ name, value }) => ({ name, value })),
		default: [],
		required: true,
		description: 'Systems the opt-out must reach; each one chosen adds its credential slot above',
	},
	{
		displayName: 'Salesforce Authentication',
		name: 'salesforceAuthentication',
		type: 'options',
		options: [
			{ name: 'Access Token', value: 'accessToken' },
			{ name: 'OAuth2', value: 'oAuth2' },
		],
		default: 'accessToken',
		displayOptions: { show: { destinations: ['salesforce'] } },
	},
	...DESTINATIONS.map(
		({ name, value, setup }): INodeProperties => ({
			displayName: `${name}: connect ${setup} in the ${name} credential slot above.`,
			name: `${value}Notice`,
			type: 'notice',
			default: '',
			displayOptions: { show: { destinations: [value] } },
		}),
	),
	field('Email Field', 'emailField', 'email', 'Item field holding the email address'),
	field('Phone Field', 'phoneField', 'phone', 'Item field holding the phone number (E.164, or national with the Default Phone Region option), for SMS opt-outs'),
	field('Customer ID Field', 'customerIdField', 'customerId', 'Item field holding the record ID in the destination (Salesforce Contact or Lead ID)'),
	field('Channels Field', 'channelsField', 'channels', 'Item field listing the channels (email, sms, all); missing means email'),
	field('Scope Field', 'scopeField', 'scope', 'Item field saying global or list; missing means global'),
	field('List ID Field', 'listIdField', 'listId', 'Item field with the list, subscription type or group ID of a list-scoped opt-out'),
	field('Requested At Field', 'requestedAtField', 'requestedAt', 'Item field with when the person asked (ISO 8601); missing means now'),
	field('Reason Field', 'reasonField', 'reason', 'Item field with the reason (e.g. one-click unsubscribe, GPC signal)'),
	field('Source Field', 'sourceField', 'source', 'Item field naming where the opt-out came from'),
	field('Event ID Field', 'eventIdField', 'eventId', 'Item field with a stable event ID; missing means one derived from the identifiers and time'),
	{
		displayName: 'Destination Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add setting',
		default: {},
		options: [
			{
				displayName: 'Braze SMS Subscription Group ID',
				name: 'brazeSmsSubscriptionGroupId',
				type: 'string',
				default: '',
				description: 'SMS subscription group(s), comma-separated, a global SMS opt-out unsubscribes the phone from; without it Braze SMS opt-outs fail',
			},
			{ displayName: 'Braze Subscription Group ID', name: 'brazeSubscriptionGroupId', type: 'string', default: '', description: 'For list-scoped opt-outs without their own list ID' },
			{ displayName: 'HubSpot Subscription Type ID', name: 'hubspotSubscriptionId', type: 'string', default: '', description: 'For list-scoped opt-outs without their own list ID' },
			{ displayName: 'Klaviyo List ID', name: 'klaviyoListId', type: 'string', default: '', description: 'For list-scoped opt-outs without their own list ID' },
			{ displayName: 'Mailchimp Audience ID', name: 'mailchimpListId', type: 'string', default: '', description: 'The audience (list) for list-scoped events without their own list ID. A global opt-out reaches every audience of the account (Mailchimp has no account-wide unsubscribe).' },
			{
				displayName: 'Salesforce Object',
				name: 'salesforceObject',
				type: 'options',
				options: [
					{ name: 'By ID Prefix (003 Contact, 00Q Lead)', value: 'auto' },
					{ name: 'Contact', value: 'Contact' },
					{ name: 'Lead', value: 'Lead' },
				],
				default: 'auto',
			},
			{ displayName: 'SendGrid Unsubscribe Group ID', name: 'sendgridGroupId', type: 'string', default: '', description: 'For list-scoped opt-outs without their own list ID' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Audit Identifiers',
				name: 'identifierMode',
				type: 'options',
				options: [
					{ name: 'Masked (First Letters Only)', value: 'masked' },
					{ name: 'Hashed (SHA-256)', value: 'hashed' },
				],
				default: 'masked',
				description: 'How the audit records show emails, phones and IDs',
			},
			{
				displayName: 'Default Phone Region',
				name: 'defaultRegion',
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
				description: 'Country assumed for phone numbers without a country code; empty means such numbers are not sent anywhere and their SMS opt-outs fail',
			},
			{ displayName: 'Max Attempts', name: 'maxAttempts', type: 'number', default: 5, typeOptions: { minValue: 1, maxValue: 20 }, description: 'HTTP attempts per request, the first included' },
			{ displayName: 'Output Field', name: 'outputField', type: 'string', default: 'optOut', description: 'Field the result is written to' },
			{ displayName: 'Request Timeout (Seconds)', name: 'timeoutSeconds', type: 'number', default: 30, typeOptions: { minValue: 1 } },
			{ displayName: 'SLA (Hours)', name: 'slaHours', type: 'number', default: 48, description: 'Gmail and Yahoo require one-click unsubscribes honoured within 2 days (48 h); CAN-SPAM allows 10 business days, CCPA 15 business days' },
			{ displayName: 'Time Budget (Seconds)', name: 'timeBudgetSeconds', type: 'number', default: 120, typeOptions: { minValue: 1 }, description: 'No retry starts after this long; what is left goes to Failed with when to retry' },
		],
	},
];
