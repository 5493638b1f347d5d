/**
 * Accounts, as an administrator manages them: create, list, disable. Every input is parsed here,
 * whoever calls (the admin API, the demo seed), so a refusal always names the field.
 */
import { z } from 'zod';
import { isoDateTime, opaqueId, shortText } from '$lib/domain/schemas/common';
import { email, newPassword, role, type Role } from '$lib/domain/schemas/users';
import { newId } from '$lib/domain/ids';
import {
	createAccount,
	EmailTakenError,
	findAccount,
	type Account
} from '$lib/server/auth/accounts';
import { isConflict } from '$lib/server/store/databases';
import { AdminRefusal, noSuchUser, parseInput } from './refusal';

export const newUser = z.strictObject({
	email,
	displayName: shortText.trim().min(1, 'is required'),
	role,
	authorityId: opaqueId,
	/** Optional: without one the account exists (and can be assigned) but cannot sign in yet. */
	password: newPassword.optional()
});
export type NewUser = z.input<typeof newUser>;

/** What the admin API shows of an account: never the password hash. */
export interface PublicUser {
	userId: string;
	email: string;
	displayName: string;
	role: Role;
	authorityId: string;
	disabled: boolean;
	createdAt: string;
	/** False until a password is set: such an account cannot sign in. */
	hasPassword: boolean;
}

export function publicUser(account: Account): PublicUser {
	return {
		userId: account.userId,
		email: account.email,
		displayName: account.displayName,
		role: account.role,
		authorityId: account.authorityId,
		disabled: account.disabled,
		createdAt: account.createdAt,
		hasPassword: account.passwordHash !== undefined
	};
}

/** Only for the demo seed, whose fixture documents already name their people by id. */
const seedOptions = z.strictObject({
	userId: opaqueId.optional(),
	createdAt: isoDateTime.optional()
});

export async function createUser(
	users: PouchDB.Database,
	input: NewUser,
	options: z.input<typeof seedOptions> = {}
): Promise<PublicUser> {
	const { password, ...person } = parseInput(newUser, input);
	const { userId = newId(), createdAt = new Date().toISOString() } = parseInput(
		seedOptions,
		options
	);
	try {
		const account = await createAccount(
			users,
			{ type: 'user', schemaVersion: 1, userId, ...person, disabled: false, createdAt },
			password
		);
		return publicUser(account);
	} catch (error) {
		if (error instanceof EmailTakenError) {
			throw new AdminRefusal(409, `email: ${person.email} already has an account.`);
		}
		throw error;
	}
}

/** The accounts of one authority, as its administrator sees them. */
export async function listUsers(
	users: PouchDB.Database,
	authorityId: string
): Promise<PublicUser[]> {
	const result = await users.allDocs({
		include_docs: true,
		startkey: 'user:',
		endkey: 'user:\ufff0'
	});
	const accounts = result.rows
		.flatMap((row) => (row.doc ? [row.doc as unknown as Account] : []))
		.filter((account) => account.authorityId === authorityId);
	return accounts
		.map(publicUser)
		.sort((a, b) => a.role.localeCompare(b.role) || a.email.localeCompare(b.email));
}

/**
 * Stops an account signing in, and (since every request looks the account up) ends what its
 * sessions may do at once. Disabling twice is not an error.
 */
export async function disableUser(
	users: PouchDB.Database,
	userId: string,
	within?: string
): Promise<PublicUser> {
	for (let attempt = 0; attempt < 5; attempt += 1) {
		const account = await existingUser(users, userId, within);
		if (account.disabled) return publicUser(account);
		const disabled = { ...account, disabled: true };
		try {
			const { rev } = await users.put(disabled);
			return publicUser({ ...disabled, _rev: rev });
		} catch (error) {
			if (!isConflict(error)) throw error;
			// Changed by another request at the same moment: read it again.
		}
	}
	throw new AdminRefusal(409, 'The account is being changed by someone else: try again.');
}

/**
 * The account, or a 404 refusal: for paths that act on a user. `within` is the authority of the
 * administrator asking: another authority's accounts are not theirs to find.
 */
export async function existingUser(
	users: PouchDB.Database,
	userId: string,
	within?: string
): Promise<Account> {
	if (!opaqueId.safeParse(userId).success) throw noSuchUser(userId);
	const account = await findAccount(users, userId);
	if (!account || (within !== undefined && account.authorityId !== within))
		throw noSuchUser(userId);
	return account;
}

/** An administrator makes accounts in their own authority only. */
export function refuseOtherAuthority(input: { authorityId?: unknown }, within: string): void {
	if (input.authorityId !== within)
		throw new AdminRefusal(
			403,
			`authorityId: you administer ${within}, so accounts you make belong to it.`
		);
}
