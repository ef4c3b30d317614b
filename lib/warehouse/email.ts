// An email column normalized the node's way in SQL (lib/records/email.ts normalizeEmail): what
// Apply Suppression's and Resolve Identity's Generate SQL both key on.
import { ROLE_MAILBOXES } from '../records/email';
import type { SqlBuilder } from './dialect';

// lib/records/email.ts's syntax without its length bounds (bounded repeats cost PostgreSQL's regex
// engine 20 times the time); the local part (<= 64) and label (<= 63) lengths are checked apart.
const EMAIL_PATTERN = "[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@([a-z0-9]([a-z0-9-]*[a-z0-9])?[.])+[a-z][a-z]+";
const PLUS_TAG_DOMAINS = [
	'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'hotmail.co.uk', 'outlook.co.uk', 'live.co.uk',
	'icloud.com', 'me.com', 'mac.com', 'fastmail.com', 'protonmail.com', 'proton.me',
];
/**
 * SQL expressions normalizing one email column the node's way (lib/records/email.ts normalizeEmail),
 * in order: trimmed as JavaScript trims and lower case (`lowered`, also the raw form unusable entries
 * match on), the address inside a display name's angle brackets, without `mailto:` (`unwrapped`).
 */
export function emailForms(sql: SqlBuilder, column: string) {
	const lowered = `LOWER(${sql.jsTrimFast(sql.asText(column))})`;
	/** The text from `lowered` held in a column of the previous step (so it is computed once a row). */
	const textOf = (loweredColumn: string) => {
		const angle = `CASE WHEN ${sql.position("'<'", loweredColumn)} > 0 THEN ${sql.jsTrimFast(sql.regexGroup(loweredColumn, '<([^<>]+)>[[:space:]]*($)'))} END`;
		const unwrapped = `COALESCE(${angle}, ${loweredColumn})`;
		return `CASE WHEN SUBSTR(${unwrapped}, 1, 7) = 'mailto:' THEN SUBSTR(${unwrapped}, 8) ELSE ${unwrapped} END`;
	};
	return { lowered, textOf };
}

/**
 * Given a column `t0` with emailForms' text: as the node, text with a non-ASCII character loses its
 * invisible characters (zero-width, soft hyphen, no-break space, BOM) and is trimmed again. What is
 * still non-ASCII then (an internationalized domain the node converts to punycode, full-width
 * letters it maps) is `non_ascii`: SQL cannot reproduce it, so it never counts as a valid address.
 */
export function visibleText(sql: SqlBuilder, t0: string): string {
	return `CASE WHEN ${sql.hasNonAscii(t0)} THEN ${sql.jsTrim(sql.withoutInvisible(t0))} ELSE ${t0} END`;
}

/** Given a column `t` holding the cleaned text, the canonical form, bare form and validity. */
export function canonicalForms(sql: SqlBuilder, t: string) {
	const at = sql.position("'@'", t);
	const local = `SUBSTR(${t}, 1, ${at} - 1)`;
	const domain = `SUBSTR(${t}, ${at} + 1)`;
	const strip = (text: string, separator: string) =>
		`CASE WHEN ${sql.position(`'${separator}'`, text)} > 1 THEN SUBSTR(${text}, 1, ${sql.position(`'${separator}'`, text)} - 1) ELSE ${text} END`;
	const labelsFit = `CASE WHEN LENGTH(${t}) - ${at} <= 63 THEN TRUE ELSE NOT ${sql.regexMatches(domain, '.*[^.]{64}.*')} END`;
	const valid = `(LENGTH(${t}) <= 254 AND ${sql.regexMatches(t, EMAIL_PATTERN)} AND ${at} <= 65 AND ${labelsFit} AND ${sql.position("'..'", t)} = 0 AND SUBSTR(${t}, 1, 1) <> '.' AND ${sql.position("'.@'", t)} = 0)`;
	const yahoo = `(${domain} IN ('yahoo.com', 'ymail.com', 'rocketmail.com') OR SUBSTR(${domain}, 1, 6) = 'yahoo.')`;
	// Only a valid address is split at its @ (SUBSTR with a negative length fails in PostgreSQL).
	const canonical = `CASE
      WHEN NOT ${valid} THEN NULL
      WHEN ${domain} IN ('gmail.com', 'googlemail.com') THEN ${sql.concat(`REPLACE(${strip(local, '+')}, '.', '')`, "'@gmail.com'")}
      WHEN ${domain} IN (${PLUS_TAG_DOMAINS.map((d) => `'${d}'`).join(', ')}) THEN ${sql.concat(strip(local, '+'), "'@'", domain)}
      WHEN ${yahoo} THEN ${sql.concat(strip(local, '-'), "'@'", domain)}
      ELSE ${t} END`;
	return { valid, canonical };
}

/**
 * Whether a valid address (`t`, `valid` columns) is a role or shared mailbox as lib/records/email.ts
 * reads it: the local part up to its first + (after the first character) is one of ROLE_MAILBOXES.
 */
export function roleAccount(sql: SqlBuilder, enabled: boolean): string {
	if (!enabled) return 'FALSE';
	const at = sql.position("'@'", 't');
	const local = `SUBSTR(t, 1, ${at} - 1)`;
	const plus = sql.position("'+'", local);
	const stripped = `CASE WHEN ${plus} > 1 THEN SUBSTR(${local}, 1, ${plus} - 1) ELSE ${local} END`;
	return `CASE WHEN valid THEN ${stripped} IN (${[...ROLE_MAILBOXES].map((name) => sql.literal(name)).join(', ')}) ELSE FALSE END`;
}

