import type { INodeProperties } from 'n8n-workflow';
import { fileModeParameters } from '../shared/files';
import { modelSourceProperties } from '../shared/model';
import { fieldNameParameter } from '../shared/parameters';

const TRAIN = { show: { operation: ['train'] } };
const SCORE = { show: { operation: ['score'] } };
const TRAIN_OR_EVALUATE = { show: { operation: ['train', 'evaluate'] } };

export const scorePropensityProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Train', value: 'train', action: 'Train a propensity model', description: 'Fit a model on items with a known outcome; outputs one item holding the model and its metrics' },
			{ name: 'Score', value: 'score', action: 'Score items with a model', description: 'Add probability, decile, tier and top reasons to each item' },
			{ name: 'Evaluate', value: 'evaluate', action: 'Evaluate a model on items with outcomes', description: 'AUC, log loss, Brier score, decile and calibration tables, and drift' },
		],
		default: 'train',
	},
	{
		displayName: 'Target Field',
		name: 'targetField',
		type: 'string',
		...fieldNameParameter('converted'),
		default: 'converted',
		required: true,
		displayOptions: TRAIN_OR_EVALUATE,
		placeholder: 'e.g. purchased',
		description: 'The item field holding the outcome: 1/0, true/false or yes/no',
	},
	{
		displayName: 'Feature Fields',
		name: 'featureFields',
		type: 'string',
		...fieldNameParameter('age, region', true),
		default: '',
		required: true,
		displayOptions: TRAIN,
		placeholder: 'e.g. age, region, lastOrderDate, isMember',
		description:
			'Comma-separated item fields to predict from. Types are detected: numbers are standardized (missing values imputed, with a missing flag), text is one-hot encoded against its most frequent value, true/false stays a flag, ISO dates become days since the latest date.',
	},
	...modelSourceProperties("e.g. {{ $('Train Propensity').first().json.model }}", 'The model JSON a Train operation produced'),
	{
		displayName: 'Output Field',
		name: 'outputField',
		type: 'string',
		default: 'propensity',
		displayOptions: SCORE,
		description: 'The field added to each item: probability, decile (1 = highest), tier and top reasons',
	},
	{
		displayName: 'Options',
		name: 'trainOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: TRAIN,
		options: [
			{
				displayName: 'Class Weights',
				name: 'classWeights',
				type: 'options',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Balanced', value: 'balanced', description: 'Weigh the rare outcome up (scores are then not calibrated probabilities)' },
				],
				default: 'none',
			},
			{
				displayName: 'Cross-Validation Folds',
				name: 'folds',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 20 },
				description: 'K-fold cross-validated AUC on the training rows (0: none)',
			},
			{
				displayName: 'L2 Penalty',
				name: 'l2',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 4 },
				description: 'Ridge penalty on the standardized coefficients (0: none). Raised automatically, with a warning, when the data are separated or collinear.',
			},
			{
				displayName: 'Platt Recalibration',
				name: 'platt',
				type: 'boolean',
				default: false,
				description: 'Whether to recalibrate probabilities on the validation rows (or the training rows without a split)',
			},
			{
				displayName: 'Rare Level Count',
				name: 'minLevelCount',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 1 },
				description: 'Text values seen fewer times than this are pooled into "(other)"',
			},
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				default: 1,
				description: 'Seed of the random split and the folds',
			},
			{
				displayName: 'Split Cutoff Date',
				name: 'splitCutoff',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2025-07-01',
				description: 'Out-of-time split: train on rows before this date, validate on the rest',
			},
			{
				displayName: 'Split Date Field',
				name: 'splitDateField',
				type: 'string',
				...fieldNameParameter('contactedAt'),
				default: '',
				placeholder: 'e.g. contactedAt',
				description: 'The date field for an out-of-time split, also recorded as the training window',
			},
			{
				displayName: 'Validation',
				name: 'validation',
				type: 'options',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Random Holdout', value: 'random' },
					{ name: 'Out-of-Time (Last Rows)', value: 'order', description: 'Train on the earlier rows in input order, validate on the last ones' },
					{ name: 'Out-of-Time (Date Cutoff)', value: 'time', description: 'Needs Split Date Field and Split Cutoff Date' },
				],
				default: 'none',
			},
			{
				displayName: 'Validation Percent',
				name: 'validationPercent',
				type: 'number',
				default: 20,
				typeOptions: { minValue: 1, maxValue: 90 },
				description: 'Share of rows held out by a random or last-rows split',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'scoreOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: SCORE,
		options: [
			{
				displayName: 'Deciles From',
				name: 'decileBasis',
				type: 'options',
				options: [
					{ name: 'This Batch', value: 'scored', description: 'Decile 1 = the top 10% of these items' },
					{ name: 'Training Population', value: 'training', description: 'Cut points of the training scores, stable across batches' },
				],
				default: 'scored',
			},
			{
				displayName: 'High Tier Cut',
				name: 'tierHigh',
				type: 'number',
				default: 2,
				typeOptions: { numberPrecision: 4 },
				description: 'Deciles 1 to this are High (by decile), or probability at or above it (by probability)',
			},
			{
				displayName: 'Medium Tier Cut',
				name: 'tierMedium',
				type: 'number',
				default: 5,
				typeOptions: { numberPrecision: 4 },
				description: 'Deciles up to this are Medium (by decile), or probability at or above it (by probability)',
			},
			{
				displayName: 'Tiers By',
				name: 'tierBy',
				type: 'options',
				options: [
					{ name: 'Decile', value: 'decile' },
					{ name: 'Probability', value: 'probability' },
				],
				default: 'decile',
			},
			{
				displayName: 'Top Reasons',
				name: 'topContributions',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0, maxValue: 20 },
				description: 'How many top contributing features (coefficient x standardized value) to list per item',
			},
		],
	},
	// Input = File for every operation; Output = File only where rows come out (Score).
	...fileModeParameters('scored').map((property) =>
		property.displayOptions?.show?.outputTarget !== undefined || property.name === 'outputTarget'
			? { ...property, displayOptions: { show: { ...property.displayOptions?.show, operation: ['score'] } } }
			: property,
	),
];
