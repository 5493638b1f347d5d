/**
 * Who may use the admin API: a signed-in administrator whose account still exists, is still an
 * administrator and is not disabled (read with the session on every request, in hooks.server.ts).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { whoIsAsking } from '../refusal';
import type { Account } from '$lib/server/auth/accounts';
import { AdminRefusal } from './refusal';

export async function requireAdmin(event: Pick<RequestEvent, 'locals'>): Promise<Account> {
	const { account } = whoIsAsking(event.locals, 'Sign in as an administrator to do this.');
	if (account.role !== 'admin') throw new AdminRefusal(403, 'Only an administrator can do this.');
	return account;
}
