import { isSha256Hex, normalizeEmail, normalizePhone, toEpochMs, withoutPlusTag, type CountryCode } from '../records';
import { KeyTable } from './keyTable';
import type { SuppressionRecord } from './types';

/** What made an entry unusable: the field and what was expected. */
export interface EntryProblem {
	entry: number;
	field: keyof SuppressionRecord;
	expected: string;
}

export interface IndexedEntry {
	scope: string;
	expiresAt: number | null;
	reason?: string;
}

const GLOBAL_ENTRY: IndexedEntry = Object.freeze({ scope: 'global', expiresAt: null });

export type IdentifierKind = 'email' | 'phone' | 'customerId' | 'sha256';

/**
 * Suppression entries by identifier: the mailbox without +tag, the E.164 phone, the customer ID,
 * the lowercase SHA-256. One table per kind, keyed by the value itself: building prefixed keys cost
 * more than the lookups (measured in bench/suppression.ts). A key may hold several entries
 * (different scopes or expiries).
 */
export class SuppressionIndex {
	readonly entries: IndexedEntry[] = [];
	readonly problems: EntryProblem[] = [];
	hasHashes = false;
	private readonly tables: Record<IdentifierKind, KeyTable> = {
		email: new KeyTable(),
		phone: new KeyTable(),
		customerId: new KeyTable(),
		sha256: new KeyTable(),
	};

	lookup(kind: IdentifierKind, key: string): number | number[] | undefined {
		const table = this.tables[kind];
		return table.size === 0 ? undefined : table.get(key);
	}

	add(kind: IdentifierKind, key: string, entry: number): void {
		this.tables[kind].add(key, entry);
	}

	get size(): number {
		return this.tables.email.size + this.tables.phone.size + this.tables.customerId.size + this.tables.sha256.size;
	}
}

function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/**
 * Builds the index. An entry whose identifier cannot be normalized, or with no identifier, or an
 * expiry that is not a date, is reported in `problems`: the caller must not send while the list
 * it meant to honour is incomplete.
 */
export function buildSuppressionIndex(records: Iterable<SuppressionRecord>, defaultRegion?: string): SuppressionIndex {
	const index = new SuppressionIndex();
	let entry = 0;
	for (const record of records) {
		const position = entry++;
		let expiresAt: number | null = null;
		if (record.expiresAt !== undefined && (text(record.expiresAt) !== '' || record.expiresAt instanceof Date)) {
			expiresAt = toEpochMs(record.expiresAt);
			if (expiresAt === null) {
				index.problems.push({ entry: position, field: 'expiresAt', expected: 'a date (ISO 8601) or epoch milliseconds' });
				index.entries.push({ scope: 'global', expiresAt: null });
				continue;
			}
		}
		const scope = record.scope === undefined ? 'global' : text(record.scope).toLowerCase() || 'global';
		const reason = record.reason === undefined ? undefined : text(record.reason) || undefined;
		// Most entries are plain global ones: share one object for them (a million entries add up).
		index.entries.push(scope === 'global' && expiresAt === null && reason === undefined ? GLOBAL_ENTRY : { scope, expiresAt, reason });
		let keys = 0;
		const email = record.email === undefined ? '' : text(record.email);
		if (email) {
			const normalized = normalizeEmail(email);
			if (!normalized.normalized) {
				index.problems.push({ entry: position, field: 'email', expected: 'an email address' });
				continue;
			}
			index.add('email', withoutPlusTag(normalized.normalized), position);
			keys++;
		}
		const phone = record.phone === undefined ? '' : text(record.phone);
		if (phone) {
			const normalized = normalizePhone(phone, defaultRegion as CountryCode | undefined);
			if (!normalized.e164) {
				index.problems.push({ entry: position, field: 'phone', expected: 'a phone number with country code (or set a default region)' });
				continue;
			}
			index.add('phone', normalized.e164, position);
			keys++;
		}
		const customerId = record.customerId === undefined ? '' : text(record.customerId);
		if (customerId) {
			index.add('customerId', customerId, position);
			keys++;
		}
		const hash = record.sha256 === undefined ? '' : text(record.sha256);
		if (hash) {
			if (!isSha256Hex(hash)) {
				index.problems.push({ entry: position, field: 'sha256', expected: 'a 64-character hex SHA-256 digest' });
				continue;
			}
			index.add('sha256', hash.toLowerCase(), position);
			index.hasHashes = true;
			keys++;
		}
		if (keys === 0) index.problems.push({ entry: position, field: 'email', expected: 'at least one identifier (email, phone, customer ID or SHA-256 hash)' });
	}
	return index;
}
