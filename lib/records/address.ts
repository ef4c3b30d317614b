// Light street-address normalization: folded case and accents, punctuation removed, common
// street-type and unit words abbreviated to one form ("Street"/"St." -> "st", "Apartment" -> "apt").
import { foldName } from './names';

const ABBREVIATIONS: Record<string, string> = {
	street: 'st', str: 'st', road: 'rd', avenue: 'ave', av: 'ave', boulevard: 'blvd', drive: 'dr', lane: 'ln',
	place: 'pl', court: 'ct', crescent: 'cres', circuit: 'cct', terrace: 'tce', highway: 'hwy', parkway: 'pkwy',
	square: 'sq', close: 'cl', way: 'way', circle: 'cir', mount: 'mt', north: 'n', south: 's', east: 'e', west: 'w',
	// One unit, however its designator is written ("Apt 4", "Unit 4", "Suite 4", "#4"): USPS lets "#" stand for any.
	apartment: 'apt', suite: 'apt', ste: 'apt', unit: 'apt', flat: 'apt', floor: 'fl', building: 'bldg', number: 'no',
	// Numbered streets written out ("Fifth Avenue" is "5th Ave").
	first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th', sixth: '6th', seventh: '7th', eighth: '8th', ninth: '9th',
	tenth: '10th', eleventh: '11th', twelfth: '12th',
};

export function normalizeAddress(value: unknown): string {
	// "#4", "# 4": the unit sign, which folding would drop.
	const folded = foldName(typeof value === 'string' ? value.replace(/#\s*(?=\w)/g, ' apt ') : value);
	if (folded === '') return '';
	return folded
		.split(' ')
		.map((t) => ABBREVIATIONS[t] ?? t)
		.join(' ');
}

/** Concatenates address parts (street number, lines) into one normalized street address. */
export function joinAddress(parts: unknown[]): string {
	return parts
		.map((p) => normalizeAddress(p))
		.filter((p) => p !== '')
		.join(' ');
}
