export { normalizeEmail, ROLE_MAILBOXES, withoutPlusTag, type NormalizedEmail } from './email';
export { normalizePhone, type CountryCode, type NormalizedPhone } from './phone';
export { isSha256Hex, sha256Hex } from './hash';
export { toEpochMs } from './instant';
export { canonicalGivenName, foldName, normalizeName, soundex, splitFullName, type NormalizedName } from './names';
export { isoToDays, normalizeDate, type DateOptions, type NormalizedDate } from './dates';
export { normalizePostcode, type NormalizedPostcode } from './postcode';
export { joinAddress, normalizeAddress } from './address';
