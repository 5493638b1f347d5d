/**
 * What this device keeps to unlock each person's data, in its own Dexie database `pep-device`:
 * their data key wrapped by their passcode, how many wrong passcodes have been entered since the
 * last right one, and the device id the server knows this device by. Nothing here is about a
 * child, so it is stored as it is.
 *
 * Settings of the device itself (how soon it locks) live here too.
 */
import { Dexie, type Table } from 'dexie';
import { z } from 'zod';
import { deviceDatabaseName, findDeviceKey, type DeviceKey } from './device-key-lookup';
import { currentVersion } from './passcode-key';

// Read at every start without Dexie or zod (see `device-key-lookup.ts`); written here.
export { findDeviceKey, type DeviceKey };

/** What the device keeps of the data key (`WrappedKey`), checked before it is written. */
export const wrappedKey = z.object({
	version: z.literal(currentVersion),
	/** base64 */
	salt: z.string().min(1),
	iterations: z.number().int().positive(),
	/** base64, AES-KW */
	wrapped: z.string().min(1)
});

/** One person's key on this device (`DeviceKey`), checked before it is written. */
export const deviceKey = z.object({
	userId: z.string().min(1),
	key: wrappedKey,
	/** Wrong passcodes in a row; reset by a right one. */
	failedAttempts: z.number().int().nonnegative(),
	/** Random, made at passcode setup; sent with every request so the server can revoke it. */
	deviceId: z.string().min(1)
});

export const defaultLockAfterSeconds = 5 * 60;

interface Setting {
	name: string;
	value: unknown;
}

class DeviceDatabase extends Dexie {
	keys!: Table<DeviceKey, string>;
	settings!: Table<Setting, string>;

	constructor() {
		super(deviceDatabaseName);
		this.version(1).stores({ keys: 'userId', settings: 'name' });
	}
}

let db: DeviceDatabase | null = null;
const device = () => (db ??= new DeviceDatabase());

export async function saveDeviceKey(key: DeviceKey): Promise<void> {
	await device().keys.put(deviceKey.parse(key));
}

/** Counts one more wrong passcode; returns how many there have been in a row. */
export async function noteWrongPasscode(userId: string): Promise<number> {
	return device().transaction('rw', device().keys, async () => {
		const key = await device().keys.get(userId);
		if (!key) return 0;
		const failedAttempts = key.failedAttempts + 1;
		await device().keys.put({ ...key, failedAttempts });
		return failedAttempts;
	});
}

export async function noteRightPasscode(userId: string): Promise<void> {
	await device().keys.update(userId, { failedAttempts: 0 });
}

export async function forgetDeviceKey(userId: string): Promise<void> {
	await device().keys.delete(userId);
}

/** How long the app may sit untouched, or hidden, before it locks. */
export async function lockAfterSeconds(): Promise<number> {
	const value = (await device().settings.get('lockAfterSeconds'))?.value;
	return typeof value === 'number' && value > 0 ? value : defaultLockAfterSeconds;
}

export async function setLockAfterSeconds(seconds: number): Promise<void> {
	await device().settings.put({ name: 'lockAfterSeconds', value: seconds });
}
