// Seeded multi-source identity records (CRM, ESP, orders) with the variations real exports have,
// keys in no particular order: for comparing Resolve Identity's Items and File modes.
import type { IDataObject } from 'n8n-workflow';

const FIRST = ['Jane', 'Robert', 'Maria', 'Tom', 'Linh', 'Ahmed', 'Olga', 'Chris', 'Sam', 'Priya'];
const LAST = ['Doe', 'Smith', 'Garcia', 'Nguyen', 'Khan', 'Ivanova', 'Brown', 'Lee', 'Patel', 'Hill'];
const STREETS = ['Oak St', 'Main St', 'Elm Ave', 'Pine Rd', 'Lake Dr'];

export function identityRecords(people: number): IDataObject[] {
	const out: IDataObject[] = [];
	for (let p = 0; p < people; p++) {
		const first = FIRST[p % FIRST.length];
		const last = LAST[(p * 7) % LAST.length];
		const email = `${first.toLowerCase()}.${last.toLowerCase()}${p}@example.com`;
		const phone = `+1 415 555 ${String(1000 + p).slice(-4)}`;
		const address = `${(p % 60) + 1} ${STREETS[p % STREETS.length]}`;
		const postcode = String(94100 + (p % 40));
		const dob = `19${60 + (p % 40)}-0${(p % 9) + 1}-1${p % 10}`;
		out.push({ id: `crm:${(p * 7919) % 100003}`, source: 'crm', email, phone, firstName: first, lastName: last, dateOfBirth: dob, address, postcode, updatedAt: '2025-01-01' });
		if (p % 2 === 0) out.push({ id: `esp:${(p * 104729) % 1000003}`, source: 'esp', email: email.toUpperCase(), phone: '', firstName: first.toLowerCase(), lastName: last, dateOfBirth: '', address: '', postcode: '', updatedAt: '2025-03-01' });
		if (p % 3 === 0) out.push({ id: `ord:${p}`, source: 'orders', email: '', phone: phone.replace('+1 ', '(').replace(' 555', ') 555'), firstName: first, lastName: last, dateOfBirth: '', address, postcode, updatedAt: '2024-06-01' });
	}
	return out;
}
