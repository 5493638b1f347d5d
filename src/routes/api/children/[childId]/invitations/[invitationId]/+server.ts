/** Withdraw an invitation (DELETE): its code stops working at once. */
import { json, type RequestHandler } from '@sveltejs/kit';
import { server } from '$lib/server/context';
import { answerRefusal, requireChildsSocialWorker } from '$lib/server/invitations/http';
import { publicInvitation, withdrawInvitation } from '$lib/server/invitations/store';

export const DELETE: RequestHandler = async (event) => {
	try {
		const { account, childId } = await requireChildsSocialWorker(event);
		const withdrawn = await withdrawInvitation(
			server().db.users,
			childId,
			event.params.invitationId ?? '',
			account.userId
		);
		return json(publicInvitation(withdrawn));
	} catch (cause) {
		return answerRefusal(cause);
	}
};
