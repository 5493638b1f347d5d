/**
 * User accounts in the server-only `users` database. Emails are unique through an index document
 * whose id is a hash of the address (an id is unique by nature, so two instances creating the same
 * email at once cannot both succeed).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { user as userSchema, type User } from '$lib/domain/schemas/users';
import { isConflict, isNotFound } from '../store/databases';
import { hashPassword } from './passwords';

const account = userSchema.extend({
	_id: z.string(),
	_rev: z.string().optional(),
	passwordHash: z.string().optional(),
	passwordSetAt: z.string().optional()
});
export type Account = z.infer<typeof account>;

const emailKey = (email: string) =>
	`email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

export class EmailTakenError extends Error {
	constructor() {
		super('An account with this email address already exists.');
	}
}

export async function createAccount(
	users: PouchDB.Database,
	input: User,
	password?: string
): Promise<Account> {
	const parsed = userSchema.parse(input);
	try {
		await users.put({ _id: emailKey(parsed.email), userId: parsed.userId });
	} catch (error) {
		if (isConflict(error)) throw new EmailTakenError();
		throw error;
	}
	const doc: Account = {
		...parsed,
		_id: `user:${parsed.userId}`,
		...(password
			? { passwordHash: await hashPassword(password), passwordSetAt: new Date().toISOString() }
			: {})
	};
	const { rev } = await users.put(doc);
	return { ...doc, _rev: rev };
}

export async function findAccountByEmail(
	users: PouchDB.Database,
	email: string
): Promise<Account | null> {
	try {
		const index = await users.get<{ userId: string }>(emailKey(email));
		return await findAccount(users, index.userId);
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}

export async function findAccount(
	users: PouchDB.Database,
	userId: string
): Promise<Account | null> {
	try {
		return account.parse(await users.get(`user:${userId}`));
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}

/** An account document read some other way (with others, say), or null if it is not one. */
export function accountFrom(doc: unknown): Account | null {
	const parsed = account.safeParse(doc);
	return parsed.success ? parsed.data : null;
}

export async function countAccounts(users: PouchDB.Database): Promise<number> {
	const result = await users.allDocs({ startkey: 'user:', endkey: 'user:\ufff0' });
	return result.rows.length;
}
