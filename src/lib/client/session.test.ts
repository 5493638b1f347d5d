import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn, signInForm, signInFormErrors } from './session';

describe('the sign-in form', () => {
	const errorsFor = (email: string, password: string) => {
		const result = signInForm.safeParse({ email, password });
		return result.success ? {} : signInFormErrors(result.error);
	};

	it('asks for both fields when both are empty', () => {
		expect(errorsFor('', '')).toEqual({
			email: 'Enter your email address',
			password: 'Enter your password'
		});
	});

	it('treats an email address of only spaces as empty, not as the wrong format', () => {
		expect(errorsFor('   ', 'secret').email).toBe('Enter your email address');
	});

	it('says what the right format is', () => {
		expect(errorsFor('jamie.example.org', 'secret')).toEqual({
			email: 'Enter an email address in the correct format, like name@example.org',
			password: undefined
		});
	});

	it('sends the email address without surrounding spaces, and the password exactly as typed', () => {
		expect(signInForm.parse({ email: ' jamie@example.org ', password: ' secret ' })).toEqual({
			email: 'jamie@example.org',
			password: ' secret '
		});
	});
});

describe('signIn', () => {
	const user = { userId: 'user-0001', displayName: 'Sam Patel', role: 'social-worker' };

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

	it('posts the email address and password as JSON, and returns the user', async () => {
		const fetch = answer(Response.json(user));

		await expect(signIn('sam@example.org', 'secret')).resolves.toEqual({ kind: 'ok', user });
		expect(fetch).toHaveBeenCalledWith(
			'/api/session',
			expect.objectContaining({
				method: 'POST',
				credentials: 'same-origin',
				body: JSON.stringify({ email: 'sam@example.org', password: 'secret' })
			})
		);
	});

	it('reports 401 as invalid, with the server’s message', async () => {
		answer(Response.json({ message: 'Not recognised' }, { status: 401 }));
		await expect(signIn('sam@example.org', 'wrong')).resolves.toEqual({
			kind: 'invalid',
			message: 'Not recognised'
		});
	});

	it('reads the message from an `error` field too', async () => {
		answer(Response.json({ error: 'Not recognised' }, { status: 401 }));
		await expect(signIn('sam@example.org', 'wrong')).resolves.toEqual({
			kind: 'invalid',
			message: 'Not recognised'
		});
	});

	it('reports 401 as invalid even when the body says nothing', async () => {
		answer(new Response('', { status: 401 }));
		await expect(signIn('sam@example.org', 'wrong')).resolves.toMatchObject({ kind: 'invalid' });
	});

	it('reports 429 as rate-limited, with how long to wait', async () => {
		answer(new Response('', { status: 429, headers: { 'retry-after': '120' } }));
		await expect(signIn('sam@example.org', 'secret')).resolves.toEqual({
			kind: 'rate-limited',
			retryAfterSeconds: 120
		});
	});

	it('understands Retry-After as a date too', async () => {
		const inAMinute = new Date(Date.now() + 60_000).toUTCString();
		answer(new Response('', { status: 429, headers: { 'retry-after': inAMinute } }));
		const result = await signIn('sam@example.org', 'secret');
		expect(result.kind).toBe('rate-limited');
		expect(result.kind === 'rate-limited' && result.retryAfterSeconds).toBeGreaterThan(50);
	});

	it('is offline when the browser knows it is, without trying the network', async () => {
		vi.stubGlobal('navigator', { onLine: false });
		const fetch = answer(Response.json(user));
		await expect(signIn('sam@example.org', 'secret')).resolves.toEqual({ kind: 'offline' });
		expect(fetch).not.toHaveBeenCalled();
	});

	it('is offline when no connection could be made', async () => {
		answer(new TypeError('Failed to fetch'));
		await expect(signIn('sam@example.org', 'secret')).resolves.toEqual({ kind: 'offline' });
	});

	it('is an error when the server fails', async () => {
		answer(new Response('Internal Error', { status: 500 }));
		await expect(signIn('sam@example.org', 'secret')).resolves.toEqual({
			kind: 'error',
			message: 'The server answered sign-in with HTTP 500'
		});
	});

	it('is an error that says so when the answer is not JSON', async () => {
		answer(new Response('<html>', { status: 200 }));
		await expect(signIn('sam@example.org', 'secret')).resolves.toEqual({
			kind: 'error',
			message: 'The server answered sign-in with a body that is not JSON'
		});
	});

	it('is an error that names the field when the answer is not a user', async () => {
		answer(Response.json({ ...user, role: 'head-chef' }));
		const result = await signIn('sam@example.org', 'secret');
		expect(result.kind).toBe('error');
		expect(result.kind === 'error' && result.message).toMatch(/^The server's answer .*role: /);
	});
});
