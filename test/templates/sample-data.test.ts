// The flagship's sample data is what its generator writes (deterministic), and has the overlaps
// and noise the templates rely on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { readCsv } from './n8n';

const { flagshipSampleData, sourceOf, toCsv, CUSTOMER_COLUMNS } = require('../../scripts/templates/sample-data.js');

const committed = path.resolve(__dirname, '..', '..', 'templates', 'sample-data');
const files = ['crm_contacts.csv', 'esp_subscribers.csv', 'orders.csv', 'web_signups.csv', 'optouts.csv'];

describe('templates/sample-data', () => {
	it('is exactly what scripts/generate-sample-data.js writes', () => {
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-data-'));
		try {
			execFileSync(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'generate-sample-data.js')], { env: { ...process.env, SAMPLE_DATA_OUT: out } });
			for (const file of files) expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(fs.readFileSync(path.join(committed, file), 'utf8'));
		} finally {
			fs.rmSync(out, { recursive: true, force: true });
		}
	});

	it('has people in both the CRM and the ESP, re-typed, and orders keyed both ways', () => {
		const crm = readCsv(path.join(committed, 'crm_contacts.csv'));
		const esp = readCsv(path.join(committed, 'esp_subscribers.csv'));
		const orders = readCsv(path.join(committed, 'orders.csv'));
		const optouts = readCsv(path.join(committed, 'optouts.csv'));
		const crmEmails = new Set(crm.map((c) => c.email));
		const exact = esp.filter((e) => crmEmails.has(e.email)).length;
		const loose = esp.filter((e) => crmEmails.has(e.email.trim().toLowerCase())).length;
		expect(exact).toBeGreaterThan(200); // some ESP emails are typed exactly as in the CRM
		expect(loose).toBeGreaterThan(exact + 50); // more once case and spaces are normalized
		expect(orders.filter((o) => o.customer_ref).length).toBeGreaterThan(1000);
		expect(orders.filter((o) => !o.customer_ref && o.email).length).toBeGreaterThan(500);
		expect(new Set(optouts.map((o) => o.reason))).toEqual(new Set(['unsubscribe', 'spam_complaint', 'hard_bounce', 'erasure_request']));
		expect(crm.length + esp.length + orders.length).toBeLessThan(10000);
	});

	it('is made by self-contained functions, so a template\'s Code step can run their source', () => {
		// The templates embed the functions' source text: it must run with nothing from outside.
		const data = new Function(`return (${sourceOf('flagshipSampleData')})();`)();
		expect(data).toEqual(flagshipSampleData());
		expect(toCsv(new Function(`return (${sourceOf('sampleCustomers')})();`)(), CUSTOMER_COLUMNS)).toBe(fs.readFileSync(path.join(committed, 'customers.csv'), 'utf8'));
	});

	it('has only phone numbers in ranges libphonenumber calls valid', () => {
		const { crm, esp } = flagshipSampleData();
		const phones = [...crm, ...esp].map((r: { phone: string }) => r.phone).filter((p: string) => p.startsWith('+'));
		expect(phones.length).toBeGreaterThan(500);
		expect(phones.filter((p: string) => !parsePhoneNumberFromString(p.replace(/[.]/g, ' '))?.isValid())).toEqual([]);
	});
});
