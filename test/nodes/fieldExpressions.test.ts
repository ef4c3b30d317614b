// A field-name parameter holding an expression that only reads one item field (what older editors
// wrote on a drag, or a field dragged into expression mode) names that field: every node reads it
// through getFieldName, so it gives the same result as the name typed. The test harness evaluates
// `={{ $json.x }}` at item 0 as n8n does, so a node reading the parameter plainly would fail here.
import type { IDataObject } from 'n8n-workflow';
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { ComputeRfm } from '../../nodes/ComputeRfm/ComputeRfm.node';
import { MeasureLift } from '../../nodes/MeasureLift/MeasureLift.node';
import { ResolveIdentity } from '../../nodes/ResolveIdentity/ResolveIdentity.node';
import { ScorePropensity } from '../../nodes/ScorePropensity/ScorePropensity.node';
import { SplitHoldout } from '../../nodes/SplitHoldout/SplitHoldout.node';
import { fieldPathOfExpression, getFieldName } from '../../nodes/shared';
import { executeNode } from '../helpers/executeNode';

describe('fieldPathOfExpression', () => {
	it.each([
		['={{ $json.email }}', 'email'],
		['={{$json.email}}', 'email'],
		['{{ $json.email }}', 'email'],
		['={{ $json["email"] }}', 'email'],
		["={{ $json['e-mail address'] }}", 'e-mail address'],
		['={{ $json.customer.email }}', 'customer.email'],
		['={{ $json.customer["crm id"] }}', 'customer.crm id'],
		['={{ $json?.customer?.email }}', 'customer.email'],
		['={{ $json.orders[0].sku }}', 'orders.0.sku'],
		['={{ $input.item.json.email }}', 'email'],
		['  ={{ $json.email }} '.trim(), 'email'],
	])('%s names the field %s', (raw, path) => {
		expect(fieldPathOfExpression(raw)).toBe(path);
	});

	it.each([
		'email',
		'customer.email',
		'={{ $json.email.toLowerCase() }}',
		'={{ $json.prefix + "_id" }}',
		'=score_{{ $json.model }}',
		'={{ $json }}',
		'={{ $jsonx.email }}',
		"={{ $('CRM').item.json.email }}",
		'={{ $json.a }}{{ $json.b }}',
		'={{ $json[key] }}',
		'',
	])('%s is not a field expression', (raw) => {
		expect(fieldPathOfExpression(raw)).toBeUndefined();
	});

	it('reads lists of names and field expressions, and nothing else', () => {
		expect(fieldPathOfExpression('={{ $json.age }}, {{ $json.region }}', true)).toBe('age, region');
		expect(fieldPathOfExpression('=age, {{ $json["home region"] }}', true)).toBe('age, home region');
		expect(fieldPathOfExpression('={{ $json.age }}', true)).toBe('age');
		expect(fieldPathOfExpression('=age, {{ $json.region.slice(0, 2) }}', true)).toBeUndefined();
		expect(fieldPathOfExpression('age, region', true)).toBeUndefined();
	});

	it('getFieldName: the path for a field expression, the value otherwise, the fallback when empty or absent', () => {
		const parameters: IDataObject = { a: '={{ $json.customer.id }}', b: ' typed ', c: '', d: '={{ "computed" }}' };
		const context = {
			getNodeParameter: (name: string, _item: number, fallback?: unknown, options?: { rawExpressions?: boolean }) => {
				const value = parameters[name] ?? fallback;
				return options?.rawExpressions || typeof value !== 'string' || !value.startsWith('=') ? value : 'evaluated';
			},
		} as Parameters<typeof getFieldName>[0];
		expect(getFieldName(context, 'a')).toBe('customer.id');
		expect(getFieldName(context, 'b')).toBe('typed');
		expect(getFieldName(context, 'c', 'fallback')).toBe('fallback');
		expect(getFieldName(context, 'missing', 'fallback')).toBe('fallback');
		expect(getFieldName(context, 'd')).toBe('evaluated');
	});
});

/** Runs a node twice, parameters typed and as field expressions, and expects the same outputs. */
async function sameResult(node: Parameters<typeof executeNode>[0], typed: IDataObject, asExpressions: IDataObject, inputs: IDataObject[][]) {
	const a = await executeNode(node, { parameters: typed, inputs });
	const b = await executeNode(node, { parameters: asExpressions, inputs });
	// Times of the run itself (firstSeen, createdAt) differ between the two runs.
	const stable = (outputs: unknown) => JSON.parse(JSON.stringify(outputs, (_key, value) => (typeof value === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value) ? 'a time' : value)));
	expect(stable(b.outputs)).toEqual(stable(a.outputs));
	return a.outputs;
}

