#!/usr/bin/env node
// `npm run test:editor`: the package in the real n8n 2.41 editor, in headless Chromium.
// Starts n8n with the packed package installed as a community package, creates the owner, opens a
// fresh copy of every node and checks that its required fields are visible and settable; for
// Propagate Opt-Out also that choosing destinations brings one labelled credential slot each.
// Screenshots go to $EDITOR_SCREENSHOTS (default /tmp/n8n-ma-editor). Needs `npm run build` first,
// Debian's chromium (`apt-get install chromium`) and puppeteer-core (a devDependency).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('./n8n-runtime.js');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = process.env.EDITOR_SCREENSHOTS || path.join(os.tmpdir(), 'n8n-ma-editor');
const PKG = 'n8n-nodes-marketing-analytics';
const OWNER = { email: 'owner@example.com', firstName: 'Editor', lastName: 'Test', password: 'Editor-test-1' };

// Per node: the labels a fresh node must show, and one text field to type into.
const NODES = [
	{ type: 'splitHoldout', name: 'Split Holdout', labels: ['Customer ID Field', 'Campaign Salt', 'Control Percentage'], type_into: 'customerIdField' },
	{ type: 'measureLift', name: 'Measure Lift', labels: ['Arm Field', 'Control Arm', 'Metrics'], type_into: 'armField' },
	{ type: 'applySuppression', name: 'Apply Suppression', labels: ['Channel', 'Lists or Brands', 'Audience Fields'], type_into: 'lists' },
	{ type: 'computeRfm', name: 'Compute RFM', labels: ['Customer ID Field', 'Date Field', 'Amount Field'], type_into: 'amountField' },
	{ type: 'resolveIdentity', name: 'Resolve Identity', labels: ['Matching', 'Identifier Rules', 'Record Fields'], type_into: 'rules' },
	{ type: 'scorePropensity', name: 'Score Propensity', labels: ['Operation', 'Target Field', 'Feature Fields'], type_into: 'featureFields' },
	{ type: 'scoreUplift', name: 'Score Uplift', labels: ['Operation', 'Treatment Field', 'Target Field', 'Feature Fields'], type_into: 'featureFields' },
	{ type: 'propagateOptOut', name: 'Propagate Opt-Out', labels: ['Destinations', 'Email Field'], type_into: 'emailField' },
];

function fail(message) {
	throw new Error(message);
}

async function waitFor(url, ms) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	fail(`n8n did not answer ${url} within ${ms / 1000} s`);
}

