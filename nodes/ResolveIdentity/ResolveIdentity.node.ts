import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { resolveIdentityParts, type IdentityInput, type PreviousMapEntry, type ResolveParts } from '../../lib/identity';
import { asKey, errorItem, fieldError, fieldProblem, isFileInput, readField, withField } from '../shared';
import { resolveIdentityFile } from './fileMode';
import { generateIdentitySql } from './generateSql';
import { resolveIdentityProperties } from './properties';
import { householdJson, identitySettings, previousEntry, profileJson, recordJson, relatedIds, resolveOptionsOf, statsHint, type IdentityField } from './results';

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
		if (this.getNodeParameter('operation', 0, 'resolve') === 'generateSql') return generateIdentitySql.call(this);
		const node = this.getNode();
		const items = this.getInputData(0);
		let previousItems: INodeExecutionData[] = [];
		try {
			previousItems = this.getInputData(1);
		} catch {
			previousItems = [];
		}
		const settings = identitySettings(this);
		if (isFileInput(this)) return await resolveIdentityFile(this, settings);
		const { fields, idFields } = settings;
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
			const read = (name: IdentityField): unknown => readField(json, fields[name]);
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
			const entry = previousEntry((field) => readField(item.json, field));
			if (entry) previousMap.push(entry);
		}

		const resolveOptions = resolveOptionsOf(this, previousMap);
		let result: ResolveParts;
		try {
			// Each result is built as its item is, never held a second time as an array.
			result = resolveIdentityParts(records, resolveOptions);
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { description: 'Check the "Identifier Rules" parameter.' });
		}

		// Output Fields = Only New: a Records item holds the record key and the new fields, not a copy of its input.
		const onlyNew = this.getNodeParameter('outputFields', 0, 'all') === 'onlyNew';
		const { fill } = settings;
		// Golden Profiles and Households pair with the items of their customers' records.
		const byCustomer = fill.profiles || fill.households;
		const itemsOf = new Map<string, number[]>();
		if (fill.records || byCustomer) {
			for (let x = 0; x < result.recordCount; x++) {
				const r = result.record(x);
				const itemIndex = recordItems[x];
				if (byCustomer) {
					const list = itemsOf.get(r.customerId);
					if (list) list.push(itemIndex);
					else itemsOf.set(r.customerId, [itemIndex]);
				}
				if (!fill.records) continue;
				const item = items[itemIndex];
				recordOut[itemIndex] = {
					json: recordJson(onlyNew ? withField({}, fields.recordKey, readField(item.json, fields.recordKey)) : item.json, r, settings),
					...(item.binary && !onlyNew ? { binary: item.binary } : {}),
					pairedItem: { item: itemIndex },
				};
			}
		}
		// Error items (Continue On Fail) come out on Records in place, whichever outputs are filled.
		for (const item of recordOut) if (item) outputs[0].push(item);
		const related = relatedIds(result);
		if (fill.profiles) {
			for (let k = 0; k < result.profileCount; k++) {
				const profile = result.profile(k);
				outputs[1].push({ json: profileJson(profile, related), pairedItem: (itemsOf.get(profile.customerId) ?? []).map((item) => ({ item })) });
			}
		}
		if (fill.map) {
			for (let x = 0; x < result.recordCount; x++) {
				outputs[2].push({ json: result.mapEntry(x) as unknown as IDataObject, pairedItem: { item: recordItems[x] } });
			}
		}
		if (fill.households) {
			for (const household of result.households) {
				outputs[3].push({
					json: householdJson(household, related),
					pairedItem: household.customerIds
						.flatMap((id) => itemsOf.get(id) ?? [])
						.sort((a, b) => a - b)
						.map((item) => ({ item })),
				});
			}
		}
		this.addExecutionHints({ message: statsHint(result), type: 'info', location: 'outputPane' });
		return outputs;
	}
}
