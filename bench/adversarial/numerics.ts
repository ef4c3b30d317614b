// Attacks the numbers: Compute RFM ties and Measure Lift under shifts, orders and its own
// significance. Invariants need no reference implementation:
// - equal spend to the cent gets one M score, however the float sum came out;
// - adding a constant to every value (revenue in cents vs. a baseline-shifted metric) changes no
//   p-value and shifts the means only; reordering rows changes nothing;
// - `significant`, the absolute interval and the relative interval tell one story.
//   npx tsx bench/adversarial/numerics.ts [--root <worktree>] [--verbose]
import { attempt, executeNode, load, Report, seeded, shuffled } from './common';

const { ComputeRfm } = load('nodes/ComputeRfm/ComputeRfm.node.ts');
const { MeasureLift } = load('nodes/MeasureLift/MeasureLift.node.ts');
const rfm = new ComputeRfm();
const lift = new MeasureLift();
const report = new Report('numerics');

async function rfmTies() {
	// 40 customers spread over spend; two of them spend 129.98, summed in different orders/splits.
	const rows: object[] = [];
	for (let c = 0; c < 40; c++) rows.push({ customerId: `c${c}`, date: '2024-06-01', amount: 20 + c * 7.5, orderId: `o${c}` });
	const splits: Record<string, number[]> = {
		single: [129.98],
		twoHalves: [64.99, 64.99],
		tenths: [0.1, 0.2, 129.68],
		ugly: [129.98000000000002],
		cents: [100.01, 29.97],
	};
	for (const [name, amounts] of Object.entries(splits)) {
		amounts.forEach((amount, i) => rows.push({ customerId: `tie-${name}`, date: '2024-06-01', amount, orderId: `t-${name}-${i}` }));
	}
	const { value, error } = await attempt(() => executeNode(rfm, { parameters: { options: { asOf: '2025-01-01T00:00:00Z' } }, inputs: [rows] }));
	const scores = Object.fromEntries(
		(value?.outputs[0] ?? []).filter((item: any) => String(item.json.customerId).startsWith('tie-')).map((item: any) => [item.json.customerId, `${item.json.monetary} -> M${item.json.mScore}`]),
	);
	const distinct = new Set(Object.values(scores).map((s) => String(s).split('M')[1]));
	report.check(!error && distinct.size === 1, {
		id: 'rfm monetary tie',
		harm: 'unstable',
		title: `equal spend 129.98 reached by different float sums gets ${distinct.size} different M scores`,
		input: splits,
		expected: 'one M score',
		got: error?.message ?? scores,
		responsible: 'lib/rfm/scores.ts (ranking on unrounded sums)',
	});
}

interface LiftResult {
	pValue: number;
	significant: boolean;
	absoluteCiLow: number;
	absoluteCiHigh: number;
	relativeCiLow: number | null;
	relativeCiHigh: number | null;
	value: number;
	controlValue: number;
	messages: unknown;
}

async function measure(rows: Array<{ arm: string; revenue: number }>, kind = 'continuous'): Promise<{ result?: LiftResult; error?: string }> {
	const { value, error } = await attempt(() =>
		executeNode(lift, { parameters: { metrics: { metric: [{ field: 'revenue', kind }] } }, inputs: [rows], continueOnFail: true }),
	);
	const result = value?.outputs[0].find((item: any) => item.json.arm === 'treatment' && typeof item.json.pValue === 'number');
	const treatment = value?.outputs[0].find((item: any) => item.json.arm === 'treatment');
	return result ? { result: result.json as LiftResult } : { error: error?.message ?? `no p-value; messages: ${JSON.stringify(treatment?.json?.messages ?? treatment?.json?.error ?? null)}` };
}

function normalRows(n: number, meanControl: number, meanTreatment: number, sd: number, random: () => number) {
	const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const rows: Array<{ arm: string; revenue: number }> = [];
	for (let i = 0; i < n; i++) rows.push({ arm: 'control', revenue: meanControl + sd * gauss() }, { arm: 'treatment', revenue: meanTreatment + sd * gauss() });
	return rows;
}

