// npm run eval:lift -- --aa [runs]: A/A false-positive rates at 95%. Both arms are drawn from the
// same distribution, so every "significant" result is a false positive. Per scenario: the absolute
// test (what `significant` reports), the relative interval shown (excluding 0), how often no
// relative interval is shown (unbounded: control mean indistinguishable from 0; undefined: control
// mean 0), and GrowthBook's delta-method relative interval, which the node showed before. Goal:
// relative within 0.02 of absolute in each scenario.
import { addObservation, bernoulliVariance, compareArm, emptyStats, mean, relativeDifference, sampleVariance, welchDegreesOfFreedom, type CovariateStats, type MetricKind } from '../lib/lift';
import { seededRandom } from '../lib/stats/random';

interface Scenario {
	name: string;
	kind: MetricKind;
	perArm: number;
	sequential?: boolean;
	draw: (random: () => number, normal: () => number) => number;
}

const SCENARIOS: Scenario[] = [
	{ name: 'revenue: 90% zeros + lognormal(sigma 1.5), 200 per arm', kind: 'continuous', perArm: 200, draw: (u, z) => (u() < 0.9 ? 0 : Math.exp(1.5 * z())) },
	{ name: 'conversion: 2% rate, 300 per arm', kind: 'binary', perArm: 300, draw: (u) => +(u() < 0.02) },
	{ name: 'revenue: 95% zeros + Pareto(alpha 1.5) x 50, 1,000 per arm', kind: 'continuous', perArm: 1000, draw: (u) => (u() < 0.95 ? 0 : 50 / Math.pow(1 - u(), 1 / 1.5)) },
	{ name: 'order value: lognormal(sigma 1), 100 per arm', kind: 'continuous', perArm: 100, draw: (_u, z) => 60 * Math.exp(z()) },
	{ name: 'conversion: 5% rate, 2,000 per arm, sequential', kind: 'binary', perArm: 2000, sequential: true, draw: (u) => +(u() < 0.05) },
];

export function runAa(runs = 2000, confidence = 0.95, seed = 20261202): Array<Record<string, string | number>> {
	const alpha = 1 - confidence;
	const random = seededRandom(seed);
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const rows: Array<Record<string, string | number>> = [];
	for (const scenario of SCENARIOS) {
		let absolute = 0;
		let relative = 0;
		let unbounded = 0;
		let undefinedRatio = 0;
		let delta = 0;
		for (let run = 0; run < runs; run++) {
			const arm = (): CovariateStats => {
				const s = emptyStats();
				for (let i = 0; i < scenario.perArm; i++) addObservation(s, scenario.draw(random, normal));
				return s;
			};
			const control = arm();
			const treatment = arm();
			const r = compareArm(control, treatment, { kind: scenario.kind, confidence, sequential: scenario.sequential });
			if (r.absolute.pValue !== null && r.absolute.pValue < alpha) absolute++;
			const { ciLow, ciHigh } = r.relative;
			if (ciLow === null || ciHigh === null) {
				if (r.relative.estimate !== null) unbounded++;
				else undefinedRatio++;
			} else if (ciLow > 0 || ciHigh < 0) relative++;
			if (!scenario.sequential && r.controlValue) {
				const moments = (s: CovariateStats) => ({ n: s.n, mean: mean(s), variance: scenario.kind === 'binary' ? bernoulliVariance(s) : sampleVariance(s) });
				const c = moments(control);
				const t = moments(treatment);
				const old = relativeDifference(c, t, confidence, welchDegreesOfFreedom(c, t));
				if (old.ciLow !== null && old.ciHigh !== null && (old.ciLow > 0 || old.ciHigh < 0)) delta++;
			}
		}
		const rate = (k: number) => Number((k / runs).toFixed(4));
		rows.push({
			scenario: scenario.name,
			runs,
			absolute_fpr: rate(absolute),
			relative_fpr: rate(relative),
			relative_unbounded: rate(unbounded),
			relative_undefined: rate(undefinedRatio),
			gap: Number(Math.abs(rate(relative) - rate(absolute)).toFixed(4)),
			delta_method_fpr: scenario.sequential ? 'n/a' : rate(delta),
		});
	}
	return rows;
}
