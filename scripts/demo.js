// `npm run demo`: runs the flagship template (templates/flagship-campaign-demo.json) in real n8n on
// its default SQLite exactly as a user imports it (it makes its own sample data: no files, no
// accounts, default n8n settings), and prints its report. The first run installs the cached n8n
// runtime (~5 minutes).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('./n8n-runtime.js');

const TEMPLATE = path.join(runtime.REPO_ROOT, 'templates', 'flagship-campaign-demo.json');
// The same rows as CSV files (tests compare the workflow's data with them).
const SAMPLE_DATA = path.join(runtime.REPO_ROOT, 'templates', 'sample-data');

/** The flagship workflow, unchanged from the template file. */
function flagshipWorkflow() {
	return JSON.parse(fs.readFileSync(TEMPLATE, 'utf8'));
}

const int = (n) => Number(n).toLocaleString('en-US');
const pct = (x, d = 1) => `${(100 * x).toFixed(d)}%`;
const signed = (x, d = 2) => `${x >= 0 ? '+' : ''}${x.toFixed(d)}`;

function formatReport(r) {
	const lines = [];
	const sources = Object.entries(r.identity.bySource || {})
		.map(([s, n]) => `${s} ${int(n)}`)
		.join(', ');
	lines.push(`Flagship campaign demo: ${path.relative(runtime.REPO_ROOT, TEMPLATE)} in real n8n ${runtime.N8N_VERSION}, as imported (sample data made in the workflow)`);
	lines.push('');
	lines.push(`Identity      ${int(r.identity.records)} records (${sources}) -> ${int(r.identity.customers)} customers; ${int(r.identity.multiSource)} seen in 2+ systems`);
	lines.push(`RFM           ${int(r.rfm.customers)} buyers, ${int(r.rfm.orders)} orders, revenue ${Number(r.rfm.revenue).toFixed(2)} as of ${String(r.rfm.asOf).slice(0, 10)}`);
	for (const s of r.segments.filter((x) => x.customers > 0)) {
		lines.push(`  ${s.segment.padEnd(20)} ${String(s.customers).padStart(5)}   ${pct(s.revenueShare).padStart(6)} of revenue`);
	}
	const m = r.model;
	lines.push(
		`Propensity    target "bought next quarter" (base rate ${pct(m.baseRate)}): validation AUC ${m.validationAuc.toFixed(3)}, ` +
			`top-decile lift ${m.validationTopDecileLift.toFixed(2)} on ${int(m.validationRows)} held-out customers ` +
			`(training AUC ${m.trainingAuc.toFixed(3)}, lift ${m.trainingTopDecileLift.toFixed(2)}, ${int(m.trainingRows)} rows)`,
	);
	const reasons = Object.entries(r.suppression.byReason)
		.sort((a, b) => b[1] - a[1])
		.map(([k, n]) => `${k} ${int(n)}`)
		.join(', ');
	lines.push(`Suppression   ${int(r.suppression.eligible)} eligible, ${int(r.suppression.suppressed)} suppressed (a person can have several reasons): ${reasons}`);
	const srm = r.arms.srm;
	lines.push(
		`Holdout       treatment ${int(r.arms.treatment)}, control ${int(r.arms.control)}` +
			(srm ? `; sample-ratio check p = ${srm.pValue.toFixed(3)}${srm.mismatch ? ' (MISMATCH)' : ''}` : ''),
	);
	lines.push(`Lift          95% intervals; simulated outcomes with a true relative effect of ${signed(100 * r.trueRelativeEffect, 0)}%`);
	for (const l of r.lift) {
		const rate = l.metric === 'converted';
		const v = rate ? `${pct(l.value, 2)} vs ${pct(l.controlValue, 2)}` : `${l.value.toFixed(2)} vs ${l.controlValue.toFixed(2)} per customer`;
		const abs = rate
			? `${signed(100 * l.absoluteLift)} pp [${signed(100 * l.absoluteCiLow)}, ${signed(100 * l.absoluteCiHigh)}]`
			: `${signed(l.absoluteLift)} [${signed(l.absoluteCiLow)}, ${signed(l.absoluteCiHigh)}]`;
		const rel = `relative ${signed(100 * l.relativeLift, 1)}% [${signed(100 * l.relativeCiLow, 1)}%, ${signed(100 * l.relativeCiHigh, 1)}%]`;
		lines.push(`  ${l.metric.padEnd(10)} ${v}: ${abs}, ${rel}, p = ${l.pValue.toPrecision(3)}${l.significant ? '' : ' (not significant)'}`);
	}
	return lines.join('\n');
}

async function main() {
	runtime.ensureRuntime();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ma-demo-'));
	try {
		process.stderr.write('[demo] packing the package and installing it into a fresh n8n user folder\n');
		const userFolder = runtime.createUserFolder({ root: path.join(root, 'user') });
		process.stderr.write('[demo] running the flagship workflow in n8n (identity, RFM, propensity, suppression, holdout, lift)\n');
		const execution = await runtime.runWorkflow(userFolder, flagshipWorkflow());
		const error = execution.data.resultData.error;
		if (error) throw new Error(`The workflow failed: ${error.message}`);
		const [[report]] = runtime.nodeOutputs(execution, 'Campaign Report');
		console.log(`\n${formatReport(report.json)}`);
		if (process.env.DEMO_JSON) fs.writeFileSync(process.env.DEMO_JSON, `${JSON.stringify(report.json, null, 2)}\n`);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`[demo] ${error.message}`);
		process.exit(1);
	});
}

module.exports = { flagshipWorkflow, formatReport, SAMPLE_DATA };
