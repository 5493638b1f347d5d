/**
 * Sign in (POST), who am I (GET), sign out (DELETE). An unknown email and a wrong password get
 * the same answer after the same work, so the endpoint does not reveal who has an account.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { email } from '$lib/domain/schemas/users';
import { findAccountByEmail } from '$lib/server/auth/accounts';
import { decoyHash, verifyPassword } from '$lib/server/auth/passwords';
import { knownDeviceToken } from '$lib/server/auth/known-devices';
import {
	countsFor,
	recordSignInFailure,
	recordSignInSuccess,
	signInWait,
	tooManyAttempts
} from '$lib/server/auth/sign-in-limits';
import { sessionCookieName } from '$lib/server/auth/session-cookie';
import { endSession } from '$lib/server/auth/sessions';
import { publicSessionUser, startSession } from '$lib/server/auth/start-session';
import { readJson } from '$lib/server/http';
import { server } from '$lib/server/context';

const signInBody = z.strictObject({
	email: email,
	password: z.string().min(1, 'is required').max(1_000, 'must be at most 1,000 characters')
});

const wrongCredentials = 'Enter a correct email address and password.';

export const POST: RequestHandler = async (event) => {
	const { db, sessionSecret } = server();
	const body = await readJson(event.request, signInBody);
	const account = await findAccountByEmail(db.users, body.email);
	const counts = await countsFor(db.users, {
		email: body.email,
		address: event.getClientAddress(),
		knownDeviceToken: account && knownDeviceToken(event.cookies, account.userId, sessionSecret)
	});

	const wait = await signInWait(db.users, counts);
	if (wait > 0) {
		return json(
			{ message: tooManyAttempts(wait) },
			{ status: 429, headers: { 'retry-after': String(wait) } }
		);
	}

	const hash = account?.passwordHash ?? (await decoyHash());
	const valid =
		(await verifyPassword(body.password, hash)) &&
		account !== null &&
		!account.disabled &&
		account.passwordHash !== undefined;
	if (!valid) {
		await recordSignInFailure(db.users, counts);
		return json({ message: wrongCredentials }, { status: 401 });
	}
	await recordSignInSuccess(db.users, counts);

	await startSession(event, account, server());
	return json(publicSessionUser(account));
};

/** Who is signed in: `{ user: null }` when nobody is, which is an answer, not an error. */
export const GET: RequestHandler = async ({ locals }) => {
	return json({ user: locals.account ? publicSessionUser(locals.account) : null });
};

/** Signs out: the session ends on the server, so its cookie is worth nothing wherever it is kept. */
export const DELETE: RequestHandler = async ({ cookies, url, locals }) => {
	if (locals.session) await endSession(server().db.users, locals.session.sessionId);
	cookies.delete(sessionCookieName, {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:'
	});
	return new Response(null, { status: 204 });
};
