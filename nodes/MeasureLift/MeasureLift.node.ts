import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	ALL_SEGMENTS,
	analyzeExperiment,
	drawingToPng,
	drawingToSvg,
	experimentChart,
	looksBinary,
	parseMetricValue,
	StatsAccumulator,
	type Correction,
	type LiftResult,
	type MetricKind,
	type MetricSpec,
} from '../../lib/lift';
import { readKey, readPresentKey } from '../../lib/records';
import { addRunSummary, errorItem, fieldError, fieldProblem, getFieldName, isFileInput, pairedWith, readField, rowError, type FieldProblem } from '../shared';
import { liftRowsFromFile, rowsAsItems } from './fileMode';
import { generateLiftSql } from './generateSql';
import { measureLiftProperties } from './properties';
import { parseIntendedSplit, toResultJson } from './results';

interface MetricParameter extends MetricSpec {
	covariateField: string;
}

type AggregateKey = 'n' | 'sum' | 'sumSquares' | 'covariateSum' | 'covariateSumSquares' | 'crossSum';

/** Statistic, parameter naming its field, and whether it may be left out (the CUPED sums). */
const AGGREGATE_FIELDS: ReadonlyArray<readonly [AggregateKey, string, boolean]> = [
	['n', 'countField', false],
	['sum', 'sumField', false],
	['sumSquares', 'sumSquaresField', false],
	['covariateSum', 'covariateSumField', true],
	['covariateSumSquares', 'covariateSumSquaresField', true],
	['crossSum', 'crossSumField', true],
];

