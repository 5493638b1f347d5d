/**
 * Joining with an invitation code, for someone who is not signed in: check the code, then make
 * the account it invites (their email as the username, a password they choose, the invited role,
 * and the child), through the same admin path an administrator's accounts take.
 *
 * A code that was never made, has expired, has been used or withdrawn gets one answer, so trying
 * codes tells nobody which exist. Codes that fail are counted per network address, in the users
 * database as sign-in failures are, and too many stop that address trying for a while.
 */
import { newId } from '$lib/domain/ids';
import { invitationDays } from '$lib/domain/invitations';
import type { Databases } from '../store/databases';
import { setAssignment } from '../admin/assignments';
import { AdminRefusal } from '../admin/refusal';
import { createUser, disableUser } from '../admin/users';
import { roleNames } from '$lib/domain/schemas/users';
import { findAccount, findAccountByEmail, type Account } from '../auth/accounts';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { resolveAccess } from '../gateway/access';
import { recordFailure, retryAfter } from '../auth/rate-limit';
import {
	childAuthority,
	claimInvitation,
	findByCode,
	InvitationRefusal,
	releaseInvitation,
	statusOf,
	type Invitation
} from './store';

export const codeRefused = `That code does not work. Check it and try again. If your email address already has an account, give that account's password with the code. A code works only once, and only for ${invitationDays} days: if yours has run out, ask your social worker for a new one.`;

/** The open invitation a code opens, or a refusal (counted against the address). */
export async function openInvitation(
	db: Pick<Databases, 'record' | 'users'>,
	code: string,
	address: string,
	secret: string,
	now = new Date()
): Promise<Invitation> {
	const wait = await retryAfter(db.users, 'invitation-address', address, now.getTime());
	if (wait > 0) {
		throw new InvitationRefusal(
			429,
			`Too many codes have been tried. Wait ${Math.ceil(wait / 60)} minutes, then try again.`,
			wait
		);
	}
	const invitation = await findByCode(db.users, code, secret);
	const usable =
		invitation !== null &&
		statusOf(invitation, now) === 'open' &&
		(await retryAfter(db.users, 'invitation-code', invitation.invitationId, now.getTime())) === 0 &&
		(await childAuthority(db.record, invitation.childId)) !== null;
	if (!usable) {
		await recordFailure(db.users, 'invitation-address', address, now.getTime());
		throw new InvitationRefusal(404, codeRefused);
	}
	return invitation;
}

export interface Joining {
	code: string;
	email: string;
	password: string;
}

/** Makes the invited person's account and gives them the child; the code is then used up. */
export async function join(
	db: Pick<Databases, 'record' | 'users'>,
	{ code, email, password }: Joining,
	address: string,
	secret: string,
	now = new Date()
): Promise<Account> {
	const invitation = await openInvitation(db, code, address, secret, now);
	const existing = await findAccountByEmail(db.users, email);
	if (existing)
		return await linkExistingAccount(db, existing, { code, password }, address, secret, now);
	const authorityId = await childAuthority(db.record, invitation.childId);
	const userId = newId();
	// Claimed before the account is made, so two people with the same code cannot both join.
	const claimed = await claimInvitation(db.users, invitation, userId, now);
	if (!claimed || !authorityId) {
		await recordFailure(db.users, 'invitation-address', address, now.getTime());
		throw new InvitationRefusal(404, codeRefused);
	}
	try {
		await createUser(
			db.users,
			{ email, password, displayName: invitation.displayName, role: invitation.role, authorityId },
			{ userId, createdAt: now.toISOString() }
		);
	} catch (error) {
		// The code still works: they can try again with another email address.
		await releaseInvitation(db.users, claimed);
		// An account made with this address a moment ago, by another request: answered as any
		// address with an account whose password was not given (nothing said about who has one).
		if (error instanceof AdminRefusal && error.status === 409) {
			await recordFailure(db.users, 'invitation-address', address, now.getTime());
			throw new InvitationRefusal(404, codeRefused);
		}
		throw error;
	}
	try {
		await setAssignment(db, userId, { childIds: [invitation.childId] });
	} catch (error) {
		// The child's record went at this very moment: an account with nothing must not stay.
		await disableUser(db.users, userId);
		throw error;
	}
	const account = await findAccount(db.users, userId);
	if (!account) throw new Error(`The account ${userId} was made but cannot be read.`);
	return account;
}

/**
 * A code redeemed with an address that already has an account: with that account's own password
 * it is accepted for the account (as "Add a child with a code" would) and the person is signed in,
 * which is what a new address gets too. With any other password the answer is the one a code that
 * does not work gets, and the try is counted against the address and against the code, which
 * rests after a few: whether an address has an account is not for a code holder to learn.
 */
async function linkExistingAccount(
	db: Pick<Databases, 'record' | 'users'>,
	account: Account,
	{ code, password }: Pick<Joining, 'code' | 'password'>,
	address: string,
	secret: string,
	now: Date
): Promise<Account> {
	const hash = account.passwordHash ?? (await decoyHash());
	const own =
		(await verifyPassword(password, hash)) &&
		account.passwordHash !== undefined &&
		!account.disabled;
	if (!own) {
		const invitation = await findByCode(db.users, code, secret);
		await recordFailure(db.users, 'invitation-address', address, now.getTime());
		if (invitation)
			await recordFailure(db.users, 'invitation-code', invitation.invitationId, now.getTime());
		throw new InvitationRefusal(404, codeRefused);
	}
	await acceptForAccount(db, account, code, address, secret, now);
	return account;
}

/**
 * Someone who already has an account uses a code for another child (a carer of two brothers, say):
 * the child is added to what their account holds, and the code is used up. The code must be for
 * their own role and council; the answer is the child now theirs.
 */
export async function acceptForAccount(
	db: Pick<Databases, 'record' | 'users'>,
	account: Pick<Account, 'userId' | 'role' | 'authorityId'>,
	code: string,
	address: string,
	secret: string,
	now = new Date()
): Promise<{ childId: string }> {
	const invitation = await openInvitation(db, code, address, secret, now);
	if (invitation.role !== account.role) {
		throw new InvitationRefusal(
			403,
			`This code is for a ${roleNames[invitation.role].toLowerCase()}, and you are signed in as a ${roleNames[account.role].toLowerCase()}. Ask the social worker for a code for you.`
		);
	}
	if ((await childAuthority(db.record, invitation.childId)) !== account.authorityId) {
		throw new InvitationRefusal(
			403,
			'This code is for a child of another council, and your account is with this one. Ask the social worker to invite a new email address.'
		);
	}
	const claimed = await claimInvitation(db.users, invitation, account.userId, now);
	if (!claimed) {
		await recordFailure(db.users, 'invitation-address', address, now.getTime());
		throw new InvitationRefusal(404, codeRefused);
	}
	try {
		const access = await resolveAccess(
			db.record,
			{ userId: account.userId, role: account.role },
			account.authorityId
		);
		await setAssignment(db, account.userId, {
			childIds: [...access.childIds, invitation.childId]
		});
	} catch (error) {
		// The code still works, so nothing is lost by trying again.
		await releaseInvitation(db.users, claimed);
		throw error;
	}
	return { childId: invitation.childId };
}
