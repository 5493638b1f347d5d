/**
 * Signing in and out against the real server: the answers, the cookie, the limits on guessing,
 * and how every session and admin endpoint copes with bad input.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectBadInputRefused, messageOf, type BadInput } from './support/http';
import { demoPassword, signIn, startServer, type RunningServer } from './support/server';

const secret = 'integration-session-secret-0123456789abcdef';
const wrongCredentials = 'Enter a correct email address and password.';

let app: RunningServer;
/** A second server, whose address the per-address limit is allowed to lock out. */
let guessed: RunningServer;

beforeAll(async () => {
	[app, guessed] = await Promise.all([
		startServer({ env: { PEP_SESSION_SECRET: secret } }),
		startServer()
	]);
});
afterAll(async () => {
	await Promise.all([app?.stop(), guessed?.stop()]);
});

const signInWith = (server: RunningServer, email: string, password: string) =>
	call(server.url, 'POST', '/api/session', { json: { email, password } });

/** A session cookie made the way the server makes them, for a secret the test chooses. */
function craftCookie(
	session: { userId: string; sessionId: string; role: string; expires: number },
	key: string
) {
	const body = Buffer.from(JSON.stringify(session)).toString('base64url');
	return `pep_session=${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('signing in and out', () => {
	it('signs in, says who is signed in, and signs out', async () => {
		expect((await call(app.url, 'GET', '/api/session')).body).toEqual({ user: null });

		const signedIn = await signInWith(app, 'Social-Worker@Example.org ', demoPassword);
		expect(signedIn.status).toBe(200);
		expect(signedIn.body).toMatchObject({ role: 'social-worker', displayName: expect.any(String) });
		const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;

		const me = await call(app.url, 'GET', '/api/session', { cookie });
		expect(me.body).toEqual({ user: signedIn.body });

		const out = await call(app.url, 'DELETE', '/api/session', { cookie });
		expect(out.status).toBe(204);
		const cleared = out.headers.getSetCookie()[0]!;
		expect(cleared).toMatch(/^pep_session=;/);
		expect(cleared).toMatch(/Max-Age=0/);
	});

	it('ends the session on the server: the cookie of a session signed out of opens nothing', async () => {
		const cookie = await signIn(app.url, 'social-worker@example.org', demoPassword);
		expect((await call(app.url, 'GET', '/db/pep/_all_docs?limit=1', { cookie })).status).toBe(200);
		expect((await call(app.url, 'DELETE', '/api/session', { cookie })).status).toBe(204);
		// Replayed, as someone who copied it, or a browser that kept it, would.
		expect((await call(app.url, 'GET', '/api/session', { cookie })).body).toEqual({ user: null });
		expect((await call(app.url, 'GET', '/db/pep/_all_docs?limit=1', { cookie })).status).toBe(401);
		expect((await call(app.url, 'GET', '/api/access', { cookie })).status).toBe(401);
		// Signing out one session leaves the person's others alone.
		const other = await signIn(app.url, 'social-worker@example.org', demoPassword);
		expect((await call(app.url, 'GET', '/api/session', { cookie: other })).body).toMatchObject({
			user: { role: 'social-worker' }
		});
	});

	it('sets the cookie HttpOnly, SameSite=Strict, for the whole site, and not Secure on http', async () => {
		const signedIn = await signInWith(app, 'designated-teacher@example.org', demoPassword);
		const [cookie, ...others] = signedIn.headers.getSetCookie();
		expect(others).toEqual([]);
		const attributes = cookie!.split(/;\s*/).slice(1);
		expect(attributes).toEqual(
			expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200'])
		);
		expect(attributes.map((a) => a.toLowerCase())).not.toContain('secure');
	});

	it('answers an unknown email and a wrong password alike', async () => {
		const unknown = await signInWith(app, 'nobody@example.org', demoPassword);
		const wrong = await signInWith(app, 'iro@example.org', 'not-the-password');
		expect([unknown.status, wrong.status]).toEqual([401, 401]);
		expect(unknown.body).toEqual({ message: wrongCredentials });
		expect(wrong.body).toEqual(unknown.body);
		expect(unknown.headers.getSetCookie()).toEqual([]);
	});

	it('treats a forged, altered or expired cookie as signed out', async () => {
		const now = Math.floor(Date.now() / 1000);
		const admin = {
			userId: 'demo-admin',
			sessionId: 'never-begun',
			role: 'admin',
			expires: now + 3600
		};
		// The test knows the secret, yet a cookie it signs properly names a session the server never
		// began, and is refused like the rest.
		expect(
			(await call(app.url, 'GET', '/api/session', { cookie: craftCookie(admin, secret) })).body
		).toEqual({ user: null });

		const real = (await signIn(app.url, 'young-person@example.org', demoPassword)).split('.');
		const promoted = Buffer.from(
			JSON.stringify({ userId: 'demo-admin', role: 'admin', expires: now + 3600 })
		).toString('base64url');
		const refused = [
			craftCookie({ ...admin, expires: now - 1 }, secret),
			craftCookie(admin, 'some-other-secret-that-is-long-enough'),
			`pep_session=${promoted}.${real[1]}`,
			`${real[0]}.${real[1]}x`,
			'pep_session=not-a-session',
			'pep_session='
		];
		for (const cookie of refused) {
			expect((await call(app.url, 'GET', '/api/session', { cookie })).body, cookie).toEqual({
				user: null
			});
			expect((await call(app.url, 'GET', '/api/admin/users', { cookie })).status, cookie).toBe(401);
		}
	});
});

describe('limits on guessing', () => {
	it('locks an account for fifteen minutes after five failures, and only that account', async () => {
		for (let i = 0; i < 5; i += 1) {
			expect((await signInWith(app, 'carer@example.org', `wrong guess ${i}`)).status).toBe(401);
		}
		const locked = await signInWith(app, 'carer@example.org', demoPassword);
		expect(locked.status).toBe(429);
		expect(messageOf(locked)).toMatch(/^Too many attempts to sign in\. Try again in 15 minutes\.$/);
		const wait = Number(locked.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(890);
		expect(wait).toBeLessThanOrEqual(900);
		expect(locked.headers.getSetCookie()).toEqual([]);

		expect((await signInWith(app, 'personal-adviser@example.org', demoPassword)).status).toBe(200);
	});

	it('stops an address after thirty failures, even with the right password', async () => {
		for (let i = 0; i < 30; i += 1) {
			const answer = await signInWith(guessed, `guess-${i}@example.org`, 'a wrong password');
			expect(answer.status, `attempt ${i + 1}`).toBe(401);
		}
		const stopped = await signInWith(guessed, 'social-worker@example.org', demoPassword);
		expect(stopped.status).toBe(429);
		expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(messageOf(stopped)).toMatch(/^Too many attempts to sign in/);
	});
});

describe('bad input to the session and admin endpoints', () => {
	let server: RunningServer;
	let dataDir: string;
	let admin: string;

	/** Every document's id and revision, read from the stopped server's data folder. */
	async function snapshot(): Promise<Record<string, Record<string, string>>> {
		const result: Record<string, Record<string, string>> = {};
		for (const name of ['pep', 'users']) {
			const db = new PouchDB(join(dataDir, name));
			const all = await db.allDocs();
			result[name] = Object.fromEntries(all.rows.map((row) => [row.id, row.value.rev]));
			await db.close();
		}
		return result;
	}

	let before: Awaited<ReturnType<typeof snapshot>>;
	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'pep-it-bad-input-'));
		server = await startServer({ dataDir });
		admin = await signIn(server.url, 'admin@example.org', demoPassword);
		await server.stop();
		before = await snapshot();
		// The same data and session secret: the admin's cookie still holds.
		server = await startServer({ dataDir });
	});
	afterAll(async () => {
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	const endpoints: (BadInput & { method: string; path: string })[] = [
		{
			method: 'POST',
			path: '/api/session',
			wrongTypes: { email: 42, password: true },
			expected: /^email: must be text; password: must be text$/,
			missing: /^email: is required; password: is required$/
		},
		{
			method: 'POST',
			path: '/api/admin/users',
			wrongTypes: { email: 'a@example.org', displayName: 'A', role: 7, authorityId: ['x'] },
			expected: /role: must be one of: .*; authorityId: must be text/,
			// A missing choice is refused as "must be one of" (the domain's wording for enums).
			missing:
				/^email: is required; displayName: is required; role: must be one of: .*; authorityId: is required$/
		},
		{
			method: 'PUT',
			path: '/api/admin/users/demo-admin/assignment',
			wrongTypes: { childIds: 'abcd' },
			expected: /^childIds: must be a list$/,
			missing: /^\(document\): must give childIds, schoolIds or authorityIds$/
		},
		{
			method: 'PATCH',
			path: '/api/admin/users/demo-admin',
			wrongTypes: { disabled: 'yes' },
			expected: /^disabled: must be true/,
			missing: /^disabled: must be true/
		},
		{
			method: 'POST',
			path: '/api/admin/children',
			wrongTypes: { person: 'Amira', yearGroup: 8 },
			expected: /person: must be a record.*yearGroup: must be one of/,
			missing: /person: is required/
		}
	];

	for (const endpoint of endpoints) {
		it(`${endpoint.method} ${endpoint.path} refuses bad input with a 4xx that says why`, async () => {
			await expectBadInputRefused(
				(options) =>
					call(server.url, endpoint.method, endpoint.path, { cookie: admin, ...options }),
				server.url,
				endpoint
			);
		});
	}

	it('cuts off a body streamed without a length at the limit too', async () => {
		const chunk = new TextEncoder().encode(`"${'x'.repeat(64 * 1024)}",`);
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				sent += 1;
				if (sent > 12) controller.close();
				else controller.enqueue(sent === 1 ? new TextEncoder().encode('[') : chunk);
			}
		});
		const response = await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({ message: 'The request body is too large.' });
	});

	it('changes nothing on the server', async () => {
		await server.stop();
		expect(await snapshot()).toEqual(before);
	});
});
