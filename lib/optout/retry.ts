// Sends one request with retries: exponential backoff with full jitter for 429, 5xx, timeouts and
// connection resets, up to an attempt count and a time budget; waits at least what the vendor asks
// (Retry-After, rate-limit reset). Other 4xx are permanent and carry the vendor's message.
import { RateLimiter, waitFromHeaders } from './rateLimit';
import { TransportError, type HttpClient, type HttpRequest, type HttpResponse, type Runtime } from './types';

export interface RetryPolicy {
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** No retry starts after this many ms from the first attempt. */
	budgetMs: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, budgetMs: 120_000, baseDelayMs: 500, maxDelayMs: 30_000 };

export type SendOutcome =
	| { ok: true; response: HttpResponse; attempts: number }
	| {
			ok: false;
			retryable: boolean;
			attempts: number;
			status?: number;
			message: string;
			/** The wait the vendor last asked for, ms, if any. */
			retryAfterMs?: number;
			response?: HttpResponse;
	  };

export function isRetryableStatus(status: number): boolean {
	return status === 429 || status === 408 || status >= 500;
}

/**
 * The vendor's own words from an error body: message, detail, title, error, errors[].message.
 * Whole: the redactor shortens it after masking (a cut here could split an address it then misses).
 */
export function vendorMessage(body: string, status: number): string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		const text = body.trim();
		return text === '' ? `HTTP ${status}` : `HTTP ${status}: ${text}`;
	}
	const pick = (value: unknown): string | undefined => {
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (Array.isArray(value)) {
			const parts = value.map((v) => pick(v)).filter((v): v is string => v !== undefined);
			return parts.length > 0 ? parts.join('; ') : undefined;
		}
		if (value && typeof value === 'object') {
			const o = value as Record<string, unknown>;
			return pick(o.message) ?? pick(o.detail) ?? pick(o.title) ?? pick(o.error_description) ?? pick(o.error) ?? pick(o.errors);
		}
		return undefined;
	};
	const message = pick(parsed);
	return message ? `HTTP ${status}: ${message}` : `HTTP ${status}`;
}

/** Backoff before attempt n+1 (n >= 1): full jitter over base * 2^(n-1), capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	// Half fixed, half jitter: never zero, never in lockstep with other clients.
	return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export interface SendOptions {
	/**
	 * The run's time budget as a clock time (ms): a vendor pause (Retry-After, rate-limit reset) that
	 * ends after it fails the request retryable at once, with the pause as retryAfterMs, instead of
	 * holding the run.
	 */
	deadline?: number;
	/** A 2xx whose body must be JSON (batch APIs report per-record results): malformed is retryable. */
	expectJson?: boolean;
	/** What a success looks like, for the message when a 2xx body is not JSON. */
	expectedAnswer?: string;
}

export async function sendWithRetry(
	client: HttpClient,
	/** The request, or a function building it afresh per attempt (a signed webhook re-signs each time). */
	request: HttpRequest | (() => HttpRequest),
	policy: RetryPolicy,
	runtime: Runtime,
	limiter: RateLimiter,
	options: SendOptions = {},
): Promise<SendOutcome> {
	const started = runtime.now();
	let attempts = 0;
	let last: Extract<SendOutcome, { ok: false }> = { ok: false, retryable: true, attempts: 0, message: 'not sent' };
	const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
	while (attempts < policy.maxAttempts) {
		const paused = await limiter.acquire(options.deadline);
		if (paused !== undefined) {
			const left = Math.max(0, (options.deadline ?? 0) - runtime.now());
			return {
				...last,
				attempts,
				retryable: true,
				retryAfterMs: paused,
				message: `${attempts > 0 ? `${last.message}; ` : ''}not sent: the vendor asked to wait ${seconds(paused)} (Retry-After or rate-limit reset), beyond the ${seconds(left)} left of the time budget`,
			};
		}
		attempts++;
		let response: HttpResponse | undefined;
		let transport: TransportError | undefined;
		try {
			response = await client(typeof request === 'function' ? request() : request);
		} catch (error) {
			transport =
				error instanceof TransportError
					? error
					: new TransportError((error as Error)?.message ?? String(error), (error as { code?: string })?.code ?? 'EUNKNOWN');
		} finally {
			limiter.release();
		}
		let vendorWait: number | undefined;
		if (response) {
			vendorWait = waitFromHeaders(response.headers, runtime.now());
			if (vendorWait !== undefined && vendorWait > 0) limiter.pause(vendorWait);
			if (response.status >= 200 && response.status < 300) {
				if (!options.expectJson || isJson(response.body)) return { ok: true, response, attempts };
				last = { ok: false, retryable: true, attempts, status: response.status, message: `HTTP ${response.status}: malformed JSON in the response${options.expectedAnswer ? `; expected ${options.expectedAnswer}` : ''}`, response };
			} else if (isRetryableStatus(response.status)) {
				last = { ok: false, retryable: true, attempts, status: response.status, message: vendorMessage(response.body, response.status), retryAfterMs: vendorWait, response };
			} else {
				return { ok: false, retryable: false, attempts, status: response.status, message: vendorMessage(response.body, response.status), response };
			}
		} else {
			last = { ok: false, retryable: true, attempts, message: `${transport!.code}: ${transport!.message}` };
		}
		if (attempts >= policy.maxAttempts) break;
		const wait = Math.max(backoffMs(attempts, policy, runtime.random()), vendorWait ?? 0);
		if (runtime.now() + wait - started > policy.budgetMs || (options.deadline !== undefined && runtime.now() + wait > options.deadline)) {
			last = { ...last, message: `${last.message} (retry time budget of ${policy.budgetMs} ms used up)` };
			break;
		}
		limiter.waits.push(wait);
		await runtime.sleep(wait);
	}
	return last;
}

function isJson(body: string): boolean {
	if (body.trim() === '') return false;
	try {
		JSON.parse(body);
		return true;
	} catch {
		return false;
	}
}
