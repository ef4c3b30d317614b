// What a user pays for the package: its packed size, the time to install it into an n8n nodes folder
// the way n8n's Community Nodes installer does, and the cold time to load every node and credential.
// Run: npm run bench:package [-- --runs 5]   (builds first; prints JSON Lines)
//      npx tsx bench/package.ts --tarball <file.tgz>   measures a given tarball instead (e.g. an older
//      release, `npm pack` of an earlier commit), so before/after run back to back on the same machine.
// - pack: `npm pack` of the built package (tarball bytes, unpacked bytes, file count).
// - install: `npm install --omit=peer <tarball>` into a fresh folder, median wall seconds over --runs,
//   with the machine's npm cache as it is (registry metadata and tarballs of dependencies may come
//   from the cache; a user's first install also downloads them). Installed bytes are counted.
// - cold load: a fresh `node` process requires n8n-workflow (n8n has it loaded already), then every
//   file in package.json's "n8n" section, and constructs each class; the time from after
//   n8n-workflow to after the last class is the median over --runs processes.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function arg(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const runs = arg('runs', 5);
const tarballArg = process.argv.indexOf('--tarball');

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function folderBytes(dir: string): { bytes: number; files: number } {
	let bytes = 0;
	let files = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
		files += 1;
	}
	return { bytes, files };
}

function print(record: Record<string, unknown>): void {
	console.log(JSON.stringify({ ...record, load: os.loadavg().map((x) => Number(x.toFixed(2))) }));
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-package-'));
try {
	let tarball: string;
	if (tarballArg >= 0) {
		tarball = path.resolve(process.argv[tarballArg + 1]);
	} else {
		const packOut = execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: ROOT, encoding: 'utf8' });
		tarball = path.join(work, JSON.parse(packOut.slice(packOut.indexOf('[')))[0].filename);
	}
	const unpacked = path.join(work, 'unpacked');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	const contents = folderBytes(unpacked);
	print({
		step: 'pack',
		tarball: path.basename(tarball),
		tarballBytes: fs.statSync(tarball).size,
		unpackedBytes: contents.bytes,
		files: contents.files,
		runtimeDependencies: Object.keys(manifest.dependencies ?? {}).length,
	});

	const installSeconds: number[] = [];
	let installed = '';
	for (let run = 0; run < runs; run++) {
		const nodesDir = path.join(work, `nodes-${run}`);
		fs.mkdirSync(nodesDir);
		fs.writeFileSync(path.join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
		const started = process.hrtime.bigint();
		execFileSync('npm', ['install', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: nodesDir });
		installSeconds.push(Number(process.hrtime.bigint() - started) / 1e9);
		installed = nodesDir;
	}
	const installedSize = folderBytes(path.join(installed, 'node_modules'));
	print({
		step: 'install',
		medianSeconds: Number(median(installSeconds).toFixed(2)),
		runs: installSeconds.map((s) => Number(s.toFixed(2))),
		installedBytes: installedSize.bytes,
		installedFiles: installedSize.files,
		packages: fs.readdirSync(path.join(installed, 'node_modules')).filter((name) => !name.startsWith('.')).length,
	});

	const packageDir = path.join(installed, 'node_modules', manifest.name);
	const entries = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file: string) => path.join(packageDir, file));
	const loader = `
		require('n8n-workflow');
		const started = process.hrtime.bigint();
		for (const file of ${JSON.stringify(entries)}) {
			const exported = require(file);
			for (const Class of Object.values(exported)) new Class();
		}
		process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));`;
	const loadMs: number[] = [];
	for (let run = 0; run < runs; run++) {
		const result = spawnSync(process.execPath, ['-e', loader], {
			encoding: 'utf8',
			env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
		});
		if (result.status !== 0) throw new Error(`loading the installed package failed:\n${result.stderr}`);
		loadMs.push(Number(result.stdout));
	}
	print({
		step: 'cold load',
		entries: entries.length,
		medianMs: Number(median(loadMs).toFixed(1)),
		runs: loadMs.map((ms) => Number(ms.toFixed(1))),
		node: process.version,
	});
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
