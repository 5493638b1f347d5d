/**
 * Who may make and withdraw invitations, and how the invitation endpoints say no. Only a social
 * worker may, and only for a child on their caseload: decided here, on every request, from their
 * account and assignment as the server holds them now, never from anything the browser says.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { whoIsAsking } from '../refusal';
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
	const { session, account } = whoIsAsking(event.locals);
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

export { answerRefusal } from '../refusal';
