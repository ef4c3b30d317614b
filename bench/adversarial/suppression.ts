// Attacks Apply Suppression with CRM/ESP export shapes. Invariants: anyone who opted out, bounced,
// complained or is on an applicable list is never Eligible; every audience item comes out exactly once.
//   npx tsx bench/adversarial/suppression.ts [--root <worktree>] [--verbose]
import { createHash } from 'node:crypto';
import { attempt, executeNode, load, pairedCounts, Report, withExpressions, type Harm } from './common';

const { ApplySuppression } = load('nodes/ApplySuppression/ApplySuppression.node.ts');
const node = new ApplySuppression();
const report = new Report('suppression');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const AS_OF = '2025-06-01T00:00:00.000Z';
/** The person every attack is about: a Gmail address with dots and a +tag, a US mobile, a CRM ID. */
const JANE = { email: 'Jane.Doe+promo@Gmail.com', phone: '+1 415 555 0101', customerId: 'C-1001', consent: 'subscribed', country: 'US' };
/** A bystander on no list: must stay Eligible (else an attack "passes" by holding everyone). */
const BOB = { email: 'bob.stone@example.com', phone: '+1 415 555 0199', customerId: 'C-2002', consent: 'subscribed', country: 'US', timeZone: 'Asia/Tokyo' };

interface Outcome {
	eligible: boolean[];
	error?: Error;
	lost: number[];
	warnings: string;
}

async function run(audience: object[], list: object[], continueOnFail: boolean, parameters: Record<string, unknown> = {}): Promise<Outcome> {
	const rules = { asOf: AS_OF, ...((parameters.rules as object) ?? {}) };
	const { value, error } = await attempt(() => executeNode(node, { parameters: { channel: 'email', ...parameters, rules }, inputs: [audience, list], continueOnFail }));
	if (error || !value) return { eligible: [], error, lost: [], warnings: '' };
	const eligibleCounts = pairedCounts([value.outputs[0]]);
	const all = pairedCounts(value.outputs.slice(0, 2));
	const lost = audience.map((_, i) => i).filter((i) => all.get(i) !== 1);
	const warnings = JSON.stringify(value.hints) + JSON.stringify(value.outputs.flat().map((item: any) => item.json?.suppression?.warnings ?? []));
	return { eligible: audience.map((_, i) => eligibleCounts.get(i) === 1), lost, warnings };
}

/**
 * The person at index 0 must not be Eligible, with Continue On Fail on and off. With it off the
 * node may stop instead (that contacts nobody); with it on it must not crash or lose items.
 */
async function mustHold(id: string, harm: Harm, title: string, person: object, list: object[], responsible: string, parameters: Record<string, unknown> = {}) {
	const audience = [person, BOB];
	for (const continueOnFail of [true, false]) {
		const tag = `${id}${continueOnFail ? '' : ' (CoF off)'}`;
		const out = await run(audience, list, continueOnFail, parameters);
		const input = { audience: person, list, parameters, continueOnFail };
		if (out.error) {
			report.check(!continueOnFail, { id: tag, harm: 'lost', title: `${title}: node threw with Continue On Fail`, input, expected: 'items out, person held', got: out.error.message, responsible });
			continue;
		}
		report.check(!out.eligible[0], { id: tag, harm, title, input, expected: 'person 0 not Eligible', got: 'Eligible', responsible });
		report.check(out.lost.length === 0, { id: `${tag} lost`, harm: 'lost', title: `${title}: audience items lost or duplicated`, input, expected: 'each audience item once', got: out.lost, responsible });
		if (continueOnFail) {
			report.check(out.eligible[1], { id: `${tag} bystander`, harm: 'split', title: `${title}: bystander not on any list held back`, input, expected: 'Bob Eligible', got: 'held', responsible });
		}
	}
}

/** The person at index 0 should be Eligible (a control that the attack is not trivially passed). */
async function shouldPass(id: string, title: string, person: object, list: object[], parameters: Record<string, unknown> = {}) {
	const out = await run([person, BOB], list, true, parameters);
	report.check(!out.error && out.eligible[0] === true, {
		id,
		harm: 'split',
		title,
		input: { audience: person, list, parameters },
		expected: 'Eligible (over-suppression otherwise)',
		got: out.error?.message ?? 'held',
	});
}

