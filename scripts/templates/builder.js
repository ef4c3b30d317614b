// A small builder for the workflow JSON in templates/: stable node IDs, a grid layout, and sticky
// notes sized to cover the steps they explain (the template checks require every step to sit on
// one). `node scripts/build-templates.js` writes every template.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = 'n8n-nodes-marketing-analytics';
// The marker in every template's meta: the JSON is generated, edits belong in the generator.
const GENERATED_BY = 'scripts/build-templates.js (npm run templates); edit there, not this file';
const COL = 280;
const ROW = 220;

/**
 * The height n8n 2.x needs to show a sticky note's Markdown at a given width, generously: a
 * heading (## ...) about 12 px a character on 30 px lines, body text about 8 px a character
 * (code spans wider) on 22 px lines, 16 px padding each side, and a margin above the steps.
 * The notes sit behind their steps, so the text must fit above the first step's row.
 */
function textHeight(content, width) {
	const inner = width - 32;
	let height = 40;
	for (const line of content.split('\n')) {
		const heading = /^#{1,6} /.test(line);
		const text = line.replace(/^#{1,6} /, '').replace(/\*\*|`/g, '');
		const extra = (line.match(/`/g) || []).length * 3; // code spans are set in a wider font
		const perLine = Math.floor(inner / (heading ? 12 : 8));
		const rows = Math.max(1, Math.ceil((text.length + extra) / perLine));
		height += heading ? rows * 30 + 10 : rows * 22 + 6;
	}
	return Math.max(120, Math.ceil(height / 10) * 10);
}

function uuid(seed) {
	const h = crypto.createHash('md5').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

class Template {
	constructor(file, name, description) {
		this.file = file;
		this.name = name;
		this.description = description;
		this.nodes = [];
		this.connections = {};
		this.notes = [];
	}

	/** A step at grid cell (col, row). `extra` may set credentials-free node fields (onError, ...). */
	node(name, type, typeVersion, parameters, [col, row], extra = {}) {
		const fullType = type.includes('.') ? type : type.startsWith('@') ? type.slice(1) : `n8n-nodes-base.${type}`;
		this.nodes.push({
			id: uuid(`${this.file}:${name}`),
			name,
			type: fullType,
			typeVersion,
			position: [col * COL, row * ROW],
			parameters,
			...extra,
		});
		return this;
	}

	ours(name, nodeName, parameters, cell, extra) {
		return this.node(name, `${PACKAGE}.${nodeName}`, 1, parameters, cell, extra);
	}

	/** from -> to; `output` is the source output index, `input` the target input index. */
	connect(from, to, output = 0, input = 0) {
		const main = (this.connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: input });
		return this;
	}

	/** A sticky note behind the named steps (content in Markdown; the first line is its title). */
	note(content, stepNames, color) {
		this.notes.push({ content, stepNames, color });
		return this;
	}

	toJSON() {
		// Notes sit behind their steps with room for the text above them; every note of a template
		// gets the same header height, so their tops line up.
		const boxes = this.notes.map(({ content, stepNames }, k) => {
			const steps = stepNames.map((n) => {
				const node = this.nodes.find((x) => x.name === n);
				if (!node) throw new Error(`${this.file}: note ${k} names an unknown step "${n}"`);
				return node;
			});
			const xs = steps.map((s) => s.position[0]);
			const ys = steps.map((s) => s.position[1]);
			const left = Math.min(...xs) - 40;
			const width = Math.max(Math.max(...xs) - left + 160, 260);
			return { left, width, minY: Math.min(...ys), maxY: Math.max(...ys), header: textHeight(content, width) };
		});
		const header = Math.max(0, ...boxes.map((b) => b.header));
		const stickies = this.notes.map(({ content, color }, k) => {
			const { left, width, minY, maxY } = boxes[k];
			const top = minY - header;
			return {
				id: uuid(`${this.file}:note:${k}`),
				name: `Sticky Note ${k + 1}`,
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [left, top],
				parameters: { content, width, height: maxY - top + 140, ...(color ? { color } : {}) },
			};
		});
		return {
			name: this.name,
			nodes: [...this.nodes, ...stickies],
			connections: this.connections,
			settings: { executionOrder: 'v1' },
			pinData: {},
			meta: { templateCredsSetupCompleted: false, description: this.description, generatedBy: GENERATED_BY },
		};
	}

	write(dir) {
		fs.writeFileSync(path.join(dir, this.file), `${JSON.stringify(this.toJSON(), null, '\t')}\n`);
	}
}

module.exports = { Template, PACKAGE, GENERATED_BY, uuid, textHeight };
