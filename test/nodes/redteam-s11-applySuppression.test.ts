// Red team (s11): Apply Suppression node. README: an unusable suppression entry "comes out as an
// error item on Suppressed **and still applies**" with Continue On Fail. Plain it(): fails now.
import { ApplySuppression } from '../../nodes/ApplySuppression/ApplySuppression.node';
import { executeNode } from '../helpers/executeNode';

const node = new ApplySuppression();
const rules = { asOf: '2026-11-24T15:00:00Z' };
const audience = [
	{ customerId: 'c1', email: 'jane@example.com', consent: 'opted_in' },
	{ customerId: 'c2', email: 'bob@example.com', consent: 'opted_in' },
	{ customerId: 'c3', email: 'ann@example.com', consent: 'opted_in' },
];

describe('red team s11 Apply Suppression node: list headers in another spelling', () => {
	it.each([
		['a CSV header with a BOM', '\uFEFFemail'],
		['"Email" (another export\'s case)', 'Email'],
		['"Email Address" (Mailchimp)', 'Email Address'],
	])(
		'with Continue On Fail, a list entry whose address sits under %s, in a list merged with entries under "email", still holds that person back',
		async (_label, header) => {
			// ApplySuppression.node.ts reads list entries with readField(item.json, listFields[name]) only;
			// the mis-spelled entry has no identifier, becomes an error item, and names nobody, so bob is sent to.
			const list = [{ email: 'jane@example.com' }, { [header]: 'bob@example.com' }];
			const { outputs } = await executeNode(node, { parameters: { rules }, inputs: [audience, list], continueOnFail: true });
			const eligible = outputs[0].map((item) => item.json.customerId);
			expect(eligible).not.toContain('c1');
			expect(eligible).not.toContain('c2');
		},
	);
});
