/**
 * Who may use the admin API: a signed-in administrator whose account still exists, is still an
 * administrator and is not disabled (looked up on every request, as the session cookie says only
 * who signed in, not what they may do now).
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { findAccount, type Account } from '$lib/server/auth/accounts';
import { server } from '$lib/server/context';
import { AdminRefusal } from './refusal';

export async function requireAdmin(event: Pick<RequestEvent, 'locals'>): Promise<Account> {
	const session = event.locals.session;
	const account = session ? await findAccount(server().db.users, session.userId) : null;
	if (!account || account.disabled) error(401, 'Sign in as an administrator to do this.');
	if (account.role !== 'admin') error(403, 'Only an administrator can do this.');
	return account;
}

/** Turns a refusal from the admin path into the HTTP answer it names. */
export function answerRefusal(cause: unknown): never {
	if (cause instanceof AdminRefusal) error(cause.status, cause.message);
	throw cause;
}
