import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { resolveIdentity, type HouseholdMatching, type IdentityInput, type PreviousMapEntry, type ResolveOptions, type SurvivorshipStrategy } from '../../lib/identity';
import type { CountryCode } from '../../lib/records';
import { asKey, errorItem, fieldError, fieldProblem, getFieldName, readField, withField } from '../shared';
import { resolveIdentityProperties } from './properties';

const FIELDS = [
	'recordKey', 'source', 'email', 'phone', 'firstName', 'lastName', 'fullName', 'suffix', 'dob', 'street', 'city', 'postcode', 'state', 'country', 'updatedAt',
] as const;
/** The Record Fields parameter naming each one's item field. */
const PARAMETERS: Record<(typeof FIELDS)[number], string> = {
	recordKey: 'recordKeyField', source: 'sourceField', email: 'emailField', phone: 'phoneField', firstName: 'firstNameField', lastName: 'lastNameField',
	fullName: 'fullNameField', suffix: 'suffixField', dob: 'dateOfBirthField', street: 'addressField', city: 'cityField', postcode: 'postcodeField', state: 'stateField',
	country: 'countryField', updatedAt: 'updatedAtField',
};
const DEFAULTS: Record<(typeof FIELDS)[number], string> = {
	recordKey: 'id', source: 'source', email: 'email', phone: 'phone', firstName: 'firstName', lastName: 'lastName', fullName: 'name', suffix: 'suffix',
	dob: 'dateOfBirth', street: 'address', city: 'city', postcode: 'postcode', state: 'state', country: 'country', updatedAt: 'updatedAt',
};

