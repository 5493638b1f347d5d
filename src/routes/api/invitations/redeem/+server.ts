/**
 * Join with a code (POST `{ code, email, password }`, no sign-in): makes the invited person's
 * account with the role and child the code was made for, uses the code up, and signs them in on
 * this browser. Their device then asks them to set its passcode, as after any first sign-in.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { invitationCode } from '$lib/domain/invitations';
import { email, newPassword } from '$lib/domain/schemas/users';
import { publicSessionUser, startSession } from '$lib/server/auth/start-session';
import { server } from '$lib/server/context';
import { readJson } from '$lib/server/http';
import { answerRefusal } from '$lib/server/invitations/http';
import { join } from '$lib/server/invitations/join';

const body = z.strictObject({ code: invitationCode, email, password: newPassword });

export const POST: RequestHandler = async (event) => {
	try {
		const joining = await readJson(event.request, body);
		const context = server();
		const account = await join(
			context.db,
			joining,
			event.getClientAddress(),
			context.sessionSecret
		);
		await startSession(event, account, context);
		return json(publicSessionUser(account), { status: 201 });
	} catch (cause) {
		return answerRefusal(cause);
	}
};
