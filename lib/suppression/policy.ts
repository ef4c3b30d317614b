import type { Decision, ReasonCode, SuppressionPolicy } from './types';

/**
 * Where email marketing needs a prior opt-in: the EU/EEA (GDPR with the ePrivacy Directive), the
 * UK (PECR), Switzerland, Canada (CASL), Australia (Spam Act), New Zealand, Brazil (LGPD). A
 * starting list, not legal advice: the node lets users edit it.
 */
export const DEFAULT_OPT_IN_COUNTRIES = [
	'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
	'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'GB', 'CH', 'CA', 'AU', 'NZ', 'BR',
];

export function defaultPolicy(overrides: Partial<SuppressionPolicy> = {}): SuppressionPolicy {
	return {
		channel: 'email',
		lists: [],
		asOf: Date.now(),
		optInChannels: ['sms'],
		optInCountries: DEFAULT_OPT_IN_COUNTRIES,
		suppressRoleAccounts: true,
		testPatterns: [],
		...overrides,
	};
}

/** How many people each reason held back (a person with two reasons counts under both). */
export function countReasons(decisions: Iterable<Decision>): Partial<Record<ReasonCode, number>> & { eligible: number; suppressed: number } {
	const counts: Partial<Record<ReasonCode, number>> & { eligible: number; suppressed: number } = { eligible: 0, suppressed: 0 };
	for (const decision of decisions) {
		if (decision.eligible) counts.eligible++;
		else counts.suppressed++;
		for (const code of new Set(decision.reasons.map((r) => r.code))) counts[code] = (counts[code] ?? 0) + 1;
	}
	return counts;
}
