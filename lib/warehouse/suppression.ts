// Apply Suppression's list check in the warehouse: the audience against a suppression table on keys
// normalized the node's way (lib/records/email.ts: lower case, display names and mailto: dropped,
// Gmail dots and +tags, +tags of the other providers, Yahoo -tags; SHA-256 of the address forms
// ESPs hash), customer IDs, and the raw text of entries that cannot be normalized; entries scoped to
// another channel or list, or expired, do not apply. The email channel's own rule holds too: an
// audience row without a usable address is not eligible, and a role mailbox (info@) is held as the
// node holds it by default. Consent, bounces, caps and quiet hours stay with the node (they read
// per-person histories and many value spellings).
import { MISSING_MARKERS } from '../records/values';
import { SqlBuilder, SqlGenerationError, type BigQueryParameters, type Dialect, type SqlPlan, type SqlStatement } from './dialect';
import { canonicalForms, emailForms, roleAccount, visibleText } from './email';

export interface SuppressionSqlOptions {
	dialect: Dialect;
	/** BigQuery only: numbered named parameters (default) or one JSON array parameter (see BigQueryParameters). */
	bigqueryParameters?: BigQueryParameters;
	audienceTable: string;
	audienceEmailColumn: string;
	audienceCustomerIdColumn?: string;
	suppressionTable: string;
	suppressionEmailColumn?: string;
	suppressionCustomerIdColumn?: string;
	suppressionSha256Column?: string;
	suppressionScopeColumn?: string;
	suppressionExpiresAtColumn?: string;
	suppressionReasonColumn?: string;
	/** Lists or brands this send belongs to (entries scoped to them apply). */
	lists: readonly string[];
	/** The decisions table written: the audience rows plus eligible and reason columns. */
	targetTable: string;
	/** Hold role and shared mailboxes (info@, sales@), as the node does by default: default true. */
	suppressRoleAccounts?: boolean;
}

const GLOBAL_WORDS = ['global', 'all', '*', 'any', 'everything'];
const EMAIL_WORDS = ['email', 'mail', 'emails'];

/**
 * lib/suppression repairedAddresses up to the split: any space as a plain space, invisible
 * characters dropped, full-width ASCII folded, stray bytes dropped, `(comments)` dropped, spaces
 * around @ closed up and a doubled @ made one, and the word separators (space , ; |) as one comma,
 * for splitParts.
 */
function repairedText(sql: SqlBuilder, cell: string): string {
	const unwrapped = sql.regexReplace(sql.regexReplace(cell, '=[?][^?]*[?][qQ][?]', ' '), '[?]=', ' ');
	const decoded = `CASE WHEN ${sql.position("'@'", cell)} > 0 THEN ${cell} ELSE REPLACE(REPLACE(${unwrapped}, '=40', '@'), '%40', '@') END`;
	const folded = sql.withoutStray(sql.asciiWidth(sql.withoutKeyInvisible(sql.spacesAsSpace(decoded))));
	const closed = sql.regexReplace(sql.regexReplace(sql.regexReplace(folded, '[(][^()]*[)]', ' '), ' *@ *', '@'), '@@+', '@');
	return sql.regexReplace(closed, '[ ,;|]+', ',');
}

/** One word of repairedText without the quotes, brackets and trailing dots around it. */
function strippedWord(sql: SqlBuilder, word: string): string {
	return sql.regexReplace(word, "^[\"'<(`]+|[\"'>`).]+($)", '');
}

/**
 * The mailbox stem of cleaned text `t`: the local part up to its first + or - tag, without dots.
 * A list entry SQL cannot normalize (`non_ascii`) holds every audience address with its stem: the
 * node may read it as that address (anna@bücher.de is anna@xn--bcher-kva.de), so SQL errs closed.
 */
function stemOf(sql: SqlBuilder, t: string): string {
	const at = sql.position("'@'", t);
	const local = `CASE WHEN ${at} > 0 THEN SUBSTR(${t}, 1, ${at} - 1) ELSE ${t} END`;
	return `REPLACE(COALESCE(NULLIF(${sql.regexGroup(local, '^([^+-]*)')}, ''), ${local}), '.', '')`;
}

