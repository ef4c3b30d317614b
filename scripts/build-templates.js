// Writes the workflow JSON in templates/ and the catalog in templates/README.md from the definitions
// below (`npm run templates`). test/templates/generated.test.ts fails when the committed files differ.
// Every template: a Manual Trigger, a Settings step holding what a user changes, sticky notes over
// each step, and no credentials (n8n asks for them on import).
'use strict';

const crypto = require('node:crypto');
const path = require('node:path');
const { Template, uuid } = require('./templates/builder.js');
const { sourceOf } = require('./templates/sample-data.js');

const OUT = path.resolve(__dirname, '..', 'templates');
const code = (jsCode) => ({ mode: 'runOnceForAllItems', language: 'javaScript', jsCode });
// A Settings step is a Set node (Edit Fields): one named value per line, edited in a form.
const settings = (values) => ({
	mode: 'manual',
	assignments: {
		assignments: Object.entries(values).map(([name, value]) => ({
			id: uuid(`settings:${name}`),
			name,
			value,
			type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string',
		})),
	},
	options: {},
});
const S = (field) => `$('Settings').first().json.${field}`;

// Split Holdout with every arm on one output (no Merge of an arm's items at any size), and a
// Filter that lets only treatment through to the send step.
function holdoutOnOneOutput(t, { customerIdField, household = false }, cell) {
	t.ours('Split Holdout', 'splitHoldout', {
		customerIdField,
		...(household ? { randomizeBy: 'household', householdIdField: 'householdId' } : {}),
		campaignSalt: `={{ ${S('campaign')} }}`,
		mode: 'treatmentControl',
		controlPercent: `={{ ${S('controlPercent')} }}`,
		outputArms: 'one',
		hashMode: 'md5',
		options: {},
	}, cell);
}
function treatmentOnly(t, cell) {
	t.node('Treatment Only', 'filter', 2.2, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [{ id: uuid(`${t.file}:treatment-only`), leftValue: '={{ $json.holdout.arm }}', rightValue: 'treatment', operator: { type: 'string', operation: 'equals' } }],
			combinator: 'and',
		},
		options: {},
	}, cell);
}

// ---------------------------------------------------------------------------------------------------
// 6. Lift report: sufficient statistics in SQL -> Measure Lift -> Slack (+ warehouse history)
// ---------------------------------------------------------------------------------------------------
const LIFT_SQL_POSTGRES = `-- n, sum and sum of squares per arm and metric: all Measure Lift needs.
WITH per_customer AS (
  SELECT a.customer_id,
         a.arm,
         (COUNT(c.order_id) > 0)::int          AS converted,
         COALESCE(SUM(c.revenue), 0)::float8  AS revenue
  FROM marketing.campaign_assignments a
  LEFT JOIN marketing.campaign_conversions c
         ON c.customer_id = a.customer_id
        AND c.converted_at >= a.assigned_at
        AND c.converted_at <  a.assigned_at + make_interval(days => $2::int)
  WHERE a.campaign = $1
  GROUP BY a.customer_id, a.arm
)
SELECT arm, 'converted' AS metric, COUNT(*)::int AS n,
       SUM(converted)::float8 AS sum, SUM(converted)::float8 AS sum_squares
FROM per_customer GROUP BY arm
UNION ALL
SELECT arm, 'revenue', COUNT(*)::int, SUM(revenue), SUM(revenue * revenue)
FROM per_customer GROUP BY arm
ORDER BY metric, arm;`;

const LIFT_SQL_BIGQUERY = `-- n, sum and sum of squares per arm and metric: all Measure Lift needs.
WITH per_customer AS (
  SELECT a.customer_id, a.arm,
         IF(COUNT(c.order_id) > 0, 1, 0) AS converted,
         IFNULL(SUM(c.revenue), 0) AS revenue
  FROM marketing.campaign_assignments a
  LEFT JOIN marketing.campaign_conversions c
         ON c.customer_id = a.customer_id
        AND c.converted_at >= a.assigned_at
        AND c.converted_at < TIMESTAMP_ADD(a.assigned_at, INTERVAL @window_days DAY)
  WHERE a.campaign = @campaign
  GROUP BY a.customer_id, a.arm
)
SELECT arm, 'converted' AS metric, COUNT(*) AS n, SUM(converted) AS sum, SUM(converted) AS sum_squares
FROM per_customer GROUP BY arm
UNION ALL
SELECT arm, 'revenue', COUNT(*), SUM(revenue), SUM(revenue * revenue)
FROM per_customer GROUP BY arm
ORDER BY metric, arm`;

const LIFT_SQL_SNOWFLAKE = `-- n, sum and sum of squares per arm and metric: all Measure Lift needs.
WITH per_customer AS (
  SELECT a.customer_id, a.arm,
         IFF(COUNT(c.order_id) > 0, 1, 0) AS converted,
         COALESCE(SUM(c.revenue), 0) AS revenue
  FROM marketing.campaign_assignments a
  LEFT JOIN marketing.campaign_conversions c
         ON c.customer_id = a.customer_id
        AND c.converted_at >= a.assigned_at
        AND c.converted_at < DATEADD(day, :2, a.assigned_at)
  WHERE a.campaign = :1
  GROUP BY a.customer_id, a.arm
)
SELECT arm AS "arm", 'converted' AS "metric", COUNT(*) AS "n", SUM(converted) AS "sum", SUM(converted) AS "sum_squares"
FROM per_customer GROUP BY arm
UNION ALL
SELECT arm, 'revenue', COUNT(*), SUM(revenue), SUM(revenue * revenue)
FROM per_customer GROUP BY arm
ORDER BY 2, 1`;

const FORMAT_LIFT_REPORT = `// One Slack-ready message from Measure Lift's rows (one per arm and metric), plus the rows
// themselves for the warehouse, and the chart Measure Lift drew.
const settings = $('Settings').first().json;
const rows = $input.all().map((item) => item.json);
const pct = (x) => (100 * x).toFixed(2) + '%';
const pp = (x) => (100 * x).toFixed(2);
const num = (x) => Number(x).toFixed(2);
const lines = rows.map((r) => {
  const mark = r.significant ? ' (significant)' : '';
  if (r.kind === 'binary') {
    return '• ' + r.metric + ', ' + r.arm + ' vs ' + r.controlArm + ': ' + pct(r.value) + ' vs ' + pct(r.controlValue) +
      ', lift ' + pp(r.absoluteLift) + ' pp [' + pp(r.absoluteCiLow) + ', ' + pp(r.absoluteCiHigh) + '], p = ' + Number(r.pValue).toFixed(4) + mark;
  }
  return '• ' + r.metric + ', ' + r.arm + ' vs ' + r.controlArm + ': ' + num(r.value) + ' vs ' + num(r.controlValue) +
    ' per customer, lift ' + num(r.absoluteLift) + ' [' + num(r.absoluteCiLow) + ', ' + num(r.absoluteCiHigh) + '], p = ' + Number(r.pValue).toFixed(4) + mark;
});
const n = rows.length ? rows[0].n + rows[0].controlN : 0;
const srm = rows.find((r) => r.srm)?.srm;
const text = '*Lift report: ' + settings.campaign + '* (' + n + ' customers, ' + rows[0]?.confidence * 100 + '% intervals)\\n' +
  lines.join('\\n') + (srm && srm.mismatch ? '\\n:warning: sample-ratio mismatch (p = ' + srm.pValue.toExponential(2) + '): check the assignment log' : '');
const first = $input.all()[0];
return [{ json: { campaign: settings.campaign, text, results: rows }, binary: first?.binary, pairedItem: $input.all().map((_, i) => ({ item: i })) }];`;

