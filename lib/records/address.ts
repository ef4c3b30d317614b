// Light street-address normalization: folded case and accents, punctuation removed, common
// street-type and unit words abbreviated to one form ("Street"/"St." -> "st", "Apartment" -> "apt").
import { foldName } from './names';

const ABBREVIATIONS: Record<string, string> = {
	street: 'st', str: 'st', road: 'rd', avenue: 'ave', av: 'ave', boulevard: 'blvd', drive: 'dr', lane: 'ln',
	place: 'pl', court: 'ct', crescent: 'cres', circuit: 'cct', terrace: 'tce', highway: 'hwy', parkway: 'pkwy',
	square: 'sq', close: 'cl', way: 'way', circle: 'cir', mount: 'mt', north: 'n', south: 's', east: 'e', west: 'w',
	apartment: 'apt', suite: 'ste', unit: 'unit', floor: 'fl', building: 'bldg', number: 'no',
};

export function normalizeAddress(value: unknown): string {
	const folded = foldName(value);
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
