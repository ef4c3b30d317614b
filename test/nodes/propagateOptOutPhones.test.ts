// Propagate Opt-Out, SMS opt-outs: phones reach Braze in E.164 (with the Default Phone Region option
// for national numbers); a number that cannot be made E.164 is not sent and the item ends on Failed.
import type { IDataObject } from 'n8n-workflow';
import { PropagateOptOut } from '../../nodes/PropagateOptOut/PropagateOptOut.node';
import { executeNode } from '../helpers/executeNode';

const credentials: Record<string, IDataObject> = { marketingAnalyticsBrazeApi: { apiKey: 'braze-rest-key-0123456789', restEndpoint: 'https://rest.iad-01.braze.com' } };
const parameters = { destinations: ['braze'], settings: { brazeSmsSubscriptionGroupId: 'sg-sms' } };
const stop = { phone: '(415) 555-0177', channels: 'sms', requestedAt: '2026-03-01T08:00:00Z' };

function braze(sent: string[]) {
	return async (_type: string, options: IDataObject) => {
		const body = JSON.parse(String(options.body)) as { subscription_groups: Array<{ phones?: string[] }> };
		for (const group of body.subscription_groups) sent.push(...(group.phones ?? []));
		return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'success' }) };
	};
}

describe('Propagate Opt-Out node: phones', () => {
	it('sends a national number in E.164 with the Default Phone Region', async () => {
		const sent: string[] = [];
		const { outputs } = await executeNode(new PropagateOptOut(), {
			parameters: { ...parameters, options: { defaultRegion: 'us' } },
			inputs: [[stop]],
			credentials,
			httpRequestWithAuthentication: braze(sent),
		});
		expect(sent).toEqual(['+14155550177']);
		expect(outputs[0]).toHaveLength(1);
	});

	it('without it, sends nothing and puts the item on Failed, naming the phone field', async () => {
		const sent: string[] = [];
		const { outputs } = await executeNode(new PropagateOptOut(), { parameters, inputs: [[stop]], credentials, httpRequestWithAuthentication: braze(sent) });
		expect(sent).toEqual([]);
		expect(outputs[0]).toHaveLength(0);
		const result = outputs[1][0].json.optOut as IDataObject;
		expect(result).toMatchObject({ status: 'failed', destinations: { braze: { outcome: 'failed_permanent' } } });
		expect(String((result.retry as IDataObject).reasons)).toMatch(/phone field could not be made E\.164/);
		expect(JSON.stringify(result)).not.toMatch(/555.?0177/);
	});

	it('refuses a Default Phone Region that is not a country code', async () => {
		await expect(
			executeNode(new PropagateOptOut(), { parameters: { ...parameters, options: { defaultRegion: 'XX' } }, inputs: [[stop]], credentials, httpRequestWithAuthentication: braze([]) }),
		).rejects.toThrow('Default Phone Region "XX" is not a country code');
	});
});
