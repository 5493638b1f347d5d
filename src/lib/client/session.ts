/**
 * Signing in: what the sign-in form accepts, and the one call the client makes to `/api/session`.
 * Every answer from the server is parsed, so an answer we did not expect becomes an `error`
 * result that says what was wrong, never a crash or a guess.
 */
import { z } from 'zod';
import { opaqueId } from '$lib/domain/schemas/common';
import { describeErrors, fieldErrors } from '$lib/domain/schemas/errors';
import { role } from '$lib/domain/schemas/users';
import { notJson, readJson, type SessionUser } from './current-user';

// Asked at every start, so kept apart from the sign-in form and its zod schemas.
export { currentUser, signOut } from './current-user';

/**
 * The sign-in form, checked before anything is sent, with the GOV.UK Design System's wording.
 * The email check is zod's, the same one the server's `email` schema applies.
 */
export const signInForm = z.object({
	email: z
		.string()
		.trim()
		.min(1, 'Enter your email address')
		.pipe(z.email('Enter an email address in the correct format, like name@example.org')),
	// Never trimmed: spaces can be part of a password.
	password: z.string().min(1, 'Enter your password')
});
export type SignInForm = z.infer<typeof signInForm>;
export type SignInFormErrors = Partial<Record<keyof SignInForm, string>>;

/** The first problem with each field, to show beside it and in the error summary. */
export function signInFormErrors(error: z.ZodError<SignInForm>): SignInFormErrors {
	const { fieldErrors: byField } = z.flattenError(error);
	return { email: byField.email?.[0], password: byField.password?.[0] };
}

/**
 * Who is signed in, as `/api/session` answers a successful sign-in; the same check as
 * `parseSessionUser`, which the app uses at every start.
 */
export const sessionUser = z.object({
	userId: opaqueId,
	displayName: z.string().min(1),
	role
});
export type { SessionUser } from './current-user';

export type SignInResult =
	| { kind: 'ok'; user: SessionUser }
	/** 401: the email address and password do not match an account. */
	| { kind: 'invalid'; message: string }
	/** 429: too many attempts; `retryAfterSeconds` when the server said how long to wait. */
	| { kind: 'rate-limited'; retryAfterSeconds: number | undefined }
	/** No connection, so the server could not be asked. */
	| { kind: 'offline' }
	/** Anything else; `message` is for developers and logs, not for the screen. */
	| { kind: 'error'; message: string };

/** The server answers a refusal with `{ message }`; `{ error }` is accepted from proxies too. */
const refusal = z.union([
	z.object({ message: z.string() }).transform((body) => body.message),
	z.object({ error: z.string() }).transform((body) => body.error)
]);

/** Long enough for a slow mobile connection, short enough that nobody waits on a dead one. */
const timeoutSeconds = 20;

export async function signIn(email: string, password: string): Promise<SignInResult> {
	// Node has no `navigator` before version 21, and this module also runs in unit tests.
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return { kind: 'offline' };

	let response: Response;
	try {
		response = await fetch('/api/session', {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify({ email, password }),
			signal: AbortSignal.timeout(timeoutSeconds * 1000)
		});
	} catch (error) {
		// fetch rejects with a TypeError when no connection could be made at all.
		if (error instanceof TypeError) return { kind: 'offline' };
		if (error instanceof DOMException && error.name === 'TimeoutError') {
			return {
				kind: 'error',
				message: `The server did not answer within ${timeoutSeconds} seconds`
			};
		}
		return { kind: 'error', message: `Sign-in request failed: ${String(error)}` };
	}

	if (response.status === 401) {
		const body = refusal.safeParse(await readJson(response));
		return {
			kind: 'invalid',
			message: body.success ? body.data : 'Email address or password not recognised'
		};
	}
	if (response.status === 429) {
		return {
			kind: 'rate-limited',
			retryAfterSeconds: retryAfter(response.headers.get('retry-after'))
		};
	}
	if (!response.ok) {
		return { kind: 'error', message: `The server answered sign-in with HTTP ${response.status}` };
	}

	const body = await readJson(response);
	if (body === notJson) {
		return { kind: 'error', message: 'The server answered sign-in with a body that is not JSON' };
	}
	const user = sessionUser.safeParse(body);
	if (!user.success) {
		return {
			kind: 'error',
			message: `The server's answer to sign-in is not a user: ${describeErrors(fieldErrors(user.error))}`
		};
	}
	return { kind: 'ok', user: user.data };
}

/** `Retry-After` is either a number of seconds or an HTTP date. */
function retryAfter(header: string | null, now = Date.now()): number | undefined {
	if (header === null) return undefined;
	if (/^\d+$/.test(header.trim())) return Number(header.trim());
	const at = Date.parse(header);
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