const CONSENT = 'lib/suppression/decide.ts resolveConsent / consentStatus, lib/records date reader';
const LIST = 'lib/suppression/listIndex.ts buildSuppressionIndex';

async function optOutDates() {
	// Opted in mid-2023, then opted out on a later date written the way an export writes it.
	const laterOptOuts: Array<[string, unknown]> = [
		['YYYYMMDD string', '20240115'],
		['YYYYMMDD number', 20240115],
		['epoch seconds string', '1700000000'],
		['epoch seconds number', 1700000000],
		['epoch ms number', 1700000000000],
		['epoch ms string', '1700000000000'],
		['epoch seconds with fraction (Python)', '1709287200.123'],
		['US slash date', '03/04/2024'],
		['day-first slash date', '15/03/2024'],
		['offset +05:30', '2024-03-01T00:00:00+05:30'],
		['Salesforce +0000', '2024-03-01T10:00:00.000+0000'],
		['BigQuery UTC suffix', '2024-03-01 10:00:00 UTC'],
		['microseconds', '2024-03-01T10:00:00.123456Z'],
		['SQL datetime', '2024-03-01 10:00:00'],
		['Excel serial 45292 (2024-01-01)', 45292],
		['padded ISO', '  2025-03-01 '],
		['long English', 'March 3, 2024'],
		['RFC 2822', 'Fri, 01 Mar 2024 10:00:00 GMT'],
		['YYYYMMDDHHMM number', 202403011030],
		['YYYYMMDDHHMM string', '202403011030'],
		['YYYYMMDDHHMMSS string (SAP/Oracle)', '20240301103000'],
		['YYYYMMDD HH:MM', '20240301 10:30'],
	];
	for (const [label, value] of laterOptOuts) {
		await mustHold(`optedOutAt ${label}`, 'contact', `opt-out (${label}) after a 2023 opt-in lets the person through`, { ...JANE, optedInAt: '2023-06-01T00:00:00Z', optedOutAt: value }, [], CONSENT);
	}
	// A European CRM's day-first opt-out (3 April) after a 10 March opt-in: a node without a Date
	// Order must not read it month-first (4 March, before the opt-in) and send.
	for (const value of ['03.04.2024', '03/04/2024', '03-04-2024']) {
		await mustHold(`optedOutAt day-first ${value} after 2024-03-10 opt-in`, 'contact', `ambiguous day/month opt-out ${value} read month-first, older than the opt-in`, { ...JANE, optedInAt: '2024-03-10T00:00:00Z', optedOutAt: value }, [], CONSENT);
	}
	// Dates that are not dates: an opt-out is on record, so it must hold the person back.
	const unreadable: Array<[string, unknown]> = [
		['impossible 2024-02-30', '2024-02-30'],
		['month 13', '2024-13-01'],
		['MySQL zero date', '0000-00-00'],
		['free text', 'yes'],
	];
	for (const [label, value] of unreadable) {
		await mustHold(`optedOutAt ${label}`, 'contact', `unreadable opt-out date (${label}) after an opt-in lets the person through`, { ...JANE, optedInAt: '2023-06-01T00:00:00Z', optedOutAt: value }, [], CONSENT);
	}
	// Missing markers beside a status that says unsubscribed: the status must still win.
	for (const marker of ['NULL', 'None', '#N/A', 'null', 'n/a', '-', 'NaT', '']) {
		await mustHold(`optedOutAt marker ${JSON.stringify(marker)} + unsubscribed`, 'contact', 'unsubscribed status beside a missing-marker date lets the person through', { ...JANE, consent: 'unsubscribed', optedInAt: '2023-06-01T00:00:00Z', optedOutAt: marker }, [], CONSENT);
	}
	// Opt-in dates that are not a past opt-in must not make a DE contact (opt-in required) eligible.
	const badOptIns: Array<[string, unknown]> = [
		['impossible 2024-02-30', '2024-02-30'],
		['MySQL zero date', '0000-00-00'],
		['future YYYYMMDD string', '20991231'],
		['future YYYYMMDD number', 20991231],
		['future day-first', '31/12/2099'],
		['future epoch seconds', 4102444800],
		['future epoch ms string', '4102444800000'],
		['#N/A', '#N/A'],
		['NULL', 'NULL'],
		['None', 'None'],
	];
	for (const [label, value] of badOptIns) {
		await mustHold(`optedInAt ${label} (DE)`, 'contact', `an opt-in date (${label}) that is no past opt-in makes a DE contact eligible`, { ...JANE, consent: '', country: 'DE', optedInAt: value }, [], CONSENT);
	}
}

