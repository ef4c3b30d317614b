import type { INodeProperties } from 'n8n-workflow';
import { fileModeParameters, outputFieldsParameter } from '../shared/files';
import { fieldNameParameter } from '../shared/parameters';
import { generateSqlProperties } from './generateSql';

const field = (displayName: string, name: string, defaultValue: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: defaultValue,
	description,
	...fieldNameParameter(defaultValue),
});

const resolveProperties: INodeProperties[] = [
	{
		displayName:
			'Connect records (CRM contacts, ESP subscribers, sign-ups, orders) to the first input and, optionally, the previous run\'s identity map (recordKey, customerId, firstSeen, householdId, householdFirstSeen) to the second, so customer and household IDs survive re-runs.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Matching',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Deterministic Rules Only', value: 'deterministic', description: 'Link records that share an identifier set exactly' },
			{
				name: 'Deterministic + Probabilistic',
				value: 'probabilistic',
				description: 'Rules first, then Fellegi-Sunter scoring of names, dates, addresses and contacts with typos',
			},
		],
		default: 'probabilistic',
	},
	{
		displayName: 'Match Threshold',
		name: 'threshold',
		type: 'number',
		typeOptions: { minValue: 0.5, maxValue: 0.99, numberPrecision: 2 },
		default: 0.9,
		displayOptions: { show: { mode: ['probabilistic'] } },
		description: 'Least match probability for two records to be linked, e.g. 0.95. Higher links fewer, safer pairs.',
	},
	{
		displayName: 'Household Matching',
		name: 'households',
		type: 'options',
		options: [
			{ name: 'Off', value: 'off', description: 'No household IDs and no Households output items' },
			{
				name: 'Address + Surname',
				value: 'addressSurname',
				description: 'Customers at one full address who share a surname, a landline or a family mailbox are one household',
			},
			{ name: 'Address Only', value: 'addressOnly', description: 'Everyone at one full address is one household (flatmates too)' },
		],
		default: 'addressSurname',
		description: 'How customers are grouped into households (direct mail: one catalogue per letterbox). A full address is the street with its postcode or city.',
	},
	{
		displayName: 'Identifier Rules',
		name: 'rules',
		type: 'string',
		default: '',
		placeholder: 'e.g. ID:crmId, email, phone, first+last+dob',
		description:
			'Ordered identifier sets, comma-separated; "+" joins identifiers that must all agree. Identifiers: email, phone, first, last, dob, street, city, postcode, ID:&lt;extra identifier field&gt;. Empty: each extra identifier, email, phone, first+last+dob.',
	},
	{
		displayName: 'Record Fields',
		name: 'recordFields',
		type: 'collection',
		placeholder: 'Map field',
		default: {},
		description: 'Which item fields hold each piece of information (defaults in brackets); dot paths allowed',
		options: [
			field('Address Field', 'addressField', 'address', 'Street address [address]'),
			field('City Field', 'cityField', 'city', 'City [city]'),
			field('Country Field', 'countryField', 'country', 'Country code, for postcodes [country]'),
			field('Date of Birth Field', 'dateOfBirthField', 'dateOfBirth', 'Date of birth in any common format [dateOfBirth]'),
			field('Email Field', 'emailField', 'email', 'Email address [email]'),
			{ ...field('Extra Identifier Fields', 'extraIdFields', '', 'Comma-separated fields holding exact identifiers such as a CRM or loyalty ID, usable in rules as ID:&lt;field&gt;'), ...fieldNameParameter('loyaltyId, crmId', true) },
			field('First Name Field', 'firstNameField', 'firstName', 'Given name [firstName]'),
			field('Full Name Field', 'fullNameField', 'name', 'Full name, used when first and last name are empty [name]'),
			field('Last Name Field', 'lastNameField', 'lastName', 'Family name [lastName]'),
			field('Phone Field', 'phoneField', 'phone', 'Phone number in any format [phone]'),
			field('Postcode Field', 'postcodeField', 'postcode', 'Postcode or ZIP [postcode]'),
			field('Record Key Field', 'recordKeyField', 'id', 'Unique key of each record, e.g. "crm:123" [id]'),
			field('Source Field', 'sourceField', 'source', 'Which system the record came from (CRM, ESP, web, orders) [source]'),
			field('State Field', 'stateField', 'state', 'State or region [state]'),
			field('Suffix Field', 'suffixField', 'suffix', 'Name suffix in a column of its own, e.g. Jr., Sr., III: a Jr. and a Sr. of one name are two people [suffix]'),
			field('Updated At Field', 'updatedAtField', 'updatedAt', 'When the record last changed, for the golden record [updatedAt]'),
		],
	},
	{
		displayName: 'Guardrails',
		name: 'guardrails',
		type: 'collection',
		placeholder: 'Add guardrail',
		default: {},
		description: 'Protections against gluing strangers together through shared or placeholder identifiers',
		options: [
			{
				displayName: 'Allow Role Mailboxes',
				name: 'allowRoleEmails',
				type: 'boolean',
				default: false,
				description: 'Whether shared mailboxes such as info@ or sales@ may link records (they never do by default)',
			},
			{
				displayName: 'Blocked Patterns',
				name: 'blockedPatterns',
				type: 'string',
				default: '',
				placeholder: 'e.g. ^store\\d+@shop\\.com$',
				description: 'Comma-separated regular expressions; matching emails, phones or identifiers never link',
			},
			{
				displayName: 'Blocked Values',
				name: 'blockedValues',
				type: 'string',
				default: '',
				placeholder: 'e.g. orders@myshop.com, +18005550100',
				description: 'Comma-separated placeholder values that never link, on top of the built-in list (test@test.com, 555-555-5555 ...)',
			},
			{
				displayName: 'Max Cluster Size',
				name: 'maxClusterSize',
				type: 'number',
				default: 1000,
				description: 'Most records one customer may hold',
			},
			{
				displayName: 'Max Emails per Customer',
				name: 'maxEmails',
				type: 'number',
				default: 0,
				description: 'Most distinct email addresses one customer may hold (0: no limit)',
			},
			{
				displayName: 'Max Names per Shared Value',
				name: 'maxNamesPerValue',
				type: 'number',
				default: 3,
				description: 'An email, phone or ID carried by records of more distinct people than this is treated as shared and links nobody',
			},
			{
				displayName: 'Max Phones per Customer',
				name: 'maxPhones',
				type: 'number',
				default: 0,
				description: 'Most distinct phone numbers one customer may hold (0: no limit)',
			},
			{
				displayName: 'One Record per Source',
				name: 'uniqueSources',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm, billing',
				description: 'Comma-separated sources that are already deduplicated: a customer holds at most one record of each',
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
				displayName: 'Customer ID Field',
				name: 'customerIdField',
				type: 'string',
				default: 'customerId',
				description: 'Output field for the customer ID, which the other nodes read through their Customer ID Field (default customerId too)',
			},
			{
				displayName: 'Date Order',
				name: 'dateOrder',
				type: 'options',
				options: [
					{ name: 'Day First (31/12/1990)', value: 'DMY' },
					{ name: 'Month First (12/31/1990)', value: 'MDY' },
				],
				default: 'DMY',
				description: 'How to read ambiguous numeric dates of birth',
			},
			{
				displayName: 'Default Phone Region',
				name: 'defaultRegion',
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
				description: 'Two-letter country for phone numbers written without a country code',
			},
			{
				displayName: 'Explanation Field',
				name: 'explanationField',
				type: 'string',
				default: 'identity',
				description: 'Output field for the explanation (rule or weighted field comparisons) and flags',
			},
			{
				displayName: 'Explanations',
				name: 'explanations',
				type: 'options',
				options: [
					{ name: 'Full', value: 'full', description: 'The link with every weighted field comparison, and the flags' },
					{ name: 'Compact', value: 'compact', description: 'One line of text: the rule or the match probability, the linked record and any flags' },
					{ name: 'None', value: 'none', description: 'No explanation field: the lightest Records items for large runs' },
				],
				default: 'full',
				description: 'What the Explanation Field holds on each record',
			},
			{
				displayName: 'Golden Record Strategy',
				name: 'strategy',
				type: 'options',
				options: [
					{ name: 'Most Recent', value: 'mostRecent' },
					{ name: 'Most Frequent', value: 'mostFrequent' },
					{ name: 'Source Priority', value: 'sourcePriority' },
				],
				default: 'mostRecent',
				description: 'How each attribute of a golden profile is chosen among the customer\'s records',
			},
			{
				displayName: 'Household ID Field',
				name: 'householdIdField',
				type: 'string',
				default: 'householdId',
				description: 'Output field for the household ID (when Household Matching is on)',
			},
			{
				displayName: 'ID Prefix',
				name: 'idPrefix',
				type: 'string',
				default: 'cus_',
				description: 'Prefix of new customer IDs',
			},
			{
				displayName: 'Source Priority',
				name: 'sourcePriority',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm, orders, esp',
				description: 'Comma-separated sources, most trusted first (for the Source Priority strategy and ties)',
			},
		],
	},
	...fileModeParameters('identity'),
	// Records only: the other outputs are new items already.
	outputFieldsParameter('Record Key Field', 'record key'),
	{
		displayName: 'Outputs',
		name: 'fillOutputs',
		type: 'multiOptions',
		options: [
			{ name: 'Records', value: 'records', description: 'Every input record with its customer ID' },
			{ name: 'Golden Profiles', value: 'profiles', description: 'One item per customer' },
			{ name: 'Identity Map', value: 'map', description: 'One item per record, for the next run' },
			{ name: 'Households', value: 'households', description: 'One item per household' },
		],
		default: ['records', 'profiles', 'map', 'households'],
		description: 'Which outputs carry items; the others stay empty, connectors in place, which saves memory and execution storage on large runs',
	},
];

/** Parameters of the Resolve operation only: hidden under Generate SQL (the warehouse runs the rules alone). */
// (The file parameters hang on Input and Output: hiding those two hides them.)
const RESOLVE_ONLY = new Set(['notice', 'mode', 'threshold', 'households', 'rules', 'inputSource', 'outputTarget', 'outputFields', 'fillOutputs']);

function resolveOnly(property: INodeProperties): INodeProperties {
	if (!RESOLVE_ONLY.has(property.name)) return property;
	const hide = { ...(property.displayOptions?.hide ?? {}), operation: ['generateSql'] };
	return { ...property, displayOptions: { ...(property.displayOptions ?? {}), hide } };
}

export const resolveIdentityProperties: INodeProperties[] = [...generateSqlProperties, ...resolveProperties.map(resolveOnly)];
