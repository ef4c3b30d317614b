// Copies what n8n reads next to the compiled node and credential files: icons and codex files
// (build:icons), and the output schemas the editor previews before a run (build:schemas, served
// from dist/nodes/<Node>/__schema__/v<version>[/<operation>].json). Separate tasks, so a bundler
// replacing tsc can keep them as they are.
const { src, dest, task, parallel } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	),
);

task('build:schemas', () => src(['nodes/*/__schema__/**/*.json'], { base: '.' }).pipe(dest('dist')));

task('build:assets', parallel('build:icons', 'build:schemas'));
