// Draws each template's flow as SVG from the node positions in its JSON (templates/images/*.svg),
// for the catalog README. `node scripts/render-templates.js` (rsvg-convert, when present, also
// writes a PNG next to each SVG with `--png`, handy for a look in an image viewer).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const DIR = path.resolve(__dirname, '..', 'templates');
const OUT = path.join(DIR, 'images');
const W = 100;
const H = 80;

const KINDS = [
	[/^n8n-nodes-marketing-analytics\./, '#ff6d5a', '#fff'],
	[/(manualTrigger|scheduleTrigger|webhook)$/, '#7a7a7a', '#fff'],
	[/(postgres|snowflake|googleBigQuery)$/, '#336791', '#fff'],
	[/(code|merge|readWriteFile|extractFromFile|convertToFile|set|if|filter)$/, '#e8e8ee', '#333'],
];
const LABELS = {
	manualTrigger: 'Manual',
	scheduleTrigger: 'Schedule',
	webhook: 'Webhook',
	respondToWebhook: 'Respond',
	postgres: 'Postgres',
	snowflake: 'Snowflake',
	googleBigQuery: 'BigQuery',
	code: 'Code',
	merge: 'Merge',
	readWriteFile: 'Read File',
	extractFromFile: 'Extract',
	slack: 'Slack',
	sendGrid: 'SendGrid',
	mailchimp: 'Mailchimp',
	hubspot: 'HubSpot',
	salesforce: 'Salesforce',
	sendInBlue: 'Brevo',
	httpRequest: 'HTTP',
	resolveIdentity: 'Resolve Identity',
	computeRfm: 'Compute RFM',
	scorePropensity: 'Score Propensity',
	scoreUplift: 'Score Uplift',
	noOp: 'No Operation',
	applySuppression: 'Apply Suppression',
	splitHoldout: 'Split Holdout',
	measureLift: 'Measure Lift',
	propagateOptOut: 'Propagate Opt-Out',
};

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function wrap(text, width) {
	const words = String(text).split(/\s+/);
	const lines = [];
	let line = '';
	for (const w of words) {
		if ((line + ' ' + w).trim().length > width && line) {
			lines.push(line);
			line = w;
		} else line = (line + ' ' + w).trim();
	}
	if (line) lines.push(line);
	return lines;
}

function render(workflow) {
	const nodes = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
	const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
	const boxes = [
		...nodes.map((n) => [n.position[0], n.position[1], n.position[0] + W, n.position[1] + H + 40]),
		...notes.map((n) => [n.position[0], n.position[1], n.position[0] + n.parameters.width, n.position[1] + n.parameters.height]),
	];
	const minX = Math.min(...boxes.map((b) => b[0])) - 20;
	const minY = Math.min(...boxes.map((b) => b[1])) - 20;
	const maxX = Math.max(...boxes.map((b) => b[2])) + 20;
	const maxY = Math.max(...boxes.map((b) => b[3])) + 20;
	const out = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${maxX - minX} ${maxY - minY}" width="${maxX - minX}" height="${maxY - minY}" font-family="Helvetica, Arial, sans-serif">`,
	);
	out.push(`<rect x="${minX}" y="${minY}" width="${maxX - minX}" height="${maxY - minY}" fill="#f6f6f9"/>`);
	for (const n of notes) {
		const [x, y] = n.position;
		const { width, height, content } = n.parameters;
		out.push(`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="8" fill="#fff7d6" stroke="#e8d27a"/>`);
		const [title, ...rest] = content.split('\n');
		out.push(`<text x="${x + 12}" y="${y + 26}" font-size="16" font-weight="bold" fill="#5a4a00">${esc(title.replace(/^#+\s*/, ''))}</text>`);
		const body = wrap(rest.join(' ').replace(/[*`]/g, ''), Math.floor((width - 24) / 7)).slice(0, Math.max(0, Math.floor((height - 150) / 16)));
		body.forEach((line, k) => out.push(`<text x="${x + 12}" y="${y + 48 + k * 16}" font-size="12" fill="#6b5d1e">${esc(line)}</text>`));
	}
	const byName = new Map(nodes.map((n) => [n.name, n]));
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		const a = byName.get(from);
		if (!a) continue;
		const count = outputs.main.length;
		outputs.main.forEach((branch, k) => {
			for (const c of branch || []) {
				const b = byName.get(c.node);
				if (!b) continue;
				const x1 = a.position[0] + W;
				const y1 = a.position[1] + (H * (k + 1)) / (count + 1);
				const x2 = b.position[0];
				const y2 = b.position[1] + (c.index === 0 ? H / 2 : (H * 2) / 3 + 6 * c.index - 6) - (c.index === 0 && b.type.endsWith('applySuppression') ? H / 6 : 0);
				const dx = Math.max(40, (x2 - x1) / 2);
				out.push(`<path d="M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}" fill="none" stroke="#8a8aa0" stroke-width="2"/>`);
				out.push(`<circle cx="${x2}" cy="${y2}" r="3" fill="#8a8aa0"/>`);
			}
		});
	}
	for (const n of nodes) {
		const [x, y] = n.position;
		const short = n.type.slice(n.type.indexOf('.') + 1);
		const [, fill, ink] = KINDS.find(([re]) => re.test(n.type)) || [null, '#ffffff', '#333'];
		out.push(`<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="10" fill="${fill}" stroke="#555" stroke-width="1.5"/>`);
		wrap(LABELS[short] || short, 12).forEach((line, k, all) =>
			out.push(`<text x="${x + W / 2}" y="${y + H / 2 + 5 + (k - (all.length - 1) / 2) * 15}" font-size="13" font-weight="bold" text-anchor="middle" fill="${ink}">${esc(line)}</text>`),
		);
		wrap(n.name, 18).forEach((line, k) =>
			out.push(`<text x="${x + W / 2}" y="${y + H + 18 + k * 14}" font-size="12" text-anchor="middle" fill="#222">${esc(line)}</text>`),
		);
	}
	out.push('</svg>');
	return `${out.join('\n')}\n`;
}

fs.mkdirSync(OUT, { recursive: true });
const png = process.argv.includes('--png');
for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
	const svgFile = path.join(OUT, file.replace(/\.json$/, '.svg'));
	fs.writeFileSync(svgFile, render(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))));
	process.stdout.write(`${path.relative(process.cwd(), svgFile)}\n`);
	if (png) spawnSync('rsvg-convert', ['-o', svgFile.replace(/\.svg$/, '.png'), svgFile], { stdio: 'inherit' });
}