function liftReport({ file, name, warehouse }) {
	const t = new Template(
		file,
		name,
		`Weekly lift report for a campaign with a holdout: sufficient statistics computed in ${warehouse}, Measure Lift, a Slack message with the chart, and the results kept in the warehouse.`,
	);
	t.node('Run Now', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Every Monday 08:00', 'scheduleTrigger', 1.4, { rule: { interval: [{ field: 'weeks', triggerAtDay: [1], triggerAtHour: 8 }] } }, [0, 1]);
	t.node('Settings', 'set', 3.4, settings({ campaign: 'spring-2026', windowDays: 14, slackChannelId: 'C0123456789' }), [1, 0]);
	const lift = {
		inputFormat: 'aggregated',
		armField: 'arm',
		controlArm: 'control',
		metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous' }] },
		metricNameField: 'metric',
		countField: 'n',
		sumField: 'sum',
		sumSquaresField: 'sum_squares',
		confidence: 95,
		options: { chart: true, intendedSplit: 'control=10, treatment=90' },
	};
	let store;
	if (warehouse === 'PostgreSQL') {
		t.node('Aggregate in Postgres', 'postgres', 2.7, {
			operation: 'executeQuery',
			query: LIFT_SQL_POSTGRES,
			options: { queryReplacement: `={{ [${S('campaign')}, ${S('windowDays')}] }}` },
		}, [2, 0]);
		store = ['Keep Results in Postgres', 'postgres', 2.7, {
			operation: 'executeQuery',
			query:
				'INSERT INTO marketing.lift_results (campaign, computed_at, arm, metric, result)\nSELECT $1, now(), r->>\'arm\', r->>\'metric\', r\nFROM jsonb_array_elements($2::jsonb) AS r;',
			options: { queryReplacement: '={{ [$json.campaign, JSON.stringify($json.results)] }}' },
		}];
	} else if (warehouse === 'BigQuery') {
		t.node('Aggregate in BigQuery', 'googleBigQuery', 2.1, {
			authentication: 'serviceAccount',
			operation: 'executeQuery',
			projectId: { __rl: true, mode: 'id', value: 'my-gcp-project' },
			sqlQuery: LIFT_SQL_BIGQUERY,
			options: {
				queryParameters: {
					namedParameters: [
						{ name: 'campaign', value: `={{ ${S('campaign')} }}` },
						{ name: 'window_days', value: `={{ String(${S('windowDays')}) }}` },
					],
				},
				returnAsNumbers: true,
			},
		}, [2, 0]);
		store = ['Keep Results in BigQuery', 'googleBigQuery', 2.1, {
			authentication: 'serviceAccount',
			operation: 'executeQuery',
			projectId: { __rl: true, mode: 'id', value: 'my-gcp-project' },
			sqlQuery:
				'INSERT INTO marketing.lift_results (campaign, computed_at, result)\nSELECT @campaign, CURRENT_TIMESTAMP(), r\nFROM UNNEST(JSON_QUERY_ARRAY(PARSE_JSON(@results))) AS r',
			options: {
				queryParameters: {
					namedParameters: [
						{ name: 'campaign', value: '={{ $json.campaign }}' },
						{ name: 'results', value: '={{ JSON.stringify($json.results) }}' },
					],
				},
			},
		}];
	} else {
		t.node('Aggregate in Snowflake', 'snowflake', 1.1, {
			operation: 'executeQuery',
			query: LIFT_SQL_SNOWFLAKE,
			// An array binds one value per placeholder; n8n's Snowflake node splits a plain string on
			// every comma, which cuts JSON (and a campaign name with a comma) into pieces.
			options: { queryReplacement: `={{ [${S('campaign')}, ${S('windowDays')}] }}` },
		}, [2, 0]);
		store = ['Keep Results in Snowflake', 'snowflake', 1.1, {
			operation: 'executeQuery',
			query:
				'INSERT INTO marketing.lift_results (campaign, computed_at, result)\nSELECT ?, CURRENT_TIMESTAMP(), PARSE_JSON(?)',
			options: { queryReplacement: '={{ [$json.campaign, JSON.stringify($json.results)] }}' },
		}];
	}
	const aggregate = t.nodes[t.nodes.length - 1].name;
	t.ours('Measure Lift', 'measureLift', lift, [3, 0]);
	t.node('Format Report', 'code', 2, code(FORMAT_LIFT_REPORT), [4, 0]);
	t.node('Post to Slack', 'slack', 2.3, {
		resource: 'message',
		operation: 'post',
		select: 'channel',
		channelId: { __rl: true, mode: 'id', value: `={{ ${S('slackChannelId')} }}` },
		messageType: 'text',
		text: '={{ $json.text }}',
		otherOptions: { includeLinkToWorkflow: false },
	}, [5, -1]);
	t.node('Upload Chart to Slack', 'slack', 2.3, {
		resource: 'file',
		operation: 'upload',
		binaryPropertyName: 'chart',
		options: { channelId: `={{ ${S('slackChannelId')} }}`, fileName: 'lift-chart.svg', title: `={{ 'Lift: ' + $json.campaign }}` },
	}, [5, 0]);
	t.node(store[0], store[1], store[2], store[3], [5, 1]);
	t.connect('Run Now', 'Settings').connect('Every Monday 08:00', 'Settings').connect('Settings', aggregate).connect(aggregate, 'Measure Lift');
	t.connect('Measure Lift', 'Format Report').connect('Format Report', 'Post to Slack').connect('Format Report', 'Upload Chart to Slack').connect('Format Report', store[0]);
	t.note('## Lift report\nRun by hand, or every Monday at 08:00. **Settings** holds the campaign, the conversion window in days and the Slack channel ID.', ['Run Now', 'Every Monday 08:00', 'Settings']);
	t.note(
		`## 1. Sufficient statistics in ${warehouse}\n*Sufficient statistics* are the few numbers a lift test needs instead of every customer's row: per arm and metric, the count **n**, the **sum** and the **sum of squares**. Mean = sum / n; variance = (sum of squares - n x mean^2) / (n - 1). Here from \`marketing.campaign_assignments\` (what Split Holdout logged) joined to \`marketing.campaign_conversions\` within the window: four rows leave the warehouse, no customer rows.`,
		[aggregate],
	);
	t.note('## 2. Measure Lift\nAggregated mode reads those rows: lift per arm and metric with 95% intervals, p-values and a sample-ratio check against the intended 10/90 split; draws a chart.', ['Measure Lift']);
	t.note('## 3. Report\nOne message with every lift and its interval; the chart as a file; the result rows appended to `marketing.lift_results` for history. Pick your Slack and warehouse credentials on import.', [
		'Format Report',
		'Post to Slack',
		'Upload Chart to Slack',
		store[0],
	]);
	return t;
}

// ---------------------------------------------------------------------------------------------------
// Warehouse RFM campaign: Compute RFM -> Split Holdout -> (send) -> Measure Lift, each as generated
// SQL run by n8n's Postgres node; only statements, segment counts and statistics pass through n8n.
// ---------------------------------------------------------------------------------------------------
const WAREHOUSE_SAMPLE_ORDERS = `-- Sample orders (replace this step with your own orders table): 2,000 customers, seeded, with
-- cancellations, refunds and a few rows no reader accepts.
DROP TABLE IF EXISTS marketing.wh_orders;
CREATE TABLE marketing.wh_orders AS
WITH customers AS (
  SELECT i, ('x' || substr(md5('customer:' || i), 1, 8))::bit(32)::bigint / 4294967296.0 AS u
  FROM generate_series(1, 2000) AS i
), lines AS (
  SELECT c.i, k, ('x' || substr(md5('order:' || c.i || ':' || k), 1, 8))::bit(32)::bigint / 4294967296.0 AS v
  FROM customers c, generate_series(1, 1 + floor(c.u * c.u * 10)::int) AS k
)
SELECT 'cust-' || i AS customer_id,
       'ord-' || i || '-' || k AS order_id,
       to_char(timestamp '2025-01-01' + make_interval(mins => floor(v * 525600)::int), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ordered_at,
       round((5 + v * 195)::numeric, 2)::text AS amount,
       CASE WHEN v < 0.03 THEN 'cancelled' WHEN v > 0.97 THEN 'refunded' ELSE 'paid' END AS status
FROM lines;
INSERT INTO marketing.wh_orders VALUES
  ('cust-1', 'ord-x1', 'not a date', '10', 'paid'),
  ('', 'ord-x2', '2025-06-01', '10', 'paid'),
  ('cust-2', 'ord-x3', '2025-06-01', '1,234.50', 'paid');`;

const WAREHOUSE_AUDIENCE = `-- The audience: customers of the target segments (Settings).
DROP TABLE IF EXISTS marketing.wh_audience;
CREATE TABLE marketing.wh_audience AS
SELECT customer_id, segment FROM marketing.wh_rfm WHERE segment = ANY(string_to_array($1, ','));`;

const WAREHOUSE_OUTCOMES = `-- Stands in for the campaign's results (replace with your conversions): one row per customer of the
-- audience with its arm, whether it bought within the window, revenue, and last year's spend (CUPED).
DROP TABLE IF EXISTS marketing.wh_outcomes;
CREATE TABLE marketing.wh_outcomes AS
SELECT a.customer_key AS customer_id, a.arm, r.monetary AS pre_revenue,
       CASE WHEN h.u < CASE WHEN a.arm = 'treatment' THEN 0.14 ELSE 0.08 END THEN 1 ELSE 0 END AS converted,
       CASE WHEN h.u < CASE WHEN a.arm = 'treatment' THEN 0.14 ELSE 0.08 END THEN round((20 + h.u * 400 + r.monetary / 20)::numeric, 2)::float8 ELSE 0 END AS revenue
FROM marketing.wh_assignments a
JOIN marketing.wh_rfm r ON r.customer_id = a.customer_key
CROSS JOIN LATERAL (SELECT ('x' || substr(md5('outcome:' || a.customer_key), 1, 8))::bit(32)::bigint / 4294967296.0 AS u) h;`;

const WAREHOUSE_RFM_REPORT = `// The report row and the segment counts of the statements above. A run the warehouse could not read
// the way the node does (computed = false: values in forms SQL does not read) stops here.
const rows = $input.all().map((item) => item.json);
const report = rows.find((row) => row.computed !== undefined);
if (!report || report.computed !== true) {
  throw new Error('RFM was not computed in the warehouse: ' + (report ? report.unverified_rows : 'no report') + ' rows hold values SQL does not read as Compute RFM does. Clean them or compute in n8n.');
}
const segments = rows.filter((row) => row.segment !== undefined && row.customers !== undefined).map((row) => ({ segment: row.segment, customers: Number(row.customers), revenue: Number(row.revenue) }));
return [{ json: {
  asOf: new Date(Number(report.as_of_ms)).toISOString(),
  rows: Number(report.rows), validRows: Number(report.valid_rows), badRows: Number(report.bad_rows),
  cancelledRows: Number(report.cancelled_rows), returnRows: Number(report.return_rows),
  customers: segments.reduce((sum, s) => sum + s.customers, 0), segments,
} }];`;

const ARM_COUNTS = `// The per-arm counts (the statements before them write the assignment table and return no rows).
return $input.all().filter((item) => item.json.arm !== undefined && item.json.n !== undefined);`;

function warehouseRfmCampaign() {
	const t = new Template(
		'warehouse-rfm-campaign-postgres.json',
		'Warehouse RFM campaign: Postgres RFM -> holdout -> send -> lift',
		'RFM segments, the holdout split and the lift statistics computed inside PostgreSQL from SQL the nodes generate (Compute RFM, Split Holdout and Measure Lift, operation Generate SQL), run by n8n\'s Postgres node: only statements, segment counts and a few statistics pass through n8n, so it scales with the warehouse. Makes its own sample orders in the database.',
	);
	// Bound values: one array expression for $1, $2, ...
	const query = (name, sql, pairs, cell) => t.node(name, 'postgres', 2.7, { operation: 'executeQuery', query: sql, options: pairs.length ? { queryReplacement: `={{ [${pairs.map(([, v]) => v.replace(/^=\{\{\s*|\s*\}\}$/g, '')).join(', ')}] }}` } : {} }, cell);
	const runs = rfmCampaignSteps(t, {
		dialect: 'postgres',
		query,
		// A Generate SQL step's statements, one item each, run in order with their bound values.
		runStatements: (name, cell) =>
			t.node(name, 'postgres', 2.7, { operation: 'executeQuery', query: '={{ $json.sql }}', options: { queryReplacement: '={{ $json.parameters }}', queryBatching: 'independently' } }, cell),
		sampleOrders: WAREHOUSE_SAMPLE_ORDERS,
		audience: WAREHOUSE_AUDIENCE,
		treatment: "-- Who gets the campaign: the treatment arm (read these rows in batches into your ESP step).\nSELECT COUNT(*) AS treatment_customers FROM marketing.wh_assignments WHERE arm = 'treatment';",
		outcomes: WAREHOUSE_OUTCOMES,
	});
	t.note('## Warehouse RFM campaign\nEverything heavy runs in PostgreSQL: the nodes write SQL, the Postgres steps run it, one statement per item with its values bound. **Settings**: the campaign (the holdout salt), the control share and the segments to target. **Sample Orders** makes seeded sample orders; point **RFM SQL** at your own orders table instead.', ['Run Now', 'Settings', 'Sample Orders']);
	rfmCampaignNotes(t, runs);
	return t;
}

/**
 * The warehouse RFM campaign's steps and connections, one flow for every warehouse: `w` holds the
 * dialect (and `generateSql`, more parameters of the Generate SQL steps), makes the warehouse's
 * query and statement-running steps, and has its own SQL (sample orders, audience, treatment count,
 * outcomes). `w.runStatements` adds one step, or returns `{ entry, exit, output, steps }` when it
 * adds several (a loop): where the statements go in, which step and output the results leave, and
 * every step's name. Returns those per Generate SQL step (rfm, holdout, lift) for
 * rfmCampaignNotes; the caller adds its first note in between.
 */
function rfmCampaignSteps(t, w) {
	const run = (name, cell) => {
		const made = w.runStatements(name, cell);
		return made && made.entry ? made : { entry: name, exit: name, output: 0, steps: [name] };
	};
	t.node('Run Now', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Settings', 'set', 3.4, settings({ campaign: 'winback-2026', controlPercent: 10, targetSegments: "At Risk,Can't Lose Them,Hibernating,About to Sleep" }), [1, 0]);
	w.query('Sample Orders', w.sampleOrders, [], [2, 0]);
	t.ours('RFM SQL', 'computeRfm', {
		operation: 'generateSql',
		dialect: w.dialect,
		...w.generateSql,
		sourceTable: 'marketing.wh_orders',
		targetTable: 'marketing.wh_rfm',
		customerIdField: 'customer_id',
		timestampField: 'ordered_at',
		amountField: 'amount',
		orderIdField: 'order_id',
		options: { statusField: 'status', asOf: '2026-01-01' },
	}, [3, 0], { executeOnce: true });
	const rfm = run('Run RFM SQL', [4, 0]);
	t.node('RFM Report', 'code', 2, code(WAREHOUSE_RFM_REPORT), [5, 0]);
	w.query('Target Audience', w.audience, [['segments', `={{ ${S('targetSegments')} }}`]], [2, 3]);
	t.ours('Holdout SQL', 'splitHoldout', {
		operation: 'generateSql',
		dialect: w.dialect,
		...w.generateSql,
		sourceTable: 'marketing.wh_audience',
		targetTable: 'marketing.wh_assignments',
		customerIdField: 'customer_id',
		campaignSalt: `={{ ${S('campaign')} }}`,
		mode: 'treatmentControl',
		controlPercent: `={{ ${S('controlPercent')} }}`,
		hashMode: 'md5',
		options: {},
	}, [3, 3], { executeOnce: true });
	const holdout = run('Run Holdout SQL', [4, 3]);
	t.node('Arm Counts', 'code', 2, code(ARM_COUNTS), [5, 3]);
	t.ours('Check Sample Ratio', 'splitHoldout', {
		operation: 'checkSampleRatio',
		customerIdField: 'customer_id',
		campaignSalt: `={{ ${S('campaign')} }}`,
		mode: 'treatmentControl',
		controlPercent: `={{ ${S('controlPercent')} }}`,
		hashMode: 'md5',
		options: {},
	}, [6, 3]);
	w.query('Treatment Audience', w.treatment, [], [7, 3]);
	t.node('Send Campaign (placeholder)', 'noOp', 1, {}, [8, 3]);
	w.query('Campaign Outcomes (simulated)', w.outcomes, [], [2, 6]);
	t.ours('Lift SQL', 'measureLift', {
		operation: 'generateSql',
		dialect: w.dialect,
		...w.generateSql,
		sourceTable: 'marketing.wh_outcomes',
		armField: 'arm',
		controlArm: 'control',
		metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous', covariateField: 'pre_revenue' }] },
		options: { cuped: true },
	}, [3, 6], { executeOnce: true });
	const lift = run('Run Lift SQL', [4, 6]);
	t.ours('Measure Lift', 'measureLift', {
		inputFormat: 'aggregated',
		armField: 'arm',
		controlArm: 'control',
		metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous', covariateField: 'pre_revenue' }] },
		metricNameField: 'metric',
		countField: 'n',
		sumField: 'sum',
		sumSquaresField: 'sum_squares',
		shiftField: 'shift',
		covariateSumField: 'covariate_sum',
		covariateSumSquaresField: 'covariate_sum_squares',
		crossSumField: 'cross_sum',
		covariateShiftField: 'covariate_shift',
		confidence: 95,
		options: { cuped: true },
	}, [5, 6]);
	t.connect('Run Now', 'Settings').connect('Settings', 'Sample Orders').connect('Sample Orders', 'RFM SQL').connect('RFM SQL', rfm.entry).connect(rfm.exit, 'RFM Report', rfm.output);
	t.connect('RFM Report', 'Target Audience').connect('Target Audience', 'Holdout SQL').connect('Holdout SQL', holdout.entry).connect(holdout.exit, 'Arm Counts', holdout.output).connect('Arm Counts', 'Check Sample Ratio');
	t.connect('Check Sample Ratio', 'Treatment Audience').connect('Treatment Audience', 'Send Campaign (placeholder)').connect('Send Campaign (placeholder)', 'Campaign Outcomes (simulated)');
	t.connect('Campaign Outcomes (simulated)', 'Lift SQL').connect('Lift SQL', lift.entry).connect(lift.exit, 'Measure Lift', lift.output);
	return { rfm, holdout, lift };
}

function rfmCampaignNotes(t, { rfm, holdout, lift }) {
	t.note('## 1. RFM in the warehouse\n**RFM SQL** (Compute RFM, Generate SQL) writes one row per customer with the node\'s own rules: refunds netted within orders, cancelled rows left out, ties share a score, the same segment grid. **RFM Report** stops the run if any row holds a value SQL does not read the way the node does.', ['RFM SQL', ...rfm.steps, 'RFM Report']);
	t.note('## 2. Holdout in the warehouse\nThe target segments become the audience; **Holdout SQL** (Split Holdout, Generate SQL) writes the arms bit for bit as the node would assign them; **Check Sample Ratio** tests the counts.', ['Target Audience', 'Holdout SQL', ...holdout.steps, 'Arm Counts', 'Check Sample Ratio']);
	t.note('## 3. Send\nThe treatment arm gets the campaign: replace the placeholder with your ESP step reading the treatment rows in batches.', ['Treatment Audience', 'Send Campaign (placeholder)']);
	t.note('## 4. Lift from the warehouse\n**Campaign Outcomes** simulates results (replace with your conversions). **Lift SQL** (Measure Lift, Generate SQL) computes n, sums and sums of squares per arm with the CUPED covariate sums; **Measure Lift** reads those few rows.', ['Campaign Outcomes (simulated)', 'Lift SQL', ...lift.steps, 'Measure Lift']);
}

// ---------------------------------------------------------------------------------------------------
// 5. Campaign with holdout: Postgres audience -> Apply Suppression -> Split Holdout -> SendGrid
// ---------------------------------------------------------------------------------------------------
const ROWS_AS_JSON = (fields) => `// One item carrying every row as JSON, so the next step writes them in one statement.
const settings = $('Settings').first().json;
const rows = $input.all().map(({ json }) => ({
${fields}
}));
return [{ json: { campaign: settings.campaign, count: rows.length, rows }, pairedItem: $input.all().map((_, i) => ({ item: i })) }];`;

function campaignWithHoldout() {
	const t = new Template(
		'campaign-holdout-sendgrid.json',
		'Campaign with holdout: Postgres audience -> suppression -> holdout -> SendGrid',
		'Send a campaign to an audience from Postgres, minus everyone on the suppression table, with a randomized 10% holdout; every assignment and every suppression logged to Postgres so the lift report can measure the campaign.',
	);
	t.node('Run Now', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Settings', 'set', 3.4, settings({ campaign: 'spring-2026', controlPercent: 10, fromEmail: 'news@example.com', fromName: 'Example Shop', subject: 'Spring is here' }), [1, 0]);
	t.node('Load Audience', 'postgres', 2.7, {
		operation: 'executeQuery',
		query: "SELECT customer_id, email, phone, first_name, country, consent\nFROM marketing.customers\nWHERE email IS NOT NULL AND email <> '';",
		options: {},
	}, [2, 0]);
	t.node('Load Suppression List', 'postgres', 2.7, {
		operation: 'executeQuery',
		query: 'SELECT email, phone, customer_id, reason, scope, expires_at\nFROM marketing.suppressions;',
		options: {},
	}, [2, 1]);
	t.ours('Apply Suppression', 'applySuppression', {
		channel: 'email',
		audienceFields: { customerIdField: 'customer_id', emailField: 'email', phoneField: 'phone', countryField: 'country', consentField: 'consent' },
		listFields: { customerIdField: 'customer_id', emailField: 'email', phoneField: 'phone', reasonField: 'reason', scopeField: 'scope', expiresAtField: 'expires_at' },
		rules: { suppressRoleAccounts: true },
		options: { summaryOutput: true },
	}, [3, 0]);
	holdoutOnOneOutput(t, { customerIdField: 'customer_id' }, [4, 0]);
	treatmentOnly(t, [5, -1]);
	t.node('Send with SendGrid', 'sendGrid', 1, {
		resource: 'mail',
		operation: 'send',
		fromEmail: `={{ ${S('fromEmail')} }}`,
		fromName: `={{ ${S('fromName')} }}`,
		toEmail: '={{ $json.email }}',
		subject: `={{ ${S('subject')} }}`,
		contentType: 'text/html',
		contentValue: "=<p>Hi {{ $json.first_name || 'there' }},</p><p>Our spring collection is in.</p>",
		additionalFields: { categories: `={{ ${S('campaign')} }}` },
	}, [6, -1]);
	t.node('Assignments as Rows', 'code', 2, code(ROWS_AS_JSON("  campaign: settings.campaign,\n  customer_id: String(json.customer_id),\n  arm: json.holdout.arm,\n  bucket: json.holdout.bucket,")), [5, 0]);
	t.node('Log Assignments', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			'INSERT INTO marketing.campaign_assignments (campaign, customer_id, arm, bucket, assigned_at)\nSELECT r.campaign, r.customer_id, r.arm, r.bucket, now()\nFROM jsonb_to_recordset($1::jsonb) AS r(campaign text, customer_id text, arm text, bucket int)\nON CONFLICT (campaign, customer_id) DO NOTHING;',
		options: { queryReplacement: '={{ [JSON.stringify($json.rows)] }}' },
	}, [6, 0]);
	t.node('Suppressed as Rows', 'code', 2, code(ROWS_AS_JSON('  campaign: settings.campaign,\n  customer_id: json.customer_id == null ? null : String(json.customer_id),\n  email: json.email,\n  reasons: json.suppression ? json.suppression.reasons : [{ code: \'error\', detail: json.error }],')), [3, 2]);
	t.node('Log Suppressed', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			'INSERT INTO marketing.campaign_suppressed (campaign, customer_id, email, reasons, decided_at)\nSELECT r.campaign, r.customer_id, r.email, r.reasons, now()\nFROM jsonb_to_recordset($1::jsonb) AS r(campaign text, customer_id text, email text, reasons jsonb);',
		options: { queryReplacement: '={{ [JSON.stringify($json.rows)] }}' },
	}, [4, 2]);
	t.connect('Run Now', 'Settings').connect('Settings', 'Load Audience').connect('Settings', 'Load Suppression List');
	t.connect('Load Audience', 'Apply Suppression', 0, 0).connect('Load Suppression List', 'Apply Suppression', 0, 1);
	t.connect('Apply Suppression', 'Split Holdout', 0).connect('Apply Suppression', 'Suppressed as Rows', 1).connect('Suppressed as Rows', 'Log Suppressed');
	t.connect('Split Holdout', 'Treatment Only').connect('Treatment Only', 'Send with SendGrid').connect('Split Holdout', 'Assignments as Rows');
	t.connect('Assignments as Rows', 'Log Assignments');
	t.note('## Campaign with holdout\nRun by hand. **Settings**: campaign name (also the holdout salt), control share, sender and subject.', ['Run Now', 'Settings']);
	t.note('## 1. Audience and do-not-contact list\nFrom `marketing.customers` and `marketing.suppressions` (unsubscribes, complaints, bounces, erasure requests).', ['Load Audience', 'Load Suppression List']);
	t.note('## 2. Apply Suppression\nEligible people go on to the split; the rest leave by *Suppressed*, each with every reason.', ['Apply Suppression']);
	t.note('## Log who was held back and why\nOne row per suppressed person in `marketing.campaign_suppressed`.', ['Suppressed as Rows', 'Log Suppressed']);
	t.note('## 3. Split Holdout\nA deterministic md5 split by `customer_id` salted with the campaign: 10% control, never sent to. One output for both arms (`holdout.arm`): no Merge, at any audience size.', ['Split Holdout']);
	t.note('## 4. Send and log\n**Treatment Only** lets treatment through to SendGrid. Every assignment, both arms, is logged to `marketing.campaign_assignments`: the lift report joins them to conversions. Pick your Postgres and SendGrid credentials on import.', [
		'Treatment Only',
		'Send with SendGrid',
		'Assignments as Rows',
		'Log Assignments',
	]);
	return t;
}


// ---------------------------------------------------------------------------------------------------
// 2. CRM to ESP: HubSpot contacts and deals -> Compute RFM -> Mailchimp tags per segment
// ---------------------------------------------------------------------------------------------------
const DEALS_TO_TRANSACTIONS = `// HubSpot deals -> one transaction per won deal and associated contact; contacts -> emails.
// Handles HubSpot's v1 shape ({ properties: { amount: { value } } }) and the flat v3 shape.
const value = (p) => (p && typeof p === 'object' && 'value' in p ? p.value : p);
const emails = new Map();
const transactions = [];
for (const { json } of $input.all()) {
  if (json.vid !== undefined || json['identity-profiles']) {
    const props = json.properties || {};
    const identity = (json['identity-profiles'] || []).flatMap((p) => p.identities || []).find((i) => i.type === 'EMAIL');
    const email = value(props.email) || (identity && identity.value);
    if (email) emails.set(String(json.vid ?? json.id), email);
    continue;
  }
  const props = json.properties || {};
  const stage = String(value(props.dealstage) || '');
  if (!/closedwon/i.test(stage)) continue;
  const contacts = (json.associations && (json.associations.associatedVids || (json.associations.contacts || {}).results)) || [];
  for (const c of contacts) {
    const contactId = String(typeof c === 'object' ? c.id : c);
    transactions.push({ json: { contactId, dealId: String(json.dealId ?? json.id), closedAt: value(props.closedate), amount: Number(value(props.amount) || 0) } });
  }
}
// Keep the emails for the tagging step.
return transactions.map((t) => ({ json: { ...t.json, email: emails.get(t.json.contactId) || null } }));`;

const SEGMENT_TAGS = `// One Mailchimp tag update per customer: the current RFM segment as a tag.
const settings = $('Settings').first().json;
const emailOf = new Map($('Deals to Transactions').all().map(({ json }) => [json.contactId, json.email]));
return $input.all()
  .filter(({ json }) => json.segment && emailOf.get(String(json.customerId)))
  .map(({ json }, i) => ({
    json: {
      email: emailOf.get(String(json.customerId)),
      tag: settings.tagPrefix + String(json.segment).toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      segment: json.segment, rfm: json.rfm,
    },
  }));`;

function crmToEsp() {
	const t = new Template(
		'crm-to-esp-rfm-hubspot-mailchimp.json',
		'CRM to ESP: HubSpot deals -> Compute RFM -> Mailchimp segment tags',
		'Every night, HubSpot contacts and their won deals become RFM scores and named segments (Champions, Loyal, At Risk, ...), and each contact gets its segment as a Mailchimp tag, ready for segment-specific journeys.',
	);
	t.node('Run Now', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Every Night 02:00', 'scheduleTrigger', 1.4, { rule: { interval: [{ field: 'days', triggerAtHour: 2 }] } }, [0, 1]);
	t.node('Settings', 'set', 3.4, settings({ mailchimpListId: 'your-audience-id', tagPrefix: 'rfm-' }), [1, 0]);
	t.node('HubSpot Contacts', 'hubspot', 2.2, {
		authentication: 'appToken',
		resource: 'contact',
		operation: 'getAll',
		returnAll: true,
		additionalFields: { propertiesCollection: { propertiesValues: { properties: ['email', 'firstname', 'lastname'], propertyMode: 'valueOnly' } } },
	}, [2, 0]);
	t.node('HubSpot Deals', 'hubspot', 2.2, {
		authentication: 'appToken',
		resource: 'deal',
		operation: 'getAll',
		returnAll: true,
		filters: { includeAssociations: true, properties: ['amount', 'closedate', 'dealstage'] },
	}, [2, 1]);
	t.node('Contacts + Deals', 'merge', 3.2, { mode: 'append', numberInputs: 2 }, [3, 0]);
	t.node('Deals to Transactions', 'code', 2, code(DEALS_TO_TRANSACTIONS), [4, 0]);
	t.ours('Compute RFM', 'computeRfm', {
		customerIdField: 'contactId',
		timestampField: 'closedAt',
		amountField: 'amount',
		orderIdField: 'dealId',
		options: {},
	}, [5, 0]);
	t.node('Segment Tags', 'code', 2, code(SEGMENT_TAGS), [6, 0]);
	t.node('Tag in Mailchimp', 'mailchimp', 1, {
		authentication: 'apiKey',
		resource: 'memberTag',
		operation: 'create',
		list: `={{ ${S('mailchimpListId')} }}`,
		email: '={{ $json.email }}',
		tags: '={{ [$json.tag] }}',
		options: {},
	}, [7, 0]);
	t.connect('Run Now', 'Settings').connect('Every Night 02:00', 'Settings').connect('Settings', 'HubSpot Contacts').connect('Settings', 'HubSpot Deals');
	t.connect('HubSpot Contacts', 'Contacts + Deals', 0, 0).connect('HubSpot Deals', 'Contacts + Deals', 0, 1).connect('Contacts + Deals', 'Deals to Transactions');
	t.connect('Deals to Transactions', 'Compute RFM').connect('Compute RFM', 'Segment Tags', 0).connect('Segment Tags', 'Tag in Mailchimp');
	t.note('## CRM to ESP, nightly\n**Settings**: the Mailchimp audience ID and the tag prefix.', ['Run Now', 'Every Night 02:00', 'Settings']);
	t.note('## 1. HubSpot\nAll contacts (email) and all deals with their associated contacts.', ['HubSpot Contacts', 'HubSpot Deals']);
	t.note('## 2. Won deals as transactions\nOne row per won deal and contact: contact ID, deal ID, close date, amount.', ['Contacts + Deals', 'Deals to Transactions']);
	t.note('## 3. Compute RFM\nRecency, frequency and monetary value per contact, 1-5 scores and a named segment.', ['Compute RFM']);
	t.note('## 4. Mailchimp tags\nEach contact gets `rfm-<segment>` (e.g. `rfm-champions`) on the audience: build journeys per tag.', ['Segment Tags', 'Tag in Mailchimp']);
	return t;
}

// ---------------------------------------------------------------------------------------------------
// 1. Flagship demo: sample CSVs -> identity -> RFM -> propensity -> suppression -> holdout ->
//    simulated outcomes -> lift -> report. No accounts; runs headless on n8n's SQLite.
// ---------------------------------------------------------------------------------------------------
// The sample data is made inside the workflow by the same function that writes
// templates/sample-data/*.csv: an imported template runs with no files to copy.
const SAMPLE_DATA = `// Sample data, made here (the same rows on every run): 1,600 people seen through a CRM, an ESP,
// a web shop, a sign-up form and an opt-out log. templates/sample-data/*.csv hold the same rows.
// Replace this step and the five after it with your own sources.
const data = (${sourceOf('flagshipSampleData')})();
return [{ json: data }];`;

const CONTACT_RECORDS = `// CRM contacts, ESP subscribers, web sign-ups and orders -> one record shape for Resolve Identity.
// Orders carry the CRM ID the shop knew (customer_ref) or the checkout email: identity links them.
return $input.all().map(({ json: r }, i) => {
  const source = r.order_id ? 'orders' : r.crm_id ? 'crm' : r.esp_id ? 'esp' : 'web';
  // The ESP's own status word goes through as it is (unsubscribed, cleaned, pending ...): Apply
  // Suppression reads it, and anything but a clear opt-in holds the person back.
  const consent = source === 'esp' ? (r.status === 'subscribed' ? 'opted_in' : r.status || 'unknown')
    : source === 'web' ? (r.consent_marketing === 'yes' ? 'opted_in' : 'opted_out') : 'unknown';
  const record = {
    recordKey: source + ':' + (r.order_id || r.crm_id || r.esp_id || r.signup_id),
    source,
    crmId: r.crm_id || r.customer_ref || '',
    email: r.email || '',
    phone: r.phone || '',
    firstName: r.first_name || '',
    lastName: r.last_name || '',
    country: r.country || '',
    seenAt: r.created_at || r.subscribed_at || r.signed_up_at || r.ordered_at || '',
  };
  if (source === 'orders') Object.assign(record, { orderId: r.order_id, orderedAt: r.ordered_at, amount: Number(r.amount) });
  else record.consent = consent;
  return { json: record, pairedItem: { item: i } };
});`;

const ORDERS_BY_CUSTOMER = `// The order records, now with the persistent customer ID Resolve Identity gave them.
const out = [];
$input.all().forEach(({ json }, i) => {
  if (json.source !== 'orders') return;
  out.push({ json: { orderId: json.orderId, customerId: json.customerId, orderedAt: json.orderedAt, amount: json.amount }, pairedItem: { item: i } });
});
return out;`;

const BEFORE_CUTOFF = `// RFM features as of the cut-off: only orders before it. The later ones are the outcome to predict.
const cutoff = $('Settings').first().json.cutoff;
return $input.all().filter(({ json }) => json.orderedAt < cutoff);`;

const FEATURES_AND_LABEL = `// One row per customer for the model: RFM features as of the cut-off (customers who had not
// bought yet get zeros) and the label: did they buy in the quarter after the cut-off?
const { cutoff, labelEnd } = $('Settings').first().json;
const buyers = new Set($('Orders by Customer').all()
  .filter(({ json }) => json.orderedAt >= cutoff && json.orderedAt < labelEnd && json.amount > 0)
  .map(({ json }) => json.customerId));
const rows = $input.all().filter(({ json }) => !json.error).map(({ json }, i) => ({
  json: { customerId: json.customerId, segment: json.segment, recencyDays: json.recencyDays, frequency: json.frequency,
    monetary: json.monetary, tenureDays: json.tenureDays, boughtNextQuarter: buyers.has(json.customerId) ? 1 : 0 },
  pairedItem: { item: i },
}));
const known = new Set(rows.map((r) => r.json.customerId));
const others = new Set($('Resolve Identity').all(1).map(({ json }) => json.customerId).filter((id) => !known.has(id)));
for (const customerId of others) {
  rows.push({ json: { customerId, segment: 'No Purchases', recencyDays: 1000, frequency: 0, monetary: 0, tenureDays: 0,
    boughtNextQuarter: buyers.has(customerId) ? 1 : 0 }, pairedItem: { item: 0 } });
}
return rows;`;

const CAMPAIGN_AUDIENCE = `// The campaign audience: every customer with the contact details of their golden profile
// (Resolve Identity's second output) and their consent: an opt-in counts only if no record of the
// customer says anything else (an opt-out, an ESP's cleaned or unsubscribed status).
const profiles = new Map($('Resolve Identity').all(1).map(({ json }) => [json.customerId, json]));
const consent = new Map();
const country = new Map();
for (const { json } of $('Resolve Identity').all(0)) {
  if (json.country) country.set(json.customerId, json.country);
  if (!json.consent || json.consent === 'unknown') continue;
  const known = consent.get(json.customerId);
  if (known === undefined || known === 'opted_in') consent.set(json.customerId, json.consent);
}
return $input.all().map(({ json }, i) => {
  const p = profiles.get(json.customerId) || {};
  return {
    json: { ...json, email: p.email || '', phone: p.phone || '', firstName: p.firstName || '', country: p.country || country.get(json.customerId) || '',
      consent: consent.get(json.customerId) || 'unknown' },
    pairedItem: { item: i },
  };
});`;

const SIMULATE_OUTCOMES = `// Simulated campaign outcomes (a demo has no real ones): the chance to buy in the next two weeks
// grows with the propensity score, and the email raises it by the true effect in Settings.
const { trueRelativeEffect, campaign } = $('Settings').first().json;
const fnv = (s) => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; } return h; };
const uniform = (key) => (fnv(campaign + ':' + key) + 0.5) / 4294967296;
return $input.all().map(({ json }, i) => {
  const treated = json.holdout.arm === 'treatment';
  const base = 0.04 + 0.4 * Number((json.propensity || {}).probability || 0);
  const p = Math.min(0.95, base * (treated ? 1 + trueRelativeEffect : 1));
  const converted = uniform(json.customerId) < p ? 1 : 0;
  const revenue = converted ? Math.round(100 * (25 + 90 * uniform('r' + json.customerId))) / 100 : 0;
  return { json: { customerId: json.customerId, arm: json.holdout.arm, converted, revenue }, pairedItem: { item: i } };
});`;

const CAMPAIGN_REPORT = `// The campaign report: one item gathering what every step found.
const settings = $('Settings').first().json;
const rfm = $('Compute RFM').all(1)[0]?.json ?? {};
const model = $('Train Model').first().json;
const summary = $('Apply Suppression').all(2)[0]?.json ?? {};
const split = $('Split Holdout').all();
const treatment = split.filter(({ json }) => json.holdout && json.holdout.arm === 'treatment').length;
const control = split.length - treatment;
const lift = $input.all().map(({ json }) => json);
const identity = $('Resolve Identity').all(0);
const profiles = $('Resolve Identity').all(1);
const reasons = Object.fromEntries(Object.entries(summary).filter(([k, v]) => typeof v === 'number' && !['eligible', 'suppressed', 'listEntries', 'unusableListEntries'].includes(k)));
return [{
  json: {
    campaign: settings.campaign,
    identity: { records: identity.length, customers: profiles.length, bySource: identity.reduce((m, { json }) => ({ ...m, [json.source]: (m[json.source] || 0) + 1 }), {}),
      multiSource: profiles.filter(({ json }) => (json.sources || []).filter((s) => s !== 'orders').length > 1).length },
    rfm: { asOf: rfm.asOf, customers: rfm.customers, orders: rfm.orders, revenue: rfm.revenue },
    segments: (rfm.segments || []).map((s) => ({ segment: s.segment, customers: s.customers, revenueShare: s.revenueShare })),
    model: { target: 'boughtNextQuarter', modelId: model.modelId, trainingRows: model.trainingRows, validationRows: model.validationRows,
      validationAuc: model.validation?.auc ?? null, validationTopDecileLift: model.validation?.topDecileLift ?? null,
      trainingAuc: model.training?.auc ?? null, trainingTopDecileLift: model.training?.topDecileLift ?? null, baseRate: model.training?.baseRate ?? null },
    suppression: { eligible: summary.eligible, suppressed: summary.suppressed, byReason: reasons },
    arms: { treatment, control, srm: split[0]?.json.holdout?.srm ?? null },
    lift: lift.map((r) => ({ metric: r.metric, arm: r.arm, n: r.n, controlN: r.controlN, value: r.value, controlValue: r.controlValue,
      absoluteLift: r.absoluteLift, absoluteCiLow: r.absoluteCiLow, absoluteCiHigh: r.absoluteCiHigh,
      relativeLift: r.relativeLift, relativeCiLow: r.relativeCiLow, relativeCiHigh: r.relativeCiHigh, pValue: r.pValue, significant: r.significant })),
    trueRelativeEffect: settings.trueRelativeEffect,
  },
  pairedItem: lift.map((_, i) => ({ item: i })),
}];`;

function flagship() {
	const t = new Template(
		'flagship-campaign-demo.json',
		'Flagship demo: identity -> RFM -> propensity -> suppression -> holdout -> lift (sample data, no accounts)',
		'The whole pack on sample data made inside the workflow, with no accounts and no files (runs as imported): customers from a CRM export, an ESP export and web sign-ups unified into persistent customer IDs; orders turned into RFM segments; a propensity model trained on who bought next quarter; opt-outs suppressed; a randomized holdout; simulated outcomes; the incremental lift with its interval; one report item at the end.',
	);
	t.node('Run Demo', 'manualTrigger', 1, {}, [0, 1]);
	t.node('Settings', 'set', 3.4, settings({
		campaign: 'flagship-demo',
		cutoff: '2025-04-01',
		labelEnd: '2025-07-01',
		controlPercent: 25,
		trueRelativeEffect: 0.4,
	}), [1, 1]);
	t.node('Sample Data', 'code', 2, code(SAMPLE_DATA), [2, 2]);
	const source = (name, field, cell) => t.node(name, 'splitOut', 1, { fieldToSplitOut: field, include: 'noOtherFields', options: {} }, cell);
	source('CRM Contacts', 'crm', [3, 0]);
	source('ESP Subscribers', 'esp', [3, 1]);
	source('Web Sign-ups', 'signups', [3, 2]);
	source('Orders', 'orders', [3, 3]);
	source('Opt-Outs', 'optouts', [3, 4]);
	t.node('All Records', 'merge', 3.2, { mode: 'append', numberInputs: 4 }, [4, 1]);
	t.node('Identity Records', 'code', 2, code(CONTACT_RECORDS), [5, 1]);
	t.ours('Resolve Identity', 'resolveIdentity', {
		mode: 'probabilistic',
		threshold: 0.95,
		rules: 'id:crmId, email, phone',
		recordFields: {
			recordKeyField: 'recordKey',
			sourceField: 'source',
			extraIdFields: 'crmId',
			emailField: 'email',
			phoneField: 'phone',
			firstNameField: 'firstName',
			lastNameField: 'lastName',
			countryField: 'country',
			updatedAtField: 'seenAt',
		},
		options: { idPrefix: 'cus_', strategy: 'sourcePriority', sourcePriority: 'crm, esp, web, orders' },
	}, [6, 1]);
	t.node('Orders by Customer', 'code', 2, code(ORDERS_BY_CUSTOMER), [8, 1]);
	t.node('Orders Before Cut-off', 'code', 2, code(BEFORE_CUTOFF), [9, 1]);
	t.ours('Compute RFM', 'computeRfm', {
		customerIdField: 'customerId',
		timestampField: 'orderedAt',
		amountField: 'amount',
		orderIdField: 'orderId',
		options: { asOf: `={{ ${S('cutoff')} }}` },
	}, [10, 1]);
	t.node('Features and Label', 'code', 2, code(FEATURES_AND_LABEL), [11, 1]);
	t.ours('Train Model', 'scorePropensity', {
		operation: 'train',
		targetField: 'boughtNextQuarter',
		featureFields: 'recencyDays, frequency, monetary, tenureDays',
		trainOptions: { validation: 'random', validationPercent: 30, seed: 1 },
	}, [12, 0]);
	t.ours('Score Customers', 'scorePropensity', {
		operation: 'score',
		modelSource: 'input',
		modelField: 'model',
		outputField: 'propensity',
		scoreOptions: { topContributions: 2 },
	}, [13, 1]);
	t.node('Campaign Audience', 'code', 2, code(CAMPAIGN_AUDIENCE), [14, 1]);
	t.ours('Apply Suppression', 'applySuppression', {
		channel: 'email',
		audienceFields: { customerIdField: 'customerId', emailField: 'email', phoneField: 'phone', countryField: 'country', consentField: 'consent' },
		listFields: { emailField: 'email', phoneField: 'phone', reasonField: 'reason', scopeField: 'channel' },
		rules: { asOf: `={{ ${S('cutoff')} }}` },
		options: { summaryOutput: true },
	}, [15, 1]);
	t.ours('Split Holdout', 'splitHoldout', {
		customerIdField: 'customerId',
		campaignSalt: `={{ ${S('campaign')} }}`,
		mode: 'treatmentControl',
		controlPercent: `={{ ${S('controlPercent')} }}`,
		outputArms: 'one',
		hashMode: 'md5',
		options: {},
	}, [16, 1]);
	t.node('Simulate Outcomes', 'code', 2, code(SIMULATE_OUTCOMES), [17, 1]);
	t.ours('Measure Lift', 'measureLift', {
		inputFormat: 'rows',
		armField: 'arm',
		controlArm: 'control',
		metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous' }] },
		confidence: 95,
		options: { intendedSplit: '={{ "control=" + ' + S('controlPercent') + ' + ", treatment=" + (100 - ' + S('controlPercent') + ') }}' },
	}, [18, 1]);
	t.node('Campaign Report', 'code', 2, code(CAMPAIGN_REPORT), [19, 1]);
	for (const node of t.nodes) if (node.position[0] >= 8 * 280) node.position[0] -= 280; // close the gap after Resolve Identity

	t.connect('Run Demo', 'Settings').connect('Settings', 'Sample Data');
	for (const name of ['CRM Contacts', 'ESP Subscribers', 'Web Sign-ups', 'Orders', 'Opt-Outs']) t.connect('Sample Data', name);
	t.connect('CRM Contacts', 'All Records', 0, 0).connect('ESP Subscribers', 'All Records', 0, 1).connect('Web Sign-ups', 'All Records', 0, 2).connect('Orders', 'All Records', 0, 3);
	t.connect('All Records', 'Identity Records').connect('Identity Records', 'Resolve Identity');
	t.connect('Resolve Identity', 'Orders by Customer', 0).connect('Orders by Customer', 'Orders Before Cut-off').connect('Orders Before Cut-off', 'Compute RFM');
	t.connect('Compute RFM', 'Features and Label', 0);
	t.connect('Features and Label', 'Train Model').connect('Features and Label', 'Score Customers', 0, 0).connect('Train Model', 'Score Customers', 0, 1);
	t.connect('Score Customers', 'Campaign Audience', 0);
	t.connect('Campaign Audience', 'Apply Suppression', 0, 0).connect('Opt-Outs', 'Apply Suppression', 0, 1);
	t.connect('Apply Suppression', 'Split Holdout', 0).connect('Split Holdout', 'Simulate Outcomes');
	t.connect('Simulate Outcomes', 'Measure Lift').connect('Measure Lift', 'Campaign Report');

	t.note('## Flagship demo\nNo accounts, no files: run it as imported. **Settings**: campaign name (the holdout salt), RFM cut-off, end of the label quarter, control share and the simulated true effect.', ['Run Demo', 'Settings']);
	t.note('## 1. Sample data\n**Sample Data** makes CRM contacts, ESP subscribers, web sign-ups, orders and opt-outs (the same rows as `templates/sample-data/*.csv`); one step per source splits them out. Swap these for your CRM, ESP and warehouse nodes.', [
		'Sample Data', 'CRM Contacts', 'ESP Subscribers', 'Web Sign-ups', 'Orders', 'Opt-Outs',
	]);
	t.note('## 2. Resolve Identity\nCRM, ESP, sign-ups and orders as one record shape; one persistent customer ID per person across them (CRM ID, email, phone, then probabilistic matching of names and contacts with typos), and a golden profile each.', [
		'All Records', 'Identity Records', 'Resolve Identity',
	]);
	t.note('## 3. Compute RFM\nThe orders, with their customer IDs; RFM scores and named segments as of the cut-off date.', [
		'Orders by Customer', 'Orders Before Cut-off', 'Compute RFM',
	]);
	t.note('## 4. Score Propensity\nLabel: bought in the quarter after the cut-off. Train a logistic model on the RFM features, report AUC and top-decile lift, score every customer.', [
		'Features and Label', 'Train Model', 'Score Customers',
	]);
	t.note('## 5. Apply Suppression\nContact details and consent per customer; opt-outs, complaints, bounces, erasure requests and missing opt-ins held back, with reasons.', [
		'Campaign Audience', 'Apply Suppression',
	]);
	t.note('## 6. Split Holdout\n25% control, by a hash of the customer ID salted with the campaign: never sent to. *Output Arms* = One Output: every customer leaves by one output with `holdout.arm`, so no Merge is needed at any size.', ['Split Holdout']);
	t.note('## 7. Outcomes and lift\nA demo has no real outcomes: they are simulated from the score, with the true effect set in Settings. Measure Lift finds it back, with a 95% interval.', [
		'Simulate Outcomes', 'Measure Lift',
	]);
	t.note('## 8. Report\nSegments, model quality, suppressed by reason, arm sizes and the lift: one item (`npm run demo` prints it).', ['Campaign Report']);
	return t;
}

// ---------------------------------------------------------------------------------------------------
// 3. Unify: Salesforce contacts + Mailchimp members + warehouse orders -> Resolve Identity ->
//    identity map and golden profiles upserted into Postgres
// ---------------------------------------------------------------------------------------------------
const UNIFY_RECORDS = `// Salesforce contacts, Mailchimp members and warehouse order customers -> one record shape.
// Orders carry the Salesforce contact ID when the shop knew it (customer_id): the id:crmId rule links them.
return $input.all().map(({ json: r }, i) => {
  let record;
  if (r.attributes && r.attributes.type === 'Contact' || r.Id) {
    record = { recordKey: 'salesforce:' + r.Id, source: 'salesforce', crmId: r.Id, email: r.Email, phone: r.Phone || r.MobilePhone,
      firstName: r.FirstName, lastName: r.LastName, country: r.MailingCountry, updatedAt: r.LastModifiedDate };
  } else if (r.email_address !== undefined) {
    const f = r.merge_fields || {};
    record = { recordKey: 'mailchimp:' + r.id, source: 'mailchimp', email: r.email_address, phone: f.PHONE,
      firstName: f.FNAME, lastName: f.LNAME, country: (r.location || {}).country_code, updatedAt: r.last_changed };
  } else {
    record = { recordKey: 'orders:' + (r.customer_id || '') + '|' + String(r.email || '').trim().toLowerCase(), source: 'orders',
      crmId: r.customer_id, email: r.email, updatedAt: r.last_order_at };
  }
  for (const k of Object.keys(record)) if (record[k] === undefined || record[k] === null) record[k] = '';
  return { json: record, pairedItem: { item: i } };
});`;

function unify() {
	const t = new Template(
		'unify-identity-salesforce-mailchimp-postgres.json',
		'Unify: Salesforce + Mailchimp + warehouse orders -> Resolve Identity -> Postgres identity map',
		'Nightly identity resolution across Salesforce contacts, Mailchimp members and the warehouse\'s order customers: one persistent customer ID per person (stable across runs through the stored identity map), upserted into Postgres with a golden profile per customer.',
	);
	t.node('Run Now', 'manualTrigger', 1, {}, [0, 1]);
	t.node('Every Night 03:00', 'scheduleTrigger', 1.4, { rule: { interval: [{ field: 'days', triggerAtHour: 3 }] } }, [0, 2]);
	t.node('Settings', 'set', 3.4, settings({ mailchimpListId: 'your-audience-id' }), [1, 1]);
	t.node('Salesforce Contacts', 'salesforce', 1.1, {
		authentication: 'oAuth2',
		resource: 'contact',
		operation: 'getAll',
		returnAll: true,
		options: { fields: 'Id,Email,FirstName,LastName,Phone,MobilePhone,MailingCountry,LastModifiedDate' },
	}, [2, 0]);
	t.node('Mailchimp Members', 'mailchimp', 1, {
		authentication: 'apiKey',
		resource: 'member',
		operation: 'getAll',
		list: `={{ ${S('mailchimpListId')} }}`,
		returnAll: true,
		options: {},
	}, [2, 1]);
	t.node('Warehouse Order Customers', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			"SELECT COALESCE(customer_id, '') AS customer_id, COALESCE(lower(trim(email)), '') AS email, max(ordered_at) AS last_order_at, count(*)::int AS orders\nFROM marketing.orders\nGROUP BY 1, 2;",
		options: {},
	}, [2, 2]);
	t.node('Previous Identity Map', 'postgres', 2.7, {
		operation: 'executeQuery',
		query: 'SELECT record_key AS "recordKey", customer_id AS "customerId", first_seen AS "firstSeen"\nFROM marketing.identity_map;',
		options: {},
	}, [2, 3], { alwaysOutputData: true });
	t.node('All Records', 'merge', 3.2, { mode: 'append', numberInputs: 3 }, [3, 1]);
	t.node('Identity Records', 'code', 2, code(UNIFY_RECORDS), [4, 1]);
	t.ours('Resolve Identity', 'resolveIdentity', {
		mode: 'probabilistic',
		threshold: 0.95,
		rules: 'id:crmId, email, phone',
		recordFields: {
			recordKeyField: 'recordKey',
			sourceField: 'source',
			extraIdFields: 'crmId',
			emailField: 'email',
			phoneField: 'phone',
			firstNameField: 'firstName',
			lastNameField: 'lastName',
			countryField: 'country',
			updatedAtField: 'updatedAt',
		},
		options: { idPrefix: 'cus_', strategy: 'sourcePriority', sourcePriority: 'salesforce, mailchimp, orders' },
	}, [5, 1]);
	t.node('Map as Rows', 'code', 2, code(`// The identity map (Resolve Identity's third output) as one item, written in one statement.
return [{ json: { rows: $input.all().map(({ json }) => ({ record_key: json.recordKey, customer_id: json.customerId, first_seen: json.firstSeen, previous_customer_id: json.previousCustomerId || null })) } }];`), [6, 2]);
	t.node('Upsert Identity Map', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			'INSERT INTO marketing.identity_map (record_key, customer_id, first_seen, previous_customer_id, updated_at)\nSELECT r.record_key, r.customer_id, r.first_seen, r.previous_customer_id, now()\nFROM jsonb_to_recordset($1::jsonb) AS r(record_key text, customer_id text, first_seen timestamptz, previous_customer_id text)\nON CONFLICT (record_key) DO UPDATE SET customer_id = EXCLUDED.customer_id, previous_customer_id = EXCLUDED.previous_customer_id, updated_at = now();',
		options: { queryReplacement: '={{ [JSON.stringify($json.rows)] }}' },
	}, [7, 2]);
	t.node('Profiles as Rows', 'code', 2, code(`// Golden profiles (Resolve Identity's second output) as one item.
return [{ json: { rows: $input.all().map(({ json }) => ({ customer_id: json.customerId, email: json.email || null, phone: json.phone || null,
  first_name: json.firstName || null, last_name: json.lastName || null, country: json.country || null, sources: json.sources, record_count: json.records })) } }];`), [6, 1]);
	t.node('Upsert Golden Profiles', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			'INSERT INTO marketing.customer_profiles (customer_id, email, phone, first_name, last_name, country, sources, record_count, updated_at)\nSELECT r.customer_id, r.email, r.phone, r.first_name, r.last_name, r.country, r.sources, r.record_count, now()\nFROM jsonb_to_recordset($1::jsonb) AS r(customer_id text, email text, phone text, first_name text, last_name text, country text, sources jsonb, record_count int)\nON CONFLICT (customer_id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone, first_name = EXCLUDED.first_name,\n  last_name = EXCLUDED.last_name, country = EXCLUDED.country, sources = EXCLUDED.sources, record_count = EXCLUDED.record_count, updated_at = now();',
		options: { queryReplacement: '={{ [JSON.stringify($json.rows)] }}' },
	}, [7, 1]);
	t.connect('Run Now', 'Settings').connect('Every Night 03:00', 'Settings');
	for (const n of ['Salesforce Contacts', 'Mailchimp Members', 'Warehouse Order Customers', 'Previous Identity Map']) t.connect('Settings', n);
	t.connect('Salesforce Contacts', 'All Records', 0, 0).connect('Mailchimp Members', 'All Records', 0, 1).connect('Warehouse Order Customers', 'All Records', 0, 2);
	t.connect('All Records', 'Identity Records').connect('Identity Records', 'Resolve Identity', 0, 0).connect('Previous Identity Map', 'Resolve Identity', 0, 1);
	t.connect('Resolve Identity', 'Profiles as Rows', 1).connect('Profiles as Rows', 'Upsert Golden Profiles');
	t.connect('Resolve Identity', 'Map as Rows', 2).connect('Map as Rows', 'Upsert Identity Map');
	t.note('## Unify, nightly\n**Settings**: the Mailchimp audience ID.', ['Run Now', 'Every Night 03:00', 'Settings']);
	t.note('## 1. Sources\nSalesforce contacts, Mailchimp members, the customers seen in warehouse orders, and last run\'s identity map (so IDs persist).', [
		'Salesforce Contacts', 'Mailchimp Members', 'Warehouse Order Customers', 'Previous Identity Map',
	]);
	t.note('## 2. Resolve Identity\nOne record shape; then rules (Salesforce ID, email, phone) and probabilistic matching give one persistent customer ID per person, with guardrails against over-merging.', [
		'All Records', 'Identity Records', 'Resolve Identity',
	]);
	t.note('## 3. Upsert into Postgres\nGolden profiles into `marketing.customer_profiles`; the identity map (record -> customer ID, first seen, previous ID after a merge) into `marketing.identity_map`.', [
		'Profiles as Rows', 'Upsert Golden Profiles', 'Map as Rows', 'Upsert Identity Map',
	]);
	return t;
}

