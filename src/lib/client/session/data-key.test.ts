import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as deviceKeys from '../security/device-keys';
import { createKey } from '../security/passcode-key';
import { maxWrongPasscodes } from '../security/passcode-rules';
import { DataKey, type KeyParts } from './data-key';

let people = 0;
/** A person of their own: the device's key database is shared by every test in this file. */
const newPerson = () => `person-${++people}`;

/**
 * The key and lock with the device's real stores (in fake IndexedDB) and real keys, made with
 * few PBKDF2 iterations; the server and the idle timer are fakes.
 */
function dataKey(parts: Partial<KeyParts> = {}) {
	const onIdle = vi.fn();
	const registered: string[] = [];
	const idle = { afterMs: 0, fire: () => {}, stop: vi.fn() };
	const key = new DataKey(onIdle, {
		deviceKeyWrites: async () => deviceKeys,
		createKey: (passcode) => createKey(passcode, { testOnlyIterations: 1_000 }),
		registerDevice: async (deviceId) => registered.push(deviceId),
		newDeviceId: () => `device-${people}`,
		watchIdle: (afterMs, fire) => {
			Object.assign(idle, { afterMs, fire });
			return idle.stop;
		},
		...parts
	});
	return { key, onIdle, registered, idle };
}

/** A person whose passcode is set on this device, and the key as a fresh start finds it. */
async function withPasscode(passcode = 'right-passcode') {
	const userId = newPerson();
	const { key: setUp } = dataKey();
	await setUp.create(userId, passcode);
	const stored = await deviceKeys.findDeviceKey(userId);
	if (!stored) throw new Error('The passcode was not stored');
	return { userId, stored };
}

const opens = () => vi.fn(async () => {});

describe('the data key', () => {
	it('is made from a first passcode, stored wrapped, with the device registered', async () => {
		const userId = newPerson();
		const { key, registered } = dataKey();

		const { cipher, deviceId } = await key.create(userId, 'first-passcode');

		expect(registered).toEqual([deviceId]);
		expect(key.cipher).toBe(cipher);
		const stored = await deviceKeys.findDeviceKey(userId);
		expect(stored).toMatchObject({ userId, deviceId, failedAttempts: 0 });
		expect(stored?.key.iterations).toBe(1_000);
		const sealed = await cipher.sealJson({ note: 'private' }, 'doc-1');
		expect(await cipher.openJson(sealed, 'doc-1')).toEqual({ note: 'private' });
	});

	it('unlocks with the right passcode, opening what it guards with the same key', async () => {
		const { userId, stored } = await withPasscode();
		const { key } = dataKey();
		const openWith = opens();

		expect(await key.unlock(stored, 'right-passcode', openWith)).toEqual({ kind: 'unlocked' });

		expect(openWith).toHaveBeenCalledWith(key.cipher);
		expect(key.cipher).not.toBeNull();
		expect((await deviceKeys.findDeviceKey(userId))?.failedAttempts).toBe(0);
	});

	it('counts wrong passcodes, says how many tries are left, and a right one starts again', async () => {
		const { userId, stored } = await withPasscode();
		const { key } = dataKey();
		const openWith = opens();

		expect(await key.unlock(stored, 'wrong-passcode', openWith)).toEqual({
			kind: 'wrong',
			triesLeft: maxWrongPasscodes - 1
		});
		expect(await key.unlock(stored, 'wrong-again', openWith)).toEqual({
			kind: 'wrong',
			triesLeft: maxWrongPasscodes - 2
		});
		expect(openWith).not.toHaveBeenCalled();
		expect(key.cipher).toBeNull();
		expect((await deviceKeys.findDeviceKey(userId))?.failedAttempts).toBe(2);

		await key.unlock(stored, 'right-passcode', openWith);
		expect((await deviceKeys.findDeviceKey(userId))?.failedAttempts).toBe(0);
	});

	it('says the data must go at the last wrong passcode a device allows', async () => {
		const { stored } = await withPasscode();
		const { key } = dataKey();
		const results = [];
		for (let tries = 0; tries < maxWrongPasscodes; tries++) {
			results.push(await key.unlock(stored, `wrong-${tries}`, opens()));
		}
		expect(results.at(-2)).toEqual({ kind: 'wrong', triesLeft: 1 });
		expect(results.at(-1)).toEqual({ kind: 'too-many' });
	});

	it('counts nothing when unlocking fails for another reason than the passcode', async () => {
		const { userId, stored } = await withPasscode();
		const broken = new Error('WebCrypto is unavailable');
		const { key } = dataKey({ unlockKey: () => Promise.reject(broken) });

		await expect(key.unlock(stored, 'right-passcode', opens())).rejects.toBe(broken);
		expect((await deviceKeys.findDeviceKey(userId))?.failedAttempts).toBe(0);
	});

	it('lets go of the key when dropped, and forgets what it opened only when told', async () => {
		const { stored } = await withPasscode();
		const { key, idle } = dataKey();
		await key.unlock(stored, 'right-passcode', opens());
		await key.watchIdle();
		const cipher = key.cipher;
		const forget = vi.spyOn(cipher!, 'forget');

		const forgetKey = key.drop();
		expect(key.cipher).toBeNull();
		expect(idle.stop).toHaveBeenCalled();
		expect(forget).not.toHaveBeenCalled();

		forgetKey();
		expect(forget).toHaveBeenCalledOnce();
	});
});

describe('the idle lock', () => {
	it('locks after the time the person chose, restarting when it changes', async () => {
		const { key, idle, onIdle } = dataKey();

		await key.setLockAfter(120);
		await key.watchIdle();
		expect(idle.afterMs).toBe(120_000);

		const firstStop = idle.stop;
		idle.stop = vi.fn();
		await key.setLockAfter(30);
		await key.watchIdle();
		expect(firstStop).toHaveBeenCalledOnce();
		expect(idle.afterMs).toBe(30_000);

		idle.fire();
		expect(onIdle).toHaveBeenCalledOnce();
	});
});
