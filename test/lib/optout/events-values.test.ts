import { toOptOutEvent } from '../../../lib/optout/events';

const requestedAt = (value: unknown) => {
	const result = toOptOutEvent({ email: 'ann@example.com', requestedAt: value }, 0);
	return 'event' in result ? result.event.requestedAt : result.problem;
};

describe('opt-out event dates', () => {
	it('reads epoch seconds as seconds, as every other node does (not 1970-01-20)', () => {
		expect(requestedAt(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
		expect(requestedAt('1700000000')).toBe('2023-11-14T22:13:20.000Z');
		expect(requestedAt(1_700_000_000_000)).toBe('2023-11-14T22:13:20.000Z');
	});

	it('reads YYYYMMDD and refuses impossible dates', () => {
		expect(requestedAt('20240115')).toBe('2024-01-15T00:00:00.000Z');
		expect(requestedAt(20240115)).toBe('2024-01-15T00:00:00.000Z');
		expect(requestedAt('2024-02-30')).toMatchObject({ field: 'requestedAt' });
		expect(requestedAt('n/a')).toBe(new Date(0).toISOString());
	});
});