// ---------------------------------------------------------------------------------------------------
// 4. Warehouse propensity: Postgres orders -> Train -> model JSON in Postgres; nightly scoring
// ---------------------------------------------------------------------------------------------------
const FEATURES_SQL = (asOf) => `-- RFM features per customer as of ${asOf === '$1' ? 'the cut-off ($1)' : 'now'}: what the model learns from and scores on.
SELECT customer_id,
       (EXTRACT(EPOCH FROM (${asOf === '$1' ? '$1::timestamptz' : 'now()'} - max(ordered_at))) / 86400)::float8 AS recency_days,
       count(*)::int                                                              AS frequency,
       sum(amount)::float8                                                        AS monetary,
       (EXTRACT(EPOCH FROM (${asOf === '$1' ? '$1::timestamptz' : 'now()'} - min(ordered_at))) / 86400)::float8 AS tenure_days
FROM marketing.orders
WHERE customer_id IS NOT NULL AND amount > 0${asOf === '$1' ? ' AND ordered_at < $1::timestamptz' : ''}
GROUP BY customer_id`;

function warehousePropensity() {
	const t = new Template(
		'warehouse-propensity-postgres.json',
		'Warehouse propensity: Postgres orders -> train -> model in Postgres -> nightly scores',
		'Train a purchase-propensity model on warehouse orders (RFM features as of a cut-off date, label: bought in the following days), keep the model JSON and its validation metrics in Postgres, and every night score every customer with the latest model and write probability, decile and tier back.',
	);
	t.node('Train Now', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Settings', 'set', 3.4, settings({ cutoff: '2025-04-01', horizonDays: 90 }), [1, 0]);
	t.node('Training Data', 'postgres', 2.7, {
		operation: 'executeQuery',
		query: `WITH features AS (\n${FEATURES_SQL('$1')}\n),\nbuyers AS (\n  SELECT DISTINCT customer_id FROM marketing.orders\n  WHERE amount > 0 AND ordered_at >= $1::timestamptz AND ordered_at < $1::timestamptz + make_interval(days => $2::int)\n)\nSELECT f.*, (b.customer_id IS NOT NULL)::int AS bought\nFROM features f LEFT JOIN buyers b USING (customer_id);`,
		options: { queryReplacement: `={{ [${S('cutoff')}, ${S('horizonDays')}] }}` },
	}, [2, 0]);
	t.ours('Train Model', 'scorePropensity', {
		operation: 'train',
		targetField: 'bought',
		featureFields: 'recency_days, frequency, monetary, tenure_days',
		trainOptions: { validation: 'random', validationPercent: 30, seed: 1 },
	}, [3, 0]);
	t.node('Store Model', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			"INSERT INTO marketing.propensity_models (model_id, trained_at, target, metrics, model)\nVALUES ($1, now(), 'bought', $2::jsonb, $3::jsonb)\nON CONFLICT (model_id) DO UPDATE SET trained_at = now()\nRETURNING model_id;",
		options: { queryReplacement: '={{ [$json.modelId, JSON.stringify({ training: $json.training, validation: $json.validation }), JSON.stringify($json.model)] }}' },
	}, [4, 0]);
	t.node('Every Night 04:00', 'scheduleTrigger', 1.4, { rule: { interval: [{ field: 'days', triggerAtHour: 4 }] } }, [4, 3]);
	t.node('Customers to Score', 'postgres', 2.7, { operation: 'executeQuery', query: `${FEATURES_SQL('now')};`, options: {} }, [5, 2]);
	t.node('Latest Model', 'postgres', 2.7, {
		operation: 'executeQuery',
		query: 'SELECT model_id, model\nFROM marketing.propensity_models\nORDER BY trained_at DESC\nLIMIT 1;',
		options: {},
	}, [5, 3]);
	t.ours('Score Customers', 'scorePropensity', {
		operation: 'score',
		modelSource: 'input',
		modelField: 'model',
		outputField: 'propensity',
		scoreOptions: { decileBasis: 'training' },
	}, [6, 2]);
	t.node('Scores as Rows', 'code', 2, code(`// Every score as one item, written in one statement.
return [{ json: { rows: $input.all().map(({ json }) => ({ customer_id: String(json.customer_id), model_id: json.propensity.modelId,
  score: json.propensity.probability, decile: json.propensity.decile, tier: json.propensity.tier })) } }];`), [7, 2]);
	t.node('Write Scores', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			'INSERT INTO marketing.propensity_scores (customer_id, model_id, score, decile, tier, scored_at)\nSELECT r.customer_id, r.model_id, r.score, r.decile, r.tier, now()\nFROM jsonb_to_recordset($1::jsonb) AS r(customer_id text, model_id text, score float8, decile int, tier text)\nON CONFLICT (customer_id, model_id) DO UPDATE SET score = EXCLUDED.score, decile = EXCLUDED.decile, tier = EXCLUDED.tier, scored_at = now();',
		options: { queryReplacement: '={{ [JSON.stringify($json.rows)] }}' },
	}, [8, 2]);
	t.connect('Train Now', 'Settings').connect('Settings', 'Training Data').connect('Training Data', 'Train Model').connect('Train Model', 'Store Model');
	t.connect('Store Model', 'Customers to Score').connect('Store Model', 'Latest Model');
	t.connect('Every Night 04:00', 'Customers to Score').connect('Every Night 04:00', 'Latest Model');
	t.connect('Customers to Score', 'Score Customers', 0, 0).connect('Latest Model', 'Score Customers', 0, 1);
	t.connect('Score Customers', 'Scores as Rows', 0).connect('Scores as Rows', 'Write Scores');
	t.note('## Train (by hand)\n**Settings**: the cut-off date and the label window in days.', ['Train Now', 'Settings']);
	t.note('## 1. Train on warehouse orders\nRFM features as of the cut-off, label = bought within the window after it; logistic regression with a 30% validation split; the model JSON and its AUC / top-decile lift go to `marketing.propensity_models`.', [
		'Training Data', 'Train Model', 'Store Model',
	]);
	t.note('## 2. Score nightly\nEvery night (and right after training): today\'s features, the latest stored model, probability, decile and tier per customer, upserted into `marketing.propensity_scores`.', [
		'Every Night 04:00', 'Customers to Score', 'Latest Model', 'Score Customers', 'Scores as Rows', 'Write Scores',
	]);
	return t;
}

