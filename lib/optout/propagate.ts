// Sends every event to every destination: prechecks, batches within the vendor's batch size,
// rate limits, retries; then one result per event per destination. Nothing is dropped: any
// failure, even an unexpected exception, becomes a failed result for each event it touched.
import { RateLimiter } from './rateLimit';
import { createRedactor, type Redactor } from './redact';
import { DEFAULT_RETRY, sendWithRetry, type RetryPolicy } from './retry';
import { DiscoveryError, JSON_HEADERS, OUTCOME_SEVERITY, type Connector, type EventVerdict } from './connectors/types';
import { DONE_OUTCOMES, type DestinationResult, type HttpClient, type OptOutEvent, type Runtime } from './types';

export interface Destination {
	connector: Connector;
	client: HttpClient;
}

export interface PropagateOptions {
	retry?: Partial<RetryPolicy>;
	/** Per-request timeout, ms. */
	timeoutMs?: number;
	/** Hours within which an opt-out must reach every system (Gmail/Yahoo bulk-sender rules: 48). */
	slaHours?: number;
	/** Clock and sleep: required, so lib/ has no timer of its own (see systemRuntime). */
	runtime: Runtime;
	/**
	 * Masks identifiers and secrets in every message a result carries. Default: every event's
	 * identifiers (masked); the node passes one that also knows its credentials' secrets.
	 */
	redact?: Redactor;
}

export interface DestinationRun {
	destination: string;
	requests: number;
	/** Waits the limiter and the retry loop asked for, ms. */
	waits: number[];
}

export interface PropagateResult {
	/** results[e][d]: event e at destination d, in input order. */
	results: DestinationResult[][];
	runs: DestinationRun[];
}

/** Whether every destination result of an event counts as done. */
export function isPropagated(results: DestinationResult[]): boolean {
	return results.every((r) => DONE_OUTCOMES.has(r.outcome));
}

export async function propagateOptOuts(events: OptOutEvent[], destinations: Destination[], options: PropagateOptions): Promise<PropagateResult> {
	const { runtime } = options;
	const policy: RetryPolicy = { ...DEFAULT_RETRY, ...(options.retry ?? {}) };
	const timeoutMs = options.timeoutMs ?? 30_000;
	const slaHours = options.slaHours ?? 48;
	const redact = options.redact ?? createRedactor({ events });
	const results: DestinationResult[][] = events.map(() => new Array<DestinationResult>(destinations.length));
	// The time budget holds for the whole run: a vendor pause beyond it fails what is left at once.
	const deadline = runtime.now() + policy.budgetMs;
	const runs = await Promise.all(
		destinations.map((destination, d) => runDestination(events, destination, d, results, { runtime, policy, timeoutMs, slaHours, redact, deadline })),
	);
	return { results, runs };
}

interface RunContext {
	runtime: Runtime;
	policy: RetryPolicy;
	timeoutMs: number;
	slaHours: number;
	redact: Redactor;
	/** Clock time (ms) the run's time budget ends. */
	deadline: number;
}

// Worst first: the verdict of an event split into parts is its worst part's.
const SEVERITY = OUTCOME_SEVERITY;

function mergeParts(parts: DestinationResult[]): DestinationResult {
	if (parts.length === 1) return parts[0];
	const worst = [...parts].sort((a, b) => SEVERITY.indexOf(a.outcome) - SEVERITY.indexOf(b.outcome))[0];
	const messages = parts.filter((p) => p.message).map((p) => p.message!);
	const retryAfter = parts.map((p) => p.retryAfter).filter((v): v is string => v !== undefined).sort().pop();
	return {
		...worst,
		attempts: parts.reduce((sum, p) => sum + p.attempts, 0),
		...(messages.length > 0 ? { message: messages.join('; ') } : {}),
		...(retryAfter ? { retryAfter } : {}),
		startedAt: parts.map((p) => p.startedAt).sort()[0],
		completedAt: parts.map((p) => p.completedAt).sort().pop()!,
		ageHours: Math.max(...parts.map((p) => p.ageHours)),
		withinSla: parts.every((p) => p.withinSla),
	};
}

