/**
 * The security headers on every kind of response the server sends, HSTS only over HTTPS, and
 * writes from another website refused before they reach the API or the gateway.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, messageOf } from './support/http';
import { demoPassword, root, signIn, startServer, type RunningServer } from './support/server';

let app: RunningServer;
let behindProxy: RunningServer;

beforeAll(async () => {
	[app, behindProxy] = await Promise.all([
		startServer(),
		// As in production: an HTTPS address, and a proxy that says how the browser reached it.
		startServer({
			demo: false,
			env: { ORIGIN: 'https://pep.example.test', PROTOCOL_HEADER: 'x-forwarded-proto' }
		})
	]);
}, 120_000);

afterAll(async () => {
	await Promise.all([app?.stop(), behindProxy?.stop()]);
});

async function get(url: string, path: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${url}${path}`, { headers });
	await response.body?.cancel();
	return response;
}

function expectSecurityHeaders(headers: Headers) {
	const csp = headers.get('content-security-policy') ?? '';
	const directives = new Map(
		csp.split(';').map((directive) => {
			const [name, ...sources] = directive.trim().split(/\s+/);
			return [name!, sources.join(' ')];
		})
	);
	expect(directives.get('default-src')).toBe("'self'");
	expect(directives.get('script-src')).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
	expect(directives.get('style-src')).toBe("'self'");
	expect(directives.get('img-src')).toBe("'self' data: blob:");
	expect(directives.get('connect-src')).toBe("'self'");
	expect(directives.get('worker-src')).toBe("'self'");
	expect(directives.get('font-src')).toBe("'self'");
	expect(directives.get('manifest-src')).toBe("'self'");
	expect(directives.get('frame-ancestors')).toBe("'none'");
	expect(directives.get('base-uri')).toBe("'self'");
	expect(directives.get('form-action')).toBe("'self'");
	expect(directives.get('object-src')).toBe("'none'");
	expect(csp).not.toContain('unsafe-inline');
	expect(csp).not.toContain('unsafe-eval');

	expect(headers.get('referrer-policy')).toBe('same-origin');
	expect(headers.get('x-content-type-options')).toBe('nosniff');
	expect(headers.get('permissions-policy')).toContain('camera=(self)');
	expect(headers.get('permissions-policy')).toContain('microphone=()');
	expect(headers.get('permissions-policy')).toContain('geolocation=()');
	expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
}

describe('every response carries the security headers', () => {
	it.each([
		['the app shell', '/', 200, 'text/html'],
		['a page the app renders', '/sign-in', 200, 'text/html'],
		['a built script', 'script', 200, 'javascript'],
		['the service worker', '/service-worker.js', 200, 'javascript'],
		['the manifest', '/manifest.webmanifest', 200, 'application/manifest+json'],
		['an icon', '/icons/icon-192.png', 200, 'image/png'],
		['the session API', '/api/session', 200, 'application/json'],
		['the gateway, signed out', '/db/pep/', 401, 'application/json'],
		['a page that does not exist', '/no-such-page', 404, 'text/html'],
		['a file that does not exist', '/no-such-file.js', 404, '']
	])('%s', async (_name, path, status, type) => {
		const target = path === 'script' ? await builtScript() : path;
		const response = await get(app.url, target);
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type') ?? '').toContain(type);
		expectSecurityHeaders(response.headers);
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('pages allow their own start-up script by its hash, and nothing inline besides', async () => {
		const response = await fetch(`${app.url}/`);
		const html = await response.text();
		const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
		expect(inline).toHaveLength(1);
		const hash = createHash('sha256').update(inline[0]!).digest('base64');
		expect(response.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
	});

	it('a page not modified since it was cached keeps the policy cached with it', async () => {
		const first = await get(app.url, '/');
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		const again = await get(app.url, '/', { 'if-none-match': etag! });
		expect(again.status).toBe(304);
		// A 304's headers replace the cached ones: a CSP here without the page's hash would stop
		// the cached page's script from running.
		expect(again.headers.get('content-security-policy')).toBeNull();
		expect(again.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

describe('Strict-Transport-Security', () => {
	it('is sent when the request reached an HTTPS address through the proxy over HTTPS', async () => {
		for (const path of ['/', '/manifest.webmanifest', '/service-worker.js', '/api/session']) {
			const response = await get(behindProxy.url, path, { 'x-forwarded-proto': 'https' });
			expectSecurityHeaders(response.headers);
			expect(response.headers.get('strict-transport-security')).toBe(
				'max-age=31536000; includeSubDomains'
			);
		}
	});

	it('is not sent over plain HTTP', async () => {
		const plain: Record<string, string>[] = [{}, { 'x-forwarded-proto': 'http' }];
		for (const headers of plain) {
			const response = await get(behindProxy.url, '/', headers);
			expect(response.headers.get('strict-transport-security')).toBeNull();
		}
	});

	it('is not sent when no proxy is configured, whatever the request claims', async () => {
		const response = await get(app.url, '/', { 'x-forwarded-proto': 'https' });
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});
});

describe('writes from another website', () => {
	const foreign = { origin: 'https://attacker.example' };

	it('are refused by every endpoint that changes anything, signed in as an administrator', async () => {
		const endpoints = stateChangingEndpoints();
		// The session, the admin API and the gateway at least: a new endpoint is found by itself.
		expect(endpoints.length).toBeGreaterThanOrEqual(9);
		const cookie = await signIn(app.url, 'admin@example.org', demoPassword);
		for (const { method, path } of endpoints) {
			const answer = await call(app.url, method, path, { cookie, json: {}, headers: foreign });
			expect(answer.status, `${method} ${path}`).toBe(403);
			expect(messageOf(answer), `${method} ${path}`).toMatch(/another website/);
		}
	});

	it('a sign-in posted from another website is refused, and starts no session', async () => {
		const credentials = { email: 'social-worker@example.org', password: demoPassword };
		const fromElsewhere: Record<string, string>[] = [
			foreign,
			{ origin: 'null' },
			{ 'sec-fetch-site': 'cross-site' },
			{ origin: app.url, 'sec-fetch-site': 'same-site' }
		];
		for (const headers of fromElsewhere) {
			const answer = await call(app.url, 'POST', '/api/session', { json: credentials, headers });
			expect(answer.status, JSON.stringify(headers)).toBe(403);
			expect(messageOf(answer)).toMatch(/another website/);
			expect(answer.headers.getSetCookie()).toEqual([]);
			expectSecurityHeaders(answer.headers);
		}

		// From the app itself, and from a program that is not a browser, it works.
		const fromHere: Record<string, string>[] = [
			{ origin: app.url, 'sec-fetch-site': 'same-origin' },
			{}
		];
		for (const headers of fromHere) {
			const answer = await call(app.url, 'POST', '/api/session', { json: credentials, headers });
			expect(answer.status, JSON.stringify(headers)).toBe(200);
		}
	});

	it('a write to the gateway from another website is refused and stores nothing', async () => {
		const cookie = await signIn(app.url, 'social-worker@example.org', demoPassword);
		const all = await call(app.url, 'GET', '/db/pep/_all_docs?include_docs=true', { cookie });
		const rows = (all.body as { rows: { id: string; doc: Record<string, unknown> }[] }).rows;
		const sectionA = rows.find((row) => row.id.endsWith(':a'))!.doc;
		const path = `/db/pep/${encodeURIComponent(String(sectionA._id))}`;
		const userId = (
			(await call(app.url, 'GET', '/api/session', { cookie })).body as {
				user: { userId: string };
			}
		).user.userId;
		const edit = { ...sectionA, updated: { by: userId, at: new Date().toISOString() } };

		const refused = await call(app.url, 'POST', '/db/pep/_bulk_docs', {
			cookie,
			json: { docs: [edit] },
			headers: foreign
		});
		expect(refused.status).toBe(403);
		expect(messageOf(refused)).toMatch(/another website/);
		const put = await call(app.url, 'PUT', path, { cookie, json: edit, headers: foreign });
		expect(put.status).toBe(403);
		const stored = await call(app.url, 'GET', path, { cookie });
		expect((stored.body as { _rev: string })._rev).toBe(sectionA._rev);

		// The same write from the app itself is accepted: the refusal was for where it came from.
		const accepted = await call(app.url, 'POST', '/db/pep/_bulk_docs', {
			cookie,
			json: { docs: [edit] },
			headers: { origin: app.url }
		});
		expect(accepted.status).toBe(201);
		expect(accepted.body).toEqual([expect.objectContaining({ ok: true })]);
	});
});

/** The path of one of the app's built scripts, from the shell page's preload links. */
async function builtScript(): Promise<string> {
	const html = await (await fetch(`${app.url}/`)).text();
	const match = /\/_app\/immutable\/[^"]+\.js/.exec(html);
	if (!match) throw new Error('The shell page links no built script.');
	return match[0];
}

/**
 * Every method other than GET that a server route exports, with a sample path: read from the
 * routes themselves, so that an endpoint added later is checked without anyone remembering to.
 */
function stateChangingEndpoints(): { method: string; path: string }[] {
	const routes = join(root, 'src', 'routes');
	const files = readdirSync(routes, { recursive: true, encoding: 'utf8' }).filter((file) =>
		file.endsWith('+server.ts')
	);
	return files.flatMap((file) => {
		const source = readFileSync(join(routes, file), 'utf8');
		const path = `/${relative('.', file)}`
			.replace(/\/\+server\.ts$/, '')
			.replace(/\[\.\.\.[^\]]+\]/g, '_bulk_docs')
			.replace(/\[[^\]]+\]/g, 'some-id');
		return [...source.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)].map((match) => ({
			method: match[1]!,
			path
		}));
	});
}
