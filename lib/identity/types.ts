// Shapes shared by the identity stages.

/** One input record, as mapped from an item. Missing fields are undefined or ''. */
export interface IdentityInput {
	key: string;
	source?: string;
	email?: unknown;
	phone?: unknown;
	firstName?: unknown;
	lastName?: unknown;
	/** A full name, used to fill first/last name when those are empty. */
	fullName?: unknown;
	/** A name suffix in a field of its own (Salesforce's Suffix: "Jr.", "Sr.", "III"): Jr and Sr are two people. */
	suffix?: unknown;
	dob?: unknown;
	street?: unknown;
	city?: unknown;
	postcode?: unknown;
	state?: unknown;
	country?: unknown;
	gender?: unknown;
	/** Other exact identifiers (customer ID, loyalty number, national ID): name -> value. */
	ids?: Record<string, unknown>;
	/** Other descriptive attributes compared fuzzily (occupation, birth place): name -> value. */
	attributes?: Record<string, unknown>;
	updatedAt?: unknown;
}

/** A flag raised on a record while normalizing or applying guardrails. */
export interface RecordFlag {
	field: string;
	reason: string;
}
