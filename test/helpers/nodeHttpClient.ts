// A plain Node HTTP client for lib/optout in tests and benches (never shipped: n8n's verification
// refuses node:http and timers in a package): node:http/https with
// keep-alive; adds fixed authentication headers, as an n8n credential's `authenticate` would.
import http from 'node:http';
import https from 'node:https';
import { TransportError, type HttpClient, type HttpRequest } from '../../lib/optout';

export interface NodeClientOptions {
	/** Headers added to every request (e.g. { authorization: 'Bearer ...' }). */
	authHeaders?: Record<string, string>;
	/** Keep-alive sockets per origin. */
	maxSockets?: number;
}

export function createNodeHttpClient(options: NodeClientOptions = {}): HttpClient {
	const httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });
	const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });
	return (request: HttpRequest) =>
		new Promise((resolve, rawReject) => {
			const state: { timer?: NodeJS.Timeout } = {};
			const reject = (error: Error) => {
				clearTimeout(state.timer);
				rawReject(error);
			};
			const url = new URL(request.url);
			const secure = url.protocol === 'https:';
			const headers: Record<string, string> = { ...request.headers, ...(options.authHeaders ?? {}) };
			if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
			const req = (secure ? https : http).request(
				url,
				{ method: request.method, headers, agent: secure ? httpsAgent : httpAgent },
				(res) => {
					const parts: Buffer[] = [];
					res.on('data', (part: Buffer) => parts.push(part));
					res.on('end', () => {
						const responseHeaders: Record<string, string> = {};
						for (const [name, value] of Object.entries(res.headers)) {
							if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
						}
						clearTimeout(state.timer);
						resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(parts).toString('utf8') });
					});
					res.on('error', (error: NodeJS.ErrnoException) => reject(new TransportError(error.message, error.code ?? 'ECONNRESET')));
				},
			);
			// A timer over the whole exchange (socket idle timeouts miss a slow trickle and mocked delays).
			state.timer = setTimeout(() => req.destroy(new TransportError(`no response within ${request.timeoutMs} ms`, 'ETIMEDOUT')), request.timeoutMs);
			req.on('error', (error: NodeJS.ErrnoException) =>
				reject(error instanceof TransportError ? error : new TransportError(error.message, error.code ?? 'EUNKNOWN')),
			);
			if (request.body !== undefined) req.write(request.body);
			req.end();
		});
}
