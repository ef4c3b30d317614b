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
export { buildSuppressionIndex, entryScope, repairedAddresses, repairedPhones, SuppressionIndex, type EntryProblem, type IdentifierKind, type IndexedEntry } from './listIndex';
export { consentStatus, decide, isKnownScope, localHour, resolveConsent, type ConsentResolution } from './decide';
export { countReasons, DEFAULT_OPT_IN_COUNTRIES, defaultPolicy } from './policy';
export { applyHouseholdRules, type HouseholdReasonCode, type HouseholdRules } from './household';
export { FieldVariants, foldFieldName, ListFieldVariants, type FieldVariant, type ListField } from './fieldVariants';
