// Postcodes: uppercase, no spaces or dashes; US ZIP+4 cut to the 5-digit ZIP, and a US ZIP that lost
// its leading zeros padded back; UK postcodes keep their canonical single space ("SW1A 1AA").

export interface NormalizedPostcode {
	raw: string;
	normalized: string | null;
}

export function normalizePostcode(value: unknown, country?: string): NormalizedPostcode {
	const raw = value === null || value === undefined ? '' : String(value);
	const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
	if (compact === '') return { raw, normalized: null };
	const c = (country ?? '').toUpperCase();
	if ((c === 'US' || c === '') && /^\d{9}$/.test(compact) && /^\d{5}[-\s]?\d{4}$/.test(raw.trim())) {
		return { raw, normalized: compact.slice(0, 5) };
	}
	// A US ZIP kept as a number in a spreadsheet loses its leading zeros (02134 -> 2134): only for
	// the US, where every ZIP has five digits (a 4-digit postcode is whole in Australia or Denmark).
	if (c === 'US' && /^\d{3,4}$/.test(compact)) return { raw, normalized: compact.padStart(5, '0') };
	if ((c === 'GB' || c === 'UK' || c === '') && /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) {
		return { raw, normalized: `${compact.slice(0, -3)} ${compact.slice(-3)}` };
	}
	return { raw, normalized: compact };
}
