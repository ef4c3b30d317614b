// Adapts a full-response request function (n8n's httpRequestWithAuthentication with
// returnFullResponse + ignoreHttpStatusErrors, or anything alike) to lib/optout's HttpClient.
import { TransportError, type HttpClient, type HttpRequest } from './types';

export interface FullResponse {
	statusCode?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

export function clientFromRequester(requester: (request: HttpRequest) => Promise<FullResponse>): HttpClient {
	return async (request) => {
		let response: FullResponse;
		try {
			response = await requester(request);
		} catch (error) {
			const e = error as { message?: string; code?: string; cause?: { code?: string } };
			throw new TransportError(e?.message ?? 'request failed', e?.code ?? e?.cause?.code ?? 'EUNKNOWN');
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(response?.headers ?? {})) {
			if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
		const body = response?.body;
		return {
			status: Number(response?.statusCode ?? 0),
			headers,
			body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : body === undefined || body === null ? '' : JSON.stringify(body),
		};
	};
}
