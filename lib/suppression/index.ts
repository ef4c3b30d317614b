export type {
	AudienceMember,
	Channel,
	ConsentStatus,
	Decision,
	FrequencyCap,
	QuietHours,
	Reason,
	ReasonCode,
	SuppressionPolicy,
	SuppressionRecord,
} from './types';
export { buildSuppressionIndex, SuppressionIndex, type EntryProblem, type IdentifierKind, type IndexedEntry } from './listIndex';
export { consentStatus, decide, localHour, resolveConsent } from './decide';
export { countReasons, DEFAULT_OPT_IN_COUNTRIES, defaultPolicy } from './policy';
export { applyHouseholdRules, type HouseholdReasonCode, type HouseholdRules } from './household';
