// Template 1 (flagship-campaign-demo.json) end to end in real n8n on its SQLite, on the bundled
// sample data, exactly as `npm run demo` runs it: identity, RFM, propensity, suppression,
// holdout, simulated outcomes, lift and the report.
import path from 'node:path';
import { outputsOf, type Execution } from '../e2e/n8n';
import { readCsv, userFolder } from './n8n';

const { flagshipWorkflow, formatReport, SAMPLE_DATA } = require('../../scripts/demo.js');
const runtime = require('../../scripts/n8n-runtime.js');

jest.setTimeout(300_000);

const sample = (file: string) => readCsv(path.join(SAMPLE_DATA, file));

describe('template: flagship demo', () => {
	let execution: Execution;
	let report: Record<string, any>;

	beforeAll(async () => {
		execution = await runtime.runWorkflow(userFolder(), flagshipWorkflow(), { N8N_RESTRICT_FILE_ACCESS_TO: SAMPLE_DATA });
		expect(execution.data.resultData.error).toBeUndefined();
		report = outputsOf(execution, 'Campaign Report')[0][0].json;
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
		const optedOut = new Set(sample('optouts.csv').map((o) => o.email.trim().toLowerCase()).filter(Boolean));
		const leaked = eligible.filter((i) => optedOut.has(String(i.json.email).trim().toLowerCase()));
		expect(leaked).toEqual([]);
		expect(report.arms.treatment + report.arms.control).toBe(eligible.length);
		expect(report.arms.control / eligible.length).toBeGreaterThan(0.2);
		expect(report.arms.control / eligible.length).toBeLessThan(0.3);
		expect(report.arms.srm.mismatch).toBe(false);
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
});
