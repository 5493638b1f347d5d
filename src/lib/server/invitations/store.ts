/**
 * Invitations in the server-only `users` database, beside the accounts they become:
 *   invitation:{childId}:{invitationId} — who is invited, as what, for which child, by whom, until
 *                                         when, and whether it has been used or withdrawn;
 *   invitation-code:{hash}              — which invitation a code opens.
 * The code itself is never stored: only an HMAC of it, keyed with the server's session secret,
 * so neither a copy of the database nor its logs can be used to join. Keyed by child, a child's
 * invitations are read as one range.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ids, newId } from '$lib/domain/ids';
import {
	generateInvitationCode,
	hasExpired,
	invitationExpiresAt,
	invitedRole,
	type InvitedRole
} from '$lib/domain/invitations';
import { isoDateTime, opaqueId } from '$lib/domain/schemas/common';
import { isConflict, isNotFound } from '../store/databases';
import { Refusal } from '../refusal';

/** A child has at most this many open invitations: enough for the child and every carer. */
export const maxOpenInvitations = 10;

const invitationDoc = z.object({
	_id: z.string(),
	_rev: z.string().optional(),
	type: z.literal('invitation'),
	schemaVersion: z.literal(1),
	invitationId: opaqueId,
	childId: opaqueId,
	authorityId: opaqueId,
	role: invitedRole,
	displayName: z.string(),
	createdBy: opaqueId,
	createdAt: isoDateTime,
	expiresAt: isoDateTime,
	/** Set when the code is redeemed, with the account it became. */
	usedAt: isoDateTime.optional(),
	usedBy: opaqueId.optional(),
	withdrawnAt: isoDateTime.optional(),
	withdrawnBy: opaqueId.optional()
});
export type Invitation = z.infer<typeof invitationDoc>;

const codeIndex = z.object({
	_id: z.string(),
	type: z.literal('invitation-code'),
	childId: opaqueId,
	invitationId: opaqueId
});

export type InvitationStatus = 'open' | 'used' | 'withdrawn' | 'expired';

export function statusOf(invitation: Invitation, now = new Date()): InvitationStatus {
	if (invitation.usedAt) return 'used';
	if (invitation.withdrawnAt) return 'withdrawn';
	return hasExpired(invitation.expiresAt, now) ? 'expired' : 'open';
}

/** What a social worker's screen shows of an invitation: never the code or its hash. */
export interface PublicInvitation {
	invitationId: string;
	childId: string;
	role: InvitedRole;
	displayName: string;
	createdAt: string;
	expiresAt: string;
	status: InvitationStatus;
}

export function publicInvitation(invitation: Invitation, now = new Date()): PublicInvitation {
	const { invitationId, childId, role, displayName, createdAt, expiresAt } = invitation;
	return {
		invitationId,
		childId,
		role,
		displayName,
		createdAt,
		expiresAt,
		status: statusOf(invitation, now)
	};
}

export class InvitationRefusal extends Refusal {
	constructor(
		status: 400 | 401 | 403 | 404 | 409 | 429,
		message: string,
		/** For a 429: seconds until another try is allowed. */
		retryAfterSeconds?: number
	) {
		super(status, message, retryAfterSeconds);
		this.name = 'InvitationRefusal';
	}
}

const invitationKey = (childId: string, invitationId: string) =>
	`invitation:${childId}:${invitationId}`;

export function codeKey(code: string, secret: string): string {
	const hash = createHmac('sha256', secret).update(`invitation-code:${code}`).digest('hex');
	return `invitation-code:${hash}`;
}

export interface NewInvitation {
	childId: string;
	authorityId: string;
	role: InvitedRole;
	displayName: string;
	createdBy: string;
}

/** Makes an invitation and its code; the code is returned here once, and kept nowhere. */
export async function createInvitation(
	users: PouchDB.Database,
	input: NewInvitation,
	secret: string,
	now = new Date()
): Promise<{ invitation: Invitation; code: string }> {
	const open = (await listInvitations(users, input.childId)).filter(
		(i) => statusOf(i, now) === 'open'
	);
	if (open.length >= maxOpenInvitations) {
		throw new InvitationRefusal(
			409,
			`This child already has ${maxOpenInvitations} open invitations: withdraw one before making another.`
		);
	}
	const invitationId = newId();
	// A new code until one is free: with 60 random bits, the first always is in practice.
	let code = '';
	for (let attempt = 0; ; attempt += 1) {
		code = generateInvitationCode();
		try {
			await users.put({
				_id: codeKey(code, secret),
				type: 'invitation-code',
				childId: input.childId,
				invitationId
			});
			break;
		} catch (error) {
			if (!isConflict(error) || attempt >= 4) throw error;
		}
	}
	const invitation: Invitation = {
		_id: invitationKey(input.childId, invitationId),
		type: 'invitation',
		schemaVersion: 1,
		invitationId,
		...input,
		createdAt: now.toISOString(),
		expiresAt: invitationExpiresAt(now).toISOString()
	};
	const { rev } = await users.put(invitationDoc.parse(invitation));
	return { invitation: { ...invitation, _rev: rev }, code };
}

