/**
 * Who may make and withdraw invitations, and how the invitation endpoints say no. Only a social
 * worker may, and only for a child on their caseload: decided here, on every request, from their
 * account and assignment as the server holds them now, never from anything the browser says.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { opaqueId } from '$lib/domain/schemas/common';
import type { Account } from '../auth/accounts';
import { server } from '../context';
import { resolveAccess } from '../gateway/access';
import { childAuthority, InvitationRefusal } from './store';

export interface ChildsSocialWorker {
	account: Account;
	childId: string;
	/** The child's authority, which the invited person's account joins. */
	authorityId: string;
}

export async function requireChildsSocialWorker(
	event: Pick<RequestEvent, 'locals' | 'params'>
): Promise<ChildsSocialWorker> {
	const { db } = server();
	const { session, account } = event.locals;
	if (!session || !account) {
		throw new InvitationRefusal(401, 'Sign in to do this.');
	}
	if (account.role !== 'social-worker') {
		throw new InvitationRefusal(403, 'Only a social worker can invite people to join.');
	}
	const childId = (event.params as { childId?: string }).childId ?? '';
	const access = opaqueId.safeParse(childId).success
		? await resolveAccess(db.record, { ...session, role: account.role }, account.authorityId)
		: null;
	if (!access?.childIds.has(childId)) {
		throw new InvitationRefusal(403, 'You can invite people only for children on your caseload.');
	}
	const authorityId = await childAuthority(db.record, childId);
	if (!authorityId) throw new InvitationRefusal(404, 'There is no record of this child.');
	return { account, childId, authorityId };
}

/** A refusal as the answer it names: `{ message }`, and `Retry-After` when waiting helps. */
export function answerRefusal(cause: unknown): Response {
	if (!(cause instanceof InvitationRefusal)) throw cause;
	return json(
		{ message: cause.message },
		{
			status: cause.status,
			headers:
				cause.retryAfterSeconds !== undefined
					? { 'retry-after': String(cause.retryAfterSeconds) }
					: {}
		}
	);
}