// ---------------------------------------------------------------------------------------------------
// 7. One-click unsubscribe (RFC 8058): Webhook -> Propagate Opt-Out -> audit in Postgres -> alerts
// ---------------------------------------------------------------------------------------------------
const OPT_OUT_EVENT = `// One opt-out event per request. The one-click POST (RFC 8058: "List-Unsubscribe=One-Click") carries
// only the opaque token from the List-Unsubscribe URL; the token table (by its SHA-256) says whose it
// is. The token is a bearer credential: the event ID is derived from its hash, never the token itself.
// Only a token that resolved (token_status "ok"); the others go to Unresolved Click.
return $input.all().filter(({ json }) => json.token_status === 'ok' && json.email && json.token_hash).map(({ json }, i) => ({
  json: {
    eventId: 'unsub_' + String(json.token_hash).slice(0, 32),
    email: json.email,
    channels: 'email',
    scope: json.list_id ? 'list' : 'global',
    listId: json.list_id || '',
    reason: 'one-click unsubscribe (RFC 8058)',
    source: 'list-unsubscribe-post',
    requestedAt: new Date().toISOString(),
  },
  pairedItem: { item: i },
}));`;

// A click that unsubscribed nobody: the webhook has answered 200 already (the person believes it
// worked), so it must leave a trace. One audit row per click (status unresolved_token, no address,
// the ID from the token's hash) and a Slack alert; a failed lookup (database down) likewise.
const UNRESOLVED_CLICK = `// Clicks that resolved to no opt-out: an unknown, tampered or missing token, an expired or revoked
// one, or a lookup that failed. The 200 has gone out already, so each is audited and alerted on.
// Never the token itself (a bearer credential) nor an address: the token's SHA-256 and the reason.
const out = [];
for (const { json } of $input.all()) {
  if (json.token_status === 'ok' && json.email) continue;
  const reason = json.error ? 'lookup failed' : json.token_status || 'unknown';
  const eventId = json.token_hash ? 'unsub_' + String(json.token_hash).slice(0, 32) : null;
  out.push({
    json: {
      eventId,
      rows: [{ event_id: eventId, destination: 'none', status: 'unresolved_token', detail: { reason, listId: json.list_id || null, error: json.error ? String(json.error.message || json.error) : undefined } }],
      alert: ':warning: A one-click unsubscribe could not be honoured (' + reason + (eventId ? ', ' + eventId : '') + '). The person was answered 200: check marketing.optout_audit and unsubscribe them by hand if the token was theirs.',
    },
  });
}
return out;`;

