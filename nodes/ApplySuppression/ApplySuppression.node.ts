import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { readConsent, readPresentKey, toEpochMs, type DateOrder } from '../../lib/records';
import {
	applyHouseholdRules,
	buildSuppressionIndex,
	countReasons,
	decide,
	defaultPolicy,
	FieldVariants,
	isKnownScope,
	ListFieldVariants,
	type AudienceMember,
	type Channel,
	type Decision,
	type SuppressionPolicy,
	type SuppressionRecord,
} from '../../lib/suppression';
import { commaList, errorItem, fieldError, getFieldName, isFileInput, readField, withField } from '../shared';
import { applySuppressionFile } from './fileMode';
import { generateSuppressionSql } from './generateSql';
import { applySuppressionProperties } from './properties';

// Inlined into an expression by n8n, so it must not refer to anything outside itself.
const configuredOutputs = (parameters: IDataObject) => {
	if (parameters.operation === 'generateSql') return [{ type: 'main', displayName: 'Statements' }];
	const outputs = [
		{ type: 'main', displayName: 'Eligible' },
		{ type: 'main', displayName: 'Suppressed' },
	];
	if ((parameters.options as IDataObject)?.summaryOutput === true) outputs.push({ type: 'main', displayName: 'Summary' });
	return outputs;
};

const AUDIENCE_FIELDS = ['email', 'phone', 'customerId', 'consent', 'optedInAt', 'optedOutAt', 'bounced', 'complained', 'country', 'timeZone', 'sends'] as const;
const HOUSEHOLD_FIELD = 'householdId';
const LIST_FIELDS = ['email', 'phone', 'customerId', 'sha256', 'scope', 'expiresAt', 'reason'] as const;

/** The item field of each piece of information: parameter `<collection>.<name>Field`, else `<name>`. */
function fieldMap<K extends string>(context: IExecuteFunctions, collection: string, names: readonly K[]): Record<K, string> {
	return Object.fromEntries(names.map((name) => [name, getFieldName(context, `${collection}.${name}Field`, name)])) as Record<K, string>;
}

const IDENTIFIER_FIELDS = ['email', 'phone', 'customerId', 'sha256'] as const;

/** The item's top-level field names, for an error message (the first ten). */
function fieldsFound(json: IDataObject): string {
	const names = Object.keys(json);
	if (names.length === 0) return 'no fields';
	return `the fields ${names.slice(0, 10).map((name) => `"${name}"`).join(', ')}${names.length > 10 ? ' and more' : ''}`;
}

/** A top-level field of the item whose name equals `field` but for case, spaces, dashes and underscores. */
function closeFieldName(json: IDataObject, field: string): string | undefined {
	const fold = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
	if (field in json) return undefined;
	return Object.keys(json).find((name) => name !== field && fold(name) === fold(field));
}

/**
 * The top-level field of the first item whose value is the mapped field name, when no item has a
 * field of that name: the parameter was an expression reading that field (`{{ $json.status }}`,
 * what a drag wrote), evaluated to item 0's value ("unsubscribed") instead of read as a name.
 */
function evaluatedDrag(items: INodeExecutionData[], field: string): string | undefined {
	if (items.length === 0 || field === '') return undefined;
	const first = items[0].json;
	const source = Object.keys(first).find((key) => typeof first[key] === 'string' && (first[key] as string).trim() === field);
	if (source === undefined || items.some((item) => readField(item.json, field) !== undefined)) return undefined;
	return source;
}

