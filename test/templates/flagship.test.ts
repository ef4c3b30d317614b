// Template 1 (flagship-campaign-demo.json) end to end in real n8n on its SQLite, exactly as an
// agency imports it: the template file unchanged, imported into a fresh n8n user folder with this
// package installed from its tarball and n8n's default security settings (file access limited to
// ~/.n8n-files, env access in expressions blocked), run on its first execution with no file copied.
// The workflow makes its own sample data; the same rows are in templates/sample-data/*.csv.
import fs from 'node:fs';
import path from 'node:path';
import { outputsOf, type Execution } from '../e2e/n8n';
import { readCsv, readTemplate, userFolder } from './n8n';

const { flagshipWorkflow, formatReport, SAMPLE_DATA } = require('../../scripts/demo.js');
const runtime = require('../../scripts/n8n-runtime.js');
const { FLAGSHIP_FILES } = require('../../scripts/templates/sample-data.js');

jest.setTimeout(600_000);

const sample = (file: string) => readCsv(path.join(SAMPLE_DATA, file));

/** A fresh n8n user folder with the package installed from the tarball the e2e setup packed. */
function freshUserFolder(): string {
	const root = path.dirname(userFolder());
	const pack = path.join(root, 'pack');
	const tarball = fs.readdirSync(pack).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error(`no packed tarball in ${pack}`);
	return runtime.createUserFolder({ tarball: path.join(pack, tarball), root: fs.mkdtempSync(path.join(root, 'fresh-')) });
}

