import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	sleep,
} from 'n8n-workflow';
import {
	auditRecord,
	brazeConnector,
	clientFromRequester,
	createRedactor,
	credentialSecrets,
	DONE_OUTCOMES,
	hubspotConnector,
	klaviyoConnector,
	mailchimpBaseUrl,
	mailchimpConnector,
	propagateOptOuts,
	requestKey,
	salesforceConnector,
	sendgridConnector,
	systemRuntime,
	toOptOutEvent,
	webhookConnector,
	type Connector,
	type Destination,
	type FullResponse,
	type HttpClient,
	type IdentifierMode,
	type OptOutEvent,
	type RawOptOut,
	type Redactor,
} from '../../lib/optout';
import { callingCodeOf, type CountryCode } from '../../lib/records';
import { sha256Hex } from '../../lib/records/hash';
import { addRunSummary, countsByOutput, errorItem, fieldError, fieldProblem, getFieldName, readField, withField } from '../shared';
import { DESTINATIONS, propagateOptOutProperties, slotDisplay, propagateOptOutSubtitle, SALESFORCE_ALTERNATIVE, type DestinationName } from './properties';

/** lib/optout's HTTP client on n8n's authenticated request helper (credentials, proxies, logging). */
function n8nClient(context: IExecuteFunctions, credentialType: string): HttpClient {
	return clientFromRequester(
		async (request) =>
			(await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
				method: request.method as IHttpRequestMethods,
				url: request.url,
				headers: request.headers,
				...(request.body !== undefined ? { body: request.body } : {}),
				json: false,
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: request.timeoutMs,
			})) as FullResponse,
	);
}


const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);


async function buildConnector(
	context: IExecuteFunctions,
	name: DestinationName,
	credentialType: string,
	settings: IDataObject,
	secrets: string[],
): Promise<Connector> {
	const credentials = await context.getCredentials(credentialType);
	secrets.push(...credentialSecrets(credentials));
	switch (name) {
		case 'hubspot':
			return hubspotConnector({ baseUrl: text(credentials.baseUrl), subscriptionId: text(settings.hubspotSubscriptionId) });
		case 'salesforce':
			return salesforceConnector({
				instanceUrl: String(credentials.instanceUrl ?? ''),
				apiVersion: text(credentials.apiVersion),
				sobject: (text(settings.salesforceObject) as 'auto' | 'Contact' | 'Lead') ?? 'auto',
			});
		case 'mailchimp':
			return mailchimpConnector({
				baseUrl: text(credentials.baseUrl) ?? mailchimpBaseUrl(String(credentials.apiKey ?? '')),
				listId: text(settings.mailchimpListId),
			});
		case 'sendgrid':
			return sendgridConnector({ baseUrl: text(credentials.baseUrl), groupId: text(settings.sendgridGroupId) });
		case 'klaviyo':
			return klaviyoConnector({ baseUrl: text(credentials.baseUrl), revision: text(credentials.revision), listId: text(settings.klaviyoListId) });
		case 'braze':
			return brazeConnector({
				baseUrl: String(credentials.restEndpoint ?? ''),
				subscriptionGroupId: text(settings.brazeSubscriptionGroupId),
				smsSubscriptionGroupId: text(settings.brazeSmsSubscriptionGroupId),
			});
		case 'webhook':
			return webhookConnector({ url: String(credentials.url ?? ''), secret: String(credentials.secret ?? '') });
	}
}

/**
 * What a destination result was sent to: the destination, its credential (type and ID) and the
 * node's destination settings (lists, groups, object), hashed. Stored with each result so a later
 * run skips a destination only when that earlier result was for the same place.
 */
function retryTarget(destination: string, credentialType: string, credentialId: string | undefined, settings: IDataObject): string {
	const sorted = Object.keys(settings)
		.sort()
		.map((key) => [key, settings[key]]);
	return sha256Hex(JSON.stringify([destination, credentialType, credentialId ?? '', sorted])).slice(0, 16);
}

