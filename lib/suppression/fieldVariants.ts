// One piece of information under two spellings of its field name: an export that holds both
// `consent` and `Consent` (a CRM column beside an ESP column, a BOM glued to a CSV header, a merge of
// two systems' rows). Reading only the mapped spelling would silently take one of two answers; when
// the other spelling says something different, the person is held back naming both fields.
import { isMissingValue, normalizeEmail, readConsent, readKey } from '../records';
import { readBounceOrComplaint } from './decide';
import type { AudienceMember, Decision, SuppressionRecord } from './types';

/** A field name with case, spaces, dashes, underscores, a BOM and zero-width characters ignored. */
export function foldFieldName(name: string): string {
	return name.toLowerCase().replace(/[\s_\-\u200b-\u200d\u2060\ufeff]+/g, '');
}

/** A mapped field and another field of the record whose name differs only in spelling. */
export interface FieldVariant {
	name: keyof AudienceMember;
	field: string;
	variant: string;
}

/** Whether two values of one piece of information say the same (the variant given, not missing). */
function agree(name: keyof AudienceMember, mapped: unknown, variant: unknown): boolean {
	if (isMissingValue(mapped)) return false;
	if (name === 'consent') return readConsent(mapped) === readConsent(variant);
	if (name === 'bounced' || name === 'complained') return readBounceOrComplaint(mapped) === readBounceOrComplaint(variant);
	if (name === 'customerId') return readKey(mapped) === readKey(variant);
	if (name === 'email') {
		const [a, b] = [normalizeEmail(mapped).normalized, normalizeEmail(variant).normalized];
		if (a !== null && b !== null) return a === b;
	}
	if (name === 'phone') {
		// The same digits, one perhaps without the country code.
		const [a, b] = [String(mapped).replace(/\D/g, ''), String(variant).replace(/\D/g, '')];
		if (a.length >= 7 && b.length >= 7) return a.endsWith(b) || b.endsWith(a);
	}
	const loose = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : JSON.stringify(value));
	return loose(mapped) === loose(variant);
}

/** Finds other spellings of the mapped audience fields among a record's field names. */
export class FieldVariants {
	private readonly byFold = new Map<string, Array<{ name: keyof AudienceMember; field: string }>>();
	private readonly folded = new Map<string, string>();

	constructor(fields: Partial<Record<keyof AudienceMember, string>>) {
		for (const [name, field] of Object.entries(fields) as Array<[keyof AudienceMember, string]>) {
			if (!field) continue;
			const fold = foldFieldName(field);
			const list = this.byFold.get(fold) ?? [];
			list.push({ name, field });
			this.byFold.set(fold, list);
		}
	}

	/** The (mapped field, other spelling) pairs among these field names. */
	variants(names: Iterable<string>): FieldVariant[] {
		const out: FieldVariant[] = [];
		for (const key of names) {
			let fold = this.folded.get(key);
			if (fold === undefined) {
				fold = foldFieldName(key);
				if (this.folded.size < 10_000) this.folded.set(key, fold);
			}
			const mapped = this.byFold.get(fold);
			if (mapped) for (const { name, field } of mapped) if (field !== key) out.push({ name, field, variant: key });
		}
		return out;
	}

	/**
	 * The decision with a `conflicting_fields` reason for each variant whose value is given and says
	 * something other than the mapped field (a missing mapped value counts as different): the person
	 * is held back rather than judged on one of two answers.
	 */
	static apply(decision: Decision, variants: readonly FieldVariant[], member: AudienceMember, read: (field: string) => unknown): Decision {
		let reasons = decision.reasons;
		for (const { name, field, variant } of variants) {
			const other = read(variant);
			if (isMissingValue(other) || agree(name, member[name], other)) continue;
			if (reasons === decision.reasons) reasons = [...reasons];
			reasons.push({
				code: 'conflicting_fields',
				detail: `The fields "${field}" and "${variant}" both hold the ${name} and say different things: held back (map the right one, or merge them upstream)`,
			});
		}
		return reasons === decision.reasons ? decision : { ...decision, eligible: false, reasons };
	}
}

