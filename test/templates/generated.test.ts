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
const { GENERATED_BY } = require('../../scripts/templates/builder.js') as { GENERATED_BY: string };

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

	it('has the generated catalog in templates/README.md', () => {
		expect(fs.readFileSync(path.join(DIR, 'README.md'), 'utf8')).toContain(catalogSection(templates));
	});
});