/** withoutPlusTag: the +tag of any provider removed (`c` a column with the canonical form). */
function withoutPlusTag(sql: SqlBuilder, c: string): string {
	const plus = sql.position("'+'", c);
	return `CASE WHEN ${plus} > 1 THEN ${sql.concat(`SUBSTR(${c}, 1, ${plus} - 1)`, `SUBSTR(${c}, ${sql.position("'@'", c)})`)} ELSE ${c} END`;
}

/** Lowercase hex digest from `sha256:`-prefixed or plain hex of any case, else NULL. */
function digestOf(sql: SqlBuilder, column: string): string {
	const lowered = `LOWER(${sql.jsTrimFast(sql.asText(column))})`;
	const hex = sql.jsTrimFast(sql.regexReplace(lowered, '^sha-?256:', ''));
	return `CASE WHEN ${sql.regexMatches(hex, '[0-9a-f]{64}')} THEN ${hex} END`;
}

export function suppressionSql(options: SuppressionSqlOptions): SqlPlan {
	const sql = new SqlBuilder(options.dialect, options.bigqueryParameters);
	if (!options.targetTable.trim()) throw new SqlGenerationError('Name the decisions table to write', 'targetTable');
	if (!options.suppressionEmailColumn && !options.suppressionCustomerIdColumn && !options.suppressionSha256Column) {
		throw new SqlGenerationError('Map at least one identifier column of the suppression table', 'listFields');
	}
	const a = (name: string) => sql.alias(name);
	const col = (name: string | undefined) => (name ? sql.column(name) : undefined);
	const audience = sql.table(options.audienceTable);
	const list = sql.table(options.suppressionTable);

	// Audience: cleaned text, then canonical and bare forms, and the four forms ESPs may have hashed.
	const ae = emailForms(sql, `src.${col(options.audienceEmailColumn)}`);
	const af = canonicalForms(sql, 't');
	const audienceCustomer = options.audienceCustomerIdColumn ? sql.customerKey(`src.${col(options.audienceCustomerIdColumn)}`) : 'NULL';
	const ctes: string[] = [
		`src AS (\n  SELECT src.*, ROW_NUMBER() OVER () AS ${a('audience_row')} FROM ${audience} src\n)`,
		`a00 AS (\n  SELECT src.${a('audience_row')} AS r, ${ae.lowered} AS raw_email, ${audienceCustomer} AS customer_key FROM src src\n)`,
		`a0 AS (\n  SELECT r, raw_email, ${ae.textOf('raw_email')} AS t0, customer_key FROM a00\n)`,
		`a1 AS (\n  SELECT r, raw_email, ${visibleText(sql, 't0')} AS t, customer_key FROM a0\n)`,
		`a2 AS (\n  SELECT r, raw_email, t, customer_key, COALESCE(${sql.hasNonAscii('t')}, FALSE) AS non_ascii, COALESCE(${af.valid} AND NOT ${sql.hasNonAscii('t')}, FALSE) AS valid, ${af.canonical} AS canonical FROM a1\n)`,
		`a3 AS (\n  SELECT r, raw_email, t, customer_key, non_ascii, valid, canonical, ${withoutPlusTag(sql, 'canonical')} AS bare, ${withoutPlusTag(sql, 't')} AS simple_bare, ${stemOf(sql, 't')} AS stem, ${roleAccount(sql, options.suppressRoleAccounts !== false)} AS role_mailbox FROM a2\n)`,
	];

	// Suppression entries that apply to this send: scope and expiry.
	const scopeColumn = col(options.suppressionScopeColumn);
	let applies = 'TRUE';
	if (scopeColumn) {
		// As lib/suppression entryScope: a missing marker is global; invisible characters dropped,
		// full-width letters and Unicode dashes folded, any space a plain space, then lower case.
		const raw = sql.asText(`l.${scopeColumn}`);
		const marker = `LOWER(${sql.jsTrim(raw)}) IN (${[...MISSING_MARKERS].map((word) => sql.literal(word)).join(', ')})`;
		const cleaned = `LOWER(${sql.jsTrim(sql.spacesAsSpace(sql.foldDashes(sql.asciiWidth(sql.withoutKeyInvisible(raw)))))})`;
		const names = sql.concat("','", sql.regexReplace(cleaned, '[[:space:]]*[,;|][[:space:]]*', ','), "','");
		const squeezed = sql.regexReplace(names, '[[:space:]_-]+', '');
		const has = (padded: string, word: string) => `${sql.position(`'${word.includes("'") ? '' : `,${word},`}'`, padded)} > 0`;
		const listChecks = options.lists.map((name) => `${sql.position(sql.concat("','", sql.bind(name.trim().toLowerCase()), "','"), names)} > 0`);
		// Words as lib/suppression entryScope reads them: an email word or a word for everything (SQL
		// errs closed: "SMS Marketing" applies here, where the node reads it as the SMS channel's).
		const words = [
			sql.regexMatches(cleaned, '.*(^|[^a-z0-9])(all|global|everything|marketing|promotional|promotions)([^a-z0-9]|$).*'),
			sql.regexMatches(cleaned, '.*(^|[^a-z0-9])(e[ _-]?mails?|mails?)([^a-z0-9]|$).*'),
		];
		applies = `(${cleaned} IS NULL OR ${cleaned} = '' OR ${marker} OR ${words.join(' OR ')} OR ${sql.regexMatches(cleaned, '[,;|[:space:]]*')} OR ${[
			...GLOBAL_WORDS.map((w) => has(names, w)),
			...EMAIL_WORDS.map((w) => has(squeezed, w)),
			...listChecks,
		].join(' OR ')})`;
	}
	const expiresColumn = col(options.suppressionExpiresAtColumn);
	const unexpired = expiresColumn ? `(l.${expiresColumn} IS NULL OR l.${expiresColumn} > CURRENT_TIMESTAMP)` : 'TRUE';
	const scopeText = scopeColumn ? `l.${scopeColumn}` : 'NULL';
	const reasonText = options.suppressionReasonColumn ? `l.${col(options.suppressionReasonColumn)}` : 'NULL';
	const entry = (select: string) => `  SELECT ${select}, ${sql.asText(scopeText)} AS scope, ${sql.asText(reasonText)} AS reason FROM ${list} l WHERE ${applies} AND ${unexpired}`;

	const matches: string[] = [];
	const emailColumn = col(options.suppressionEmailColumn);
	if (emailColumn) {
		const le = emailForms(sql, 'cell');
		const lf = canonicalForms(sql, 't');
		const separated = `(${sql.position("','", 'c.cell')} > 0 OR ${sql.position("';'", 'c.cell')} > 0)`;
		ctes.push(
			`l0 AS (\n${entry(`${sql.asText(`l.${emailColumn}`)} AS cell`)}\n)`,
			// A cell holding several addresses ("a@x.com; b@y.com") applies to each of them, as in the node.
			`l0_parts AS (\n  SELECT cell, scope, reason FROM l0\n  UNION ALL\n  SELECT ${sql.partColumn('p')}, c.scope, c.reason FROM l0 c ${sql.splitParts('c.cell', 'p')} WHERE ${separated}\n)`,
			// A garbled cell or part ("Jane Doe <jane@x.com>.", "jane @ x.com", full-width letters) applies
			// to every address it names, as in the node (lib/suppression repairedAddresses).
			`l0_repaired AS (\n  SELECT ${repairedText(sql, 'cell')} AS cell, scope, reason FROM l0_parts\n)`,
			`l0_cells AS (\n  SELECT cell, scope, reason FROM l0_parts\n  UNION ALL\n  SELECT ${strippedWord(sql, sql.partColumn('w'))}, c.scope, c.reason FROM l0_repaired c ${sql.splitParts('c.cell', 'w')} WHERE ${sql.position("'@'", sql.partColumn('w'))} > 0\n)`,
			`l10 AS (\n  SELECT ${le.lowered} AS raw_email, ${digestOf(sql, 'cell')} AS digest, scope, reason FROM l0_cells\n)`,
			`l1 AS (\n  SELECT raw_email, ${le.textOf('raw_email')} AS t0, digest, scope, reason FROM l10\n)`,
			`l1_visible AS (\n  SELECT raw_email, ${visibleText(sql, 't0')} AS t, digest, scope, reason FROM l1\n)`,
			`l2 AS (\n  SELECT raw_email, t, digest, scope, reason, COALESCE(${sql.hasNonAscii('t')}, FALSE) AS non_ascii, COALESCE(${lf.valid} AND NOT ${sql.hasNonAscii('t')}, FALSE) AS valid, ${lf.canonical} AS canonical FROM l1_visible\n)`,
			`email_entries AS (\n  SELECT ${withoutPlusTag(sql, 'canonical')} AS k, scope, reason FROM l2 WHERE valid\n)`,
			`email_digests AS (\n  SELECT digest AS k, scope, reason FROM l2 WHERE NOT valid AND digest IS NOT NULL\n)`,
			`raw_entries AS (\n  SELECT raw_email AS k, scope, reason FROM l2 WHERE NOT valid AND digest IS NULL AND raw_email IS NOT NULL AND raw_email <> ''\n)`,
			`stem_entries AS (\n  SELECT ${stemOf(sql, 't')} AS k, scope, reason FROM l2 WHERE non_ascii\n)`,
		);
		matches.push(
			`  SELECT a3.r, 1 AS priority, 'email' AS matched_by, e.scope, e.reason FROM a3 JOIN email_entries e ON e.k = a3.bare WHERE a3.valid`,
			`  SELECT a3.r, 4, 'raw', e.scope, e.reason FROM a3 JOIN raw_entries e ON e.k = a3.raw_email`,
			// Entries SQL cannot normalize (internationalized, full-width): every address with their mailbox stem is held.
			`  SELECT a3.r, 5, 'mailbox_stem', e.scope, e.reason FROM a3 JOIN stem_entries e ON e.k = a3.stem WHERE a3.valid AND e.k <> ''`,
		);
	}
	const digestSources: string[] = [];
	if (emailColumn) digestSources.push('  SELECT k, scope, reason FROM email_digests');
	const shaColumn = col(options.suppressionSha256Column);
	if (shaColumn) {
		ctes.push(`sha_entries AS (\n${entry(`${digestOf(sql, `l.${shaColumn}`)} AS k`)}\n)`);
		digestSources.push('  SELECT k, scope, reason FROM sha_entries WHERE k IS NOT NULL');
		// An unusable digest matches the raw lowercase text, as the node's index does.
		ctes.push(`sha_raw AS (\n${entry(`LOWER(${sql.jsTrim(sql.asText(`l.${shaColumn}`))}) AS k, ${digestOf(sql, `l.${shaColumn}`)} AS digest`)}\n)`);
		// Two equality joins rather than one with OR, so the warehouse can hash-join them.
		matches.push(`  SELECT a3.r, 4, 'raw', e.scope, e.reason FROM a3 JOIN sha_raw e ON e.k = a3.raw_email WHERE e.digest IS NULL AND e.k <> ''`);
		if (options.audienceCustomerIdColumn) {
			matches.push(`  SELECT a3.r, 4, 'raw', e.scope, e.reason FROM a3 JOIN sha_raw e ON e.k = LOWER(a3.customer_key) WHERE e.digest IS NULL AND e.k <> ''`);
		}
	}
	if (digestSources.length > 0) {
		ctes.push(
			`digests AS (\n${digestSources.join('\n  UNION ALL\n')}\n)`,
			`audience_hashes AS (
  SELECT r, ${sql.sha256Hex('t')} AS h FROM a3 WHERE valid
  UNION ALL SELECT r, ${sql.sha256Hex('canonical')} FROM a3 WHERE valid AND canonical <> t
  UNION ALL SELECT r, ${sql.sha256Hex('bare')} FROM a3 WHERE valid AND bare <> t AND bare <> canonical
  UNION ALL SELECT r, ${sql.sha256Hex('simple_bare')} FROM a3 WHERE valid AND simple_bare <> t AND simple_bare <> canonical AND simple_bare <> bare
)`,
		);
		matches.push(`  SELECT h.r, 2, 'sha256', d.scope, d.reason FROM audience_hashes h JOIN digests d ON d.k = h.h`);
	}
	const customerColumn = col(options.suppressionCustomerIdColumn);
	if (customerColumn && options.audienceCustomerIdColumn) {
		ctes.push(`customer_entries AS (\n${entry(`${sql.customerKey(`l.${customerColumn}`)} AS k`)}\n)`);
		matches.push(`  SELECT a3.r, 3, 'customerId', e.scope, e.reason FROM a3 JOIN customer_entries e ON e.k = a3.customer_key`);
		// A list ID with leading zeros ("00123") also holds the numeric audience ID without them (123), as the node does.
		const digitsOnly = (expression: string) => sql.regexMatches(expression, '[0-9]+');
		matches.push(
			`  SELECT a3.r, 3, 'customerId', e.scope, e.reason FROM a3 JOIN customer_entries e ON LTRIM(e.k, '0') = LTRIM(a3.customer_key, '0')
    WHERE e.k LIKE '0_%' AND ${digitsOnly('e.k')} AND ${digitsOnly('a3.customer_key')}`,
		);
		if (emailColumn) matches.push(`  SELECT a3.r, 4, 'raw', e.scope, e.reason FROM a3 JOIN raw_entries e ON e.k = LOWER(a3.customer_key)`);
	}
	ctes.push(
		`matches AS (\n${matches.join('\n  UNION ALL\n')}\n)`,
		`first_match AS (\n  SELECT r, matched_by, scope, reason, ROW_NUMBER() OVER (PARTITION BY r ORDER BY priority, scope, reason) AS n FROM matches\n)`,
	);
	const select = `${sql.withClause(ctes)}
SELECT src.*,
       (a3.valid AND m.r IS NULL AND NOT a3.role_mailbox) AS ${a('eligible')},
       CASE WHEN a3.raw_email IS NULL OR a3.raw_email = '' THEN 'missing_identifier'
            WHEN m.r IS NOT NULL THEN 'suppression_list'
            WHEN a3.non_ascii THEN 'not_normalized_in_sql'
            WHEN NOT a3.valid THEN 'invalid_identifier'
            WHEN a3.role_mailbox THEN 'role_account' END AS ${a('suppression_reason')},
       m.matched_by AS ${a('matched_by')},
       m.scope AS ${a('matched_scope')},
       m.reason AS ${a('matched_reason')}
FROM src src
JOIN a3 ON a3.r = src.${a('audience_row')}
LEFT JOIN first_match m ON m.r = a3.r AND m.n = 1`;

	const statements: SqlStatement[] = sql.createTableAs(options.targetTable, select, 'decide', `Writes every row of ${options.audienceTable} with eligible and the suppression reason (matched by, scope, list reason) to ${options.targetTable}`);
	statements.push(
		sql.statement(
			'counts',
			'Audience rows per decision and reason',
			`SELECT ${a('eligible')}, ${a('suppression_reason')}, COUNT(*) AS ${a('n')}\nFROM ${sql.table(options.targetTable)}\nGROUP BY ${a('eligible')}, ${a('suppression_reason')}\nORDER BY 1, 2`,
			true,
		),
	);
	return {
		dialect: options.dialect,
		description: `Apply Suppression (email channel, list check) in ${options.dialect}: ${options.audienceTable} against ${options.suppressionTable} on normalized emails, SHA-256 digests${
			options.audienceCustomerIdColumn && customerColumn ? ' and customer IDs' : ''
		}${options.suppressRoleAccounts !== false ? ', role mailboxes held' : ''}. Consent, bounces, caps and quiet hours are not part of it.`,
		statements,
	};
}
