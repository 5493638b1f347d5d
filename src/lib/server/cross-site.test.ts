import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from './cross-site';

const app = 'https://pep.example.gov.uk';
const request = (method: string, path: string, headers: Record<string, string> = {}) =>
	[new Request(`${app}${path}`, { method, headers }), new URL(`${app}${path}`)] as const;

describe('a write from another website', () => {
	it('is refused to the API and the gateway when the browser says it came from elsewhere', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			for (const path of ['/api/session', '/db/pep/_bulk_docs', '/db/pep']) {
				expect(isCrossSiteWrite(...request(method, path, { origin: 'https://evil.example' }))).toBe(
					true
				);
				expect(isCrossSiteWrite(...request(method, path, { 'sec-fetch-site': 'cross-site' }))).toBe(
					true
				);
			}
		}
		expect(isCrossSiteWrite(...request('POST', '/api/session', { origin: 'null' }))).toBe(true);
		// A sibling site under the same domain is still another website.
		expect(
			isCrossSiteWrite(
				...request('POST', '/api/session', { origin: app, 'sec-fetch-site': 'same-site' })
			)
		).toBe(true);
	});

	it('is let through from the app itself, or from a program that is not a browser', () => {
		expect(isCrossSiteWrite(...request('POST', '/api/session'))).toBe(false);
		expect(isCrossSiteWrite(...request('POST', '/api/session', { origin: app }))).toBe(false);
		expect(
			isCrossSiteWrite(...request('POST', '/api/session', { 'sec-fetch-site': 'same-origin' }))
		).toBe(false);
		// Started without ORIGIN, the server takes its own scheme to be https: the host decides.
		expect(
			isCrossSiteWrite(...request('POST', '/api/session', { origin: 'http://pep.example.gov.uk' }))
		).toBe(false);
	});

	it('is not a write when it only reads, or is not to the API or the gateway', () => {
		const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
		expect(isCrossSiteWrite(...request('GET', '/api/session', evil))).toBe(false);
		expect(isCrossSiteWrite(...request('POST', '/sign-in', evil))).toBe(false);
		expect(isCrossSiteWrite(...request('POST', '/apiary', evil))).toBe(false);
	});
});
