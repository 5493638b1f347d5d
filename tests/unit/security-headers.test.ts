import { describe, expect, it } from 'vitest';
import {
	cameOverHttps,
	contentSecurityPolicy,
	securityHeaders
} from '../../server/security-headers.js';

const proxied = { PROTOCOL_HEADER: 'X-Forwarded-Proto' };
const request = (headers: Record<string, string | string[]> = {}, encrypted?: boolean) => ({
	socket: encrypted === undefined ? {} : { encrypted },
	headers
});

describe('whether a request came over HTTPS', () => {
	it('is yes over TLS to this process', () => {
		expect(cameOverHttps(request({}, true), {})).toBe(true);
	});

	it('is yes through a proxy that says so in the header it is configured to send', () => {
		expect(cameOverHttps(request({ 'x-forwarded-proto': 'https' }), proxied)).toBe(true);
		// A chain of proxies: the first is the one the browser reached.
		expect(cameOverHttps(request({ 'x-forwarded-proto': 'https, http' }), proxied)).toBe(true);
		expect(
			cameOverHttps(request({ 'x-forwarded-scheme': 'https' }), {
				PROTOCOL_HEADER: 'X-Forwarded-Scheme'
			})
		).toBe(true);
	});

	it('is no otherwise, whatever a request claims when no proxy is configured', () => {
		expect(cameOverHttps(undefined, proxied)).toBe(false);
		expect(cameOverHttps(request(), proxied)).toBe(false);
		expect(cameOverHttps(request({ 'x-forwarded-proto': 'http' }), proxied)).toBe(false);
		expect(cameOverHttps(request({ 'x-forwarded-proto': 'http, https' }), proxied)).toBe(false);
		expect(cameOverHttps(request({ 'x-forwarded-proto': 'https' }), {})).toBe(false);
		expect(cameOverHttps(request({}, false), proxied)).toBe(false);
	});
});

describe('the security headers', () => {
	it('include HSTS only over HTTPS', () => {
		expect(securityHeaders({ https: false })).not.toHaveProperty('strict-transport-security');
		expect(securityHeaders({ https: true })['strict-transport-security']).toBe(
			'max-age=31536000; includeSubDomains'
		);
	});

	it('quote keywords and hashes in the policy, and allow nothing inline but one hashed style', () => {
		expect(contentSecurityPolicy).toContain(
			"default-src 'self'; script-src 'self'; style-src 'self'"
		);
		expect(contentSecurityPolicy).toMatch(/style-src-attr 'unsafe-hashes' 'sha256-[^']+';/);
		expect(contentSecurityPolicy).toContain("img-src 'self' data: blob:");
		expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
		expect(contentSecurityPolicy).not.toContain('unsafe-inline');
		expect(contentSecurityPolicy).not.toContain('unsafe-eval');
	});
});
