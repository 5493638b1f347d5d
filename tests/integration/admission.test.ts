/**
 * The production server serves replication requests a few at a time (server/admission.js): here
 * one at a time, so that who waits and who is served can be seen from outside. A burst far over
 * the limit is answered in full and in order, never refused; devices are taken in turn; a client
 * that hangs up frees its place; a changes feed waiting for news takes no place; nothing else
 * waits.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	demoPassword,
	remotePouch,
	signIn,
	startServer,
	type RunningServer
} from './support/server';

PouchDB.plugin(memoryAdapter);

let app: RunningServer;
let cookie: string;

beforeAll(async () => {
	app = await startServer({ env: { PEP_GATEWAY_CONCURRENCY: '1' } });
	cookie = await signIn(app.url, 'social-worker@example.org', demoPassword);
}, 120_000);

afterAll(async () => {
	await app?.stop();
});

interface Sent {
	req: ClientRequest;
	/** The answer's status and body, once it has come in full. */
	answer: Promise<{ status: number; body: string }>;
	answered: () => boolean;
}

/** A request on a connection of its own; a body given as `partial` is left unfinished. */
function send(method: string, path: string, options: { partial?: string; as?: string } = {}): Sent {
	const req = request(`${app.url}${path}`, {
		method,
		agent: false,
		headers: {
			cookie: options.as ?? cookie,
			origin: app.url,
			...(options.partial !== undefined
				? { 'content-type': 'application/json', 'content-length': '1000' }
				: {})
		}
	});
	let done = false;
	const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
		req.on('response', (res: IncomingMessage) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => {
				done = true;
				resolve({ status: res.statusCode ?? 0, body });
			});
		});
		req.on('error', reject);
	});
	// A request its test hangs up on fails with a reset: that is expected, not a failure.
	answer.catch(() => undefined);
	if (options.partial !== undefined) {
		req.write(options.partial);
		req.flushHeaders();
	} else {
		req.end();
	}
	return { req, answer, answered: () => done };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the only place: a write whose body is still coming. Its handler waits for the body, so
 * its place stays taken until `finish` sends the rest or the connection is cut.
 */
async function takeThePlace() {
	const holder = send('POST', '/db/pep/_bulk_docs', { partial: '{"docs": [' });
	await pause(400);
	expect(holder.answered()).toBe(false);
	return {
		holder,
		finish: () => holder.req.end(']}'.padEnd(1000 - '{"docs": ['.length, ' ')),
		cut: () => holder.req.destroy()
	};
}

describe('a burst of replication requests', () => {
	it('is answered in full, each as it would be alone, with no request refused', async () => {
		const all = await fetch(`${app.url}/db/pep/_all_docs`, { headers: { cookie } });
		const ids = ((await all.json()) as { rows: { id: string }[] }).rows.map((r) => r.id);
		expect(ids.length).toBeGreaterThan(10);
		const paths = Array.from(
			{ length: 300 },
			(_, i) => `/db/pep/${encodeURIComponent(ids[i % ids.length]!)}`
		);
		const alone = new Map<string, string>();
		for (const path of new Set(paths)) {
			alone.set(path, await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text());
		}
		const answers = await Promise.all(paths.map((path) => send('GET', path).answer));
		expect(answers.map((a) => a.status)).toEqual(paths.map(() => 200));
		expect(answers.map((a) => a.body)).toEqual(paths.map((path) => alone.get(path)));
	});

	it('lets a device replicate its whole caseload, attachments and all', async () => {
		const device = new PouchDB(`admission-${Date.now()}`, { adapter: 'memory' });
		const remote = remotePouch(app.url, cookie);
		try {
			const pulled = await device.replicate.from(remote, { batch_size: 250 });
			expect(pulled.ok).toBe(true);
			expect(pulled.doc_write_failures).toBe(0);
			const all = await fetch(`${app.url}/db/pep/_all_docs`, { headers: { cookie } });
			const expected = ((await all.json()) as { rows: unknown[] }).rows.length;
			expect((await device.info()).doc_count).toBe(expected);
			const files = (await device.allDocs({ include_docs: true })).rows.filter(
				(r) => (r.doc as { _attachments?: object } | undefined)?._attachments
			);
			expect(files.length).toBeGreaterThan(0);
			for (const { id } of files) {
				const bytes = (await device.getAttachment(id, 'file')) as Buffer;
				expect(bytes.length).toBeGreaterThan(0);
			}
		} finally {
			await device.destroy();
			await remote.close();
		}
	});
});

