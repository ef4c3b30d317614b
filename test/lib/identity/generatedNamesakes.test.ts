// At 50,000 generated customers (bench/pipeline-data.js, the flagship-at-scale data: CRM, ESP and
// shop records, names drawn from a few thousand), people who share a first and last name stay apart.
// Before: 7 pairs were one customer, an ESP record (name and an email only) joining the namesake's
// records on the name alone while the two email addresses disagree.
import { resolveIdentity, type IdentityInput } from '../../../lib/identity';
const { pipelineFiles } = require('../../../bench/pipeline-data.js');

jest.setTimeout(60_000);

it('50,000 generated customers: no two people in one customer on a shared name alone', () => {
	const parts: string[] = [];
	pipelineFiles(50_000, (name: string, text: string) => {
		if (name === 'identity.csv') parts.push(text);
	});
	const [header, ...rows] = parts.join('').trim().split('\n');
	const columns = header.split(',');
	const records: IdentityInput[] = rows.map((line) => {
		const cells = line.split(',');
		const at = (name: string): string => cells[columns.indexOf(name)];
		return { key: at('recordKey'), source: at('source'), email: at('email'), phone: at('phone'), firstName: at('firstName'), lastName: at('lastName'), postcode: at('postcode'), updatedAt: at('updatedAt') };
	});
	const result = resolveIdentity(records, { runAt: '2026-01-01T00:00:00Z', defaultRegion: 'US', rules: ['email', 'phone'] });
	const people = new Map<string, Set<string>>();
	result.records.forEach((record, i) => {
		const person = records[i].key.split(':')[1];
		people.set(record.customerId, (people.get(record.customerId) ?? new Set()).add(person));
	});
	const merged = [...people.values()].filter((set) => set.size > 1).map((set) => [...set].sort());
	// The one left: two Fatima Tanakas whose generated addresses are one keystroke apart
	// (fatima.tanaka3894@web.de, fatima.tanaka38941@web.de), which the email comparison reads as a slip.
	expect(merged).toEqual([['3894', '38941']]);
});