function list(text: unknown): string[] {
	return String(text ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

export class ResolveIdentity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Resolve Identity',
		name: 'resolveIdentity',
		icon: { light: 'file:resolveIdentity.svg', dark: 'file:resolveIdentity.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "deterministic" ? "Rules only" : "Rules + probabilistic"}}',
		description: 'Give every person one persistent customer ID across CRM, ESP, sign-ups and orders, with the reason for every link',
		defaults: { name: 'Resolve Identity' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Records' },
			{ type: NodeConnectionTypes.Main, displayName: 'Previous Identity Map' },
		],
		requiredInputs: 0,
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Records' },
			{ type: NodeConnectionTypes.Main, displayName: 'Golden Profiles' },
			{ type: NodeConnectionTypes.Main, displayName: 'Identity Map' },
			{ type: NodeConnectionTypes.Main, displayName: 'Households' },
		],
		properties: resolveIdentityProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const node = this.getNode();
		const items = this.getInputData(0);
		let previousItems: INodeExecutionData[] = [];
		try {
			previousItems = this.getInputData(1);
		} catch {
			previousItems = [];
		}
		const fields = Object.fromEntries(FIELDS.map((name) => [name, getFieldName(this, `recordFields.${PARAMETERS[name]}`, DEFAULTS[name])])) as Record<
			(typeof FIELDS)[number],
			string
		>;
		const idFields = list(getFieldName(this, 'recordFields.extraIdFields', '', true));
		const guard = this.getNodeParameter('guardrails', 0, {}) as IDataObject;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const customerIdField = String(options.customerIdField ?? 'customerId').trim() || 'customerId';
		const explanationField = String(options.explanationField ?? 'identity').trim() || 'identity';
		const householdIdField = String(options.householdIdField ?? 'householdId').trim() || 'householdId';
		const outputs: INodeExecutionData[][] = [[], [], [], []];
		// Records come out in input order, error items in place.
		const recordOut: Array<INodeExecutionData | undefined> = new Array(items.length);

		const records: IdentityInput[] = [];
		const recordItems: number[] = [];
		const firstIndex = new Map<string, number>();
		const duplicates: string[] = [];
		for (let i = 0; i < items.length; i++) {
			const json = items[i].json;
			const value = readField(json, fields.recordKey);
			const key = asKey(value);
			if (key === undefined) {
				const problem = fieldProblem(fields.recordKey, 'a non-empty record key (text or number)', value);
				const error = fieldError(node, i, problem);
				if (!this.continueOnFail()) throw error;
				recordOut[i] = errorItem(node, items[i], i, error, problem);
				continue;
			}
			if (firstIndex.has(key)) {
				duplicates.push(key);
				if (this.continueOnFail()) {
					const problem = { field: fields.recordKey, expected: 'a record key not used by an earlier item', received: 'a duplicate key' };
					const error = new NodeOperationError(node, `Item ${i}: record key "${key}" is also used by item ${firstIndex.get(key)}`, { itemIndex: i });
					recordOut[i] = errorItem(node, items[i], i, error, problem);
				}
				continue;
			}
			firstIndex.set(key, i);
			const read = (name: (typeof FIELDS)[number]): unknown => readField(json, fields[name]);
			const ids: Record<string, unknown> = {};
			for (const f of idFields) ids[f] = readField(json, f);
			records.push({
				key,
				source: asKey(read('source')),
				email: read('email'),
				phone: read('phone'),
				firstName: read('firstName'),
				lastName: read('lastName'),
				fullName: read('fullName'),
				suffix: read('suffix'),
				dob: read('dob'),
				street: read('street'),
				city: read('city'),
				postcode: read('postcode'),
				state: read('state'),
				country: read('country'),
				updatedAt: read('updatedAt'),
				ids: idFields.length > 0 ? ids : undefined,
			});
			recordItems.push(i);
		}
		if (duplicates.length > 0 && !this.continueOnFail()) {
			const names = [...new Set(duplicates)];
			throw new NodeOperationError(node, `Duplicate record keys in field "${fields.recordKey}": ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`, {
				description: 'Every record needs its own key (e.g. prefix it with its source: "crm:123"). Remove or rename the duplicates.',
			});
		}

		const previousMap: PreviousMapEntry[] = [];
		for (const item of previousItems) {
			const recordKey = asKey(readField(item.json, 'recordKey'));
			const customerId = asKey(readField(item.json, 'customerId'));
			if (recordKey === undefined || customerId === undefined) continue;
			const firstSeen = asKey(readField(item.json, 'firstSeen'));
			const householdId = asKey(readField(item.json, 'householdId'));
			const householdFirstSeen = asKey(readField(item.json, 'householdFirstSeen'));
			previousMap.push({
				recordKey,
				customerId,
				...(firstSeen ? { firstSeen } : {}),
				...(householdId ? { householdId } : {}),
				...(householdFirstSeen ? { householdFirstSeen } : {}),
			});
		}

		const maxValuesPerProfile: Record<string, number> = {};
		if (Number(guard.maxEmails) > 0) maxValuesPerProfile.email = Number(guard.maxEmails);
		if (Number(guard.maxPhones) > 0) maxValuesPerProfile.phone = Number(guard.maxPhones);
		const blocked = list(guard.blockedValues);
		const patterns = list(guard.blockedPatterns);
		for (const pattern of patterns) {
			try {
				new RegExp(pattern);
			} catch {
				throw new NodeOperationError(node, 'A blocked pattern is not a valid regular expression', { description: 'Check the "Blocked Patterns" guardrail.' });
			}
		}
		const resolveOptions: ResolveOptions = {
			mode: this.getNodeParameter('mode', 0) as 'deterministic' | 'probabilistic',
			households: this.getNodeParameter('households', 0, 'addressSurname') as HouseholdMatching,
			threshold: this.getNodeParameter('threshold', 0, 0.9) as number,
			rules: identifierRules(this.getNodeParameter('rules', 0, '')),
			previousMap,
			runAt: new Date().toISOString(),
			idPrefix: String(options.idPrefix ?? 'cus_'),
			defaultRegion: (String(options.defaultRegion ?? '').trim().toUpperCase() || undefined) as CountryCode | undefined,
			dateOrder: options.dateOrder === 'MDY' ? 'MDY' : 'DMY',
			golden: { strategy: (options.strategy as SurvivorshipStrategy) ?? 'mostRecent', sourcePriority: list(options.sourcePriority) },
			guardrails: {
				blockedValues: blocked.length > 0 ? { '*': blocked, email: blocked, phone: blocked } : undefined,
				blockedPatterns: patterns.length > 0 ? { '*': patterns, email: patterns, phone: patterns } : undefined,
				allowRoleEmails: guard.allowRoleEmails === true,
				maxNamesPerValue: guard.maxNamesPerValue === undefined ? undefined : Number(guard.maxNamesPerValue),
				maxValuesPerProfile,
				uniqueSources: list(guard.uniqueSources),
				maxClusterSize: guard.maxClusterSize === undefined ? undefined : Number(guard.maxClusterSize),
			},
		};
		let result;
		try {
			result = resolveIdentity(records, resolveOptions);
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { description: 'Check the "Identifier Rules" parameter.' });
		}

		const itemsOf = new Map<string, number[]>();
		result.records.forEach((r, x) => {
			const itemIndex = recordItems[x];
			const item = items[itemIndex];
			const list = itemsOf.get(r.customerId) ?? [];
			list.push(itemIndex);
			itemsOf.set(r.customerId, list);
			let json = withField(item.json, customerIdField, r.customerId);
			if (r.householdId !== undefined) json = withField(json, householdIdField, r.householdId);
			recordOut[itemIndex] = {
				json: withField(json, explanationField, { explanation: r.explanation, flags: r.flags } as unknown as IDataObject),
				...(item.binary ? { binary: item.binary } : {}),
				pairedItem: { item: itemIndex },
			};
		});
		for (const item of recordOut) if (item) outputs[0].push(item);
		const mergedInto = new Map(result.merges.map((m) => [m.customerId, m.merged]));
		// A split keeps the ID on the larger part; each part names the other side.
		const splitInto = new Map(result.splits.map((s) => [s.customerId, s.splitInto]));
		const splitFrom = new Map(result.splits.flatMap((s) => s.splitInto.map((part) => [part, s.customerId] as const)));
		for (const profile of result.profiles) {
			outputs[1].push({
				json: {
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
				} as IDataObject,
				pairedItem: (itemsOf.get(profile.customerId) ?? []).map((item) => ({ item })),
			});
		}
		result.map.forEach((entry, x) => {
			outputs[2].push({ json: { ...entry } as unknown as IDataObject, pairedItem: { item: recordItems[x] } });
		});
		const householdMergedInto = new Map(result.householdMerges.map((m) => [m.householdId, m.merged]));
		const householdSplitInto = new Map(result.householdSplits.map((m) => [m.householdId, m.splitInto]));
		const householdSplitFrom = new Map(result.householdSplits.flatMap((m) => m.splitInto.map((part) => [part, m.householdId] as const)));
		for (const household of result.households) {
			outputs[3].push({
				json: {
					...household,
					...(householdMergedInto.has(household.householdId) ? { mergedHouseholdIds: householdMergedInto.get(household.householdId) } : {}),
					...(householdSplitInto.has(household.householdId) ? { splitIntoHouseholdIds: householdSplitInto.get(household.householdId) } : {}),
					...(householdSplitFrom.has(household.householdId) ? { splitFromHouseholdId: householdSplitFrom.get(household.householdId) } : {}),
				} as unknown as IDataObject,
				pairedItem: household.customerIds
					.flatMap((id) => itemsOf.get(id) ?? [])
					.sort((a, b) => a - b)
					.map((item) => ({ item })),
			});
		}
		const s = result.stats;
		this.addExecutionHints({
			message: `${s.records} records -> ${s.clusters} customers${s.households > 0 ? ` in ${s.households} households` : ''} (${s.newIds} new IDs, ${result.merges.length} merges, ${result.splits.length} splits); ${s.deterministicLinks} rule links, ${s.probabilisticLinks} probabilistic links; guardrails refused ${s.rejectedLinks.size + s.rejectedLinks.source + s.rejectedLinks.valueCap + s.rejectedLinks.chaining} links and ${Object.values(s.sharedValues).reduce((a, b) => a + b, 0)} shared values`,
			type: 'info',
			location: 'outputPane',
		});
		return outputs;
	}
}

/**
 * The Identifier Rules parameter as lib/identity reads it. The editor writes the extra-identifier
 * prefix as `ID:` (n8n's parameter style); lib/identity's is `id:`: both are accepted.
 */
function identifierRules(value: unknown): string[] | undefined {
	const rules = list(value).map((rule) => rule.replace(/(^|\+)\s*ID:/g, '$1id:'));
	return rules.length > 0 ? rules : undefined;
}
