import { fileModeParameters } from '../shared/files';
import type { INodeProperties } from 'n8n-workflow';
import { fieldNameParameter } from '../shared/parameters';
import { warehouseParameters } from '../shared/warehouse';
import { DEFAULT_OPT_IN_COUNTRIES } from '../../lib/suppression';

const field = (displayName: string, name: string, defaultValue: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: defaultValue,
	description,
	...fieldNameParameter(defaultValue),
});

export const applySuppressionProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Decide', value: 'decide', action: 'Decide who may be contacted', description: 'Split the audience items into eligible and suppressed' },
			{
				name: 'Generate SQL',
				value: 'generateSql',
				action: 'Generate SQL for a warehouse',
				description:
					'Output SQL that checks an audience table against a suppression table in PostgreSQL, BigQuery or Snowflake (email channel: list entries, unusable addresses and role mailboxes; consent and the rules stay with Decide)',
			},
		],
		default: 'decide',
	},
	...warehouseParameters(
		{},
		{
			source: 'The audience table; its columns are the Email (and, when mapped, Customer ID) fields under Audience Fields',
			target: 'The decisions table the statements write (replaced): the audience rows plus eligible, suppression_reason, matched_by, matched_scope, matched_reason',
		},
	),
	{
		displayName: 'Suppression Table',
		name: 'suppressionTable',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. marketing.suppressions',
		displayOptions: { show: { operation: ['generateSql'] } },
		description:
			'The do-not-contact table. Its Email column is used as named under Suppression List Fields; Customer ID, SHA-256, Scope, Expires At and Reason columns only when mapped there.',
	},
	{
		displayName:
			'Connect the audience to the first input and every do-not-contact source (unsubscribes, bounces, complaints, legal requests) to the second. Anyone matching is held back, with every reason.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'SMS', value: 'sms' },
			{ name: 'Push', value: 'push' },
		],
		default: 'email',
		description: 'The channel of this send: entries scoped to another channel do not apply, and its own identifier must be valid',
	},
	{
		displayName: 'Lists or Brands',
		name: 'lists',
		type: 'string',
		default: '',
		placeholder: 'e.g. newsletter, brand-b',
		description: 'Comma-separated names of the lists or brands this send belongs to: suppression entries scoped to them apply too',
	},
	{
		displayName: 'Audience Fields',
		name: 'audienceFields',
		type: 'collection',
		placeholder: 'Map field',
		default: {},
		description: 'Which audience item fields hold each piece of information (defaults in brackets)',
		options: [
			field('Bounced Field', 'bouncedField', 'bounced', 'Yes/no, or an ESP word such as "Hard Bounce", "bounce" or "blocked"; any other value holds the person back [bounced]'),
			field('Complained Field', 'complainedField', 'complained', 'Yes/no, or an ESP word such as "spam_report" or "abuse"; any other value holds the person back [complained]'),
			field(
				'Consent Field',
				'consentField',
				'consent',
				'Opted in, opted out or unknown: yes/no, true/false and the status words of HubSpot, Salesforce, Mailchimp, Klaviyo, Braze and SendGrid; an unrecognised word holds the person back [consent]',
			),
			field('Country Field', 'countryField', 'country', 'ISO country code, for countries that require an opt-in [country]'),
			field('Customer ID Field', 'customerIdField', 'customerId', '[customerId]'),
			field('Email Field', 'emailField', 'email', '[email]'),
			field('Household ID Field', 'householdIdField', 'householdId', 'The household (Resolve Identity writes householdId), for the household rules [householdId]'),
			field('Opted In At Field', 'optedInAtField', 'optedInAt', 'When consent was given; an opt-in dated after the decision time does not count [optedInAt]'),
			field('Opted Out At Field', 'optedOutAtField', 'optedOutAt', 'When consent was withdrawn; wins unless a later opt-in is recorded [optedOutAt]'),
			field('Phone Field', 'phoneField', 'phone', '[phone]'),
			field(
				'Send History Field',
				'sendsField',
				'sends',
				'Send times for frequency caps: an array of times on this channel, an object of arrays by channel, {channel, at} (or sent_at, timestamp, date) records, JSON text or comma-separated times; an unreadable send holds the person back [sends]',
			),
			field('Time Zone Field', 'timeZoneField', 'timeZone', 'IANA time zone such as Europe/Berlin, for quiet hours [timeZone]'),
		],
	},
	{
		displayName: 'Suppression List Fields',
		name: 'listFields',
		type: 'collection',
		placeholder: 'Map field',
		default: {},
		description: 'Which fields of the suppression list items hold each piece of information (defaults in brackets)',
		options: [
			field('Customer ID Field', 'customerIdField', 'customerId', '[customerId]'),
			field('Email Field', 'emailField', 'email', '[email]'),
			field('Expires At Field', 'expiresAtField', 'expiresAt', 'When the entry stops applying; empty means never; a date that cannot be read is reported and the entry still applies [expiresAt]'),
			field('Phone Field', 'phoneField', 'phone', '[phone]'),
			field('Reason Field', 'reasonField', 'reason', 'Why the person is on the list, carried into the decision [reason]'),
			field('Scope Field', 'scopeField', 'scope', 'global (also all or *), email, sms (also text), push, or a list or brand name, or several comma-separated; empty means global; a name this send does not belong to is warned about [scope]'),
			field('SHA-256 Field', 'sha256Field', 'sha256', 'Hex SHA-256 of a normalized email or phone, as ESPs and ad platforms share lists [sha256]'),
		],
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'collection',
		placeholder: 'Add rule',
		default: {},
		// Generate SQL applies none of them (and refuses any that is set).
		displayOptions: { hide: { operation: ['generateSql'] } },
		options: [
			{
				displayName: 'Date Order',
				name: 'dateOrder',
				type: 'options',
				options: [
					{ name: 'ISO Only', value: 'ISO', description: 'Read ISO dates, YYYYMMDD and epoch times; hold back anyone whose date is written 03/04/2026' },
					{ name: 'Month First (MM/DD/YYYY)', value: 'MDY' },
					{ name: 'Day First (DD/MM/YYYY)', value: 'DMY' },
				],
				default: 'ISO',
				description:
					'How to read numeric dates such as 03/04/2026 in opt-in, opt-out, expiry and send-time fields. ISO dates, YYYYMMDD and epoch seconds/milliseconds are always read; a date that cannot be read holds the person back.',
			},
			{
				displayName: 'Decision Time',
				name: 'asOf',
				type: 'dateTime',
				default: '',
				description: 'When expiry, caps and quiet hours are judged; empty means now',
			},
			{
				displayName: 'Default Phone Region',
				name: 'defaultRegion',
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
				description: 'Country assumed for phone numbers without a country code; empty means such numbers are invalid',
			},
			{
				displayName: 'Extend Opt-Out to Household',
				name: 'extendOptOutToHousehold',
				type: 'boolean',
				default: false,
				description: 'Whether a member who opted out, complained or is on the suppression list holds back everyone in their household',
			},
			{
				displayName: 'Frequency Cap: Max Messages',
				name: 'frequencyCapMax',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'At most this many messages per window on this channel; 0 turns the cap off',
			},
			{
				displayName: 'Frequency Cap: Window (Days)',
				name: 'frequencyCapDays',
				type: 'number',
				default: 7,
				typeOptions: { minValue: 1 },
			},
			{
				displayName: 'Max Per Household',
				name: 'maxPerHousehold',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'At most this many eligible people per household (direct mail: 1, one catalogue per letterbox); the first in audience order keep their place. 0 turns the cap off.',
			},
			{
				displayName: 'Opt-In Countries',
				name: 'optInCountries',
				type: 'string',
				default: DEFAULT_OPT_IN_COUNTRIES.join(', '),
				description: 'ISO country codes where any channel needs an explicit opt-in (GDPR/ePrivacy, PECR, CASL and similar): unknown consent there is suppressed',
			},
			{
				displayName: 'Quiet Hours End (Local Hour)',
				name: 'quietEnd',
				type: 'number',
				default: 8,
				typeOptions: { minValue: 0, maxValue: 23 },
			},
			{
				displayName: 'Quiet Hours Start (Local Hour)',
				name: 'quietStart',
				type: 'number',
				default: -1,
				typeOptions: { minValue: -1, maxValue: 23 },
				description: 'Hold back people for whom it is between start and end in their time zone; -1 turns quiet hours off',
			},
			{
				displayName: 'Require Opt-In For Channels',
				name: 'optInChannels',
				type: 'multiOptions',
				options: [
					{ name: 'Email', value: 'email' },
					{ name: 'SMS', value: 'sms' },
					{ name: 'Push', value: 'push' },
				],
				default: ['sms'],
				description: 'Channels where unknown consent is suppressed everywhere (SMS needs prior consent under the TCPA)',
			},
			{
				displayName: 'Suppress Role Accounts',
				name: 'suppressRoleAccounts',
				type: 'boolean',
				default: true,
				description: 'Whether to hold back shared mailboxes such as info@ or sales@ on email sends',
			},
			{
				displayName: 'Test or Seed Addresses',
				name: 'testPatterns',
				type: 'string',
				default: '',
				placeholder: 'e.g. @ourcompany.com, /^seed\\d+@/',
				description: 'Comma-separated substrings or /regular expressions/ of emails to keep out of real sends',
			},
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
				displayName: 'Decision Field',
				name: 'outputField',
				type: 'string',
				default: 'suppression',
				description: 'Field added to every item with the decision: eligible, reasons (code, detail, what matched) and warnings',
			},
			{
				displayName: 'Summary Output',
				name: 'summaryOutput',
				type: 'boolean',
				default: false,
				description: 'Whether to add a third output with one item counting people by reason',
			},
		],
	},
	// Input = Items | File, Output = Items | File (nodes/shared/files.ts).
	...fileModeParameters('audience'),
];