const people = Array.from({ length: 60 }, (_, i) => ({
	customer: { id: `c-${i}`, mail: `p${i}@example.com` },
	'opt in': i % 7 === 0 ? 'no' : 'yes',
	region: ['north', 'south'][i % 2],
	age: 20 + ((i * 13) % 40),
	converted: i % 3 === 0 ? 1 : 0,
	arm: i % 4 === 0 ? 'control' : 'treatment',
	orderedAt: `2026-0${1 + (i % 6)}-1${i % 10}`,
	amount: 10 + i,
}));

describe('every node reads field expressions as field names', () => {
	it('Split Holdout (top-level field, an option field)', async () => {
		const [treatment, control] = await sameResult(
			new SplitHoldout(),
			{ customerIdField: 'customer.id', campaignSalt: 's', controlPercent: 30, options: { stratifyField: 'region' } },
			{ customerIdField: '={{ $json.customer.id }}', campaignSalt: 's', controlPercent: 30, options: { stratifyField: '={{ $json["region"] }}' } },
			[people],
		);
		expect(control.length).toBeGreaterThan(5);
		expect(treatment.length + control.length).toBe(people.length);
	});

	it('Compute RFM', async () => {
		const [customers] = await sameResult(
			new ComputeRfm(),
			{ customerIdField: 'customer.id', timestampField: 'orderedAt', amountField: 'amount', orderIdField: '' },
			{ customerIdField: '={{ $json.customer.id }}', timestampField: '{{ $json.orderedAt }}', amountField: '={{ $json.amount }}', orderIdField: '' },
			[people],
		);
		expect(customers).toHaveLength(people.length);
	});

	it('Apply Suppression (fields inside Audience Fields and Suppression List Fields)', async () => {
		const [eligible, suppressed] = await sameResult(
			new ApplySuppression(),
			{ audienceFields: { emailField: 'customer.mail', consentField: 'opt in' }, listFields: { emailField: 'address' } },
			{ audienceFields: { emailField: '={{ $json.customer.mail }}', consentField: "={{ $json['opt in'] }}" }, listFields: { emailField: '={{ $json.address }}' } },
			[people, [{ address: 'p1@example.com' }]],
		);
		expect(suppressed.length).toBeGreaterThan(8);
		expect(eligible.length + suppressed.length).toBe(people.length);
	});

	it('Resolve Identity (Record Fields, and a list of extra identifier fields)', async () => {
		const records = people.map((p, i) => ({ ...p, key: `k${i}`, crm: `crm-${i % 30}` }));
		const [out] = await sameResult(
			new ResolveIdentity(),
			{ mode: 'deterministic', rules: 'ID:crm', recordFields: { recordKeyField: 'key', emailField: 'customer.mail', extraIdFields: 'crm' } },
			{ mode: 'deterministic', rules: 'ID:crm', recordFields: { recordKeyField: '={{ $json.key }}', emailField: '={{ $json.customer.mail }}', extraIdFields: '={{ $json.crm }}' } },
			[records],
		);
		expect(new Set(out.map((item) => item.json.customerId)).size).toBe(30);
	});

	it('Measure Lift (arm field, a metric field inside Metrics)', async () => {
		const [results] = await sameResult(
			new MeasureLift(),
			{ armField: 'arm', metrics: { metric: [{ field: 'converted', kind: 'binary' }] } },
			{ armField: '={{ $json.arm }}', metrics: { metric: [{ field: '={{ $json.converted }}', kind: 'binary' }] } },
			[people],
		);
		expect(results[0].json.metric).toBe('converted');
	});

	it('Score Propensity (target field, a feature list built by two drags in expression mode)', async () => {
		const [model] = await sameResult(
			new ScorePropensity(),
			{ operation: 'train', targetField: 'converted', featureFields: 'age, region' },
			{ operation: 'train', targetField: '={{ $json.converted }}', featureFields: '={{ $json.age }}, {{ $json.region }}' },
			[people],
		);
		expect((model[0].json.model as { features: unknown[] }).features.length).toBeGreaterThan(1);
	});
});
