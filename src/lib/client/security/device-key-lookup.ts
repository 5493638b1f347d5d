/**
 * Reading this person's wrapped key from the device's `pep-device` database, as the gate screens
 * need at every start, without the database library that writes it (`device-keys.ts`, Dexie):
 * the passcode screen appears before that library has loaded. Only reads; a database that does
 * not exist yet is not created here.
 */
import { z } from 'zod';
import { wrappedKey } from './passcode-key';

export const deviceDatabaseName = 'pep-device';
export const keysStoreName = 'keys';

export const deviceKey = z.object({
	userId: z.string().min(1),
	key: wrappedKey,
	/** Wrong passcodes in a row; reset by a right one. */
	failedAttempts: z.number().int().nonnegative(),
	/** Random, made at passcode setup; sent with every request so the server can revoke it. */
	deviceId: z.string().min(1)
});
export type DeviceKey = z.infer<typeof deviceKey>;

/** This person's key on this device; null when no passcode was set here (or it was wiped). */
export async function findDeviceKey(userId: string): Promise<DeviceKey | null> {
	const parsed = deviceKey.safeParse(await readKey(userId));
	return parsed.success ? parsed.data : null;
}

/** The stored row, or undefined when there is none (or no database, or no store, yet). */
function readKey(userId: string): Promise<unknown> {
	return new Promise((done, fail) => {
		// Opened at whatever version is on disk, so whoever created it (Dexie) stays in charge of
		// its schema; no version is asked for, so an upgrade only happens when it does not exist.
		const request = indexedDB.open(deviceDatabaseName);
		let missing = false;
		request.onupgradeneeded = () => {
			// Nothing is stored here yet: leave the database uncreated, for Dexie to make.
			missing = true;
			request.transaction?.abort();
		};
		request.onerror = (event) => {
			if (missing) {
				event.preventDefault();
				done(undefined);
			} else fail(request.error);
		};
		request.onblocked = () => fail(new Error(`${deviceDatabaseName} is blocked`));
		request.onsuccess = () => {
			const db = request.result;
			// Never stand in the way of Dexie upgrading or deleting the database.
			db.onversionchange = () => db.close();
			if (!db.objectStoreNames.contains(keysStoreName)) {
				db.close();
				done(undefined);
				return;
			}
			const get = db.transaction(keysStoreName, 'readonly').objectStore(keysStoreName).get(userId);
			get.onsuccess = () => {
				db.close();
				done(get.result);
			};
			get.onerror = () => {
				db.close();
				fail(get.error);
			};
		};
	});
}
