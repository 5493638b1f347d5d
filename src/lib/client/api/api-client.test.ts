import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { callApi, retryAfter } from './api-client';

const child = z.object({ childId: z.string(), name: z.string() });

function answer(response: Response | Error) {
	const fetch = vi.fn(() =>
		response instanceof Error ? Promise.reject(response) : Promise.resolve(response)
	);
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('callApi', () => {
	it('sends JSON to the same origin, and returns the answer as the schema parses it', async () => {
		const fetch = answer(Response.json({ childId: 'child-0001', name: 'Ava', extra: true }));

		await expect(
			callApi({ method: 'POST', path: '/api/children', body: { name: 'Ava' } }, child)
		).resolves.toEqual({ kind: 'ok', value: { childId: 'child-0001', name: 'Ava' } });
		expect(fetch).toHaveBeenCalledWith(
			'/api/children',
			expect.objectContaining({
				method: 'POST',
				credentials: 'same-origin',
				headers: { accept: 'application/json', 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'Ava' })
			})
		);
	});

	it('sends no body and no content type when there is nothing to send', async () => {
		const fetch = answer(Response.json({ childId: 'child-0001', name: 'Ava' }));
		await callApi({ method: 'GET', path: '/api/children/child-0001' }, child);
		expect(fetch).toHaveBeenCalledWith(
			'/api/children/child-0001',
			expect.objectContaining({ headers: { accept: 'application/json' }, body: undefined })
		);
	});

	it('is ok without reading the answer when none is asked for, even an empty one', async () => {
		answer(new Response(null, { status: 204 }));
		await expect(callApi({ method: 'DELETE', path: '/api/session' })).resolves.toEqual({
			kind: 'ok',
			value: undefined
		});
	});

	it('reads a refusal’s message, its code and how long to wait', async () => {
		answer(
			Response.json(
				{ error: 'too-many', message: 'Too many codes have been tried.' },
				{ status: 429, headers: { 'retry-after': '600' } }
			)
		);
		await expect(
			callApi({ method: 'POST', path: '/api/invitations/check', body: { code: 'x' } }, child)
		).resolves.toEqual({
			kind: 'refused',
			status: 429,
			message: 'Too many codes have been tried.',
			code: 'too-many',
			retryAfterSeconds: 600
		});
	});

	it('takes a refusal’s message from `error` when there is no `message`', async () => {
		answer(Response.json({ error: 'Not recognised' }, { status: 401 }));
		await expect(
			callApi({ method: 'POST', path: '/api/session', body: {} }, child)
		).resolves.toMatchObject({ kind: 'refused', status: 401, message: 'Not recognised' });
	});

	it('is still a refusal when its body is not JSON, only without a message', async () => {
		answer(new Response('<html>Forbidden</html>', { status: 403 }));
		await expect(callApi({ method: 'GET', path: '/api/access' }, child)).resolves.toEqual({
			kind: 'refused',
			status: 403
		});
	});

	it('is offline when no connection could be made', async () => {
		answer(new TypeError('Failed to fetch'));
		await expect(callApi({ method: 'GET', path: '/api/access' }, child)).resolves.toEqual({
			kind: 'offline'
		});
	});

	it('is offline when the browser knows it is, without trying the network', async () => {
		vi.stubGlobal('navigator', { onLine: false });
		const fetch = answer(Response.json({ childId: 'child-0001', name: 'Ava' }));
		await expect(callApi({ method: 'GET', path: '/api/access' }, child)).resolves.toEqual({
			kind: 'offline'
		});
		expect(fetch).not.toHaveBeenCalled();
	});

	it('says which field of the answer is wrong, and how', async () => {
		answer(Response.json({ childId: 42, name: 'Ava' }));
		const result = await callApi({ method: 'GET', path: '/api/children/child-0001' }, child);
		expect(result).toEqual({
			kind: 'unreadable',
			message: expect.stringMatching(
				/^The server's answer to GET \/api\/children\/child-0001 is not what the app expects: childId: /
			)
		});
	});

	it('says so when a successful answer is not JSON, naming the request as asked', async () => {
		answer(new Response('<html>', { status: 200 }));
		await expect(
			callApi({ method: 'GET', path: '/api/access', name: 'the access check' }, child)
		).resolves.toEqual({
			kind: 'unreadable',
			message: 'The server answered the access check with a body that is not JSON'
		});
	});

	it('fails with the status when the server does, whatever its body', async () => {
		answer(new Response('Internal Error', { status: 500 }));
		await expect(callApi({ method: 'GET', path: '/api/access' }, child)).resolves.toEqual({
			kind: 'failed',
			message: 'The server answered GET /api/access with HTTP 500'
		});
	});

	it('fails, saying how long it waited, when the server does not answer in time', async () => {
		const fetch = answer(new DOMException('The operation timed out.', 'TimeoutError'));
		await expect(
			callApi({ method: 'GET', path: '/api/access', timeoutSeconds: 20 }, child)
		).resolves.toEqual({
			kind: 'failed',
			message: 'The server did not answer GET /api/access within 20 seconds'
		});
		expect(fetch).toHaveBeenCalledWith(
			'/api/access',
			expect.objectContaining({ signal: expect.any(AbortSignal) })
		);
	});
});

describe('retryAfter', () => {
	const now = Date.UTC(2026, 0, 1, 12, 0, 0);

	it('reads seconds, or the time until an HTTP date', () => {
		expect(retryAfter('120', now)).toBe(120);
		expect(retryAfter(new Date(now + 90_500).toUTCString(), now)).toBe(90);
		expect(retryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0);
	});

	it('is undefined when there is no header, or one that says nothing', () => {
		expect(retryAfter(null, now)).toBeUndefined();
		expect(retryAfter('soon', now)).toBeUndefined();
	});
});
