import type { INodeProperties } from 'n8n-workflow';
import { fileModeParameters, outputFieldsParameter } from '../shared/files';
import { fieldNameParameter } from '../shared/parameters';
import { warehouseParameters } from '../shared/warehouse';

export const splitHoldoutProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Split Items', value: 'split', action: 'Split items into arms', description: 'Assign each input item to an arm' },
			{
				name: 'Generate SQL',
				value: 'generateSql',
				action: 'Generate SQL for a warehouse',
				description: 'Output SQL statements that write the same assignment in PostgreSQL, BigQuery or Snowflake; run them with n8n\'s database node',
			},
			{
				name: 'Check Sample Ratio',
				value: 'checkSampleRatio',
				action: 'Check the sample ratio of arm counts',
				description: 'Read per-arm counts (e.g. from the generated SQL) and test them against the intended split',
			},
		],
		default: 'split',
	},
	...warehouseParameters(
		{},
		{
			source: 'The customer table, one row per customer; its key column is the Customer ID Field below (trimmed text; rows without a key are left out)',
			target: 'The assignment table the statements write (replaced): customer_key, bucket, arm, global_holdout, campaign_salt',
		},
	),
	{
		displayName: 'Arm Field',
		name: 'countArmField',
		type: 'string',
		...fieldNameParameter('arm'),
		default: 'arm',
		displayOptions: { show: { operation: ['checkSampleRatio'] } },
		description: 'The item field holding the arm name',
	},
	{
		displayName: 'Count Field',
		name: 'countField',
		type: 'string',
		...fieldNameParameter('n'),
		default: 'n',
		displayOptions: { show: { operation: ['checkSampleRatio'] } },
		description: 'The item field holding the number of customers in the arm',
	},
	{
		displayName: 'Customer ID Field',
		name: 'customerIdField',
		type: 'string',
		...fieldNameParameter('customerId'),
		default: 'customerId',
		required: true,
		placeholder: 'e.g. customerId or customer.crmId',
		description: 'The item field holding a stable customer identifier. The same key always lands in the same group.',
	},
	{
		displayName: 'Randomize By',
		name: 'randomizeBy',
		type: 'options',
		options: [
			{ name: 'Customer', value: 'customer', description: 'Each customer is drawn on their own' },
			{
				name: 'Household',
				value: 'household',
				description: 'Everyone in one household lands in the same arm, so treatment does not leak to control through a shared letterbox',
			},
		],
		default: 'customer',
	},
	{
		displayName: 'Household ID Field',
		name: 'householdIdField',
		type: 'string',
		...fieldNameParameter('householdId'),
		default: 'householdId',
		displayOptions: { show: { randomizeBy: ['household'] } },
		description: 'The item field holding the household ID (Resolve Identity writes householdId). An item without one is a household of its own.',
	},
	{
		displayName: 'Campaign Salt',
		name: 'campaignSalt',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. spring-sale-2026',
		description:
			'A name for this campaign\'s split. Reuse it to reproduce the same groups; use a new one for each campaign so each draws a fresh control group.',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Treatment and Control',
				value: 'treatmentControl',
				description: 'Two groups: everyone is treated except a control percentage',
			},
			{
				name: 'Multiple Arms',
				value: 'multiArm',
				description: 'Several named groups with weights, e.g. two creatives and a control',
			},
		],
		default: 'treatmentControl',
	},
	{
		displayName: 'Control Percentage',
		name: 'controlPercent',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 0.01, maxValue: 99.99, numberPrecision: 2 },
		description: 'Share of the audience held out as the control group, in percent',
		displayOptions: { show: { mode: ['treatmentControl'] } },
	},
	{
		displayName: 'Arms',
		name: 'arms',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {
			arm: [
				{ name: 'control', weight: 10 },
				{ name: 'treatment', weight: 90 },
			],
		},
		placeholder: 'Add arm',
		description:
			'One output per arm, in this order. List the control arm first: with Continue On Fail, items that cannot be assigned go to it, so they are never contacted.',
		displayOptions: { show: { mode: ['multiArm'] } },
		options: [
			{
				displayName: 'Arm',
				name: 'arm',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the arm, e.g. control or variant_a' },
					{
						displayName: 'Weight',
						name: 'weight',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0 },
						description: 'Relative size of the arm; weights need not add up to 100',
					},
				],
			},
		],
	},
	{
		displayName: 'Output Arms',
		name: 'outputArms',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Separate Outputs',
				value: 'separate',
				description: 'One output per arm (Treatment, Control, ...): connect the send step to Treatment only',
			},
			{
				name: 'One Output',
				value: 'one',
				description:
					'Every item on one output, its arm in the output field (holdout.arm); filter on it to send. No Merge needed to log both arms, at any audience size.',
			},
		],
		default: 'separate',
		description:
			'Whether each arm leaves by its own output, or all items leave by one output in input order. Use One Output to log every assignment without merging the arms again (n8n\'s Merge overflows above ~125,000 items on one input).',
	},
	{
		displayName: 'Hash Mode',
		name: 'hashMode',
		type: 'options',
		options: [
			{
				name: 'Warehouse-Compatible (MD5)',
				value: 'md5',
				description: 'Reproducible in SQL in Postgres, BigQuery and Snowflake (see the node documentation)',
			},
			{
				name: 'GrowthBook-Compatible (FNV-1a V2)',
				value: 'growthbook',
				description: 'Same buckets as a GrowthBook experiment whose seed is the campaign salt',
			},
		],
		default: 'md5',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Control Arm',
				name: 'controlArm',
				type: 'string',
				default: '',
				placeholder: 'e.g. control',
				displayOptions: { show: { '/mode': ['multiArm'] } },
				description:
					'The arm that is not sent to: items without a usable customer key go there, never to a sending arm. Empty: the arm whose name says control or holdout; with none, such an item stops the node (or goes to the error output).',
			},
			{
				displayName: 'Global Holdout',
				name: 'globalHoldout',
				type: 'boolean',
				default: false,
				description:
					'Whether to hold a fixed share of customers out of every campaign first (it needs the same salt in every campaign); they go to an extra output',
			},
			{
				displayName: 'Global Holdout Percentage',
				name: 'globalHoldoutPercent',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 0.01, maxValue: 99.99, numberPrecision: 2 },
				displayOptions: { show: { globalHoldout: [true] } },
				description: 'Share of all customers held out of every campaign, in percent',
			},
			{
				displayName: 'Global Holdout Salt',
				name: 'globalHoldoutSalt',
				type: 'string',
				default: 'global-holdout',
				displayOptions: { show: { globalHoldout: [true] } },
				description: 'The same value in every campaign, and different from any campaign salt',
			},
			{
				displayName: 'Output Field',
				name: 'outputField',
				type: 'string',
				default: 'holdout',
				description:
					'Field added to each item with the arm, bucket, campaign salt, hash mode and the sample-ratio check',
			},
			{
				displayName: 'Sample-Ratio Alert Threshold',
				name: 'srmThreshold',
				type: 'number',
				default: 0.001,
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 6 },
				description: 'Flag a sample-ratio mismatch when the chi-square p-value of the split is below this',
			},
			{
				displayName: 'Stratify By Field',
				name: 'stratifyField',
				type: 'string',
				...fieldNameParameter('segment'),
				default: '',
				placeholder: 'e.g. segment',
				description:
					'Split each value of this field separately, each to within one customer (or household) of the target shares; a customer or household is cut once, in the value most of its items have. Assignment then depends on the whole input, not on the key alone.',
			},
		],
	},
	// Input = Items | File, Output = Items | File (nodes/shared/files.ts).
	...fileModeParameters('holdout'),
	outputFieldsParameter('Customer ID Field'),
];
