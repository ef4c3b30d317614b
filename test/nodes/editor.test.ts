// How the n8n 2.41 editor presents the eight nodes, checked on their descriptions: which
// parameters it would hide as an "authentication selector", which credential slots show for a
// choice of destinations, how field parameters map on drag, what the node panel search finds.
import { NodeHelpers, type INodeCredentialDescription, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType } from 'n8n-workflow';
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { PropagateOptOut } from '../../nodes/PropagateOptOut/PropagateOptOut.node';
import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { ScorePropensity } from '../../nodes/ScorePropensity/ScorePropensity.node';
import { ScoreUplift } from '../../nodes/ScoreUplift/ScoreUplift.node';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';

const root = join(__dirname, '..', '..');
const NODES = [ApplySuppression, ComputeRfm, MeasureLift, PropagateOptOut, ResolveIdentity, ScorePropensity, ScoreUplift, SplitHoldout].map((Node) => new Node().description);

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

	it('gives every vendor its own icon, with a letter large enough to read at 16 px', () => {
		const icons = new Map<string, string>();
		for (const credential of credentialTypes()) {
			const { light, dark } = credential.icon as { light: string; dark: string };
			for (const file of [light, dark]) {
				const svg = readFileSync(join(root, 'credentials', file.replace(/^file:/, '')), 'utf8');
				// At 16 px a 64-unit icon shrinks 4x: a letter under 30 units would be under 8 px.
				expect({ file, fontSize: Number(/font-size="(\d+)"/.exec(svg)?.[1] ?? 0) >= 30 }).toEqual({ file, fontSize: true });
				icons.set(file, svg);
			}
		}
		const vendors = new Set(credentialTypes().map((credential) => (credential.icon as { light: string }).light));
		expect(new Set([...vendors].map((file) => icons.get(file))).size).toBe(vendors.size);
	});

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

describe('finding the nodes and reading the canvas', () => {
	const codex = (description: INodeTypeDescription) => {
		const folder = description.name[0].toUpperCase() + description.name.slice(1);
		return JSON.parse(readFileSync(join(root, 'nodes', folder, `${folder}.node.json`), 'utf8')) as { alias: string[]; categories: string[] };
	};
	// The node panel searches display names and codex aliases (2.41: sublimeSearch over both).
	const found = (term: string) =>
		NODES.filter((description) => [description.displayName, ...codex(description).alias].some((text) => text.toLowerCase().includes(term.toLowerCase())))
			.map((description) => description.displayName)
			.sort();

	it.each([
		['marketing', 8],
		['analytics', 7],
		['campaign', 6],
		['CRM', 5],
		['email', 8],
	])('searching "%s" finds %i nodes', (term, count) => {
		expect(found(term)).toHaveLength(count);
	});

	it('finds the nodes a marketer would expect for each term', () => {
		expect(found('campaign')).toEqual(expect.arrayContaining(['Split Holdout', 'Measure Lift', 'Apply Suppression']));
		expect(found('CRM')).toEqual(expect.arrayContaining(['Resolve Identity', 'Propagate Opt-Out']));
		expect(found('unsubscribe')).toEqual(expect.arrayContaining(['Propagate Opt-Out', 'Apply Suppression']));
	});

	/** A subtitle as the canvas shows it; `$parameter` holds the node's parameters. */
	const subtitle = (description: INodeTypeDescription, parameters: Record<string, unknown>) => {
		const body = String(description.subtitle).replace(/^=\{\{/, '').replace(/\}\}$/, '');
		return new Function('$parameter', `return (${body});`)(parameters) as string;
	};
	const byName = (name: string) => NODES.find((description) => description.name === name)!;

	it('writes subtitles in words', () => {
		expect(subtitle(byName('scorePropensity'), { operation: 'train' })).toBe('Train a model');
		expect(subtitle(byName('scoreUplift'), { operation: 'evaluate' })).toBe('Evaluate an uplift model');
		expect(subtitle(byName('applySuppression'), { channel: 'sms' })).toBe('Before an SMS send');
		expect(subtitle(byName('propagateOptOut'), { destinations: ['hubspot', 'sendgrid'] })).toBe('To HubSpot, SendGrid');
		expect(subtitle(byName('propagateOptOut'), { destinations: ['hubspot', 'mailchimp', 'sendgrid', 'klaviyo'] })).toBe('To 4 systems');
		expect(subtitle(byName('propagateOptOut'), { destinations: [] })).toBe('Choose destinations');
		expect(subtitle(byName('splitHoldout'), { mode: 'treatmentControl', controlPercent: 10 })).toBe('10% in control');
		expect(subtitle(byName('splitHoldout'), { mode: 'treatmentControl', controlPercent: '={{ $json.share }}' })).toBe('Treatment and control');
	});

	it('says "Add option" (sentence case, as n8n-nodes-base mostly does) on every collection', () => {
		for (const description of NODES) {
			for (const { path, parameter } of allParameters(description.properties)) {
				if (parameter.placeholder?.startsWith('Add ')) expect({ path, placeholder: parameter.placeholder }).toEqual({ path, placeholder: parameter.placeholder.replace(/ (\w)/, (_m, c: string) => ` ${c.toLowerCase()}`) });
			}
		}
	});
});