describe('template: flagship demo, as imported', () => {
	let execution: Execution;
	let report: Record<string, any>;
	let fresh: string;

	beforeAll(async () => {
		fresh = freshUserFolder();
		const workflow = flagshipWorkflow();
		expect(workflow).toEqual(readTemplate('flagship-campaign-demo.json')); // nothing changed for the test
		// No file access, no copied files: the template reads nothing from disk.
		expect(workflow.nodes.filter((n: { type: string }) => /readWriteFile|readBinaryFile|extractFromFile/.test(n.type))).toEqual([]);
		expect(fs.existsSync(path.join(fresh, '.n8n-files'))).toBe(false);
		execution = await runtime.runWorkflow(fresh, workflow);
		expect(execution.data.resultData.error).toBeUndefined();
		report = outputsOf(execution, 'Campaign Report')[0][0].json;
	});

	afterAll(() => {
		if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
	});

	it('makes the same rows as templates/sample-data/*.csv', () => {
		const [[data]] = outputsOf(execution, 'Sample Data');
		for (const [file, table, columns] of FLAGSHIP_FILES as Array<[string, string, string[]]>) {
			const rows = (data.json[table] as Array<Record<string, string>>).map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
			expect(rows).toEqual(sample(file));
		}
		expect(outputsOf(execution, 'Orders')[0]).toHaveLength(sample('orders.csv').length);
	});

	it('resolves identities across the CRM, ESP, sign-ups and orders, and keeps every order', () => {
		const contacts = sample('crm_contacts.csv').length + sample('esp_subscribers.csv').length + sample('web_signups.csv').length;
		const orders = sample('orders.csv');
		expect(report.identity.records).toBe(contacts + orders.length);
		expect(report.identity.customers).toBeLessThan(contacts * 0.8); // 650 people are in both CRM and ESP
		expect(report.identity.multiSource).toBeGreaterThan(400);
		expect(outputsOf(execution, 'Orders by Customer')[0]).toHaveLength(orders.length);
		// Every order keyed by a CRM ID belongs to that CRM contact's customer.
		const [records] = outputsOf(execution, 'Resolve Identity');
		const byKey = new Map(records.map((i) => [String(i.json.recordKey), String(i.json.customerId)]));
		const keyed = orders.filter((o) => o.customer_ref);
		expect(keyed.filter((o) => byKey.get(`orders:${o.order_id}`) !== byKey.get(`crm:${o.customer_ref}`))).toEqual([]);
	});

	it('segments buyers, and trains a model with real signal', () => {
		const segments = report.segments as Array<{ segment: string; customers: number }>;
		expect(segments.reduce((s, x) => s + x.customers, 0)).toBe(report.rfm.customers);
		expect(segments.find((s) => s.segment === 'Champions')!.customers).toBeGreaterThan(0);
		expect(report.model.validationRows).toBeGreaterThan(300);
		expect(report.model.validationAuc).toBeGreaterThan(0.65);
		expect(report.model.validationTopDecileLift).toBeGreaterThan(1.5);
	});

	it('suppresses opt-outs with reasons and splits the rest', () => {
		const [eligible, suppressed] = outputsOf(execution, 'Apply Suppression');
		const audience = outputsOf(execution, 'Campaign Audience')[0];
		expect(eligible.length + suppressed.length).toBe(audience.length);
		expect(report.suppression).toMatchObject({ eligible: eligible.length, suppressed: suppressed.length });
		expect(Object.keys(report.suppression.byReason)).toEqual(expect.arrayContaining(['suppression_list', 'opted_out', 'no_opt_in']));
		// An address the ESP cleaned (hard bounce) is never eligible, whatever the other sources say.
		const cleaned = new Set(readCsv(path.join(SAMPLE_DATA, 'esp_subscribers.csv')).filter((r) => r.status === 'cleaned').map((r) => r.email.trim().toLowerCase()));
		expect(cleaned.size).toBeGreaterThan(0);
		expect(eligible.filter((i) => cleaned.has(String(i.json.email).trim().toLowerCase()))).toEqual([]);
		const optedOut = new Set(sample('optouts.csv').map((o) => o.email.trim().toLowerCase()).filter(Boolean));
		const leaked = eligible.filter((i) => optedOut.has(String(i.json.email).trim().toLowerCase()));
		expect(leaked).toEqual([]);
		expect(report.arms.treatment + report.arms.control).toBe(eligible.length);
		expect(report.arms.control / eligible.length).toBeGreaterThan(0.2);
		expect(report.arms.control / eligible.length).toBeLessThan(0.3);
		expect(report.arms.srm.mismatch).toBe(false);
		// Split Holdout sends both arms through one output: no Merge of an arm's items.
		const [split] = outputsOf(execution, 'Split Holdout');
		expect(split).toHaveLength(eligible.length);
		expect(split.filter((i) => (i.json.holdout as { arm: string }).arm === 'control')).toHaveLength(report.arms.control);
	});

	it('measures the simulated lift with an interval that covers the true effect, and prints the report', () => {
		const converted = report.lift.find((l: { metric: string }) => l.metric === 'converted');
		expect(converted.n + converted.controlN).toBe(report.arms.treatment + report.arms.control);
		expect(converted.absoluteCiLow).toBeGreaterThan(0);
		expect(converted.relativeCiLow).toBeLessThan(report.trueRelativeEffect);
		expect(converted.relativeCiHigh).toBeGreaterThan(report.trueRelativeEffect);
		const text = formatReport(report);
		expect(text).toMatch(/validation AUC 0\.\d{3}, top-decile lift \d+\.\d\d/);
		expect(text).toMatch(/converted +\d+\.\d\d% vs \d+\.\d\d%: \+\d+\.\d\d pp \[/);
	});

	it('has a companion, the holdout demo, that also runs as imported in the same fresh n8n', async () => {
		const run = await runtime.runWorkflow(fresh, readTemplate('holdout-demo.json'));
		expect(run.data.resultData.error).toBeUndefined();
		const [treatment, control] = outputsOf(run, 'Split Holdout');
		expect(treatment.length + control.length).toBe(sample('customers.csv').length);
		expect(control.length / 2000).toBeGreaterThan(0.07);
		expect(control.length / 2000).toBeLessThan(0.13);
	});

	it('has a household mailing that runs as imported: one person per household, households kept in one arm', async () => {
		const run = await runtime.runWorkflow(fresh, readTemplate('household-mailing-demo.json'));
		expect(run.data.resultData.error).toBeUndefined();
		const [records, , , households] = outputsOf(run, 'Resolve Identity');
		const customers = new Set(records.map((i) => i.json.customerId));
		const householdIds = new Set(records.map((i) => i.json.householdId));
		expect(households.length).toBe(householdIds.size);
		expect(householdIds.size).toBeLessThan(customers.size); // families share a household
		expect(households.some((h) => Number(h.json.size) >= 2)).toBe(true);
		const [eligible, suppressed] = outputsOf(run, 'Apply Suppression');
		expect(new Set(eligible.map((i) => i.json.householdId)).size).toBe(eligible.length); // one per household
		expect(suppressed.some((i) => JSON.stringify(i.json.suppression).includes('household_cap'))).toBe(true);
		const [split] = outputsOf(run, 'Split Holdout');
		expect(split).toHaveLength(eligible.length);
		const arms = split.map((i) => i.json.holdout as { arm: string; randomizedOn: string });
		expect(arms.every((h, k) => h.randomizedOn === split[k].json.householdId)).toBe(true);
		const [mailing] = outputsOf(run, 'Mailing File');
		expect(mailing).toHaveLength(1);
		expect(mailing[0].binary?.data?.fileName).toBe('autumn-catalogue-mailing.csv');
		expect(outputsOf(run, 'Treatment Only')[0]).toHaveLength(arms.filter((h) => h.arm === 'treatment').length);
	});
});