/** Every invitation for a child, newest first. */
export async function listInvitations(
	users: PouchDB.Database,
	childId: string
): Promise<Invitation[]> {
	const prefix = `invitation:${childId}:`;
	const result = await users.allDocs({
		include_docs: true,
		startkey: prefix,
		endkey: `${prefix}\ufff0`
	});
	return result.rows
		.map((row) => invitationDoc.safeParse(row.doc))
		.flatMap((parsed) => (parsed.success ? [parsed.data] : []))
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function findInvitation(
	users: PouchDB.Database,
	childId: string,
	invitationId: string
): Promise<Invitation | null> {
	if (!opaqueId.safeParse(invitationId).success) return null;
	return read(users, invitationKey(childId, invitationId));
}

/** The invitation a code opens, whatever its status, or null for a code nobody made. */
export async function findByCode(
	users: PouchDB.Database,
	code: string,
	secret: string
): Promise<Invitation | null> {
	let index: z.infer<typeof codeIndex>;
	try {
		index = codeIndex.parse(await users.get(codeKey(code, secret)));
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
	return read(users, invitationKey(index.childId, index.invitationId));
}

/** Stops a code working. Withdrawing one twice is not an error; one already used cannot be. */
export async function withdrawInvitation(
	users: PouchDB.Database,
	childId: string,
	invitationId: string,
	by: string,
	now = new Date()
): Promise<Invitation> {
	for (let attempt = 0; attempt < 5; attempt += 1) {
		const invitation = await findInvitation(users, childId, invitationId);
		if (!invitation) {
			throw new InvitationRefusal(404, `There is no invitation ${invitationId.slice(0, 80)}.`);
		}
		if (invitation.usedAt) {
			throw new InvitationRefusal(
				409,
				'This invitation has been used already: the person has joined, so it cannot be withdrawn.'
			);
		}
		if (invitation.withdrawnAt) return invitation;
		const withdrawn = { ...invitation, withdrawnAt: now.toISOString(), withdrawnBy: by };
		try {
			const { rev } = await users.put(withdrawn);
			return { ...withdrawn, _rev: rev };
		} catch (error) {
			if (!isConflict(error)) throw error;
			// Used or withdrawn at the same moment elsewhere: read it again.
		}
	}
	throw new InvitationRefusal(409, 'The invitation is being changed by someone else: try again.');
}

/**
 * Marks an open invitation used by this account, so that no one else can use it; false when it
 * was no longer open (used, withdrawn or expired, perhaps a moment ago on another instance).
 */
export async function claimInvitation(
	users: PouchDB.Database,
	invitation: Invitation,
	userId: string,
	now = new Date()
): Promise<Invitation | null> {
	if (statusOf(invitation, now) !== 'open') return null;
	const claimed = { ...invitation, usedAt: now.toISOString(), usedBy: userId };
	try {
		const { rev } = await users.put(claimed);
		return { ...claimed, _rev: rev };
	} catch (error) {
		if (!isConflict(error)) throw error;
		const again = await read(users, invitation._id);
		return again && statusOf(again, now) === 'open'
			? claimInvitation(users, again, userId, now)
			: null;
	}
}

/** Opens a claimed invitation again, when the account it was to become could not be made. */
export async function releaseInvitation(
	users: PouchDB.Database,
	claimed: Invitation
): Promise<void> {
	const { usedAt, usedBy, ...open } = claimed;
	await users.put(open);
}

async function read(users: PouchDB.Database, id: string): Promise<Invitation | null> {
	try {
		const parsed = invitationDoc.safeParse(await users.get(id));
		return parsed.success ? parsed.data : null;
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}

/** The child's record exists (and has not been removed): an invitation is for a real child. */
export async function childAuthority(
	record: PouchDB.Database,
	childId: string
): Promise<string | null> {
	try {
		const child = await record.get<{ authorityId?: unknown }>(ids.child(childId));
		return typeof child.authorityId === 'string' ? child.authorityId : null;
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}