export class MeasureLift implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Measure Lift',
		name: 'measureLift',
		icon: { light: 'file:measureLift.svg', dark: 'file:measureLift.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Each arm vs " + $parameter["controlArm"] }}',
		description: 'Measure the incremental impact of a campaign: lift per arm and metric with confidence intervals and p-values',
		defaults: { name: 'Measure Lift' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: measureLiftProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Input = File: the rows come from a file (read here, before any parameter is checked).
		const fileRows = this.getNodeParameter('operation', 0, 'measure') !== 'generateSql' && isFileInput(this) ? rowsAsItems(await liftRowsFromFile(this)) : undefined;
		const items = fileRows ?? this.getInputData();
		const node = this.getNode();
		// Hidden under Generate SQL, where n8n then has no value for it.
		const inputFormat = this.getNodeParameter('inputFormat', 0, 'rows') as 'rows' | 'aggregated';
		const armField = getFieldName(this, 'armField');
		// Arm names are read as keys (trimmed, invisible characters dropped, full-width as ASCII).
		let controlArm = readKey(this.getNodeParameter('controlArm', 0));
		const metrics = (((this.getNodeParameter('metrics', 0, {}) as IDataObject).metric as IDataObject[]) ?? []).map(
			(m, index): MetricParameter => ({
				name: getFieldName(this, `metrics.metric[${index}].field`),
				kind: (m.kind as MetricKind) ?? 'binary',
				covariateField: getFieldName(this, `metrics.metric[${index}].covariateField`),
			}),
		);
		const confidence = (this.getNodeParameter('confidence', 0) as number) / 100;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const segmentField = getFieldName(this, 'options.segmentField');
		const missingAsZero = options.missingAsZero === true;

		if (metrics.length === 0 || metrics.some((m) => !m.name)) {
			throw new NodeOperationError(node, 'Add at least one metric, each with a field or metric name', { description: 'Check the "Metrics" parameter.' });
		}
		if (this.getNodeParameter('operation', 0, 'measure') === 'generateSql') return generateLiftSql.call(this, armField, metrics, options);
		if (!controlArm) throw new NodeOperationError(node, 'The control arm is empty', { description: 'Check the "Control Arm" parameter.' });
		let intendedWeights: Record<string, number> | undefined;
		try {
			intendedWeights = parseIntendedSplit(String(options.intendedSplit ?? ''));
		} catch (error) {
			throw new NodeOperationError(node, error as Error, { description: 'Check the "Intended Split" option.' });
		}

		const data = new StatsAccumulator();
		// segment + arm + metric -> item indexes (a customer row counts for every metric; an
		// aggregated row only for its own metric).
		const contributors = new Map<string, Set<number>>();
		const errors: INodeExecutionData[] = [];
		const contributorKey = (segment: string, arm: string, metric: string) => `${segment}\u0000${arm}\u0000${metric}`;
		const noteContributor = (segment: string, arm: string, metric: string, itemIndex: number) => {
			if (fileRows) return; // every result pairs with the one item that brought the file
			const key = contributorKey(segment, arm, metric);
			let set = contributors.get(key);
			if (!set) contributors.set(key, (set = new Set()));
			set.add(itemIndex);
		};
		const reject = (itemIndex: number, problem: FieldProblem) => {
			const error = fileRows ? rowError(this, itemIndex + 1, problem) : fieldError(node, itemIndex, problem);
			if (!this.continueOnFail()) throw error;
			errors.push(fileRows ? { json: { ...items[itemIndex].json, error: error.message, details: { row: itemIndex + 1, ...problem } }, pairedItem: { item: 0 } } : errorItem(node, items[itemIndex], itemIndex, error, problem));
		};
		const kindOf = new Map(metrics.map((m) => [m.name, m.kind]));
		const unlistedMetrics = new Set<string>(); // aggregated rows of metrics not in the list
		const withoutCovariate = new Set<string>(); // aggregated metrics with a row lacking the CUPED sums

		// Field names are parameters read once, not per item.
		const aggregated = inputFormat === 'aggregated';
		const metricField = aggregated ? getFieldName(this, 'metricNameField') : '';
		const aggregateFields = new Map(AGGREGATE_FIELDS.map(([, parameter]) => [parameter, aggregated ? getFieldName(this, parameter) : '']));
		const shiftField = aggregated ? getFieldName(this, 'shiftField') : '';

		for (let i = 0; i < items.length; i++) {
			const json = items[i].json;
			const armValue = readField(json, armField);
			const arm = readPresentKey(armValue);
			if (arm === undefined) {
				reject(i, fieldProblem(armField, 'the name of an arm', armValue));
				continue;
			}
			const segments = [ALL_SEGMENTS];
			if (segmentField) segments.push(readPresentKey(readField(json, segmentField)) ?? '(none)');

			if (inputFormat === 'aggregated') {
				const metricValue = readField(json, metricField);
				const metric = readPresentKey(metricValue);
				if (metric === undefined) {
					reject(i, fieldProblem(metricField, 'the name of a metric', metricValue));
					continue;
				}
				if (!kindOf.has(metric)) unlistedMetrics.add(metric);
				const sums: Record<AggregateKey, number> = { n: 0, sum: 0, sumSquares: 0, covariateSum: 0, covariateSumSquares: 0, crossSum: 0 };
				let bad: FieldProblem | undefined;
				for (const [key, parameter, optional] of AGGREGATE_FIELDS) {
					// The CUPED sums are optional: no field name, or CUPED off, leaves them out.
					if (optional && options.cuped !== true) continue;
					const field = aggregateFields.get(parameter) ?? '';
					if (optional && !field) continue;
					const raw = readField(json, field);
					if (optional && (raw === undefined || raw === null || raw === '')) {
						withoutCovariate.add(metric);
						continue;
					}
					const parsed = parseMetricValue(raw, 'continuous', false);
					if (!parsed.ok || ((key === 'n' || key.endsWith('Squares')) && parsed.value < 0)) {
						bad = fieldProblem(field, key === 'n' || key.endsWith('Squares') ? 'a non-negative number' : 'a number', raw);
						break;
					}
					sums[key] = parsed.value;
				}
				// Sums of value - c with c near the mean keep the variance when values are large.
				const rawShift = shiftField ? readField(json, shiftField) : undefined;
				let shift = 0;
				if (!bad && rawShift !== undefined && rawShift !== null && rawShift !== '') {
					const parsedShift = parseMetricValue(rawShift, 'continuous', false);
					if (parsedShift.ok) shift = parsedShift.value;
					else bad = fieldProblem(shiftField, 'a number (the value c subtracted before summing)', rawShift);
				}
				const covariateShiftField = options.cuped === true ? getFieldName(this, 'covariateShiftField') : '';
				const rawCovariateShift = covariateShiftField ? readField(json, covariateShiftField) : undefined;
				let covariateShift = 0;
				if (!bad && rawCovariateShift !== undefined && rawCovariateShift !== null && rawCovariateShift !== '') {
					const parsedShift = parseMetricValue(rawCovariateShift, 'continuous', false);
					if (parsedShift.ok) covariateShift = parsedShift.value;
					else bad = fieldProblem(covariateShiftField, 'a number (the value d subtracted from the covariate before summing)', rawCovariateShift);
				}
				if (bad) {
					reject(i, bad);
					continue;
				}
				for (const segment of segments) {
					data.addAggregate(segment, arm, metric, { ...sums, shift, covariateShift });
					noteContributor(segment, arm, metric, i);
				}
				continue;
			}

			const values: Array<[MetricParameter, number, number]> = [];
			let bad: FieldProblem | undefined;
			for (const metric of metrics) {
				const raw = readField(json, metric.name);
				const parsed = parseMetricValue(raw, metric.kind, missingAsZero);
				if (!parsed.ok) {
					bad = fieldProblem(metric.name, parsed.expected, raw);
					break;
				}
				let covariate = 0;
				if (options.cuped === true && metric.covariateField) {
					const rawCovariate = readField(json, metric.covariateField);
					const parsedCovariate = parseMetricValue(rawCovariate, 'continuous', missingAsZero);
					if (!parsedCovariate.ok) {
						bad = fieldProblem(metric.covariateField, 'a number (the pre-period value)', rawCovariate);
						break;
					}
					covariate = parsedCovariate.value;
				}
				values.push([metric, parsed.value, covariate]);
			}
			if (bad) {
				reject(i, bad);
				continue;
			}
			for (const segment of segments) {
				for (const [metric, y, x] of values) {
					data.addObservation(segment, arm, metric.name, y, x);
					noteContributor(segment, arm, metric.name, i);
				}
			}
		}

		// A metric whose covariate sums are incomplete is not adjusted at all (compareArm then says
		// CUPED was not applied): a theta from some arms' sums only would be wrong.
		for (const metric of withoutCovariate) {
			for (const segment of data.segments()) {
				for (const arm of data.arms(segment)) {
					const cell = data.get(segment, arm, metric);
					if (cell) Object.assign(cell, { covariateSum: 0, covariateSumSquares: 0, crossSum: 0 });
				}
			}
		}
		// "Control" in the data for a Control Arm of "control": the one arm equal but for case is the
		// control (never a treatment arm compared with nothing); two such arms are ambiguous and stop below.
		const arms = data.arms(ALL_SEGMENTS);
		if (!arms.includes(controlArm)) {
			const sameButCase = arms.filter((arm) => arm.toLowerCase() === controlArm.toLowerCase());
			if (sameButCase.length === 1) {
				this.addExecutionHints({ message: `The control arm is "${sameButCase[0]}" in the data: "Control Arm" says "${controlArm}".`, type: 'info', location: 'outputPane' });
				controlArm = sameButCase[0];
			}
		}
		// Aggregated metrics nobody listed are still reported, their kind read off the sums.
		for (const name of unlistedMetrics) {
			const stats = data.get(ALL_SEGMENTS, controlArm, name);
			metrics.push({ name, kind: stats && looksBinary(stats) ? 'binary' : 'continuous', covariateField: '' });
		}
		const correction = (options.correction as Correction) ?? 'none';
		const experiment = analyzeExperiment(data, {
			controlArm,
			metrics,
			confidence,
			correction,
			cuped: options.cuped === true,
			sequential: options.sequential === true,
			power: options.power === undefined ? undefined : Number(options.power) / 100,
			targetRelativeEffect: Number(options.targetEffect) > 0 ? Number(options.targetEffect) / 100 : undefined,
			costPerCustomer: Number(options.costPerCustomer) > 0 ? Number(options.costPerCustomer) : undefined,
			valuePerConversion: Number(options.valuePerConversion) > 0 ? Number(options.valuePerConversion) : undefined,
			intendedWeights,
		});
		if (items.length > 0 && errors.length < items.length && !experiment.arms.includes(controlArm)) {
			throw new NodeOperationError(node, `No row has the control arm "${controlArm}" in field "${armField}"`, {
				description: `Arms found: ${experiment.arms.join(', ') || 'none'}. Set "Control Arm" to one of them.`,
			});
		}

		const results: INodeExecutionData[] = experiment.results.map((result: LiftResult) => {
			const paired = new Set([
				...(contributors.get(contributorKey(result.segment, result.controlArm, result.metric)) ?? []),
				...(contributors.get(contributorKey(result.segment, result.arm, result.metric)) ?? []),
			]);
			return {
				json: toResultJson(result, confidence, experiment.srm[result.segment]),
				pairedItem: fileRows ? { item: 0 } : pairedWith([...paired].sort((a, b) => a - b)),
			};
		});

		const srm = experiment.srm[ALL_SEGMENTS];
		if (srm?.mismatch) {
			this.addExecutionHints({
				message: `Sample-ratio mismatch: the arm sizes are unlikely under the intended split (p = ${srm.pValue.toExponential(2)}); the lift may be biased.`,
				type: 'warning',
				location: 'outputPane',
			});
		}

		if (options.chart === true && results.length > 0) {
			// SVG for documents and e-mail; PNG for n8n's binary view (which previews PNG, not SVG) and chat tools.
			const chart = experimentChart(experiment.results, { controlArm, confidence, metricOrder: metrics.map((m) => m.name) });
			results[0].binary = {
				chart: await this.helpers.prepareBinaryData(Buffer.from(drawingToSvg(chart), 'utf8'), 'lift-chart.svg', 'image/svg+xml'),
				chartPng: await this.helpers.prepareBinaryData(Buffer.from(drawingToPng(chart)), 'lift-chart.png', 'image/png'),
			};
		}
		const overall = results.filter((item) => item.json.segment === ALL_SEGMENTS).map((item) => String(item.json.summary));
		if (overall.length > 0) addRunSummary(this, overall.length > 2 ? `${overall.slice(0, 2).join('; ')}; and ${overall.length - 2} more` : overall.join('; '));
		return [[...results, ...errors]];
	}
}
