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
import { call, expectBadInputRefused, messageOf, type Answer, type BadInput } from './support/http';
import { demoPassword, signIn, startServer, type RunningServer } from './support/server';

const secret = 'integration-session-secret-0123456789abcdef';
const wrongCredentials = 'Enter a correct email address and password.';

let app: RunningServer;
/** A second server, behind a "proxy" that names the caller's address, for the limits on guessing. */
let guessed: RunningServer;

beforeAll(async () => {
	[app, guessed] = await Promise.all([
		startServer({ env: { PEP_SESSION_SECRET: secret } }),
		startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } })
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

	it('sets the session cookie for the whole site and the known-browser cookie for the API, HttpOnly, SameSite=Strict, not Secure on http', async () => {
		const signedIn = await signInWith(app, 'designated-teacher@example.org', demoPassword);
		const cookies = signedIn.headers.getSetCookie();
		expect(cookies.map((cookie) => cookie.split('=')[0]).sort()).toEqual([
			'pep_known',
			'pep_session'
		]);
		const attributesOf = (name: string) =>
			cookies
				.find((cookie) => cookie.startsWith(`${name}=`))!
				.split(/;\s*/)
				.slice(1);
		expect(attributesOf('pep_session')).toEqual(
			expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200'])
		);
		// The note that this browser knows the account goes only to the API, for 90 days.
		expect(attributesOf('pep_known')).toEqual(
			expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api', 'Max-Age=7776000'])
		);
		for (const name of ['pep_session', 'pep_known']) {
			expect(attributesOf(name).map((a) => a.toLowerCase())).not.toContain('secure');
		}
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
	// The `guessed` server takes the caller's address from X-Forwarded-For, as behind a proxy, so
	// the tests can sign in from several addresses.
	const attempt = (email: string, password: string, address: string, known?: string) =>
		call(guessed.url, 'POST', '/api/session', {
			json: { email, password },
			headers: { 'x-forwarded-for': address },
			...(known ? { cookie: known } : {})
		});

	/** The cookie that says this browser has signed in to the account before. */
	const knownCookieOf = (answer: Answer) =>
		answer.headers
			.getSetCookie()
			.map((header) => header.split(';')[0]!)
			.find((pair) => pair.startsWith('pep_known='));

	async function signInOnABrowser(email: string, address: string): Promise<string> {
		const answer = await attempt(email, demoPassword, address);
		expect(answer.status, answer.text).toBe(200);
		return knownCookieOf(answer)!;
	}

	/**
	 * Wrong passwords from `addressOf(i)` until the next try must wait at least eight seconds
	 * (so the assertions after it cannot race a delay running out). A slowdown's shorter waits are
	 * waited out, so every try after them counts.
	 */
	async function guessUntilSlowed(email: (i: number) => string, addressOf: (i: number) => string) {
		for (let i = 0; i < 60; i += 1) {
			const answer = await attempt(email(i), `wrong guess ${i}`, addressOf(i));
			if (answer.status === 401) continue;
			expect(answer.status, answer.text).toBe(429);
			const wait = Number(answer.headers.get('retry-after'));
			if (wait >= 8) return;
			await new Promise((resolve) => setTimeout(resolve, wait * 1000));
		}
		throw new Error('Sixty wrong passwords were never slowed down.');
	}

	it('locks an account from the address that guessed at it, and from nowhere else', async () => {
		for (let i = 0; i < 5; i += 1) {
			const answer = await attempt('carer@example.org', `wrong guess ${i}`, '203.0.113.1');
			expect(answer.status).toBe(401);
		}
		const locked = await attempt('carer@example.org', demoPassword, '203.0.113.1');
		expect(locked.status).toBe(429);
		expect(messageOf(locked)).toBe('Too many attempts to sign in. Try again in 15 minutes.');
		const wait = Number(locked.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(890);
		expect(wait).toBeLessThanOrEqual(900);
		expect(locked.headers.getSetCookie()).toEqual([]);

		expect((await attempt('carer@example.org', demoPassword, '203.0.113.2')).status).toBe(200);
		expect((await attempt('iro@example.org', demoPassword, '203.0.113.1')).status).toBe(200);
	});

	it('slows guessing at an account from many addresses, and its owner still gets in', async () => {
		const owner = await signInOnABrowser('personal-adviser@example.org', '198.51.100.7');
		await guessUntilSlowed(
			() => 'personal-adviser@example.org',
			(i) => `203.0.113.${10 + i}`
		);

		const stranger = await attempt('personal-adviser@example.org', demoPassword, '203.0.113.250');
		expect(stranger.status).toBe(429);
		expect(messageOf(stranger)).toMatch(
			/^Too many attempts to sign in\. Try again in \d+ (seconds|minutes?)\.$/
		);

		// The owner, on the browser they signed in with before, from home and from the school.
		expect(
			(await attempt('personal-adviser@example.org', demoPassword, '198.51.100.7', owner)).status
		).toBe(200);
		expect(
			(await attempt('personal-adviser@example.org', demoPassword, '203.0.113.250', owner)).status
		).toBe(200);
	});

	it("slows a shared network that tries many accounts, except on people's own browsers", async () => {
		const teacher = await signInOnABrowser('designated-teacher@example.org', '192.0.2.50');
		await guessUntilSlowed(
			(i) => `guess-${i}@example.org`,
			() => '192.0.2.50'
		);

		const newcomer = await attempt('social-worker@example.org', demoPassword, '192.0.2.50');
		expect(newcomer.status).toBe(429);
		expect(Number(newcomer.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(
			(await attempt('designated-teacher@example.org', demoPassword, '192.0.2.50', teacher)).status
		).toBe(200);
		// Elsewhere, the same person is not held up by the school's network.
		expect((await attempt('social-worker@example.org', demoPassword, '192.0.2.51')).status).toBe(
			200
		);
	});

	it('treats a known browser as any other after five wrong passwords on it', async () => {
		const browser = await signInOnABrowser('young-person@example.org', '198.51.100.20');
		for (let i = 0; i < 10; i += 1) {
			const answer = await attempt(
				'young-person@example.org',
				`wrong ${i}`,
				'198.51.100.20',
				browser
			);
			expect(answer.status, `wrong password ${i + 1}`).toBe(401);
		}
		const locked = await attempt(
			'young-person@example.org',
			demoPassword,
			'198.51.100.20',
			browser
		);
		expect(locked.status).toBe(429);
	});

	it("does not take another account's, a forged or an altered known-browser cookie", async () => {
		const teachers = await signInOnABrowser('virtual-school@example.org', '198.51.100.30');
		const [body, signature] = teachers.slice('pep_known='.length).split('.');
		const entries = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as {
			userId: string;
		}[];
		const reviewer = (await attempt('iro@example.org', demoPassword, '198.51.100.31')).body as {
			userId: string;
		};
		const renamed = Buffer.from(
			JSON.stringify(entries.map((entry) => ({ ...entry, userId: reviewer.userId })))
		).toString('base64url');
		const forgedSignature = createHmac('sha256', 'a-secret-the-server-does-not-have')
			.update(`known-device\n${renamed}`)
			.digest('base64url');

		for (let i = 0; i < 5; i += 1) {
			expect((await attempt('iro@example.org', `wrong ${i}`, '198.51.100.30')).status).toBe(401);
		}
		for (const cookie of [
			teachers,
			`pep_known=${renamed}.${signature}`,
			`pep_known=${renamed}.${forgedSignature}`
		]) {
			expect(
				(await attempt('iro@example.org', demoPassword, '198.51.100.30', cookie)).status,
				cookie
			).toBe(429);
		}
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
			// A missing choice is refused as "must be chosen" (the domain's wording for enums).
			missing:
				/^email: is required; displayName: is required; role: must be chosen; authorityId: is required$/
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
