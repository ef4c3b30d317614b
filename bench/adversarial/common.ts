// Shared plumbing of the adversarial harness: which checkout to attack, loading its modules,
// and recording findings. The same attack runs against any worktree:
//   npx tsx bench/adversarial/<name>.ts [--root /work/wt/values]     (or ADV_ROOT=/work/wt/values)
// Nothing here is part of `npm test`; nothing talks to the network.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Harm ranks, worst first: the order the report is sorted in. */
export const HARMS = {
	contact: 1, // someone who opted out or is on an applicable list comes out Eligible
	falseDone: 2, // an opt-out reported done without a vendor's confirmation
	merged: 3, // two different people share a customer ID
	leak: 4, // an identifier or secret in an output field, hint or audit record
	overcontact: 5, // a frequency cap or quiet hours not applied
	lost: 6, // an input item that comes out nowhere, or an uncaught crash
	unstable: 7, // the same input in another order gives other IDs / values disagree between nodes
	split: 8, // one person split across IDs; a usable entry rejected; over-suppression
} as const;
export type Harm = keyof typeof HARMS;

export interface Finding {
	id: string;
	harm: Harm;
	title: string;
	input: unknown;
	expected: string;
	got: unknown;
	responsible?: string;
}

function argValue(name: string): string | undefined {
	const at = process.argv.indexOf(name);
	return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The checkout under attack: --root, else ADV_ROOT, else this repository. */
export const ROOT = path.resolve(argValue('--root') ?? argValue('--lib')?.replace(/\/lib\/?$/, '') ?? process.env.ADV_ROOT ?? path.join(__dirname, '..', '..'));
export const LABEL = argValue('--label') ?? path.basename(ROOT);
/** Prints every finding with its input when set; otherwise one line each. */
export const VERBOSE = process.argv.includes('--verbose');

/** A module of the checkout under attack, e.g. X */
export function load(relative: string): any {
	return require(path.join(ROOT, relative));
}

/** The checkout's own node runner (test/helpers/executeNode.ts), so node parameters match its nodes. */
export const executeNode: (nodeType: unknown, options: Record<string, unknown>) => Promise<{ outputs: any[][]; hints: any[] }> =
	load('test/helpers/executeNode').executeNode;

export class Report {
	readonly findings: Finding[] = [];
	checks = 0;
	constructor(readonly attack: string) {}

	/** Records a finding unless `ok`. */
	check(ok: boolean, finding: Finding): void {
		this.checks++;
		if (!ok) this.findings.push(finding);
	}

	/** Prints the findings ranked by harm, writes them to bench/out, and sets the exit code. */
	finish(): void {
		const ranked = [...this.findings].sort((a, b) => HARMS[a.harm] - HARMS[b.harm] || a.id.localeCompare(b.id));
		console.log(`\n# ${this.attack} against ${ROOT} (${LABEL}): ${ranked.length} broken of ${this.checks} checks`);
		for (const f of ranked) {
			console.log(`- [${f.harm}] ${f.id}: ${f.title}`);
			if (VERBOSE) {
				console.log(`    input:    ${JSON.stringify(f.input)}`);
				console.log(`    expected: ${f.expected}`);
				console.log(`    got:      ${JSON.stringify(f.got)}`);
				if (f.responsible) console.log(`    where:    ${f.responsible}`);
			}
		}
		const byHarm = Object.fromEntries(Object.keys(HARMS).map((h) => [h, ranked.filter((f) => f.harm === h).length]));
		console.log(`summary ${JSON.stringify(byHarm)}`);
		const outDir = path.join(__dirname, '..', 'out', 'adversarial');
		mkdirSync(outDir, { recursive: true });
		writeFileSync(path.join(outDir, `${this.attack}-${LABEL}.json`), JSON.stringify({ root: ROOT, checks: this.checks, findings: ranked }, null, 2));
		process.exitCode = ranked.length > 0 ? 1 : 0;
	}
}

/** Runs `action`, returning its value or the thrown error (a crash is a result too). */
export async function attempt<T>(action: () => Promise<T>): Promise<{ value?: T; error?: Error }> {
	try {
		return { value: await action() };
	} catch (error) {
		return { error: error as Error };
	}
}

/** The pack's one seeded generator (this checkout's), so every run shuffles the same way. */
export { seededRandom as seeded } from '../../lib/stats/random';

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

/** Input indexes (of one input) that the items of `outputs` pair with, counted. */
export function pairedCounts(outputs: any[][], input = 0): Map<number, number> {
	const counts = new Map<number, number>();
	for (const output of outputs) {
		for (const item of output ?? []) {
			const pairs = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
			for (const pair of pairs) {
				if (!pair || (pair.input ?? 0) !== input) continue;
				counts.set(pair.item, (counts.get(pair.item) ?? 0) + 1);
			}
		}
	}
	return counts;
}

/**
 * The node as n8n runs it when a parameter holds an expression: getNodeParameter(name, i) returns
 * the expression evaluated on item i (here `={{ $json.<path> }}` only, the form a drag from the
 * input panel writes), while getNode().parameters keeps the raw text. The checkout's executeNode
 * hands parameters over verbatim, so this wraps execute() to evaluate them.
 */
export function withExpressions<T extends { execute: (...args: any[]) => any; description: any }>(nodeType: T): T {
	const evaluate = (value: unknown, json: Record<string, unknown>): unknown => {
		if (typeof value === 'string') {
			const m = /^=\{\{\s*\$json(?:\.([\w$.]+)|\[['"]([^'"]+)['"]\])\s*\}\}$/.exec(value);
			if (!m) return value;
			const path = m[1] ?? m[2];
			let current: unknown = json;
			for (const segment of (m[1] ? path.split('.') : [path])) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
			return current === undefined || current === null ? '' : typeof current === 'object' ? JSON.stringify(current) : String(current);
		}
		if (Array.isArray(value)) return value.map((v) => evaluate(v, json));
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, json)]));
		return value;
	};
	const wrapped = Object.create(nodeType) as T;
	wrapped.execute = function (this: any, ...args: any[]) {
		const proxy = Object.create(this);
		const raw = (name: string, itemIndex: number, fallback?: unknown) => this.getNodeParameter(name, itemIndex, fallback);
		const input = () => this.getInputData(0);
		proxy.getNodeParameter = (name: string, itemIndex: number, fallback?: unknown) => evaluate(raw(name, itemIndex, fallback), (input()[itemIndex] ?? input()[0])?.json ?? {});
		return nodeType.execute.apply(proxy, args);
	};
	return wrapped;
}
