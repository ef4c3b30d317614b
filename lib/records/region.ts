// States and provinces as CRM and ESP exports write them ("TX", "Tex.", "Texas"), read as their
// postal codes so two spellings of one state agree and two states differ: US states, DC and
// territories, Canadian provinces and territories, Australian states and territories.
import { perSpelling } from './country';
import { foldName } from './names';

const CODES: Record<string, string[]> = {
	// United States (USPS codes, the full name and the older abbreviations still typed).
	AL: ['alabama', 'ala'], AK: ['alaska'], AZ: ['arizona', 'ariz'], AR: ['arkansas', 'ark'], CA: ['california', 'calif', 'cal'],
	CO: ['colorado', 'colo'], CT: ['connecticut', 'conn'], DE: ['delaware', 'del'], DC: ['district of columbia', 'washington dc', 'washington d c', 'd c'],
	FL: ['florida', 'fla'], GA: ['georgia'], HI: ['hawaii'], ID: ['idaho'], IL: ['illinois', 'ill'], IN: ['indiana', 'ind'], IA: ['iowa'],
	KS: ['kansas', 'kan', 'kans'], KY: ['kentucky', 'ky'], LA: ['louisiana'], ME: ['maine'], MD: ['maryland'], MA: ['massachusetts', 'mass'],
	MI: ['michigan', 'mich'], MN: ['minnesota', 'minn'], MS: ['mississippi', 'miss'], MO: ['missouri'], MT: ['montana', 'mont'],
	NE: ['nebraska', 'neb', 'nebr'], NV: ['nevada', 'nev'], NH: ['new hampshire'], NJ: ['new jersey'], NM: ['new mexico'], NY: ['new york'],
	NC: ['north carolina'], ND: ['north dakota'], OH: ['ohio'], OK: ['oklahoma', 'okla'], OR: ['oregon', 'ore', 'oreg'], PA: ['pennsylvania', 'penn', 'penna'],
	RI: ['rhode island'], SC: ['south carolina'], SD: ['south dakota'], TN: ['tennessee', 'tenn'], TX: ['texas', 'tex'], UT: ['utah'],
	VT: ['vermont'], VA: ['virginia'], WA: ['washington', 'wash', 'western australia'], WV: ['west virginia', 'w va'], WI: ['wisconsin', 'wis', 'wisc'], WY: ['wyoming', 'wyo'],
	PR: ['puerto rico'], GU: ['guam'], VI: ['virgin islands', 'us virgin islands'], AS: ['american samoa'], MP: ['northern mariana islands'],
	// Canada (Canada Post codes; Quebec also PQ, Newfoundland also NF).
	AB: ['alberta', 'alta'], BC: ['british columbia'], MB: ['manitoba'], NB: ['new brunswick'], NL: ['newfoundland and labrador', 'newfoundland', 'nf', 'nfld'],
	NS: ['nova scotia'], ON: ['ontario', 'ont'], PE: ['prince edward island', 'pei'], QC: ['quebec', 'pq', 'que'], SK: ['saskatchewan', 'sask'],
	NT: ['northwest territories', 'northern territory'], NU: ['nunavut'], YT: ['yukon', 'yukon territory'],
	// Australia (the codes as written: NSW, VIC; WA and NT above).
	NSW: ['new south wales'], VIC: ['victoria'], QLD: ['queensland'], SA: ['south australia'], TAS: ['tasmania'], ACT: ['australian capital territory'],
};

const NAMES = new Map<string, string>();
for (const [code, names] of Object.entries(CODES)) {
	NAMES.set(code.toLowerCase(), code);
	for (const name of names) NAMES.set(name, code);
}

/**
 * The postal code of a state or province as written ('' when empty): "Texas", "Tex." and "tx"
 * are TX. A name not known is kept folded, so equal spellings still agree.
 */
export function stateCode(value: unknown): string {
	const folded = foldName(value);
	if (folded === '') return '';
	return NAMES.get(folded) ?? NAMES.get(folded.replace(/^state of /, '')) ?? folded;
}

/** stateCode remembered per spelling. */
export function stateCodes(): (value: unknown) => string {
	return perSpelling(stateCode);
}
