// What Resolve Identity's Items and File modes share: the field mapping, the options as
// lib/identity reads them and the output fields, so both modes resolve the same rows the same way.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { GoldenProfile, Household, HouseholdMatching, PreviousMapEntry, ResolvedRecord, ResolveOptions, ResolveResult, SurvivorshipStrategy } from '../../lib/identity';
import type { CountryCode } from '../../lib/records';
import { asKey, commaList, getFieldName, setField, withField } from '../shared';

export const FIELDS = [
	'recordKey', 'source', 'email', 'phone', 'firstName', 'lastName', 'fullName', 'suffix', 'dob', 'street', 'city', 'postcode', 'state', 'country', 'updatedAt',
] as const;
export type IdentityField = (typeof FIELDS)[number];
/** The Record Fields parameter naming each one's item field. */
export const PARAMETERS: Record<IdentityField, string> = {
	recordKey: 'recordKeyField', source: 'sourceField', email: 'emailField', phone: 'phoneField', firstName: 'firstNameField', lastName: 'lastNameField',
	fullName: 'fullNameField', suffix: 'suffixField', dob: 'dateOfBirthField', street: 'addressField', city: 'cityField', postcode: 'postcodeField', state: 'stateField',
	country: 'countryField', updatedAt: 'updatedAtField',
};
const DEFAULTS: Record<IdentityField, string> = {
	recordKey: 'id', source: 'source', email: 'email', phone: 'phone', firstName: 'firstName', lastName: 'lastName', fullName: 'name', suffix: 'suffix',
	dob: 'dateOfBirth', street: 'address', city: 'city', postcode: 'postcode', state: 'state', country: 'country', updatedAt: 'updatedAt',
};

/** What the Explanation Field holds on each Records item (option Explanations). */
export type ExplanationDetail = 'full' | 'compact' | 'none';

/** The four outputs, in connector order. */
export const OUTPUTS = ['records', 'profiles', 'map', 'households'] as const;
export type IdentityOutput = (typeof OUTPUTS)[number];

export interface IdentitySettings {
	fields: Record<IdentityField, string>;
	idFields: string[];
	customerIdField: string;
	explanationField: string;
	householdIdField: string;
	explanations: ExplanationDetail;
	/** Which outputs carry items (parameter Outputs); the others stay empty, their connectors in place. */
	fill: Record<IdentityOutput, boolean>;
}

export function identitySettings(context: IExecuteFunctions): IdentitySettings {
	const fields = Object.fromEntries(FIELDS.map((name) => [name, getFieldName(context, `recordFields.${PARAMETERS[name]}`, DEFAULTS[name])])) as Record<IdentityField, string>;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		fields,
		idFields: commaList(getFieldName(context, 'recordFields.extraIdFields', '', true)),
		customerIdField: String(options.customerIdField ?? 'customerId').trim() || 'customerId',
		explanationField: String(options.explanationField ?? 'identity').trim() || 'identity',
		householdIdField: String(options.householdIdField ?? 'householdId').trim() || 'householdId',
		explanations: options.explanations === 'compact' || options.explanations === 'none' ? options.explanations : 'full',
		fill: outputsToFill(context.getNodeParameter('fillOutputs', 0, [...OUTPUTS])),
	};
}

function outputsToFill(value: unknown): Record<IdentityOutput, boolean> {
	const chosen = new Set(Array.isArray(value) ? value.map(String) : [...OUTPUTS]);
	return Object.fromEntries(OUTPUTS.map((name) => [name, chosen.has(name)])) as Record<IdentityOutput, boolean>;
}

/** One entry of a previous identity map, from a reader of its fields; undefined when it lacks the record key or the customer ID. */
/** The fields of a previous identity map entry that previousEntry reads. */
export const PREVIOUS_MAP_FIELDS = ['recordKey', 'customerId', 'firstSeen', 'householdId', 'householdFirstSeen'];

export function previousEntry(read: (field: string) => unknown): PreviousMapEntry | undefined {
	const recordKey = asKey(read('recordKey'));
	const customerId = asKey(read('customerId'));
	if (recordKey === undefined || customerId === undefined) return undefined;
	const firstSeen = asKey(read('firstSeen'));
	const householdId = asKey(read('householdId'));
	const householdFirstSeen = asKey(read('householdFirstSeen'));
	return {
		recordKey,
		customerId,
		...(firstSeen ? { firstSeen } : {}),
		...(householdId ? { householdId } : {}),
		...(householdFirstSeen ? { householdFirstSeen } : {}),
	};
}

