/**
 * The first administrator of a new installation, from the environment: with the demo off there is
 * otherwise nobody who could sign in to create anyone. Runs at every start; does nothing once an
 * account with that email exists, so it never resets a password that has since been changed.
 */
import type { Config } from '../config';
import { findAccountByEmail } from '../auth/accounts';
import type { Databases } from '../store/databases';
import { createUser } from './users';

export async function bootstrapAdmin(db: Databases, config: Config): Promise<string | null> {
	const {
		PEP_ADMIN_EMAIL: email,
		PEP_ADMIN_PASSWORD: password,
		PEP_ADMIN_AUTHORITY: authorityId
	} = config;
	if (!email || !password || !authorityId) return null;
	if (await findAccountByEmail(db.users, email)) return null;
	await createUser(db.users, {
		email,
		displayName: 'Administrator',
		role: 'admin',
		authorityId,
		password
	});
	return email;
}
