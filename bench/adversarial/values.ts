// Reads the same raw date, yes/no and number through every node that takes one, and compares the
// answers. Invariant: one raw value means one thing (or is refused) everywhere.
//   npx tsx bench/adversarial/values.ts [--root <worktree>] [--verbose] [--tz America/New_York]
// Runs in a non-UTC time zone by default: a reader that takes a zone-less time as local time shows.
import { attempt, executeNode, load, Report } from './common';

const tzAt = process.argv.indexOf('--tz');
process.env.TZ = tzAt >= 0 ? process.argv[tzAt + 1] : 'America/New_York';

const report = new Report('values');
const { ComputeRfm } = load('nodes/ComputeRfm/ComputeRfm.node.ts');
const { PropagateOptOut } = load('nodes/PropagateOptOut/PropagateOptOut.node.ts');
const { ApplySuppression } = load('nodes/ApplySuppression/ApplySuppression.node.ts');
const { MeasureLift } = load('nodes/MeasureLift/MeasureLift.node.ts');
const rfm = new ComputeRfm();
const optout = new PropagateOptOut();
const suppression = new ApplySuppression();
const lift = new MeasureLift();

const FAR = '2199-01-01T00:00:00.000Z';
type Reading = string; // an ISO instant, 'refused', or 'crash: ...'

async function rfmDate(raw: unknown): Promise<Reading> {
	const { value, error } = await attempt(() =>
		executeNode(rfm, { parameters: { options: { asOf: FAR } }, inputs: [[{ customerId: 'a', date: raw, amount: 10, orderId: 'o1' }]], continueOnFail: true }),
	);
	if (!value) return `crash: ${error?.message}`;
	const customer = value.outputs[0].find((item: any) => item.json.customerId === 'a' && item.json.lastPurchase !== undefined);
	return customer ? new Date(customer.json.lastPurchase).toISOString() : 'refused';
}

async function optoutDate(raw: unknown): Promise<Reading> {
	const { value, error } = await attempt(() =>
		executeNode(optout, {
			parameters: { destinations: ['webhook'], options: { maxAttempts: 1 } },
			inputs: [[{ email: 'probe@example.com', requestedAt: raw }]],
			continueOnFail: true,
			credentials: { marketingAnalyticsOptOutWebhookApi: { url: 'http://vendor.invalid/webhook', secret: 's', keyId: 'k' } },
			httpRequestWithAuthentication: async (_type: string, request: Record<string, unknown>) => {
				const events = JSON.parse(String(request.body)).events as Array<{ eventId: string }>;
				return { statusCode: 200, headers: {}, body: JSON.stringify({ results: events.map((e) => ({ eventId: e.eventId, status: 'propagated' })) }) };
			},
		}),
	);
	if (!value) return `crash: ${error?.message}`;
	const item = value.outputs.flat().find((i: any) => i.json.optOut?.requestedAt);
	return item ? new Date(item.json.optOut.requestedAt).toISOString() : 'refused';
}

/** Apply Suppression never prints the instant it read: find it by bisection on a competing opt-in date. */
async function suppressionDate(raw: unknown): Promise<Reading> {
	const eligibleWithOptInAt = async (ms: number) => {
		const { value } = await attempt(() =>
			executeNode(suppression, {
				parameters: { channel: 'email', rules: { asOf: FAR } },
				inputs: [[{ email: 'probe@example.com', consent: 'subscribed', country: 'US', optedOutAt: raw, optedInAt: new Date(ms).toISOString() }], []],
				continueOnFail: true,
			}),
		);
		return (value?.outputs[0].length ?? 0) === 1;
	};
	let low = Date.UTC(1900, 0, 1);
	let high = Date.UTC(2150, 0, 1);
	if (!(await eligibleWithOptInAt(high))) return 'refused';
	if (await eligibleWithOptInAt(low)) return 'before 1900';
	// Eligible iff the opt-in is newer than the opt-out as read: bisect to the millisecond.
	while (high - low > 1) {
		const mid = Math.floor((low + high) / 2);
		if (await eligibleWithOptInAt(mid)) high = mid;
		else low = mid;
	}
	return new Date(low).toISOString();
}

/** Missing markers (issue #13: missing everywhere): "no date" may be an error or an absent value. */
const MARKERS = new Set<unknown>(['NULL', 'None', '#N/A', 'n/a', '-', 'null', 'NA']);
/** A node's "absent" reading: Suppression ignores the date, Opt-Out stamps the run time. */
const NOW = Date.now();
const canonical = (raw: unknown, reading: Reading): Reading => {
	if (reading === 'before 1900') return 'absent';
	if (!Number.isNaN(Date.parse(reading)) && Math.abs(Date.parse(reading) - NOW) < 600_000) return 'absent';
	return MARKERS.has(raw) && reading === 'refused' ? 'absent' : reading;
};

