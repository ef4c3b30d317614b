// Client-side rate limiting: documented limits as sliding windows plus a concurrency cap, and
// whatever the vendor says in its response headers (Retry-After, X-RateLimit-*, RateLimit-*).
import type { Runtime } from './types';

export interface RateWindow {
	/** Requests allowed in any window of windowMs. */
	limit: number;
	windowMs: number;
}

export interface RateLimits {
	windows: RateWindow[];
	/** Requests in flight at once. */
	concurrency: number;
}

/** Parses Retry-After: delta-seconds or an HTTP date. Returns milliseconds to wait, or undefined. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/**
 * How long the vendor asks us to wait before the next request, from its headers:
 * Retry-After; X-RateLimit-Remaining 0 with X-RateLimit-Reset (epoch seconds as SendGrid sends it,
 * or seconds-from-now when small); RateLimit-Remaining 0 with RateLimit-Reset (seconds, Klaviyo's
 * IETF-draft headers); X-HubSpot-RateLimit-Remaining 0 with its interval.
 */
export function waitFromHeaders(headers: Record<string, string>, nowMs: number): number | undefined {
	const retryAfter = parseRetryAfter(headers['retry-after'], nowMs);
	if (retryAfter !== undefined) return retryAfter;
	const resetWait = (remaining: string | undefined, reset: string | undefined): number | undefined => {
		if (remaining === undefined || Number(remaining) > 0 || reset === undefined) return undefined;
		const value = Number(reset);
		if (!Number.isFinite(value)) return undefined;
		// Values above 10^9 are epoch seconds; smaller ones are seconds from now.
		return value > 1e9 ? Math.max(0, value * 1000 - nowMs) : value * 1000;
	};
	const xReset = resetWait(headers['x-ratelimit-remaining'], headers['x-ratelimit-reset']);
	if (xReset !== undefined) return xReset;
	const ietf = resetWait(headers['ratelimit-remaining'], headers['ratelimit-reset']);
	if (ietf !== undefined) return ietf;
	if (headers['x-hubspot-ratelimit-remaining'] !== undefined && Number(headers['x-hubspot-ratelimit-remaining']) <= 0) {
		const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
		return Number.isFinite(interval) ? interval : 1000;
	}
	return undefined;
}

/**
 * A sliding-window log per documented window, a concurrency cap and a pause the vendor asked for.
 * The log holds completion times, and requests in flight count as "now": a vendor sees a request
 * arrive between our send and its answer, so counting by completion never undercounts its window.
 */
export class RateLimiter {
	private readonly completions: number[] = [];
	private inFlight = 0;
	private pausedUntil = 0;
	private readonly queue: Array<() => void> = [];
	/** Every wait this limiter asked the runtime for, in ms (tests assert these). */
	readonly waits: number[] = [];

	constructor(
		private readonly limits: RateLimits,
		private readonly runtime: Runtime,
		/** Extra room per window against clock differences between us and the vendor. */
		private readonly marginMs = 25,
	) {}

	/**
	 * Waits for a concurrency slot and for every window to have room. Pair with release().
	 * With a deadline (ms, the run's time budget), a pause the vendor asked for that would end after
	 * it is not waited out: nothing is acquired (no release()) and the pause left, ms, is returned.
	 */
	async acquire(deadline?: number): Promise<number | undefined> {
		if (this.inFlight >= this.limits.concurrency) {
			await new Promise<void>((resolve) => this.queue.push(resolve));
		}
		for (;;) {
			const now = this.runtime.now();
			const paused = this.pausedUntil - now;
			if (deadline !== undefined && paused > 0 && this.pausedUntil > deadline) {
				// Hand the slot this caller was woken for to the next one waiting.
				if (this.inFlight < this.limits.concurrency) this.queue.shift()?.();
				return paused;
			}
			const wait = this.waitNeeded(now);
			if (wait <= 0) break;
			this.waits.push(wait);
			await this.runtime.sleep(wait);
		}
		this.inFlight++;
		return undefined;
	}

	release(): void {
		this.inFlight--;
		const now = this.runtime.now();
		this.completions.push(now);
		const longest = Math.max(0, ...this.limits.windows.map((w) => w.windowMs));
		let drop = 0;
		while (drop < this.completions.length && this.completions[drop] < now - longest - this.marginMs) drop++;
		if (drop > 1024 || drop === this.completions.length) this.completions.splice(0, drop);
		const next = this.queue.shift();
		if (next) next();
	}

	/** The vendor asked for a pause (Retry-After, rate-limit reset): no request starts before it ends. */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.runtime.now() + ms);
	}

	private waitNeeded(now: number): number {
		let wait = this.pausedUntil - now;
		for (const window of this.limits.windows) {
			// Completions inside the window (binary search for the first), plus requests in flight.
			const from = now - window.windowMs - this.marginMs;
			let lo = 0;
			let hi = this.completions.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (this.completions[mid] > from) hi = mid;
				else lo = mid + 1;
			}
			const inWindow = this.completions.length - lo;
			const excess = inWindow + this.inFlight - window.limit + 1;
			if (excess <= 0) continue;
			if (excess > inWindow) {
				// Only answers to requests in flight can make room: look again shortly.
				wait = Math.max(wait, Math.min(50, window.windowMs));
				continue;
			}
			wait = Math.max(wait, this.completions[lo + excess - 1] + window.windowMs + this.marginMs - now);
		}
		return wait;
	}
}

/**
 * The least time a run of `requests` requests can take under these limits: for each window, the
 * last request cannot start before (ceil(requests / limit) - 1) full windows have passed.
 */
export function minimumDurationMs(requests: number, limits: RateLimits): number {
	let minimum = 0;
	for (const window of limits.windows) {
		minimum = Math.max(minimum, (Math.ceil(requests / window.limit) - 1) * window.windowMs);
	}
	return minimum;
}
