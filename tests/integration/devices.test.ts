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
let worker: string;
beforeAll(async () => {
	app = await startServer();
	admin = await signIn(app.url, 'admin@example.org', demoPassword);
	worker = await signIn(app.url, 'social-worker@example.org', demoPassword);
});
afterAll(async () => {
	await app?.stop();
});

const onDevice = (deviceId: string) => `${worker}; pep-device=${deviceId}`;

async function register(deviceId: string) {
	const answer = await call(app.url, 'POST', '/api/devices', {
		cookie: worker,
		json: { deviceId }
	});
	expect(answer.status, answer.text).toBe(201);
}

describe('devices', () => {
	it('are refused everywhere once revoked, while the person’s other devices carry on', async () => {
		const lost = crypto.randomUUID();
		const kept = crypto.randomUUID();
		await register(lost);
		await register(kept);

		const listed = await call(app.url, 'GET', '/api/admin/devices', { cookie: admin });
		expect(
			(listed.body as { devices: { deviceId: string }[] }).devices.map((d) => d.deviceId)
		).toEqual(expect.arrayContaining([lost, kept]));

		for (const path of ['/api/session', '/db/pep/', '/db/pep/_changes']) {
			expect((await call(app.url, 'GET', path, { cookie: onDevice(lost) })).status).toBe(200);
		}
		const revoked = await call(app.url, 'PATCH', `/api/admin/devices/${lost}`, {
			cookie: admin,
			json: { revoked: true }
		});
		expect(revoked.status, revoked.text).toBe(200);
		expect(revoked.body).toMatchObject({ deviceId: lost, revokedAt: expect.any(String) });

		for (const path of ['/api/session', '/api/access', '/db/pep/', '/db/pep/_changes']) {
			const answer = await call(app.url, 'GET', path, { cookie: onDevice(lost) });
			expect(answer.status, path).toBe(410);
			expect(answer.body).toMatchObject({ error: 'device-revoked' });
		}
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: onDevice(kept) })).status).toBe(200);
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: worker })).status).toBe(200);
	});

	it('cannot be registered without signing in, nor revoked by anyone but an administrator', async () => {
		const id = crypto.randomUUID();
		expect((await call(app.url, 'POST', '/api/devices', { json: { deviceId: id } })).status).toBe(
			401
		);
		await register(id);
		const refused = await call(app.url, 'PATCH', `/api/admin/devices/${id}`, {
			cookie: worker,
			json: { revoked: true }
		});
		expect(refused.status).toBe(403);
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: onDevice(id) })).status).toBe(200);
	});

	it('are listed and revoked with the admin script', async () => {
		const id = crypto.randomUUID();
		await register(id);
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
		expect((await call(app.url, 'GET', '/db/pep/', { cookie: onDevice(id) })).status).toBe(410);
	});
});