describe('waiting for a place', () => {
	it('serves the requests that wait in the order they came, once the place is free', async () => {
		const place = await takeThePlace();
		const order: string[] = [];
		const waiting = ['first', 'second', 'third'].map((name) => {
			const sent = send('GET', `/db/pep/?${name}`);
			void sent.answer.then(() => order.push(name));
			return sent;
		});
		for (const sent of waiting) {
			await pause(150);
			expect(sent.answered()).toBe(false);
		}
		place.finish();
		expect((await place.holder.answer).status).toBe(201);
		const answers = await Promise.all(waiting.map((w) => w.answer));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
		expect(order).toEqual(['first', 'second', 'third']);
	});

	it('takes devices in turn, so one device’s next step does not wait behind another’s burst', async () => {
		const teacher = await signIn(app.url, 'designated-teacher@example.org', demoPassword);
		const place = await takeThePlace();
		const order: string[] = [];
		const burst = Array.from({ length: 12 }, (_, i) => {
			const sent = send('GET', `/db/pep/?burst${i}`);
			void sent.answer.then(() => order.push(`burst ${i}`));
			return sent;
		});
		await pause(300);
		const other = send('GET', '/db/pep/', { as: teacher });
		void other.answer.then(() => order.push('other device'));
		await pause(300);
		place.finish();
		await place.holder.answer;
		expect((await other.answer).status).toBe(200);
		await Promise.all(burst.map((b) => b.answer));
		// The holder's device had its turn first (the write that held the place), then one of its
		// burst, then the other device: never the whole burst first.
		expect(order.indexOf('other device')).toBeLessThan(3);
		expect(order.filter((o) => o.startsWith('burst'))).toEqual(burst.map((_, i) => `burst ${i}`));
	});

	it('lets a client that hangs up while it waits leave the line', async () => {
		const place = await takeThePlace();
		const leaving = send('GET', '/db/pep/?leaving');
		await pause(150);
		const staying = send('GET', '/db/pep/?staying');
		await pause(150);
		leaving.req.destroy();
		await pause(150);
		place.finish();
		expect((await staying.answer).status).toBe(200);
		expect(leaving.answered()).toBe(false);
		// The one place is still there for everyone after.
		const after = await Promise.all(
			Array.from({ length: 5 }, () => send('GET', '/db/pep/').answer)
		);
		expect(after.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
	});

	it('frees the place of a client that hangs up while it is served', async () => {
		const place = await takeThePlace();
		const next = send('GET', '/db/pep/?next');
		await pause(200);
		expect(next.answered()).toBe(false);
		place.cut();
		expect((await next.answer).status).toBe(200);
	});

	it('is not asked of a changes feed that waits for news, nor of the pages and the API', async () => {
		const listening = send('GET', '/db/pep/_changes?feed=longpoll&since=now&timeout=3000');
		await pause(300);
		// The feed is open, waiting for a change, and takes no place.
		expect(listening.answered()).toBe(false);
		const info = await send('GET', '/db/pep/').answer;
		expect(info.status).toBe(200);
		expect(listening.answered()).toBe(false);

		const place = await takeThePlace();
		const session = await send('GET', '/api/session').answer;
		expect(session.status).toBe(200);
		const page = await send('GET', '/sign-in').answer;
		expect(page.status).toBe(200);
		place.finish();
		await place.holder.answer;
		expect((await listening.answer).status).toBe(200);
	});
});
