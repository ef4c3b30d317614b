export { normalizeEmail, ROLE_MAILBOXES, withoutPlusTag, type NormalizedEmail } from './email';
export { callingCodeOf, nationalDialledDigits, normalizePhone, type CountryCode, type NormalizedPhone } from './phone';
export { isSha256Hex, sha256Hex } from './hash';
export {
	DAY_MS,
	expectedInstant,
	isCalendarDate,
	isMissingValue,
	MISSING_MARKERS,
	KEY_INVISIBLE,
	FULL_WIDTH_ASCII,
	UNICODE_DASHES,
	isoToDays,
	normalizeDate,
	readBoolean,
	readConsent,
	readInstant,
	readInstantSpan,
	isDayOnly,
	readKey,
	readPresentKey,
	EMPTY_KEY_TEXTS,
	readNumber,
	toEpochMs,
	valueKind,
	type ConsentReading,
	type DateOptions,
	type DateOrder,
	type NormalizedDate,
} from './values';
export { canonicalGivenName, foldName, normalizeName, soundex, splitFullName, type NormalizedName } from './names';
export { countryCode, countryCodes } from './country';
export { stateCode, stateCodes } from './region';
export { normalizePostcode, type NormalizedPostcode } from './postcode';
export { joinAddress, normalizeAddress } from './address';
