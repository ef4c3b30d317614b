// How the n8n 2.41 editor presents the seven nodes, checked on their descriptions: which
// parameters it would hide as an "authentication selector", which credential slots show for a
// choice of destinations, how field parameters map on drag, what the node panel search finds.
import { NodeHelpers, type INodeCredentialDescription, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType } from 'n8n-workflow';
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { PropagateOptOut } from '../../nodes/PropagateOptOut/PropagateOptOut.node';
import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { ScorePropensity } from '../../nodes/ScorePropensity/ScorePropensity.node';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';

const root = join(__dirname, '..', '..');
const NODES = [ApplySuppression, ComputeRfm, MeasureLift, PropagateOptOut, ResolveIdentity, ScorePropensity, SplitHoldout].map((Node) => new Node().description);

/** Every parameter of a node with its path, inside collections and fixed collections too. */
function allParameters(properties: INodeProperties[], prefix = ''): Array<{ path: string; parameter: INodeProperties }> {
	return properties.flatMap((parameter) => {
		const path = `${prefix}${parameter.name}`;
		const nested = (parameter.options ?? []).flatMap((option) => {
			if ('values' in option) return allParameters(option.values, `${path}.${option.name}.`);
			if ('type' in option) return allParameters([option as INodeProperties], `${path}.`);
			return [];
		});
		return [{ path, parameter }, ...nested];
	});
}

/** Parameters that name an input item field (not the field a node writes its result to). */
function fieldNameParameters(description: INodeTypeDescription) {
	return allParameters(description.properties).filter(
		({ parameter }) =>
			parameter.type === 'string' &&
			/(Field|Fields|Field or Metric Name)$/.test(parameter.displayName) &&
			!/^(the )?(output field|field (added|the result))/i.test(parameter.description ?? ''),
	);
}

function credentialTypes(): ICredentialType[] {
	const folder = join(root, 'credentials');
	return readdirSync(folder)
		.filter((file) => file.endsWith('.credentials.ts'))
		.map((file) => {
			const exported = require(join(folder, file)) as Record<string, new () => ICredentialType>;
			return new (Object.values(exported)[0])();
		});
}

/**
 * The editor's rule (nodeTypesUtils getMainAuthField, 2.41), restated: a parameter named in some
 * credential's `displayOptions.show` whose every option value is listed there verbatim is taken
 * for the authentication selector; it and every parameter the credential-linked parameters depend
 * on disappear from the parameter list.
 */
function parametersTheEditorHides(description: INodeTypeDescription): string[] {
	const listed = new Map<string, string[]>();
	for (const credential of description.credentials ?? []) {
		for (const [name, values] of Object.entries(credential.displayOptions?.show ?? {})) {
			listed.set(name, [...(listed.get(name) ?? []), ...(values ?? []).map((value) => (value ? String(value) : ''))]);
		}
	}
	const linked = description.properties.filter((property) => listed.has(property.name));
	const selector = linked.find((property) =>
		(property.options ?? []).every((option) => !('value' in option) || listed.get(property.name)!.includes(option.value as string)),
	);
	if (!selector) return [];
	const dependedOn = linked.flatMap((property) => Object.keys(property.displayOptions?.show ?? {}));
	return [...new Set([selector.name, ...dependedOn])];
}

function visibleSlots(description: INodeTypeDescription, parameters: INodeParameters): string[] {
	const node = { id: '1', name: 'n', type: 'n8n-nodes-marketing-analytics.propagateOptOut', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	return (description.credentials ?? [])
		.filter((credential: INodeCredentialDescription) => NodeHelpers.displayParameter(parameters, credential, node, description))
		.map((credential) => credential.displayName ?? credential.name);
}

describe('Propagate Opt-Out in the editor', () => {
	const description = new PropagateOptOut().description;

	it('has no parameter the editor would hide as an authentication selector', () => {
		expect(parametersTheEditorHides(description)).toEqual([]);
	});

	it('shows one labelled credential slot per chosen destination, none before a choice', () => {
		expect(visibleSlots(description, { destinations: [] })).toEqual([]);
		expect(visibleSlots(description, {})).toEqual([]);
		expect(visibleSlots(description, { destinations: ['hubspot', 'sendgrid'] })).toEqual(['HubSpot Credential', 'SendGrid Credential']);
		expect(visibleSlots(description, { destinations: ['salesforce'], salesforceAuthentication: 'accessToken' })).toEqual(['Salesforce Credential (Access Token)']);
		expect(visibleSlots(description, { destinations: ['salesforce'], salesforceAuthentication: 'oAuth2' })).toEqual(['Salesforce Credential (OAuth2)']);
		const all = visibleSlots(description, { destinations: ['hubspot', 'salesforce', 'mailchimp', 'sendgrid', 'klaviyo', 'braze', 'webhook'], salesforceAuthentication: 'accessToken' });
		expect(all).toHaveLength(7);
		expect(new Set(all).size).toBe(7);
	});

	it('names each chosen system in a notice', () => {
		const notices = (destinations: string[]) =>
			description.properties
				.filter((property: INodeProperties) => property.type === 'notice' && NodeHelpers.displayParameter({ destinations }, property, null, description))
				.map((property) => property.displayName);
		expect(notices(['klaviyo']).some((text) => text.startsWith('Klaviyo:'))).toBe(true);
		expect(notices(['klaviyo']).some((text) => text.startsWith('HubSpot:'))).toBe(false);
		expect(notices(['hubspot']).find((text) => text.startsWith('HubSpot:'))).toMatch(/communication_preferences/);
	});
});

describe('credentials in the editor', () => {
	// The editor names a new credential after its type: the display name without the words API,
	// OAuth1 and OAuth2, plus " account" (nodeTypesUtils getAppNameFromCredType, 2.41).
	const defaultName = (displayName: string) =>
		`${displayName
			.split(' ')
			.filter((word) => !['API', 'OAuth1', 'OAuth2'].includes(word))
			.join(' ')} account`;

	it('gives every credential type a distinct default name', () => {
		const names = credentialTypes().map((credential) => defaultName(credential.displayName));
		expect(new Set(names).size).toBe(names.length);
	});
});

describe('field parameters map by dragging', () => {
	it.each(NODES.map((description) => [description.displayName, description] as const))('%s: every field-name parameter takes a dragged field as its path', (_name, description) => {
		const fields = fieldNameParameters(description);
		expect(fields.length).toBeGreaterThan(0);
		for (const { path, parameter } of fields) {
			const expected = /Fields$/.test(parameter.displayName) ? 'multiple' : 'single';
			expect({ path, requiresDataPath: parameter.requiresDataPath }).toEqual({ path, requiresDataPath: expected });
			expect({ path, hint: parameter.hint }).toEqual({ path, hint: expect.stringMatching(/^Field names?\b.*e\.g\. \w/) });
		}
	});
});
