/**
 * A child's invitations, for their social worker: the open ones (GET), and a new one (POST
 * `{ role, displayName }`), whose code is in the answer once and never again.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { formatInvitationCode, invitedRole, inviteeName } from '$lib/domain/invitations';
import { server } from '$lib/server/context';
import { readJson } from '$lib/server/http';
import { answerRefusal, requireChildsSocialWorker } from '$lib/server/invitations/http';
import {
	createInvitation,
	listInvitations,
	publicInvitation,
	statusOf
} from '$lib/server/invitations/store';

const newInvitation = z.strictObject({ role: invitedRole, displayName: inviteeName });

export const GET: RequestHandler = async (event) => {
	try {
		const { childId } = await requireChildsSocialWorker(event);
		const now = new Date();
		const open = (await listInvitations(server().db.users, childId)).filter(
			(invitation) => statusOf(invitation, now) === 'open'
		);
		return json({ invitations: open.map((invitation) => publicInvitation(invitation, now)) });
	} catch (cause) {
		return answerRefusal(cause);
	}
};

export const POST: RequestHandler = async (event) => {
	try {
		const { account, childId, authorityId } = await requireChildsSocialWorker(event);
		const body = await readJson(event.request, newInvitation);
		const { db, sessionSecret } = server();
		const { invitation, code } = await createInvitation(
			db.users,
			{ childId, authorityId, ...body, createdBy: account.userId },
			sessionSecret
		);
		return json(
			{ invitation: publicInvitation(invitation), code: formatInvitationCode(code) },
			{ status: 201 }
		);
	} catch (cause) {
		return answerRefusal(cause);
	}
};
