import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDatabases } from '../testing/temp-databases';
import {
	countAccounts,
	createAccount,
	EmailTakenError,
	findAccount,
	findAccountByEmail
} from './accounts';
import { verifyPassword } from './passwords';
import { clearFailures, limits, recordFailure, retryAfter } from './rate-limit';

let db: ReturnType<typeof tempDatabases>;
beforeEach(() => {
	db = tempDatabases();
});
afterEach(async () => {
	await db.close();
});

const person = {
	type: 'user' as const,
	schemaVersion: 1 as const,
	userId: 'user-0001',
	email: 'Sam.Patel@Example.org',
	displayName: 'Sam Patel',
	role: 'social-worker' as const,
	authorityId: 'walsall',
	disabled: false,
	createdAt: '2026-11-23T10:00:00.000Z'
};

describe('accounts', () => {
	it('are found by email whatever its case, and keep only a hash of the password', async () => {
		await createAccount(db.users, person, 'a long enough password');
		const found = await findAccountByEmail(db.users, '  sam.patel@example.ORG ');
		expect(found?.userId).toBe('user-0001');
		expect(found?.email).toBe('sam.patel@example.org');
		expect(found?.passwordHash).not.toContain('a long enough password');
		expect(await verifyPassword('a long enough password', found!.passwordHash!)).toBe(true);
		expect(await countAccounts(db.users)).toBe(1);
	});

	it('refuses a second account with the same email', async () => {
		await createAccount(db.users, person);
		await expect(createAccount(db.users, { ...person, userId: 'user-0002' })).rejects.toThrow(
			EmailTakenError
		);
	});

	it('answers null for an unknown email or user', async () => {
		expect(await findAccountByEmail(db.users, 'nobody@example.org')).toBeNull();
		expect(await findAccount(db.users, 'user-9999')).toBeNull();
	});

	it('refuses an account that breaks the schema, naming the field', async () => {
		await expect(createAccount(db.users, { ...person, email: 'not-an-email' })).rejects.toThrow(
			/email/
		);
	});
});

describe('sign-in rate limits', () => {
	it('stop an account from one address after five failures in fifteen minutes, then let it try again', async () => {
		const t0 = Date.parse('2026-11-23T10:00:00Z');
		const pair = 'sam@example.org\n10.0.0.9';
		for (let i = 0; i < limits['account-address'].failures; i += 1) {
			expect(await retryAfter(db.users, 'account-address', pair, t0 + i)).toBe(0);
			await recordFailure(db.users, 'account-address', pair, t0 + i);
		}
		expect(await retryAfter(db.users, 'account-address', pair.toUpperCase(), t0 + 10)).toBe(900);
		expect(
			await retryAfter(db.users, 'account-address', 'other@example.org\n10.0.0.9', t0 + 10)
		).toBe(0);
		expect(await retryAfter(db.users, 'account-address', pair, t0 + 15 * 60_000 + 1)).toBe(0);
	});

	it('are cleared by a successful sign-in', async () => {
		for (let i = 0; i < 5; i += 1) await recordFailure(db.users, 'known-device', 'a-token');
		await clearFailures(db.users, 'known-device', 'a-token');
		expect(await retryAfter(db.users, 'known-device', 'a-token')).toBe(0);
		await clearFailures(db.users, 'known-device', 'never-failed');
	});

	it('count failures recorded at the same moment by two instances', async () => {
		await Promise.all(
			Array.from({ length: 5 }, () => recordFailure(db.users, 'address', '10.0.0.1'))
		);
		const doc = await db.users.allDocs({
			include_docs: true,
			startkey: 'attempts:',
			endkey: 'attempts:\ufff0'
		});
		expect((doc.rows[0]?.doc as unknown as { failures: number[] }).failures).toHaveLength(5);
	});
});
