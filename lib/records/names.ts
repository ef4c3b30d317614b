// Name normalization shared by identity resolution: case, accents, punctuation, honorifics and
// common nicknames. The canonical form compares equal across "José", "jose" and "JOSE.".

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'fr', 'lord', 'lady']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'junior', 'senior', '2nd', '3rd', '4th']);
/** Generational suffixes, each to one form: they tell a father and son of one name apart. II is a junior. */
const GENERATIONS = new Map<string, string>([
	['jr', 'jr'], ['junior', 'jr'], ['ii', 'jr'], ['2nd', 'jr'],
	['sr', 'sr'], ['senior', 'sr'],
	['iii', 'iii'], ['3rd', 'iii'], ['iv', 'iv'], ['4th', 'iv'],
]);

/** Nickname -> canonical given name (common English diminutives, a few Spanish and Russian). */
const NICKNAMES: Record<string, string> = {
	bob: 'robert', bobby: 'robert', rob: 'robert', robbie: 'robert', bert: 'robert',
	bill: 'william', billy: 'william', will: 'william', willy: 'william', liam: 'william',
	jim: 'james', jimmy: 'james', jamie: 'james',
	mike: 'michael', mikey: 'michael', mick: 'michael',
	dave: 'david', davy: 'david',
	dick: 'richard', rick: 'richard', ricky: 'richard', rich: 'richard', richie: 'richard',
	tom: 'thomas', tommy: 'thomas',
	tony: 'anthony', chris: 'christopher', kit: 'christopher',
	dan: 'daniel', danny: 'daniel', joe: 'joseph', joey: 'joseph',
	jack: 'john', johnny: 'john', jon: 'john',
	ed: 'edward', eddie: 'edward', ted: 'edward', ned: 'edward',
	steve: 'stephen', steven: 'stephen', stevie: 'stephen',
	sam: 'samuel', sammy: 'samuel', ben: 'benjamin', benny: 'benjamin',
	matt: 'matthew', nick: 'nicholas', andy: 'andrew', drew: 'andrew',
	alex: 'alexander', sandy: 'alexander', greg: 'gregory', pat: 'patrick', larry: 'lawrence',
	fred: 'frederick', freddie: 'frederick', harry: 'henry', hank: 'henry', charlie: 'charles', chuck: 'charles',
	ken: 'kenneth', kenny: 'kenneth', ron: 'ronald', ronnie: 'ronald', don: 'donald', donny: 'donald',
	jeff: 'jeffrey', geoff: 'geoffrey', tim: 'timothy', timmy: 'timothy', pete: 'peter', phil: 'philip',
	vince: 'vincent', walt: 'walter', wally: 'walter', gus: 'augustus', nate: 'nathan', zach: 'zachary',
	liz: 'elizabeth', lizzie: 'elizabeth', beth: 'elizabeth', betty: 'elizabeth', betsy: 'elizabeth', eliza: 'elizabeth',
	kate: 'katherine', katie: 'katherine', kathy: 'katherine', cathy: 'catherine', kat: 'katherine',
	maggie: 'margaret', meg: 'margaret', peggy: 'margaret', marge: 'margaret',
	jenny: 'jennifer', jen: 'jennifer', jess: 'jessica', jessie: 'jessica',
	sue: 'susan', susie: 'susan', suzy: 'susan', becky: 'rebecca', becca: 'rebecca',
	patty: 'patricia', trish: 'patricia', tricia: 'patricia', debbie: 'deborah', deb: 'deborah',
	abby: 'abigail', mandy: 'amanda', vicky: 'victoria', tori: 'victoria', pam: 'pamela',
	sandra: 'alexandra', lexi: 'alexis', nikki: 'nicole', annie: 'ann', nancy: 'ann', molly: 'mary', polly: 'mary',
	dot: 'dorothy', dottie: 'dorothy', val: 'valerie', cindy: 'cynthia', terry: 'teresa', tess: 'teresa',
	sally: 'sarah', sadie: 'sarah', gabby: 'gabrielle', allie: 'allison', ally: 'allison', chrissy: 'christine',
	// Common Spanish and Russian short forms in US customer files.
	sasha: 'alexander', pepe: 'jose', paco: 'francisco', pancho: 'francisco', nacho: 'ignacio', chuy: 'jesus', lupe: 'guadalupe', beto: 'alberto',
};

const NICKNAME_MAP = new Map(Object.entries(NICKNAMES));

