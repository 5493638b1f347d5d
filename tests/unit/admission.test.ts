import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientOf, createAdmission, waitsItsTurn } from '../../server/admission.js';

/** Just what the admission line uses of a response: its 'close', and ending it. */
class FakeResponse extends EventEmitter {
	statusCode = 200;
	headersSent = false;
	destroyed = false;
	body = '';
	end(body = '') {
		this.body = body;
		this.headersSent = true;
		this.close();
	}
	destroy() {
		this.close();
	}
	/** The response is over: answered, or the client went away. */
	close() {
		if (this.destroyed) return;
		this.destroyed = true;
		this.emit('close');
	}
}

const response = () => new FakeResponse() as FakeResponse & ServerResponse;

describe('the admission line', () => {
	afterEach(() => vi.restoreAllMocks());

	it('serves no more than its limit at once, and the rest in the order they came', () => {
		const admission = createAdmission(2);
		const served: number[] = [];
		const responses = Array.from({ length: 6 }, response);
		responses.forEach((res, i) => admission.admit(res, () => served.push(i)));
		expect(served).toEqual([0, 1]);
		expect(admission.load()).toEqual({ working: 2, waiting: 4 });

		responses[1]!.end();
		expect(served).toEqual([0, 1, 2]);
		responses[0]!.end();
		responses[2]!.end();
		expect(served).toEqual([0, 1, 2, 3, 4]);
		expect(admission.load()).toEqual({ working: 2, waiting: 1 });
		responses[3]!.end();
		responses[4]!.end();
		responses[5]!.end();
		expect(served).toEqual([0, 1, 2, 3, 4, 5]);
		expect(admission.load()).toEqual({ working: 0, waiting: 0 });
	});

	it('never has more than its limit at work, however requests come and go', () => {
		const admission = createAdmission(3);
		const open = new Set<FakeResponse>();
		let most = 0;
		const all: FakeResponse[] = [];
		for (let i = 0; i < 200; i += 1) {
			const res = response();
			all.push(res);
			res.once('close', () => open.delete(res));
			admission.admit(res, () => {
				open.add(res);
				most = Math.max(most, open.size);
			});
			// Now and then one answered, or one whose client gave up, served or not.
			if (i % 3 === 0) [...open][0]?.end();
			if (i % 7 === 0) all[Math.floor(i / 2)]!.destroy();
		}
		while (open.size > 0) [...open][0]!.end();
		expect(most).toBe(3);
		expect(admission.load()).toEqual({ working: 0, waiting: 0 });
		// Every request whose client stayed was served.
		expect(all.every((res) => res.destroyed)).toBe(true);
	});

	it('lets a client that hangs up while it waits leave the line, without serving it', () => {
		const admission = createAdmission(1);
		const served: string[] = [];
		const [a, b, c] = [response(), response(), response()];
		admission.admit(a, () => served.push('a'));
		admission.admit(b, () => served.push('b'));
		admission.admit(c, () => served.push('c'));
		expect(admission.load()).toEqual({ working: 1, waiting: 2 });

		b.destroy();
		expect(admission.load()).toEqual({ working: 1, waiting: 1 });
		a.end();
		expect(served).toEqual(['a', 'c']);
		c.end();
		expect(admission.load()).toEqual({ working: 0, waiting: 0 });
	});

	it('frees the place of a client that hangs up while it is served', () => {
		const admission = createAdmission(1);
		const served: string[] = [];
		const [a, b] = [response(), response()];
		admission.admit(a, () => served.push('a'));
		admission.admit(b, () => served.push('b'));
		a.destroy();
		expect(served).toEqual(['a', 'b']);
		expect(admission.load()).toEqual({ working: 1, waiting: 0 });
	});

	it('frees the place once only, however often a response says it closed', () => {
		const admission = createAdmission(1);
		const served: string[] = [];
		const [a, b, c] = [response(), response(), response()];
		admission.admit(a, () => served.push('a'));
		admission.admit(b, () => served.push('b'));
		admission.admit(c, () => served.push('c'));
		a.emit('close');
		a.emit('close');
		expect(served).toEqual(['a', 'b']);
		expect(admission.load()).toEqual({ working: 1, waiting: 1 });
	});

	it('answers 500 for a request whose handler fails, and frees its place', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const admission = createAdmission(1);
		const served: string[] = [];
		const [a, b, c] = [response(), response(), response()];
		admission.admit(a, () => {
			throw new Error('broken');
		});
		admission.admit(b, () => Promise.reject(new Error('broken later')));
		admission.admit(c, () => served.push('c'));
		expect(a.statusCode).toBe(500);
		await vi.waitFor(() => expect(b.statusCode).toBe(500));
		expect(served).toEqual(['c']);
		expect(admission.load()).toEqual({ working: 1, waiting: 0 });
	});

	it('keeps a long line in order as it grows and drains', () => {
		const admission = createAdmission(4);
		const served: number[] = [];
		const responses = Array.from({ length: 5_000 }, response);
		responses.forEach((res, i) => admission.admit(res, () => served.push(i)));
		for (const res of responses) res.end();
		expect(served).toEqual(responses.map((_, i) => i));
		expect(admission.load()).toEqual({ working: 0, waiting: 0 });
	});

	it('takes clients in turn, each client’s requests in the order they came', () => {
		const admission = createAdmission(1);
		const served: string[] = [];
		const working: FakeResponse[] = [];
		const send = (client: string, name: string) => {
			const res = response();
			admission.admit(
				res,
				() => {
					served.push(name);
					working.push(res);
				},
				client
			);
		};
		// One device asks for five attachments at once; two others then ask for one thing each.
		for (let i = 1; i <= 5; i += 1) send('tablet', `tablet ${i}`);
		send('laptop', 'laptop 1');
		send('phone', 'phone 1');
		send('laptop', 'laptop 2');
		// Each answered in turn: the next is served as the one before is answered.
		while (working.length > 0) working.shift()!.end();
		expect(served).toEqual([
			'tablet 1',
			'tablet 2',
			'laptop 1',
			'phone 1',
			'tablet 3',
			'laptop 2',
			'tablet 4',
			'tablet 5'
		]);
		expect(admission.load()).toEqual({ working: 0, waiting: 0 });
	});

	it('passes over a client whose every waiting request has gone', () => {
		const admission = createAdmission(1);
		const served: string[] = [];
		const first = response();
		admission.admit(first, () => served.push('first'), 'a');
		const leaving = [response(), response()];
		for (const res of leaving) admission.admit(res, () => served.push('gone'), 'b');
		const staying = response();
		admission.admit(staying, () => served.push('staying'), 'c');
		for (const res of leaving) res.destroy();
		first.end();
		expect(served).toEqual(['first', 'staying']);
		staying.end();
		expect(admission.load()).toEqual({ working: 0, waiting: 0 });
		// Client b may come back later and is served as anyone else.
		const back = response();
		admission.admit(back, () => served.push('b again'), 'b');
		expect(served.at(-1)).toBe('b again');
	});

	it('needs a limit of at least one', () => {
		expect(() => createAdmission(0)).toThrow(/at least 1/);
		expect(() => createAdmission(Number.NaN)).toThrow(/at least 1/);
		expect(() => createAdmission(2.5)).toThrow(/at least 1/);
	});
});

