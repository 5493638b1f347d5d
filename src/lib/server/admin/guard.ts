/**
 * Who may use the admin API: a signed-in administrator whose account still exists, is still an
 * administrator and is not disabled (read with the session on every request, in hooks.server.ts).
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import type { Account } from '$lib/server/auth/accounts';
import { AdminRefusal } from './refusal';

export async function requireAdmin(event: Pick<RequestEvent, 'locals'>): Promise<Account> {
	const account = event.locals.account;
	if (!account) error(401, 'Sign in as an administrator to do this.');
	if (account.role !== 'admin') error(403, 'Only an administrator can do this.');
	return account;
}

/** Turns a refusal from the admin path into the HTTP answer it names. */
export function answerRefusal(cause: unknown): never {
	if (cause instanceof AdminRefusal) error(cause.status, cause.message);
	throw cause;
}
