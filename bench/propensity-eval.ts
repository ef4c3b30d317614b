// eval:propensity — accuracy of lib/propensity on UCI Bank Marketing, with statsmodels fitted on the
// same data in the same run (/usr/bin/python3 bench/propensity-reference.py). Prints JSON Lines.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { scoreColumns, trainPropensity, type Columns, type PropensityModel } from '../lib/propensity';
import { loadBank } from './propensity-data';

function references(model: PropensityModel): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of model.features) if (f.type === 'categorical') out[f.name] = f.reference;
	return out;
}

function python(request: object): Record<string, unknown> {
	const stdout = execFileSync('/usr/bin/python3', [path.join(__dirname, 'propensity-reference.py')], {
		input: JSON.stringify(request),
		maxBuffer: 64 << 20,
	});
	return JSON.parse(stdout.toString());
}

const round = (v: number, d = 6) => Number(v.toFixed(d));

function bankFull(): void {
	const data = loadBank('bank-full.csv');
	const started = performance.now();
	const { model, fit } = trainPropensity({ ...data.columns, y: data.y }, { target: 'y', features: data.features, folds: 5, seed: 7 });
	const seconds = (performance.now() - started) / 1000;
	const sm = python({ mode: 'statsmodels', file: data.file, drop: ['duration'], references: references(model) }) as {
		llf: number;
		params: Record<string, number>;
		bse: Record<string, number>;
		auc: number;
		k: number;
	};
	let maxCoefDiff = 0;
	let maxSeDiff = 0;
	let missing = 0;
	for (const c of model.coefficients) {
		const ref = sm.params[c.name];
		if (ref === undefined) {
			missing++;
			continue;
		}
		maxCoefDiff = Math.max(maxCoefDiff, Math.abs(c.estimate - ref));
		maxSeDiff = Math.max(maxSeDiff, Math.abs((c.standardError ?? NaN) - sm.bse[c.name]));
	}
	const training = model.metrics.training;
	const line = {
		dataset: 'bank-full',
		rows: data.n,
		features: model.coefficients.length - 1,
		loglik: round(fit.logLik, 4),
		statsmodels_loglik: round(sm.llf, 4),
		loglik_rel_diff: Math.abs(fit.logLik - sm.llf) / Math.abs(sm.llf),
		auc_in_sample: round(training.auc!),
		statsmodels_auc: round(sm.auc),
		auc_cv: round(model.metrics.crossValidation!.meanAuc),
		auc_cv_folds: model.metrics.crossValidation!.auc.map((a) => round(a, 4)),
		top_decile_lift: round(training.topDecileLift!, 4),
		calibration_max_gap: round(training.calibrationMaxGap!),
		max_coef_diff_vs_statsmodels: maxCoefDiff,
		max_se_diff_vs_statsmodels: maxSeDiff,
		coefficients_unmatched: missing,
		iterations: fit.iterations,
		seconds: round(seconds, 3),
		goals: {
			loglik_within_1e6: Math.abs(fit.logLik - sm.llf) / Math.abs(sm.llf) <= 1e-6,
			features_41: model.coefficients.length - 1 === 41 && sm.k === 41,
			auc_cv_at_least_0_76: model.metrics.crossValidation!.meanAuc >= 0.76,
		},
	};
	console.log(JSON.stringify(line));
}

const ECONOMIC = ['emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed'];

/**
 * Out-of-time on bank-additional-full: train on the first 80% of rows (file order = date order),
 * validate on the rest. The later period lies outside the training range of the five economic
 * indicators (PSI > 3), so a second line leaves them out.
 */
function outOfTime(withEconomic: boolean): void {
	const data = loadBank('bank-additional-full.csv');
	const features = withEconomic ? data.features : data.features.filter((f) => !ECONOMIC.includes(f));
	const started = performance.now();
	const { model, validationRows } = trainPropensity({ ...data.columns, y: data.y }, { target: 'y', features, validation: { type: 'order', fraction: 0.2 } });
	const seconds = (performance.now() - started) / 1000;
	const v = model.metrics.validation!;
	// Drift of the later period against the training population (PSI, warning above 0.2).
	const later: Columns = {};
	for (const f of features) later[f] = Array.from(validationRows, (i) => data.columns[f][i]);
	const drift = scoreColumns(model, later).drift!;
	console.log(
		JSON.stringify({
			dataset: 'bank-additional-full',
			economic_indicators: withEconomic,
			split: model.trainingWindow.split,
			train_rows: model.trainingWindow.rows,
			validation_rows: model.trainingWindow.validationRows,
			features: model.coefficients.length - 1,
			auc_train: round(model.metrics.training.auc!),
			auc_out_of_time: round(v.auc!),
			top_decile_lift_out_of_time: round(v.topDecileLift!, 4),
			validation_base_rate: round(v.baseRate!),
			calibration_max_gap_out_of_time: round(v.calibrationMaxGap!),
			score_psi_out_of_time: round(drift.scorePsi, 4),
			drifted_features: drift.drifted.filter((d) => d !== 'score'),
			solver_warnings: model.solver.warnings,
			l2_used: model.solver.l2,
			seconds: round(seconds, 3),
		}),
	);
}

bankFull();
outOfTime(true);
outOfTime(false);