// Tokens older than this many days no longer unsubscribe anyone (the second Look Up Token parameter).
const TOKEN_LIFETIME_DAYS = 60;
const ONE_CLICK_PATH = 'unsubscribe';

function oneClickUnsubscribe() {
	const t = new Template(
		'one-click-unsubscribe-rfc8058.json',
		'One-click unsubscribe (RFC 8058): webhook -> Propagate Opt-Out -> audit -> alerts',
		'The endpoint behind a List-Unsubscribe header with List-Unsubscribe-Post (RFC 8058, required by Gmail and Yahoo for bulk senders), served at `/webhook/unsubscribe` once imported and published: the token in the link is looked up in Postgres by its SHA-256 (tokens are stored hashed and expire after 60 days), the opt-out reaches every configured system (HubSpot, Salesforce, Mailchimp, SendGrid, ...) with retries, every attempt is audited in Postgres under an ID derived from the token hash (never the token), and failures are posted to Slack.',
	);
	// A fixed webhookId: without one, n8n registers the path under a generated ID and the
	// advertised .../webhook/unsubscribe answers 404 after import.
	t.node('List-Unsubscribe POST', 'webhook', 2.1, { httpMethod: 'POST', path: ONE_CLICK_PATH, authentication: 'none', responseMode: 'onReceived', options: {} }, [0, 0], {
		webhookId: uuid('one-click-unsubscribe-rfc8058.json:webhook'),
	});
	// Tokens are stored as their SHA-256 (hex) and expire after TOKEN_LIFETIME_DAYS (or at expires_at).
	// One row per click, resolved or not: token_status says ok, expired, unknown or missing, so a click
	// that unsubscribes nobody still reaches Unresolved Click. A failing lookup goes there too (error output).
	t.node('Look Up Token', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			"SELECT q.token_hash, t.email, t.list_id,\n  CASE WHEN $1 = '' THEN 'missing'\n       WHEN t.token_hash IS NULL THEN 'unknown'\n       WHEN t.issued_at <= now() - make_interval(days => $2::int) OR (t.expires_at IS NOT NULL AND t.expires_at <= now()) THEN 'expired'\n       ELSE 'ok' END AS token_status\nFROM (SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS token_hash) AS q\nLEFT JOIN marketing.unsubscribe_tokens AS t ON t.token_hash = q.token_hash;",
		options: { queryReplacement: `={{ [String($json.query.token || $json.body.token || ''), ${TOKEN_LIFETIME_DAYS}] }}` },
	}, [1, 0], { onError: 'continueErrorOutput' });
	t.node('Unresolved Click', 'code', 2, code(UNRESOLVED_CLICK), [5, 1]);
	t.node('Test Run', 'manualTrigger', 1, {}, [0, 1]);
	t.node('Sample Request', 'code', 2, code(`// A stand-in for the token lookup when testing by hand: change the address.\nreturn [{ json: { token_hash: '${crypto.createHash('sha256').update('test-token-1').digest('hex')}', email: 'someone@yourdomain.test', list_id: null, token_status: 'ok' } }];`), [1, 1]);
	t.node('Opt-Out Event', 'code', 2, code(OPT_OUT_EVENT), [2, 0]);
	t.ours('Propagate Opt-Out', 'propagateOptOut', {
		destinations: ['hubspot', 'mailchimp', 'sendgrid', 'salesforce'],
		salesforceAuthentication: 'oAuth2',
		emailField: 'email',
		channelsField: 'channels',
		scopeField: 'scope',
		listIdField: 'listId',
		requestedAtField: 'requestedAt',
		reasonField: 'reason',
		sourceField: 'source',
		eventIdField: 'eventId',
		settings: { mailchimpListId: 'your-audience-id' },
		options: { identifierMode: 'hashed', slaHours: 48 },
	}, [3, 0]);
	t.node('Propagated + Failed', 'merge', 3.2, { mode: 'append', numberInputs: 2 }, [4, 0]);
	t.node('Audit Rows', 'code', 2, code(`// One audit row per opt-out and destination: the outcome and Propagate Opt-Out's audit record
// (identifiers hashed, never the address itself).
const rows = [];
for (const { json } of $input.all()) {
  const r = json.optOut;
  if (!r) { rows.push({ event_id: json.eventId || null, destination: 'none', status: 'error', detail: { error: json.error, details: json.details } }); continue; }
  for (const [destination, d] of Object.entries(r.destinations || {})) {
    rows.push({ event_id: r.eventId, destination, status: d.outcome, detail: (r.audit || []).find((a) => a.destination === destination) || { outcome: d.outcome } });
  }
}
return [{ json: { rows } }];`), [5, 0]);
	t.node('Write Audit', 'postgres', 2.7, {
		operation: 'executeQuery',
		query:
			'INSERT INTO marketing.optout_audit (event_id, email, destination, status, detail, recorded_at)\nSELECT r.event_id, NULL, r.destination, r.status, r.detail, now()\nFROM jsonb_to_recordset($1::jsonb) AS r(event_id text, destination text, status text, detail jsonb);',
		options: { queryReplacement: '={{ [JSON.stringify($json.rows)] }}' },
	}, [6, 0]);
	t.node('Alert on Failures', 'slack', 2.3, {
		resource: 'message',
		operation: 'post',
		select: 'channel',
		channelId: { __rl: true, mode: 'id', value: 'C0123456789' },
		messageType: 'text',
		text: "={{ $json.alert ? $json.alert : ':warning: Opt-out ' + $json.eventId + ' did not reach every system: ' + ($json.optOut ? (($json.optOut.retry || {}).reasons || []).join('; ') : $json.error) + '. Retry after ' + (($json.optOut && $json.optOut.retry && $json.optOut.retry.notBefore) || 'now') + '; the SLA is 48 hours.' }}",
		otherOptions: { includeLinkToWorkflow: true },
	}, [4, 1]);
	t.connect('List-Unsubscribe POST', 'Look Up Token').connect('Look Up Token', 'Opt-Out Event');
	t.connect('Look Up Token', 'Unresolved Click', 0).connect('Look Up Token', 'Unresolved Click', 1);
	t.connect('Unresolved Click', 'Write Audit').connect('Unresolved Click', 'Alert on Failures');
	t.connect('Test Run', 'Sample Request').connect('Sample Request', 'Opt-Out Event');
	t.connect('Opt-Out Event', 'Propagate Opt-Out');
	t.connect('Propagate Opt-Out', 'Propagated + Failed', 0, 0).connect('Propagate Opt-Out', 'Propagated + Failed', 1, 1).connect('Propagate Opt-Out', 'Alert on Failures', 1);
	t.connect('Propagated + Failed', 'Audit Rows').connect('Audit Rows', 'Write Audit');
	t.note(`## One-click unsubscribe\nPoint your List-Unsubscribe URL at this webhook (\`.../webhook/${ONE_CLICK_PATH}?token=...\`) and send \`List-Unsubscribe-Post: List-Unsubscribe=One-Click\`. Tokens are opaque, issued at send time and stored only as their SHA-256 in \`marketing.unsubscribe_tokens\`; they expire after ${TOKEN_LIFETIME_DAYS} days (second parameter of **Look Up Token**). A click that unsubscribes nobody (unknown, expired or revoked token, or a failed lookup) is answered 200 all the same, so **Unresolved Click** audits it (\`unresolved_token\`, no address) and alerts. A database set up by an earlier release: run \`templates/sql/postgres-schema.sql\` again; it hashes the stored tokens. **Test Run** tries it by hand.`, [
		'List-Unsubscribe POST', 'Look Up Token', 'Test Run', 'Sample Request',
	]);
	t.note('## 1. Propagate Opt-Out\nOne event to every destination chosen in the node (credentials per system), with retries and rate limits; out by *Propagated* or *Failed* with the reason per destination and when to retry.', [
		'Opt-Out Event', 'Propagate Opt-Out',
	]);
	t.note('## 2. Audit and alert\nEvery attempt into `marketing.optout_audit` (identifiers hashed, the event ID derived from the token hash, never the token), and every click that unsubscribed nobody (`unresolved_token`); anything that failed is posted to Slack (edit the channel ID).', [
		'Propagated + Failed', 'Audit Rows', 'Write Audit', 'Alert on Failures', 'Unresolved Click',
	]);
	return t;
}

