// Resolve Identity's deterministic rules in the warehouse: records that share an identifier value
// (an email normalized the node's way, a phone number, an extra ID) become one customer, as
// connected components found by label propagation (the ID stitching of RudderStack Profiles): each
// record starts with its own key as its label and, pass after pass, takes the smallest label among
// the records it shares a value with. A bounded number of UPDATE passes, then a check that nothing
// would still change.
//
// Fail closed where the node's person logic has no SQL form. The node splits a value several people
// hold into each person's records (given names, surnames, addresses, birth dates, suffixes); here a
// value whose records carry two or more different given names, surnames or birth dates links nobody, as does a value held by
// more records than the cap, a placeholder, a role mailbox or a phone that is not a plausible number;
// and on an email or phone, a record without a given name (or with only its initial) links nobody.
// So SQL never joins two people the node keeps apart through a shared value; it can leave apart
// records the node would join (Bob and Robert on one mailbox). Probabilistic matching stays in n8n.
import { BUILT_IN, BUILT_IN_PATTERNS } from '../identity/guardrails';
import { SqlBuilder, SqlGenerationError, type BigQueryParameters, type Dialect, type SqlPlan, type SqlStatement } from './dialect';
import { canonicalForms, emailForms, roleAccount, visibleText } from './email';

export interface IdentitySqlOptions {
	dialect: Dialect;
	/** BigQuery only: numbered named parameters (default) or one JSON array parameter (see BigQueryParameters). */
	bigqueryParameters?: BigQueryParameters;
	sourceTable: string;
	/** The table written: one row per record, `record_key` and `customer_key` (the component's smallest record key). */
	targetTable: string;
	recordKeyColumn: string;
	emailColumn?: string;
	phoneColumn?: string;
	/** Exact identifiers (a CRM or loyalty ID), read as the node reads keys. */
	idColumns?: readonly string[];
	/** Given names: a value whose records carry two different ones links nobody. Without it, no such check. */
	firstNameColumn?: string;
	/** Surnames: likewise (the node takes a clearly different surname on a contact point for another person). */
	lastNameColumn?: string;
	/** Birth dates: likewise (a mother and daughter of one name on the family landline), as written. */
	birthDateColumn?: string;
	/** A value held by more records than this links nobody (the node's Max Records per Value). Default 50. */
	maxRecordsPerValue?: number;
	/** Passes (each one propagation and one pointer jump): a chain of n links settles in about log2(n). Default 20. */
	passes?: number;
	/** Link on role mailboxes (info@, sales@). Default false, as the node. */
	allowRoleEmails?: boolean;
	/**
	 * The default region's calling code (digits), as the node's Default Region: '1' (US, Canada)
	 * reads 10-digit national numbers; without it, or for other codes, a number links only when
	 * written with its country code (+44..., 0044...), where the node would also read national forms.
	 */
	countryCode?: string;
}

/**
 * A placeholder pattern of lib/identity/guardrails as a whole-text pattern SqlBuilder.regexMatches
 * reads in all three dialects (no anchors, no backslashes): `^a|b$` becomes `(a.*)|(.*b)`. The
 * patterns with a back-reference (a character repeated) have no RE2 form; they are checked apart.
 */
function wholeMatch(re: RegExp): string | undefined {
	if (re.source.includes('\\1')) return undefined;
	const alternatives: string[] = [];
	let depth = 0;
	let start = 0;
	const source = re.source;
	for (let k = 0; k <= source.length; k++) {
		const c = source[k];
		if (c === '(' && source[k - 1] !== '\\') depth++;
		else if (c === ')' && source[k - 1] !== '\\') depth--;
		else if ((c === '|' && depth === 0) || k === source.length) {
			let alt = source.slice(start, k);
			alt = alt.startsWith('^') ? alt.slice(1) : `.*${alt}`;
			alt = alt.endsWith('$') ? alt.slice(0, -1) : `${alt}.*`;
			alternatives.push(`(${alt.replace(/\\d/g, '[0-9]').replace(/\\\+/g, '').replace(/\\\./g, '[.]')})`);
			start = k + 1;
		}
	}
	const pattern = alternatives.join('|');
	if (pattern.includes('\\')) throw new Error(`Placeholder pattern /${re.source}/ has no SQL form`);
	return pattern;
}

/** The columns the target table holds. */
export const IDENTITY_SQL_COLUMNS = ['record_key', 'customer_key'] as const;

