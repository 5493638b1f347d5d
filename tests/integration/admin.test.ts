/**
 * The admin path end to end: an administrator creates people, gives them caseloads and opens
 * children's records, over the API and with scripts/admin.mjs; nobody else can.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccountCount } from './support/demo';
import { call, messageOf } from './support/http';
import { demoPassword, root, signIn, startServer, type RunningServer } from './support/server';

const childFile = join(root, 'tests/integration/support/child.json');
const child = JSON.parse(readFileSync(childFile, 'utf8')) as Record<string, unknown>;

let app: RunningServer;
let admin: string;
beforeAll(async () => {
	app = await startServer();
	admin = await signIn(app.url, 'admin@example.org', demoPassword);
});
afterAll(async () => {
	await app?.stop();
});

const asAdmin = (method: string, path: string, json?: unknown) =>
	call(app.url, method, path, { cookie: admin, json });

let counter = 0;
function newPerson<T extends Record<string, unknown>>(role: string, extra?: T) {
	counter += 1;
	return {
		email: `person-${counter}@example.org`,
		displayName: `Person ${counter}`,
		role,
		authorityId: 'demo-authority',
		...(extra as T)
	};
}

describe('the admin API', () => {
	it('creates a user, opens a child record and assigns the child to the user', async () => {
		const created = await asAdmin('POST', '/api/admin/children', child);
		expect(created.status, created.text).toBe(201);
		const record = created.body as { _id: string; childId: string } & Record<string, unknown>;
		expect(record._id).toBe(`child:${record.childId}`);
		expect(record).toMatchObject({
			type: 'child',
			authorityId: 'demo-authority',
			schoolId: 'school-0001',
			updated: { by: 'demo-admin' },
			person: { givenName: 'Amira' }
		});

		const person = newPerson('social-worker', { password: 'a long enough password' });
		const user = await asAdmin('POST', '/api/admin/users', person);
		expect(user.status, user.text).toBe(201);
		const { userId } = user.body as { userId: string };
		expect(user.body).toEqual({
			userId: expect.stringMatching(/^[a-z0-9]{16}$/),
			email: person.email,
			displayName: person.displayName,
			role: 'social-worker',
			authorityId: 'demo-authority',
			disabled: false,
			createdAt: expect.any(String),
			hasPassword: true
		});

		const assigned = await asAdmin('PUT', `/api/admin/users/${userId}/assignment`, {
			childIds: [record.childId]
		});
		expect(assigned.status, assigned.text).toBe(200);
		expect(assigned.body).toMatchObject({
			userId,
			role: 'social-worker',
			childIds: [record.childId],
			schoolIds: [],
			authorityIds: []
		});

		// The new social worker can sign in.
		const session = await signIn(app.url, person.email, person.password);
		expect((await call(app.url, 'GET', '/api/session', { cookie: session })).body).toMatchObject({
			user: { userId, role: 'social-worker' }
		});

		const listed = await asAdmin('GET', '/api/admin/users');
		expect(listed.status).toBe(200);
		const users = (listed.body as { users: { userId: string }[] }).users;
		expect(users.find((u) => u.userId === userId)).toEqual(user.body);
		// Every demo account and the one just made.
		expect(users.length).toBe(demoAccountCount() + 1);
		expect(listed.text).not.toMatch(/passwordHash|scrypt/);
	});

	it('keeps an administrator to their own authority', async () => {
		const elsewhere = await asAdmin(
			'POST',
			'/api/admin/users',
			newPerson('admin', { authorityId: 'another-authority', password: 'a long enough password' })
		);
		expect(elsewhere.status, elsewhere.text).toBe(403);
		expect(messageOf(elsewhere)).toMatch(/authorityId: you administer demo-authority/);

		const officer = await asAdmin('POST', '/api/admin/users', newPerson('virtual-school'));
		expect(officer.status, officer.text).toBe(201);
		const { userId } = officer.body as { userId: string };
		const reach = await asAdmin('PUT', `/api/admin/users/${userId}/assignment`, {
			authorityIds: ['another-authority']
		});
		expect(reach.status, reach.text).toBe(403);
		const listed = (await asAdmin('GET', '/api/admin/users')).body as {
			users: { authorityId: string }[];
		};
		expect(new Set(listed.users.map((u) => u.authorityId))).toEqual(new Set(['demo-authority']));
	});

	it('refuses a duplicate email (409), an unknown user (404) and the wrong kind of assignment', async () => {
		const person = newPerson('designated-teacher');
		expect((await asAdmin('POST', '/api/admin/users', person)).status).toBe(201);
		const again = await asAdmin('POST', '/api/admin/users', {
			...person,
			email: person.email.toUpperCase()
		});
		expect(again.status).toBe(409);
		expect(messageOf(again)).toBe(`email: ${person.email} already has an account.`);

		const nobody = await asAdmin('PUT', '/api/admin/users/nobody-here/assignment', {
			childIds: []
		});
		expect(nobody.status).toBe(404);
		expect(messageOf(nobody)).toBe('There is no user with the id "nobody-here".');
		expect(
			(await asAdmin('PATCH', '/api/admin/users/nobody-here', { disabled: true })).status
		).toBe(404);

		const teacherId = await idOf(person.email);
		const wrongKind = await asAdmin('PUT', `/api/admin/users/${teacherId}/assignment`, {
			childIds: ['abcdefgh']
		});
		expect(wrongKind.status).toBe(400);
		expect(messageOf(wrongKind)).toBe(
			'childIds: Designated teacher accounts are assigned schools, not children.'
		);
		const schools = await asAdmin('PUT', `/api/admin/users/${teacherId}/assignment`, {
			schoolIds: ['school-0001']
		});
		expect(schools.body).toMatchObject({ schoolIds: ['school-0001'], childIds: [] });

		const worker = (await asAdmin('POST', '/api/admin/users', newPerson('iro'))).body as {
			userId: string;
		};
		const unknownChild = await asAdmin('PUT', `/api/admin/users/${worker.userId}/assignment`, {
			childIds: ['no-such-child']
		});
		expect(unknownChild.status).toBe(400);
		expect(messageOf(unknownChild)).toMatch(/^childIds: there is no child record with the id/);

		const shortPassword = await asAdmin(
			'POST',
			'/api/admin/users',
			newPerson('carer', { password: 'too short' })
		);
		expect(shortPassword.status).toBe(400);
		expect(messageOf(shortPassword)).toBe('password: must be at least 12 characters');
	});

	it('disables a user, who can then neither sign in nor use a session they had', async () => {
		const person = newPerson('admin', { password: 'another long password' });
		const { userId } = (await asAdmin('POST', '/api/admin/users', person)).body as {
			userId: string;
		};
		const theirs = await signIn(app.url, person.email, person.password);
		expect((await call(app.url, 'GET', '/api/admin/users', { cookie: theirs })).status).toBe(200);

		const disabled = await asAdmin('PATCH', `/api/admin/users/${userId}`, { disabled: true });
		expect(disabled.status).toBe(200);
		expect(disabled.body).toMatchObject({ userId, disabled: true });

		expect((await call(app.url, 'GET', '/api/admin/users', { cookie: theirs })).status).toBe(401);
		expect((await call(app.url, 'GET', '/api/session', { cookie: theirs })).body).toEqual({
			user: null
		});
		const again = await call(app.url, 'POST', '/api/session', {
			json: { email: person.email, password: person.password }
		});
		expect(again.status).toBe(401);
	});

	it('answers 401 when signed out and 403 for every role but admin', async () => {
		const socialWorker = await signIn(app.url, 'social-worker@example.org', demoPassword);
		const virtualSchool = await signIn(app.url, 'virtual-school@example.org', demoPassword);
		const calls: [string, string, unknown][] = [
			['GET', '/api/admin/users', undefined],
			['POST', '/api/admin/users', newPerson('carer')],
			['PUT', '/api/admin/users/demo-admin/assignment', { childIds: [] }],
			['PATCH', '/api/admin/users/demo-admin', { disabled: true }],
			['POST', '/api/admin/children', child]
		];
		for (const [method, path, json] of calls) {
			const signedOut = await call(app.url, method, path, { json });
			expect(signedOut.status, `${method} ${path}`).toBe(401);
			expect(messageOf(signedOut)).toBe('Sign in as an administrator to do this.');
			for (const cookie of [socialWorker, virtualSchool]) {
				const forbidden = await call(app.url, method, path, { cookie, json });
				expect(forbidden.status, `${method} ${path}`).toBe(403);
				expect(messageOf(forbidden)).toBe('Only an administrator can do this.');
			}
		}
		// Nothing was done by any of them.
		const users = (
			(await asAdmin('GET', '/api/admin/users')).body as { users: { email: string }[] }
		).users;
		expect(users.map((u) => u.email)).not.toContain(`person-${counter}@example.org`);
		expect(users.find((u) => u.email === 'admin@example.org')).toMatchObject({ disabled: false });
	});
});

describe('scripts/admin.mjs', () => {
	interface Run {
		code: number;
		stdout: string;
		stderr: string;
	}
	const script = (args: string[], env: Record<string, string> = {}) =>
		new Promise<Run>((resolve) => {
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
				{
					env: { ...process.env, PEP_ADMIN_PASSWORD: demoPassword, ...env },
					timeout: 30_000
				},
				(error, stdout, stderr) =>
					resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
			);
		});
	const json = (run: Run) => {
		expect(run.code, run.stderr).toBe(0);
		return JSON.parse(run.stdout) as Record<string, unknown>;
	};

	it('creates a user, opens a child record, assigns it and disables the user', async () => {
		const created = json(
			await script([
				'create-user',
				'--email',
				'script.worker@example.org',
				'--name',
				'Script Worker',
				'--role',
				'personal-adviser',
				'--authority',
				'demo-authority',
				'--password',
				'script password 2026'
			])
		);
		expect(created).toMatchObject({ email: 'script.worker@example.org', hasPassword: true });
		const userId = created.userId as string;

		const record = json(await script(['create-child', '--file', childFile]));
		expect(record).toMatchObject({ type: 'child', authorityId: 'demo-authority' });

		const assigned = json(
			await script(['assign', '--user', userId, '--children', `${record.childId as string}`])
		);
		expect(assigned).toMatchObject({ userId, childIds: [record.childId] });

		await signIn(app.url, 'script.worker@example.org', 'script password 2026');

		const disabled = json(await script(['disable', '--user', userId]));
		expect(disabled).toMatchObject({ userId, disabled: true });

		const listed = json(await script(['list-users']));
		expect(
			(listed.users as { userId: string; disabled: boolean }[]).find((u) => u.userId === userId)
		).toMatchObject({ disabled: true });
	});

	it('says clearly what went wrong, with exit code 1 for a refusal and 2 for a usage mistake', async () => {
		const duplicate = await script([
			'create-user',
			'--email',
			'admin@example.org',
			'--name',
			'Again',
			'--role',
			'admin',
			'--authority',
			'demo-authority'
		]);
		expect(duplicate.code).toBe(1);
		expect(duplicate.stderr).toContain(
			'POST /api/admin/users was refused (HTTP 409): email: admin@example.org already has an account.'
		);

		const wrongKind = await script(['assign', '--user', 'demo-admin', '--children', 'abcdefgh']);
		expect(wrongKind.code).toBe(1);
		expect(wrongKind.stderr).toContain(
			'childIds: Administrator accounts are not assigned anything.'
		);

		const wrongPassword = await script(['list-users'], { PEP_ADMIN_PASSWORD: 'not the password' });
		expect(wrongPassword.code).toBe(1);
		expect(wrongPassword.stderr).toContain(
			'Signing in as admin@example.org was refused (HTTP 401): Enter a correct email address and password.'
		);

		const missing = await script(['create-user', '--email', 'x@example.org']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('create-user needs --name, --role, --authority.');

		const unknown = await script(['frobnicate']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('There is no command "frobnicate".');

		const noFile = await script(['create-child', '--file', join(root, 'no-such-child.json')]);
		expect(noFile.code).toBe(2);
		expect(noFile.stderr).toMatch(/Cannot read .*no-such-child\.json: ENOENT/);
	});
});

async function idOf(email: string): Promise<string> {
	const { users } = (await asAdmin('GET', '/api/admin/users')).body as {
		users: { userId: string; email: string }[];
	};
	const user = users.find((u) => u.email === email);
	if (!user) throw new Error(`No user ${email}`);
	return user.userId;
}
