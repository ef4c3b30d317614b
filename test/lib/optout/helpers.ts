import type { OptOutEvent, Runtime } from '../../../lib/optout';

/** A virtual clock: sleep() advances it at once and records the wait. */
export function fakeRuntime(start = Date.parse('2026-03-02T10:00:00Z')): Runtime & { sleeps: number[] } {
	let now = start;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => now,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			now += ms;
		},
		random: () => 0.5,
	};
}

export function event(i: number, extra: Partial<OptOutEvent> = {}): OptOutEvent {
	return {
		eventId: `ev-${i}`,
		email: `person${i}@example.com`,
		channels: ['email'],
		scope: 'global',
		reason: 'one-click unsubscribe',
		source: 'esp-webhook',
		requestedAt: '2026-03-02T09:00:00.000Z',
		...extra,
	};
}

/** The vendors' documented API hosts, as the connectors default to them (Mailchimp's for data centre us21). */
export const VENDOR_HOSTS = {
	hubspot: 'https://api.hubapi.com',
	mailchimp: 'https://us21.api.mailchimp.com',
	sendgrid: 'https://api.sendgrid.com',
	klaviyo: 'https://a.klaviyo.com',
	webhook: 'https://optout.internal.example',
} as const;

/**
 * Mailchimp's GET /3.0/lists (get-lists-info), the audiences a global opt-out reaches: one page of
 * `ids` with total_items. `scope` is a nock scope on the Mailchimp host.
 */
export function mailchimpAudiences(scope: { get: (path: string) => any }, ids: string[], offset = 0, total = ids.length) {
	return scope
		.get('/3.0/lists')
		.query({ fields: 'lists.id,total_items', count: '1000', offset: String(offset) })
		.reply(200, { lists: ids.map((id) => ({ id })), total_items: total });
}

/** Klaviyo's 202 job document for a suppression job (bulk_suppress_profiles / get_bulk_suppress_profiles_job). */
export function klaviyoJob(count: number, status = 'complete', id = 'job_01') {
	return { data: { type: 'profile-suppression-bulk-create-job', id, attributes: { status, total_count: count, completed_count: status === 'complete' ? count : 0, skipped_count: 0 } } };
}