async function consentWords() {
	// Words that mean "do not send" in the vendor's own export: held back in every country.
	const optedOut = [
		'unsubscribed', 'UNSUBSCRIBED', 'Unsubscribed', ' unsubscribed ', 'unsubscribe', 'opted-out', 'opted_out', 'OPTED_OUT', 'opt out',
		'cleaned', 'SPAM_COMPLAINT', 'spam_report', 'NOT_SUBSCRIBED', 'N', 'n', 'no', 'NO', 'false', 'FALSE', 'False', 'f', 'F', '0', 0, false,
		'unsubscribed\u200b', ['unsubscribed'],
		// Phrases and shapes a CRM export carries that no word list holds (issue #13 allows a warning
		// outside opt-in channels for unknown words: listed so the lead sees what that lets through).
		'Unsubscribed from all email', 'DoNotEmail', 'Email Opt Out', 'unsubscribed (global)', 'Opted out of all email', 'No.', { status: 'unsubscribed' },
	];
	for (const word of optedOut) {
		await mustHold(`consent ${JSON.stringify(word)} (US email)`, 'contact', `consent ${JSON.stringify(word)} is not read as an opt-out`, { ...JANE, consent: word }, [], 'lib/suppression/decide.ts consentStatus');
	}
	// Anything short of an explicit opt-in must hold a DE contact back (opt-in country).
	const notOptIn = ['pending', 'transactional', 'archived', 'cleaned', 'NEVER_SUBSCRIBED', 'NOT_SUBSCRIBED', 'unknown', 'maybe', 'non_subscribed', 'UNSUBSCRIBED', 'opted_out'];
	for (const word of notOptIn) {
		await mustHold(`consent ${JSON.stringify(word)} (DE)`, 'contact', `consent ${JSON.stringify(word)} counts as an opt-in where one is required`, { ...JANE, country: 'DE', consent: word }, [], 'lib/suppression/decide.ts consentStatus');
	}
	for (const word of notOptIn) {
		await mustHold(`consent ${JSON.stringify(word)} (SMS)`, 'contact', `consent ${JSON.stringify(word)} counts as an SMS opt-in`, { ...JANE, consent: word }, [], 'lib/suppression/decide.ts consentStatus', {
			channel: 'sms',
			rules: { defaultRegion: 'US' },
		});
	}
	// Vendors' opt-in words must let a DE contact through (else the node is unusable there).
	for (const word of ['subscribed', 'SUBSCRIBED', 'opted_in', 'Opted In', 'true', 'TRUE', '1', 'yes', 'Y', 't']) {
		await shouldPass(`consent ${JSON.stringify(word)} accepted (DE)`, `opt-in word ${JSON.stringify(word)} not recognised: contact held`, { ...JANE, country: 'DE', consent: word }, []);
	}
}

async function bouncesAndComplaints() {
	for (const value of ['t', 'T', 'Y', 'y', 'yes', 'TRUE', 'True', '1', 1, true, 'hard', 'Hard Bounce', 'hard_bounce', 'bounced', 'HARD']) {
		await mustHold(`bounced ${JSON.stringify(value)}`, 'contact', `bounced ${JSON.stringify(value)} not read as a hard bounce`, { ...JANE, bounced: value }, [], 'lib/suppression/decide.ts truthy');
	}
	for (const value of ['t', 'Y', 'yes', 'TRUE', '1', 'spam_report', 'SPAM_COMPLAINT', 'abuse']) {
		await mustHold(`complained ${JSON.stringify(value)}`, 'contact', `complained ${JSON.stringify(value)} not read as a complaint`, { ...JANE, complained: value }, [], 'lib/suppression/decide.ts truthy');
	}
}

