/**
 * Signs a person in on this browser: the session cookie, as a sign-in sets it, a note that this
 * browser now knows the account (which keeps strangers' guessing from locking them out of it),
 * and what the app is told about who they are. Used by sign-in and by joining with a code.
 */
import type { Cookies } from '@sveltejs/kit';
import type { ServerContext } from '../context';
import { newSessionId, recordSession } from './sessions';
import { sessionCookieName, signSession } from './session-cookie';
import type { Account } from './accounts';
import { rememberKnownDevice } from './known-devices';

export async function startSession(
	{ cookies, url }: { cookies: Cookies; url: URL },
	account: Pick<Account, 'userId' | 'role'>,
	{ config, sessionSecret, db }: Pick<ServerContext, 'config' | 'sessionSecret' | 'db'>
): Promise<void> {
	const expires = Math.floor(Date.now() / 1000) + config.PEP_SESSION_HOURS * 3600;
	const sessionId = newSessionId();
	await recordSession(db.users, {
		userId: account.userId,
		sessionId,
		expiresAt: new Date(expires * 1000)
	});
	cookies.set(
		sessionCookieName,
		signSession({ userId: account.userId, sessionId, role: account.role, expires }, sessionSecret),
		{
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			maxAge: config.PEP_SESSION_HOURS * 3600
		}
	);
	rememberKnownDevice({ cookies, url }, account.userId, sessionSecret);
}

/** Who is signed in, as `/api/session` says it: never an email or a hash. */
export function publicSessionUser(account: Pick<Account, 'userId' | 'displayName' | 'role'>) {
	return { userId: account.userId, displayName: account.displayName, role: account.role };
}
