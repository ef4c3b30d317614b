// npm run eval:lift: Hillstrom's e-mail experiment through lib/lift, one JSON line per arm and
// metric (control: No E-Mail), and the three-arm sample-ratio check. Reference figures are in
// ../shared/datasets/README.md. `--chart <file.svg>` also writes the node's lift chart of it.
// `--aa [runs]`: A/A false-positive rates of the absolute test and the relative interval instead
// (bench/lift-aa.ts).
import fs from 'node:fs';
import path from 'node:path';
import { analyzeExperiment, experimentChartSvg, StatsAccumulator, ALL_SEGMENTS } from '../lib/lift';
import { runAa } from './lift-aa';
import { readCsv } from './csv';

const args = process.argv.slice(2);
const aaAt = args.indexOf('--aa');
const aaRuns = aaAt >= 0 && /^\d+$/.test(args[aaAt + 1] ?? '') ? Number(args.splice(aaAt, 2)[1]) : aaAt >= 0 ? (args.splice(aaAt, 1), 2000) : 0;
const chartAt = args.indexOf('--chart');
const chartFile = chartAt >= 0 ? args.splice(chartAt, 2)[1] : undefined;
const file = args[0] ?? path.join(__dirname, '..', '..', 'shared', 'datasets', 'lift', 'hillstrom.csv');
const metrics = [
	{ name: 'visit', kind: 'binary' as const },
	{ name: 'conversion', kind: 'binary' as const },
	{ name: 'spend', kind: 'continuous' as const },
];

export function hillstromAccumulator(csvFile: string): StatsAccumulator {
	const data = new StatsAccumulator();
	for (const row of readCsv(csvFile)) {
		for (const metric of ['visit', 'conversion', 'spend']) data.addObservation(ALL_SEGMENTS, row.segment, metric, Number(row[metric]));
	}
	return data;
}

if (require.main === module && aaRuns > 0) {
	const started = process.hrtime.bigint();
	for (const row of runAa(aaRuns)) console.log(JSON.stringify(row));
	console.error(`seconds: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)}`);
} else if (require.main === module) {
	const started = process.hrtime.bigint();
	const data = hillstromAccumulator(file);
	const { results, srm } = analyzeExperiment(data, {
		controlArm: 'No E-Mail',
		metrics,
		confidence: 0.95,
	});
	const round = (v: number | null, digits = 6) => (v === null ? null : Number(v.toFixed(digits)));
	for (const r of results) {
		console.log(
			JSON.stringify({
				dataset: 'hillstrom',
				arm: r.arm,
				metric: r.metric,
				control_rate: round(r.controlValue),
				treatment_rate: round(r.treatmentValue),
				abs_lift: round(r.absolute.estimate),
				ci_low: round(r.absolute.ciLow),
				ci_high: round(r.absolute.ciHigh),
				rel_lift: round(r.relative.estimate),
				p_value: r.absolute.pValue,
				statistic: round(r.absolute.statistic, 4),
			}),
		);
	}
	const check = srm[ALL_SEGMENTS];
	console.log(JSON.stringify({ dataset: 'hillstrom', metric: 'srm', chi2: round(check.chiSquare), df: check.df, p_value: round(check.pValue) }));
	if (chartFile) {
		fs.writeFileSync(chartFile, experimentChartSvg(results, { controlArm: 'No E-Mail', confidence: 0.95, metricOrder: metrics.map((m) => m.name) }));
		console.error(`chart: ${chartFile}`);
	}
	console.error(`seconds: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)}`);
}
