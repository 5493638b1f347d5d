import { describe, expect, it } from 'vitest';
import { Cipher, SealError } from './cipher';
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