export function identitySql(options: IdentitySqlOptions): SqlPlan {
	const sql = new SqlBuilder(options.dialect, options.bigqueryParameters);
	if (!options.targetTable.trim()) throw new SqlGenerationError('Name the table to write', 'targetTable');
	if (!options.sourceTable.trim()) throw new SqlGenerationError('Name the records table', 'sourceTable');
	const ids = (options.idColumns ?? []).filter((c) => c.trim() !== '');
	if (!options.emailColumn && !options.phoneColumn && ids.length === 0) {
		throw new SqlGenerationError('Map an email, phone or extra identifier column: the rules link records on them', 'recordFields');
	}
	const cap = options.maxRecordsPerValue ?? 50;
	const passes = options.passes ?? 20;
	if (!Number.isSafeInteger(cap) || cap < 2) throw new SqlGenerationError('Max Records per Value must be a whole number of 2 or more', 'guardrails');
	if (!Number.isSafeInteger(passes) || passes < 1 || passes > 200) throw new SqlGenerationError('Passes must be a whole number from 1 to 200', 'passes');
	const countryCode = options.countryCode;
	if (countryCode !== undefined && !/^[1-9][0-9]{0,2}$/.test(countryCode)) throw new SqlGenerationError('The country calling code is 1 to 3 digits', 'defaultRegion');

	const col = (name: string) => sql.column(name);
	const a = (name: string) => sql.alias(name);
	const target = options.targetTable;
	const valuesTable = `${target}_values`;
	const source = sql.table(options.sourceTable);
	const key = sql.customerKey(`src.${col(options.recordKeyColumn)}`);
	const nameOf = (column: string | undefined) => (column ? `NULLIF(LOWER(${sql.jsTrimFast(sql.asText(`src.${col(column)}`))}), '')` : `CAST(NULL AS ${sql.text})`);
	const anyPlaceholder = [...BUILT_IN['*']].filter((v) => v !== '').map((v) => sql.literal(v));
	// The mapped cells only, under names of our own (the table may have a column called record_key).
	const cells = [
		`${key} AS record_key`,
		`${nameOf(options.firstNameColumn)} AS first_name`,
		`${nameOf(options.lastNameColumn)} AS last_name`,
		`${nameOf(options.birthDateColumn)} AS birth_date`,
		...(options.emailColumn ? [`src.${col(options.emailColumn)} AS email_cell`] : []),
		...(options.phoneColumn ? [`src.${col(options.phoneColumn)} AS phone_cell`] : []),
		...ids.map((column, k) => `src.${col(column)} AS id_cell_${k}`),
	];
	// On a contact point (an email, a phone) a record without a given name, or with only its
	// initial, links nobody: the node tells whose it is from the mailbox's name and the other
	// records; SQL cannot, so it errs apart. Extra IDs are account identifiers and link as they are.
	const named = options.firstNameColumn ? ' AND first_name IS NOT NULL AND LENGTH(first_name) > 1' : '';
	const ctes: string[] = [`src AS (\n  SELECT ${cells.join(', ')} FROM ${source} src\n)`];
	const parts: string[] = [];
	if (options.emailColumn) {
		const forms = emailForms(sql, 'email_cell');
		const { valid, canonical } = canonicalForms(sql, 't');
		const placeholders = [...BUILT_IN.email, ...BUILT_IN['*']].filter((v) => v !== '').map((v) => sql.literal(v));
		ctes.push(
			`e0 AS (\n  SELECT record_key, first_name, last_name, birth_date, ${forms.lowered} AS raw_email FROM src WHERE record_key IS NOT NULL\n)`,
			`e1 AS (\n  SELECT record_key, first_name, last_name, birth_date, ${forms.textOf('raw_email')} AS t0 FROM e0\n)`,
			`e2 AS (\n  SELECT record_key, first_name, last_name, birth_date, ${visibleText(sql, 't0')} AS t FROM e1\n)`,
			`e3 AS (\n  SELECT record_key, first_name, last_name, birth_date, t, COALESCE(${valid} AND NOT ${sql.hasNonAscii('t')}, FALSE) AS valid, ${canonical} AS canonical FROM e2\n)`,
			`e4 AS (\n  SELECT record_key, first_name, last_name, birth_date, canonical, ${roleAccount(sql, !options.allowRoleEmails)} AS role_mailbox FROM e3\n)`,
		);
		const blocked = BUILT_IN_PATTERNS.email.map(wholeMatch).filter((p): p is string => p !== undefined).map((p) => `NOT ${sql.regexMatches('canonical', p)}`);
		parts.push(
			`  SELECT record_key, 'email' AS value_rule, canonical AS value_text, first_name, last_name, birth_date FROM e4\n  WHERE canonical IS NOT NULL${named} AND NOT role_mailbox AND canonical NOT IN (${placeholders.join(', ')})${blocked.map((b) => `\n    AND ${b}`).join('')}`,
		);
	}
	if (options.phoneColumn) {
		const raw = sql.jsTrimFast(sql.asText('phone_cell'));
		const digits = sql.regexReplace('raw_phone', '[^0-9]', '');
		// Written with a + (or 00): the digits carry their country code. Without: a national number of
		// the default country (10 digits for +1), or that country's code written without the +.
		// +1 numbers are 10 digits nationally; other countries' national lengths vary, so there a
		// number must carry its country code to link.
		const national = countryCode === '1' ? [
			`      WHEN LENGTH(${digits}) = 10 THEN ${sql.concat("'1'", digits)}`,
			`      WHEN LENGTH(${digits}) = 11 AND SUBSTR(${digits}, 1, 1) = '1' THEN ${digits}`,
		] : [];
		const e164 = `CASE
      WHEN SUBSTR(raw_phone, 1, 1) = '+' THEN ${digits}
      WHEN SUBSTR(raw_phone, 1, 2) = '00' THEN SUBSTR(${digits}, 3)
${national.join('\n')}${national.length ? '\n' : ''}    END`;
		ctes.push(
			`p0 AS (\n  SELECT record_key, first_name, last_name, birth_date, ${raw} AS raw_phone FROM src WHERE record_key IS NOT NULL\n)`,
			`p1 AS (\n  SELECT record_key, first_name, last_name, birth_date, ${e164} AS digits FROM p0\n)`,
		);
		// A plausible number: 8-15 digits; +1 numbers in the North American plan (area code and
		// exchange from 2); not the node's placeholder numbers (a digit repeated to the end, a run
		// of 1234567, 555-01xx fiction numbers).
		const repeated = Array.from({ length: 10 }, (_, d) => sql.literal(String(d).repeat(7))).join(', ');
		const checks = [
			`LENGTH(digits) BETWEEN 8 AND 15`,
			`(SUBSTR(digits, 1, 1) <> '1' OR ${sql.regexMatches('digits', '1[2-9][0-9]{2}[2-9][0-9]{6}')})`,
			`RIGHT(digits, 7) NOT IN (${repeated})`,
			...BUILT_IN_PATTERNS.phone.map(wholeMatch).filter((p): p is string => p !== undefined).map((p) => `NOT ${sql.regexMatches('digits', p)}`),
		];
		parts.push(`  SELECT record_key, 'phone' AS value_rule, digits AS value_text, first_name, last_name, birth_date FROM p1\n  WHERE digits IS NOT NULL${named} AND ${checks.join('\n    AND ')}`);
	}
	ids.forEach((column, k) => {
		const idKey = sql.customerKey(`id_cell_${k}`);
		ctes.push(`i${k} AS (\n  SELECT record_key, first_name, last_name, birth_date, ${idKey} AS id_value FROM src WHERE record_key IS NOT NULL\n)`);
		// The node's '*' placeholders: a listed word, or one character repeated (5 or more) in the letters and digits.
		const letters = sql.regexReplace('LOWER(id_value)', '[^a-z0-9]', '');
		const repeated = `(LENGTH(${letters}) >= 5 AND REPLACE(${letters}, SUBSTR(${letters}, 1, 1), '') = '')`;
		parts.push(
			`  SELECT record_key, ${sql.literal(`id:${column}`)} AS value_rule, id_value AS value_text, first_name, last_name, birth_date FROM i${k}\n  WHERE id_value IS NOT NULL AND ${sql.regexMatches('id_value', '.*[0-9A-Za-z].*')} AND LOWER(id_value) NOT IN (${anyPlaceholder.join(', ')}) AND NOT ${repeated}`,
		);
	});
	ctes.push(`all_values AS (\n${parts.join('\n  UNION ALL\n')}\n)`);
	// A value links only when 2..cap records hold it and their given names, surnames and birth dates (where present) agree.
	ctes.push(
		`linking AS (\n  SELECT value_rule, value_text FROM all_values GROUP BY value_rule, value_text\n  HAVING COUNT(DISTINCT record_key) BETWEEN 2 AND ${sql.integer(cap)} AND COUNT(DISTINCT first_name) <= 1 AND COUNT(DISTINCT last_name) <= 1 AND COUNT(DISTINCT birth_date) <= 1\n)`,
	);
	const valuesSelect = `${sql.withClause(ctes)}\nSELECT DISTINCT v.record_key AS ${a('record_key')}, v.value_rule AS ${a('rule')}, v.value_text AS ${a('value')}\nFROM all_values v JOIN linking l ON l.value_rule = v.value_rule AND l.value_text = v.value_text`;

	const statements: SqlStatement[] = [
		...sql.createTableAs(valuesTable, valuesSelect, 'values', `Writes every linking identifier value (record_key, rule, value) to ${valuesTable}: held by 2 to ${cap} records with one given name, surname and birth date, no placeholders${options.allowRoleEmails ? '' : ' or role mailboxes'}`),
	];
	sql.reset();
	const keyOf = `SELECT ${sql.customerKey(`src.${col(options.recordKeyColumn)}`)} AS record_key FROM ${source} src`;
	const keyOnly = `SELECT DISTINCT record_key FROM (${keyOf}) keys`;
	statements.push(
		...sql.createTableAs(
			target,
			`SELECT record_key AS ${a('record_key')}, record_key AS ${a('customer_key')} FROM (${keyOnly}) k WHERE record_key IS NOT NULL`,
			'labels',
			`Writes one row per record of ${options.sourceTable} to ${target}, each its own customer to start`,
		),
	);
	const t = sql.table(target);
	const v = sql.table(valuesTable);
	const [rk, ck, rule, value] = [a('record_key'), a('customer_key'), a('rule'), a('value')];
	// The smallest label among the records sharing any value with each record.
	const smallest = `SELECT v.${rk} AS record_key, MIN(m.label) AS label
  FROM ${v} v
  JOIN (
    SELECT w.${rule} AS value_rule, w.${value} AS value_text, MIN(x.${ck}) AS label
    FROM ${v} w JOIN ${t} x ON x.${rk} = w.${rk}
    GROUP BY w.${rule}, w.${value}
  ) m ON m.value_rule = v.${rule} AND m.value_text = v.${value}
  GROUP BY v.${rk}`;
	const alias = options.dialect === 'postgres' ? 'AS t' : 't';
	for (let pass = 1; pass <= passes; pass++) {
		const update = `UPDATE ${t} ${alias} SET ${ck} = s.label FROM (\n  ${smallest}\n) s WHERE s.record_key = t.${rk} AND s.label < t.${ck}`;
		statements.push(sql.statement(`pass ${pass}`, `Pass ${pass} of ${passes}: every record takes the smallest customer key among the records it shares a value with`, update, false));
		// Pointer jumping: a record takes its key's own key, so a long chain settles in about log2(length) passes, not one pass a link.
		// (An aggregate keeps the planner from flattening the self-join into the UPDATE: flattened,
		// PostgreSQL nested-looped records x records on `label < customer_key` at 1M rows.)
		const jump = `UPDATE ${t} ${alias} SET ${ck} = s.label FROM (\n  SELECT y.${rk} AS record_key, MIN(z.${ck}) AS label FROM ${t} y JOIN ${t} z ON z.${rk} = y.${ck} GROUP BY y.${rk}\n) s WHERE s.record_key = t.${rk} AND s.label < t.${ck}`;
		statements.push(sql.statement(`jump ${pass}`, `Pass ${pass} of ${passes}: every record takes the customer key of the record its key names`, jump, false));
	}
	statements.push(
		sql.statement(
			'summary',
			`Records, customers, records one more pass would still change (unsettled > 0: run the passes again, or raise Passes), and source rows left out: no readable key (unreadable_keys), or a key another row also has (duplicate_key_rows; the node stops on both)`,
			`SELECT COUNT(*) AS ${a('records')}, COUNT(DISTINCT t.${ck}) AS ${a('customers')},
       (SELECT COUNT(*) FROM (\n  ${smallest}\n) s JOIN ${t} u ON u.${rk} = s.record_key WHERE s.label < u.${ck}) AS ${a('unsettled')},
       (SELECT COUNT(*) FROM (${keyOf}) k WHERE k.record_key IS NULL) AS ${a('unreadable_keys')},
       (SELECT COUNT(*) - COUNT(DISTINCT k.record_key) FROM (${keyOf}) k WHERE k.record_key IS NOT NULL) AS ${a('duplicate_key_rows')}
FROM ${t} t`,
			true,
		),
	);
	statements.push(sql.statement('cleanup', `Drops ${valuesTable}`, `DROP TABLE IF EXISTS ${v}`, false));
	return {
		dialect: options.dialect,
		statements,
		description: `Customers of ${options.sourceTable} from shared identifier values (deterministic rules, ${passes} passes of label propagation) written to ${target}; a value held by records with different given names, surnames or birth dates, more than ${cap} records, a placeholder${options.allowRoleEmails ? '' : ' or a role mailbox'} links nobody`,
	};
}
