// Salesforce REST API, sObject Collections update.
// Followed: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
//   PATCH /services/data/vXX.X/composite/sobjects
//   {"allOrNone": false, "records": [{"attributes": {"type": "Contact"}, "id": "003...", "HasOptedOutOfEmail": true}]}
// Up to 200 records per request; the response is an array in request order (matched here by id):
//   [{"id": "...", "success": true, "errors": []}, {"success": false, "errors": [{"statusCode", "message", "fields"}]}]
// Limits: a rolling 24-hour API request allocation per org and 25 concurrent long-running requests;
// no per-second figure, so the client caps concurrency only.
import type { OptOutEvent } from '../types';
import { coversEmail, joinUrl, JSON_HEADERS, parseJson, type Connector, type EventVerdict } from './types';

export interface SalesforceOptions {
	instanceUrl: string;
	apiVersion?: string;
	/** Contact, Lead, or auto (by record-ID prefix: 003 Contact, 00Q Lead). */
	sobject?: 'Contact' | 'Lead' | 'auto';
}

type SalesforceResult = { id?: unknown; success?: unknown; errors?: Array<{ statusCode?: string; message?: string }> };

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const NOT_FOUND_CODES = new Set(['ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY', 'MALFORMED_ID', 'INVALID_ID_FIELD', 'NOT_FOUND']);
const RETRYABLE_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG', 'SERVER_UNAVAILABLE']);

export function salesforceConnector(options: SalesforceOptions): Connector {
	const version = (options.apiVersion ?? 'v62.0').replace(/^(\d)/, 'v$1');
	const typeOf = (event: OptOutEvent): string => {
		if (options.sobject && options.sobject !== 'auto') return options.sobject;
		return event.customerId!.startsWith('00Q') ? 'Lead' : 'Contact';
	};
	return {
		destination: 'salesforce',
		// "The list can contain up to 200 objects" (sObject Collections update).
		maxBatch: 200,
		// Only a 24-hour org allocation and 25 concurrent long-running requests are documented.
		limits: { windows: [], concurrency: 10 },
		expectJson: true,
		expectedAnswer: '[{"id", "success", "errors"}] in request order',
		precheck(event) {
			// Sales and Service Cloud send no SMS; Contact and Lead have no SMS opt-out field (SMS lives in Marketing Cloud).
			if (!coversEmail(event)) return { outcome: 'not_applicable', message: 'Salesforce Contact and Lead carry an email opt-out (HasOptedOutOfEmail) and send no SMS' };
			if (!event.customerId || !RECORD_ID.test(event.customerId)) {
				return { outcome: 'failed_permanent', message: 'Salesforce needs the Contact or Lead record ID (15 or 18 characters) as the customer ID' };
			}
			return undefined;
		},
		batchKey: () => 'all',
		recordKey: (event) => event.customerId!,
		build(batch, timeoutMs) {
			return {
				method: 'PATCH',
				url: joinUrl(options.instanceUrl, `/services/data/${version}/composite/sobjects`),
				headers: { ...JSON_HEADERS },
				body: JSON.stringify({
					allOrNone: false,
					records: batch.map((e) => ({ attributes: { type: typeOf(e) }, id: e.customerId, HasOptedOutOfEmail: true })),
				}),
				timeoutMs,
			};
		},
		// Results are matched by record ID: a success for another record confirms nothing. A failure
		// may carry no id (documented example); only then does its position in request order count.
		interpret(batch, response) {
			const body = parseJson(response.body);
			const results = Array.isArray(body) ? (body as SalesforceResult[]).map((r) => (r && typeof r === 'object' ? r : {})) : [];
			const key = (id: string) => id.slice(0, 15); // 18-character IDs extend the case-sensitive 15-character one
			const byId = new Map<string, SalesforceResult>();
			for (const r of results) if (typeof r.id === 'string' && RECORD_ID.test(r.id) && !byId.has(key(r.id))) byId.set(key(r.id), r);
			return batch.map((event, i): EventVerdict => {
				const positional = results[i];
				const result = byId.get(key(event.customerId!)) ?? (positional && positional.id === undefined && positional.success === false ? positional : undefined);
				if (!result) {
					const said = positional === undefined ? 'no result' : positional.id === undefined ? 'a result without its record ID' : 'a result for another record ID';
					return { outcome: 'failed_retryable', message: `Salesforce returned ${said} for this record; expected [{"id", "success", "errors"}] with this record's ID` };
				}
				if (result.success === true) return { outcome: 'propagated' };
				if (result.success !== false) return { outcome: 'failed_retryable', message: 'Salesforce result without success true or false; expected [{"id", "success", "errors"}]' };
				const error = result.errors?.[0] ?? {};
				const message = `Salesforce ${error.statusCode ?? 'error'}: ${error.message ?? ''}`.trim();
				if (NOT_FOUND_CODES.has(String(error.statusCode))) return { outcome: 'not_found', message };
				if (RETRYABLE_CODES.has(String(error.statusCode))) return { outcome: 'failed_retryable', message };
				return { outcome: 'failed_permanent', message };
			});
		},
	};
}
