// `npm run scan`: n8n's verification scan (@n8n/scan-community-package, pinned in devDependencies)
// without publishing. The published scanner downloads the package and the source commit its npm
// provenance names, then lints both; here the same two legs run on what we would publish:
// - tarball leg: `npm pack` output, unpacked, linting `**/*.js` and `package.json` (dist/ must be built);
// - source leg: this checkout, linting the scanner's SOURCE_FILE_PATTERNS (package.json, nodes/, credentials/).
// Exits non-zero when either leg fails, printing the scanner's own report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function unpackedTarball(work) {
	if (!fs.existsSync(path.join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first.');
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: root, encoding: 'utf8' });
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	const packageDir = path.join(work, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', path.join(work, info.filename), '-C', packageDir, '--strip-components=1']);
	return { packageDir, label: info.filename, files: info.entryCount };
}

function report(leg, where, result) {
	console.log(`${result.passed ? 'PASS' : 'FAIL'} ${leg} leg (${where})${result.message ? `: ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
	return result.passed;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
let passed = true;
try {
	const tarball = unpackedTarball(work);
	passed = report('tarball', `${tarball.label}, ${tarball.files} files, ${TARBALL_PATTERNS.join(' ')}`, await analyzePackage(tarball.packageDir, TARBALL_PATTERNS)) && passed;
	passed = report('source', SOURCE_FILE_PATTERNS.join(' '), await analyzePackage(root, SOURCE_FILE_PATTERNS)) && passed;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
process.exitCode = passed ? 0 : 1;
