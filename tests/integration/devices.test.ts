/**
 * Revoking a lost device: a device registers when its passcode is set; an administrator lists
 * and revokes it (over the API and with scripts/admin.mjs); after that every request it sends to
 * the API or the gateway is refused with 410 and `device-revoked`, and other devices carry on.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './support/http';
import { demoPassword, root, signIn, startServer, type RunningServer } from './support/server';

let app: RunningServer;
let admin: string;
beforeAll(async () => {
	app = await startServer();
	admin = await signIn(app.url, 'admin@example.org', demoPassword);
});
afterAll(async () => {
	await app?.stop();
});

/**
 * The social worker signed in on a device of their own, as the app does it: a session, then the
 * device registered when its passcode is set, its id sent with every request from then on.
 */
async function deviceOfTheirOwn() {
	const deviceId = crypto.randomUUID();
	const session = await signIn(app.url, 'social-worker@example.org', demoPassword);
	const cookie = `${session}; pep-device=${deviceId}`;
	const answer = await call(app.url, 'POST', '/api/devices', { cookie, json: { deviceId } });
	expect(answer.status, answer.text).toBe(201);
	return { deviceId, session, cookie };
}

describe('devices', () => {
	it('are refused everywhere once revoked, while the person’s other devices carry on', async () => {
		const lost = await deviceOfTheirOwn();
		const kept = await deviceOfTheirOwn();
		const browser = await signIn(app.url, 'social-worker@example.org', demoPassword);

		const listed = await call(app.url, 'GET', '/api/admin/devices', { cookie: admin });
		expect(
			(listed.body as { devices: { deviceId: string }[] }).devices.map((d) => d.deviceId)
		).toEqual(expect.arrayContaining([lost.deviceId, kept.deviceId]));

		for (const path of ['/api/session', '/db/pep/', '/db/pep/_changes']) {
			expect((await call(app.url, 'GET', path, { cookie: lost.cookie })).status).toBe(200);
		}
		const revoked = await call(app.url, 'PATCH', `/api/admin/devices/${lost.deviceId}`, {
			cookie: admin,
			json: { revoked: true }
		});
		expect(revoked.status, revoked.text).toBe(200);
		expect(revoked.body).toMatchObject({ deviceId: lost.deviceId, revokedAt: expect.any(String) });

		for (const path of ['/api/session', '/api/access', '/db/pep/', '/db/pep/_changes']) {
			const answer = await call(app.url, 'GET', path, { cookie: lost.cookie });
			expect(answer.status, path).toBe(410);
			expect(answer.body).toMatchObject({ error: 'device-revoked' });
		}
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: kept.cookie })).status).toBe(200);
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: browser })).status).toBe(200);
	});

	it('take their sessions with them: a revoked device’s session is dead whatever the request carries', async () => {
		const lost = await deviceOfTheirOwn();
		const other = await deviceOfTheirOwn();
		const revoked = await call(app.url, 'PATCH', `/api/admin/devices/${lost.deviceId}`, {
			cookie: admin,
			json: { revoked: true }
		});
		expect(revoked.status, revoked.text).toBe(200);
		for (const cookie of [
			lost.session,
			`${lost.session}; pep-device=${other.deviceId}`,
			`${lost.session}; pep-device=${crypto.randomUUID()}`
		]) {
			expect((await call(app.url, 'GET', '/db/pep/_all_docs', { cookie })).status).toBe(401);
			expect((await call(app.url, 'GET', '/api/session', { cookie })).body).toEqual({ user: null });
		}
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: other.cookie })).status).toBe(200);
	});

	it('hold a session to the device it was first used from', async () => {
		const first = await deviceOfTheirOwn();
		const elsewhere = `${first.session}; pep-device=${crypto.randomUUID()}`;
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: elsewhere })).status).toBe(401);
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: first.session })).status).toBe(401);
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: first.cookie })).status).toBe(200);
	});

	it('cannot be registered without signing in, nor revoked by anyone but an administrator', async () => {
		const id = crypto.randomUUID();
		expect((await call(app.url, 'POST', '/api/devices', { json: { deviceId: id } })).status).toBe(
			401
		);
		const device = await deviceOfTheirOwn();
		const refused = await call(app.url, 'PATCH', `/api/admin/devices/${device.deviceId}`, {
			cookie: device.cookie,
			json: { revoked: true }
		});
		expect(refused.status).toBe(403);
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: device.cookie })).status).toBe(200);
	});

	it('are listed and revoked with the admin script', async () => {
		const device = await deviceOfTheirOwn();
		const id = device.deviceId;
		const run = (args: string[]) =>
			new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
				execFile(
					process.execPath,
					[
						join(root, 'scripts/admin.mjs'),
						'--url',
						app.url,
						'--email',
						'admin@example.org',
						...args
					],
					{ env: { ...process.env, PEP_ADMIN_PASSWORD: demoPassword }, timeout: 30_000 },
					(error, stdout, stderr) =>
						resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
				);
			});
		const listed = await run(['list-devices']);
		expect(listed.code, listed.stderr).toBe(0);
		expect(listed.stdout).toContain(id);
		const revoked = await run(['revoke-device', '--device', id]);
		expect(revoked.code, revoked.stderr).toBe(0);
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: device.cookie })).status).toBe(410);
	});
});