// 8. Warehouse propensity on BigQuery and Snowflake (the same flow as the Postgres one).
const CLOUD_PROPENSITY = {
	BigQuery: {
		file: 'warehouse-propensity-bigquery.json',
		type: 'googleBigQuery',
		version: 2.1,
		features: (asOf) => `SELECT customer_id,
       TIMESTAMP_DIFF(${asOf}, MAX(ordered_at), SECOND) / 86400 AS recency_days,
       COUNT(*) AS frequency,
       SUM(amount) AS monetary,
       TIMESTAMP_DIFF(${asOf}, MIN(ordered_at), SECOND) / 86400 AS tenure_days
FROM marketing.orders
WHERE customer_id IS NOT NULL AND amount > 0 AND ordered_at < ${asOf}
GROUP BY customer_id`,
		cutoff: 'TIMESTAMP(@cutoff)',
		now: 'CURRENT_TIMESTAMP()',
		label: 'ordered_at >= TIMESTAMP(@cutoff) AND ordered_at < TIMESTAMP_ADD(TIMESTAMP(@cutoff), INTERVAL CAST(@horizon_days AS INT64) DAY)',
		store: "INSERT INTO marketing.propensity_models (model_id, trained_at, target, metrics, model)\nSELECT @model_id, CURRENT_TIMESTAMP(), 'bought', PARSE_JSON(@metrics), PARSE_JSON(@model)",
		latest: 'SELECT model_id, TO_JSON_STRING(model) AS model\nFROM marketing.propensity_models\nORDER BY trained_at DESC\nLIMIT 1',
		write:
			'MERGE marketing.propensity_scores t\nUSING (SELECT * FROM UNNEST(JSON_QUERY_ARRAY(PARSE_JSON(@rows))) AS r) s\nON t.customer_id = JSON_VALUE(s.r, \'$.customer_id\') AND t.model_id = JSON_VALUE(s.r, \'$.model_id\')\nWHEN MATCHED THEN UPDATE SET score = FLOAT64(s.r.score), decile = INT64(s.r.decile), tier = JSON_VALUE(s.r, \'$.tier\'), scored_at = CURRENT_TIMESTAMP()\nWHEN NOT MATCHED THEN INSERT (customer_id, model_id, score, decile, tier, scored_at)\n  VALUES (JSON_VALUE(s.r, \'$.customer_id\'), JSON_VALUE(s.r, \'$.model_id\'), FLOAT64(s.r.score), INT64(s.r.decile), JSON_VALUE(s.r, \'$.tier\'), CURRENT_TIMESTAMP())',
		params: (pairs) => ({
			authentication: 'serviceAccount',
			operation: 'executeQuery',
			projectId: { __rl: true, mode: 'id', value: 'my-gcp-project' },
			options: pairs.length ? { queryParameters: { namedParameters: pairs.map(([name, value]) => ({ name, value })) } } : {},
		}),
		sqlKey: 'sqlQuery',
	},
	Snowflake: {
		file: 'warehouse-propensity-snowflake.json',
		type: 'snowflake',
		version: 1.1,
		features: (asOf) => `SELECT customer_id AS "customer_id",
       DATEDIFF('second', MAX(ordered_at), ${asOf}) / 86400 AS "recency_days",
       COUNT(*) AS "frequency",
       SUM(amount) AS "monetary",
       DATEDIFF('second', MIN(ordered_at), ${asOf}) / 86400 AS "tenure_days"
FROM marketing.orders
WHERE customer_id IS NOT NULL AND amount > 0 AND ordered_at < ${asOf}
GROUP BY customer_id`,
		cutoff: 'TO_TIMESTAMP_TZ(:1)',
		now: 'CURRENT_TIMESTAMP()',
		label: 'ordered_at >= TO_TIMESTAMP_TZ(:1) AND ordered_at < DATEADD(day, :2, TO_TIMESTAMP_TZ(:1))',
		store: "INSERT INTO marketing.propensity_models (model_id, trained_at, target, metrics, model)\nSELECT ?, CURRENT_TIMESTAMP(), 'bought', PARSE_JSON(?), PARSE_JSON(?)",
		latest: 'SELECT model_id AS "model_id", TO_JSON(model) AS "model"\nFROM marketing.propensity_models\nORDER BY trained_at DESC\nLIMIT 1',
		write:
			'MERGE INTO marketing.propensity_scores t\nUSING (SELECT value:customer_id::string AS customer_id, value:model_id::string AS model_id, value:score::float AS score, value:decile::int AS decile, value:tier::string AS tier\n       FROM TABLE(FLATTEN(PARSE_JSON(?)))) s\nON t.customer_id = s.customer_id AND t.model_id = s.model_id\nWHEN MATCHED THEN UPDATE SET score = s.score, decile = s.decile, tier = s.tier, scored_at = CURRENT_TIMESTAMP()\nWHEN NOT MATCHED THEN INSERT (customer_id, model_id, score, decile, tier, scored_at) VALUES (s.customer_id, s.model_id, s.score, s.decile, s.tier, CURRENT_TIMESTAMP())',
		// One array expression for all values, "={{ [a, b] }}": the node binds an array as it is
		// (a plain string it splits on every comma).
		params: (pairs) => ({
			operation: 'executeQuery',
			options: pairs.length ? { queryReplacement: `={{ [${pairs.map(([, v]) => v.replace(/^=\{\{\s*|\s*\}\}$/g, '')).join(', ')}] }}` } : {},
		}),
		sqlKey: 'query',
	},
};

// The warehouse RFM campaign on BigQuery and Snowflake: the same flow as the Postgres one, with the
// nodes' Generate SQL in the warehouse's dialect and the sample tables in its SQL.
// BigQuery: n8n's BigQuery node takes named parameters only as a fixed list (an expression for the
// list is taken apart character by character when n8n resolves the parameters), and each generated
// statement binds a different number of values. So the Generate SQL steps use BigQuery Parameters
// "One JSON Array": every statement reads its values from one STRING parameter, @params, bound as
// JSON.stringify($json.parameters). A statement without values runs from a step that binds none
// (whether BigQuery accepts an unused named parameter is not documented). And n8n's BigQuery node
// starts every input item's job before it waits for any of them, so the statements, which depend
// on each other, run one at a time through Loop Over Items (batch size 1).
const CLOUD_RFM = {
	BigQuery: {
		file: 'warehouse-rfm-campaign-bigquery.json',
		dialect: 'bigquery',
		generateSql: { bigqueryParameters: 'json' },
		unit: (text) => `CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(${text})), 1, 8)) AS INT64) / 4294967296.0`,
		sampleOrders: (unit) => `-- Sample orders (replace this step with your own orders table): 2,000 customers, seeded, with
-- cancellations, refunds and a few rows no reader accepts.
CREATE OR REPLACE TABLE marketing.wh_orders AS
WITH customers AS (
  SELECT i, ${unit("CONCAT('customer:', CAST(i AS STRING))")} AS u
  FROM UNNEST(GENERATE_ARRAY(1, 2000)) AS i
), lines AS (
  SELECT c.i, k, ${unit("CONCAT('order:', CAST(c.i AS STRING), ':', CAST(k AS STRING))")} AS v
  FROM customers c, UNNEST(GENERATE_ARRAY(1, 1 + CAST(FLOOR(c.u * c.u * 10) AS INT64))) AS k
)
SELECT CONCAT('cust-', CAST(i AS STRING)) AS customer_id,
       CONCAT('ord-', CAST(i AS STRING), '-', CAST(k AS STRING)) AS order_id,
       FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', TIMESTAMP_ADD(TIMESTAMP '2025-01-01 00:00:00+00', INTERVAL CAST(FLOOR(v * 525600) AS INT64) MINUTE)) AS ordered_at,
       FORMAT('%.2f', ROUND(5 + v * 195, 2)) AS amount,
       CASE WHEN v < 0.03 THEN 'cancelled' WHEN v > 0.97 THEN 'refunded' ELSE 'paid' END AS status
FROM lines
UNION ALL SELECT 'cust-1', 'ord-x1', 'not a date', '10', 'paid'
UNION ALL SELECT '', 'ord-x2', '2025-06-01', '10', 'paid'
UNION ALL SELECT 'cust-2', 'ord-x3', '2025-06-01', '1,234.50', 'paid'`,
		audience: `-- The audience: customers of the target segments (Settings).
CREATE OR REPLACE TABLE marketing.wh_audience AS
SELECT customer_id, segment FROM marketing.wh_rfm WHERE segment IN UNNEST(SPLIT(@segments, ','))`,
		outcomes: (unit) => `-- Stands in for the campaign's results (replace with your conversions): one row per customer of the
-- audience with its arm, whether it bought within the window, revenue, and last year's spend (CUPED).
CREATE OR REPLACE TABLE marketing.wh_outcomes AS
SELECT customer_id, arm, pre_revenue,
       IF(u < IF(arm = 'treatment', 0.14, 0.08), 1, 0) AS converted,
       IF(u < IF(arm = 'treatment', 0.14, 0.08), ROUND(20 + u * 400 + pre_revenue / 20, 2), 0) AS revenue
FROM (
  SELECT a.customer_key AS customer_id, a.arm, r.monetary AS pre_revenue, ${unit("CONCAT('outcome:', a.customer_key)")} AS u
  FROM marketing.wh_assignments a
  JOIN marketing.wh_rfm r ON r.customer_id = a.customer_key
)`,
		treatment: "-- Who gets the campaign: the treatment arm (read these rows in batches into your ESP step).\nSELECT COUNT(*) AS treatment_customers FROM marketing.wh_assignments WHERE arm = 'treatment'",
		// Loop Over Items, one statement a turn; an If sends a statement with values to the step that
		// binds @params, one without to the step that binds nothing. Both go back to the loop, whose
		// "done" output gives every statement's rows.
		loop: (t, name, [col, row]) => {
			const what = name.replace(/^Run | SQL$/g, '');
			const loop = `Each ${what} Statement`;
			const check = `${what} Values?`;
			const bare = `${name} (no values)`;
			const base = CLOUD_PROPENSITY.BigQuery;
			// A statement returning no rows still yields an item, so the loop goes on.
			const step = (stepName, pairs, cell) => t.node(stepName, base.type, base.version, { ...base.params(pairs), sqlQuery: '={{ $json.sql }}' }, cell, { alwaysOutputData: true });
			t.node(loop, 'splitInBatches', 3, { batchSize: 1, options: {} }, [col, row]);
			t.node(check, 'if', 2.2, {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [{ id: uuid(`${t.file}:${check}`), leftValue: '={{ $json.parameters.length }}', rightValue: 0, operator: { type: 'number', operation: 'gt' } }],
					combinator: 'and',
				},
				options: {},
			}, [col, row + 1]);
			step(name, [['params', '={{ JSON.stringify($json.parameters) }}']], [col + 1, row + 1]);
			step(bare, [], [col + 2, row + 1]);
			t.connect(loop, check, 1).connect(check, name, 0).connect(check, bare, 1).connect(name, loop).connect(bare, loop);
			return { entry: loop, exit: loop, output: 0, steps: [loop, check, name, bare] };
		},
		hash: 'MD5, as the node\'s md5 mode (not FARM_FINGERPRINT)',
		note: ' One parameter, `params`, holds the values; **Each ... Statement** runs one at a time.',
	},
	Snowflake: {
		file: 'warehouse-rfm-campaign-snowflake.json',
		dialect: 'snowflake',
		unit: (text) => `TO_NUMBER(SUBSTR(MD5(${text}), 1, 8), 'XXXXXXXX') / 4294967296.0`,
		sampleOrders: (unit) => `-- Sample orders (replace this step with your own orders table): 2,000 customers, seeded, with
-- cancellations, refunds and a few rows no reader accepts.
CREATE OR REPLACE TABLE marketing.wh_orders AS
WITH customers AS (
  SELECT i, ${unit("'customer:' || i")} AS u
  FROM (SELECT SEQ4() + 1 AS i FROM TABLE(GENERATOR(ROWCOUNT => 2000)))
), lines AS (
  SELECT c.i, g.k, ${unit("'order:' || c.i || ':' || g.k")} AS v
  FROM customers c JOIN (SELECT SEQ4() + 1 AS k FROM TABLE(GENERATOR(ROWCOUNT => 11))) g ON g.k <= 1 + FLOOR(c.u * c.u * 10)
)
SELECT 'cust-' || i AS customer_id,
       'ord-' || i || '-' || k AS order_id,
       TO_VARCHAR(DATEADD(minute, FLOOR(v * 525600), '2025-01-01 00:00:00'::TIMESTAMP_NTZ), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ordered_at,
       TO_VARCHAR(ROUND(5 + v * 195, 2), 'FM9990.00') AS amount,
       CASE WHEN v < 0.03 THEN 'cancelled' WHEN v > 0.97 THEN 'refunded' ELSE 'paid' END AS status
FROM lines
UNION ALL SELECT 'cust-1', 'ord-x1', 'not a date', '10', 'paid'
UNION ALL SELECT '', 'ord-x2', '2025-06-01', '10', 'paid'
UNION ALL SELECT 'cust-2', 'ord-x3', '2025-06-01', '1,234.50', 'paid'`,
		audience: `-- The audience: customers of the target segments (Settings).
CREATE OR REPLACE TABLE marketing.wh_audience AS
SELECT customer_id, segment FROM marketing.wh_rfm WHERE ARRAY_CONTAINS(TO_VARIANT(segment), SPLIT(:1, ','))`,
		outcomes: (unit) => `-- Stands in for the campaign's results (replace with your conversions): one row per customer of the
-- audience with its arm, whether it bought within the window, revenue, and last year's spend (CUPED).
CREATE OR REPLACE TABLE marketing.wh_outcomes AS
SELECT customer_id, arm, pre_revenue,
       IFF(u < IFF(arm = 'treatment', 0.14, 0.08), 1, 0) AS converted,
       IFF(u < IFF(arm = 'treatment', 0.14, 0.08), ROUND(20 + u * 400 + pre_revenue / 20, 2), 0) AS revenue
FROM (
  SELECT a.customer_key AS customer_id, a.arm, r.monetary AS pre_revenue, ${unit("'outcome:' || a.customer_key")} AS u
  FROM marketing.wh_assignments a
  JOIN marketing.wh_rfm r ON r.customer_id = a.customer_key
)`,
		treatment: "-- Who gets the campaign: the treatment arm (read these rows in batches into your ESP step).\nSELECT COUNT(*) AS \"treatment_customers\" FROM marketing.wh_assignments WHERE arm = 'treatment'",
		// One statement per item, its values bound positionally (:1, :2, ...): an array binds as it is.
		run: { query: '={{ $json.sql }}', options: { queryReplacement: '={{ $json.parameters }}' } },
		hash: 'MD5 (the node\'s md5 mode, hex digits read with TO_NUMBER(..., \'XXXXXXXX\'))',
	},
};

function cloudRfmCampaign(warehouse) {
	const w = CLOUD_RFM[warehouse];
	const base = CLOUD_PROPENSITY[warehouse];
	const t = new Template(
		w.file,
		`Warehouse RFM campaign: ${warehouse} RFM -> holdout -> send -> lift`,
		`RFM segments, the holdout split and the lift statistics computed inside ${warehouse} from SQL the nodes generate (Compute RFM, Split Holdout and Measure Lift, operation Generate SQL, dialect ${warehouse}), run by n8n's ${warehouse} node: only statements, segment counts and a few statistics pass through n8n, so it scales with the warehouse. Makes its own sample orders in ${warehouse}.`,
	);
	const q = (name, sql, pairs, cell) => t.node(name, base.type, base.version, { ...base.params(pairs), [base.sqlKey]: sql }, cell);
	const runs = rfmCampaignSteps(t, {
		dialect: w.dialect,
		generateSql: w.generateSql,
		query: q,
		runStatements: (name, cell) => {
			if (w.loop) return w.loop(t, name, cell);
			const params = base.params([]);
			t.node(name, base.type, base.version, { ...params, ...w.run, options: { ...params.options, ...w.run.options } }, cell);
		},
		sampleOrders: w.sampleOrders(w.unit),
		audience: w.audience,
		treatment: w.treatment,
		outcomes: w.outcomes(w.unit),
	});
	t.note(`## Warehouse RFM campaign (${warehouse})\nEverything heavy runs in ${warehouse}: the nodes write SQL in its dialect, the ${warehouse} steps run it, one statement per item with its values bound, never pasted into the text. The holdout hash is ${w.hash}. **Settings**: the campaign (the holdout salt), the control share and the segments to target. **Sample Orders** makes seeded sample orders in a \`marketing\` ${warehouse === 'BigQuery' ? 'dataset' : 'schema'}; point **RFM SQL** at your own orders table instead. Connect a ${base.type === 'snowflake' ? 'Snowflake' : 'Google BigQuery'} credential to every ${warehouse} step before the first run.${w.note ?? ''}`, ['Run Now', 'Settings', 'Sample Orders']);
	rfmCampaignNotes(t, runs);
	return t;
}

