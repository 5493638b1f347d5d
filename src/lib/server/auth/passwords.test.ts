import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

// A low cost keeps the tests quick; the parameters travel with the hash, as in production.
const cheap = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('correct horse battery', cheap);
		expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
		expect(await verifyPassword('correct horse battery', stored)).toBe(true);
		expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
	});

	it('salts every hash, so the same password never hashes the same', async () => {
		expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
	});

	it('refuses a stored value that is not a scrypt hash', async () => {
		expect(await verifyPassword('x', 'plain-text')).toBe(false);
		expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
	});

	it('has a decoy hash that no guess matches', async () => {
		expect(await verifyPassword('', await decoyHash())).toBe(false);
	});
});
