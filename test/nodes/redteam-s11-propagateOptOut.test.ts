// Red team (s11): Propagate Opt-Out node, retries. README: "feed Failed back in and the destinations
// this node already confirmed for that event are skipped ... a result skips a destination only with
// the same event ID, a done outcome and the same target". Event IDs come from the item's `eventId`
// field by default (a ticket or request ID). Vendors answer through a scripted stand-in for
// helpers.httpRequestWithAuthentication that confirms exactly the addresses it was sent.
// Plain it(): fails now.
import type { IDataObject } from 'n8n-workflow';
import { PropagateOptOut } from '../../nodes/PropagateOptOut/PropagateOptOut.node';
import { executeNode } from '../helpers/executeNode';

const credentials: Record<string, IDataObject> = {
	marketingAnalyticsHubSpotApi: { accessToken: 'pat-na1-11111111-2222-3333-4444-555555555555' },
	marketingAnalyticsSendGridApi: { apiKey: 'SG.redteam-key.abcdefghijklmnop' },
	marketingAnalyticsSalesforceApi: { accessToken: '00Dxx0000001gPL!AQ4AQFakeTokenForRedTeam', instanceUrl: 'https://redteam.my.salesforce.com', apiVersion: 'v62.0' },
};

interface Call {
	type: string;
	body: string;
}

/** HubSpot and Salesforce confirm every address / record they are sent; SendGrid refuses (400) while `sendgridDown`, else echoes. */
function vendors(calls: Call[], sendgridDown: boolean) {
	return async (type: string, options: IDataObject) => {
		const body = String(options.body ?? '');
		calls.push({ type, body });
		if (type === 'marketingAnalyticsHubSpotApi') {
			const inputs = (JSON.parse(body) as { inputs: string[] }).inputs;
			return {
				statusCode: 200,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ status: 'COMPLETE', results: inputs.map((email) => ({ subscriberIdString: email, statuses: [{ status: 'UNSUBSCRIBED', setStatusSuccessReason: 'UNSUBSCRIBED' }] })) }),
			};
		}
		if (type === 'marketingAnalyticsSalesforceApi') {
			const records = (JSON.parse(body) as { records: Array<{ id: string }> }).records;
			return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(records.map((r) => ({ id: r.id, success: true, errors: [] }))) };
		}
		if (sendgridDown) return { statusCode: 400, headers: {}, body: JSON.stringify({ errors: [{ message: 'temporarily refusing this request' }] }) };
		const recipients = (JSON.parse(body) as { recipient_emails: string[] }).recipient_emails;
		return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recipient_emails: recipients }) };
	};
}

describe('red team s11 Propagate Opt-Out node: retrying fed-back Failed items', () => {
	it('an item fed back with its email corrected (same ticket event ID) is sent to HubSpot again: a HubSpot result for the old address never counts for the new one', async () => {
		// PropagateOptOut.node.ts confirmedBefore() matches the previous result on eventId and target
		// only, not on the identifiers it was for, so HubSpot is skipped and the corrected address is
		// reported propagated there without HubSpot ever being sent it.
		const node = new PropagateOptOut();
		const parameters = { destinations: ['hubspot', 'sendgrid'] };
		const first = await executeNode(node, {
			parameters,
			inputs: [[{ eventId: 'TICKET-4711', email: 'ann.lee@exmaple.com', requestedAt: '2026-03-01T08:00:00Z' }]],
			credentials,
			httpRequestWithAuthentication: vendors([], true),
		});
		expect(first.outputs[1]).toHaveLength(1);
		const failed = first.outputs[1][0].json;
		expect((failed.optOut as IDataObject).destinations).toMatchObject({ hubspot: { outcome: 'propagated' }, sendgrid: { outcome: 'failed_permanent' } });

		// The operator fixes the typo in the address and feeds the Failed item back in.
		const calls: Call[] = [];
		const second = await executeNode(node, {
			parameters,
			inputs: [[{ ...failed, email: 'ann.lee@example.com' }]],
			credentials,
			httpRequestWithAuthentication: vendors(calls, false),
		});
		const hubspotBodies = calls.filter((c) => c.type === 'marketingAnalyticsHubSpotApi').map((c) => c.body);
		const reportedPropagated = second.outputs[0].length === 1;
		// Either HubSpot is sent the corrected address, or the item is not reported propagated.
		expect({ reportedPropagated, hubspotSentNewAddress: hubspotBodies.some((b) => b.includes('ann.lee@example.com')) }).not.toEqual({
			reportedPropagated: true,
			hubspotSentNewAddress: false,
		});
	});

	it('an item fed back with its Salesforce record ID corrected (same event ID) is sent to Salesforce again, not taken as done by the old record\'s result', async () => {
		const node = new PropagateOptOut();
		const parameters = { destinations: ['salesforce', 'sendgrid'] };
		// A Lead ID where the Contact's belonged: Salesforce marks the Lead opted out, SendGrid refuses.
		const first = await executeNode(node, {
			parameters,
			inputs: [[{ eventId: 'REQ-88', email: 'ann.lee@example.com', customerId: '00Q000000000123AAA', requestedAt: '2026-03-01T08:00:00Z' }]],
			credentials,
			httpRequestWithAuthentication: vendors([], true),
		});
		const failed = first.outputs[1][0].json;
		expect((failed.optOut as IDataObject).destinations).toMatchObject({ salesforce: { outcome: 'propagated' } });
		// The operator puts the person's Contact ID in and feeds the item back.
		const calls: Call[] = [];
		const second = await executeNode(node, {
			parameters,
			inputs: [[{ ...failed, customerId: '003000000000456AAA' }]],
			credentials,
			httpRequestWithAuthentication: vendors(calls, false),
		});
		const reportedPropagated = second.outputs[0].length === 1;
		const salesforceSentContact = calls.some((c) => c.type === 'marketingAnalyticsSalesforceApi' && c.body.includes('003000000000456AAA'));
		expect({ reportedPropagated, salesforceSentContact }).not.toEqual({ reportedPropagated: true, salesforceSentContact: false });
	});
});