/**
 * The targets of one event: each destination's target joined with what the event asks there (its
 * identifiers, channels, scope and list, see requestKey). A done result counts for a later run only
 * for the very identifiers it confirmed: an item fed back with a corrected email or record ID under
 * the same event ID has other targets, so every destination is tried again.
 */
function eventTargets(targets: ReadonlyMap<string, string>, event: OptOutEvent): Map<string, string> {
	const asked = requestKey(event);
	return new Map([...targets].map(([name, target]) => [name, sha256Hex(JSON.stringify([target, asked])).slice(0, 16)]));
}

/**
 * The destinations an item's previous result (from this node: same event ID, same target) shows as
 * done, with those results. Anything else (no result, another event, another target, a result
 * without a target from an older release, a failed or unknown outcome) is tried.
 */
function confirmedBefore(previous: unknown, eventId: string, targets: ReadonlyMap<string, string>): Map<string, IDataObject> {
	const out = new Map<string, IDataObject>();
	if (!previous || typeof previous !== 'object' || Array.isArray(previous)) return out;
	const { eventId: previousId, destinations } = previous as IDataObject;
	if (String(previousId) !== eventId || !destinations || typeof destinations !== 'object' || Array.isArray(destinations)) return out;
	for (const [name, target] of targets) {
		const result = (destinations as IDataObject)[name];
		if (!result || typeof result !== 'object' || Array.isArray(result)) continue;
		const { outcome, target: was } = result as IDataObject;
		if (typeof outcome === 'string' && DONE_OUTCOMES.has(outcome as never) && was === target) out.set(name, result as IDataObject);
	}
	return out;
}