export function resolveOptionsOf(context: IExecuteFunctions, previousMap: PreviousMapEntry[]): ResolveOptions {
	const node = context.getNode();
	const guard = context.getNodeParameter('guardrails', 0, {}) as IDataObject;
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const maxValuesPerProfile: Record<string, number> = {};
	if (Number(guard.maxEmails) > 0) maxValuesPerProfile.email = Number(guard.maxEmails);
	if (Number(guard.maxPhones) > 0) maxValuesPerProfile.phone = Number(guard.maxPhones);
	const blocked = commaList(guard.blockedValues);
	const patterns = commaList(guard.blockedPatterns);
	for (const pattern of patterns) {
		try {
			new RegExp(pattern);
		} catch {
			throw new NodeOperationError(node, 'A blocked pattern is not a valid regular expression', { description: 'Check the "Blocked Patterns" guardrail.' });
		}
	}
	const resolveOptions: ResolveOptions = {
		mode: context.getNodeParameter('mode', 0) as 'deterministic' | 'probabilistic',
		households: context.getNodeParameter('households', 0, 'addressSurname') as HouseholdMatching,
		threshold: context.getNodeParameter('threshold', 0, 0.9) as number,
		rules: identifierRules(context.getNodeParameter('rules', 0, '')),
		previousMap,
		runAt: new Date().toISOString(),
		idPrefix: String(options.idPrefix ?? 'cus_'),
		defaultRegion: (String(options.defaultRegion ?? '').trim().toUpperCase() || undefined) as CountryCode | undefined,
		dateOrder: options.dateOrder === 'MDY' ? 'MDY' : 'DMY',
		golden: { strategy: (options.strategy as SurvivorshipStrategy) ?? 'mostRecent', sourcePriority: commaList(options.sourcePriority) },
		guardrails: {
			blockedValues: blocked.length > 0 ? { '*': blocked, email: blocked, phone: blocked } : undefined,
			blockedPatterns: patterns.length > 0 ? { '*': patterns, email: patterns, phone: patterns } : undefined,
			allowRoleEmails: guard.allowRoleEmails === true,
			maxNamesPerValue: guard.maxNamesPerValue === undefined ? undefined : Number(guard.maxNamesPerValue),
			maxValuesPerProfile,
			uniqueSources: commaList(guard.uniqueSources),
			maxClusterSize: guard.maxClusterSize === undefined ? undefined : Number(guard.maxClusterSize),
		},
	};
	return resolveOptions;
}

/**
 * The Identifier Rules parameter as lib/identity reads it. The editor writes the extra-identifier
 * prefix as `ID:` (n8n's parameter style); lib/identity's is `id:`: both are accepted.
 */
function identifierRules(value: unknown): string[] | undefined {
	const rules = commaList(value).map((rule) => rule.replace(/(^|\+)\s*ID:/g, '$1id:'));
	return rules.length > 0 ? rules : undefined;
}

/**
 * The Explanation Field's value under the Explanations option: Full, the link with every weighted
 * comparison and the flags (objects); Compact, one line of text saying the same without the
 * comparisons ("rule email, linked to esp:8842", "probabilistic 0.99982, linked to crm:1002",
 * "not linked: no usable identifier", then "; flagged: email placeholder value" when flagged; the
 * probability rounded down to 6 decimals, so it never reads as reaching a threshold it missed): one
 * value per item instead of several objects, what n8n's execution saving pays for; None, no field.
 */
export function explanationValue(r: ResolvedRecord, detail: ExplanationDetail): IDataObject | string | undefined {
	if (detail === 'none') return undefined;
	if (detail === 'full') return { explanation: r.explanation, flags: r.flags } as unknown as IDataObject;
	const e = r.explanation;
	const link = e.type === 'rule' ? `rule ${e.rule}, linked to ${e.linkedTo}` : e.type === 'probabilistic' ? `probabilistic ${Math.floor(e.probability * 1e6) / 1e6}, linked to ${e.linkedTo}` : `not linked: ${e.reason}`;
	return r.flags.length > 0 ? `${link}; flagged: ${r.flags.map((f) => (f.field === '*' ? f.reason : `${f.field} ${f.reason}`)).join(', ')}` : link;
}