const sameInstant = (a: Reading, b: Reading) => {
	const x = Date.parse(a);
	const y = Date.parse(b);
	return Number.isNaN(x) || Number.isNaN(y) ? a === b : Math.abs(x - y) < 1000;
};

async function dates() {
	const raws: unknown[] = [
		'20240115', 20240115, '1700000000', 1700000000, 1700000000000, '1700000000000', '1709287200.5', '03/04/2024', '15/03/2024', '2024-02-30',
		'2024-03-01T00:00:00+05:30', '2024-03-01T10:00:00.000+0000', '2024-03-01 10:00:00', '2024-03-01T10:00:00', '2024-03-01 10:00:00 UTC', '2024-03-01',
		45292, '  2025-03-01 ', 'NULL', 'None', '#N/A', '0000-00-00', 'n/a', '-', 'March 3, 2024', 'Fri, 01 Mar 2024 10:00:00 GMT', true, 0, '0',
	];
	// What issue #13 says these mean (one documented epoch rule, YYYYMMDD as a date, impossible
	// dates and missing markers refused): agreeing on anything else is still wrong.
	const intended = new Map<unknown, Reading>([
		['20240115', '2024-01-15T00:00:00.000Z'],
		[20240115, '2024-01-15T00:00:00.000Z'],
		['1700000000', '2023-11-14T22:13:20.000Z'],
		[1700000000, '2023-11-14T22:13:20.000Z'],
		[1700000000000, '2023-11-14T22:13:20.000Z'],
		['1700000000000', '2023-11-14T22:13:20.000Z'],
		['2024-02-30', 'refused'],
		['0000-00-00', 'refused'],
		['NULL', 'absent'],
		['None', 'absent'],
		['#N/A', 'absent'],
		['n/a', 'absent'],
		['-', 'absent'],
		['  2025-03-01 ', '2025-03-01T00:00:00.000Z'],
		['2024-03-01', '2024-03-01T00:00:00.000Z'],
		['2024-03-01T00:00:00+05:30', '2024-02-29T18:30:00.000Z'],
		['2024-03-01T10:00:00.000+0000', '2024-03-01T10:00:00.000Z'],
	]);
	for (const raw of raws) {
		const read = { rfm: await rfmDate(raw), optout: await optoutDate(raw), suppression: await suppressionDate(raw) };
		const readings = Object.fromEntries(Object.entries(read).map(([node, reading]) => [node, canonical(raw, reading)]));
		if (intended.has(raw)) {
			const want = intended.get(raw)!;
			const wrong = Object.entries(readings).filter(([, v]) => !sameInstant(v, want));
			report.check(wrong.length === 0, {
				id: `date ${JSON.stringify(raw)} meaning`,
				harm: 'unstable',
				title: `date ${JSON.stringify(raw)} should be ${want}: ${wrong.map(([k, v]) => `${k}=${v}`).join(', ')}`,
				input: { raw, tz: process.env.TZ },
				expected: want,
				got: readings,
				responsible: 'lib/records/instant.ts toEpochMs and the other date readers',
			});
		}
		const values = Object.values(readings);
		const agree = values.every((v) => sameInstant(v, values[0]));
		report.check(agree, {
			id: `date ${JSON.stringify(raw)}`,
			harm: 'unstable',
			title: `date ${JSON.stringify(raw)} read differently: ${Object.entries(readings).map(([k, v]) => `${k}=${v}`).join(', ')}`,
			input: { raw, tz: process.env.TZ },
			expected: 'one instant (or refused) in Compute RFM, Propagate Opt-Out and Apply Suppression',
			got: readings,
			responsible: 'lib/records/instant.ts, lib/rfm/features.ts, lib/optout/events.ts (date readers)',
		});
	}
}

async function liftBinary(raw: unknown): Promise<string> {
	const rows: object[] = [];
	for (let i = 0; i < 10; i++) rows.push({ arm: 'control', converted: i < 5 ? 1 : 0 }, { arm: 'treatment', converted: raw });
	const { value, error } = await attempt(() => executeNode(lift, { parameters: {}, inputs: [rows], continueOnFail: true }));
	if (!value) return `crash: ${error?.message}`;
	const result = value.outputs[0].find((item: any) => item.json.arm === 'treatment' && typeof item.json.value === 'number' && item.json.n === 10);
	return result ? (result.json.value === 1 ? 'true' : result.json.value === 0 ? 'false' : `rate ${result.json.value}`) : 'refused';
}

