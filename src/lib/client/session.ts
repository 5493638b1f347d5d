/**
 * Signing in: what the sign-in form accepts, and the one call the client makes to `/api/session`.
 * Every answer from the server is parsed, so an answer we did not expect becomes an `error`
 * result that says what was wrong, never a crash or a guess.
 */
import { z } from 'zod';
import { opaqueId } from '$lib/domain/schemas/common';
import { role } from '$lib/domain/schemas/users';
import { callApi } from './api/api-client';
import type { SessionUser } from './current-user';

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

/** Long enough for a slow mobile connection, short enough that nobody waits on a dead one. */
const timeoutSeconds = 20;

export async function signIn(email: string, password: string): Promise<SignInResult> {
	const answer = await callApi(
		{
			method: 'POST',
			path: '/api/session',
			body: { email, password },
			timeoutSeconds,
			name: 'sign-in'
		},
		sessionUser
	);
	switch (answer.kind) {
		case 'ok':
			return { kind: 'ok', user: answer.value };
		case 'offline':
			return answer;
		case 'refused':
			if (answer.status === 401) {
				return {
					kind: 'invalid',
					message: answer.message ?? 'Email address or password not recognised'
				};
			}
			if (answer.status === 429) {
				return { kind: 'rate-limited', retryAfterSeconds: answer.retryAfterSeconds };
			}
			return { kind: 'error', message: `The server answered sign-in with HTTP ${answer.status}` };
		case 'failed':
		case 'unreadable':
			return { kind: 'error', message: answer.message };
	}
}