/** The fields a resolved record gains: customer ID, household ID, explanation and flags (one copy of the input's JSON). */
export function recordJson(json: IDataObject, r: ResolvedRecord, settings: IdentitySettings): IDataObject {
	const out = withField(json, settings.customerIdField, r.customerId);
	if (r.householdId !== undefined) setField(out, settings.householdIdField, r.householdId);
	const explanation = explanationValue(r, settings.explanations);
	if (explanation !== undefined) setField(out, settings.explanationField, explanation);
	return out;
}

export interface RelatedIds {
	mergedInto: Map<string, string[]>;
	splitInto: Map<string, string[]>;
	splitFrom: Map<string, string>;
	householdMergedInto: Map<string, string[]>;
	householdSplitInto: Map<string, string[]>;
	householdSplitFrom: Map<string, string>;
}

export function relatedIds(result: Pick<ResolveResult, 'merges' | 'splits' | 'householdMerges' | 'householdSplits'>): RelatedIds {
	return {
		mergedInto: new Map(result.merges.map((m) => [m.customerId, m.merged])),
		// A split keeps the ID on the larger part; each part names the other side.
		splitInto: new Map(result.splits.map((s) => [s.customerId, s.splitInto])),
		splitFrom: new Map(result.splits.flatMap((s) => s.splitInto.map((part) => [part, s.customerId] as const))),
		householdMergedInto: new Map(result.householdMerges.map((m) => [m.householdId, m.merged])),
		householdSplitInto: new Map(result.householdSplits.map((m) => [m.householdId, m.splitInto])),
		householdSplitFrom: new Map(result.householdSplits.flatMap((m) => m.splitInto.map((part) => [part, m.householdId] as const))),
	};
}

export function profileJson(profile: GoldenProfile, related: RelatedIds): IDataObject {
	const { mergedInto, splitInto, splitFrom } = related;
	return {
		customerId: profile.customerId,
		...(profile.householdId !== undefined ? { householdId: profile.householdId } : {}),
		records: profile.recordKeys.length,
		recordKeys: profile.recordKeys,
		sources: profile.sources,
		...profile.attributes,
		conflicts: profile.conflicts,
		...(mergedInto.has(profile.customerId) ? { mergedCustomerIds: mergedInto.get(profile.customerId) } : {}),
		...(splitInto.has(profile.customerId) ? { splitIntoCustomerIds: splitInto.get(profile.customerId) } : {}),
		...(splitFrom.has(profile.customerId) ? { splitFromCustomerId: splitFrom.get(profile.customerId) } : {}),
	} as IDataObject;
}

export function householdJson(household: Household, related: RelatedIds): IDataObject {
	const { householdMergedInto, householdSplitInto, householdSplitFrom } = related;
	return {
		...household,
		...(householdMergedInto.has(household.householdId) ? { mergedHouseholdIds: householdMergedInto.get(household.householdId) } : {}),
		...(householdSplitInto.has(household.householdId) ? { splitIntoHouseholdIds: householdSplitInto.get(household.householdId) } : {}),
		...(householdSplitFrom.has(household.householdId) ? { splitFromHouseholdId: householdSplitFrom.get(household.householdId) } : {}),
	} as unknown as IDataObject;
}

export function statsHint(result: Pick<ResolveResult, 'stats' | 'merges' | 'splits'>): string {
	const s = result.stats;
	return `${s.records} records -> ${s.clusters} customers${s.households > 0 ? ` in ${s.households} households` : ''} (${s.newIds} new IDs, ${result.merges.length} merges, ${result.splits.length} splits); ${s.deterministicLinks} rule links, ${s.probabilisticLinks} probabilistic links; guardrails refused ${s.rejectedLinks.size + s.rejectedLinks.source + s.rejectedLinks.valueCap + s.rejectedLinks.chaining} links and ${Object.values(s.sharedValues).reduce((a, b) => a + b, 0)} shared values`;
}
