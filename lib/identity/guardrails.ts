// Guardrails against over-merging: placeholder values, role mailboxes, values shared by many
// different people, a cap on distinct values per profile, at most one record per source.
import { isMissingValue, UNICODE_DASHES } from '../records/values';

export interface GuardrailOptions {
	/** Extra blocked values, per field (email, phone, name, dob, id:<name>) or '*' for all. */
	blockedValues?: Record<string, string[]>;
	/** Extra blocked patterns (regular expression sources), per field or '*'. */
	blockedPatterns?: Record<string, string[]>;
	/** Skip the built-in placeholder list. Default false. */
	noBuiltIn?: boolean;
	/** Link on role or shared mailboxes (info@, sales@). Default false. */
	allowRoleEmails?: boolean;
	/** An identifier value carried by records with more distinct names than this is shared, not linked on. Default 3. */
	maxNamesPerValue?: number;
	/** An identifier value carried by more records than this (without names to tell) is shared. Default 50. */
	maxRecordsPerValue?: number;
	/** Most distinct values of an identifier one profile may hold (e.g. { email: 5 }). */
	maxValuesPerProfile?: Record<string, number>;
	/** Sources that are already deduplicated: a profile holds at most one record of each. */
	uniqueSources?: string[];
	/** Most records in one profile. Default 1000. */
	maxClusterSize?: number;
}

/** The built-in placeholder values per field ('*' for every identifier); Generate SQL binds the same lists. */
export const BUILT_IN: Record<string, Set<string>> = {
	email: new Set([
		'test@test.com', 'test@example.com', 'a@a.com', 'abc@abc.com', 'noemail@noemail.com', 'none@none.com',
		'no@email.com', 'email@email.com', 'user@example.com', 'example@example.com', 'na@na.com', 'x@x.com',
		'asdf@asdf.com', 'fake@fake.com', 'null@null.com', 'unknown@unknown.com', 'noreply@example.com',
		'info@example.com', 'me@me.com', 'nobody@nowhere.com', 'customer@customer.com', 'donotreply@donotreply.com',
	]),
	name: new Set(['unknown', 'none', 'null', 'na', 'n a', 'test', 'tbd', 'xxx', 'x', 'customer', 'guest', 'anonymous', 'not provided', 'no name']),
	// Spreadsheet and database "no date" values: Excel's day 0 (1899-12-30), SQL Server's datetime minimum
	// (1753-01-01), .NET's DateTime.MinValue (0001-01-01), and round defaults CRMs write.
	dob: new Set(['1900-01-01', '1901-01-01', '1970-01-01', '1899-12-31', '1899-12-30', '1753-01-01', '0001-01-01', '1800-01-01', '2000-01-01']),
	'*': new Set(['', 'null', 'none', 'n/a', 'na', 'n a', 'unknown', 'undefined', '-', '0', 'test', 'tbd']),
};

/** The built-in placeholder patterns per field ('*' tested on the value's letters and digits). */
export const BUILT_IN_PATTERNS: Record<string, RegExp[]> = {
	email: [
		/^(test|fake|noemail|no-email|none|dummy|sample)\d*@/,
		/@(test|invalid|localhost|mailinator)\.(com|org|net)$/,
		// On the reserved domains, what staff key for "no email": a person's own address there
		// (smith.mary@example.org, as Faker writes) still links.
		/^([a-z]{1,2}|n\.a|nomail|no[.-]?e-?mail|do-?not-?e?-?mail|e-?mail|mail|unknown|customer|client|nobody|no-?reply|null|blank|optout|anonymous|guest)\d*@example\.[a-z]+$/,
	],
	phone: [
		/^\+\d*?(\d)\1{6,}$/,
		/^\+\d*(1234567|0123456|9876543)\d{0,3}$/,
		/5550100$|5551212$|5550000$/,
		// Area code 555 is no one's; 867-5309 is a song; 123-123-…, 111-222-3333 are keyed to fill a form.
		/^\+1555/,
		/^\+1\d{3}8675309$/,
		/^\+1123123/,
		/^\+1(\d)\1\1(\d)\2\2(\d)\3{3}$/,
	],
	'*': [/^(.)\1{4,}$/],
};

/** Excel's and Google Sheets' error values, lower case. */
const SPREADSHEET_ERROR = /^#(n\/a|null!|div\/0!|value!|ref!|name\?|num!|spill!|calc!|getting_data|error!?)$/;

const compiled = new WeakMap<Record<string, string[]>, Map<string, RegExp[]>>();

function userPatterns(options: GuardrailOptions, field: string): RegExp[] {
	const p = options.blockedPatterns;
	if (!p) return [];
	let byField = compiled.get(p);
	if (!byField) {
		byField = new Map();
		for (const [f, list] of Object.entries(p)) byField.set(f, list.map((s) => new RegExp(s, 'i')));
		compiled.set(p, byField);
	}
	return [...(byField.get(field) ?? []), ...(byField.get('*') ?? [])];
}

/** True when `value` (already normalized) is a placeholder that must never link records. */
export function isBlockedValue(field: string, value: string, options: GuardrailOptions = {}): boolean {
	// Any run of spaces (a no-break space in `N\u00a0A`) as one space, Unicode dashes as `-`.
	const v = value.trim().toLowerCase().replace(/\s+/g, ' ').replace(UNICODE_DASHES, '-');
	if (v === '') return false;
	// Not switched off by noBuiltIn: a value with no letter or digit (a lone dash, `?`, an invisible
	// character) names nobody; nor does an identifier that is a missing marker (`#N/A`, `(null)`, also
	// bracketed: `(none)`, `<NA>`) or a spreadsheet error (`#VALUE!`). Names have their own list: Nan
	// and Nil are given names.
	if (!/[\p{L}\p{N}]/u.test(v)) return true;
	if (field !== 'name' && (isMissingValue(v) || isMissingValue(v.replace(/^[([<{]\s*(.*?)\s*[)\]>}]$/, '$1')) || SPREADSHEET_ERROR.test(v))) return true;
	if (!options.noBuiltIn) {
		if (BUILT_IN[field]?.has(v) || (field !== 'name' && BUILT_IN['*'].has(v))) return true;
		for (const re of BUILT_IN_PATTERNS[field] ?? []) if (re.test(v)) return true;
		if (field !== 'dob') for (const re of BUILT_IN_PATTERNS['*']) if (re.test(v.replace(/[^a-z0-9]/g, ''))) return true;
	}
	const user = options.blockedValues;
	if (user && ((user[field] ?? []).some((b) => b.trim().toLowerCase() === v) || (user['*'] ?? []).some((b) => b.trim().toLowerCase() === v))) {
		return true;
	}
	for (const re of userPatterns(options, field)) if (re.test(v)) return true;
	return false;
}