export class PropagateOptOut implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Propagate Opt-Out',
		name: 'propagateOptOut',
		icon: { light: 'file:propagateOptOut.svg', dark: 'file:propagateOptOut.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: propagateOptOutSubtitle,
		description: 'Send unsubscribes and consent withdrawals to every CRM and email platform, with retries, rate limits and an audit trail',
		defaults: { name: 'Propagate Opt-Out' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Propagated', 'Failed'],
		// Written out, one slot per destination in DESTINATIONS' order (a test checks they match): n8n's
		// verification scan crashes on a spread, a computed list or a call in place of an object here. Each slot is shown with `_cnd`
		// conditions and `hide`, not plain values: n8n 2.41's editor takes a parameter whose every value
		// appears verbatim in credentials' `displayOptions.show` for the node's authentication selector
		// and hides it with everything depending on it, which would leave a fresh node without
		// Destinations. A slot appears once a destination is chosen and its own is among them.
		credentials: [
			{ name: 'marketingAnalyticsHubSpotApi', displayName: 'HubSpot Credential', required: true, displayOptions: slotDisplay('hubspot') },
			{ name: 'marketingAnalyticsSalesforceApi', displayName: 'Salesforce Credential (Access Token)', required: true, displayOptions: slotDisplay('salesforce', { salesforceAuthentication: [{ _cnd: { not: 'oAuth2' } }] }) },
			{ name: 'marketingAnalyticsMailchimpApi', displayName: 'Mailchimp Credential', required: true, displayOptions: slotDisplay('mailchimp') },
			{ name: 'marketingAnalyticsSendGridApi', displayName: 'SendGrid Credential', required: true, displayOptions: slotDisplay('sendgrid') },
			{ name: 'marketingAnalyticsKlaviyoApi', displayName: 'Klaviyo Credential', required: true, displayOptions: slotDisplay('klaviyo') },
			{ name: 'marketingAnalyticsBrazeApi', displayName: 'Braze Credential', required: true, displayOptions: slotDisplay('braze') },
			{ name: 'marketingAnalyticsOptOutWebhookApi', displayName: 'Signed Webhook Credential', required: true, displayOptions: slotDisplay('webhook') },
			{ name: SALESFORCE_ALTERNATIVE, displayName: 'Salesforce Credential (OAuth2)', required: true, displayOptions: slotDisplay('salesforce', { salesforceAuthentication: [{ _cnd: { eq: 'oAuth2' } }] }) },
		],
		properties: propagateOptOutProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const node = this.getNode();
		const chosen = this.getNodeParameter('destinations', 0, []) as DestinationName[];
		const settings = this.getNodeParameter('settings', 0, {}) as IDataObject;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const outputField = text(options.outputField) ?? 'optOut';
		const identifierMode = (options.identifierMode as IdentifierMode) ?? 'masked';
		if (chosen.length === 0) throw new NodeOperationError(node, 'Choose at least one destination', { description: 'Check the "Destinations" parameter.' });
		const defaultRegion = text(options.defaultRegion)?.toUpperCase();
		if (defaultRegion !== undefined && callingCodeOf(defaultRegion) === undefined) {
			throw new NodeOperationError(node, `Default Phone Region "${defaultRegion}" is not a country code`, { description: 'Use a two-letter country code such as US, GB or DE.' });
		}

		const fields: Record<keyof RawOptOut, string> = {
			eventId: getFieldName(this, 'eventIdField'),
			email: getFieldName(this, 'emailField'),
			phone: getFieldName(this, 'phoneField'),
			customerId: getFieldName(this, 'customerIdField'),
			channels: getFieldName(this, 'channelsField'),
			scope: getFieldName(this, 'scopeField'),
			listId: getFieldName(this, 'listIdField'),
			reason: getFieldName(this, 'reasonField'),
			source: getFieldName(this, 'sourceField'),
			requestedAt: getFieldName(this, 'requestedAtField'),
		};

		const destinations: Destination[] = [];
		// Per destination, what it was sent to (credential, settings): a done result from a previous run
		// skips a destination only when it carries the same target for the same request (see retryTarget, eventTargets).
		const targets = new Map<string, string>();
		const secrets: string[] = [];
		for (const name of chosen) {
			const spec = DESTINATIONS.find((d) => d.value === name);
			if (!spec) throw new NodeOperationError(node, `Unknown destination "${name}"`, { description: 'Check the "Destinations" parameter.' });
			const credential =
				spec.value === 'salesforce' && this.getNodeParameter('salesforceAuthentication', 0, 'accessToken') === 'oAuth2' ? SALESFORCE_ALTERNATIVE : spec.credential;
			targets.set(spec.value, retryTarget(spec.value, credential, node.credentials?.[credential]?.id ?? node.credentials?.[credential]?.name, settings));
			try {
				destinations.push({ connector: await buildConnector(this, spec.value, credential, settings, secrets), client: n8nClient(this, credential) });
			} catch (error) {
				const redact = createRedactor({ secrets });
				throw new NodeOperationError(node, `${spec.name}: ${redact((error as Error).message)}`, { description: `Check the ${spec.name} credential.` });
			}
		}

		const outputs: INodeExecutionData[][] = [[], []];
		const events: OptOutEvent[] = [];
		const eventItems: number[] = [];
		// Per event, the destinations a previous run of this node (same target) already confirmed: an item
		// fed back in skips those and only those. A retry list alone never skips anything: it may come
		// from another node, with other destinations or accounts, that never tried this one.
		const confirmed: Array<Map<string, IDataObject>> = [];
		// Per event, each destination's target for this event (destination, credential, settings and what the event asks).
		const targetsOf: Array<Map<string, string>> = [];
		const now = Date.now();
		// Identifiers as given, also of items that make no event: the redactor masks them all.
		const rawIdentifiers: string[] = [];
		for (let i = 0; i < items.length; i++) {
			const json = items[i].json;
			const raw: RawOptOut = {};
			for (const key of Object.keys(fields) as Array<keyof RawOptOut>) raw[key] = fields[key] ? readField(json, fields[key]) : undefined;
			for (const value of [raw.email, raw.phone, raw.customerId]) if (typeof value === 'string' || typeof value === 'number') rawIdentifiers.push(String(value));
			const made = toOptOutEvent(raw, now, { defaultRegion: defaultRegion as CountryCode | undefined });
			if ('problem' in made) {
				const name = fields[made.problem.field];
				const problem = fieldProblem(name, made.problem.expected, raw[made.problem.field]);
				const error = fieldError(node, i, problem);
				if (!this.continueOnFail()) throw error;
				outputs[1].push(errorItem(node, items[i], i, error, problem));
				continue;
			}
			const own = eventTargets(targets, made.event);
			targetsOf.push(own);
			confirmed.push(confirmedBefore(readField(json, outputField), made.event.eventId, own));
			events.push(made.event);
			eventItems.push(i);
		}

		// One redactor for everything that leaves the node: every identifier of the batch, every secret.
		const redact: Redactor = createRedactor({ events, identifiers: rawIdentifiers, secrets, mode: identifierMode });

		// One run per distinct destination subset (normally one: all chosen destinations).
		const subsets = new Map<string, number[]>();
		events.forEach((_, e) => {
			const names = chosen.filter((name) => !confirmed[e].has(name));
			// Confirmed everywhere already: send again (idempotent) rather than report without a request.
			if (names.length === 0) confirmed[e].clear();
			const key = (names.length > 0 ? names : chosen).join(',');
			const members = subsets.get(key);
			if (members) members.push(e);
			else subsets.set(key, [e]);
		});
		const timeoutMs = Math.max(1, Number(options.timeoutSeconds ?? 30)) * 1000;
		const retry = {
			maxAttempts: Math.max(1, Number(options.maxAttempts ?? 5)),
			budgetMs: Math.max(1, Number(options.timeBudgetSeconds ?? 120)) * 1000,
		};
		const slaHours = Number(options.slaHours ?? 48);
		// Waits (rate limits, retries) through n8n's sleep: a cancelled execution stops waiting.
		const cancelSignal = this.getExecutionCancelSignal();
		const runtime = systemRuntime((ms) => sleep(ms, cancelSignal));
		for (const [key, members] of subsets) {
			const names = key.split(',');
			const subset = destinations.filter((d) => names.includes(d.connector.destination));
			const { results } = await propagateOptOuts(members.map((e) => events[e]), subset, { runtime, retry, timeoutMs, slaHours, redact });
			members.forEach((e, k) => {
				const event = events[e];
				const itemIndex = eventItems[e];
				const perDestination = results[k].map((r) => ({ ...r, target: targetsOf[e].get(r.destination) }));
				const done = perDestination.every((r) => DONE_OUTCOMES.has(r.outcome));
				const failed = perDestination.filter((r) => !DONE_OUTCOMES.has(r.outcome));
				const retryAfter = failed.map((r) => r.retryAfter).filter((v): v is string => v !== undefined).sort().pop();
				const result: IDataObject = {
					eventId: event.eventId,
					status: done ? 'propagated' : 'failed',
					requestedAt: event.requestedAt,
					withinSla: perDestination.every((r) => r.withinSla),
					// Destinations confirmed by an earlier run (same target) keep their result, in chosen order.
					destinations: Object.fromEntries(
						chosen
							.map((name): [string, IDataObject | undefined] => [name, perDestination.find((r) => r.destination === name) ?? confirmed[e].get(name)])
							.filter((entry): entry is [string, IDataObject] => entry[1] !== undefined),
					),
					audit: perDestination.map((r) => auditRecord(event, r, identifierMode, redact)) as unknown as IDataObject[],
				};
				if (!done) {
					result.retry = {
						retryable: failed.some((r) => r.retryable),
						destinations: failed.map((r) => r.destination),
						reasons: failed.map((r) => `${r.destination}: ${r.outcome}${r.message ? ` (${r.message})` : ''}`),
						...(retryAfter ? { notBefore: retryAfter } : {}),
						attempts: Math.max(...failed.map((r) => r.attempts)),
					};
				}
				outputs[done ? 0 : 1].push({
					// The audit is redacted already (its identifiers field is the masked or hashed form on purpose).
					json: withField(items[itemIndex].json, outputField, { ...redact.deep({ ...result, audit: undefined }), audit: result.audit }),
					pairedItem: { item: itemIndex },
				});
			});
		}
		addRunSummary(this, countsByOutput(outputs, ['propagated', 'failed']));
		return outputs;
	}
}