async function listIdentifiers() {
	const entries: Array<[string, object]> = [
		['upper case with spaces', { email: '  JANE.DOE@GMAIL.COM ' }],
		['Gmail without dots', { email: 'janedoe@gmail.com' }],
		['googlemail alias', { email: 'jane.doe@googlemail.com' }],
		['other +tag', { email: 'jane.doe+other@gmail.com' }],
		['one-element array', { email: ['jane.doe@gmail.com'] }],
		['one-element array + other customer ID', { email: ['jane.doe@gmail.com'], customerId: 'C-9999' }],
		['two-element array', { email: ['old@example.org', 'jane.doe@gmail.com'] }],
		['comma-separated emails', { email: 'old@example.org, jane.doe@gmail.com' }],
		['semicolon-separated emails', { email: 'old@example.org;jane.doe@gmail.com' }],
		['display-name form', { email: '"Jane Doe" <jane.doe@gmail.com>' }],
		['mailto: prefix', { email: 'mailto:jane.doe@gmail.com' }],
		['trailing zero-width space', { email: 'jane.doe@gmail.com\u200b' }],
		['nested {value}', { email: { value: 'jane.doe@gmail.com' } }],
		['customer ID array', { customerId: ['C-1001'] }],
		['customer ID padded', { customerId: ' C-1001 ' }],
		['phone array', { phone: ['+14155550101'] }],
		['phone with extension + customer ID', { phone: '415.555.0101 ext 2', customerId: 'C-1001' }],
		['phone "n/a" + customer ID', { phone: 'n/a', customerId: 'C-1001' }],
		['bad email + valid phone', { email: 'jane.doe@', phone: '+14155550101' }],
		['IDN email + customer ID', { email: 'jane@bücher.de', customerId: 'C-1001' }],
		['bad hash + customer ID', { sha256: 'abc123', customerId: 'C-1001' }],
		['bad expiry + email', { email: 'jane.doe@gmail.com', expiresAt: 'soon' }],
		['hash of Gmail canonical (Customer Match)', { sha256: sha('janedoe@gmail.com') }],
		['hash of raw lowercase with +tag', { sha256: sha('jane.doe+promo@gmail.com') }],
		['hash of dotted address without the +tag', { sha256: sha('jane.doe@gmail.com') }],
		['hash of E.164 phone', { sha256: sha('+14155550101') }],
		['hash of phone without +', { sha256: sha('14155550101') }],
	];
	for (const [label, entry] of entries) await mustHold(`list ${label}`, 'contact', `list entry (${label}) does not suppress the person it names`, JANE, [entry], LIST);
	// Hash shapes, against a plain address (no +tag) so only the hash's form is under test.
	const plain = { ...JANE, email: 'Jane.Doe@gmail.com' };
	const hashes: Array<[string, object]> = [
		['uppercase hex', { sha256: sha('jane.doe@gmail.com').toUpperCase() }],
		['hex with whitespace', { sha256: `  ${sha('jane.doe@gmail.com')}\n` }],
		['hex with sha256: prefix', { sha256: `sha256:${sha('jane.doe@gmail.com')}` }],
		['hex in the email column', { email: sha('jane.doe@gmail.com') }],
		['wrong-length hex + customer ID', { sha256: sha('jane.doe@gmail.com').slice(0, 63), customerId: 'C-1001' }],
	];
	for (const [label, entry] of hashes) await mustHold(`list hash ${label}`, 'contact', `hashed entry (${label}) does not suppress the person it names`, plain, [entry], LIST);
	// The same inbox written in Unicode on one side and in punycode on the other.
	await mustHold('list IDN unicode vs audience punycode', 'contact', 'IDN list entry does not suppress the punycode address', { ...JANE, email: 'anna@xn--bcher-kva.de' }, [{ email: 'anna@bücher.de' }], LIST);
	await mustHold('list punycode vs audience IDN', 'contact', 'punycode list entry does not suppress the IDN address', { ...JANE, email: 'anna@bücher.de' }, [{ email: 'anna@xn--bcher-kva.de' }], LIST);
	// An unusable entry beside a usable one: the usable one must still apply.
	await mustHold('list unusable entry first', 'contact', 'an unusable entry stops a later valid entry from applying', JANE, [{ email: { value: 'x' } }, { email: 'jane.doe@gmail.com' }], LIST);
	// Audience side shapes.
	await mustHold('audience email array', 'contact', 'audience email as a one-element array escapes the list', { ...JANE, email: ['Jane.Doe@gmail.com'] }, [{ email: 'jane.doe@gmail.com' }], 'lib/suppression/decide.ts decide');
	await mustHold('audience customerId number', 'contact', 'audience customer ID 1001 (number) escapes list "1001"', { ...JANE, customerId: 1001 }, [{ customerId: '1001' }], 'lib/suppression/decide.ts decide');
	await mustHold('audience customerId pandas float', 'contact', 'list customer ID "1001.0" (pandas export) does not match 1001', { ...JANE, customerId: 1001 }, [{ customerId: '1001.0' }], 'lib/suppression/listIndex.ts');
	// SMS sends: the list's phone in national formats.
	const sms = { channel: 'sms', rules: { defaultRegion: 'US' } };
	for (const phone of ['(415) 555-0101', '415-555-0101', 14155550101, '001 415 555 0101', '+1 415 555 0101 ', '1-415-555-0101']) {
		await mustHold(`list phone ${JSON.stringify(phone)} (SMS)`, 'contact', `list phone ${JSON.stringify(phone)} does not suppress an SMS send`, { ...JANE, phone: '4155550101' }, [{ phone }], LIST, sms);
	}
}