function cloudPropensity(warehouse) {
	const w = CLOUD_PROPENSITY[warehouse];
	const t = new Template(
		w.file,
		`Warehouse propensity: ${warehouse} orders -> train -> model in ${warehouse} -> nightly scores`,
		`The warehouse propensity flow on ${warehouse}: RFM features and the label computed in ${warehouse}, the model JSON and metrics stored there, every customer scored nightly with the latest model and the scores merged back.`,
	);
	const q = (name, sql, pairs, cell) => t.node(name, w.type, w.version, { ...w.params(pairs), [w.sqlKey]: sql }, cell);
	t.node('Train Now', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Settings', 'set', 3.4, settings({ cutoff: '2025-04-01T00:00:00Z', horizonDays: 90 }), [1, 0]);
	q(
		'Training Data',
		`WITH features AS (\n${w.features(w.cutoff)}\n),\nbuyers AS (\n  SELECT DISTINCT customer_id FROM marketing.orders WHERE amount > 0 AND ${w.label}\n)\nSELECT f.*, IFF_OR_IF\nFROM features f LEFT JOIN buyers b ON b.customer_id = f.customer_id`.replace(
			'IFF_OR_IF',
			warehouse === 'BigQuery' ? 'IF(b.customer_id IS NULL, 0, 1) AS bought' : 'IFF(b.customer_id IS NULL, 0, 1) AS "bought"',
		),
		warehouse === 'BigQuery'
			? [['cutoff', `={{ ${S('cutoff')} }}`], ['horizon_days', `={{ String(${S('horizonDays')}) }}`]]
			: [['1', `={{ ${S('cutoff')} }}`], ['2', `={{ ${S('horizonDays')} }}`]],
		[2, 0],
	);
	t.ours('Train Model', 'scorePropensity', {
		operation: 'train',
		targetField: 'bought',
		featureFields: 'recency_days, frequency, monetary, tenure_days',
		trainOptions: { validation: 'random', validationPercent: 30, seed: 1 },
	}, [3, 0]);
	q(
		'Store Model',
		w.store,
		warehouse === 'BigQuery'
			? [['model_id', '={{ $json.modelId }}'], ['metrics', '={{ JSON.stringify({ training: $json.training, validation: $json.validation }) }}'], ['model', '={{ JSON.stringify($json.model) }}']]
			: [['1', '={{ $json.modelId }}'], ['2', '={{ JSON.stringify({ training: $json.training, validation: $json.validation }) }}'], ['3', '={{ JSON.stringify($json.model) }}']],
		[4, 0],
	);
	t.node('Every Night 04:00', 'scheduleTrigger', 1.4, { rule: { interval: [{ field: 'days', triggerAtHour: 4 }] } }, [4, 3]);
	q('Customers to Score', w.features(w.now), [], [5, 2]);
	q('Latest Model', w.latest, [], [5, 3]);
	t.ours('Score Customers', 'scorePropensity', {
		operation: 'score',
		modelSource: 'input',
		modelField: 'model',
		outputField: 'propensity',
		scoreOptions: { decileBasis: 'training' },
	}, [6, 2]);
	t.node('Scores as Rows', 'code', 2, code(`// Every score as one item, merged in one statement.
return [{ json: { rows: $input.all().map(({ json }) => ({ customer_id: String(json.customer_id), model_id: json.propensity.modelId,
  score: json.propensity.probability, decile: json.propensity.decile, tier: json.propensity.tier })) } }];`), [7, 2]);
	q('Merge Scores', w.write, warehouse === 'BigQuery' ? [['rows', '={{ JSON.stringify($json.rows) }}']] : [['1', '={{ JSON.stringify($json.rows) }}']], [8, 2]);
	t.connect('Train Now', 'Settings').connect('Settings', 'Training Data').connect('Training Data', 'Train Model').connect('Train Model', 'Store Model');
	t.connect('Store Model', 'Customers to Score').connect('Store Model', 'Latest Model');
	t.connect('Every Night 04:00', 'Customers to Score').connect('Every Night 04:00', 'Latest Model');
	t.connect('Customers to Score', 'Score Customers', 0, 0).connect('Latest Model', 'Score Customers', 0, 1);
	t.connect('Score Customers', 'Scores as Rows', 0).connect('Scores as Rows', 'Merge Scores');
	t.note(`## Train (by hand)\n**Settings**: the cut-off and the label window in days. Tables as in \`templates/sql/postgres-schema.sql\`, in a \`marketing\` ${warehouse === 'BigQuery' ? 'dataset (model and metrics as JSON columns)' : 'schema (model and metrics as VARIANT)'}.`, ['Train Now', 'Settings']);
	t.note(`## 1. Train on ${warehouse} orders\nRFM features as of the cut-off and the label computed in ${warehouse}; logistic regression with a 30% validation split; the model JSON and its AUC / top-decile lift stored in \`marketing.propensity_models\`.`, [
		'Training Data', 'Train Model', 'Store Model',
	]);
	t.note('## 2. Score nightly\nEvery night (and right after training): today\'s features, the latest stored model, probability, decile and tier per customer, merged into `marketing.propensity_scores`.', [
		'Every Night 04:00', 'Customers to Score', 'Latest Model', 'Score Customers', 'Scores as Rows', 'Merge Scores',
	]);
	return t;
}

// The smallest start: sample customers made in the workflow -> Split Holdout.
const SAMPLE_CUSTOMERS = `// 2,000 fictional customers, made here (the same on every run; templates/sample-data/customers.csv
// holds the same rows). Replace this step with your audience: any items with a customer ID.
return (${sourceOf('sampleCustomers')})().map((json) => ({ json }));`;

function holdoutDemo() {
	const t = new Template(
		'holdout-demo.json',
		'Holdout split of sample customers',
		'The smallest possible start: 2,000 sample customers made inside the workflow, and Split Holdout sends 90% to Treatment and holds 10% out as Control, deterministically by customer. No credentials, no files: runs as imported.',
	);
	t.node('Start', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Settings', 'set', 3.4, settings({ campaign: 'demo-spring-campaign', controlPercent: 10 }), [1, 0]);
	t.node('Sample Customers', 'code', 2, code(SAMPLE_CUSTOMERS), [2, 0]);
	t.ours('Split Holdout', 'splitHoldout', {
		customerIdField: 'customer_id',
		campaignSalt: `={{ ${S('campaign')} }}`,
		mode: 'treatmentControl',
		controlPercent: `={{ ${S('controlPercent')} }}`,
		hashMode: 'md5',
		options: {},
	}, [3, 0]);
	t.connect('Start', 'Settings').connect('Settings', 'Sample Customers').connect('Sample Customers', 'Split Holdout');
	t.note(
		'## Holdout split\nRuns as imported. **Settings**: the campaign name (the split\'s salt) and the control share. **Sample Customers** makes 2,000 customers; put your audience there instead. **Split Holdout** sends 90% to *Treatment* and holds 10% out as *Control*, by a hash of `customer_id` salted with the campaign name: the same customer lands in the same group on every run. Each item gains `holdout.arm`, `holdout.bucket` and the sample-ratio check `holdout.srm`. Connect your send step to *Treatment* only, and log both outputs to measure lift later.',
		['Start', 'Settings', 'Sample Customers', 'Split Holdout'],
	);
	return t;
}

// Households: a mailing list with families -> Resolve Identity (households) -> one offer per
// household -> the household in one holdout arm -> a mailing file.
const SAMPLE_MAILING_LIST = `// A sample mailing list, made here (the same on every run): families at one address who share a
// surname, a landline and sometimes a family mailbox; people seen in the CRM and on the web;
// namesakes elsewhere; a few opt-outs. Replace this step with your CRM or warehouse.
return (${sourceOf('householdSampleData')})().map((json) => ({ json }));`;

const HOUSEHOLD_AUDIENCE = `// One item per customer: name, email and address from the first of their records, their household,
// and their consent (an opt-out on any of their records wins).
const byCustomer = new Map();
$input.all().forEach(({ json }, i) => {
  const c = byCustomer.get(json.customerId);
  if (!c) {
    byCustomer.set(json.customerId, { item: i, json: { customerId: json.customerId, householdId: json.householdId, firstName: json.firstName,
      lastName: json.lastName, email: json.email, address: json.address, city: json.city, postcode: json.postcode, country: json.country, consent: json.consent } });
  } else if (json.consent === 'opted_out') c.json.consent = 'opted_out';
});
return [...byCustomer.values()].map(({ item, json }) => ({ json, pairedItem: { item } }));`;

function householdMailing() {
	const t = new Template(
		'household-mailing-demo.json',
		'Household mailing: one offer per household, households kept together in the holdout (sample data, no accounts)',
		'Direct-mail style: a mailing list with families at one address (sample data made inside the workflow), Resolve Identity with household matching, Apply Suppression with Max Per Household 1 (one catalogue per letterbox), Split Holdout randomized by household (a family is never split between treatment and control), and a CSV mailing file of the treatment households. Runs as imported.',
	);
	t.node('Run Demo', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Settings', 'set', 3.4, settings({ campaign: 'autumn-catalogue', controlPercent: 20, maxPerHousehold: 1 }), [1, 0]);
	t.node('Sample Mailing List', 'code', 2, code(SAMPLE_MAILING_LIST), [2, 0]);
	t.ours('Resolve Identity', 'resolveIdentity', {
		mode: 'probabilistic',
		households: 'addressSurname',
		recordFields: { recordKeyField: 'id', sourceField: 'source', addressField: 'address', cityField: 'city', postcodeField: 'postcode', countryField: 'country' },
		options: { defaultRegion: 'US' },
	}, [3, 0]);
	t.node('One Item per Customer', 'code', 2, code(HOUSEHOLD_AUDIENCE), [4, 0]);
	t.ours('Apply Suppression', 'applySuppression', {
		channel: 'email',
		audienceFields: { customerIdField: 'customerId', emailField: 'email', householdIdField: 'householdId', consentField: 'consent', countryField: 'country' },
		rules: { maxPerHousehold: `={{ ${S('maxPerHousehold')} }}` },
		options: {},
	}, [5, 0]);
	holdoutOnOneOutput(t, { customerIdField: 'customerId', household: true }, [6, 0]);
	treatmentOnly(t, [7, 0]);
	t.node('Mailing File', 'convertToFile', 1.1, { operation: 'csv', options: { fileName: `={{ ${S('campaign')} }}-mailing.csv` } }, [8, 0]);
	t.connect('Run Demo', 'Settings').connect('Settings', 'Sample Mailing List').connect('Sample Mailing List', 'Resolve Identity');
	t.connect('Resolve Identity', 'One Item per Customer', 0).connect('One Item per Customer', 'Apply Suppression');
	t.connect('Apply Suppression', 'Split Holdout', 0).connect('Split Holdout', 'Treatment Only').connect('Treatment Only', 'Mailing File');
	t.note('## Household mailing\nRuns as imported, no accounts. **Settings**: campaign (the holdout salt), control share, people per household.', ['Run Demo', 'Settings']);
	t.note('## 1. Households\nSample records with families. **Resolve Identity** keeps family members apart (one customer ID each) and groups them by full address and surname into a `householdId`.', [
		'Sample Mailing List', 'Resolve Identity',
	]);
	t.note('## 2. One per letterbox\nOne item per customer; **Apply Suppression** drops opt-outs and, with *Max Per Household* 1, keeps the first person of each household: one catalogue per letterbox.', [
		'One Item per Customer', 'Apply Suppression',
	]);
	t.note('## 3. Holdout by household\n*Randomize By* Household: a family lands in one arm, so a catalogue read by the whole household never reaches the control group and the lift is not diluted.', ['Split Holdout']);
	t.note('## 4. Mailing file\nTreatment households as CSV for the printer. Log every `holdout.arm` too, to measure the lift later.', ['Treatment Only', 'Mailing File']);
	return t;
}

// ---------------------------------------------------------------------------------------------------
// 8. Uplift targeting: last campaign's arms and outcomes -> Score Uplift (Train) -> this campaign's
//    audience scored -> Persuadables only -> Apply Suppression -> Split Holdout (keeps a control)
//    -> send. Runs on the bundled sample customers and opt-outs; the last campaign is simulated.
// ---------------------------------------------------------------------------------------------------
// Stands in for the warehouse query of the last campaign (arm from its Split Holdout log, outcome
// from conversions): a deterministic 50/50 split and outcomes whose effect depends on the segment.
const LAST_CAMPAIGN_SIMULATION = `// Replace this step with your warehouse query: one row per customer of the last campaign with
// its arm (treatment / control, as Split Holdout logged it), its outcome (converted 1/0) and features.
// Here the last campaign is simulated on the sample customers, with known effects per RFM segment.
const campaign = $('Settings').first().json.lastCampaign;
const fnv = (s) => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; } return h; };
const uniform = (key) => (fnv(campaign + ':' + key) + 0.5) / 4294967296;
// [P(converted | control), P(converted | treated)]: At Risk and Hibernating are persuadable,
// Champions and Loyal buy anyway, New rarely buys, Potential Loyalists are put off by the email.
const rates = { 'At Risk': [0.05, 0.3], Hibernating: [0.05, 0.3], Champions: [0.6, 0.6], Loyal: [0.6, 0.6], New: [0.03, 0.03], 'Potential Loyalist': [0.35, 0.1] };
return $input.all().map(({ json }, i) => {
  const arm = uniform('arm:' + json.customer_id) < 0.5 ? 'treatment' : 'control';
  const [control, treated] = rates[json.segment] || [0.1, 0.1];
  const converted = uniform('outcome:' + json.customer_id) < (arm === 'treatment' ? treated : control) ? 1 : 0;
  return { json: { customer_id: json.customer_id, segment: json.segment, country: json.country, arm, converted }, pairedItem: { item: i } };
});`;

const SAMPLE_UPLIFT_OPTOUTS = `// Opt-outs, made here from the sample customers (every 40th unsubscribed). Replace this step
// with your ESP's suppression list or unsubscribe log.
return (${sourceOf('sampleCustomers')})()
  .filter((customer, i) => i % 40 === 7)
  .map((customer) => ({ json: { email: customer.email, phone: '', reason: 'unsubscribe', channel: 'email' } }));`;

function upliftTargeting() {
	const t = new Template(
		'uplift-targeting-demo.json',
		'Uplift targeting: last campaign -> Score Uplift -> Persuadables only -> suppression -> holdout -> send',
		'Targets by incrementality: an uplift model trained on the last campaign\'s treatment and control outcomes scores this campaign\'s audience; only Persuadables go on, through Apply Suppression, to a Split Holdout that still keeps a control group, so the uplift targeting itself is measured. Sample customers and opt-outs are made inside the workflow and the last campaign is simulated in one step (replace it with a warehouse query). Runs as imported, no credentials.',
	);
	t.node('Run Now', 'manualTrigger', 1, {}, [0, 0]);
	t.node('Settings', 'set', 3.4, settings({ lastCampaign: 'winter-2025', nextCampaign: 'spring-2026', controlPercent: 10 }), [1, 0]);
	t.node('Sample Customers', 'code', 2, code(SAMPLE_CUSTOMERS), [2, 0]);
	t.node('Last Campaign Results', 'code', 2, code(LAST_CAMPAIGN_SIMULATION), [3, 0]);
	t.ours('Train Uplift Model', 'scoreUplift', {
		operation: 'train',
		treatmentField: 'arm',
		treatedValue: 'treatment',
		controlValue: 'control',
		targetField: 'converted',
		featureFields: 'segment, country',
		trainOptions: { validation: 'random', validationPercent: 30, seed: 1, minUplift: 0.1 },
	}, [5, 0]);
	t.ours('Score This Audience', 'scoreUplift', { operation: 'score', modelSource: 'input', modelField: 'model', outputField: 'uplift', scoreOptions: { topContributions: 2 } }, [6, 1]);
	t.node('Persuadables Only', 'code', 2, code(`// Only customers the email is predicted to win over; Sure Things, Lost Causes and Do Not Disturb stay out.
return $input.all().filter(({ json }) => json.uplift.segment === 'Persuadable');`), [7, 1]);
	t.node('Sample Opt-Outs', 'code', 2, code(SAMPLE_UPLIFT_OPTOUTS), [8, 2]);
	t.ours('Apply Suppression', 'applySuppression', {
		channel: 'email',
		audienceFields: { customerIdField: 'customer_id', emailField: 'email', countryField: 'country' },
		listFields: { emailField: 'email', phoneField: 'phone', reasonField: 'reason', scopeField: 'channel' },
		options: {},
	}, [8, 1]);
	t.ours('Split Holdout', 'splitHoldout', {
		customerIdField: 'customer_id',
		campaignSalt: `={{ ${S('nextCampaign')} }}`,
		mode: 'treatmentControl',
		controlPercent: `={{ ${S('controlPercent')} }}`,
		hashMode: 'md5',
		options: {},
	}, [9, 1]);
	t.node('Send (Connect Your ESP)', 'noOp', 1, {}, [10, 0]);
	t.node('Control: Not Sent', 'noOp', 1, {}, [10, 2]);
	t.connect('Run Now', 'Settings').connect('Settings', 'Sample Customers');
	t.connect('Sample Customers', 'Last Campaign Results').connect('Last Campaign Results', 'Train Uplift Model');
	t.connect('Sample Customers', 'Score This Audience', 0, 0).connect('Train Uplift Model', 'Score This Audience', 0, 1);
	t.connect('Score This Audience', 'Persuadables Only', 0).connect('Persuadables Only', 'Apply Suppression', 0, 0);
	t.connect('Settings', 'Sample Opt-Outs').connect('Sample Opt-Outs', 'Apply Suppression', 0, 1);
	t.connect('Apply Suppression', 'Split Holdout', 0).connect('Split Holdout', 'Send (Connect Your ESP)', 0).connect('Split Holdout', 'Control: Not Sent', 1);
	t.note('## Uplift targeting\nRuns as imported, no accounts, no files. **Settings**: the campaigns (the next one salts the holdout) and the control share.', ['Run Now', 'Settings']);
	t.note('## 1. Last campaign: arms and outcomes\nIn production a warehouse query: each customer of the last campaign with `arm` (as Split Holdout logged it), `converted` and features. Here simulated on the sample customers with known effects per segment.', ['Sample Customers', 'Last Campaign Results']);
	t.note('## 2. Train the uplift model\nTwo logistic models (treated, control) on 70% of the rows, Qini and uplift@30% on the other 30%. The model travels as an item.', ['Train Uplift Model']);
	t.note('## 3. Score, keep Persuadables\nPredicted uplift, both arm probabilities and a segment per customer; only *Persuadable* goes on (predicted uplift at least 0.1).', ['Score This Audience', 'Persuadables Only']);
	t.note('## 4. Suppress and hold out\nOpt-outs leave by *Suppressed*. Split Holdout keeps 10% of the Persuadables as a control group, so the next lift report measures the uplift targeting itself.', ['Sample Opt-Outs', 'Apply Suppression', 'Split Holdout']);
	t.note('## 5. Send\nReplace **Send** with your ESP node (SendGrid, Mailchimp, ...) and log both arms as the campaign-with-holdout template does.', ['Send (Connect Your ESP)', 'Control: Not Sent']);
	return t;
}

// ---------------------------------------------------------------------------------------------------
// 9. Flagship at scale (issue #19): the flagship chain in File mode, file to file, on files in a
//    folder (Settings) or, with no folder, on sample files the workflow makes itself.
// ---------------------------------------------------------------------------------------------------
// The same generator as `npm run bench:n8n -- --workflows pipeline` (bench/pipeline-data.js), its
// source copied into the Code step (the whole function, up to its closing brace at column 0).
function pipelineFilesSource() {
	const text = require('node:fs').readFileSync(path.resolve(__dirname, '..', 'bench', 'pipeline-data.js'), 'utf8');
	const start = text.indexOf('\nfunction pipelineFiles(');
	return text.slice(start + 1, text.indexOf('\n}\n', start) + 2);
}
const SAMPLE_FILES = () => `// With no Folder in Settings: the four files, made here (seeded, the same rows on every run), as
// binary files like the ones Read Files makes: identity.csv, transactions.csv, optouts.csv, outcomes.csv.
const parts = {};
(${pipelineFilesSource()})($('Settings').first().json.sampleCustomers, (name, text) => { (parts[name] ??= []).push(text); });
return Object.entries(parts).map(([fileName, texts]) => ({
  json: { fileName },
  binary: { data: { data: Buffer.from(texts.join('')).toString('base64'), mimeType: 'text/csv', fileName, fileExtension: 'csv' } },
}));`;

function flagshipAtScale() {
	const t = new Template(
		'flagship-at-scale-files.json',
		'Flagship at scale: identity -> RFM -> propensity -> suppression -> holdout -> lift, file to file',
		'The flagship chain for 100k to millions of customers: every step reads a CSV file and writes one (Input = File, Output = File), so no customer becomes an n8n item and nothing large is saved with the execution. Reads identity.csv, transactions.csv, optouts.csv and outcomes.csv from the folder set in Settings; with no folder it makes small sample files itself (runs as imported). Run n8n with N8N_DEFAULT_BINARY_DATA_MODE=filesystem.',
	);
	const file = { inputSource: 'file', outputTarget: 'file' };
	const isFile = (name, fileName, cell) => t.node(name, 'filter', 2.2, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [{ id: uuid(`${t.file}:${fileName}`), leftValue: '={{ $json.fileName }}', rightValue: fileName, operator: { type: 'string', operation: 'equals' } }],
			combinator: 'and',
		},
		options: {},
	}, cell);
	t.node('Run Now', 'manualTrigger', 1, {}, [0, 2]);
	t.node('Settings', 'set', 3.4, settings({
		folder: '',
		sampleCustomers: 2000,
		campaign: 'spring-2025',
		asOf: '2025-01-01',
		controlPercent: 10,
	}), [1, 2]);
	t.node('Folder Set?', 'if', 2.2, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [{ id: uuid(`${t.file}:folder-set`), leftValue: '={{ $json.folder }}', rightValue: '', operator: { type: 'string', operation: 'notEmpty', singleValue: true } }],
			combinator: 'and',
		},
		options: {},
	}, [2, 2]);
	t.node('Read Files', 'readWriteFile', 1.1, { operation: 'read', fileSelector: `={{ ${S('folder')}.replace(/\\/+$/, '') }}/*.csv`, options: {} }, [3, 1]);
	t.node('Sample Files', 'code', 2, code(SAMPLE_FILES()), [3, 3]);
	isFile('Identity File', 'identity.csv', [4, 0]);
	isFile('Transactions File', 'transactions.csv', [4, 1]);
	isFile('Outcomes File', 'outcomes.csv', [4, 3]);
	isFile('Opt-Out File', 'optouts.csv', [4, 4]);
	t.ours('Resolve Identity', 'resolveIdentity', {
		mode: 'probabilistic',
		rules: 'email, phone',
		recordFields: { recordKeyField: 'recordKey', sourceField: 'source', emailField: 'email', phoneField: 'phone', firstNameField: 'firstName', lastNameField: 'lastName', postcodeField: 'postcode', updatedAtField: 'updatedAt' },
		options: { defaultRegion: 'US', strategy: 'sourcePriority', sourcePriority: 'crm, esp, orders' },
		...file,
	}, [5, 0]);
	t.ours('Compute RFM', 'computeRfm', {
		customerIdField: 'customerId',
		timestampField: 'date',
		amountField: 'amount',
		orderIdField: 'orderId',
		options: { asOf: `={{ ${S('asOf')} }}` },
		...file,
	}, [5, 1]);
	t.ours('Train Model', 'scorePropensity', {
		operation: 'train',
		targetField: 'converted',
		featureFields: 'recencyDays, frequency, monetary',
		trainOptions: { validation: 'random', validationPercent: 30, seed: 1 },
		inputSource: 'file',
	}, [5, 3]);
	t.ours('Measure Lift', 'measureLift', {
		inputFormat: 'rows',
		armField: 'arm',
		controlArm: 'control',
		metrics: { metric: [{ field: 'converted', kind: 'binary' }, { field: 'revenue', kind: 'continuous' }] },
		confidence: 95,
		options: {},
		inputSource: 'file',
	}, [5, 4]);
	t.ours('Score Customers', 'scorePropensity', { operation: 'score', modelSource: 'input', modelField: 'model', outputField: 'propensity', scoreOptions: {}, ...file }, [6, 2]);
	t.ours('Apply Suppression', 'applySuppression', {
		channel: 'push',
		audienceFields: { customerIdField: 'customerId' },
		listFields: { customerIdField: 'customerId', emailField: 'email', reasonField: 'reason' },
		options: {},
		...file,
	}, [7, 2]);
	holdoutOnOneOutput(t, { customerIdField: 'customerId' }, [8, 2]);
	Object.assign(t.nodes.at(-1).parameters, file);

	t.connect('Run Now', 'Settings').connect('Settings', 'Folder Set?').connect('Folder Set?', 'Read Files', 0).connect('Folder Set?', 'Sample Files', 1);
	for (const source of ['Read Files', 'Sample Files']) {
		for (const name of ['Identity File', 'Transactions File', 'Outcomes File', 'Opt-Out File']) t.connect(source, name);
	}
	// The CRM rows' customer numbers seed the persistent IDs (the Previous Identity Map input), so
	// orders and the do-not-contact list, keyed by that number, need no join with identity's output.
	t.connect('Identity File', 'Resolve Identity', 0, 0).connect('Identity File', 'Resolve Identity', 0, 1);
	t.connect('Transactions File', 'Compute RFM').connect('Outcomes File', 'Train Model').connect('Outcomes File', 'Measure Lift');
	t.connect('Compute RFM', 'Score Customers', 0, 0).connect('Train Model', 'Score Customers', 0, 1);
	t.connect('Score Customers', 'Apply Suppression', 0, 0).connect('Opt-Out File', 'Apply Suppression', 0, 1);
	t.connect('Apply Suppression', 'Split Holdout', 0);

	t.note('## Flagship at scale\nFile to file: no customer becomes an item. **Settings**: *folder* with identity.csv, transactions.csv, optouts.csv and outcomes.csv (inside N8N_RESTRICT_FILE_ACCESS_TO, by default `~/.n8n-files`); empty makes *sampleCustomers* sample customers. Run n8n with `N8N_DEFAULT_BINARY_DATA_MODE=filesystem`.', ['Run Now', 'Settings']);
	t.note('## 1. Files\n**Read Files** reads the folder\'s CSV files (or **Sample Files** makes them); one filter per file by name. Columns: identity `recordKey, source, customerId` (CRM rows only), `email, phone, firstName, lastName, postcode, updatedAt`; transactions `customerId, orderId, date, amount`; optouts `customerId, email, reason`; outcomes `customerId, arm, converted, revenue, recencyDays, frequency, monetary`.', [
		'Folder Set?', 'Read Files', 'Sample Files', 'Identity File', 'Transactions File', 'Outcomes File', 'Opt-Out File',
	]);
	t.note('## 2. Identity, RFM, model\n**Resolve Identity**: CRM, ESP and shop records to persistent IDs, seeded from the CRM customer numbers (its second input: the same file), so orders keyed by that number need no join; golden profiles and the identity map come out as files. **Compute RFM** on the orders; **Train Model** on the last campaign\'s outcomes; **Measure Lift** of that campaign.', [
		'Resolve Identity', 'Compute RFM', 'Train Model', 'Measure Lift',
	]);
	t.note('## 3. Audience\nThe RFM customers file is scored, suppressed by customer number (the do-not-contact list; channel push: the file has no email) and split, each step writing a file. Write **Split Holdout**\'s file to disk or storage for the send and the next lift report.', [
		'Score Customers', 'Apply Suppression', 'Split Holdout',
	]);
	return t;
}