async function suppressionFlag(raw: unknown): Promise<string> {
	const { value, error } = await attempt(() =>
		executeNode(suppression, { parameters: { channel: 'email' }, inputs: [[{ email: 'probe@example.com', consent: 'subscribed', country: 'US', bounced: raw }], []], continueOnFail: true }),
	);
	if (!value) return `crash: ${error?.message}`;
	const held = value.outputs[1].find((item: any) => (item.json.suppression?.reasons ?? []).some((r: any) => r.code === 'hard_bounce'));
	return held ? 'true' : 'false (or ignored)';
}

async function booleans() {
	const raws: unknown[] = ['t', 'f', 'T', 'F', 'Y', 'N', 'y', 'n', 'yes', 'no', 'true', 'false', 'TRUE', 'FALSE', '1', '0', 1, 0, true, false, '1.0', 'on', 'off', 'X', ' true ', 'NULL'];
	for (const raw of raws) {
		const readings = { measureLift: await liftBinary(raw), applySuppressionBounced: await suppressionFlag(raw) };
		const liftTrue = readings.measureLift === 'true';
		const suppressionTrue = readings.applySuppressionBounced === 'true';
		const agree = liftTrue === suppressionTrue && (readings.measureLift !== 'refused' || !suppressionTrue);
		report.check(agree, {
			id: `boolean ${JSON.stringify(raw)}`,
			harm: liftTrue && !suppressionTrue ? 'contact' : 'unstable',
			title: `yes/no ${JSON.stringify(raw)}: Measure Lift=${readings.measureLift}, Apply Suppression bounced=${readings.applySuppressionBounced}`,
			input: { raw },
			expected: 'the same truth value (or refused) in both',
			got: readings,
			responsible: 'lib/lift/values.ts parseMetricValue vs lib/suppression/decide.ts truthy',
		});
	}
}

async function rfmAmount(raw: unknown): Promise<string> {
	const { value, error } = await attempt(() =>
		executeNode(rfm, { parameters: { options: { asOf: FAR } }, inputs: [[{ customerId: 'a', date: '2024-01-01', amount: raw, orderId: 'o1' }]], continueOnFail: true }),
	);
	if (!value) return `crash: ${error?.message}`;
	const customer = value.outputs[0].find((item: any) => item.json.customerId === 'a' && typeof item.json.monetary === 'number');
	return customer ? String(customer.json.monetary) : 'refused';
}

async function liftAmount(raw: unknown): Promise<string> {
	const rows: object[] = [];
	for (let i = 0; i < 10; i++) rows.push({ arm: 'control', revenue: i }, { arm: 'treatment', revenue: raw });
	const { value, error } = await attempt(() =>
		executeNode(lift, { parameters: { metrics: { metric: [{ field: 'revenue', kind: 'continuous' }] } }, inputs: [rows], continueOnFail: true }),
	);
	if (!value) return `crash: ${error?.message}`;
	const result = value.outputs[0].find((item: any) => item.json.arm === 'treatment' && typeof item.json.value === 'number' && item.json.n === 10);
	return result ? String(result.json.value) : 'refused';
}

async function numbers() {
	const raws: unknown[] = ['12.5', ' 12.5 ', '1,234.50', '1.234,50', '12,50', '$12.50', '12.50 USD', '(12.50)', '\u221212.5', '1e3', '0x10', '1_000', 'n/a', 'NaN', 'Infinity', '', true, '12.5%'];
	for (const raw of raws) {
		const readings = { computeRfm: await rfmAmount(raw), measureLift: await liftAmount(raw) };
		report.check(readings.computeRfm === readings.measureLift, {
			id: `number ${JSON.stringify(raw)}`,
			harm: 'unstable',
			title: `number ${JSON.stringify(raw)}: Compute RFM=${readings.computeRfm}, Measure Lift=${readings.measureLift}`,
			input: { raw },
			expected: 'the same number (or refused) in both',
			got: readings,
			responsible: 'lib/rfm/features.ts amount reader vs lib/lift/values.ts parseMetricValue',
		});
	}
}


const { SplitHoldout } = load('nodes/SplitHoldout/SplitHoldout.node.ts');
const holdout = new SplitHoldout();

/** Whether Split Holdout puts two raw customer keys in the same bucket under several salts (the same key). */
async function holdoutSameKey(a: unknown, b: unknown): Promise<string> {
	let same = true;
	for (const salt of ['spring-2026', 'summer-2026', 'fall-2026', 'winter-2026']) {
		const { value, error } = await attempt(() =>
			executeNode(holdout, {
				parameters: { customerKeyField: 'customerId', customerIdField: 'customerId', campaignSalt: salt, mode: 'treatmentControl', controlPercent: 50, hashMode: 'md5', options: {} },
				inputs: [[{ customerId: a }, { customerId: b }]],
				continueOnFail: true,
			}),
		);
		if (!value) return `crash: ${error?.message}`;
		const bucket = new Map<number, unknown>();
		for (const item of value.outputs.flat()) bucket.set(item.pairedItem?.item, item.json.holdout?.bucket);
		if (bucket.get(0) === undefined || bucket.get(1) === undefined) return 'refused';
		if (bucket.get(0) !== bucket.get(1)) same = false;
	}
	return same ? 'same' : 'different';
}

