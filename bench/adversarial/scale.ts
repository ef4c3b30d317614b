// Scaling attacks: each node on n and 2n items with a vendor that answers at once. Invariant: every
// item comes out, and doubling the input at most ~2.5x the time (a quadratic step makes 100k items
// take hours: a daily export of opt-outs or a full customer file is that size).
//   nice -n 10 npx tsx bench/adversarial/scale.ts [--root <worktree>] [--n 8000]
// Timings depend on the machine's load: the report prints `uptime` beside them.
import { execSync } from 'node:child_process';
import { executeNode, load, Report } from './common';

const report = new Report('scale');
const at = process.argv.indexOf('--n');
const N = at >= 0 ? Number(process.argv[at + 1]) : 8000;
const { PropagateOptOut } = load('nodes/PropagateOptOut/PropagateOptOut.node.ts');
const { ApplySuppression } = load('nodes/ApplySuppression/ApplySuppression.node.ts');
const { SplitHoldout } = load('nodes/SplitHoldout/SplitHoldout.node.ts');

type Case = [string, (n: number) => Promise<number>];

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ customerId: `C${i}`, email: `person${i}@gmail.com`, consent: i % 7 ? 'subscribed' : 'unsubscribed', country: 'US' }));

const cases: Case[] = [
	[
		'Propagate Opt-Out (webhook answering at once)',
		async (n) => {
			const out = await executeNode(new PropagateOptOut(), {
				parameters: { destinations: ['webhook'], options: { maxAttempts: 1 } },
				inputs: [people(n).map((p) => ({ email: p.email }))],
				continueOnFail: true,
				credentials: { marketingAnalyticsOptOutWebhookApi: { url: 'http://vendor.invalid/webhook', secret: 'whsec_scale_0123' } },
				httpRequestWithAuthentication: async (_type: string, request: { body: string }) => ({
					statusCode: 200,
					headers: {},
					body: JSON.stringify({ results: JSON.parse(request.body).events.map((e: { eventId: string }) => ({ eventId: e.eventId, status: 'ok' })) }),
				}),
			});
			return out.outputs.flat().length;
		},
	],
	[
		'Apply Suppression (list of n/2)',
		async (n) => {
			const out = await executeNode(new ApplySuppression(), { parameters: { channel: 'email' }, inputs: [people(n), people(n / 2).map((p) => ({ email: p.email }))] });
			return out.outputs[0].length + out.outputs[1].length;
		},
	],
	[
		'Split Holdout',
		async (n) => {
			const out = await executeNode(new SplitHoldout(), { parameters: { customerKeyField: 'customerId', customerIdField: 'customerId', campaignSalt: 'scale', mode: 'treatmentControl', controlPercent: 10, hashMode: 'md5', options: {} }, inputs: [people(n)] });
			return out.outputs.flat().length;
		},
	],
];

async function main() {
	const load = execSync('uptime').toString().trim();
	for (const [name, run] of cases) {
		const times: number[] = [];
		for (const n of [N, 2 * N]) {
			const started = Date.now();
			const count = await run(n);
			times.push((Date.now() - started) / 1000);
			report.check(count === n, { id: `${name} ${n} items out`, harm: 'lost', title: `${name}: ${count} of ${n} items out`, input: { n }, expected: `${n}`, got: count });
		}
		const ratio = times[1] / Math.max(times[0], 0.001);
		report.check(ratio < 2.5 || times[1] < 2, {
			id: `${name} scaling`,
			harm: 'lost',
			title: `${name}: ${N} items ${times[0].toFixed(1)} s, ${2 * N} items ${times[1].toFixed(1)} s (x${ratio.toFixed(1)}; 100k items extrapolate to ${((times[1] * (100000 / (2 * N)) ** Math.log2(Math.max(ratio, 1))) / 60).toFixed(0)} min)`,
			input: { n: [N, 2 * N], load },
			expected: 'at most ~2.5x the time for twice the items',
			got: times,
		});
		console.log(`${name}: ${times.map((t) => `${t.toFixed(1)} s`).join(', ')} (${load})`);
	}
	report.finish();
}

void main();