/** Lowercase, accents stripped (NFKD), apostrophes and dots removed, other punctuation as spaces. */
export function foldName(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = String(value)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/[æ]/g, 'ae')
		.replace(/[ø]/g, 'o')
		.replace(/['’`.]/g, '')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
	return text;
}

export interface NormalizedName {
	raw: string;
	/** Folded, without honorifics and suffixes; '' when empty. */
	normalized: string;
	/** The canonical given name for a known nickname (robert for bob), else the normalized name. */
	canonical: string;
	/** The generational suffix written with the name: 'jr' (Jr, Junior, II), 'sr', 'iii', 'iv'; '' none. */
	generation: string;
}

/** A given or family name. Honorifics (Mr, Dr) and suffixes (Jr, III) are dropped. */
export function normalizeName(value: unknown): NormalizedName {
	const raw = value === null || value === undefined ? '' : String(value);
	const tokens = foldName(raw)
		.split(' ')
		.filter((t) => t !== '');
	while (tokens.length > 1 && HONORIFICS.has(tokens[0])) tokens.shift();
	let generation = '';
	while (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1])) generation = GENERATIONS.get(tokens.pop() as string) ?? generation;
	const normalized = tokens.join(' ');
	return { raw, normalized, canonical: canonicalGivenName(normalized), generation };
}

/**
 * The generational suffix in a suffix field of its own ("Jr.", "SR", "III", "Junior"), as
 * normalizeName reads it from a name: 'jr', 'sr', 'iii', 'iv'; '' for none or another suffix (PhD).
 */
export function generationSuffix(value: unknown): string {
	let generation = '';
	for (const token of foldName(value).split(' ')) generation = GENERATIONS.get(token) ?? generation;
	return generation;
}

/** The canonical form of a given name: nickname mapped (bob -> robert), else itself. */
export function canonicalGivenName(normalized: string): string {
	const first = normalized.split(' ')[0] ?? '';
	return NICKNAME_MAP.get(first) ?? normalized;
}

/** A full name naming two people: "&", "+" or "and" between words. */
const COUPLE = /\S\s*(&|\+)\s*\S|\s(and|und|et)\s/i;
const COUPLE_WORDS = /&|\+|\b(and|und|et|mr|mrs|ms|dr)\b\.?/gi;

/**
 * Splits a full name ("Dr. Ann-Marie O'Neil Jr") into given and family names (last token is the
 * family name). "Marsh, Daniel" (family name first, as CRMs export it) is Daniel Marsh; "Daniel
 * Marsh, Jr." keeps its order (what follows the comma is only a suffix).
 */
export function splitFullName(value: unknown): { first: string; last: string; generation: string } {
	const raw = typeof value === 'string' ? value : '';
	// Two people in one name ("Mr & Mrs John Smith", "John and Mary Smith"): the family name is
	// theirs, the given name no one's (which of them wrote the record cannot be told).
	if (COUPLE.test(raw)) {
		const parts = normalizeName(raw.replace(COUPLE_WORDS, ' ')).normalized.split(' ').filter((t) => t !== '');
		return { first: '', last: parts.length > 1 ? parts[parts.length - 1] : '', generation: '' };
	}
	const comma = raw.indexOf(',');
	if (comma > 0 && raw.indexOf(',', comma + 1) < 0) {
		const family = normalizeName(raw.slice(0, comma));
		const given = normalizeName(raw.slice(comma + 1));
		const givenTokens = given.normalized.split(' ').filter((t) => t !== '' && !SUFFIXES.has(t));
		const familyTokens = family.normalized.split(' ').filter((t) => t !== '');
		if (givenTokens.length > 0 && familyTokens.length > 0) {
			return { first: givenTokens[0], last: familyTokens[familyTokens.length - 1], generation: given.generation || family.generation || generationSuffix(raw.slice(comma + 1)) };
		}
	}
	const name = normalizeName(value);
	const parts = name.normalized.split(' ').filter((t) => t !== '');
	if (parts.length === 0) return { first: '', last: '', generation: name.generation };
	if (parts.length === 1) return { first: parts[0], last: '', generation: name.generation };
	return { first: parts[0], last: parts[parts.length - 1], generation: name.generation };
}

/** American Soundex (R163 for Robert); '' for an empty name. */
export function soundex(value: string): string {
	const s = value.toLowerCase().replace(/[^a-z]/g, '');
	if (s === '') return '';
	const codes: Record<string, string> = {
		b: '1', f: '1', p: '1', v: '1',
		c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
		d: '3', t: '3', l: '4', m: '5', n: '5', r: '6',
	};
	let out = s[0].toUpperCase();
	let last = codes[s[0]] ?? '';
	for (let i = 1; i < s.length && out.length < 4; i++) {
		const c = s[i];
		const code = codes[c] ?? '';
		if (code !== '' && code !== last) out += code;
		if (c !== 'h' && c !== 'w') last = code;
	}
	return out.padEnd(4, '0');
}