async function scopes() {
	const applying = ['ALL', 'all', '*', ' global ', 'Global', 'GLOBAL', 'EMAIL', ' email ', 'email,sms', 'Email', 'NEWSLETTER', ' newsletter', 'any'];
	for (const scope of applying) {
		await mustHold(`scope ${JSON.stringify(scope)}`, 'contact', `entry scoped ${JSON.stringify(scope)} ignored on an email send to list "newsletter"`, JANE, [{ email: 'jane.doe@gmail.com', scope }], 'lib/suppression/listIndex.ts / decide.ts addHit', { lists: 'newsletter' });
	}
	for (const scope of ['SMS', ' sms ', 'text', 'TEXT_MESSAGE', 'all']) {
		await mustHold(`scope ${JSON.stringify(scope)} (SMS)`, 'contact', `entry scoped ${JSON.stringify(scope)} ignored on an SMS send`, { ...JANE, phone: '4155550101' }, [{ phone: '+14155550101', scope }], 'lib/suppression scope reading', {
			channel: 'sms',
			rules: { defaultRegion: 'US' },
		});
	}
	// An unknown scope may not apply, but never silently.
	for (const scope of ['marketing', 'brand-b', 'transactional']) {
		const out = await run([JANE, BOB], [{ email: 'jane.doe@gmail.com', scope }], true, { lists: 'newsletter' });
		const warned = /scope|unknown/i.test(out.warnings) || out.eligible[0] === false;
		report.check(warned, {
			id: `scope ${JSON.stringify(scope)} silent`,
			harm: 'contact',
			title: `entry with unknown scope ${JSON.stringify(scope)} ignored without a warning`,
			input: { list: [{ email: 'jane.doe@gmail.com', scope }], lists: 'newsletter' },
			expected: 'held or a warning naming the scope',
			got: 'Eligible, no warning',
			responsible: 'lib/suppression/decide.ts addHit',
		});
	}
}

async function expiries() {
	const stillApplies: Array<[string, unknown]> = [
		['YYYYMMDD string', '20991231'],
		['YYYYMMDD number', 20991231],
		['ISO', '2099-12-31'],
		['US slash', '12/31/2099'],
		['day-first slash', '31/12/2099'],
		['epoch seconds', 4102444800],
		['epoch ms', 4102444800000],
		['Excel serial', 73050],
		['impossible date', '2099-02-30'],
		['month 13', '2099-13-01'],
		['never', 'never'],
		['MySQL zero date', '0000-00-00'],
		['NULL', 'NULL'],
		['None', 'None'],
		['#N/A', '#N/A'],
		['zero', 0],
		['"0"', '0'],
		['Infinity text', 'Infinity'],
		['-1 (never, in many systems)', -1],
		['"-1"', '-1'],
		['YYYYMMDDHHMM number', 209912312359],
		['YYYYMMDDHHMM string', '209912312359'],
		['9999-12-31 (SQL max date)', '9999-12-31'],
		['9999-12-31T23:59:59Z', '9999-12-31T23:59:59Z'],
		['padded ISO', ' 2099-12-31 '],
	];
	for (const [label, expiresAt] of stillApplies) {
		await mustHold(`expiresAt ${label}`, 'contact', `entry expiring ${JSON.stringify(expiresAt)} treated as expired`, JANE, [{ email: 'jane.doe@gmail.com', expiresAt }], 'lib/suppression/listIndex.ts expiresAt (date reader)');
	}
	await shouldPass('expiresAt past ISO', 'an entry that expired in 2020 still holds the person', JANE, [{ email: 'jane.doe@gmail.com', expiresAt: '2020-01-01' }]);
	await shouldPass('expiresAt past YYYYMMDD', 'an entry that expired 20200101 still holds the person', JANE, [{ email: 'jane.doe@gmail.com', expiresAt: '20200101' }]);
}

