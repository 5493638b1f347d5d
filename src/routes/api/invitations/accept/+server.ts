/**
 * Use a code for another child while signed in (POST `{ code }`): for a carer or young person who
 * already has an account. The child is added to what their account holds, decided from the
 * account as the server holds it; their device receives the child at its next sync.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { invitationCode } from '$lib/domain/invitations';
import { server } from '$lib/server/context';
import { readJson } from '$lib/server/http';
import { acceptForAccount } from '$lib/server/invitations/join';
import { answerRefusal, whoIsAsking } from '$lib/server/refusal';

const body = z.strictObject({ code: invitationCode });

export const POST: RequestHandler = async (event) => {
	try {
		const { db, sessionSecret } = server();
		const { account } = whoIsAsking(event.locals);
		const { code } = await readJson(event.request, body);
		const added = await acceptForAccount(
			db,
			account,
			code,
			event.getClientAddress(),
			sessionSecret
		);
		return json(added, { status: 201 });
	} catch (cause) {
		return answerRefusal(cause);
	}
};