const templates = [
	oneClickUnsubscribe(),
	warehousePropensity(),
	cloudPropensity('BigQuery'),
	cloudPropensity('Snowflake'),
	flagship(),
	unify(),
	crmToEsp(),
	campaignWithHoldout(),
	liftReport({ file: 'lift-report-postgres.json', name: 'Lift report: Postgres -> Measure Lift -> Slack', warehouse: 'PostgreSQL' }),
	liftReport({ file: 'lift-report-bigquery.json', name: 'Lift report: BigQuery -> Measure Lift -> Slack', warehouse: 'BigQuery' }),
	liftReport({ file: 'lift-report-snowflake.json', name: 'Lift report: Snowflake -> Measure Lift -> Slack', warehouse: 'Snowflake' }),
	holdoutDemo(),
	householdMailing(),
	upliftTargeting(),
	warehouseRfmCampaign(),
	cloudRfmCampaign('BigQuery'),
	cloudRfmCampaign('Snowflake'),
	flagshipAtScale(),
];

// The catalog section of templates/README.md, from the templates themselves.
const CREDENTIALS = {
	postgres: 'Postgres',
	googleBigQuery: 'Google BigQuery (service account or OAuth2)',
	snowflake: 'Snowflake',
	slack: 'Slack API',
	sendGrid: 'SendGrid API',
	mailchimp: 'Mailchimp (API key or OAuth2)',
	hubspot: 'HubSpot (app token or OAuth2)',
	salesforce: 'Salesforce (OAuth2 or JWT)',
	sendInBlue: 'Brevo API',
	httpRequest: 'per destination (HTTP Request)',
	propagateOptOut: 'one per destination chosen in Propagate Opt-Out (this pack\'s HubSpot, Salesforce, Mailchimp, SendGrid, Klaviyo, Braze or signed-webhook credentials)',
};
const RUNS = {
	'warehouse-propensity-postgres.json': 'end-to-end in real n8n + PostgreSQL (`test/templates/warehouse-propensity.test.ts`)',
	'flagship-campaign-demo.json': 'imported unchanged into a fresh n8n with default settings and run on its first execution, no files copied (`test/templates/flagship.test.ts`, and `npm run demo`)',
	'holdout-demo.json': 'imported unchanged into a fresh n8n and run on its first execution (`test/templates/flagship.test.ts`)',
	'household-mailing-demo.json': 'imported unchanged into a fresh n8n and run on its first execution: one person per household, households in one arm (`test/templates/flagship.test.ts`)',
	'unify-identity-salesforce-mailchimp-postgres.json': 'end-to-end in real n8n + PostgreSQL, twice, IDs stable (`test/templates/unify.test.ts`)',
	'campaign-holdout-sendgrid.json': 'end-to-end in real n8n + PostgreSQL (`test/templates/campaign-holdout.test.ts`)',
	'uplift-targeting-demo.json': 'imported unchanged into a fresh n8n and run on its first execution (`test/templates/uplift-targeting.test.ts`)',
	'lift-report-postgres.json': 'end-to-end in real n8n + PostgreSQL (`test/templates/lift-report.test.ts`)',
	'warehouse-rfm-campaign-postgres.json': 'end-to-end in real n8n + PostgreSQL, each table checked against the nodes on the same rows (`test/templates/warehouse-rfm.test.ts`)',
	'one-click-unsubscribe-rfc8058.json': 'published and served by `n8n start` on loopback, called at `/webhook/unsubscribe` with valid, expired, revoked, tampered and injection tokens against PostgreSQL, every click that unsubscribed nobody audited as `unresolved_token`; the schema file run over the first release\'s token table keeps its links working (`test/templates/one-click-unsubscribe.test.ts`)',
	'lift-report-snowflake.json': 'query parameters bound through n8n 2.41\'s own Snowflake node code (`test/templates/warehouse-parameters.test.ts`)',
	'lift-report-bigquery.json': 'query parameters bound through n8n 2.41\'s own BigQuery node code (`test/templates/warehouse-parameters.test.ts`)',
	'warehouse-propensity-snowflake.json': 'query parameters bound through n8n 2.41\'s own Snowflake node code (`test/templates/warehouse-parameters.test.ts`)',
	'warehouse-propensity-bigquery.json': 'query parameters bound through n8n 2.41\'s own BigQuery node code (`test/templates/warehouse-parameters.test.ts`)',
	'warehouse-rfm-campaign-snowflake.json': 'every generated statement and its values bound through n8n 2.41\'s own Snowflake node code, the template\'s own SQL parsed by a Snowflake grammar (`test/templates/warehouse-parameters.test.ts`)',
	'warehouse-rfm-campaign-bigquery.json': 'every generated statement and its one JSON parameter bound through n8n 2.41\'s own BigQuery node code, each statement routed by n8n 2.41\'s own If node to the step that binds its values, the template\'s own SQL parsed by a BigQuery grammar (`test/templates/warehouse-rfm-cloud.test.ts`)',
	'flagship-at-scale-files.json': 'imported unchanged into a fresh n8n (filesystem binary mode) and run on its sample files; the same chain on 100k and 1M generated customers is `npm run bench:n8n -- --workflows pipeline` (`test/templates/flagship-at-scale.test.ts`)',
};
function credentialsOf(t) {
	return [...new Set(t.nodes.map((n) => CREDENTIALS[n.type.replace('n8n-nodes-base.', '').replace('n8n-nodes-marketing-analytics.', '')]).filter(Boolean))];
}
// Each template's first note ends with what to connect before the first run (one sentence), or
// says it runs as imported.
for (const t of templates) {
	const creds = credentialsOf(t);
	if (creds.length === 0) continue;
	const tables = JSON.stringify(t.nodes).includes('marketing.') ? ', and create the `marketing` tables of `templates/sql/postgres-schema.sql`' : '';
	t.notes[0].content += `\n**Before the first run:** pick credentials for ${creds.join(', ')}${tables}.`;
}
function catalog(list) {
	const rows = list.map((t) => {
		const json = t.toJSON();
		const creds = credentialsOf(t);
		const ours = [...new Set(json.nodes.filter((n) => n.type.startsWith('n8n-nodes-marketing-analytics.')).map((n) => n.type.split('.')[1]))];
		return [
			`### ${t.name}`,
			'',
			`[\`${t.file}\`](${t.file}): ${t.description}`,
			'',
			`- Nodes of this pack: ${ours.map((o) => `\`${o}\``).join(', ') || 'none'}`,
			`- Credentials: ${creds.join(', ') || 'none (makes its own sample data: runs as imported)'}`,
			`- Tested: import into real n8n 2.41.0${RUNS[t.file] ? `; ${RUNS[t.file]}` : ''}`,
			'',
			`![${t.name}](images/${t.file.replace(/\.json$/, '.svg')})`,
			'',
		].join('\n');
	});
	return rows.join('\n');
}

/** The catalog section of templates/README.md, markers included. */
function catalogSection(list) {
	return `<!-- CATALOG -->\n## Catalog\n\n${catalog(list)}<!-- /CATALOG -->`;
}

if (require.main === module) {
	const fs = require('node:fs');
	for (const t of templates) {
		t.write(OUT);
		process.stdout.write(`templates/${t.file}\n`);
	}
	const readme = path.join(OUT, 'README.md');
	const text = fs.readFileSync(readme, 'utf8');
	const start = text.indexOf('<!-- CATALOG -->');
	const end = text.indexOf('<!-- /CATALOG -->');
	const section = catalogSection(templates);
	fs.writeFileSync(readme, text.slice(0, start) + section + (end >= 0 ? text.slice(end + '<!-- /CATALOG -->'.length) : text.slice(start + '<!-- CATALOG -->'.length)));
	process.stdout.write('templates/README.md (catalog)\n');
}
module.exports = { templates, flagship, flagshipAtScale, upliftTargeting, Template, catalogSection };
