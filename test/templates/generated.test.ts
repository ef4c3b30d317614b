// The templates are generated: every workflow JSON in templates/ and the catalog in its README are
// exactly what `npm run templates` writes, so an edit made to the JSON by hand cannot drift from the
// generator (and is lost on the next run). Runs in the unit project: it needs no n8n.
import fs from 'node:fs';
import path from 'node:path';

interface GeneratedTemplate {
	file: string;
	toJSON(): unknown;
}
const { templates, catalogSection } = require('../../scripts/build-templates.js') as {
	templates: GeneratedTemplate[];
	catalogSection(list: GeneratedTemplate[]): string;
};
const { GENERATED_BY, textHeight } = require('../../scripts/templates/builder.js') as { GENERATED_BY: string; textHeight(content: string, width: number): number };

const DIR = path.resolve(__dirname, '..', '..', 'templates');

describe('generated templates', () => {
	it('has no workflow JSON in templates/ that the generator does not write', () => {
		const committed = fs.readdirSync(DIR).filter((file) => file.endsWith('.json')).sort();
		expect(committed).toEqual(templates.map((t) => t.file).sort());
	});

	it.each(templates.map((t): [string, GeneratedTemplate] => [t.file, t]))('%s equals the generated output and says it is generated', (file, t) => {
		const generated = `${JSON.stringify(t.toJSON(), null, '\t')}\n`;
		const committed = fs.readFileSync(path.join(DIR, file), 'utf8');
		expect(committed).toBe(generated);
		expect(JSON.parse(committed).meta.generatedBy).toBe(GENERATED_BY);
	});

	it.each(templates.map((t): [string, GeneratedTemplate] => [t.file, t]))('%s: sticky notes leave room for their text, cover only their own steps and never overlap', (_file, t) => {
		type Node = { name: string; type: string; position: [number, number]; parameters: { content?: string; width?: number; height?: number } };
		const nodes = (t.toJSON() as { nodes: Node[] }).nodes;
		const notes = nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		const steps = nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
		const NODE = 100; // a step's box, in canvas units
		const box = (n: Node) => ({ left: n.position[0], top: n.position[1], right: n.position[0] + n.parameters.width!, bottom: n.position[1] + n.parameters.height! });
		const problems: string[] = [];
		notes.forEach((note, k) => {
			const b = box(note);
			const covered = steps.filter((s) => s.position[0] + NODE > b.left && s.position[0] < b.right && s.position[1] + NODE > b.top && s.position[1] < b.bottom);
			// Its text sits above its first row of steps, in room textHeight() reserves for it.
			const firstRow = Math.min(...covered.map((s) => s.position[1]));
			if (firstRow - b.top < textHeight(note.parameters.content!, note.parameters.width!)) problems.push(`${note.name}: no room for its text`);
			const own = (t as unknown as { notes: Array<{ stepNames: string[] }> }).notes[k].stepNames;
			for (const s of covered) if (!own.includes(s.name)) problems.push(`${note.name} covers ${s.name}`);
			notes.forEach((other, j) => {
				const o = box(other);
				if (j > k && o.left < b.right && o.right > b.left && o.top < b.bottom && o.bottom > b.top) problems.push(`${note.name} overlaps ${other.name}`);
			});
		});
		expect(problems).toEqual([]);
	});

	it('has the generated catalog in templates/README.md', () => {
		expect(fs.readFileSync(path.join(DIR, 'README.md'), 'utf8')).toContain(catalogSection(templates));
	});
});
