// Compares attack results between checkouts: what each fixed against a baseline, what it broke,
// and what is still broken, ranked by harm.
//   npx tsx bench/adversarial/summary.ts --baseline main values-a0d9266 optout-7976872 [--all]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HARMS, type Finding } from './common';

const OUT = path.join(__dirname, '..', 'out', 'adversarial');
const ATTACKS = ['suppression', 'optout', 'identity', 'values', 'numerics'];
const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baseline = baselineAt >= 0 ? args[baselineAt + 1] : 'main';
const showAll = args.includes('--all');
const labels = args.filter((a, i) => !a.startsWith('--') && i !== baselineAt + 1);

function findings(label: string, attack: string): Finding[] | undefined {
	const file = path.join(OUT, `${attack}-${label}.json`);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).findings as Finding[]) : undefined;
}

/** "(CoF off)" repeats of one input count once. */
const key = (f: Finding) => f.id.replace(/ \(CoF off\)/, '');
const rank = (a: Finding, b: Finding) => HARMS[a.harm] - HARMS[b.harm] || a.id.localeCompare(b.id);

for (const label of labels) {
	console.log(`\n## ${label}`);
	for (const attack of ATTACKS) {
		const mine = findings(label, attack);
		if (!mine) continue;
		const base = findings(baseline, attack) ?? [];
		const baseKeys = new Set(base.map(key));
		const mineKeys = new Set(mine.map(key));
		const fixed = [...new Set(base.map(key))].filter((k) => !mineKeys.has(k));
		const unique = [...new Map(mine.reverse().map((f) => [key(f), f])).values()].sort(rank);
		const added = unique.filter((f) => !baseKeys.has(key(f)));
		const counts = Object.keys(HARMS)
			.map((h) => [h, unique.filter((f) => f.harm === h).length] as const)
			.filter(([, n]) => n > 0)
			.map(([h, n]) => `${h} ${n}`)
			.join(', ');
		console.log(`### ${attack}: ${unique.length} broken (${counts || 'none'}); fixed vs ${baseline}: ${fixed.length}; new: ${added.length}`);
		for (const f of added) console.log(`  NEW [${f.harm}] ${f.id}: ${f.title}`);
		const shown = showAll ? unique : unique.filter((f) => !added.includes(f));
		for (const f of shown) console.log(`  [${f.harm}] ${f.id}: ${f.title}`);
	}
}