/** Whether Apply Suppression's customer-ID match treats two raw keys as one (list entry a holds audience b). */
async function suppressionSameKey(a: unknown, b: unknown): Promise<string> {
	const { value, error } = await attempt(() =>
		executeNode(suppression, { parameters: { channel: 'email' }, inputs: [[{ email: 'probe@gmail.com', customerId: b, consent: 'subscribed', country: 'US' }], [{ customerId: a }]], continueOnFail: true }),
	);
	if (!value) return `crash: ${error?.message}`;
	return value.outputs[0].some((item: any) => (item.pairedItem?.input ?? 0) === 0) ? 'different' : 'same';
}

/** Whether Compute RFM counts two raw customer keys as one customer ('missing' when it calls the key a bad row). */
async function rfmSameKey(a: unknown, b: unknown): Promise<string> {
	const { ComputeRfm } = load('nodes/ComputeRfm/ComputeRfm.node.ts');
	const { value, error } = await attempt(() =>
		executeNode(new ComputeRfm(), {
			parameters: { customerIdField: 'customerId', timestampField: 'date', amountField: 'amount', options: { asOf: '2024-12-01' } },
			inputs: [[{ customerId: a, date: '2024-03-01', amount: '10' }, { customerId: b, date: '2024-04-01', amount: '10' }]],
			continueOnFail: true,
		}),
	);
	if (!value) return `crash: ${error?.message}`;
	const customers = value.outputs[0].filter((item: any) => item.json.error === undefined);
	return customers.length === 1 ? 'same' : customers.length === 2 ? 'different' : 'refused';
}

/** Missing markers as a customer key: Split Holdout holds them (no key); Compute RFM must not pool them into a customer. */
async function missingKeys() {
	for (const marker of ['NULL', 'nan', '#N/A', 'None']) {
		const rfm = await rfmSameKey(marker, marker);
		report.check(rfm === 'refused', {
			id: `missing-marker key ${marker} in Compute RFM`,
			harm: 'unstable',
			title: `Compute RFM counts customer ID "${marker}" as a customer (pooling everyone without an ID), where Split Holdout and Apply Suppression read it as no key`,
			input: [{ customerId: marker, date: '2024-03-01', amount: '10' }, { customerId: marker, date: '2024-04-01', amount: '10' }],
			expected: 'bad rows (customer ID missing), as an empty ID is',
			got: rfm,
			responsible: 'lib/rfm features (customer ID reading) and lib/warehouse/rfm.ts alike; lib/records/values.ts readKey',
		});
	}
}

/**
 * One customer key written two ways (a warehouse integer and a pandas CSV's "1001.0"; padded text;
 * an email key in another case). Expectation: Split Holdout and Apply Suppression agree on whether
 * it is one customer. Why: issue #13 / CONTRIBUTING "one value reader" (readKey); a key Split
 * Holdout reads differently moves a customer between control and treatment from one export to the
 * next, contaminating the holdout the lift is measured on.
 */
async function customerKeys() {
	const pairs: Array<[unknown, unknown]> = [
		[1001, '1001.0'],
		['1001', '1001.00'],
		[1001, ' 1001 '],
		[1001, '+1001'],
		[1001, '１００１'],
		['C-1001', 'c-1001'],
		['Jane.Doe@Gmail.com', 'jane.doe@gmail.com'],
	];
	for (const [a, b] of pairs) {
		const readings = { splitHoldout: await holdoutSameKey(a, b), applySuppression: await suppressionSameKey(a, b), computeRfm: await rfmSameKey(a, b) };
		report.check(readings.splitHoldout === readings.applySuppression && readings.computeRfm === readings.splitHoldout, {
			id: `customer key ${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
			harm: 'unstable',
			title: `customer keys ${JSON.stringify(a)} and ${JSON.stringify(b)}: Split Holdout=${readings.splitHoldout}, Apply Suppression=${readings.applySuppression}, Compute RFM=${readings.computeRfm}`,
			input: { a, b },
			expected: 'both nodes read one key (or both two)',
			got: readings,
			responsible: 'nodes/SplitHoldout asKey (nodes/shared/fields.ts) vs lib/records/values.ts readKey',
		});
	}
}

async function main() {
	await dates();
	await booleans();
	await numbers();
	await customerKeys();
	await missingKeys();
	report.finish();
}

void main();
