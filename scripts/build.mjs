// Builds dist/ with esbuild so the published package needs no runtime dependency (n8n's verification
// refuses any `dependencies`, and any `require` outside n8n-workflow and Node built-ins):
// - dist/lib/bundle.js: one shared CommonJS chunk with lib/, nodes/shared and the libraries they use
//   (zod, ml-matrix, ml-kmeans (ESM-only, converted here), libphonenumber-js, @stdlib), loaded once;
// - dist/nodes/<X>/<X>.node.js and dist/credentials/<X>.credentials.js at the paths package.json's
//   "n8n" section lists: each bundles its own folder's files and reaches lib/ and nodes/shared through
//   `require('../../lib/bundle.js')`.
// n8n-workflow stays external (n8n provides it). Type checking is tsc's job (`npm run build` runs it
// first). `node scripts/build.mjs --metafile <file>` also writes esbuild's metafile (bundled bytes per
// input), which `CONTRIBUTING.md`'s dependency table is measured from.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const CHUNK = 'lib/bundle.js';
const common = {
	absWorkingDir: root,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: ['n8n-workflow'],
	// fflate's Node build loads worker_threads through require('module'), which the verification
	// scan refuses; its browser build is the same deflate without that (we use only zlibSync).
	alias: {
		debug: './scripts/stubs/debug.js',
		fflate: './node_modules/fflate/esm/browser.js',
		// csv-parse's push parser is not in its package exports (lib/io/csv-parse-api.d.ts).
		'csv-parse/lib/api/index.js': './node_modules/csv-parse/lib/api/index.js',
	},
	// iobuffer (under fast-png) names typed arrays as globalThis.X; the scan refuses globalThis.
	define: Object.fromEntries(
		['Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigUint64Array', 'BigInt64Array', 'Float32Array', 'Float64Array'].map((name) => [`globalThis.${name}`, name]),
	),
	// Libraries' console warnings (ml-matrix, libphonenumber-js) would land in n8n's log, and the
	// verification scan refuses console; lib/ itself never logs.
	drop: ['console'],
	logLevel: 'warning',
	legalComments: 'none',
	charset: 'utf8',
};

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const entries = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => {
	const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
	if (!fs.existsSync(path.join(root, source))) throw new Error(`package.json lists ${file}, but ${source} does not exist`);
	return { in: source, out: file.replace(/^dist\//, '').replace(/\.js$/, '') };
});

/** 'lib/rfm', 'lib/stats/sampleRatio', 'nodes/shared': what a node file imports from the shared code. */
function sharedModuleId(absolutePath) {
	const relative = path.relative(root, absolutePath).split(path.sep).join('/');
	return /^(lib\/|nodes\/shared(\/|$))/.test(relative) ? relative : undefined;
}

// Node and credential files: imports of lib/ and nodes/shared become a property of the shared chunk.
const sharedModules = new Set();
const toChunk = {
	name: 'shared-chunk',
	setup(build) {
		build.onResolve({ filter: /^\.\.?\// }, (args) => {
			if (args.namespace === 'shared-chunk') return { path: args.path, external: true };
			const id = sharedModuleId(path.resolve(args.resolveDir, args.path));
			if (!id || sharedModuleId(args.importer)) return undefined;
			sharedModules.add(id);
			// The output file lands where its source folder is (dist/nodes/<X>/, dist/credentials/).
			const toRoot = path.relative(path.dirname(args.importer), root).split(path.sep).join('/');
			return { path: `${toRoot}/${CHUNK}#${id}`, namespace: 'shared-chunk' };
		});
		build.onLoad({ filter: /.*/, namespace: 'shared-chunk' }, (args) => {
			const [chunk, id] = args.path.split('#');
			return { contents: `module.exports = require(${JSON.stringify(chunk)}).modules[${JSON.stringify(id)}];`, loader: 'js' };
		});
	},
};

fs.rmSync(dist, { recursive: true, force: true });
const metafiles = [];
const entryResult = await esbuild.build({
	...common,
	entryPoints: entries,
	outdir: dist,
	plugins: [toChunk],
	metafile: true,
});
metafiles.push(entryResult.metafile);

// The shared chunk: one namespace object per module the entries import.
const ids = [...sharedModules].sort();
const chunkSource = [
	...ids.map((id, i) => `import * as m${i} from './${id}';`),
	`export const modules = { ${ids.map((id, i) => `${JSON.stringify(id)}: m${i}`).join(', ')} };`,
].join('\n');
const chunkResult = await esbuild.build({
	...common,
	stdin: { contents: chunkSource, resolveDir: root, sourcefile: 'shared-chunk.ts', loader: 'ts' },
	outfile: path.join(dist, CHUNK),
	metafile: true,
});
metafiles.push(chunkResult.metafile);

const metafileArg = process.argv.indexOf('--metafile');
if (metafileArg >= 0) {
	const merged = { inputs: {}, outputs: {} };
	for (const m of metafiles) {
		Object.assign(merged.inputs, m.inputs);
		Object.assign(merged.outputs, m.outputs);
	}
	fs.writeFileSync(path.resolve(process.argv[metafileArg + 1]), JSON.stringify(merged));
}
const bytes = Object.values({ ...entryResult.metafile.outputs, ...chunkResult.metafile.outputs }).reduce((sum, o) => sum + o.bytes, 0);
console.log(`esbuild: ${entries.length} entries + ${CHUNK} (${ids.length} shared modules), ${(bytes / 1024).toFixed(0)} KiB`);
