// Countries as CRM and ESP exports write them ("US", "USA", "United States", "u.s.a."), read as
// ISO 3166 alpha-2 codes so two spellings of one country agree and two countries differ.
import { foldName } from './names';

const NAMES: Record<string, string> = {
	usa: 'US', 'u s a': 'US', 'u s': 'US', us: 'US', 'united states': 'US', 'united states of america': 'US', america: 'US',
	uk: 'GB', gbr: 'GB', 'united kingdom': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
	can: 'CA', canada: 'CA', aus: 'AU', australia: 'AU', nzl: 'NZ', 'new zealand': 'NZ', irl: 'IE', ireland: 'IE',
	deu: 'DE', ger: 'DE', germany: 'DE', deutschland: 'DE', fra: 'FR', france: 'FR', esp: 'ES', spain: 'ES', espana: 'ES',
	ita: 'IT', italy: 'IT', italia: 'IT', nld: 'NL', netherlands: 'NL', holland: 'NL', 'the netherlands': 'NL', bel: 'BE', belgium: 'BE',
	che: 'CH', switzerland: 'CH', aut: 'AT', austria: 'AT', swe: 'SE', sweden: 'SE', nor: 'NO', norway: 'NO', dnk: 'DK', denmark: 'DK',
	fin: 'FI', finland: 'FI', prt: 'PT', portugal: 'PT', pol: 'PL', poland: 'PL', mex: 'MX', mexico: 'MX', bra: 'BR', brazil: 'BR', brasil: 'BR',
	ind: 'IN', india: 'IN', zaf: 'ZA', 'south africa': 'ZA', jpn: 'JP', japan: 'JP', chn: 'CN', china: 'CN', sgp: 'SG', singapore: 'SG',
};

/** The ISO alpha-2 code of a country as written ('' when empty); a name not known is kept folded, so equal spellings still agree. */
export function countryCode(value: unknown): string {
	const folded = foldName(value);
	if (folded === '') return '';
	const known = NAMES[folded];
	if (known !== undefined) return known;
	return /^[a-z]{2}$/.test(folded) ? folded.toUpperCase() : folded;
}

/**
 * `read` remembered per spelling as written (up to 10,000): a column of millions holds a few
 * hundred spellings of its countries or states.
 */
export function perSpelling(read: (value: unknown) => string): (value: unknown) => string {
	const seen = new Map<unknown, string>();
	return (value) => {
		if (value === undefined || value === null || value === '') return '';
		let code = seen.get(value);
		if (code === undefined) {
			code = read(value);
			if (seen.size < 10_000) seen.set(value, code);
		}
		return code;
	};
}

/** countryCode remembered per spelling. */
export function countryCodes(): (value: unknown) => string {
	return perSpelling(countryCode);
}