describe('which client a request comes from', () => {
	const req = (headers: Record<string, string>, remoteAddress?: string) =>
		({ headers, socket: { remoteAddress } }) as unknown as Parameters<typeof clientOf>[0];

	it('is its cookies, so each signed-in device is one client whatever its connections', () => {
		expect(clientOf(req({ cookie: 'pep_session=abc' }, '10.0.0.1'))).toBe('pep_session=abc');
		expect(clientOf(req({ cookie: 'pep_session=abc' }, '10.0.0.2'))).toBe('pep_session=abc');
	});

	it('is its address when it sends no cookie', () => {
		expect(clientOf(req({}, '10.0.0.1'))).toBe('10.0.0.1');
		expect(clientOf(req({}))).toBe('');
	});
});

describe('which requests wait their turn', () => {
	it('is the replication gateway’s', () => {
		expect(waitsItsTurn('/db/pep/')).toBe(true);
		expect(waitsItsTurn('/db/pep/_bulk_get?revs=true&latest=true')).toBe(true);
		expect(waitsItsTurn('/db/pep/child%3Aabc%3Apep%3Ax%3Aattachment%3Ay/file')).toBe(true);
		expect(waitsItsTurn('/db/pep/_changes?style=all_docs&since=0&limit=250')).toBe(true);
		expect(waitsItsTurn('/db/pep/_changes?feed=normal')).toBe(true);
		expect(waitsItsTurn('/db/')).toBe(true);
	});

	it('is not a changes feed that waits for news', () => {
		for (const feed of ['longpoll', 'continuous', 'eventsource']) {
			expect(waitsItsTurn(`/db/pep/_changes?feed=${feed}&heartbeat=10000`)).toBe(false);
			expect(waitsItsTurn(`/db/pep/_changes/?since=5&feed=${feed}`)).toBe(false);
		}
	});

	it('is not the pages, the app’s API or its files', () => {
		expect(waitsItsTurn('/')).toBe(false);
		expect(waitsItsTurn('/api/session')).toBe(false);
		expect(waitsItsTurn('/children/abc')).toBe(false);
		expect(waitsItsTurn('/_app/immutable/start.js')).toBe(false);
		expect(waitsItsTurn('/dbx')).toBe(false);
		expect(waitsItsTurn(undefined)).toBe(false);
	});
});
