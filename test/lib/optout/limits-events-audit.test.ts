import {
	auditRecord,
	maskEmail,
	maskPhone,
	minimumDurationMs,
	parseRetryAfter,
	RateLimiter,
	toOptOutEvent,
	waitFromHeaders,
	type DestinationResult,
} from '../../../lib/optout';
import { fakeRuntime } from './helpers';

describe('rate limiting', () => {
	it('parses Retry-After as seconds or an HTTP date', () => {
		const now = Date.parse('2026-03-02T10:00:00Z');
		expect(parseRetryAfter('7', now)).toBe(7000);
		expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	it('reads the vendors\' rate-limit headers', () => {
		const now = 1_772_445_600_000;
		expect(waitFromHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 9) }, now)).toBe(9000);
		expect(waitFromHeaders({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': String(now / 1000 + 9) }, now)).toBeUndefined();
		expect(waitFromHeaders({ 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }, now)).toBe(3000);
		expect(waitFromHeaders({ 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' }, now)).toBe(10_000);
	});

	it('holds requests to the documented window and concurrency', async () => {
		const runtime = fakeRuntime(0);
		const limiter = new RateLimiter({ windows: [{ limit: 3, windowMs: 1000 }], concurrency: 2 }, runtime, 0);
		const startedAt: number[] = [];
		const one = async () => {
			await limiter.acquire();
			startedAt.push(runtime.now());
			limiter.release();
		};
		for (let i = 0; i < 7; i++) await one();
		expect(startedAt).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
		expect(limiter.waits).toEqual([1000, 1000]);
	});

	it('a vendor pause delays the next request', async () => {
		const runtime = fakeRuntime(0);
		const limiter = new RateLimiter({ windows: [], concurrency: 1 }, runtime, 0);
		limiter.pause(5000);
		await limiter.acquire();
		expect(runtime.now()).toBe(5000);
	});

	it('computes the least duration the limits allow', () => {
		expect(minimumDurationMs(100, { windows: [{ limit: 75, windowMs: 1000 }, { limit: 700, windowMs: 60_000 }], concurrency: 10 })).toBe(1000);
		expect(minimumDurationMs(1401, { windows: [{ limit: 75, windowMs: 1000 }, { limit: 700, windowMs: 60_000 }], concurrency: 10 })).toBe(120_000);
	});
});

describe('events', () => {
	const now = Date.parse('2026-03-02T10:00:00Z');
	it('normalizes fields and derives a stable event ID', () => {
		const a = toOptOutEvent({ email: ' Ann@Example.COM ', channels: 'email, sms', phone: '+1 (555) 123-4567', requestedAt: '2026-03-01T08:00:00Z' }, now);
		const b = toOptOutEvent({ email: 'ann@example.com', channels: ['sms', 'email'], phone: '+15551234567', requestedAt: '2026-03-01T08:00:00.000Z' }, now);
		expect('event' in a && a.event).toMatchObject({ email: 'ann@example.com', phone: '+15551234567', channels: ['email', 'sms'], scope: 'global', requestedAt: '2026-03-01T08:00:00.000Z' });
		expect('event' in a && 'event' in b && a.event.eventId === b.event.eventId).toBe(true);
	});

	it('names the field that is wrong', () => {
		expect(toOptOutEvent({ email: 'not-an-email' }, now)).toEqual({ problem: { field: 'email', expected: 'an email address' } });
		expect(toOptOutEvent({}, now)).toMatchObject({ problem: { field: 'email' } });
		expect(toOptOutEvent({ email: 'a@b.co', scope: 'everything' }, now)).toMatchObject({ problem: { field: 'scope' } });
		expect(toOptOutEvent({ email: 'a@b.co', channels: 'fax' }, now)).toMatchObject({ problem: { field: 'channels' } });
		expect(toOptOutEvent({ email: 'a@b.co', requestedAt: 'yesterday' }, now)).toMatchObject({ problem: { field: 'requestedAt' } });
	});
});

describe('audit records', () => {
	const made = toOptOutEvent({ email: 'ann.smith@example.com', phone: '+447700900123', customerId: '003000000000001AAA', reason: 'gpc' }, 0);
	const event = 'event' in made ? made.event : (undefined as never);
	const result: DestinationResult = {
		eventId: event.eventId,
		destination: 'mailchimp',
		outcome: 'failed_permanent',
		attempts: 1,
		vendorStatus: 400,
		message: 'Mailchimp ERROR_FAKE_EMAIL: ann.smith@example.com looks fake',
		retryable: false,
		startedAt: '1970-01-01T00:00:00.000Z',
		completedAt: '1970-01-01T00:00:01.000Z',
		ageHours: 0,
		slaHours: 48,
		withinSla: false,
	};

	it('masks identifiers, also inside vendor messages', () => {
		const audit = auditRecord(event, result, 'masked');
		expect(audit.identifiers).toEqual({ email: 'a***@e***.com', phone: '+44********23', customerId: '003***AA' });
		expect(audit.message).toBe('Mailchimp ERROR_FAKE_EMAIL: a***@e***.com looks fake');
		expect(JSON.stringify(audit)).not.toMatch(/ann\.smith|7700900123|000000000001/);
		expect(maskEmail('x@y')).toBe('x***@y***');
		expect(maskPhone('+15551234567')).toBe('+15*******67');
	});

	it('hashes identifiers with SHA-256 on request', () => {
		const audit = auditRecord(event, result, 'hashed');
		expect(audit.identifiers.email).toBe(require('node:crypto').createHash('sha256').update('ann.smith@example.com').digest('hex'));
		expect(audit.message).not.toMatch(/ann\.smith/);
	});
});
