// Real n8n 2.41.0: a field parameter holding what the editor writes when an input field is dragged
// onto it gives the same result as the field name typed by hand, for a nested field
// (customer.id) and for a comma list built by two drags (age, region).
import { manualStartWithItems, outputsOf, PACKAGE, runWorkflow, type WorkflowJson } from './n8n';

/**
 * What the 2.41 editor writes when a field of the previous node, which it offers as the expression
 * `{{ $json.<path> }}`, is dropped on a parameter with `requiresDataPath` (getMappedResult):
 * the bare path; for 'multiple', appended to what is there with ", ".
 */
function dropped(expression: string, requiresDataPath: 'single' | 'multiple', previous = ''): string {
	const path = expression.replace(/^\{\{\s*\$json\.?/, '').replace(/\s*\}\}$/, '');
	if (requiresDataPath === 'single' || previous.trim() === '') return path;
	return `${previous}, ${path}`;
}

const regions = ['north', 'south', 'east'];
const customers = Array.from({ length: 600 }, (_, i) => {
	const age = 20 + ((i * 7) % 50);
	const region = regions[i % 3];
	// Outcome depends on age and region, with a deterministic scatter, so the model has signal.
	const converted = (age > 45 ? 1 : 0) ^ (region === 'east' && i % 5 === 0 ? 1 : 0) ^ (i % 11 === 0 ? 1 : 0);
	return { customer: { id: `c-${i}`, email: `c${i}@example.com` }, age, region, converted };
});

const holdout = (id: string, name: string, y: number, customerIdField: string) => ({
	id,
	name,
	type: `${PACKAGE}.splitHoldout`,
	typeVersion: 1,
	position: [440, y],
	parameters: { customerIdField, campaignSalt: 'e2e-drag', controlPercent: 20, options: {} },
});

const train = (id: string, name: string, y: number, targetField: string, featureFields: string) => ({
	id,
	name,
	type: `${PACKAGE}.scorePropensity`,
	typeVersion: 1,
	position: [440, y],
	parameters: { operation: 'train', targetField, featureFields, trainOptions: {} },
});

function workflow(): WorkflowJson {
	const start = manualStartWithItems(customers, 'Customers');
	const afterTwoDrags = dropped('{{ $json.region }}', 'multiple', dropped('{{ $json.age }}', 'multiple', ''));
	const nodes = [
		holdout('h1', 'Holdout Dragged', 0, dropped('{{ $json.customer.id }}', 'single')),
		holdout('h2', 'Holdout Typed', 200, 'customer.id'),
		train('t1', 'Train Dragged', 400, dropped('{{ $json.converted }}', 'single'), afterTwoDrags),
		train('t2', 'Train Typed', 600, 'converted', 'age,region'),
	];
	return {
		name: 'e2e: dragged field parameters',
		nodes: [...start.nodes, ...nodes],
		connections: { ...start.connections, Customers: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
	};
}

describe('field parameters as the editor writes them after a drag (real n8n)', () => {
	it('writes bare paths: customer.id for a nested field, "age, region" after two drags on a list', () => {
		expect(dropped('{{ $json.customer.id }}', 'single')).toBe('customer.id');
		expect(dropped('{{ $json.region }}', 'multiple', 'age')).toBe('age, region');
	});

	it('gives the same result as typing the field names', async () => {
		const execution = await runWorkflow(workflow());
		expect(execution.data.resultData.error).toBeUndefined();

		const arms = (name: string) =>
			outputsOf(execution, name).flatMap((items, output) => items.map((item) => `${(item.json.customer as { id: string }).id}:${output}`));
		const dragged = arms('Holdout Dragged');
		expect(dragged).toHaveLength(customers.length);
		expect(outputsOf(execution, 'Holdout Dragged')[1].length).toBeGreaterThan(60); // a real control group, not everyone "missing"
		expect(dragged.sort()).toEqual(arms('Holdout Typed').sort());

		const model = (name: string) => outputsOf(execution, name)[0][0].json.model as { features: unknown; coefficients: unknown };
		expect(model('Train Dragged').coefficients).toBeDefined();
		expect(model('Train Dragged').coefficients).toEqual(model('Train Typed').coefficients);
		expect(model('Train Dragged').features).toEqual(model('Train Typed').features);
	});
});
