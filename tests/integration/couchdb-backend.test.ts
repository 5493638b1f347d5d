/**
 * The server on a CouchDB backend (pouchdb-server standing in for CouchDB 3): the demo lands in
 * CouchDB, and instances sharing the database and the secret are interchangeable, as several
 * behind a load balancer must be.
 */
import { randomBytes } from 'node:crypto';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccountCount } from './support/demo';
import { call } from './support/http';
import {
	demoPassword,
	remotePouch,
	signIn,
	startCouchServer,
	startServer,
	type RunningCouch,
	type RunningServer
} from './support/server';

PouchDB.plugin(memoryAdapter);

const secret = randomBytes(32).toString('base64url');
let couch: RunningCouch;
let first: RunningServer;
let second: RunningServer;

beforeAll(async () => {
	couch = await startCouchServer();
	const env = { COUCHDB_URL: couch.url, PEP_SESSION_SECRET: secret };
	// One at a time: the first seeds the demo, the second must find it there and not seed again.
	first = await startServer({ env });
	second = await startServer({ env });
});
afterAll(async () => {
	await Promise.all([first?.stop(), second?.stop()]);
	await couch?.stop();
});

/** Reads straight from CouchDB, past the app. */
async function couchGet<T>(path: string): Promise<T> {
	const response = await fetch(new URL(path, couch.url));
	expect(response.status, path).toBe(200);
	return (await response.json()) as T;
}

describe('a CouchDB backend', () => {
	it('holds the demo seed: the record in pep, the accounts in pep_users', async () => {
		expect(first.output()).toContain('records in CouchDB at http://127.0.0.1:');
		expect(first.output()).toContain('Demo accounts');
		expect(second.output()).not.toContain('Demo accounts');

		const record = await couchGet<{ doc_count: number }>('pep');
		expect(record.doc_count).toBeGreaterThan(1_000);
		const accounts = await couchGet<{ rows: { doc: { email: string; passwordHash?: string } }[] }>(
			'pep_users/_all_docs?include_docs=true&startkey="user:"&endkey="user:\ufff0"'
		);
		const admin = accounts.rows.find((row) => row.doc.email === 'admin@example.org');
		expect(admin?.doc.passwordHash).toMatch(/^scrypt\$/);
		expect(accounts.rows.length).toBe(demoAccountCount());

		const worker = await call(first.url, 'POST', '/api/session', {
			json: { email: 'social-worker@example.org', password: demoPassword }
		});
		expect(worker.status).toBe(200);
		const { userId } = worker.body as { userId: string };
		const assignment = await couchGet<{ type: string; childIds: string[] }>(
			`pep/${encodeURIComponent(`assign:${userId}`)}`
		);
		expect(assignment.type).toBe('assignment');
		expect(assignment.childIds.length).toBeGreaterThan(5);
		await couchGet(`pep/${encodeURIComponent(`child:${assignment.childIds[0]!}`)}`);
	});

	it('lets two instances on one CouchDB and secret accept each other’s sessions', async () => {
		const fromFirst = await signIn(first.url, 'admin@example.org', demoPassword);
		const fromSecond = await signIn(second.url, 'designated-teacher@example.org', demoPassword);

		expect(
			(await call(second.url, 'GET', '/api/session', { cookie: fromFirst })).body
		).toMatchObject({ user: { userId: 'demo-admin', role: 'admin' } });
		expect(
			(await call(first.url, 'GET', '/api/session', { cookie: fromSecond })).body
		).toMatchObject({ user: { role: 'designated-teacher' } });

		// What one instance writes, the other reads at once: there is no state in either.
		const created = await call(second.url, 'POST', '/api/admin/users', {
			cookie: fromFirst,
			json: {
				email: 'shared@example.org',
				displayName: 'Shared Person',
				role: 'carer',
				authorityId: 'demo-authority'
			}
		});
		expect(created.status, created.text).toBe(201);
		const listed = await call(first.url, 'GET', '/api/admin/users', { cookie: fromFirst });
		expect(listed.text).toContain('shared@example.org');
	});

	it('counts failed sign-ins across instances', async () => {
		for (let i = 0; i < 5; i += 1) {
			const instance = i % 2 === 0 ? first : second;
			const answer = await call(instance.url, 'POST', '/api/session', {
				json: { email: 'iro@example.org', password: `wrong guess ${i}` }
			});
			expect(answer.status).toBe(401);
		}
		for (const instance of [first, second]) {
			const locked = await call(instance.url, 'POST', '/api/session', {
				json: { email: 'iro@example.org', password: demoPassword }
			});
			expect(locked.status).toBe(429);
		}
	});

	it('refuses a session signed with another secret', async () => {
		const other = await startServer({
			env: { COUCHDB_URL: couch.url, PEP_SESSION_SECRET: randomBytes(32).toString('base64url') }
		});
		try {
			const cookie = await signIn(first.url, 'carer@example.org', demoPassword);
			expect((await call(other.url, 'GET', '/api/session', { cookie })).body).toEqual({
				user: null
			});
		} finally {
			await other.stop();
		}
	});

	it('is reachable by a Node PouchDB through the harness’s cookie-carrying fetch', async () => {
		// remotePouch is what replication tests use against /db/pep; here it reads CouchDB itself.
		const remote = remotePouch(couch.url.replace(/\/$/, ''), 'pep_session=unused', '/pep');
		const local = new PouchDB(`harness-${Date.now()}`, { adapter: 'memory' });
		try {
			const info = await remote.info();
			expect(info.doc_count).toBeGreaterThan(1_000);
			const ids = (await remote.allDocs({ limit: 5 })).rows.map((row) => row.id);
			const result = await PouchDB.replicate(remote, local, { doc_ids: ids });
			expect(result.docs_written).toBe(ids.length);
		} finally {
			await local.destroy();
			await remote.close();
		}
	});
});
