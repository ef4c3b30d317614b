// The columnar entry point of identity resolution: records given as one array per field (what a
// file read into columns gives) instead of one object per record. Each record is read through a
// small view over the columns when the normalize stage reaches it, never all held as objects.
import type { IdentityInput } from './types';
import { inInputOrder, resolveIdentityParts, resultOf, type ResolveOptions, type ResolveParts, type ResolveResult } from './resolve';

export const IDENTITY_COLUMN_FIELDS = ['source', 'email', 'phone', 'firstName', 'lastName', 'fullName', 'suffix', 'dob', 'street', 'city', 'postcode', 'state', 'country', 'updatedAt'] as const;
export type IdentityColumnField = (typeof IDENTITY_COLUMN_FIELDS)[number];

export type IdentityColumns = {
	/** One non-empty, distinct key per record: its length is the record count. */
	key: ArrayLike<string>;
	/** Other exact identifiers (customer ID, loyalty number): name -> values. */
	ids?: Record<string, ArrayLike<unknown>>;
} & { [F in IdentityColumnField]?: ArrayLike<unknown> };

/** Record `row` of the columns, read field by field on access (the shape IdentityInput describes). */
class RecordView {
	constructor(
		private readonly columns: IdentityColumns,
		private readonly row: number,
	) {}
	get key(): string {
		return this.columns.key[this.row];
	}
	get source(): string | undefined {
		const value = this.columns.source?.[this.row];
		return value === undefined || value === null || value === '' ? undefined : String(value);
	}
	get email(): unknown {
		return this.columns.email?.[this.row];
	}
	get phone(): unknown {
		return this.columns.phone?.[this.row];
	}
	get firstName(): unknown {
		return this.columns.firstName?.[this.row];
	}
	get lastName(): unknown {
		return this.columns.lastName?.[this.row];
	}
	get fullName(): unknown {
		return this.columns.fullName?.[this.row];
	}
	get suffix(): unknown {
		return this.columns.suffix?.[this.row];
	}
	get dob(): unknown {
		return this.columns.dob?.[this.row];
	}
	get street(): unknown {
		return this.columns.street?.[this.row];
	}
	get city(): unknown {
		return this.columns.city?.[this.row];
	}
	get postcode(): unknown {
		return this.columns.postcode?.[this.row];
	}
	get state(): unknown {
		return this.columns.state?.[this.row];
	}
	get country(): unknown {
		return this.columns.country?.[this.row];
	}
	get updatedAt(): unknown {
		return this.columns.updatedAt?.[this.row];
	}
	get ids(): Record<string, unknown> | undefined {
		const ids = this.columns.ids;
		if (!ids) return undefined;
		const out: Record<string, unknown> = {};
		for (const name of Object.keys(ids)) out[name] = ids[name][this.row];
		return out;
	}
}

/** The records at `order` (positions into the columns) as an array whose elements are built on access. */
function recordsAt(columns: IdentityColumns, order: Int32Array): IdentityInput[] {
	return new Proxy([] as IdentityInput[], {
		get(target, property, receiver) {
			if (property === 'length') return order.length;
			if (typeof property === 'string') {
				const c = property.charCodeAt(0);
				if (c >= 48 && c <= 57) {
					const x = Number(property);
					return x < order.length ? (new RecordView(columns, order[x]) as unknown as IdentityInput) : undefined;
				}
			}
			return Reflect.get(target, property, receiver);
		},
	});
}

/**
 * resolveIdentity on columns. The records are handed to it in key order (as it resolves them), so it
 * needs no copy of its own in that order; records and map come back in column order.
 */
export function resolveIdentityColumns(columns: IdentityColumns, options: ResolveOptions = {}): ResolveResult {
	return resultOf(resolveIdentityColumnParts(columns, options));
}

/** resolveIdentityColumns with its results built when asked (see ResolveParts): for writing them to a file row by row. */
export function resolveIdentityColumnParts(columns: IdentityColumns, options: ResolveOptions = {}): ResolveParts {
	const keys = columns.key;
	const n = keys.length;
	const order = new Int32Array(n);
	for (let x = 0; x < n; x++) order[x] = x;
	order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
	return inInputOrder(resolveIdentityParts(recordsAt(columns, order), options), order);
}