async function caps() {
	// Two sends in the last week, cap 2 per 7 days, decision on 2025-06-01: held, whatever the time format.
	const cap = { rules: { frequencyCapMax: 2, frequencyCapDays: 7 } };
	const histories: Array<[string, unknown]> = [
		['YYYYMMDD strings', ['20250530', '20250531']],
		['YYYYMMDD numbers', [20250530, 20250531]],
		['epoch seconds strings', ['1748563200', '1748649600']],
		['epoch seconds numbers', [1748563200, 1748649600]],
		['SQL datetimes', ['2025-05-30 09:00:00', '2025-05-31 09:00:00']],
		['send log records with sent_at', [{ channel: 'email', sent_at: '2025-05-30T09:00:00Z' }, { channel: 'email', sent_at: '2025-05-31T09:00:00Z' }]],
		['send log with channel EMAIL', [{ channel: 'EMAIL', at: '2025-05-30T09:00:00Z' }, { channel: 'Email', at: '2025-05-31T09:00:00Z' }]],
		['JSON text array (warehouse column)', '["2025-05-30T09:00:00Z","2025-05-31T09:00:00Z"]'],
		['comma-separated text', '2025-05-30T09:00:00Z,2025-05-31T09:00:00Z'],
	];
	for (const [label, sends] of histories) {
		await mustHold(`frequency cap ${label}`, 'overcontact', `send history as ${label} not counted against the cap`, { ...JANE, sends }, [], 'lib/suppression/decide.ts sendsOnChannel / date reader', cap);
	}
	// Quiet hours (21-8 local) at 2025-06-01T04:00Z: 23:00-00:00 in these zones (13:00 for the bystander in Tokyo).
	const quiet = { rules: { quietStart: 21, quietEnd: 8, asOf: '2025-06-01T04:00:00Z' } };
	for (const timeZone of ['EST', 'UTC-5', 'America/New_York ', 'GMT-4', 'Eastern Time (US & Canada)', 'US/Eastern', '-05:00']) {
		await mustHold(`quiet hours zone ${JSON.stringify(timeZone)}`, 'overcontact', `time zone ${JSON.stringify(timeZone)} lets a night send through`, { ...JANE, timeZone }, [], 'lib/suppression/decide.ts localHour', quiet);
	}
}


/**
 * Exports whose columns are not named the way the node's field parameters default: a Mailchimp
 * unsubscribe export ("Email Address"), a HubSpot export ("Email"), a CRM column "Consent".
 * Expectation: Jane (who is on the list / unsubscribed) is not Eligible, with Continue On Fail on.
 * Why: with Continue On Fail every list entry becomes an error item on the Suppressed output and
 * the audience goes out unsuppressed; a list that suppresses nobody because not one entry could be
 * read (or a consent column that differs from the parameter only in case) is a mapping mistake the
 * node can see, and a wrong answer here contacts someone (CONTRIBUTING: fail closed).
 */
