/**
 * Does this code work? (POST `{ code }`, no sign-in.) Answers who it invites, as what and until
 * when, so the join page can greet them before they choose a password; a code that does not work
 * gets one answer whatever the reason, and counts towards the address's limit.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { invitationCode } from '$lib/domain/invitations';
import { server } from '$lib/server/context';
import { readJson } from '$lib/server/http';
import { answerRefusal } from '$lib/server/invitations/http';
import { openInvitation } from '$lib/server/invitations/join';

const body = z.strictObject({ code: invitationCode });

export const POST: RequestHandler = async (event) => {
	try {
		const { code } = await readJson(event.request, body);
		const { db, sessionSecret } = server();
		const invitation = await openInvitation(db, code, event.getClientAddress(), sessionSecret);
		const { displayName, role, expiresAt } = invitation;
		return json({ displayName, role, expiresAt });
	} catch (cause) {
		return answerRefusal(cause);
	}
};
