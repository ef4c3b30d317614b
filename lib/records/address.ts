// Light street-address normalization: folded case and accents, punctuation removed, common
// street-type and unit words abbreviated to one form ("Street"/"St." -> "st", "Apartment" -> "apt"),
// one unit however its designator and number are written ("Apt 4B", "Unit 4-B", "Apt #4B",
// "4B" after the street; "2nd Floor" and "Fl 2"), "Saint"/"St." and "Fort"/"Ft." one word, and
// one post office box ("PO Box", "P.O. Box", "Post Office Box").
import { foldName } from './names';

const ABBREVIATIONS: Record<string, string> = {
	street: 'st', str: 'st', road: 'rd', avenue: 'ave', av: 'ave', boulevard: 'blvd', drive: 'dr', lane: 'ln',
	place: 'pl', court: 'ct', crescent: 'cres', circuit: 'cct', terrace: 'tce', highway: 'hwy', parkway: 'pkwy',
	square: 'sq', close: 'cl', way: 'way', circle: 'cir', mount: 'mt', north: 'n', south: 's', east: 'e', west: 'w',
	// Saint before a name is written "St." as often as in full: one word, as the street type (a
	// street type follows the name, Saint precedes it, so the two never stand in one place).
	saint: 'st', fort: 'ft', sainte: 'ste',
	// One unit, however its designator is written ("Apt 4", "Unit 4", "Suite 4", "#4"): USPS lets "#" stand for any.
	apartment: 'apt', suite: 'apt', unit: 'apt', flat: 'apt', floor: 'fl', building: 'bldg', number: 'no',
	// Numbered streets written out ("Fifth Avenue" is "5th Ave").
	first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th', sixth: '6th', seventh: '7th', eighth: '8th', ninth: '9th',
	tenth: '10th', eleventh: '11th', twelfth: '12th',
};

/** Street types (abbreviated) after which a lone number or number-letter is the unit ("44 Main St 4B"). */
const STREET_TYPES = new Set(['st', 'rd', 'ave', 'blvd', 'dr', 'ln', 'pl', 'ct', 'cres', 'cct', 'tce', 'pkwy', 'sq', 'cl', 'way', 'cir']);
const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw']);
const hasDigit = (t: string): boolean => /\d/.test(t);

export function normalizeAddress(value: unknown): string {
	// "#4", "# 4": the unit sign, which folding would drop. "4-B", "B-4": one unit (or house) number.
	const text = typeof value === 'string' ? value.replace(/#\s*(?=\w)/g, ' apt ').replace(/(\d)\s*-\s*([A-Za-z])\b/g, '$1$2').replace(/\b([A-Za-z])\s*-\s*(\d)/g, '$1$2') : value;
	const folded = foldName(text);
	if (folded === '') return '';
	const raw = folded.split(' ');
	// Where a street name starts: the first word, or the one after the house number.
	const nameAt = /^\d/.test(raw[0]) ? 1 : 0;
	const tokens: string[] = [];
	for (let k = 0; k < raw.length; k++) {
		const t = raw[k];
		const next = raw[k + 1] ?? '';
		// Post office box: "po box", "p o box", "post office box", "pob", "pobox".
		if ((t === 'post' && next === 'office') || (t === 'p' && next === 'o')) {
			if (raw[k + 2] === 'box' || raw[k + 2] === 'b') {
				tokens.push('po', 'box');
				k += 2;
				continue;
			}
		}
		if (t === 'pob' || t === 'pobox' || (t === 'po' && next === 'b')) {
			tokens.push('po', 'box');
			if (t === 'po') k++;
			continue;
		}
		// "Ste" before a name at the start of the street is Sainte ("12 Ste Catherine"); elsewhere a suite.
		if (t === 'ste') {
			tokens.push(k === nameAt && /^[a-z]{2,}$/.test(next) && !STREET_TYPES.has(ABBREVIATIONS[next] ?? next) ? 'ste' : 'apt');
			continue;
		}
		const word = ABBREVIATIONS[t] ?? t;
		const last = tokens[tokens.length - 1];
		// "Apt #4", "Unit No. 4": one designator.
		if ((word === 'apt' || word === 'no') && last === 'apt') continue;
		// "2nd Floor" is "Fl 2".
		const ordinal = /^(\d+)(?:st|nd|rd|th)$/.exec(word);
		if (ordinal && (ABBREVIATIONS[next] ?? next) === 'fl') {
			tokens.push('fl', ordinal[1]);
			k++;
			continue;
		}
		// "Apt 4 B": one unit number.
		if (/^[a-z]$/.test(word) && !DIRECTIONS.has(word) && /^\d+$/.test(last ?? '') && tokens[tokens.length - 2] === 'apt' && k === raw.length - 1) {
			tokens[tokens.length - 1] = last + word;
			continue;
		}
		tokens.push(word);
	}
	// "44 Main St 4B" is "44 Main St Apt 4B": a lone number after the street type (and its direction) is the unit.
	const end = tokens.length - 1;
	if (end >= 2 && hasDigit(tokens[end])) {
		let type = end - 1;
		if (DIRECTIONS.has(tokens[type])) type--;
		if (type > nameAt && STREET_TYPES.has(tokens[type])) tokens.splice(end, 0, 'apt');
	}
	return tokens.join(' ');
}

/** Concatenates address parts (street number, lines) into one normalized street address. */
export function joinAddress(parts: unknown[]): string {
	return parts
		.map((p) => normalizeAddress(p))
		.filter((p) => p !== '')
		.join(' ');
}