/** The fields of a suppression list entry (SuppressionRecord) a node maps. */
export type ListField = 'email' | 'phone' | 'customerId' | 'sha256' | 'scope' | 'expiresAt' | 'reason';

const LIST_IDENTIFIERS: readonly ListField[] = ['email', 'phone', 'customerId', 'sha256'];

/**
 * Reads suppression list entries whose columns are spelled otherwise than mapped: a header with a
 * BOM or zero-width characters, another case, spaces, dashes or underscores (`\uFEFFemail`, `Email`,
 * `e_mail` for `email`; foldFieldName). An identifier found under several spellings applies under
 * each (an entry holds everyone any of them names); scope, expiry and reason take the mapped field,
 * else the first other spelling. An entry with no identifier under any spelling (`Email Address`)
 * carries its other values (`otherValues`), so the addresses they name still apply while the entry is
 * reported; a list where no entry has one is a mapping mistake the node stops on.
 */
export class ListFieldVariants {
	private readonly folded = new Map<string, string>();
	private readonly accepts: Array<[ListField, string]>;

	constructor(private readonly mapped: Readonly<Record<ListField, string>>) {
		this.accepts = (Object.keys(mapped) as ListField[]).map((name) => [name, foldFieldName(mapped[name])]);
	}

	private fold(key: string): string {
		let fold = this.folded.get(key);
		if (fold === undefined) {
			fold = foldFieldName(key);
			if (this.folded.size < 10_000) this.folded.set(key, fold);
		}
		return fold;
	}

	/** For each list field, the names among `keys` (field names or a file's header) other than the mapped one that hold it. */
	variants(keys: Iterable<string>): Partial<Record<ListField, string[]>> {
		const out: Partial<Record<ListField, string[]>> = {};
		for (const key of keys) {
			const fold = this.fold(key);
			for (const [name, mappedFold] of this.accepts) {
				if (key === this.mapped[name] || mappedFold !== fold) continue;
				(out[name] ??= []).push(key);
			}
		}
		return out;
	}

	/**
	 * One entry: `read(field)` reads a field (the mapped one may be a dot path), `variants` from
	 * variants(). Identifier values under every name, scope/expiry/reason from the mapped field first.
	 */
	static record(
		mapped: Readonly<Record<ListField, string>>,
		variants: Partial<Record<ListField, string[]>>,
		read: (field: string) => unknown,
		keys?: readonly string[],
	): Record<ListField, unknown> & Pick<SuppressionRecord, 'otherValues'> {
		const record = {} as Record<ListField, unknown> & Pick<SuppressionRecord, 'otherValues'>;
		for (const name of Object.keys(mapped) as ListField[]) {
			const value = read(mapped[name]);
			const others = variants[name];
			if (others === undefined) record[name] = value;
			else if (LIST_IDENTIFIERS.includes(name)) {
				const values: unknown[] = [];
				for (const one of [value, ...others.map(read)]) {
					if (isMissingValue(one)) continue;
					if (Array.isArray(one)) values.push(...one);
					else values.push(one);
				}
				record[name] = values.length === 0 ? value : values.length === 1 ? values[0] : values;
			} else record[name] = isMissingValue(value) ? (others.map(read).find((one) => !isMissingValue(one)) ?? value) : value;
		}
		// No identifier under any of its names: the entry's other fields, so it still holds whoever they name.
		if (keys && LIST_IDENTIFIERS.every((name) => isMissingValue(record[name]) || (Array.isArray(record[name]) && (record[name] as unknown[]).length === 0))) {
			const used = new Set(Object.values(mapped));
			record.otherValues = keys.filter((key) => !used.has(key)).map(read);
		}
		return record;
	}
}