async function fieldNameMismatches() {
	const plain = { ...JANE, email: 'jane.doe@gmail.com' };
	const lists: Array<[string, object[]]> = [
		['Mailchimp "Email Address" column', [{ 'Email Address': 'jane.doe@gmail.com', 'UNSUB_TIME': '2025-03-02 10:00:00' }, { 'Email Address': 'old.friend@example.org', 'UNSUB_TIME': '2025-03-03 10:00:00' }]],
		['HubSpot "Email" column', [{ Email: 'jane.doe@gmail.com' }, { Email: 'old.friend@example.org' }]],
		['SendGrid suppression export ("email" nested under "recipient")', [{ recipient: { email: 'jane.doe@gmail.com' }, created: 1700000000 }]],
	];
	for (const [label, list] of lists) {
		const out = await run([plain, BOB], list, true);
		report.check(!!out.error || out.eligible[0] === false, {
			id: `list every entry unreadable: ${label}`,
			harm: 'contact',
			title: `a suppression list where no entry can be read (${label}) suppresses nobody; with Continue On Fail the send goes out`,
			input: { audience: plain, list },
			expected: 'the node stops (or holds everyone) when not one list entry is usable',
			got: out.error?.message ?? (out.eligible[0] ? 'Jane Eligible' : 'held'),
			responsible: 'nodes/ApplySuppression/ApplySuppression.node.ts (list errors routed to Suppressed under Continue On Fail)',
		});
	}
	const out = await run([{ ...plain, Consent: 'unsubscribed' }, BOB], [], true);
	report.check(out.eligible[0] === false || /consent/i.test(out.warnings), {
		id: 'consent column "Consent" (case differs)',
		harm: 'contact',
		title: 'an unsubscribed person whose consent column is "Consent" (parameter "consent") comes out Eligible without a warning',
		input: { audience: { ...plain, Consent: 'unsubscribed' } },
		expected: 'held, or a warning that "consent" is missing while "Consent" exists',
		got: out.eligible[0] ? 'Eligible, no warning' : 'held',
		responsible: 'nodes/ApplySuppression (field near-miss not detected)',
	});
}


/**
 * A field dragged from the input panel into a field-name parameter: n8n writes `={{ $json.X }}`,
 * which evaluates to item 0's value ("unsubscribed", an address), not the name "X". Expectation:
 * the unsubscribed person is not Eligible (the node refuses the expression, reads it as the field
 * name, or holds). Why: read as a field name, "unsubscribed" exists on nobody, consent is missing,
 * and a US email send goes out (CONTRIBUTING: fail closed where a wrong answer contacts someone).
 */
async function draggedFields() {
	const dragged = withExpressions(node);
	const audience = [
		{ email: 'jane.doe@gmail.com', marketing_status: 'unsubscribed', country: 'US' },
		{ email: 'bob.stone@example.com', marketing_status: 'subscribed', country: 'US' },
	];
	const cases: Array<[string, Record<string, unknown>, object[], object[]]> = [
		['consent', { audienceFields: { consent: '={{ $json.marketing_status }}', consentField: '={{ $json.marketing_status }}' } }, audience, []],
		['email (audience)', { audienceFields: { email: '={{ $json.email }}', emailField: '={{ $json.email }}' } }, audience.map((a) => ({ ...a, marketing_status: 'subscribed' })), [{ email: 'jane.doe@gmail.com' }]],
		['email (list)', { listFields: { email: '={{ $json.email }}', emailField: '={{ $json.email }}' } }, audience.map((a) => ({ ...a, marketing_status: 'subscribed' })), [{ email: 'jane.doe@gmail.com' }]],
	];
	for (const [label, parameters, people, list] of cases) {
		const { value, error } = await attempt(() =>
			executeNode(dragged, { parameters: { channel: 'email', rules: { asOf: AS_OF }, ...parameters }, inputs: [people, list], continueOnFail: true }),
		);
		const eligible = value ? value.outputs[0].some((item: any) => (item.pairedItem?.input ?? 0) === 0 && item.pairedItem?.item === 0) : false;
		report.check(!!error || !eligible, {
			id: `dragged ${label} field`,
			harm: 'contact',
			title: `${label} field dragged in as an expression ({{ $json.… }} = item 0's value): the person on the list / unsubscribed comes out Eligible`,
			input: { parameters, people, list },
			expected: 'the node stops, or reads the field the expression names, or holds Jane',
			got: error?.message ?? (eligible ? 'Jane Eligible' : 'held'),
			responsible: 'field-name parameters (nodes/shared/parameters.ts fieldNameParameter / drag detection)',
		});
	}
}

async function main() {
	await shouldPass('control', 'the plain subscribed person is held with an empty list', JANE, []);
	await optOutDates();
	await consentWords();
	await bouncesAndComplaints();
	await listIdentifiers();
	await scopes();
	await expiries();
	await caps();
	await fieldNameMismatches();
	await draggedFields();
	report.finish();
}

void main();