async function runDestination(
	originals: OptOutEvent[],
	{ connector, client }: Destination,
	d: number,
	results: DestinationResult[][],
	ctx: RunContext,
): Promise<DestinationRun> {
	const limiter = new RateLimiter(connector.limits, ctx.runtime);
	let requests = 0;
	/** A GET with the run's retries, rate limits and time budget: the 2xx response, or a DiscoveryError. */
	const get = async (url: string, headers: Record<string, string> = {}) => {
		const outcome = await sendWithRetry(client, { method: 'GET', url, headers: { accept: JSON_HEADERS.accept, ...headers }, timeoutMs: ctx.timeoutMs }, ctx.policy, ctx.runtime, limiter, {
			expectJson: true,
			deadline: ctx.deadline,
		});
		requests += outcome.attempts;
		if (outcome.ok) return outcome.response;
		throw new DiscoveryError({ outcome: outcome.retryable ? 'failed_retryable' : 'failed_permanent', message: outcome.message });
	};
	const wait = async (ms: number) => {
		if (ctx.runtime.now() + ms > ctx.deadline) return false;
		await ctx.runtime.sleep(ms);
		return true;
	};
	// What the destination must know first (Mailchimp's audiences for a global opt-out): a failure
	// leaves the connector without it, and its precheck fails the events that needed it.
	if (connector.discover) {
		try {
			await connector.discover(originals, get);
		} catch {
			// The connector keeps the failure (its precheck reports it); nothing else to do here.
		}
	}
	// Each event as the parts this destination sends separately (normally one).
	const events: OptOutEvent[] = [];
	const owner: number[] = [];
	const presplit: Array<EventVerdict | undefined> = [];
	originals.forEach((event, i) => {
		let parts: OptOutEvent[];
		let problem: EventVerdict | undefined;
		try {
			parts = connector.split ? connector.split(event) : [event];
			if (parts.length === 0) parts = [event];
		} catch (error) {
			parts = [event];
			problem = { outcome: 'failed_permanent', message: `Could not prepare the request: ${(error as Error).message}` };
		}
		for (const part of parts) {
			events.push(part);
			owner.push(i);
			presplit.push(problem);
		}
	});
	const partResults: DestinationResult[] = new Array<DestinationResult>(events.length);
	const iso = (ms: number) => new Date(ms).toISOString();
	const record = (i: number, verdict: EventVerdict, attempts: number, startedMs: number, extra: Partial<DestinationResult> = {}) => {
		const completedMs = ctx.runtime.now();
		const requested = Date.parse(events[i].requestedAt);
		const ageHours = Number.isFinite(requested) ? Math.max(0, (completedMs - requested) / 3_600_000) : 0;
		partResults[i] = {
			eventId: events[i].eventId,
			destination: connector.destination,
			outcome: verdict.outcome,
			attempts,
			...(verdict.message !== undefined ? { message: ctx.redact(verdict.message) } : {}),
			retryable: verdict.outcome === 'failed_retryable',
			startedAt: iso(startedMs),
			completedAt: iso(completedMs),
			ageHours: Math.round(ageHours * 1000) / 1000,
			slaHours: ctx.slaHours,
			withinSla: DONE_OUTCOMES.has(verdict.outcome) && ageHours <= ctx.slaHours,
			...extra,
		};
	};

	// Prechecks, then groups of the same batch key, deduplicated on the record key.
	const groups = new Map<string, Map<string, number[]>>();
	for (let i = 0; i < events.length; i++) {
		const started = ctx.runtime.now();
		let verdict: EventVerdict | undefined;
		let key: string;
		let recordKey: string;
		try {
			verdict = presplit[i] ?? connector.precheck(events[i]);
			key = verdict ? '' : connector.batchKey(events[i]);
			recordKey = verdict ? '' : connector.recordKey(events[i]);
		} catch (error) {
			record(i, { outcome: 'failed_permanent', message: `Could not prepare the request: ${(error as Error).message}` }, 0, started);
			continue;
		}
		if (verdict) {
			record(i, verdict, 0, started);
			continue;
		}
		const group = groups.get(key) ?? new Map<string, number[]>();
		groups.set(key, group);
		const same = group.get(recordKey);
		if (same) same.push(i);
		else group.set(recordKey, [i]);
	}
	const chunks: number[][][] = [];
	for (const group of groups.values()) {
		const records = [...group.values()];
		for (let start = 0; start < records.length; start += connector.maxBatch) chunks.push(records.slice(start, start + connector.maxBatch));
	}

	await Promise.all(
		chunks.map(async (chunk) => {
			const started = ctx.runtime.now();
			const batch = chunk.map((indexes) => events[indexes[0]]);
			const assign = (verdicts: EventVerdict[], attempts: number, extra: Partial<DestinationResult> = {}) => {
				chunk.forEach((indexes, k) => {
					for (const i of indexes) record(i, verdicts[k] ?? { outcome: 'failed_retryable', message: 'No verdict for this record' }, attempts, started, extra);
				});
			};
			try {
				const outcome = await sendWithRetry(client, () => connector.build(batch, ctx.timeoutMs), ctx.policy, ctx.runtime, limiter, {
					expectJson: connector.expectJson,
					expectedAnswer: connector.expectedAnswer,
					deadline: ctx.deadline,
				});
				requests += outcome.attempts;
				if (outcome.ok) {
					let verdicts: EventVerdict[];
					try {
						verdicts = connector.interpret(batch, outcome.response);
						if (connector.confirm) verdicts = await connector.confirm(batch, verdicts, outcome.response, { get, wait });
					} catch (error) {
						verdicts = batch.map(() => ({ outcome: 'failed_retryable', message: `Could not read the response: ${(error as Error).message}` }));
					}
					assign(verdicts, outcome.attempts, { vendorStatus: outcome.response.status });
					return;
				}
				const extra: Partial<DestinationResult> = outcome.status !== undefined ? { vendorStatus: outcome.status } : {};
				if (outcome.retryable) {
					if (outcome.retryAfterMs !== undefined) extra.retryAfter = iso(ctx.runtime.now() + outcome.retryAfterMs);
					const label = connector.batchLabel?.(batch);
					assign(batch.map(() => ({ outcome: 'failed_retryable', message: label ? `${label}: ${outcome.message}` : outcome.message })), outcome.attempts, extra);
					return;
				}
				const verdicts = connector.permanentFailure
					? connector.permanentFailure(batch, outcome.status ?? 0, outcome.message)
					: batch.map((): EventVerdict => ({ outcome: outcome.status === 404 ? 'not_found' : 'failed_permanent', message: outcome.message }));
				assign(verdicts, outcome.attempts, extra);
			} catch (error) {
				assign(batch.map(() => ({ outcome: 'failed_retryable', message: `Unexpected error: ${(error as Error).message}` })), 0);
			}
		}),
	);
	const byOwner: DestinationResult[][] = originals.map(() => []);
	partResults.forEach((r, k) => byOwner[owner[k]].push(r));
	byOwner.forEach((parts, i) => {
		results[i][d] = mergeParts(parts);
	});
	return { destination: connector.destination, requests, waits: limiter.waits };
}
