import { describe, expect, it, vi } from 'vitest';
import { Cipher, fromBase64, SealError, SealMemo, toBase64 } from './cipher';
import { createKey, minimumIterations, unlockKey, WrongPasscodeError } from './passcode-key';

// A test-only iteration count keeps each key to milliseconds; one test checks the real default.
const quick = { testOnlyIterations: 1_000 };

describe('the data key and its passcode', () => {
	it('opens what it sealed once unlocked again with the same passcode', async () => {
		const { key, stored } = await createKey('482916', quick);
		const sealed = await new Cipher(key).sealJson({ name: 'Amara Okafor' }, 'child:c1');
		const again = await unlockKey('482916', stored);
		expect(await new Cipher(again).openJson(sealed, 'child:c1')).toEqual({ name: 'Amara Okafor' });
	});

	it('refuses a wrong passcode', async () => {
		const { stored } = await createKey('482916', quick);
		await expect(unlockKey('482917', stored)).rejects.toBeInstanceOf(WrongPasscodeError);
	});

	it('keeps the key non-extractable, so script on the page cannot read it out', async () => {
		const { key, stored } = await createKey('482916', quick);
		expect(key.extractable).toBe(false);
		expect((await unlockKey('482916', stored)).extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
	});

	it(`uses at least ${minimumIterations.toLocaleString('en-GB')} PBKDF2 iterations unless a test asks for fewer`, async () => {
		const { stored } = await createKey('482916');
		expect(stored.iterations).toBeGreaterThanOrEqual(600_000);
		expect(stored.version).toBe(1);
		// A random salt each time: the same passcode on two devices gives two different wrapped keys.
		const other = await createKey('482916', quick);
		expect(other.stored.salt).not.toBe(stored.salt);
	}, 30_000);
});

describe('sealing', () => {
	const cipher = async () => new Cipher((await createKey('482916', quick)).key);

	it('holds no plaintext and uses a fresh IV each time', async () => {
		const c = await cipher();
		const a = await c.sealJson('Amara Okafor', 'ctx');
		const b = await c.sealJson('Amara Okafor', 'ctx');
		expect(a).not.toBe(b);
		expect(atob(a)).not.toContain('Amara');
	});

	it('refuses a seal with one byte changed', async () => {
		const c = await cipher();
		const sealed = await c.sealBytes(new TextEncoder().encode('Amara Okafor'), 'ctx');
		sealed[20] = (sealed[20] ?? 0) ^ 1;
		await expect(c.openBytes(sealed, 'ctx')).rejects.toBeInstanceOf(SealError);
	});

	it('refuses a seal moved to another record', async () => {
		const c = await cipher();
		const sealed = await c.sealJson('Amara Okafor', 'child:c1');
		await expect(c.openJson(sealed, 'child:c2')).rejects.toBeInstanceOf(SealError);
	});

	it('refuses a seal made under another key', async () => {
		const sealed = await (await cipher()).sealJson('Amara Okafor', 'ctx');
		await expect((await cipher()).openJson(sealed, 'ctx')).rejects.toBeInstanceOf(SealError);
	});
});

describe('remembering what was sealed and opened while unlocked', () => {
	const cipher = async () => new Cipher((await createKey('482916', quick)).key);

	it('opens a seal it made, or opened before, without decrypting it again', async () => {
		const c = await cipher();
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		try {
			const sealed = await c.sealJson({ name: 'Amara Okafor' }, 'child:c1');
			expect(await c.openJson(sealed, 'child:c1')).toEqual({ name: 'Amara Okafor' });
			expect(decrypt).not.toHaveBeenCalled();

			// Sealed on another device: decrypted the first time only.
			const other = await cipher();
			const theirs = await other.sealJson({ name: 'Jamie Reid' }, 'child:c2');
			const mine = new Cipher(await keyOf(other));
			await mine.openJson(theirs, 'child:c2');
			await mine.openJson(theirs, 'child:c2');
			expect(decrypt).toHaveBeenCalledTimes(1);
		} finally {
			decrypt.mockRestore();
		}
	});

	it('gives a new value each time, so a caller changing one does not change the next', async () => {
		const c = await cipher();
		const sealed = await c.sealJson({ name: 'Amara Okafor' }, 'ctx');
		const first = await c.openJson<{ name: string }>(sealed, 'ctx');
		first.name = 'changed';
		expect(await c.openJson(sealed, 'ctx')).toEqual({ name: 'Amara Okafor' });
	});

	it('still refuses a remembered seal moved to another record, or changed', async () => {
		const c = await cipher();
		const sealed = await c.sealJson('Amara Okafor', 'child:c1');
		await expect(c.openJson(sealed, 'child:c2')).rejects.toBeInstanceOf(SealError);
		const bytes = fromBase64(sealed);
		bytes[20] = (bytes[20] ?? 0) ^ 1;
		await expect(c.openJson(toBase64(bytes), 'child:c1')).rejects.toBeInstanceOf(SealError);
	});

	it('forgets everything when told to (the app locking)', async () => {
		const c = await cipher();
		const sealed = await c.sealJson('Amara Okafor', 'ctx');
		c.forget();
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		try {
			expect(await c.openJson(sealed, 'ctx')).toBe('Amara Okafor');
			expect(decrypt).toHaveBeenCalledTimes(1);
		} finally {
			decrypt.mockRestore();
		}
	});

	it('holds only so many seals, dropping the least recently used', () => {
		const memo = new SealMemo(2, 1_000);
		memo.remember('s1', 'c', '"one"');
		memo.remember('s2', 'c', '"two"');
		expect(memo.recall('s1', 'c')).toBe('"one"');
		memo.remember('s3', 'c', '"three"');
		expect(memo.recall('s2', 'c')).toBeUndefined();
		expect(memo.recall('s1', 'c')).toBe('"one"');
		expect(memo.size).toBe(2);
		// Nor more than so many characters: one too big to keep is not kept at all.
		memo.remember('s4', 'c', 'x'.repeat(2_000));
		expect(memo.recall('s4', 'c')).toBeUndefined();
		memo.remember('s5', 'c', 'y'.repeat(995));
		expect(memo.size).toBe(1);
	});
});

/** The raw data key behind a test cipher, to make a second cipher under the same key. */
async function keyOf(c: Cipher): Promise<CryptoKey> {
	return (c as unknown as { key: CryptoKey }).key;
}