async function liftShifts() {
	const base = normalRows(1000, 0, 0.15, 1, seeded(3));
	const reference = await measure(base);
	for (const shift of [1e4, 1e7, 1e9]) {
		const moved = await measure(base.map((r) => ({ ...r, revenue: r.revenue + shift })));
		const pBase = reference.result?.pValue;
		const pMoved = moved.result?.pValue;
		const ok = pBase !== undefined && pMoved !== undefined && Math.abs(pBase - pMoved) <= 1e-6 * Math.max(1, pBase);
		report.check(ok, {
			id: `lift shift +${shift}`,
			harm: 'unstable',
			title: `adding ${shift} to every value moves the p-value from ${pBase} to ${pMoved ?? moved.error}`,
			input: 'normal rows, 1,000 per arm, sd 1, true lift 0.15, seed 3; the same rows shifted',
			expected: `p unchanged (|dp| <= 1e-6), got ${pMoved ?? 'no result'}`,
			got: { pBase, pMoved, messages: moved.result?.messages, error: moved.error },
			responsible: 'lib/lift/sufficientStats.ts variance from sums',
		});
	}
	const order = await measure(shuffled(base, seeded(11)));
	const before = reference.result?.pValue ?? NaN;
	report.check(Math.abs((order.result?.pValue ?? NaN) - before) <= 1e-9 * Math.max(1e-300, before), {
		id: 'lift row order',
		harm: 'unstable',
		title: 'shuffling the rows changes the p-value',
		input: 'normal rows, shuffled (seed 11)',
		expected: 'identical p-value',
		got: { before: reference.result?.pValue, after: order.result?.pValue },
		responsible: 'lib/lift/sufficientStats.ts',
	});
}

async function liftStories() {
	// Zero-heavy revenue (A/A and a real lift) and small binary samples: the three verdicts must agree.
	const random = seeded(21);
	const lognormal = () => Math.exp(1.5 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
	const datasets: Array<[string, Array<{ arm: string; revenue: number }>, string]> = [];
	for (let k = 0; k < 40; k++) {
		const rows: Array<{ arm: string; revenue: number }> = [];
		for (let i = 0; i < 200; i++) {
			rows.push({ arm: 'control', revenue: random() < 0.1 ? lognormal() : 0 }, { arm: 'treatment', revenue: random() < (k % 2 === 0 ? 0.1 : 0.16) ? lognormal() : 0 });
		}
		datasets.push([`zero-heavy revenue #${k}`, rows, 'continuous']);
	}
	for (let k = 0; k < 40; k++) {
		const rows: Array<{ arm: string; revenue: number }> = [];
		for (let i = 0; i < 300; i++) rows.push({ arm: 'control', revenue: random() < 0.02 ? 1 : 0 }, { arm: 'treatment', revenue: random() < (k % 2 === 0 ? 0.02 : 0.05) ? 1 : 0 });
		datasets.push([`2% conversion #${k}`, rows, 'binary']);
	}
	const disagreements: string[] = [];
	for (const [name, rows, kind] of datasets) {
		const { result } = await measure(rows, kind);
		if (!result) continue;
		const absolute = result.absoluteCiLow > 0 || result.absoluteCiHigh < 0;
		const relative = result.relativeCiLow !== null && result.relativeCiHigh !== null && (result.relativeCiLow > 0 || result.relativeCiHigh < 0);
		if (result.significant !== absolute || (result.relativeCiLow !== null && relative !== result.significant)) {
			disagreements.push(`${name}: significant=${result.significant}, absolute CI [${result.absoluteCiLow.toFixed(4)}, ${result.absoluteCiHigh.toFixed(4)}], relative CI [${result.relativeCiLow}, ${result.relativeCiHigh}], p=${result.pValue.toFixed(4)}`);
		}
	}
	report.check(disagreements.length === 0, {
		id: 'lift verdicts agree',
		harm: 'unstable',
		title: `${disagreements.length} of ${datasets.length} experiments show a "significant" that the absolute or relative interval contradicts`,
		input: '40 zero-heavy revenue experiments (200/arm, 90% zeros, lognormal sigma 1.5) and 40 conversion experiments (300/arm, 2%), seed 21',
		expected: 'significant == absolute CI excludes 0 == relative CI excludes 0',
		got: disagreements.slice(0, 5),
		responsible: 'lib/lift/frequentist.ts relative interval',
	});
}

async function main() {
	await rfmTies();
	await liftShifts();
	await liftStories();
	report.finish();
}

void main();