async function main() {
	const started = Date.now();
	const puppeteer = require('puppeteer-core');
	if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
	fs.mkdirSync(SHOTS, { recursive: true });
	runtime.ensureRuntime();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-ma-editor-'));
	const userFolder = runtime.createUserFolder({ tarball: runtime.packPackage(path.join(root, 'pack')), root: path.join(root, 'user') });
	const port = await runtime.freePort();
	const base = `http://127.0.0.1:${port}`;
	const env = await runtime.n8nEnv(userFolder, { N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_SECURE_COOKIE: 'false' });
	const n8n = spawn(runtime.paths().n8nBin, ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	n8n.stdout.on('data', (chunk) => (log += chunk));
	n8n.stderr.on('data', (chunk) => (log += chunk));
	const results = [];
	const record = (what, ok) => {
		results.push([what, ok]);
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	};
	let browser;
	try {
		await waitFor(`${base}/healthz/readiness`, 240000);
		const setup = await fetch(`${base}/rest/owner/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
		if (!setup.ok) fail(`owner setup: HTTP ${setup.status} ${await setup.text()}`);
		const cookie = (setup.headers.get('set-cookie') || '').split(';')[0];
		const api = (pathname, init = {}) => fetch(`${base}${pathname}`, { ...init, headers: { 'content-type': 'application/json', cookie, ...(init.headers || {}) } });

		const schema = await fetch(`${base}/schemas/${PKG}.splitHoldout/1.0.0.json`);
		record(`output schema served (HTTP ${schema.status})`, schema.ok);

		const nodes = NODES.map((node, i) => ({
			id: `node-${node.type}`,
			name: node.name,
			type: `${PKG}.${node.type}`,
			typeVersion: 1,
			position: [i * 240, 0],
			parameters: {},
		}));
		const created = await api('/rest/workflows', { method: 'POST', body: JSON.stringify({ name: 'Editor test', nodes, connections: {}, active: false, settings: {} }) });
		if (!created.ok) fail(`create workflow: HTTP ${created.status} ${await created.text()}`);
		const workflowId = (await created.json()).data.id;

		browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
		const page = await browser.newPage();
		// Leaving a node with edits asks "Save changes before leaving?": this test never saves.
		page.on('dialog', (dialog) => dialog.accept().catch(() => undefined));
		await page.setViewport({ width: 1440, height: 1000 });
		const [name, value] = cookie.split('=');
		await page.setCookie({ name, value, url: base });

		const visibleText = () => page.evaluate(() => document.body.innerText);
		for (const node of NODES) {
			try {
				await checkNode(node);
			} catch (error) {
				record(`${node.name}: ${error.message.split('\n')[0]}`, false);
				await page.screenshot({ path: path.join(SHOTS, `${node.type}-failed.png`) }).catch(() => undefined);
			}
		}

		async function checkNode(node) {
			// A busy machine can take minutes for the first load; the editor keeps a connection open,
			// so "network idle" may never come: go on once the node's panel shows.
			await page.goto(`${base}/workflow/${workflowId}/node-${node.type}`, { waitUntil: 'networkidle2', timeout: 90000 }).catch(() => undefined);
			await page.waitForSelector('[data-test-id="ndv"]', { visible: true, timeout: 180000 });
			await new Promise((resolve) => setTimeout(resolve, 1500));
			const text = await visibleText();
			for (const label of node.labels) record(`${node.name}: "${label}" visible`, text.includes(label));
			if (node.type_into) {
				const selector = `[data-test-id="parameter-input-${node.type_into}"] input, [data-test-id="parameter-input-${node.type_into}"] textarea`;
				const input = await page.$(selector);
				record(`${node.name}: ${node.type_into} present`, Boolean(input));
				if (input) {
					await input.click({ clickCount: 3 });
					await input.type('customer.email');
					const typed = await page.$eval(selector, (element) => element.value);
					record(`${node.name}: ${node.type_into} settable`, typed === 'customer.email');
				}
			}
			if (node.type === 'propagateOptOut') {
				await page.screenshot({ path: path.join(SHOTS, 'propagate-opt-out-fresh.png') });
				await page.click('[data-test-id="parameter-input-destinations"]');
				for (const destination of ['HubSpot', 'Salesforce']) {
					const [option] = await page.$$(`xpath/.//li[contains(@class,"el-select-dropdown__item")][normalize-space(.)="${destination}"]`);
					record(`Propagate Opt-Out: option ${destination} offered`, Boolean(option));
					if (option) await option.click();
					await new Promise((resolve) => setTimeout(resolve, 500));
				}
				await page.keyboard.press('Escape').catch(() => undefined);
				await new Promise((resolve) => setTimeout(resolve, 1500));
				const after = await visibleText();
				for (const label of ['HubSpot Credential', 'Salesforce Credential (Access Token)', 'Salesforce Authentication', 'HubSpot: connect']) {
					record(`Propagate Opt-Out after choosing HubSpot and Salesforce: "${label}" visible`, after.includes(label));
				}
				await page.screenshot({ path: path.join(SHOTS, 'propagate-opt-out-destinations.png') });
			} else {
				await page.screenshot({ path: path.join(SHOTS, `${node.type}-fresh.png`) });
			}
		}
	} finally {
		if (browser) await browser.close();
		n8n.kill('SIGTERM');
		fs.writeFileSync(path.join(SHOTS, 'n8n.log'), log);
	}
	console.log(`screenshots: ${SHOTS}`);
	console.log(`${results.filter(([, ok]) => ok).length}/${results.length} checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
	if (results.some(([, ok]) => !ok)) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