export class ApplySuppression implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apply Suppression',
		name: 'applySuppression',
		icon: { light: 'file:applySuppression.svg', dark: 'file:applySuppression.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Before an " + ({ email: "email", sms: "SMS", push: "push" })[$parameter["channel"]] + " send" }}',
		description: 'Hold back everyone who must not be contacted (unsubscribes, bounces, complaints, missing consent, caps), with every reason',
		defaults: { name: 'Apply Suppression' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Audience' },
			{ type: NodeConnectionTypes.Main, displayName: 'Suppression List' },
		],
		requiredInputs: 0,
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		properties: applySuppressionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const audience = this.getInputData(0);
		const entries = this.getInputData(1);
		const channel = this.getNodeParameter('channel', 0) as Channel;
		if (this.getNodeParameter('operation', 0, 'decide') === 'generateSql') {
			// Only the columns the user mapped: an unmapped optional column is not assumed to exist in the table.
			const mappedOnly = (collection: string, names: readonly string[]) =>
				Object.fromEntries(names.map((name) => [name, getFieldName(this, `${collection}.${name}Field`, '')])) as IDataObject;
			return generateSuppressionSql.call(this, channel, mappedOnly('audienceFields', AUDIENCE_FIELDS), mappedOnly('listFields', LIST_FIELDS), this.getNodeParameter('rules', 0, {}) as IDataObject);
		}
		const audienceFields = fieldMap(this, 'audienceFields', AUDIENCE_FIELDS);
		const householdField = fieldMap(this, 'audienceFields', [HOUSEHOLD_FIELD])[HOUSEHOLD_FIELD];
		const listFields = fieldMap(this, 'listFields', LIST_FIELDS);
		const rules = this.getNodeParameter('rules', 0, {}) as IDataObject;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const outputField = String(options.outputField ?? 'suppression').trim() || 'suppression';

		const dateOrder: DateOrder = rules.dateOrder === 'MDY' || rules.dateOrder === 'DMY' ? rules.dateOrder : 'ISO';
		const asOf = rules.asOf ? toEpochMs(rules.asOf, dateOrder) : Date.now();
		if (asOf === null) throw new NodeOperationError(node, 'The decision time is not a date', { description: 'Check the "Decision Time" rule.' });
		const frequencyCapMax = Number(rules.frequencyCapMax ?? 0);
		const quietStart = Number(rules.quietStart ?? -1);
		const policy: SuppressionPolicy = defaultPolicy({
			channel,
			lists: commaList(this.getNodeParameter('lists', 0, '')).map((name) => name.toLowerCase()),
			asOf,
			...(rules.optInChannels ? { optInChannels: rules.optInChannels as Channel[] } : {}),
			...(rules.optInCountries !== undefined ? { optInCountries: commaList(rules.optInCountries).map((c) => c.toUpperCase()) } : {}),
			suppressRoleAccounts: rules.suppressRoleAccounts !== false,
			testPatterns: commaList(rules.testPatterns),
			frequencyCap: frequencyCapMax > 0 ? { maxMessages: frequencyCapMax, windowDays: Number(rules.frequencyCapDays ?? 7) } : undefined,
			quietHours: quietStart >= 0 ? { startHour: quietStart, endHour: Number(rules.quietEnd ?? 8) } : undefined,
			defaultRegion: String(rules.defaultRegion ?? '').trim().toUpperCase() || undefined,
			dateOrder,
			fieldNames: audienceFields,
		});

		if (isFileInput(this)) {
			return await applySuppressionFile(this, {
				policy,
				audienceFields,
				householdField,
				listFields,
				listFieldNames: LIST_FIELDS,
				audienceFieldNames: AUDIENCE_FIELDS,
				rules,
				summaryOutput: options.summaryOutput === true,
				outputField,
				dateOrder,
			});
		}

		const outputs: INodeExecutionData[][] = [[], []];
		if (options.summaryOutput === true) outputs.push([]);

		// Fail closed: a list entry that cannot be used stops the node (or, with Continue On Fail,
		// comes out on Suppressed as an error item while it still applies as far as it can: raw text
		// of an unusable identifier, no expiry for an unreadable one), so nobody it names is sent to.
		// Fields under another spelling (a BOM, `Email`, `Email Address`) are read too (lib/suppression ListFieldVariants).
		const listVariants = new ListFieldVariants(listFields);
		const records = entries.map((item): SuppressionRecord => {
			const keys = Object.keys(item.json);
			return ListFieldVariants.record(listFields, listVariants.variants(keys), (field) => readField(item.json, field), keys);
		});
		const index = buildSuppressionIndex(records, policy.defaultRegion, dateOrder);
		// A list that names no one is a mapping mistake, not an empty list: even with Continue On Fail
		// nobody can be judged against it, so the node stops and says which columns it did find.
		if (entries.length > 0 && index.withoutIdentifier === entries.length) {
			const mapped = IDENTIFIER_FIELDS.map((name) => `"${listFields[name]}"`).join(', ');
			throw new NodeOperationError(node, `No suppression list item has an identifier under the mapped fields (${mapped})`, {
				description: `The list's first item has ${fieldsFound(entries[0].json)}. Map its email, phone, customer ID or SHA-256 field under "List Fields".`,
			});
		}
		for (const problem of index.problems) {
			const fieldName = listFields[problem.field];
			const error = fieldError(node, problem.entry, { field: fieldName, expected: problem.expected, received: 'unusable' });
			error.message = `Suppression list ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
			if (!this.continueOnFail()) throw error;
			const item = errorItem(node, entries[problem.entry], problem.entry, error, { field: fieldName, expected: problem.expected, received: 'unusable' });
			outputs[1].push({ ...item, pairedItem: { item: problem.entry, input: 1 } });
		}

		// Scopes that are neither global, a channel nor one of this send's lists are never silent.
		const unknownScopes = new Set<string>();
		for (const entry of index.entries) if (!isKnownScope(entry.scope, policy)) unknownScopes.add(entry.scope);
		if (unknownScopes.size > 0) {
			const names = [...unknownScopes].slice(0, 5).map((scope) => `"${scope}"`);
			this.addExecutionHints({
				message: `Suppression list entries are scoped to ${names.join(', ')}${unknownScopes.size > 5 ? ' and more' : ''}, which is not global (also "all", "*"), a channel or one of this send's lists: they were not applied. Add the name to "Lists or Brands" if this send belongs to it.`,
				type: 'warning',
				location: 'outputPane',
			});
		}

		// A mapped audience field that no item has, while the first item has it under another case or
		// spacing ("Consent" for "consent"), would read as missing on everyone: stop and name it.
		for (const name of AUDIENCE_FIELDS) {
			const field = audienceFields[name];
			const variant = audience.length > 0 ? closeFieldName(audience[0].json, field) : undefined;
			if (variant !== undefined && audience.every((item) => readField(item.json, field) === undefined)) {
				throw new NodeOperationError(node, `No audience item has the field "${field}"; the first item has "${variant}"`, {
					description: `Set the audience field mapping to "${variant}" (field names are case-sensitive), or rename the field upstream.`,
				});
			}
		}

		// A field parameter that is item 0's value of another field was an evaluated expression: the
		// node would read a field nobody has (consent missing: eligible in most countries), so it stops.
		for (const [inputName, items, fields] of [
			['audience', audience, audienceFields],
			['suppression list', entries, listFields],
		] as const) {
			for (const [name, field] of Object.entries(fields)) {
				// Only a mapping the user changed: the default names a field of its own ("email").
				const source = field === name ? undefined : evaluatedDrag(items, field);
				if (source === undefined) continue;
				throw new NodeOperationError(node, `The ${inputName} field mapping for ${name} is the value of the first item's "${source}", not a field name`, {
					description: `An expression such as {{ $json.${source} }} was evaluated to item 0's value. Set the mapping to the field name "${source}" itself.`,
				});
			}
		}

		const unrecognizedConsent = new Set<string>();
		// The same field under another spelling ("consent" and "Consent") that says something else holds the person back.
		const variantFinder = new FieldVariants(audienceFields);
		const ownDecisions: Decision[] = audience.map((item) => {
			const member = Object.fromEntries(AUDIENCE_FIELDS.map((name) => [name, readField(item.json, audienceFields[name])])) as AudienceMember;
			if (unrecognizedConsent.size < 5 && readConsent(member.consent) === 'unrecognized') unrecognizedConsent.add(String(member.consent).slice(0, 40));
			const decision = decide(member, index, policy);
			const variants = variantFinder.variants(Object.keys(item.json));
			return variants.length === 0 ? decision : FieldVariants.apply(decision, variants, member, (field) => item.json[field]);
		});
		const decisions = applyHouseholdRules(
			ownDecisions,
			// Household IDs read as keys: 1001.0 is 1001, a missing marker (N/A) is no household.
			audience.map((item) => readPresentKey(readField(item.json, householdField))),
			{ maxPerHousehold: Number(rules.maxPerHousehold ?? 0), extendOptOut: rules.extendOptOutToHousehold === true },
		);
		audience.forEach((item, itemIndex) => {
			const decision = decisions[itemIndex];
			outputs[decision.eligible ? 0 : 1].push({
				json: withField(item.json, outputField, { eligible: decision.eligible, reasons: decision.reasons, warnings: decision.warnings } as unknown as IDataObject),
				...(item.binary ? { binary: item.binary } : {}),
				pairedItem: { item: itemIndex },
			});
		});

		if (unrecognizedConsent.size > 0) {
			this.addExecutionHints({
				message: `Consent values not recognised, so those people were held back (unknown_consent_value): ${[...unrecognizedConsent].map((word) => `"${word}"`).join(', ')}. Map them to opted_in / opted_out upstream.`,
				type: 'warning',
				location: 'outputPane',
			});
		}
		const counts = countReasons(decisions);
		const byReason = Object.entries(counts)
			.filter(([key]) => key !== 'eligible' && key !== 'suppressed')
			.map(([key, count]) => `${key} ${count}`)
			.join(', ');
		this.addExecutionHints({
			message: `${counts.eligible} eligible, ${counts.suppressed} suppressed${byReason ? ` (${byReason})` : ''}`,
			type: 'info',
			location: 'outputPane',
		});
		if (options.summaryOutput === true) {
			outputs[2].push({
				json: { channel, ...counts, listEntries: entries.length, unusableListEntries: index.problems.length } as IDataObject,
				pairedItem: audience.map((_, item) => ({ item })),
			});
		}
		return outputs;
	}
}
