/**
 * The app's calls about invitations: a social worker makes, lists and withdraws a child's
 * invitations; someone with a code checks it and joins. These need the server, so each answer
 * says when there was no connection. Every answer is parsed, so one we did not expect is an
 * `error` that says what was wrong, never a crash.
 */
import { z } from 'zod';
import { invitedRole, type InvitedRole } from '$lib/domain/invitations';
import { callApi } from './api/api-client';
import { sessionUser, type SessionUser } from './session';

export const openInvitation = z.object({
	invitationId: z.string(),
	childId: z.string(),
	role: invitedRole,
	displayName: z.string(),
	createdAt: z.string(),
	expiresAt: z.string(),
	status: z.enum(['open', 'used', 'withdrawn', 'expired'])
});
export type OpenInvitation = z.infer<typeof openInvitation>;

const created = z.object({ invitation: openInvitation, code: z.string() });
export type CreatedInvitation = z.infer<typeof created>;

const invited = z.object({ displayName: z.string(), role: invitedRole, expiresAt: z.string() });
export type Invited = z.infer<typeof invited>;

export type Answer<T> =
	| { kind: 'ok'; value: T }
	/** No connection, so the server could not be asked. */
	| { kind: 'offline' }
	/** The server said no: `message` says why, in words for the person. */
	| { kind: 'refused'; status: number; message: string; retryAfterSeconds?: number }
	/** Anything else; `message` is for developers and logs, not for the screen. */
	| { kind: 'error'; message: string };

const timeoutSeconds = 20;

async function call<T>(
	method: 'GET' | 'POST' | 'DELETE',
	path: `/api/${string}`,
	schema: z.ZodType<T>,
	body?: unknown
): Promise<Answer<T>> {
	const answer = await callApi({ method, path, body, timeoutSeconds }, schema);
	switch (answer.kind) {
		case 'ok':
		case 'offline':
			return answer;
		case 'refused': {
			const { status, message = `HTTP ${status}`, retryAfterSeconds } = answer;
			return {
				kind: 'refused',
				status,
				message,
				...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds })
			};
		}
		case 'failed':
		case 'unreadable':
			return { kind: 'error', message: answer.message };
	}
}

const childPath = (childId: string): `/api/${string}` =>
	`/api/children/${encodeURIComponent(childId)}/invitations`;

export function listInvitations(childId: string): Promise<Answer<OpenInvitation[]>> {
	return call(
		'GET',
		childPath(childId),
		z.object({ invitations: z.array(openInvitation) }).transform((body) => body.invitations)
	);
}

export function createInvitation(
	childId: string,
	invitation: { role: InvitedRole; displayName: string }
): Promise<Answer<CreatedInvitation>> {
	return call('POST', childPath(childId), created, invitation);
}

export function withdrawInvitation(
	childId: string,
	invitationId: string
): Promise<Answer<OpenInvitation>> {
	return call(
		'DELETE',
		`${childPath(childId)}/${encodeURIComponent(invitationId)}`,
		openInvitation
	);
}

export function checkCode(code: string): Promise<Answer<Invited>> {
	return call('POST', '/api/invitations/check', invited, { code });
}

export function redeemCode(joining: {
	code: string;
	email: string;
	password: string;
}): Promise<Answer<SessionUser>> {
	return call('POST', '/api/invitations/redeem', sessionUser, joining);
}

/** Signed in already: the code's child is added to this account (a carer's second child). */
export function acceptCode(code: string): Promise<Answer<{ childId: string }>> {
	return call('POST', '/api/invitations/accept', z.object({ childId: z.string() }), { code });
}

/** The address a QR code opens: the join page, with the code after `#` so no server logs it. */
export function joinLink(origin: string, code: string): string {
	return `${origin}/join#code=${code.replace(/\s/g, '')}`;
}

/** The code in a join link's `#code=…`, if there is one. */
export function codeFromHash(hash: string): string | null {
	const match = /^#code=([A-Za-z0-9 %-]{1,100})$/.exec(hash);
	return match ? decodeURIComponent(match[1]!) : null;
}
